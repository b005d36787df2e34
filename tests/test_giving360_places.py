"""360Giving data GrantNav can map and trust: postcodes, area codes, the data source, classifications.

The export is read as a reader gets it (the published JSON bytes) on the tests' own office, whose
countywide awards have the force area's code and whose two local services have their district's
and unitary authority's codes; and on crafted awards for what the office's data does not hold.
The 360Giving Data Quality Tool's checks (tests/giving360quality.py) find nothing to say of it.
"""
from __future__ import annotations

import copy
import json
import tempfile
from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from conftest import FIXTURE_DATA, ROOT, copy_data
from giving360quality import TRUE_OF_THE_RECIPIENT, findings, standard_codes
from schemacheck import giving360_errors
from staffdata import GRANT, TODAY, dataset as dataset_with, edit, problems
from transparency import places
from transparency.dataset import load
from transparency.exports.giving360 import grants_csv, grants_json
from test_export_360giving import PUBLISHED, read_csv

FENLAND, PETERBOROUGH = "E07000010", "E06000031"
CAMBRIDGESHIRE = "E23000023"


@pytest.fixture(scope="module")
def dataset():
    ds, found = load(FIXTURE_DATA)
    assert not found, found
    return ds


@pytest.fixture(scope="module")
def package(dataset) -> dict:
    return json.loads(grants_json(dataset, PUBLISHED), parse_float=Decimal)


@pytest.fixture(scope="module")
def raw_awards() -> dict[str, dict]:
    return {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted((FIXTURE_DATA / "awards").glob("*.yml"))}


def by_award(package: dict, dataset) -> dict[str, dict]:
    prefix = dataset.organisation.grant_id_prefix + "-"
    return {g["id"].removeprefix(prefix): g for g in package["grants"]}


# --- the shapes: postcodes by Royal Mail's rules, ONS codes by their entity ---------------------


@pytest.mark.parametrize("text, published", [
    ("PE29 6XX", "PE29 6XX"), ("PE1 1AB", "PE1 1AB"), ("EC1A 1BB", "EC1A 1BB"), ("W1A 0AX", "W1A 0AX"),
    ("M1 1AE", "M1 1AE"), ("B33 8TH", "B33 8TH"), ("CR2 6XH", "CR2 6XH"), ("DN55 1PT", "DN55 1PT"),
    ("E1W 1AA", "E1W 1AA"), ("GIR 0AA", "GIR 0AA"),
    # typed or pasted: the same postcode
    ("pe29 6xx", "PE29 6XX"), ("PE296XX", "PE29 6XX"), ("PE2 96XX", "PE29 6XX"), (" PE29  6XX ", "PE29 6XX"), ("pe29\u00a06xx", "PE29 6XX"),
])
def test_a_postcode_is_read_as_royal_mail_writes_it(text, published):
    assert places.postcode(text) == published


@pytest.mark.parametrize("text", [
    "PE29 6X", "PE29 66X", "QE1 1AA",  # Q never starts a postcode
    "PJ1 1AA",  # J is never the second letter
    "PE29 6CX", "PE29 6XI",  # C, I, K, M, O, V are never in the inward code
    "W1L 0AX",  # L never follows one letter and a digit
    "EC1C 1BB",  # C never follows two letters and a digit
    "12345", "Cambridge", "", "PE29 6XX PE29 6XX", "PE29-6XX",
])
def test_what_is_not_a_postcode(text):
    assert places.postcode(text) is None


@pytest.mark.parametrize("code, kind", [
    (FENLAND, "NMD"), (PETERBOROUGH, "UA"), ("E08000025", "MD"), ("E09000001", "LONB"), ("E10000003", "CTY"),
    ("W06000015", "UA"), ("S12000036", "CA"),
])
def test_a_district_or_local_authority_code_and_its_type(code, kind):
    assert places.area_code_problem(code) is None
    assert places.area_code_type(code) == kind


@pytest.mark.parametrize("code, says", [
    ("E01000001", "Super Output Areas, Lower Layer (codes starting E01)"),
    ("E14000530", "Westminster Parliamentary Constituencies (codes starting E14)"),
    ("E05000026", "Electoral Wards/Divisions (codes starting E05)"),
    (CAMBRIDGESHIRE, "Police Force Areas (codes starting E23)"),
    ("E99000001", "an area 360Giving's list does not name (codes starting E99)"),
])
def test_an_area_that_is_not_a_district_or_council_is_refused(code, says):
    message = places.area_code_problem(code)
    assert message.startswith(f"`{code}` is an ONS code for {says}, not for a district or council")
    assert places.area_code_type(code) is None


@pytest.mark.parametrize("code", ["E0700001", "E070000100", "E07 000010", "Fenland", "07000010"])
def test_a_malformed_code_is_refused_for_its_shape(code):
    assert places.area_code_problem(code).startswith(f"`{code}` is not an ONS area code")
    assert places.force_area_problem(code).startswith(f"`{code}` is not an ONS area code")


def test_a_code_in_small_letters_is_refused_with_its_capitals():
    said = "`e07000010` is written in small letters: ONS codes start with a capital, `E07000010`"
    assert places.area_code_problem("e07000010") == said
    assert places.force_area_problem("e07000010") == said


def test_police_force_area_codes():
    assert places.force_area_code_type(CAMBRIDGESHIRE) == "PFA"
    assert places.force_area_code_type("W15000001") == "PFA"  # Wales's police force areas are W15
    assert places.force_area_code_type(FENLAND) is None
    assert places.force_area_problem(FENLAND).startswith(f"`{FENLAND}` is not the ONS code of a police force area")


def test_the_shipped_codelist_is_the_standards_copy():
    shipped = ROOT / "transparency" / "giving360-codelists" / "geoCodeType.csv"
    standard = ROOT / "tests" / "standards" / "360giving-1.4.3" / "codelists" / "geoCodeType.csv"
    assert shipped.read_bytes() == standard.read_bytes()
    codes = standard_codes("geoCodeType.csv")
    assert set(places.LOCAL_AUTHORITY_TYPES) | {places.FORCE_AREA_TYPE} <= codes


# --- the export --------------------------------------------------------------------------------


def test_a_countywide_award_has_the_force_area_and_a_local_one_its_district(package, dataset, raw_awards):
    grants = by_award(package, dataset)
    local = {id: a for id, a in raw_awards.items() if isinstance(a.get("coverage"), dict)}
    countywide = [id for id in grants if id not in local]
    assert countywide, "the office has countywide grants"
    for id in countywide:
        assert grants[id]["beneficiaryLocation"] == [{
            "name": "Cambridgeshire and Peterborough", "countryCode": "GB",
            "geoCode": CAMBRIDGESHIRE, "geoCodeType": "PFA"}], id
    local_grants = [id for id in local if id in grants]
    assert local_grants, "the office has a local grant"
    expected = {"Fenland": (FENLAND, "NMD"), "Peterborough": (PETERBOROUGH, "UA")}
    for id in local_grants:
        area = local[id]["coverage"]["area"]
        code, kind = expected[area]
        assert grants[id]["beneficiaryLocation"] == [
            {"name": area, "countryCode": "GB", "geoCode": code, "geoCodeType": kind}], id


def test_every_recipient_has_its_postcode_and_every_grant_its_source(package, dataset, raw_awards):
    grants = by_award(package, dataset)
    assert grants
    for id, g in grants.items():
        assert g["recipientOrganization"][0]["postalCode"] == raw_awards[id]["recipient"]["postcode"]
        assert g["dataSource"] == "https://www.example.org/opcc/funding/open-data/"


def test_the_export_is_valid_and_its_codes_are_in_the_codelist(package):
    assert giving360_errors(package) == []
    types = standard_codes("geoCodeType.csv")
    used = {loc["geoCodeType"] for g in package["grants"] for loc in g["beneficiaryLocation"]}
    assert used == {"PFA", "UA"}  # the force area; Peterborough (the Fenland pilot is a contract)
    assert used <= types


def test_the_data_quality_tool_finds_nothing_to_say(package, dataset, raw_awards):
    found = findings(package, TODAY)
    prefix = dataset.organisation.grant_id_prefix + "-"
    unavoidable = [f for f in found if f[1] in TRUE_OF_THE_RECIPIENT]
    for _, _, grant_id, _ in unavoidable:  # true of the recipient: a council has no charity or company number
        recipient = raw_awards[grant_id.removeprefix(prefix)]["recipient"]
        assert not (recipient.get("charity_number") or recipient.get("company_number")), grant_id
    assert [f for f in found if f[1] not in TRUE_OF_THE_RECIPIENT] == []


@pytest.mark.parametrize("breakage, check", [
    (lambda g: g["recipientOrganization"][0].pop("postalCode"), "IncompleteRecipientOrg"),
    (lambda g: [loc.pop("geoCode") for loc in g["beneficiaryLocation"]], "BeneficiaryLocationNameWithoutCode"),
    (lambda g: g.pop("beneficiaryLocation"), "NoBeneficiaryLocation"),
    (lambda g: g.pop("dataSource"), "NoDataSource"),
    (lambda g: g.pop("grantProgramme"), "NoGrantProgramme"),
    (lambda g: g.pop("dateModified"), "NoLastModified"),
    (lambda g: g.update(description=g["title"]), "TitleDescriptionSame"),
    (lambda g: g.update(title="x" * 141), "TitleLength"),
    (lambda g: g.update(amountAwarded=0), "ZeroAmountTest"),
    (lambda g: g.update(awardDate="2027-01-01"), "PostDatedAwardDates"),
    (lambda g: g.update(description="Write to someone@example.org"), "LooksLikeEmail"),
    (lambda g: g["recipientOrganization"][0].update(id="XX-NOPE-1"), "RecipientOrgUnrecognisedPrefix"),
])
def test_each_check_can_find_something(package, breakage, check):
    broken = copy.deepcopy(package)
    breakage(broken["grants"][0])
    assert check in {f[1] for f in findings(broken, TODAY)}


def test_without_a_site_address_there_is_no_data_source(tmp_path):
    data = copy_data(Path(tempfile.mkdtemp(dir=tmp_path)))
    org = data / "organisation.yml"
    org.write_text(edit(org.read_text(encoding="utf-8"), "site_url: https://www.example.org/opcc/funding/\n", ""),
                   encoding="utf-8")
    ds, found = load(data)
    assert not found
    package = json.loads(grants_json(ds, PUBLISHED), parse_float=Decimal)
    assert package["grants"] and all("dataSource" not in g for g in package["grants"])
    assert {f[1] for f in findings(package, TODAY)} >= {"NoDataSource"}
    assert giving360_errors(package) == []


def test_without_codes_the_locations_have_names_only(tmp_path):
    data = copy_data(Path(tempfile.mkdtemp(dir=tmp_path)))
    org = data / "organisation.yml"
    org.write_text(edit(org.read_text(encoding="utf-8"), f"force_area_code: {CAMBRIDGESHIRE}\n", ""), encoding="utf-8")
    ds, found = load(data)
    assert not found
    package = json.loads(grants_json(ds, PUBLISHED), parse_float=Decimal)
    countywide = [loc for g in package["grants"] for loc in g["beneficiaryLocation"]
                  if loc["name"] == "Cambridgeshire and Peterborough"]
    assert countywide and all(set(loc) == {"name", "countryCode"} for loc in countywide)
    assert giving360_errors(package) == []


# --- crafted awards: a pasted postcode, a focus -----------------------------------------------


LOCAL_GRANT = GRANT.replace('  charity_number: "9000002"\n', '  charity_number: "9000002"\n  postcode: {postcode}\n') + """\
coverage:
  area: Fenland
  code: E07000010
  reason: local-need
  explanation: Most of the incidents the grant answers are in Fenland.
focus: {focus}
"""


def test_a_pasted_postcode_is_published_as_royal_mail_writes_it_and_staff_are_warned(tmp_path):
    text = LOCAL_GRANT.format(postcode='"pe29  6xx "', focus="prevention")
    assert problems(tmp_path, {"awards/pasted.yml": text}) == [
        "data/awards/pasted.yml:7: recipient.postcode: warning: `pe29  6xx` is published as `PE29 6XX`: write it "
        "that way (capital letters, one space before the last three characters) so that it reads the same everywhere"]
    data = copy_data(Path(tempfile.mkdtemp(dir=tmp_path)))
    (data / "awards" / "pasted.yml").write_text(text, encoding="utf-8")
    ds, _ = load(data)
    # read as written (the reader trims the ends of every text, as it does a name's)
    assert ds.awards["pasted"].recipient.postcode == "pe29  6xx"
    assert (data / "awards" / "pasted.yml").read_text(encoding="utf-8") == text, "the file is left as staff wrote it"
    package = json.loads(grants_json(ds, PUBLISHED), parse_float=Decimal)
    (grant,) = [g for g in package["grants"] if g["id"].endswith("-pasted")]
    assert grant["recipientOrganization"][0]["postalCode"] == "PE29 6XX"


def test_the_focus_is_the_grants_classification(tmp_path):
    ds = dataset_with(tmp_path, {"awards/upstream.yml": LOCAL_GRANT.format(postcode="PE29 6XX", focus="early-intervention")})
    package = json.loads(grants_json(ds, PUBLISHED), parse_float=Decimal)
    (grant,) = [g for g in package["grants"] if g["id"].endswith("-upstream")]
    assert grant["classifications"] == [{"vocabulary": "360G-example-opcc-focus", "code": "early-intervention",
                                         "title": "Early intervention"}]
    assert grant["beneficiaryLocation"] == [{"name": "Fenland", "countryCode": "GB", "geoCode": FENLAND,
                                             "geoCodeType": "NMD"}]
    assert giving360_errors(package) == []
    _, rows = read_csv(grants_csv(ds, PUBLISHED))
    (row,) = [r for r in rows if r["Identifier"] == grant["id"]]
    assert (row["Classifications:Code"], row["Classifications:Title"]) == ("early-intervention", "Early intervention")
    assert (row["Beneficiary Location:Geographic Code"], row["Beneficiary Location:Geographic Code Type"]) == (
        FENLAND, "NMD")
    assert row["Recipient Org:Postal Code"] == "PE29 6XX"
    assert row["Data Source"] == "https://www.example.org/opcc/funding/open-data/"


def test_the_data_source_is_the_built_sites_open_data_page_which_lists_the_file(example_site):
    package = json.loads((example_site.site / "data" / "360giving.json").read_text(encoding="utf-8"))
    root = "https://www.example.org/opcc/funding/"
    sources = {g["dataSource"] for g in package["grants"]}
    assert sources == {root + "open-data/"}
    page = example_site.page("open-data/")
    assert "360giving.json" in page and "360giving.csv" in page
    assert {f[1] for f in findings(package, TODAY)} <= set(TRUE_OF_THE_RECIPIENT), "the file as published"
