"""One row of the sheet into one award: its fields by dotted name, its id, and what it still needs.

Each cell is cleaned (cleaning.py), then the award is written out (writer.py) and read back
through the project's own reader (convert.py), so a value the build would refuse (a title
starting with `=`, an invisible character pasted from Word) is reported against its column now,
in the build's own words. Fields the sheet does not hold are left out, never filled in: a
record without all that publishing needs (the model's required fields, and the rules'
REQUIREMENTS, such as a grant's purpose and conditions) is a draft.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .. import describe
from ..convert import Where, read_record
from ..model import Award, Fund, Organisation
from ..rules import REQUIREMENTS
from ..yamlfile import parse
from . import giving360
from .cleaning import Unclean, clean
from .fields import ID, group_of, targets
from .mapping import Mapping
from .sheets import Row
from .writer import body, render

_MISSING = re.compile(r"^`[a-z_]+` is missing: add it")


@dataclass
class Imported:
    row: Row
    values: dict[str, Any] = field(default_factory=dict)  # dotted field -> value, without the id
    id: str | None = None  # from an id column or a 360Giving identifier
    problems: list[tuple[str, str]] = field(default_factory=list)  # (column title, message)
    missing: list[str] = field(default_factory=list)  # what publishing still needs: a draft if any
    text: str = ""  # the data file, once the row is read without problems

    @property
    def draft(self) -> bool:
        return bool(self.missing)


def read_row(row: Row, mapping: Mapping, org: Organisation | None, funds: dict[str, Fund],
             source: str = "") -> Imported:
    """The row as an award; `source` is the sheet's name, which the file says it came from."""
    out = Imported(row)
    values: dict[str, Any] = dict(mapping.fixed)
    column_of: dict[str, str] = {}  # dotted field -> the column it came from
    all_targets = targets()
    for title, name in mapping.columns.items():
        try:
            value = clean(all_targets[name], row.cells.get(title), mapping.conventions)
        except Unclean as e:
            out.problems.append((title, str(e)))
            continue
        column_of[name] = title
        if value is not None:
            values[name] = value
    if mapping.giving360 and org is not None:
        made, bad = giving360.derived(row.cells, org, mapping.conventions, funds)
        out.problems += bad.items()
        for name, value in made.items():
            values.setdefault(name, value)
            column_of.setdefault(name, _column_making(name))
    if "coverage" in values and any(k.startswith("coverage.") for k in values):
        out.problems.append((column_of.get("coverage", ""), (
            "the award is countywide in one column and has an area in another: keep one")))
    out.id = values.pop(ID, None)
    if out.problems:
        return out
    out.values = values
    out.missing = still_needs(values, funds)
    out.text = render(values, source, out.draft)
    out.problems = _read_back(body(out.text), out.id, column_of)
    return out


def _column_making(name: str) -> str:
    """The 360Giving column a derived field came from, for messages."""
    return {"id": giving360.IDENTIFIER, "fund": giving360.PROGRAMME_TITLE, "coverage": giving360.LOCATION,
            "coverage.area": giving360.LOCATION, "coverage.code": giving360.GEO_CODE, "term.initial_years": giving360.DURATION,
            "kind": ""}.get(name, giving360.RECIPIENT_ID)


def _read_back(text: str, id: str | None, column_of: dict[str, str]) -> list[tuple[str, str]]:
    """What the project's reader says of the written values (not of the fields left out)."""
    node, problems = parse(text, "")
    if node is not None:
        _, problems = read_record(Award, node, Where(""), id=id or "imported")
    out = []
    for p in problems:
        if _MISSING.match(p.message):
            continue
        dotted = re.sub(r"\[\d+\]", "", p.field)
        column = column_of.get(dotted) or next((c for f, c in column_of.items() if dotted.startswith(f + ".")),
                                               f"fixed.{dotted}")
        out.append((column, p.message))
    return out


def still_needs(values: dict[str, Any], funds: dict[str, Fund]) -> list[str]:
    """The fields publishing needs that the row does not give, in the model's order."""
    groups = {group_of(name) for name in values if "." in name}
    needed = [t.name for t in targets().values() if t.required and t.name not in values
              and (group_of(t.name) in groups or "." not in t.name)
              and not (t.name == "coverage" or group_of(t.name) == "coverage" and "coverage" in values)]
    for req in REQUIREMENTS:
        if req.record is not Award or not req.holds(values.get):
            continue
        fund = funds.get(values.get("fund", ""))
        if req.fund_flag and not (fund is not None and getattr(fund, req.fund_flag)):
            continue
        present = req.field in values or any(k.startswith(req.field + ".") for k in values)
        if not present and (group_of(req.field) == "" or group_of(req.field) in groups):
            needed.append(req.field)
    # a record the model requires as a whole (recipient), when the row gives none of it
    for f in describe.record(Award).written:
        if f.required and f.shape.kind == describe.RECORD and f.name not in groups:
            needed.append(f.name)
    return list(dict.fromkeys(needed))
