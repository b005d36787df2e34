"""Exact money: parse what staff type, format the GOV.UK way.

Money is always `decimal.Decimal`, never float, so totals are exact.
"""
from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

# What an amount may look like, each with the sentence that says why text is refused, in
# the order they are checked. The web form (cms.py) checks the same patterns with the same
# words, so they are written for both Python and JavaScript (ECMA-262): `{text}` is what
# was typed. Only digits, optionally with pence. No exponent ("1e6"), no commas: what a person
# reads in the file is exactly the amount published. The first pattern lets a minus sign
# through so that the second can say "negative", which is clearer than "not an amount".
CHECKS: tuple[tuple[str, str], ...] = (
    (r"^-?\d+(\.\d+)?$", "`{text}` is not an amount of money: write pounds as a plain number, "
                          "without £, commas or spaces, for example 1500 or 1500.50"),
    (r"^[^-]", "`{text}` is negative: an amount of money cannot be less than 0"),
    (r"^\d+(\.\d{1,2})?$", "`{text}` has more than 2 decimal places: amounts are in pounds and pence, "
                            "for example 1500.50"),
)
# (not re.ASCII: digits of other alphabets get the reader's own, clearer message, convert.py)
_CHECKS = tuple((re.compile(pattern), message) for pattern, message in CHECKS)


class MoneyError(ValueError):
    """Why a piece of text is not an amount of money (a plain-English sentence)."""


def parse_money(text: str) -> Decimal:
    text = text.strip()
    for pattern, message in _CHECKS:
        if not pattern.search(text):
            raise MoneyError(message.format(text=text))
    try:
        return Decimal(text)
    except InvalidOperation:  # pragma: no cover - the patterns above rule this out
        raise MoneyError(f"`{text}` is not an amount of money") from None


def format_money(value: Decimal) -> str:
    """£1,500 for whole pounds, £1,500.50 with pence (GOV.UK style)."""
    if value == value.to_integral_value():
        return f"£{int(value):,}"
    return f"£{value:,.2f}"


def format_money_short(value: Decimal) -> str:
    """£4 million, £1.25 million for round millions; otherwise the full figure."""
    if value >= 1_000_000:
        millions = (value / 1_000_000).normalize()
        if -millions.as_tuple().exponent <= 2:
            return f"£{millions:f} million"
    return format_money(value)


def plain_number(value: Decimal) -> str:
    """An amount as a plain number for CSV and JSON: 1500 or 1500.50."""
    if value == value.to_integral_value():
        return str(int(value))
    return f"{value:.2f}"
