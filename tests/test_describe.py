"""The model's one description (describe.py), and what the reader, the schemas and the editor make of it."""
from __future__ import annotations

import dataclasses
import re
from datetime import date, datetime
from decimal import Decimal
from typing import Literal

import pytest

from transparency import cms, dates, describe, model, schemas
from transparency.convert import Where, read_record
from transparency.dates import DateError, parse_date, parse_datetime, parse_financial_year
from transparency.yamlfile import parse


@dataclasses.dataclass
class Everything:
    """One field of every kind the description knows."""
    text: str
    statement: model.Statement
    code: model.Code
    money: model.Money
    day: date
    moment: datetime
    year: model.FinancialYear
    slug: model.Slug
    url: model.Url
    email: model.Email
    org_id: model.OrgId
    number: int
    flag: bool
    choice: Literal["a", "b"]
    items: list[model.Slug]
    budgets: dict[model.FinancialYear, model.Money]
    link: model.Link
    either: Literal["word"] | model.Link
    maybe: str | None = None


EVERYTHING = """\
text: Hello
statement: Either party may end it.
code: 1123456
money: 1500.50
day: 2017-04-01
moment: 2027-02-15 12:00
year: 2017/18
slug: victim-support
url: https://example.org/
email: funding@example.org
org_id: GB-CHC-1123456
number: 3
flag: true
choice: a
items: [x-1, y-2]
budgets: {2017/18: 100}
link: {name: A link, url: https://example.org/}
either: word
"""


def kinds(shape: describe.Shape) -> set[str]:
    parts = [*shape.options, *(s for s in (shape.key, shape.item) if s is not None)]
    return {shape.kind}.union(*(kinds(p) for p in parts))


def test_every_kind_is_in_the_test_record_and_every_record_of_the_model_is_described():
    assert set().union(*(kinds(f.shape) for f in describe.record(Everything).fields)) == set(describe.KINDS)
    for record in describe.records(*(cls for cls, _ in schemas.FILES.values())):
        for f in record.fields:
            assert kinds(f.shape) <= set(describe.KINDS), f"{record.cls.__name__}.{f.name}"


def test_the_reader_the_schemas_and_the_editor_know_every_kind():
    node, problems = parse(EVERYTHING, "x.yml")
    read, problems = read_record(Everything, node, Where("x.yml"))
    assert problems == []
    assert (read.money, read.day, read.year, read.items, read.budgets, read.either, read.maybe) == (
        Decimal("1500.50"), date(2017, 4, 1), "2017/18", ["x-1", "y-2"], {"2017/18": Decimal(100)}, "word", None)
    assert read.link == model.Link("A link", "https://example.org/") and read.flag is True and read.code == "1123456"
    assert set(schemas.file_schema(Everything, "x")["properties"]) == {f.name for f in dataclasses.fields(Everything)} | {"private"}
    assert cms.shape(Everything)["keys"] == [f.name for f in dataclasses.fields(Everything)]


def test_a_field_knows_whether_it_is_required_its_default_its_reference_and_if_it_is_long():
    award = describe.record(model.Award)
    assert [f.name for f in award.fields][:2] == ["id", "title"] and award.fields[0].from_filename
    assert "id" not in award.by_name and [f.name for f in award.written][0] == "title"
    fund, coverage, outcomes = award.by_name["fund"], award.by_name["coverage"], award.by_name["outcomes"]
    assert (fund.required, fund.refers_to, fund.shape.kind) == (True, "funds", describe.SLUG)
    assert (coverage.required, coverage.default, coverage.shape.kind) == (False, "countywide", describe.EITHER)
    assert (coverage.shape.words, coverage.shape.group) == (("countywide",), model.Area)
    assert (outcomes.default, outcomes.shape.item.kind) == ([], describe.SLUG)
    assert award.by_name["description"].long_text and not award.by_name["title"].long_text
    assert award.by_name["status_note"].shape == describe.Shape(describe.STATEMENT)  # `Statement | None`


@pytest.mark.parametrize("tp", [float, int | str, Literal["a"] | model.Link | model.Term, tuple[int, int]])
def test_a_type_the_description_does_not_know_is_refused(tp):
    with pytest.raises(TypeError, match="no description"):
        describe.shape_of(tp)


@pytest.mark.parametrize(("pattern", "read"), [
    (dates.DATE_PATTERN, parse_date), (dates.DATETIME_PATTERN, parse_datetime),
    (dates.FINANCIAL_YEAR_PATTERN, parse_financial_year)])
def test_the_date_patterns_editors_check_are_the_ones_the_build_reads(pattern, read):
    """What the build reads, the pattern accepts; what the pattern refuses, the build refuses
    (the build alone also refuses dates that do not exist: 30 February, 2017/19)."""
    accepted = 0
    for text in ["2017-04-01", "2017-02-30", "2017-4-01", "17-04-01", "2017-04-01 12:00", "2017-04-01T12:00",
                 "2017-04-01 1200", "2017-04-01 12:00:00", "2017/18", "2017/19", "2017/2018", "2017-18", "x", ""]:
        matches = re.fullmatch(pattern, text) is not None
        try:
            read(text)
        except DateError:
            continue
        assert matches, (pattern, text)
        accepted += 1
    assert accepted == 2 if read is parse_datetime else accepted == 1


def test_the_schemas_and_the_form_take_their_date_patterns_from_dates_py():
    award = schemas.all_schemas()["award.schema.json"]["properties"]
    fund = schemas.all_schemas()["fund.schema.json"]["properties"]
    tender = schemas.all_schemas()["tender.schema.json"]["properties"]
    assert award["award_date"]["pattern"] == dates.DATE_PATTERN
    assert tender["published"]["pattern"] == dates.DATETIME_PATTERN
    assert list(fund["budgets"]["patternProperties"]) == [dates.FINANCIAL_YEAR_PATTERN]
    assert award["financial_year"]["pattern"] == dates.FINANCIAL_YEAR_PATTERN
    assert schemas.PATTERNS[describe.FINANCIAL_YEAR][0] is dates.FINANCIAL_YEAR_PATTERN
