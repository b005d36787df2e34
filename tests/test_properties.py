"""Properties that hold for every input, checked with Hypothesis.

Money round-trips exactly through what staff type and what the site prints; every
date has one financial year; term end dates follow from the start, the years and the
extensions; and the loader turns any text at all into nodes or Problems, never an
exception (a crash would stop the build without saying which file is wrong).
"""
from __future__ import annotations

import re
from datetime import date, timedelta
from decimal import Decimal

from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from staffdata import CONTRACT, GRANT, TENDER
from transparency import describe, model
from transparency.convert import Where, read_record
from transparency.dates import add_months, financial_year_of, financial_year_start, parse_financial_year, term_end
from transparency.model import Award, Term
from transparency.money import MoneyError, format_money, format_money_short, parse_money, plain_number
from transparency.problems import Problem
from transparency.yamlfile import Mapping, Scalar, Sequence, parse

FAST = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# --- money ----------------------------------------------------------------------

pence = st.integers(min_value=0, max_value=10**15)  # up to £10 trillion, in pence
money = pence.map(lambda p: Decimal(p).scaleb(-2).quantize(Decimal("0.01"))) | st.integers(0, 10**13).map(Decimal)


@FAST
@given(money)
def test_money_round_trips_through_the_plain_number(value):
    assert parse_money(plain_number(value)) == value


@FAST
@given(money)
def test_money_round_trips_through_the_formatted_amount(value):
    shown = format_money(value)
    assert re.fullmatch(r"£\d{1,3}(,\d{3})*(\.\d{2})?", shown), shown
    assert parse_money(shown.removeprefix("£").replace(",", "")) == value
    assert format_money_short(value).startswith("£")


@FAST
@given(st.text(max_size=30) | st.from_regex(r"\A-?\d{1,6}(\.\d{0,4})?\Z") | st.from_regex(r"\A[\d.,£e+ -]{1,12}\Z"))
@example("1e6")
@example("-0")
@example("00.10")
@example("1.")
@example("١٢٣")  # Arabic-Indic digits: \d matches them, Decimal reads them
def test_parsing_money_is_exact_or_says_why(text):
    try:
        value = parse_money(text)
    except MoneyError as e:
        assert str(e).startswith("`")
        return
    assert value >= 0 and -value.as_tuple().exponent <= 2
    assert value == Decimal(text.strip())
    assert parse_money(plain_number(value)) == value


# --- financial years --------------------------------------------------------------

days = st.dates(min_value=date(1000, 4, 1), max_value=date(9998, 3, 31))


@FAST
@given(days)
@example(date(2018, 3, 31))
@example(date(2018, 4, 1))
@example(date(1999, 4, 1))  # 1999/00
def test_every_date_has_one_financial_year(day):
    fy = financial_year_of(day)
    assert parse_financial_year(fy) == fy  # written the way staff write it, and read back
    start = financial_year_start(fy)
    assert start <= day < start.replace(year=start.year + 1)
    assert start.month == 4 and start.day == 1
    assert financial_year_of(start) == fy == financial_year_of(start.replace(year=start.year + 1) - timedelta(days=1))


# --- terms ----------------------------------------------------------------------

starts = st.dates(min_value=date(1900, 1, 1), max_value=date(2900, 12, 31))
lengths = st.integers(min_value=1, max_value=25)


def anniversary(start: date, years: int) -> date:
    """The same day `years` later; 29 February rolls on to 1 March in a year without one."""
    try:
        return start.replace(year=start.year + years)
    except ValueError:
        return date(start.year + years, 3, 1)


@FAST
@given(starts, lengths)
@example(date(2017, 4, 1), 3)
@example(date(2024, 1, 31), 1)
def test_a_term_ends_the_day_before_its_anniversary(start, years):
    assume(not (start.month == 2 and start.day == 29))  # see the test below
    end = term_end(start, years)
    assert end + timedelta(days=1) == anniversary(start, years)
    assert end + timedelta(days=1) == add_months(start, 12 * years)
    assert 365 * years - 1 <= (end - start).days <= 366 * years - 1


def test_a_term_from_29_february_ends_on_28_february():
    assert term_end(date(2024, 2, 29), 1) == date(2025, 2, 28)


@FAST
@given(starts, lengths, st.lists(st.integers(min_value=1, max_value=5), max_size=4))
def test_extended_end_follows_from_the_first_period_and_the_extensions(start, initial, extensions):
    term = Term(initial_years=initial, start=start, extensions=extensions)
    assert term.initial_end == term_end(start, initial)
    assert term.extended_end == term_end(start, initial + sum(extensions))
    assert start < term.initial_end <= term.extended_end
    assert (term.extended_end == term.initial_end) == (not extensions)
    if not (start.month == 2 and start.day == 29):
        # taking the extensions one after the other ends on the same day as taking them all at once
        end = term.initial_end
        for years in extensions:
            end = term_end(end + timedelta(days=1), years)
        assert end == term.extended_end


# --- the loader -----------------------------------------------------------------

FIELDS = sorted({f.name for cls in (Award, model.Recipient, Term, model.Area, model.OutcomeReport,
                                    model.SingleTenderAction, model.CoCommissioner) for f in describe.record(cls).written}
                | {"private", "id", "ammount", "<<"})
VALUES = ["1000", "1e6", "-5", "12.345", '"£1,000"', "£1,000", "0x10", "1_000", "1:30", "NO", "yes", "true", '"true"',
          "~", "null", "", "2017-02-30", "2026-05-01", "2026-13-01", "2026/27", "[1]", "[1, 2", "{a: b}", "[]", "{}",
          "contract", "grant", "competitive-tender", "countywide", "&a x", "*a", "!!str x", "!x", "'quoted'",
          '"a\\x01b"', '"\\ud800"', "https://example.org/", "javascript:alert(1)", "../../etc", "=SUM(1)",
          "<script>alert(1)</script>", "{{ 7*7 }}", ">-", "|", "- x", "? x", "%x", "@x", "`x`", "a: b", "a #b",
          "x" * 200, "é", "\u2028", "\ufeff", "\x85"]


@st.composite
def yamlish(draw) -> str:
    """Lines that look like data files: fields at different depths with awkward values."""
    lines = []
    for _ in range(draw(st.integers(0, 25))):
        indent = "  " * draw(st.integers(0, 3))
        kind = draw(st.sampled_from(["field", "field", "field", "item", "raw"]))
        if kind == "raw":
            lines.append(indent + draw(st.text(max_size=20)))
        else:
            key = draw(st.sampled_from(FIELDS))
            value = draw(st.sampled_from(VALUES))
            lines.append(f"{indent}{'- ' if kind == 'item' else ''}{key}:{' ' if value else ''}{value}")
    return "\n".join(lines) + draw(st.sampled_from(["", "\n", "\r\n", "\n---\n"]))


@st.composite
def mutated(draw) -> str:
    """A valid file with a few characters deleted, inserted or swapped."""
    text = draw(st.sampled_from([CONTRACT, GRANT, TENDER]))
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(text)))
        what = draw(st.sampled_from(["delete", "insert", "insert", "line"]))
        if what == "delete":
            text = text[:at] + text[at + draw(st.integers(1, 10)):]
        elif what == "insert":
            text = text[:at] + draw(st.sampled_from([":", " ", "\n", "  ", '"', "'", "[", "]", "{", "-", "#", "&a ",
                                                     "*a", "!", "\t", "\x00", "\ufeff", "é", "1e6", "- "])) + text[at:]
        else:
            text = text[:at] + draw(yamlish()) + text[at:]
    return text


def load_text(text: str) -> list[Problem]:
    node, found = parse(text, "x.yml")
    assert isinstance(found, list) and all(isinstance(p, Problem) for p in found)
    if node is None:
        assert found, "no node and no problem"
        return found
    assert isinstance(node, (Scalar, Mapping, Sequence))
    award, found = read_record(Award, node, Where("x.yml"), id="x")
    assert (award is None) == bool(found)
    if award is not None:
        assert isinstance(award, Award)
    return found


def check_problems(text: str, found: list[Problem]):
    lines = text.count("\n") + 2
    for p in found:
        assert p.path == "x.yml"
        assert 0 <= p.line <= lines, (p, lines)
        assert p.message and "\n" not in p.message and "Traceback" not in p.message
        str(p), p.github()  # both forms print


@FAST
@given(st.text(max_size=400))
@example("a: " + "[" * 5000 + "]" * 5000)
@example("\ud800")
@example("a: *b")
@example("- a\n- b")
@example("---\n...\n---\n")
@example("recipient:\n  id: x\n")  # `id` in a group: not the file's id
@example("id: x\nprivate: &a [1]\n")
@example("outcome_reports:\n  - outputs:\n      private: 1\n")
def test_the_loader_never_raises_on_any_text(text):
    check_problems(text, load_text(text))


@FAST
@given(yamlish())
@example("<<: \u2028\n0")  # libyaml counts U+2028 as a line break: its error's line was past the text's
def test_the_loader_never_raises_on_files_like_data_files(text):
    check_problems(text, load_text(text))


@FAST
@given(mutated())
def test_the_loader_never_raises_on_a_damaged_data_file(text):
    check_problems(text, load_text(text))


@FAST
@given(st.binary(max_size=300))
def test_reading_any_bytes_gives_problems_not_exceptions(tmp_path_factory, raw):
    from transparency.yamlfile import read
    path = tmp_path_factory.mktemp("bytes") / "x.yml"
    path.write_bytes(raw)
    node, found = read(path, "x.yml")
    assert (node is None) == bool(found)
    for p in found:
        assert isinstance(p, Problem) and "\n" not in p.message
