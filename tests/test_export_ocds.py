"""The OCDS 1.1 release package: valid against the real schema and codelists, true to the data files."""
from __future__ import annotations

import copy
import json
import re
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from functools import cache

import jsonschema
import pytest
import yaml

from conftest import FIXTURE_DATA
from schemacheck import ocds_code_errors, ocds_coded, ocds_errors, ocds_milestones
from staffdata import CONTRACT, dataset, with_recipients
from transparency.orgids import registers
from transparency.dataset import load
from transparency.figures import compute
from transparency.exports.ocds import release_package, release_package_json

NOW = datetime(2026, 11, 28, 10, 0, tzinfo=timezone.utc)


# --- helpers --------------------------------------------------------------------


@cache
def _example_bytes() -> bytes:
    ds, problems = load(FIXTURE_DATA)
    assert not problems, problems
    return release_package_json(ds, NOW, compute(ds))


def _package() -> dict:
    """The published bytes read back, with amounts as exact Decimals."""
    return json.loads(_example_bytes(), parse_float=Decimal)


def _plain_package() -> dict:
    return json.loads(_example_bytes())


def _yaml(folder: str) -> dict[str, dict]:
    return {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted((FIXTURE_DATA / folder).glob("*.yml"))}


def _org() -> dict:
    return yaml.safe_load((FIXTURE_DATA / "organisation.yml").read_text(encoding="utf-8"))


def _by_ocid() -> dict[str, dict]:
    return {r["ocid"]: r for r in _package()["releases"]}


def _flat(text: str) -> str:
    return " ".join(text.split())


# --- the schema -------------------------------------------------------------------


def test_format_checking_is_really_on():
    """Without rfc3339-validator and rfc3986-validator, `format` would be silently ignored."""
    checker = jsonschema.Draft4Validator.FORMAT_CHECKER
    assert not checker.conforms("2026-07-01", "date-time")
    assert checker.conforms("2026-07-01T09:00:00+01:00", "date-time")
    assert not checker.conforms("not a uri", "uri")


def test_example_package_is_valid_ocds():
    package = _plain_package()
    errors = ocds_errors(package)
    assert not errors, "the OCDS package does not validate:\n" + "\n".join(errors)
    assert package["version"] == "1.1"
    assert package["releases"], "the example data has tenders and contracts"


def test_every_code_is_in_its_codelist():
    coded = ocds_coded(_package())
    wrong = ocds_code_errors(_package())
    assert not wrong, "\n".join(wrong)
    # the check covered what it claims to: each kind of code appears at least once
    assert {c for c, _, _ in coded} >= {
        "releaseTag.csv", "tenderStatus.csv", "method.csv", "awardCriteria.csv", "submissionMethod.csv",
        "milestoneType.csv", "milestoneStatus.csv", "contractStatus.csv", "documentType.csv", "partyRole.csv"}


def test_every_identifier_scheme_is_a_register_org_id_guide_knows():
    package = _package()
    schemes = [i["scheme"] for r in package["releases"] for p in r.get("parties", [])
               for i in [p.get("identifier"), *p.get("additionalIdentifiers", [])] if i]
    schemes.append(package["publisher"]["scheme"])
    assert schemes and not [s for s in schemes if s not in registers() or registers()[s].deprecated]


def test_scottish_and_northern_ireland_charities_and_unregistered_groups(tmp_path):
    ds = dataset(tmp_path, with_recipients(CONTRACT))
    package = json.loads(release_package_json(ds, NOW, compute(ds)))
    assert ocds_errors(package) == []
    parties = {p["id"]: p for r in package["releases"] for p in r.get("parties", [])}
    suppliers = {a["id"]: a["suppliers"] for r in package["releases"] for a in r.get("awards", [])}
    assert suppliers["scottish-charity"] == [{"id": "GB-SC-SC012345", "name": "Test Provider"}]
    assert parties["GB-SC-SC012345"]["identifier"] == {"scheme": "GB-SC", "id": "SC012345", "legalName": "Test Provider"}
    assert suppliers["northern-ireland-charity"] == [{"id": "GB-NIC-100001", "name": "Test Provider"}]
    assert parties["GB-NIC-100001"]["identifier"] == {"scheme": "GB-NIC", "id": "100001", "legalName": "Test Provider"}
    # OCDS schemes are org-id.guide lists; a group registered nowhere is named by our 360Giving id alone
    group = "360G-example-opcc-org-lantern-lane"
    assert suppliers["unregistered-group"] == [{"id": group, "name": "Test Provider"}]
    assert parties[group] == {"id": group, "name": "Test Provider", "roles": ["supplier"]}


def test_deprecated_award_criteria_are_not_used():
    deprecated = {"lowestCost", "bestProposal", "bestValueToGovernment", "singleBidOnly"}
    used = {r["tender"].get("awardCriteria") for r in _package()["releases"]}
    assert not used & deprecated


@pytest.mark.parametrize("breakage", ["amount-as-text", "no-ocid", "date-without-time", "unknown-tag"])
def test_a_broken_package_fails_validation(breakage):
    package = copy.deepcopy(_plain_package())
    release = next(r for r in package["releases"] if "value" in r["tender"])
    if breakage == "amount-as-text":
        release["tender"]["value"]["amount"] = "120000"
    elif breakage == "no-ocid":
        del release["ocid"]
    elif breakage == "date-without-time":
        release["date"] = release["date"][:10]
    else:
        release["tag"] = ["tenderOpened"]
    assert ocds_errors(package), f"{breakage}: the schema should reject this package"


# --- true to the data -------------------------------------------------------------


def test_every_tender_has_a_release_with_its_envelope_and_split():
    prefix = _org()["ocid_prefix"]
    releases = _by_ocid()
    tenders = _yaml("tenders")
    assert tenders
    for tender_id, raw in tenders.items():
        process = f"{prefix}-{tender_id}"
        assert process in releases, f"no release for tender {tender_id}"
        tender = releases[process]["tender"]
        assert tender["value"]["amount"] == Decimal(str(raw["funding_envelope"]["amount"]))
        assert tender["value"]["currency"] == "GBP"
        assert tender["awardCriteria"] == "ratedCriteria"
        split = raw["quality_cost_split"]
        assert f"Quality {split['quality']}%, cost {split['cost']}%" in tender["awardCriteriaDetails"]
        assert tender["procurementMethod"] == "open"
        assert tender["submissionMethod"] == ["electronicSubmission"]
        assert raw["portal_url"] in tender["submissionMethodDetails"]
        assert _org()["etendering_portal"]["name"] in tender["submissionMethodDetails"]


def test_tender_stage_gives_tag_and_status():
    releases = _by_ocid()
    prefix = _org()["ocid_prefix"]

    def stage(tender_id):
        r = releases[f"{prefix}-{tender_id}"]
        return r["tag"], r["tender"]["status"]

    assert stage("independent-domestic-violence-advisers-2027") == (["planning"], "planned")  # forthcoming
    assert stage("restorative-justice-service-2027") == (["tender"], "active")  # open
    assert stage("fraud-and-cyber-crime-victim-support-2026") == (["tender"], "active")  # closed, evaluating
    tags, status = stage("independent-sexual-violence-advisers-2025")  # awarded
    assert status == "complete"
    assert tags[:3] == ["tender", "award", "contract"]


def test_awarded_tender_holds_its_awards_and_suppliers():
    prefix = _org()["ocid_prefix"]
    awards = _yaml("awards")
    for tender_id, raw in _yaml("tenders").items():
        release = _by_ocid()[f"{prefix}-{tender_id}"]
        awarded = raw.get("awarded", [])
        assert sorted(a["id"] for a in release.get("awards", [])) == sorted(awarded)
        assert sorted(c["awardID"] for c in release.get("contracts", [])) == sorted(awarded)
        party_ids = {p["id"] for p in release["parties"]}
        for a in release.get("awards", []):
            recipient = awards[a["id"]]["recipient"]
            assert a["value"]["amount"] == Decimal(str(awards[a["id"]]["amount"]))
            assert [s["name"] for s in a["suppliers"]] == [recipient["name"]]
            supplier = a["suppliers"][0]["id"]
            assert supplier in party_ids
            if recipient.get("charity_number"):
                assert supplier == f"GB-CHC-{recipient['charity_number']}"
        buyer = next(p for p in release["parties"] if p["id"] == release["buyer"]["id"])
        assert {"buyer", "procuringEntity"} <= set(buyer["roles"])
        assert buyer["id"] == _org()["org_id"]


def test_single_tender_action_is_a_direct_award_with_its_sign_off():
    prefix = _org()["ocid_prefix"]
    stas = {k: v for k, v in _yaml("awards").items() if v["procurement_route"] == "single-tender-action"}
    assert stas, "the example data has a single tender action"
    for award_id, raw in stas.items():
        release = _by_ocid()[f"{prefix}-{award_id}"]
        tender = release["tender"]
        sta = raw["single_tender_action"]
        assert tender["procurementMethod"] == "direct"
        assert _flat(sta["reason"]) in _flat(tender["procurementMethodRationale"])
        assert tender["value"]["amount"] == Decimal(str(sta["value"]))
        approvals = [m for m in ocds_milestones(release) if m["type"] == "approval"]
        assert len(approvals) == 1
        approval = approvals[0]
        assert approval["status"] == "met"
        assert sta["signed_off_by"] in approval["description"]
        assert approval["dateMet"].startswith(str(sta["signed_off"]) + "T")
        assert [a["id"] for a in release["awards"]] == [award_id]


def test_other_routes_without_a_tender():
    prefix = _org()["ocid_prefix"]
    releases = _by_ocid()
    for award_id, raw in _yaml("awards").items():
        process = f"{prefix}-{award_id}"
        if raw["kind"] == "grant":
            assert process not in releases, f"grant {award_id} is not a contracting process"
            continue
        if raw.get("tender"):
            assert process not in releases, f"{award_id} belongs to its tender's release"
            continue
        tender = releases[process]["tender"]
        route = raw["procurement_route"]
        expected = {"three-quotes": "limited", "single-tender-action": "direct",
                    "competitive-tender": "open", "co-commissioned": None}[route]
        assert tender.get("procurementMethod") == expected, award_id
        assert tender["status"] == "complete"
        if route == "co-commissioned":
            pooled = Decimal(str(raw["amount"])) + sum(Decimal(str(c["contribution"])) for c in raw["co_commissioners"])
            assert releases[process]["contracts"][0]["value"]["amount"] == pooled
            funders = {p["name"] for p in releases[process]["parties"] if "funder" in p["roles"]}
            assert funders == {c["name"] for c in raw["co_commissioners"]}


def test_contract_status_and_outcome_reports():
    prefix = _org()["ocid_prefix"]
    releases = _by_ocid()
    expected_status = {"active": "active", "ended": "terminated", "de-commissioned": "terminated"}
    seen = set()
    for award_id, raw in _yaml("awards").items():
        if raw["kind"] != "contract":
            continue
        release = releases[f"{prefix}-{raw.get('tender') or award_id}"]
        contract = next(c for c in release["contracts"] if c["awardID"] == award_id)
        assert contract["status"] == expected_status[raw["status"]]
        seen.add(raw["status"])
        reports = raw.get("outcome_reports", [])
        milestones = contract.get("implementation", {}).get("milestones", [])
        assert len(milestones) == len(reports)
        for report, m in zip(sorted(reports, key=lambda r: r["period_end"]), milestones):
            assert (m["type"], m["status"]) == ("reporting", "met")
            assert m["dateMet"].startswith(f"{report['received']}T")
    assert seen == {"active", "ended", "de-commissioned"}, "the example data covers every status"


def test_contract_with_extensions_has_a_later_max_extent_date():
    prefix = _org()["ocid_prefix"]
    releases = _by_ocid()
    checked = 0
    for award_id, raw in _yaml("awards").items():
        if raw["kind"] != "contract":
            continue
        contract = next(c for c in releases[f"{prefix}-{raw.get('tender') or award_id}"]["contracts"]
                        if c["awardID"] == award_id)
        period = contract["period"]
        start, end, most = (datetime.fromisoformat(period[k]) for k in ("startDate", "endDate", "maxExtentDate"))
        assert start.date() == raw["term"]["start"]
        assert start < end <= most
        taken = sum(e["years"] for e in raw.get("extensions_taken", []))
        if sum(raw["term"].get("extensions", [])) > taken:  # more on offer than taken (issue 17)
            assert most > end, award_id
            checked += 1
        else:
            assert most == end, award_id
    assert checked
    # three years from 1 July 2025 plus a one-year extension (lot 1 of the ISVA tender)
    contract = releases[f"{prefix}-independent-sexual-violence-advisers-2025"]["contracts"][0]
    assert contract["period"] == {"startDate": "2025-07-01T00:00:00+01:00", "endDate": "2028-06-30T23:59:59+01:00",
                                  "maxExtentDate": "2029-06-30T23:59:59+01:00"}


def test_uk_summer_and_winter_times_carry_their_offsets():
    prefix = _org()["ocid_prefix"]
    tenders = _yaml("tenders")
    for tender_id, offset in (("fraud-and-cyber-crime-victim-support-2026", "+01:00"),
                              ("restorative-justice-service-2027", "+00:00")):
        raw, release = tenders[tender_id], _by_ocid()[f"{prefix}-{tender_id}"]
        # "2026-09-04 12:00" in the file: UK local time, written with the offset of that day
        deadline = str(raw["submission_deadline"]).replace(" ", "T") + ":00" + offset
        assert release["tender"]["tenderPeriod"]["endDate"] == deadline
        event = str(raw["market_engagement"][0]["start"]).replace(" ", "T") + ":00" + offset
        assert release["planning"]["milestones"][0]["dueDate"] == event
        assert release["planning"]["milestones"][0]["type"] == "engagement"
    assert _by_ocid()[f"{prefix}-fraud-and-cyber-crime-victim-support-2026"]["tender"]["tenderPeriod"]["endDate"] \
        == "2026-09-04T12:00:00+01:00"
    assert _by_ocid()[f"{prefix}-restorative-justice-service-2027"]["tender"]["tenderPeriod"]["endDate"] \
        == "2027-01-22T12:00:00+00:00"


def test_every_date_is_a_full_date_time_with_an_offset():
    pattern = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$")
    bad = []

    def walk(value, path):
        if isinstance(value, dict):
            for k, v in value.items():
                if k in {"date", "publishedDate", "startDate", "endDate", "maxExtentDate", "dueDate",
                         "dateMet", "dateModified", "datePublished"} and not pattern.match(v):
                    bad.append(f"{path}/{k}: {v}")
                walk(v, f"{path}/{k}")
        elif isinstance(value, list):
            for i, v in enumerate(value):
                walk(v, f"{path}/{i}")

    walk(_package(), "")
    assert not bad, "\n".join(bad)


def test_package_metadata():
    package = _package()
    org = _org()
    assert package["publishedDate"] == "2026-11-28T10:00:00+00:00"
    assert package["publisher"]["name"] == org["name"]
    assert package["publisher"]["scheme"] + "-" + package["publisher"]["uid"] == org["org_id"]
    assert package["uri"].endswith("/data/ocds.json")
    assert package["license"].startswith("https://")
    ocids = [r["ocid"] for r in package["releases"]]
    assert ocids == sorted(ocids)
    assert len({(r["ocid"], r["id"]) for r in package["releases"]}) == len(ocids)


# --- stable output ----------------------------------------------------------------


def test_same_data_and_moment_give_the_same_bytes():
    ds, _ = load(FIXTURE_DATA)
    first = release_package_json(ds, NOW, compute(ds))
    again, _ = load(FIXTURE_DATA)
    assert release_package_json(again, NOW, compute(again)) == first == _example_bytes()


def test_release_dates_come_from_the_data_not_the_clock():
    """A day later nothing changes stage, so every release is identical; only publishedDate moves."""
    ds, _ = load(FIXTURE_DATA)
    today, tomorrow = release_package(ds, NOW, compute(ds)), release_package(ds, NOW + timedelta(days=1), compute(ds))
    assert today["releases"] == tomorrow["releases"]
    assert today["publishedDate"] != tomorrow["publishedDate"]
    for r in today["releases"]:
        assert datetime.fromisoformat(r["date"]) <= NOW or "planning" in r["tag"], r["id"]


def test_a_forthcoming_tender_becomes_a_tender_release_once_published():
    ds, _ = load(FIXTURE_DATA)
    tender = ds.tenders["independent-domestic-violence-advisers-2027"]
    after = tender.published + timedelta(hours=1)
    release = next(r for r in release_package(ds, after, compute(ds))["releases"] if r["ocid"].endswith(tender.id))
    assert release["tag"] == ["tender"]
    assert release["tender"]["status"] == "active"
    assert release["date"] == tender.published.isoformat()
    assert any(d.get("documentType") == "tenderNotice" for d in release["tender"]["documents"])
    before = next(r for r in release_package(ds, NOW, compute(ds))["releases"] if r["ocid"].endswith(tender.id))
    assert before["id"] != release["id"], "new information gets a new release id"
