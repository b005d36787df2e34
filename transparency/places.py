"""Places as the open data names them: UK postcodes and ONS area codes.

GrantNav and 360Insights map a grant from its recipient's postcode and from the code of the
place it benefits (360Giving's `geoCode`, with its `geoCodeType`). This module is the one home
of what those look like:

- a postcode's shape, by Royal Mail's rules (the Postcode Address File's programmers' guide):
  an outward code (the area's one or two letters, then the district: `PE29`, `E1W`, `W1A`), a
  space, and an inward code (a digit and two letters: `6XX`). Which letters may stand where is
  the rule, so `QE1 1AA` or `PE29 6CI` is refused. Whether the postcode exists is not checked:
  that needs the Postcode Address File itself.
- an ONS GSS code's shape (a country letter and 8 digits: `E07000010`) and its entity (its first
  three characters, `E07`), which 360Giving's codelist of geographic code types names
  (`NMD`, non-metropolitan districts). The codelist is a copy shipped beside this module
  (`giving360-codelists/`, see its README); tests/test_giving360_places.py checks it is the
  same as the standard's copy in tests/standards/.

Staff's text is never rewritten in their files: `postcode()` reads "pe29 6xx " as `PE29 6XX`,
and the export publishes that; the rules (rules.py) ask staff to write it so, as a warning.
"""
from __future__ import annotations

import csv
import io
import re
from functools import cache
from importlib.resources import files
from typing import NamedTuple

from .problems import short

# --- postcodes ----------------------------------------------------------------------

_FIRST = "[ABCDEFGHIJKLMNOPRSTUWYZ]"  # the area's first letter: never Q, V or X
_SECOND = "[ABCDEFGHKLMNOPQRSTUVWXY]"  # its second letter: never I, J or Z
_THIRD = "[ABCDEFGHJKPSTUW]"  # a letter after one area letter and a digit (`W1A`, `E1W`)
_FOURTH = "[ABEHMNPRVWXY]"  # a letter after two area letters and a digit (`EC1A`, `SW1W`)
_INWARD = "[0-9][ABDEFGHJLNPQRSTUWXYZ]{2}"  # never C, I, K, M, O or V (they look like others)
_OUTWARD = (f"{_FIRST}[0-9]{{1,2}}|{_FIRST}[0-9]{_THIRD}|{_FIRST}{_SECOND}[0-9]{{1,2}}"
            f"|{_FIRST}{_SECOND}[0-9]{_FOURTH}")
_POSTCODE = re.compile(rf"(?P<outward>{_OUTWARD})(?P<inward>{_INWARD})|(?P<girobank>GIR0AA)", re.ASCII)
POSTCODE_EXAMPLE = "PE29 6XX"
NOT_A_POSTCODE = ("`{text}` is not a UK postcode: write the postcode of the recipient's address as Royal Mail "
                  "writes it, for example `PE29 6XX` (the area and district, a space, then a digit and two "
                  "letters), or leave `postcode` out")
POSTCODE_AS_WRITTEN = ("`{text}` is published as `{postcode}`: write it that way (capital letters, one space before "
                       "the last three characters) so that it reads the same everywhere")


def postcode(text: str) -> str | None:
    """The postcode `text` is, as Royal Mail writes it (`PE29 6XX`), or None if it is none.

    Case and spaces do not count ("pe296xx", " PE29  6XX"): they are how people type and paste
    postcodes, and never change which postcode it is.
    """
    squeezed = "".join(text.split()).upper()
    found = _POSTCODE.fullmatch(squeezed)
    if found is None:
        return None
    return "GIR 0AA" if found["girobank"] else f"{found['outward']} {found['inward']}"


# --- ONS area codes (GSS codes) -------------------------------------------------------

GSS = re.compile(r"[ENSW][0-9]{8}", re.ASCII)  # fullmatch: a country letter and 8 digits


class CodeType(NamedTuple):
    """One kind of area in 360Giving's codelist: its code (`NMD`) and title."""
    code: str
    title: str


@cache
def code_types() -> dict[str, CodeType]:
    """360Giving's geographic code types by ONS entity (`E07` -> NMD), from the shipped copy."""
    text = files(__package__).joinpath("giving360-codelists/geoCodeType.csv").read_text(encoding="utf-8")
    out = {}
    for row in csv.DictReader(io.StringIO(text, newline="")):
        entity = row["Documentation (URL)"].rstrip("/").rsplit("/", 1)[-1]  # .../statistical-entity/E07
        out[entity] = CodeType(row["Code"], row["Title"].strip())
    return out


# The kinds of area an award's `coverage` may name by code: the districts and local authorities
# (360Giving's codes for them), the places councils and community safety partnerships are drawn by.
LOCAL_AUTHORITY_TYPES = ("NMD", "UA", "MD", "LONB", "CTY", "CA")
FORCE_AREA_TYPE = "PFA"
# ONS numbers police force areas E23 in England and W15 in Wales. 360Giving's codelist (1.4.3)
# lists only E23 under PFA; a Welsh force's area is a police force area all the same.
FORCE_AREA_ENTITIES = ("E23", "W15")
AREA_CODE_EXAMPLE = "`E07000010` (a district) or `E06000031` (a unitary authority)"
FORCE_AREA_EXAMPLE = "`E23000023`"
FIND_CODES = "https://geoportal.statistics.gov.uk/"  # the ONS Open Geography Portal's code lists
NOT_A_GSS_CODE = ("`{text}` is not an ONS area code: it is a capital letter (E for England, W for Wales) and 8 "
                  "digits, for example {example}; the ONS Open Geography Portal lists them (" + FIND_CODES + ")")
NOT_A_LOCAL_AUTHORITY = ("`{text}` is an ONS code for {kind}, not for a district or council: give the "
                         "code of the district, borough or unitary authority the service is in, for example "
                         + AREA_CODE_EXAMPLE)
NOT_A_FORCE_AREA = ("`{text}` is not the ONS code of a police force area: those start E23 in England and W15 in "
                    "Wales, for example " + FORCE_AREA_EXAMPLE)


def entity(code: str) -> str:
    return code[:3]


def kind_of(code: str) -> CodeType | None:
    """The kind of area a GSS code is, as 360Giving's codelist names it (None if it does not)."""
    if entity(code) in FORCE_AREA_ENTITIES:
        return code_types()["E23"]
    return code_types().get(entity(code))


LETTER_O = "`{text}` has the letter O where ONS codes have a zero: write `{code}`"
NOT_IN_CAPITALS = "`{text}` is written in small letters: ONS codes start with a capital, `{code}`"


def _shape_problem(text: str, example: str) -> str | None:
    """Why `text` has not a GSS code's shape (a small `e07000010` is said so), or None."""
    if GSS.fullmatch(text):
        return None
    if GSS.fullmatch(text.upper()):
        return NOT_IN_CAPITALS.format(text=text, code=text.upper())
    if GSS.fullmatch(zeros := text[:1] + text[1:].upper().replace("O", "0")):
        return LETTER_O.format(text=text, code=zeros)
    return NOT_A_GSS_CODE.format(text=short(text), example=example)


def area_code_problem(text: str) -> str | None:
    """Why `text` is not the code of a district or local authority, or None if it is one."""
    if problem := _shape_problem(text, AREA_CODE_EXAMPLE):
        return problem
    kind = kind_of(text)
    if kind is None or kind.code not in LOCAL_AUTHORITY_TYPES:
        what = (f"{kind.title} (codes starting {entity(text)})" if kind
                else f"an area 360Giving's list does not name (codes starting {entity(text)})")
        return NOT_A_LOCAL_AUTHORITY.format(text=text, kind=what)
    return None


def force_area_problem(text: str) -> str | None:
    """Why `text` is not the code of a police force area, or None if it is one."""
    if problem := _shape_problem(text, FORCE_AREA_EXAMPLE):
        return problem
    if entity(text) not in FORCE_AREA_ENTITIES:
        return NOT_A_FORCE_AREA.format(text=text)
    return None


def area_code_type(code: str) -> str | None:
    """360Giving's `geoCodeType` for a code the rules accept (a district's `NMD`), else None."""
    return kind_of(code).code if area_code_problem(code) is None else None


def force_area_code_type(code: str) -> str | None:
    """`PFA` for a police force area's code the rules accept, else None."""
    return FORCE_AREA_TYPE if force_area_problem(code) is None else None

