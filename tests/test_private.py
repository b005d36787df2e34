"""`private:` blocks: staff notes on any record, read by no one but staff, published nowhere.

A marker string goes into a private block on the organisation, a fund, a tender, an
award and on records inside them (the recipient, the term, a co-commissioner, an
outcome report, a sign-off band, a tender's evaluation), as text, as a list and as
nested fields. The site is built and no file under site/ may contain a marker: not
the pages, the search index, the sitemap (nor its .gz), the CSV, JSON, 360Giving,
OCDS, Atom or iCalendar files.
"""
from __future__ import annotations

import dataclasses
import gzip
import re
from pathlib import Path

import pytest

from conftest import build, copy_data, make_project
from staffdata import CONTRACT, GRANT, TENDER, edit, problems
from transparency.convert import Where, read_record
from transparency.model import Award
from transparency.yamlfile import parse

MARK = "PRIVMARK"  # every marker starts with this


def block(where: str, indent: str = "") -> str:
    """A private block holding a marker as text, in a list and in nested fields."""
    lines = [
        "private:",
        f"  note: {MARK}-{where}-note, call the provider before publishing",
        "  contacts:",
        f"    - {MARK}-{where}-list jane.doe@example.org 01234 567890",
        "    - name: Bank details",
        f"      sort_code: {MARK}-{where}-nested",
        f"  \"{MARK}-{where}-key\": [1, 2, {{deep: [{MARK}-{where}-deep]}}]",
    ]
    return "".join(f"{indent}{line}\n" for line in lines)


def text_block(where: str, indent: str = "") -> str:
    return f"{indent}private: {MARK}-{where}-text is free text\n"


def insert_after(text: str, line: str, addition: str) -> str:
    assert line in text, line
    return text.replace(line, line + addition, 1)


def private_data(data: Path) -> set[str]:
    """Write private blocks everywhere; return the set of places used."""
    award = CONTRACT + block("award")
    award = insert_after(award, "recipient:\n", block("recipient", "  "))
    award = insert_after(award, "term:\n", text_block("term", "  "))
    award += ("co_commissioners:\n  - name: Health partnership\n    contribution: 100\n"
              + text_block("co-commissioner", "    "))
    award += ("outcome_reports:\n  - period_end: 2026-10-31\n    received: 2026-11-20\n"
              "    activity: Advocacy for victims.\n" + block("report", "    "))
    award = edit(award, "procurement_route: competitive-tender", "procurement_route: co-commissioned")
    (data / "awards" / "private-award.yml").write_text(award, encoding="utf-8")
    (data / "awards" / "private-grant.yml").write_text(text_block("grant") + GRANT, encoding="utf-8")

    tender = TENDER + block("tender") + "awarded: [private-tendered]\n"
    tender = insert_after(tender, "evaluation:\n", text_block("evaluation", "  "))
    (data / "tenders" / "private-tender.yml").write_text(tender, encoding="utf-8")
    tendered = CONTRACT + "tender: private-tender\n"
    (data / "awards" / "private-tendered.yml").write_text(tendered, encoding="utf-8")

    fund = data / "funds" / "victims-services-grant.yml"
    fund.write_text(fund.read_text(encoding="utf-8") + block("fund"), encoding="utf-8")

    org = data / "organisation.yml"
    text = org.read_text(encoding="utf-8") + block("organisation")
    text = insert_after(text, "etendering_portal:\n", text_block("portal", "  "))
    text = re.sub(r"(?m)^(  - up_to: 150000\n)", lambda m: m[1] + text_block("band", "    "), text, count=1)
    org.write_text(text, encoding="utf-8")

    scoring = data / "scoring.yml"
    scoring.write_text(block("scoring") + scoring.read_text(encoding="utf-8"), encoding="utf-8")
    return {"award", "recipient", "term", "co-commissioner", "report", "grant", "tender", "evaluation",
            "fund", "organisation", "portal", "band", "scoring"}


@pytest.fixture(scope="module")
def private_site(tmp_path_factory):
    project = tmp_path_factory.mktemp("private")
    data = copy_data(project)
    places = private_data(data)
    written = "".join(p.read_text(encoding="utf-8") for p in data.rglob("*.yml"))
    assert {p for p in places if f"{MARK}-{p}-" in written} == places  # the markers really are in the data
    make_project(project, data=data)
    result = build(project)
    assert result.ok, result.output
    return result


def test_private_blocks_are_valid_anywhere(tmp_path):
    other = CONTRACT.replace("award_date: 2026-05-01", "award_date: 2026-05-02")  # not a likely duplicate of x
    assert problems(tmp_path, {"awards/x.yml": CONTRACT + block("x"),
                               "awards/y.yml": insert_after(other, "recipient:\n", block("y", "  "))}) == []


def test_nothing_private_is_published(private_site):
    files = [p for p in private_site.site.rglob("*") if p.is_file()]
    kinds = {p.suffix for p in files}
    assert {".html", ".json", ".csv", ".atom", ".ics", ".xml", ".gz"} <= kinds  # every kind of output was looked at
    leaks = []
    for path in files:
        raw = path.read_bytes()
        if path.suffix == ".gz":
            raw = gzip.decompress(raw)
        if MARK.encode() in raw:
            leaks.append(path.relative_to(private_site.site).as_posix())
    assert leaks == []


def test_the_records_around_private_blocks_are_published(private_site):
    """The blocks are skipped, not the records: the award with notes has its page as usual."""
    page = private_site.page("awards/private-award/")
    assert "Test advocacy service" in page and "Health partnership" in page
    assert "Test Youth Group" in private_site.page("awards/private-grant/")
    assert "Test tender" in private_site.page("tenders/private-tender/")


def test_private_is_never_read_into_the_model():
    text = CONTRACT + block("model") + "private_too: 1\n"
    node, found = parse(text, "x.yml")
    assert found == []
    award, found = read_record(Award, node, Where("x.yml"), id="x")
    assert award is None and [p.message for p in found] == ["unknown field `private_too`; did you mean `private`?"]
    node, _ = parse(CONTRACT + block("model"), "x.yml")
    award, found = read_record(Award, node, Where("x.yml"), id="x")
    assert found == [] and MARK not in repr(dataclasses.asdict(award))
    assert "private" not in {f.name for f in dataclasses.fields(Award)}


@pytest.mark.parametrize("addition, expected", [
    ("private:\n  a: &x [1]\n  b: *x\n", "x.yml:19: anchors and aliases (& and *) are not allowed in data files: write the value out"),
    ("private: !!binary aGk=\n", "x.yml:17: a YAML tag (`!!binary`) is not allowed in data files: remove it, or put text that starts with ! in double quotes"),
    ("private:\n  a: 1\nprivate: 2\n", "x.yml:19: private: `private` is written twice (first on line 17): keep one"),
])
def test_private_blocks_are_still_checked_as_yaml(addition, expected):
    node, found = parse(CONTRACT + addition, "x.yml")
    if node is not None:
        _, found = read_record(Award, node, Where("x.yml"), id="x")
    assert [str(p) for p in found] == [expected]
