"""One cell into one field's value, cleaned as a person would, or a sentence saying why it cannot be.

What a person does without thinking is done: spaces around a value, `£12,500.00` as 12500,
`01/04/2025` as 1 April 2025 (day first, the UK way, unless the mapping says month first), an
Excel date cell as its date, `1145 337` as charity number 1145337, `Competitive tender` as
`competitive-tender`. What a person would have to ask about is refused with the question, never
guessed: a two-digit year, an amount with a fraction of a penny, a fund the mapping does not name.
A cell holding only a placeholder (`TBC`, `n/a`, `-`) is empty: the record is then a draft
that still needs the field, rather than a file that publishes `TBC`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from .. import describe, orgids
from ..convert import PLACEHOLDERS, SLUG
from ..dates import DateError, parse_date, parse_financial_year
from ..money import MoneyError, parse_money
from ..problems import short
from .fields import Target


class Unclean(ValueError):
    """Why a cell cannot be read as its field (a plain-English sentence that says how to fix it)."""


@dataclass
class Conventions:
    """How this sheet writes its values (from the mapping file)."""
    day_first: bool = True  # 01/04/2025 is 1 April (the UK way); False: 4 January
    funds: dict[str, str] = field(default_factory=dict)  # the sheet's fund names (any case) -> fund ids
    fund_ids: frozenset[str] = frozenset()  # the funds in data/funds/

    def fund(self, text: str) -> str | None:
        key = _key(text)
        if key in self.funds:
            return self.funds[key]
        return text if text in self.fund_ids else None


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


# The kinds whose cells may hold `0`, `no` or `-` as a value rather than as a placeholder.
_VALUES_NOT_PLACEHOLDERS = {describe.MONEY, describe.WHOLE_NUMBER, describe.YES_NO}


def clean(target: Target, cell: Any, conv: Conventions) -> Any:
    """The field's value from the cell (None: nothing to write), or Unclean."""
    if cell is None:
        return None
    if isinstance(cell, str):
        cell = cell.replace("\r\n", "\n").replace("\r", "\n").strip()
        if not cell:
            return None
        if target.shape.kind not in _VALUES_NOT_PLACEHOLDERS and _placeholder(cell, target.shape.kind):
            return None
    shape = target.shape
    if shape.kind == describe.LIST:
        items = [i for i in re.split(r"[,;\n]", _as_text(cell)) if i.strip()]
        item = Target(target.name, shape.item, target.doc, True)
        values = [clean(item, i, conv) for i in items]
        return [v for v in values if v is not None] or None
    if shape.kind == describe.EITHER:
        text = _as_text(cell)
        words = shape.words
        if _slug_words(text) in words:
            return _slug_words(text)
        raise Unclean(f"`{short(text)}` is not {_or(words)}: for an area, map the column to "
                      f"`{target.name}.area` instead")
    if target.name == "fund":
        return _fund(cell, conv)
    return _CLEANERS[shape.kind](target, cell, conv)


def _placeholder(text: str, kind: str) -> bool:
    words = " ".join(text.split()).casefold().rstrip(".")
    if kind != describe.STATEMENT and words in _ANSWERS:
        return False  # `No` may be a name; only in a statement is it an answer standing for one
    return words in PLACEHOLDERS


_ANSWERS = frozenset(("yes", "no", "true", "false"))


def _as_text(cell: Any) -> str:
    if isinstance(cell, bool):
        return "yes" if cell else "no"
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    if isinstance(cell, datetime):
        return cell.date().isoformat() if not cell.time() else cell.isoformat(sep=" ")
    if isinstance(cell, date):
        return cell.isoformat()
    return str(cell).strip()


def _or(words) -> str:
    words = [f"`{w}`" for w in words]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]


def _slug_words(text: str) -> str:
    """`Competitive tender` -> `competitive-tender`: a choice as staff type it in a sheet."""
    return "-".join(re.split(r"[\s_]+", text.strip().casefold()))


# --- money -----------------------------------------------------------------------------

_THOUSANDS = re.compile(r"^\d{1,3}(,\d{3})+(\.\d+)?$")


def _money(target: Target, cell: Any, conv: Conventions) -> Decimal:
    if isinstance(cell, bool):
        raise Unclean(f"`{_as_text(cell)}` is not an amount of money: write pounds, for example 12500")
    if isinstance(cell, (int, Decimal)):
        text = str(cell)
    elif isinstance(cell, float):
        text = repr(cell)  # the shortest decimal that is this number: 12500.5, not 12500.499999...
    else:
        text = str(cell)
        for sign in ("£", "GBP"):
            text = text.strip().removeprefix(sign)
        text = text.strip()
        if _THOUSANDS.match(text):
            text = text.replace(",", "")
        if re.fullmatch(r"\d{1,3}( \d{3})+(\.\d+)?", text):
            text = text.replace(" ", "")  # 12 500, as some sheets space thousands
    if re.fullmatch(r"-?\d+\.\d{2}0+", text):
        text = text[: text.index(".") + 3]  # 12500.5000: zeros past the pence change nothing
    try:
        value = parse_money(text)
    except MoneyError as e:
        raise Unclean(_sheet_money(str(e), _as_text(cell))) from None
    return value


def _sheet_money(message: str, typed: str) -> str:
    """The build's words for an amount, told about what the sheet holds."""
    if "not an amount" in message:
        return (f"`{short(typed)}` is not an amount of money: write pounds as a number, for example "
                "12500 or £12,500.00")
    return message


# --- dates -----------------------------------------------------------------------------

_NUMERIC = re.compile(r"^(\d{1,4})[/.\-](\d{1,2})[/.\-](\d{1,4})$")
_ISO_TIME = re.compile(r"^(\d{4}-\d{2}-\d{2})[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$")
_MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"], 1)}
_WORDS = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]+)\.?,?\s+(\d{4})$")


def _date(target: Target, cell: Any, conv: Conventions) -> date:
    if isinstance(cell, datetime):  # an Excel date cell (openpyxl reads it as a datetime)
        return cell.date()
    if isinstance(cell, date):
        return cell
    text = _as_text(cell)
    order = "day first" if conv.day_first else "month first"
    example = "01/04/2025" if conv.day_first else "04/01/2025"
    if re.fullmatch(r"\d+(\.\d+)?", text):
        raise Unclean(f"`{short(text)}` is a number, not a date: format the column as dates in the "
                      f"spreadsheet, or write the date as {example} (this file is read {order})")
    if m := _ISO_TIME.match(text):
        text = m[1]
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        try:
            return parse_date(text)
        except DateError as e:
            raise Unclean(str(e)) from None
    if m := _NUMERIC.match(text):
        a, b, c = m.groups()
        if len(a) == 4:  # 2025/04/01: year first, then month and day, the order ISO uses
            year, month, day = int(a), int(b), int(c)
        else:
            if len(c) != 4:
                raise Unclean(f"`{short(text)}` has a year of {len(c)} digits: write the year in full, "
                              f"for example {example}")
            first, second, year = int(a), int(b), int(c)
            day, month = (first, second) if conv.day_first else (second, first)
            if month > 12:
                switch = "month-first" if conv.day_first else "day-first"
                raise Unclean(f"`{short(text)}` has no month {month}: the mapping reads dates {order}; "
                              f"if this sheet writes them the other way round, set `dates: {switch}` in it")
        return _real(text, year, month, day, order)
    if m := _WORDS.match(text):
        month = _month(m[2])
        if month:
            return _real(text, int(m[3]), month, int(m[1]), order)
    raise Unclean(f"`{short(text)}` is not a date: write the day, month and year, for example {example} "
                  f"(this file is read {order}) or 1 April 2025")


def _month(word: str) -> int | None:
    word = word.casefold()
    found = [n for name, n in _MONTHS.items() if name == word or (len(word) >= 3 and name.startswith(word))]
    return found[0] if len(found) == 1 else None


def _real(text: str, year: int, month: int, day: int, order: str) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise Unclean(f"`{short(text)}` is not a real date (read {order}, it is day {day} of month {month}): "
                      "check the day and month") from None


# --- codes, numbers and words ------------------------------------------------------------


def _code(target: Target, cell: Any, conv: Conventions) -> str:
    text = _as_text(cell)
    if target.name == "recipient.charity_number":
        number = "".join(text.split()).upper()
        if orgids.charity_org_id(number) is None:
            raise Unclean(orgids.NOT_A_CHARITY_NUMBER.format(text=short(text)))
        return number
    if target.name == "recipient.company_number":
        number = "".join(text.split()).upper()
        if not orgids.COMPANY_NUMBER.fullmatch(number):
            hint = (" (a spreadsheet drops the zeros at the start of a number: format the column as text "
                    "and type them)" if number.isdigit() and len(number) < 8 else "")
            raise Unclean(orgids.NOT_A_COMPANY_NUMBER.format(text=short(text)) + hint)
        return number
    return text


def _text(target: Target, cell: Any, conv: Conventions) -> str:
    return _as_text(cell)


def _whole_number(target: Target, cell: Any, conv: Conventions) -> int:
    text = _as_text(cell)
    if re.fullmatch(r"\d+", text):
        return int(text)
    raise Unclean(f"`{short(text)}` is not a whole number: write digits only, for example 3")


def _yes_no(target: Target, cell: Any, conv: Conventions) -> bool:
    if isinstance(cell, bool):
        return cell
    text = _as_text(cell).casefold()
    if text in ("yes", "y", "true"):
        return True
    if text in ("no", "n", "false"):
        return False
    raise Unclean(f"`{short(text)}` is not yes or no: write yes or no")


def _choice(target: Target, cell: Any, conv: Conventions) -> str:
    text = _as_text(cell)
    word = _slug_words(text)
    if word in target.shape.choices:
        return word
    raise Unclean(f"`{short(text)}` is not one of the choices: write {_or(target.shape.choices)}")


def _slug(target: Target, cell: Any, conv: Conventions) -> str:
    text = _as_text(cell)
    slug = slugify(text)
    if target.name == "id" and slug:
        return slug
    if SLUG.match(text):
        return text
    raise Unclean(f"`{short(text)}` is not a valid id: use lower-case letters a to z, digits and single "
                  f"hyphens, for example `{slug or 'victim-support-2017'}`")


def _fund(cell: Any, conv: Conventions) -> str:
    text = _as_text(cell)
    found = conv.fund(text)
    if found is None:
        known = ", ".join(f"`{f}`" for f in sorted(conv.fund_ids)) or "none yet: add the fund files first"
        raise Unclean(f"`{short(text)}` is not a fund we know: add it under `funds:` in the mapping file "
                      f"with its fund id (the funds in data/funds/ are {known})")
    return found


def _url(target: Target, cell: Any, conv: Conventions) -> str:
    text = _as_text(cell)
    if not text.startswith("https://") or any(c.isspace() for c in text):
        raise Unclean(f"`{short(text)}` is not a web address we can publish: write the full address, "
                      "starting https://")
    return text


def _org_id(target: Target, cell: Any, conv: Conventions) -> str:
    text = _as_text(cell)
    message = orgids.problem(text)
    if message:
        raise Unclean(message)
    return text


def _financial_year(target: Target, cell: Any, conv: Conventions) -> str:
    text = _as_text(cell)
    m = re.fullmatch(r"(\d{4})\s*[/\-]\s*(\d{2}|\d{4})", text)
    written = f"{m[1]}/{m[2][-2:]}" if m else text
    try:
        return parse_financial_year(written)
    except DateError as e:
        raise Unclean(str(e)) from None


def _not_in_a_sheet(target: Target, cell: Any, conv: Conventions):  # pragma: no cover - fields.py leaves them out
    raise Unclean(f"`{target.name}` cannot be read from one cell: add it by hand")


_CLEANERS = {
    describe.MONEY: _money, describe.DATE: _date, describe.CODE: _code, describe.TEXT: _text,
    describe.STATEMENT: _text, describe.WHOLE_NUMBER: _whole_number, describe.YES_NO: _yes_no,
    describe.CHOICE: _choice, describe.SLUG: _slug, describe.URL: _url, describe.ORG_ID: _org_id,
    describe.FINANCIAL_YEAR: _financial_year, describe.DATETIME: _not_in_a_sheet, describe.EMAIL: _not_in_a_sheet,
}


def slugify(text: str) -> str:
    """An id like the text: `Café Hub, 2025` -> `cafe-hub-2025` (accents dropped, not the letters)."""
    import unicodedata
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return "-".join(re.findall(r"[a-z0-9]+", plain.lower()))
