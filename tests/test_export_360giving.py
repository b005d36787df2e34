"""The 360Giving export: valid against the real 360Giving schemas, and true to the data files.

The schemas are the project's own unchanged copies in `tests/standards/360giving-1.4.3/` (their
source and licence are in `tests/standards/README.md`). Counts and totals are checked against the YAML files read
directly with `yaml.safe_load`, not through the generator's own loader.
"""
from __future__ import annotations

import copy
import csv
import io
import json
import re
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

import pytest
import yaml

from conftest import FIXTURE_DATA
from schemacheck import giving360_errors, giving360_validator
from staffdata import GRANT, dataset as dataset_with, with_recipients
from transparency.dataset import Dataset, load
from transparency.exports.giving360 import grants, grants_csv, grants_json

PUBLISHED = datetime(2026, 11, 28, 10, 0, tzinfo=timezone.utc)

CSV_HEADER = [
    "Identifier", "Title", "Description", "Currency", "Amount Awarded", "Award Date", "URL",
    "Planned Dates:Start Date", "Planned Dates:End Date", "Planned Dates:Duration (months)",
    "Recipient Org:Identifier", "Recipient Org:Name", "Recipient Org:Charity Number",
    "Recipient Org:Company Number", "Recipient Org:Web Address", "Recipient Org:Postal Code",
    "Funding Org:Identifier", "Funding Org:Name", "Grant Programme:Code", "Grant Programme:Title",
    "Beneficiary Location:Name", "Beneficiary Location:Country Code",
    "Beneficiary Location:Geographic Code", "Beneficiary Location:Geographic Code Type",
    "Classifications:Vocabulary", "Classifications:Code", "Classifications:Title", "Data Source", "Last Modified",
]


# --- helpers ------------------------------------------------------------------


@pytest.fixture(scope="module")
def validator():
    return giving360_validator()


def errors_of(validator, package: dict) -> list[str]:
    return giving360_errors(package)


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    ds, problems = load(FIXTURE_DATA)
    assert not problems, problems
    return ds


@pytest.fixture(scope="module")
def package(dataset) -> dict:
    """The package as a reader gets it: the published JSON bytes parsed, numbers as exact Decimals."""
    return json.loads(grants_json(dataset, PUBLISHED), parse_float=Decimal)


@pytest.fixture(scope="module")
def raw_awards() -> dict[str, dict]:
    """Every award file read with plain yaml.safe_load, by id (the file name)."""
    return {p.stem: yaml.safe_load(p.read_text(encoding="utf-8"))
            for p in sorted((FIXTURE_DATA / "awards").glob("*.yml"))}


@pytest.fixture(scope="module")
def raw_organisation() -> dict:
    return yaml.safe_load((FIXTURE_DATA / "organisation.yml").read_text(encoding="utf-8"))


def read_csv(data: bytes) -> tuple[list[str], list[dict[str, str]]]:
    assert data.startswith(b"\xef\xbb\xbf"), "the CSV starts with a UTF-8 byte order mark, for Excel"
    text = data[3:].decode("utf-8")
    reader = csv.DictReader(io.StringIO(text, newline=""))
    rows = list(reader)
    return list(reader.fieldnames or []), rows


# --- valid against the standard -----------------------------------------------


def test_example_package_is_valid_360giving(validator, package):
    assert package["grants"], "the example data has grants"
    errors = errors_of(validator, package)
    assert errors == [], "the 360Giving package is invalid:\n" + "\n".join(errors)


def _amount_as_text(p):
    p["grants"][0]["amountAwarded"] = str(p["grants"][0]["amountAwarded"])


def _no_recipient(p):
    del p["grants"][0]["recipientOrganization"]


def _recipient_without_id(p):
    del p["grants"][0]["recipientOrganization"][0]["id"]


def _award_date_day_first(p):
    p["grants"][0]["awardDate"] = "28/02/2026"


def _impossible_date_modified(p):
    # only a working format checker catches this: the schema says `"format": "date-time"`
    p["grants"][0]["dateModified"] = "2026-02-30T00:00:00+00:00"


def _date_modified_without_time(p):
    p["grants"][0]["dateModified"] = "2026-02-28"


def _currency_symbol(p):
    p["grants"][0]["currency"] = "£"


def _no_grants(p):
    p["grants"] = []


def _licence_not_a_uri(p):
    p["license"] = "Open Government Licence"


def _duplicate_grant(p):
    p["grants"].append(copy.deepcopy(p["grants"][0]))


@pytest.mark.parametrize("breakage", [
    _amount_as_text, _no_recipient, _recipient_without_id, _award_date_day_first,
    _impossible_date_modified, _date_modified_without_time, _currency_symbol, _no_grants,
    _licence_not_a_uri, _duplicate_grant,
])
def test_a_broken_package_fails_validation(validator, package, breakage):
    broken = copy.deepcopy(package)
    breakage(broken)
    assert errors_of(validator, broken), f"{breakage.__name__}: the validator should reject this package"


def test_dates_are_real_calendar_dates(package):
    """The schema checks awardDate and planned dates with a pattern only ("2026-02-30" passes it)."""
    for g in package["grants"]:
        date.fromisoformat(g["awardDate"])
        for period in g.get("plannedDates", []):
            assert date.fromisoformat(period["startDate"]) <= date.fromisoformat(period["endDate"])
        assert datetime.fromisoformat(g["dateModified"]).tzinfo is not None


# --- identifiers --------------------------------------------------------------


def test_grant_identifiers(package, raw_organisation):
    prefix = raw_organisation["grant_id_prefix"] + "-"
    ids = [g["id"] for g in package["grants"]]
    assert len(ids) == len(set(ids)), "grant identifiers are unique"
    for id in ids:
        assert id.startswith(prefix), id
        assert len(id) > len(prefix), id
        assert not re.search(r"[\s/\\]", id), f"{id!r} has a space, slash or line break"


def test_recipient_and_funder_identifiers(package, raw_awards, raw_organisation):
    prefix = raw_organisation["grant_id_prefix"] + "-"
    kinds = set()
    for g in package["grants"]:
        recipient = raw_awards[g["id"].removeprefix(prefix)]["recipient"]
        [org] = g["recipientOrganization"]
        assert org["name"] == recipient["name"]
        if recipient.get("charity_number"):
            kinds.add("charity")
            assert org["id"] == f"GB-CHC-{recipient['charity_number']}"
            assert org["charityNumber"] == str(recipient["charity_number"])
        elif recipient.get("company_number"):
            kinds.add("company")
            assert org["id"] == f"GB-COH-{recipient['company_number']}"
            assert "charityNumber" not in org
        else:
            kinds.add("other")
            assert org["id"] == recipient["org_id"]
        if recipient.get("company_number"):
            assert org["companyNumber"] == str(recipient["company_number"])
        assert g["fundingOrganization"] == [{"id": raw_organisation["org_id"], "name": raw_organisation["name"]}]
    assert kinds == {"charity", "company", "other"}, "the example data exercises every kind of recipient id"


def test_scottish_and_northern_ireland_charities_and_unregistered_groups(validator, tmp_path):
    ds = dataset_with(tmp_path, with_recipients(GRANT))
    package = json.loads(grants_json(ds, PUBLISHED), parse_float=Decimal)
    assert errors_of(validator, package) == []
    recipients = {g["id"]: g["recipientOrganization"] for g in package["grants"]}
    prefix = ds.organisation.grant_id_prefix
    assert recipients[f"{prefix}-scottish-charity"] == [
        {"id": "GB-SC-SC012345", "name": "Test Youth Group", "charityNumber": "SC012345"}]
    assert recipients[f"{prefix}-northern-ireland-charity"] == [  # the register's number is the 6 digits
        {"id": "GB-NIC-100001", "name": "Test Youth Group", "charityNumber": "100001"}]
    assert recipients[f"{prefix}-unregistered-group"] == [
        {"id": "360G-example-opcc-org-lantern-lane", "name": "Test Youth Group"}]


# --- true to the data ---------------------------------------------------------


def test_one_grant_per_grant_award_and_the_same_total(package, raw_awards, raw_organisation):
    grant_awards = {id: a for id, a in raw_awards.items() if a["kind"] == "grant"}
    contracts = {id for id, a in raw_awards.items() if a["kind"] != "grant"}
    assert grant_awards and contracts, "the example data has grants and contracts"
    published = package["grants"]
    assert len(published) == len(grant_awards)
    prefix = raw_organisation["grant_id_prefix"] + "-"
    assert {g["id"].removeprefix(prefix) for g in published} == set(grant_awards), "no contracts, no grant left out"
    assert sum(g["amountAwarded"] for g in published) == sum(Decimal(str(a["amount"])) for a in grant_awards.values())
    for g in published:
        a = grant_awards[g["id"].removeprefix(prefix)]
        assert g["amountAwarded"] == Decimal(str(a["amount"]))
        assert g["awardDate"] == a["award_date"].isoformat()
        assert g["currency"] == "GBP"
        assert g["title"] == a["title"] and g["description"] == a["description"].strip()
        assert g["grantProgramme"][0]["code"] == a["fund"]


def test_grants_ordered_by_award_date_then_id(package):
    keys = [(g["awardDate"], g["id"]) for g in package["grants"]]
    assert keys == sorted(keys)


def test_beneficiary_location_and_planned_dates(package, raw_awards, raw_organisation):
    prefix = raw_organisation["grant_id_prefix"] + "-"
    areas, terms = set(), 0
    for g in package["grants"]:
        a = raw_awards[g["id"].removeprefix(prefix)]
        coverage = a.get("coverage", "countywide")
        expected = raw_organisation["area"] if coverage == "countywide" else coverage["area"]
        areas.add(expected)
        assert [loc["name"] for loc in g["beneficiaryLocation"]] == [expected]
        term = a.get("term") or {}
        if term.get("start"):
            terms += 1
            start, years = term["start"], term["initial_years"]
            # the first period's last day: the day before the same date `years` later
            end = date(start.year + years, start.month, start.day) - timedelta(days=1)
            assert g["plannedDates"] == [{"startDate": start.isoformat(), "endDate": end.isoformat(),
                                          "duration": 12 * years}]
        else:
            assert "plannedDates" not in g
    assert len(areas) > 1 and terms > 0, "the example data has an area award and a grant with a term"


def test_last_modified_comes_from_the_data_not_the_clock(dataset, package, raw_awards, raw_organisation):
    prefix = raw_organisation["grant_id_prefix"] + "-"
    for g in package["grants"]:
        a = raw_awards[g["id"].removeprefix(prefix)]
        latest = max([a["award_date"], *(r["received"] for r in a.get("outcome_reports", []))])
        assert datetime.fromisoformat(g["dateModified"]).date() == latest
    later = grants(dataset, PUBLISHED + timedelta(days=400))
    assert [g["dateModified"] for g in later["grants"]] == [g["dateModified"] for g in package["grants"]]
    assert later["issued"] != package["issued"], "only the package's issue date follows `published`"


def test_package_metadata(package, raw_organisation):
    assert package["license"] == "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"
    assert package["publisher"]["identifier"] == raw_organisation["org_id"]
    assert package["issued"] == "2026-11-28T10:00:00+00:00"
    assert package["modified"] == max(g["dateModified"] for g in package["grants"])
    assert list(package)[-1] == "grants", "metadata first, so a reader sees it before thousands of grants"


def test_published_needs_a_time_zone(dataset):
    with pytest.raises(ValueError, match="time zone"):
        grants(dataset, PUBLISHED.replace(tzinfo=None))


# --- the flat CSV -------------------------------------------------------------


def test_csv_matches_the_json(dataset, package, raw_awards):
    data = grants_csv(dataset, PUBLISHED)
    assert b"\r\n" in data and data.count(b"\r\n") == data.count(b"\n"), "CSV lines end in CRLF"
    header, rows = read_csv(data)
    assert header == CSV_HEADER
    assert len(rows) == len(package["grants"]) == sum(1 for a in raw_awards.values() if a["kind"] == "grant")
    assert sum(Decimal(r["Amount Awarded"]) for r in rows) == sum(
        Decimal(str(a["amount"])) for a in raw_awards.values() if a["kind"] == "grant")
    for row, g in zip(rows, package["grants"]):
        assert row["Identifier"] == g["id"]
        assert re.fullmatch(r"\d+(\.\d\d)?", row["Amount Awarded"]), "amounts are plain numbers"
        assert Decimal(row["Amount Awarded"]) == g["amountAwarded"]
        assert row["Award Date"] == g["awardDate"]
        assert row["Recipient Org:Identifier"] == g["recipientOrganization"][0]["id"]
        assert row["Recipient Org:Charity Number"] == g["recipientOrganization"][0].get("charityNumber", "")
        assert row["Funding Org:Identifier"] == g["fundingOrganization"][0]["id"]
        assert row["Beneficiary Location:Name"] == g["beneficiaryLocation"][0]["name"]
        assert row["Planned Dates:Start Date"] == g.get("plannedDates", [{}])[0].get("startDate", "")
        assert row["Last Modified"] == g["dateModified"]
        assert row["Description"] == g["description"], "multi-line text survives the CSV"


# --- determinism --------------------------------------------------------------


def test_same_data_same_bytes(dataset):
    assert grants_json(dataset, PUBLISHED) == grants_json(dataset, PUBLISHED)
    assert grants_csv(dataset, PUBLISHED) == grants_csv(dataset, PUBLISHED)
    reloaded, _ = load(FIXTURE_DATA)
    # the order the award files were read in does not matter
    reloaded.awards = dict(reversed(list(reloaded.awards.items())))
    assert grants_json(reloaded, PUBLISHED) == grants_json(dataset, PUBLISHED)
    assert grants_csv(reloaded, PUBLISHED) == grants_csv(dataset, PUBLISHED)
