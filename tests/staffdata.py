"""Valid example files for tests to break one thing at a time, and a checker.

Each test writes a bad file into a scratch copy of the example data and
asserts the exact lines a member of staff would see from `opcc-site validate`
(the build prints the same lines).
"""
from __future__ import annotations

from datetime import date
import tempfile
from pathlib import Path

from conftest import copy_data
from transparency.cli import validate
from transparency.dataset import Dataset
from transparency.rules import load_checked

TODAY = date(2026, 11, 28)

CONTRACT = """\
title: Test advocacy service
kind: contract
fund: victims-services-grant
recipient:
  name: Test Provider
  charity_number: "9000001"
amount: 1000
award_date: 2026-05-01
description: An advocacy service used by the tests.
procurement_route: competitive-tender
status: active
term:
  start: 2026-06-01
  initial_years: 3
  extensions: [1]
  break_clause: Either party may end it with 6 months' notice.
"""

GRANT = """\
title: Test youth grant
kind: grant
fund: crime-and-disorder-reduction-grants
recipient:
  name: Test Youth Group
  charity_number: "9000002"
amount: 500
award_date: 2026-06-01
description: Evening sessions used by the tests.
procurement_route: grant-application
status: active
purpose: Diversionary activities for young people.
conditions: Report every six months.
crime_reduction_reasons: Young people are busy on the evenings when disorder peaks.
"""

TENDER = """\
title: Test tender
reference: TEST-001
fund: victims-services-grant
summary: A tender used by the tests.
funding_envelope:
  amount: 100000
  covers: per year
quality_cost_split:
  quality: 70
  cost: 30
term:
  initial_years: 3
  extensions: [1]
  break_clause: Either party may end it with 6 months' notice.
published: 2026-11-02 09:00
clarification_deadline: 2027-01-08 12:00
submission_deadline: 2027-01-22 12:00
portal_url: https://www.bluelight.eu-supply.com/test
evaluation:
  agencies: [Police]
  service_users: true
notices:
  - type: UK4
    published: 2026-11-02
    reference: "099999-2026"
"""


def problems(tmp_path: Path, files: dict[str, str | bytes | None], today: date = TODAY) -> list[str]:
    """Write `files` (path under data/ -> text; None deletes) into a copy of the example data."""
    data = copy_data(Path(tempfile.mkdtemp(dir=tmp_path)))
    for name, content in files.items():
        path = data / name
        if content is None:
            path.unlink()
        elif isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return [str(p) for p in validate(data, today)]


def data_folder(folder: Path, files: dict[str, str]) -> Path:
    """A data folder of an office's own (not the example's): `files` is path under data/ -> text."""
    for records in ("funds", "awards", "tenders"):
        (folder / records).mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        (folder / name).write_text(content, encoding="utf-8")
    return folder


def edit(text: str, old: str, new: str) -> str:
    assert old in text, f"{old!r} not in the base file"
    return text.replace(old, new, 1)


# Recipients of the kinds the example data lacks: the recipient line of a test award, by award id.
RECIPIENTS = {
    "scottish-charity": "  charity_number: SC012345",
    "northern-ireland-charity": "  charity_number: NIC100001",
    "unregistered-group": "  org_id: 360G-example-opcc-org-lantern-lane",
}


def with_recipients(base: str) -> dict[str, str]:
    """One award file per kind of recipient in RECIPIENTS, made from `base` (CONTRACT or GRANT)."""
    line = next(s for s in base.splitlines() if s.startswith("  charity_number: "))
    return {f"awards/{id}.yml": edit(base, line, recipient) for id, recipient in RECIPIENTS.items()}


def dataset(tmp_path: Path, files: dict[str, str], today: date = TODAY) -> Dataset:
    """The example data with `files` (path under data/ -> text) added, read and checked: it must be valid."""
    data = copy_data(Path(tempfile.mkdtemp(dir=tmp_path)))
    for name, content in files.items():
        (data / name).write_text(content, encoding="utf-8")
    ds, found = load_checked(data, today)
    assert not found, [str(p) for p in found]
    return ds


FIVE_LABELS = ("Unacceptable", "Poor", "Satisfactory", "Good", "Excellent")


def scoring(labels=FIVE_LABELS, lowest: int = 0, points: int | None = None,
            introduction: str = "How bids are scored.") -> str:
    """An office's scoring.yml: one score per label, from `lowest` up by one (the scale rules'
    own test gives it other scores), and the strategy's promised `points` if any."""
    scores = range(lowest, lowest + len(labels))
    return scale(scores, labels, points, introduction)


def scale(scores, labels, points=None, introduction="How bids are scored.") -> str:
    return (f"introduction: {introduction}\nscores:\n"
            + "".join(f"  - score: {n}\n    label: {label}\n    meaning: Score {n}.\n" for n, label in zip(scores, labels))
            + "combining: Quality and cost are combined by their weights.\n"
            + (f"points: {points}\n" if points is not None else ""))

