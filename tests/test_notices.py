"""The Procurement Act 2023's notices: what each record owes and by when (transparency/notices.py),
at the thresholds' edges and as they change, on the built pages, and in the OCDS package."""
from __future__ import annotations

import json
import tempfile
from datetime import date, datetime, timezone
from decimal import Decimal
from pathlib import Path

import pytest

from conftest import build, copy_data, make_project
from schemacheck import ocds_code_errors, ocds_errors
from staffdata import CONTRACT, GRANT, TENDER, TODAY, edit
from transparency import notices
from transparency.dataset import load
from transparency.exports.ocds import release_package_json
from transparency.figures import compute

NOW = datetime(2026, 11, 28, 10, 0, tzinfo=timezone.utc)
# a contract with no extensions on offer, so its value for the thresholds is its amount
PLAIN = edit(CONTRACT, "  extensions: [1]\n", "  extensions: []\n")


def contract(amount, *, extra: str = "", base: str = PLAIN, **changes) -> str:
    text = edit(base, "amount: 1000\n", f"amount: {amount}\n")
    for old, new in changes.items():
        text = edit(text, old, new)
    return text + extra


def read(tmp_path: Path, files: dict[str, str]):
    """The tests' office with `files` written into it, read (warnings about notices are the subject)."""
    data = copy_data(Path(tempfile.mkdtemp(dir=tmp_path)))
    for name, text in files.items():
        (data / name).write_text(text, encoding="utf-8")
    ds, problems = load(data)
    assert not problems, [str(p) for p in problems]
    return ds


def owed_types(tmp_path, text: str, today: date = TODAY, folder="awards") -> dict[str, date]:
    ds = read(tmp_path, {f"{folder}/x.yml": text})
    return {o.type: o.due for o in notices.owed(ds, today) if o.id == "x"}


# --- what is owed, at the edges -----------------------------------------------------------


@pytest.mark.parametrize("amount, expected", [
    ("29999.99", {}),  # below notifiable: nothing
    ("30000", {"UK7": date(2026, 5, 31)}),  # notifiable: a contract details notice within 30 days
    ("207719.99", {"UK7": date(2026, 5, 31)}),  # just below the threshold
    ("207720", {"UK4": date(2026, 5, 1), "UK6": date(2026, 5, 1), "UK7": date(2026, 5, 31)}),  # at it
])
def test_owed_at_the_thresholds(tmp_path, amount, expected):
    assert owed_types(tmp_path, contract(amount)) == expected


def test_light_touch_has_its_own_threshold_and_120_days(tmp_path):
    assert owed_types(tmp_path, contract("663539.99", extra="light_touch: true\n")) == {"UK7": date(2026, 5, 31)}
    assert owed_types(tmp_path, contract("663540", extra="light_touch: true\n")) == {
        "UK4": date(2026, 5, 1), "UK6": date(2026, 5, 1), "UK7": date(2026, 8, 29)}


def test_the_value_counts_partners_and_the_extensions_on_offer(tmp_path):
    # £150,000 a year for 1 year, plus a 1-year extension on offer at the same rate: £300,000
    text = edit(contract(150000, base=CONTRACT), "initial_years: 3", "initial_years: 1")
    assert "UK6" in owed_types(tmp_path, text)
    pooled = contract(150000, extra="co_commissioners:\n  - name: Test Partner\n    contribution: 60000\n")
    assert "UK6" in owed_types(tmp_path, pooled)
    assert "UK6" not in owed_types(tmp_path, contract(150000))


def test_thresholds_change_on_their_date(tmp_path):
    """The set in force when the procurement started: £214,904 until 31 December 2025, then £207,720."""
    old = contract(210000, **{"award_date: 2026-05-01": "award_date: 2025-12-31"})
    new = contract(210000, **{"award_date: 2026-05-01": "award_date: 2026-01-01"})
    assert set(owed_types(tmp_path, old)) == {"UK7"}
    assert set(owed_types(tmp_path, new)) == {"UK4", "UK6", "UK7"}


def test_nothing_is_owed_before_the_act_or_for_grants(tmp_path):
    assert owed_types(tmp_path, contract(500000, **{"award_date: 2026-05-01": "award_date: 2025-02-23"})) == {}
    assert owed_types(tmp_path, contract(500000, **{"award_date: 2026-05-01": "award_date: 2025-02-24"}))
    assert owed_types(tmp_path, edit(GRANT, "amount: 500\n", "amount: 400000\n")) == {}


def test_a_recorded_notice_is_no_longer_owed(tmp_path):
    text = contract(50000, extra='notices:\n  - type: UK7\n    published: 2026-05-20\n    reference: "012345-2026"\n')
    assert owed_types(tmp_path, text) == {}


def test_a_direct_award_owes_a_transparency_notice(tmp_path):
    text = contract(250000, **{"procurement_route: competitive-tender": "procurement_route: single-tender-action"})
    assert set(owed_types(tmp_path, text)) == {"UK5", "UK6", "UK7"}


def test_change_notice_only_for_extensions_over_ten_percent_and_never_light_touch(tmp_path):
    base = contract(250000, base=CONTRACT)
    taken = "extensions_taken:\n  - agreed: 2026-10-01\n    years: 1\n    value: {}\n"
    assert "UK10" not in owed_types(tmp_path, base + taken.format(25000))  # exactly 10%
    assert owed_types(tmp_path, base + taken.format("25000.01"))["UK10"] == date(2026, 10, 1)
    assert "UK10" not in owed_types(tmp_path, base + "light_touch: true\n" + taken.format(200000))


def test_termination_notice_within_30_days_of_the_end(tmp_path):
    text = contract(250000, **{"status: active": "status: ended"},
                    extra="status_date: 2026-09-30\nstatus_note: The provider closed the service.\n")
    assert owed_types(tmp_path, text)["UK11"] == date(2026, 10, 30)
    below = contract(100000, **{"status: active": "status: ended"}, extra="status_date: 2026-09-30\n")
    assert "UK11" not in owed_types(tmp_path, below)  # the Act's termination notice is for public contracts


def test_performance_notice_every_year_over_5_million(tmp_path):
    text = contract(6000000, **{"award_date: 2026-05-01": "award_date: 2025-05-01",
                                "  start: 2026-06-01": "  start: 2025-06-01"})
    assert owed_types(tmp_path, text)["UK9"] == date(2026, 6, 1)
    assert "UK9" not in owed_types(tmp_path, contract(5000000))


def test_withdrawn_after_its_award_notice_owes_a_procurement_termination(tmp_path):
    text = contract(250000, **{"status: active": "status: withdrawn"},
                    extra="status_date: 2026-05-10\nstatus_note: Recorded in error.\n"
                          'notices:\n  - type: UK6\n    published: 2026-04-20\n    reference: "012345-2026"\n')
    assert owed_types(tmp_path, text) == {"UK12": date(2026, 6, 9)}


def test_a_tender_owes_its_tender_notice_and_a_cancelled_one_its_termination(tmp_path):
    # £100,000 a year over three years and a one-year extension: £400,000
    unrecorded = TENDER[:TENDER.index("notices:")]
    assert owed_types(tmp_path, unrecorded, folder="tenders") == {"UK4": date(2026, 11, 2)}
    assert owed_types(tmp_path, TENDER, folder="tenders") == {}
    cancelled = TENDER + "cancelled:\n  date: 2026-11-20\n  reason: Not needed.\n"
    assert owed_types(tmp_path, cancelled, folder="tenders") == {"UK12": date(2026, 12, 20)}


# --- the pages and the OCDS package --------------------------------------------------------

COPY = "contract_copy: https://www.example.org/opcc/contracts/x.pdf\n"
UK6 = '  - type: UK6\n    published: 2026-04-20\n    reference: "048812-2026"\n'
RECORDED = COPY + "notices:\n" + UK6


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    project = make_project(tmp_path_factory.mktemp("notices"))
    (project / "data" / "awards" / "x.yml").write_text(contract(250000, extra=RECORDED), encoding="utf-8")
    result = build(project)
    assert result.ok, result.output
    return result


def test_award_page_lists_its_notices_and_those_not_recorded(built):
    html = built.page("awards/x")
    assert "Contract award notice (UK6)" in html
    assert 'href="https://www.find-tender.service.gov.uk/Notice/048812-2026"' in html
    assert "Not recorded here yet" in html and "Contract details notice (UK7), due by 31 May 2026" in html
    assert 'href="https://www.example.org/opcc/contracts/x.pdf"' in html


def test_build_warns_of_overdue_notices(built):
    assert "a contract details notice (UK7) was due on Find a Tender by 31 May 2026" in built.output


def test_contracts_register_shows_which_copies_are_published(built):
    html = built.page("registers/contracts")
    assert 'href="https://www.example.org/opcc/contracts/x.pdf"' in html
    assert "Not published" in html
    assert "contracts over £10,000 have no copy published yet" in html


def test_tender_page_says_whether_its_invitation_is_published(built):
    html = built.page("tenders/fraud-and-cyber-crime-victim-support-2026")
    assert "<dt>Invitation to tender</dt>" in html and ">Invitation to tender</a>" in html
    assert "Tender notice (UK4)" in html


def test_ocds_carries_notices_as_documents(tmp_path):
    ds = read(tmp_path, {"awards/x.yml": contract(250000, **{"procurement_route: competitive-tender": "procurement_route: single-tender-action"},
                                                      extra=RECORDED + "  - type: UK5\n    published: 2026-04-01\n    url: https://www.find-tender.service.gov.uk/Notice/040000-2026\n"
                                                                       "  - type: UK7\n    published: 2026-05-20\n    reference: \"050000-2026\"\n")})
    package = json.loads(release_package_json(ds, NOW, compute(ds)))
    assert ocds_errors(package) == [] and ocds_code_errors(package) == []
    release = next(r for r in package["releases"] if r["ocid"].endswith("-x"))
    docs = {d["noticeType"]: (where, d) for where, body in (("tender", release["tender"]), ("award", release["awards"][0]),
                                                             ("contract", release["contracts"][0]))
            for d in body.get("documents", []) if "noticeType" in d}
    assert {k: (w, d["documentType"]) for k, (w, d) in docs.items()} == {
        "UK5": ("tender", "tenderNotice"), "UK6": ("award", "awardNotice"), "UK7": ("contract", "contractNotice")}
    assert docs["UK7"][1]["url"] == "https://www.find-tender.service.gov.uk/Notice/050000-2026"
    assert docs["UK6"][1]["datePublished"].startswith("2026-04-20")
    signed = [d for d in release["contracts"][0]["documents"] if d["documentType"] == "contractSigned"]
    assert signed and signed[0]["url"] == "https://www.example.org/opcc/contracts/x.pdf"
