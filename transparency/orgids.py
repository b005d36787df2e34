"""Organisation identifiers: which register an identifier comes from, and the numbers staff write.

An org-id.guide identifier is a register's list code, a hyphen and the organisation's id
in that register: `GB-CHC-1123456` is charity 1123456 on the Charity Commission's register.
The list codes are checked against org-id.guide's list of registers, shipped in
`org-id-guide/registers.json` (its source, version and licence are in the README beside it),
so a made-up code such as `GB-UNREG` is refused rather than published.

A group registered nowhere has no such identifier. 360Giving's guidance gives it one made by
the funder: the funder's 360Giving prefix (`360G-...`), a hyphen and the funder's own id for it.

This module is the one home of both: the reader (`convert.py`) asks `problem` about every
`org_id`, the rules ask `charity_org_id` and `COMPANY_NUMBER` about the numbers staff write,
and the exports build identifiers with `charity_org_id`, `company_org_id` and `registered`.
"""
from __future__ import annotations

import difflib
import json
import os
import re
from functools import cache
from importlib.resources import files
from typing import NamedTuple

from .problems import short

# 360Giving identifiers start with this; org-id.guide has no register of that name.
UNREGISTERED = "360G-"
# The characters an id may hold after its list code (360Giving turns others into `_`).
_ID = r"[A-Za-z0-9._-]+"
_CODE = r"[A-Z]{2}(?:_[A-Z0-9]+)?-[A-Z0-9_]+"  # `GB-CHC`; `CA_AB-ABT` for a province's list
_SHAPE = re.compile(rf"(?P<code>{_CODE}|{UNREGISTERED}[A-Za-z0-9_]+)-(?P<id>{_ID})")  # fullmatch: no "\n" after
# How to write an id for a group with no registered number, said wherever an org_id is refused.
UNREGISTERED_HINT = ("for a group with no registered number, write our 360Giving prefix (`grant_id_prefix` in "
                     "organisation.yml), a hyphen and our own id for the group, for example `360G-exampleopcc-org-1`")


class Number(NamedTuple):
    """The form of the ids in one register, for the registers staff give numbers from."""
    pattern: re.Pattern
    what: str  # "a Scottish charity number is SC and 6 digits"
    example: str


# The UK registers recipients' numbers come from. The same forms check `charity_number`
# and `company_number` (rules.py) and the ids in an `org_id` from these registers.
NUMBERS: dict[str, Number] = {
    "GB-CHC": Number(re.compile(r"\d{6,7}", re.ASCII), "a Charity Commission number has 6 or 7 digits", "1123456"),
    # OSCR writes its numbers with the SC in front, and so does org-id.guide: GB-SC-SC012345
    "GB-SC": Number(re.compile(r"SC\d{6}", re.ASCII), "a Scottish charity number is SC and 6 digits", "SC012345"),
    # org-id.guide's GB-NIC ids are the register's 6 digits ("Reg charity number": 100019)
    "GB-NIC": Number(re.compile(r"\d{6}", re.ASCII), "a Northern Ireland charity number has 6 digits", "100001"),
    "GB-COH": Number(re.compile(r"[A-Z0-9]{8}"), "a company number has 8 characters", "01234567"),
}
# How `charity_number` is written for each register: a Northern Ireland number has NIC in
# front, because its 6 digits alone would read as a Charity Commission number.
CHARITY_REGISTERS = (("GB-CHC", ""), ("GB-SC", ""), ("GB-NIC", "NIC"))
CHARITY_NUMBER_FORMS = ("write a Charity Commission number as its 6 or 7 digits (for example 1123456, leaving out "
                        "any suffix like -1), a Scottish one as OSCR writes it, SC and 6 digits (for example "
                        "SC012345), or a Northern Ireland one as NIC and its 6 digits (for example NIC100001)")
# Why a number staff wrote is refused (rules.py, and the web form through cms.py): `{text}` is the number.
NOT_A_CHARITY_NUMBER = "`{text}` is not a charity number: " + CHARITY_NUMBER_FORMS
NOT_A_COMPANY_NUMBER = "`{text}` is not a company number: it has 8 characters, for example 01234567 or SC123456"


class Register(NamedTuple):
    code: str
    name: str
    deprecated: bool


@cache
def registers() -> dict[str, Register]:
    """org-id.guide's registers by list code, from the copy shipped with the package."""
    text = files(__package__).joinpath("org-id-guide/registers.json").read_text(encoding="utf-8")
    return {r["code"]: Register(r["code"], r["name"], r.get("deprecated", False))
            for r in json.loads(text)["registers"]}


def problem(org_id: str, recipient: bool = True) -> str | None:
    """Why `org_id` is not an identifier we can publish, in words for staff; None if it is one.
    `recipient`: the hint about groups with no registered number is for a recipient's, not the office's own."""
    unregistered = f"; {UNREGISTERED_HINT}" if recipient else ""
    m = _SHAPE.fullmatch(org_id)
    if not m:
        return (f"`{short(org_id)}` is not an org-id.guide identifier: write the list code and the number, "
                f"for example `GB-CHC-1234567` or `GB-COH-01234567` (no spaces or slashes){unregistered}")
    code, id = m["code"], m["id"]
    if code.startswith(UNREGISTERED):
        return None  # whose prefix it is needs organisation.yml: rules.py checks it
    register = registers().get(code)
    if register is None:
        near = _nearest(code)
        hint = f" (did you mean `{near}`, {registers()[near].name}?)" if near else ""
        return (f"`{code}` is not a register org-id.guide knows{hint}: check the list code at "
                f"https://org-id.guide{unregistered}")
    if register.deprecated:
        return (f"`{code}` ({register.name}) is a register org-id.guide says is no longer used: find the "
                "organisation's identifier in a current register at https://org-id.guide")
    number = NUMBERS.get(code)
    if number and not number.pattern.fullmatch(id):
        return f"`{short(org_id)}` is not a `{code}` identifier: {number.what}, for example `{code}-{number.example}`"
    return None


def _nearest(code: str) -> str | None:
    """The known list code most like `code`, if any is close. Of equally close ones, the one that
    starts the same way longest: `GB-CHX` is more likely `GB-CHC` than `GB-COH`."""
    score, _, near = max((difflib.SequenceMatcher(None, code, known).ratio(), len(os.path.commonprefix([code, known])),
                          known) for known in registers())
    return near if score >= 0.6 else None


def pattern() -> str:
    """`problem` as one regular expression (ECMA-262 too), for the JSON Schemas editors check with."""
    # list codes hold only A-Z, 0-9, `_` and `-`: nothing to escape
    numbered = [f"{code}-{n.pattern.pattern}" for code, n in NUMBERS.items()]
    others = [r.code for r in registers().values() if not r.deprecated and r.code not in NUMBERS]
    return f"^(?:{'|'.join(numbered)}|(?:{'|'.join(others)})-{_ID}|{UNREGISTERED}[A-Za-z0-9_]+-{_ID})$"


def is_unregistered(org_id: str) -> bool:
    """A 360Giving identifier a funder made for a group registered nowhere."""
    return org_id.startswith(UNREGISTERED)


def registered(org_id: str) -> tuple[str, str] | None:
    """A register's identifier split into its list code and the id in it; None for a 360Giving one."""
    m = _SHAPE.fullmatch(org_id)
    if not m or is_unregistered(org_id):
        return None
    return m["code"], m["id"]


def charity_org_id(number: str) -> str | None:
    """The identifier of a charity number as staff write it (`1123456`, `SC012345`, `NIC100001`);
    None if it is none of those."""
    for code, written_with in CHARITY_REGISTERS:
        id = number.removeprefix(written_with) if written_with else number
        if number.startswith(written_with) and NUMBERS[code].pattern.fullmatch(id):
            return f"{code}-{id}"
    return None


def charity_number_pattern() -> str:
    """`charity_org_id` as one regular expression (ECMA-262 too), for the web form."""
    forms = [f"{written_with}{NUMBERS[code].pattern.pattern}" for code, written_with in CHARITY_REGISTERS]
    return f"^(?:{'|'.join(forms)})$"  # the prefixes are capital letters: nothing to escape


def company_org_id(number: str) -> str:
    """Companies House's register in org-id.guide."""
    return f"GB-COH-{number}"


COMPANY_NUMBER = NUMBERS["GB-COH"].pattern
