"""Money, dates, financial years and terms, written the GOV.UK way."""
from datetime import date, datetime, timezone
from decimal import Decimal

import pytest

from transparency.build_date import build_date
from transparency.dates import (LONDON, DateError, financial_year_of, format_date, format_datetime,
                                parse_date, parse_datetime, parse_financial_year, term_end)
from transparency.labels import term_line, term_shape
from transparency.model import Term
from transparency.money import MoneyError, format_money, format_money_short, parse_money, plain_number


@pytest.mark.parametrize("value, text", [
    ("1500", "£1,500"), ("75", "£75"), ("75.00", "£75"), ("1250000", "£1,250,000"), ("1500.5", "£1,500.50"),
    ("0.05", "£0.05"),
])
def test_format_money(value, text):
    assert format_money(Decimal(value)) == text


def test_format_money_short_uses_words_for_millions():
    assert format_money_short(Decimal("4000000")) == "£4 million"
    assert format_money_short(Decimal("1250000")) == "£1.25 million"
    assert format_money_short(Decimal("1234567")) == "£1,234,567"
    assert format_money_short(Decimal("950")) == "£950"


def test_plain_number_for_exports():
    assert plain_number(Decimal("1500")) == "1500"
    assert plain_number(Decimal("1500.5")) == "1500.50"


@pytest.mark.parametrize("text, message", [
    ("£1,000", "`£1,000` is not an amount of money: write pounds as a plain number, without £, commas or spaces, for example 1500 or 1500.50"),
    ("1e6", "`1e6` is not an amount of money: write pounds as a plain number, without £, commas or spaces, for example 1500 or 1500.50"),
    ("-5", "`-5` is negative: an amount of money cannot be less than 0"),
    ("12.345", "`12.345` has more than 2 decimal places: amounts are in pounds and pence, for example 1500.50"),
])
def test_bad_money(text, message):
    with pytest.raises(MoneyError) as e:
        parse_money(text)
    assert str(e.value) == message


def test_money_is_exact():
    assert parse_money("0.10") + parse_money("0.20") == Decimal("0.30")


def test_dates():
    assert parse_date("2017-04-01") == date(2017, 4, 1)
    with pytest.raises(DateError, match="is not a real date"):
        parse_date("2017-02-30")
    with pytest.raises(DateError, match="write dates as YYYY-MM-DD"):
        parse_date("1/4/2017")
    assert format_date(date(2026, 11, 24)) == "24 November 2026"
    assert format_date(date(2026, 4, 1)) == "1 April 2026"


def test_datetimes_are_uk_time_with_summer_time():
    summer = parse_datetime("2026-07-01 09:00")
    winter = parse_datetime("2027-01-22 12:00")
    assert summer.utcoffset().total_seconds() == 3600
    assert winter.utcoffset().total_seconds() == 0
    assert format_datetime(winter) == "12pm (midday) on 22 January 2027"
    assert format_datetime(summer) == "9am on 1 July 2026"
    assert format_datetime(datetime(2026, 7, 1, 17, 30, tzinfo=LONDON)) == "5:30pm on 1 July 2026"


def test_financial_years():
    assert financial_year_of(date(2018, 3, 31)) == "2017/18"
    assert financial_year_of(date(2018, 4, 1)) == "2018/19"
    assert financial_year_of(date(2000, 1, 1)) == "1999/00"
    assert parse_financial_year("2017/18") == "2017/18"
    for bad in ("2017/19", "2017-18", "17/18", "2017"):
        with pytest.raises(DateError):
            parse_financial_year(bad)


def test_term_ends():
    assert term_end(date(2017, 4, 1), 3) == date(2020, 3, 31)
    term = Term(start=date(2017, 4, 1), initial_years=3, extensions=[1], break_clause="x")
    assert term.initial_end == date(2020, 3, 31)
    assert term.extended_end == date(2021, 3, 31)
    assert term_end(date(2016, 2, 29), 1) == date(2017, 2, 28)  # the day before the anniversary (1 March)
    assert term_end(date(2016, 2, 29), 4) == date(2020, 2, 28)


def test_term_in_words():
    term = Term(start=date(2017, 4, 1), initial_years=3, extensions=[1], break_clause="x")
    assert term_line(term) == ("3 years from 1 April 2017, plus an optional 1-year extension; "
                               "ends 31 March 2020, or 31 March 2021 if extended")
    assert term_shape(term) == "3 years plus an optional 1-year extension"
    assert term_shape(Term(initial_years=2, extensions=[1, 1])) == "2 years plus two optional 1-year extensions"
    assert term_shape(Term(initial_years=3, extensions=[1, 2])) == "3 years plus optional extensions of 1 year and 2 years"
    assert term_line(Term(start=date(2026, 4, 1), initial_years=1)) == "1 year from 1 April 2026; ends 31 March 2027"


def test_build_date_comes_from_source_date_epoch():
    assert build_date({"SOURCE_DATE_EPOCH": "1795852800"}) == date(2026, 11, 28)
    # 23:30 UTC on 30 June 2026 is already 1 July in London (summer time)
    late_june = datetime(2026, 6, 30, 23, 30, tzinfo=timezone.utc)
    assert build_date({"SOURCE_DATE_EPOCH": str(int(late_june.timestamp()))}) == date(2026, 7, 1)
