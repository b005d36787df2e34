"""Dates, date-times, financial years and contract terms.

GOV.UK style: "24 November 2026"; financial years run April to March and are
written "2017/18".
"""
from __future__ import annotations

import calendar
import re
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from .problems import short

LONDON = ZoneInfo("Europe/London")

# How each is written: the one home of these patterns. The build reads the parts (the groups);
# the JSON Schemas (and the web form, for financial years) check the same patterns without the
# groups (DATE_PATTERN...), as ECMA-262 regular expressions. There \d is only 0 to 9; the build's
# \d takes any digit, and convert.py refuses the others once the value is read.
_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_DATETIME = re.compile(r"^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})$")  # UK time, no seconds, no zone
_FY = re.compile(r"^(\d{4})/(\d{2})$")


def _without_groups(pattern: re.Pattern) -> str:
    return pattern.pattern.replace("(", "").replace(")", "")


DATE_PATTERN = _without_groups(_DATE)
DATETIME_PATTERN = _without_groups(_DATETIME)
FINANCIAL_YEAR_PATTERN = _without_groups(_FY)


class DateError(ValueError):
    """Why a piece of text is not a date (a plain-English sentence)."""


def parse_date(text: str) -> date:
    m = _DATE.match(text.strip())
    if not m:
        raise DateError(f"`{short(text)}` is not a date: write dates as YYYY-MM-DD, for example 2017-04-01")
    try:
        return date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        raise DateError(f"`{short(text)}` is not a real date: check the day and month (YYYY-MM-DD)") from None


def parse_datetime(text: str) -> datetime:
    """A UK local time, "2027-02-15 12:00", as an aware datetime in Europe/London."""
    m = _DATETIME.match(text.strip())
    if not m:
        raise DateError(
            f"`{short(text)}` is not a date and time: write YYYY-MM-DD HH:MM in UK time, "
            "for example 2027-02-15 12:00"
        )
    try:
        return datetime(int(m[1]), int(m[2]), int(m[3]), int(m[4]), int(m[5]), tzinfo=LONDON)
    except ValueError:
        raise DateError(f"`{short(text)}` is not a real date and time: check the day, month and time") from None


def parse_financial_year(text: str) -> str:
    m = _FY.match(text.strip())
    if not m or (int(m[1]) + 1) % 100 != int(m[2]):
        raise DateError(
            f"`{short(text)}` is not a financial year: write the two years it spans, "
            "for example 2017/18 (April 2017 to March 2018)"
        )
    return text.strip()


def financial_year_of(day: date) -> str:
    """The April-to-March year a date falls in: 2018-03-31 is in 2017/18."""
    start = day.year if day.month >= 4 else day.year - 1
    return f"{start:04d}/{(start + 1) % 100:02d}"


def financial_year_start(fy: str) -> date:
    return date(int(fy[:4]), 4, 1)


def add_months(day: date, months: int) -> date:
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def term_end(start: date, years: int) -> date:
    """The last day of a term of whole years: 3 years from 1 April 2017 ends 31 March 2020.

    A term from 29 February runs to the day before its anniversary, 1 March in a common
    year, so it ends on 28 February.
    """
    try:
        anniversary = start.replace(year=start.year + years)
    except ValueError:  # 29 February in a year that has none
        anniversary = date(start.year + years, 3, 1)
    return anniversary - timedelta(days=1)


def format_date(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def format_datetime(moment: datetime) -> str:
    """"12pm on 15 February 2027" (GOV.UK: 12pm, 5:30pm; midnight avoided by staff)."""
    local = moment.astimezone(LONDON)
    hour = local.hour % 12 or 12
    suffix = "am" if local.hour < 12 else "pm"
    if local.hour == 12 and local.minute == 0:
        clock = "12pm (midday)"
    elif local.minute:
        clock = f"{hour}:{local.minute:02d}{suffix}"
    else:
        clock = f"{hour}{suffix}"
    return f"{clock} on {format_date(local.date())}"


def years(n: int) -> str:
    return f"{n} year" if n == 1 else f"{n} years"
