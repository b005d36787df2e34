"""The mapping file: how to read one office's spreadsheet, written once by the member of staff.

    columns:                          # the sheet's column title: our field
      Project: title
      Amount awarded: amount
      Charity no.: recipient.charity_number
      Notes:                          # nothing after the colon: the column is not imported
    dates: day-first                  # 01/04/2025 is 1 April 2025 (or month-first)
    funds:                            # the sheet's fund names: our fund ids (files in data/funds/)
      Youth Fund 2025: youth-fund
    fixed:                            # the same value for every row of the sheet
      kind: grant

It is read with the project's own YAML reader (yamlfile.py), so every problem has its line.
On a first run without one, `suggest` writes one from the column titles for staff to check.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..problems import Problem, short
from ..yamlfile import Mapping as Node, Scalar, parse_bytes
from . import giving360
from .cleaning import Conventions, Unclean, clean
from .fields import ID, targets

DAY_FIRST, MONTH_FIRST = "day-first", "month-first"
SECTIONS = ("columns", "dates", "funds", "fixed")


@dataclass
class Mapping:
    columns: dict[str, str]  # the sheet's column title -> dotted field
    conventions: Conventions
    fixed: dict[str, Any] = field(default_factory=dict)  # dotted field -> value, for every row
    giving360: bool = False  # the built-in 360Giving mapping (giving360.py reads the columns it makes)


def built_in_360(fund_ids: frozenset[str]) -> Mapping:
    return Mapping(dict(giving360.copied()), Conventions(fund_ids=fund_ids), giving360=True)


def load(path: Path, shown: str, headers: list[str], fund_ids: frozenset[str]) -> tuple[Mapping | None, list[Problem]]:
    """The mapping file read and checked against the sheet's columns and the data folder's funds."""
    try:
        raw = path.read_bytes()
    except OSError as e:
        return None, [Problem(shown, 0, "", f"cannot be read: {e.strerror}")]
    node, problems = parse_bytes(raw, shown)
    if node is None:
        return None, problems
    if not isinstance(node, Node):
        return None, [Problem(shown, node.line, "", "expected the sections columns:, dates:, funds: and fixed:")]
    sections: dict[str, Any] = {}
    for key, value in node.items:
        if key.text not in SECTIONS:
            near = difflib.get_close_matches(key.text, SECTIONS, n=1)
            hint = f"; did you mean `{near[0]}`?" if near else f": the sections are {', '.join(SECTIONS)}"
            problems.append(Problem(shown, key.line, key.text, f"unknown section `{short(key.text)}`{hint}"))
        else:
            sections[key.text] = value
    conv = Conventions(fund_ids=fund_ids)
    dates = sections.get("dates")
    if isinstance(dates, Scalar) and dates.text:
        if dates.text not in (DAY_FIRST, MONTH_FIRST):
            problems.append(Problem(shown, dates.line, "dates", (
                f"`{short(dates.text)}` is not `{DAY_FIRST}` (01/04/2025 is 1 April) or `{MONTH_FIRST}` "
                "(01/04/2025 is 4 January)")))
        conv.day_first = dates.text != MONTH_FIRST
    for name, value in _pairs(sections.get("funds"), "funds", shown, problems):
        if value.text not in fund_ids:
            known = ", ".join(f"`{f}`" for f in sorted(fund_ids)) or "none yet: add the fund files first"
            problems.append(Problem(shown, value.line, f"funds.{name.text}", (
                f"`{short(value.text)}` is not a fund in data/funds/: write the id of one of {known}")))
        conv.funds[" ".join(name.text.split()).casefold()] = value.text
    columns: dict[str, str] = {}
    used: dict[str, str] = {}
    all_targets = targets()
    for title, value in _pairs(sections.get("columns"), "columns", shown, problems, empty_ok=True):
        if title.text not in headers:
            near = difflib.get_close_matches(title.text, headers, n=1)
            hint = f"; did you mean `{near[0]}`?" if near else f" (its columns are {', '.join(f'`{h}`' for h in headers)})"
            problems.append(Problem(shown, title.line, f"columns.{title.text}", (
                f"the sheet has no column `{short(title.text)}`{hint}")))
            continue
        if not value.text:
            continue  # not imported
        if value.text not in all_targets:
            problems.append(Problem(shown, value.line, f"columns.{title.text}", _unknown_field(value.text)))
            continue
        if value.text in used:
            problems.append(Problem(shown, value.line, f"columns.{title.text}", (
                f"`{value.text}` is also filled by the column `{used[value.text]}`: map one column to each field")))
            continue
        used[value.text] = title.text
        columns[title.text] = value.text
    fixed: dict[str, Any] = {}
    for name, value in _pairs(sections.get("fixed"), "fixed", shown, problems):
        where = f"fixed.{name.text}"
        if name.text not in all_targets or name.text == ID:
            problems.append(Problem(shown, name.line, where, _unknown_field(name.text)))
            continue
        if name.text in used:
            problems.append(Problem(shown, name.line, where, (
                f"`{name.text}` is also filled by the column `{used[name.text]}`: keep one of the two")))
            continue
        try:
            fixed[name.text] = clean(all_targets[name.text], value.text, conv)
        except Unclean as e:
            problems.append(Problem(shown, value.line, where, str(e)))
    if not columns and not problems:
        problems.append(Problem(shown, node.line, "columns", "no column is mapped to a field: fill in `columns:`"))
    return (None if problems else Mapping(columns, conv, fixed)), problems


def _pairs(node, section: str, shown: str, problems: list[Problem], empty_ok: bool = False):
    """The `name: value` lines of one section, each value a single piece of text."""
    if node is None or (isinstance(node, Scalar) and not node.text):
        return
    if not isinstance(node, Node):
        problems.append(Problem(shown, node.line, section, "expected `name: value` lines indented under it"))
        return
    for key, value in node.items:
        if not isinstance(value, Scalar) or (not value.text and not empty_ok):
            what = "the id of our fund (its file name in data/funds/)" if section == "funds" else "one value"
            problems.append(Problem(shown, key.line, f"{section}.{key.text}", f"write {what} after the colon"))
            continue
        yield key, value


def _unknown_field(name: str) -> str:
    names = list(targets())
    near = difflib.get_close_matches(name, names, n=1, cutoff=0.6)
    if near:
        return f"`{short(name)}` is not a field we can import; did you mean `{near[0]}`?"
    return f"`{short(name)}` is not a field we can import: the fields are {', '.join(names)}"


# --- the suggested mapping ------------------------------------------------------------------

# Titles offices give their columns, by the field they hold (compared without case or punctuation).
COMMON_TITLES: dict[str, tuple[str, ...]] = {
    "id": ("id", "ref", "reference", "grant ref", "grant reference", "award id", "identifier", "grant id"),
    "title": ("title", "project", "project title", "project name", "name of project", "scheme name", "award title"),
    "kind": ("kind", "type", "award type", "grant or contract"),
    "fund": ("fund", "fund name", "funding stream", "programme", "grant programme", "funding pot", "budget"),
    "recipient.name": ("recipient", "recipient name", "organisation", "organisation name", "organization",
                       "grantee", "provider", "supplier", "applicant", "group", "charity", "charity name"),
    "recipient.charity_number": ("charity no", "charity number", "registered charity number", "charity reg no",
                                 "reg charity no", "charity registration number"),
    "recipient.company_number": ("company no", "company number", "companies house number", "company reg no"),
    "recipient.website": ("website", "web address", "recipient website"),
    "amount": ("amount", "amount awarded", "award amount", "grant amount", "value", "total", "amount gbp",
               "award value", "grant awarded", "funding awarded", "contract value"),
    "award_date": ("date", "award date", "date awarded", "decision date", "date of award", "approved", "date approved"),
    "description": ("description", "project description", "summary", "details", "what it pays for"),
    "procurement_route": ("route", "procurement route", "how chosen"),
    "status": ("status", "award status"),
    "financial_year": ("financial year", "year", "fy"),
    "term.start": ("start date", "start", "contract start"),
    "term.initial_years": ("years", "length years", "term years", "duration years"),
    "term.break_clause": ("break clause",),
    "purpose": ("purpose", "grant purpose", "what it is for"),
    "conditions": ("conditions", "grant conditions", "terms and conditions"),
    "crime_reduction_reasons": ("crime reduction reasons", "how it reduces crime", "crime and disorder reasons"),
    "status_note": ("status note", "why ended"),
}


def _plain(title: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", title.casefold()))


def guess(title: str) -> tuple[str, str] | None:
    """The field a column title most likely names, and why: ("amount", "a common title for ...")."""
    plain = _plain(title)
    if title in giving360.copied():
        return giving360.copied()[title], "the 360Giving column"
    for name, titles in COMMON_TITLES.items():
        if plain in titles:
            return name, f'"{title}" is a common title for it'
    words = {t.words: t.name for t in targets().values()}
    if plain in words:
        return words[plain], "the field's own name"
    common = {t: name for name, titles in COMMON_TITLES.items() for t in titles}
    near = difflib.get_close_matches(plain, [*words, *common], n=1, cutoff=0.8)
    if near:
        return words.get(near[0]) or common[near[0]], f'"{title}" is close to "{near[0]}"'
    return None


def suggest(sheet_name: str, headers: list[str], fund_column_values: list[str] | None = None,
            fund_names: dict[str, str] | None = None) -> str:
    """A mapping file for the sheet, from its column titles, with a comment on every line."""
    lines = [
        f"# How to read {sheet_name}: a suggestion made from its column titles. Check every line,",
        "# then run the import again with --mapping and this file's name.",
        "# Each line under `columns:` is the sheet's column title, a colon, and the field it fills",
        "# (EDITING.md, \"Awards\", says what each field holds). Leave a field empty to skip the column.",
        "columns:",
    ]
    taken: set[str] = set()
    fund_title = None
    width = max((len(_key(h)) for h in headers), default=0) + 2
    for title in headers:
        found = guess(title)
        key = _key(title)
        if found and found[0] not in taken:
            name, why = found
            taken.add(name)
            fund_title = title if name == "fund" else fund_title
            doc = re.split(r"[.:;(]", targets()[name].doc)[0].strip()
            lines.append(f"  {key + ':':<{width}} {name:<26} # {why}: {doc}")
        else:
            why = "also looks like " + found[0] + ", already taken above" if found else "not matched to a field"
            lines.append(f"  {key + ':':<{width}} {'':<26} # {why}: write a field to import it, or leave it empty")
    missing = [t.name for t in targets().values() if t.required and "." not in t.name and t.name not in taken]
    if missing:
        lines.append(f"  # no column found for: {', '.join(missing)}: without them each record is a draft, or give")
        lines.append("  # the same value for every row under `fixed:` below")
    lines += ["", "# How the sheet writes dates: day-first (01/04/2025 is 1 April 2025, the UK way) or month-first.",
              f"dates: {DAY_FIRST}"]
    lines += ["", "# The sheet's fund names, each with the id of our fund (a file in data/funds/)."]
    if fund_title and fund_column_values:
        lines.append("funds:")
        for value in fund_column_values:
            match = (fund_names or {}).get(" ".join(value.split()).casefold(), "")
            why = "the fund of that name in data/funds/" if match else "which fund is this? write its id"
            lines.append(f"  {_key(value) + ':':<{width}} {match:<26} # {why}")
    else:
        lines.append("# funds:\n#   Youth Fund 2025: youth-fund")
    lines += ["", "# Values that are the same for every row of the sheet, for fields it has no column for.",
              "# fixed:", "#   kind: grant", ""]
    return "\n".join(lines)


def _key(title: str) -> str:
    """A column title as a YAML key that reads back as the same text."""
    if re.fullmatch(r"[A-Za-z][A-Za-z0-9 ()./&'_-]*[A-Za-z0-9().]", title) and ": " not in title and " #" not in title \
            and title.casefold() not in ("yes", "no", "true", "false", "on", "off", "null", "y", "n"):
        return title
    return '"' + title.replace("\\", "\\\\").replace('"', '\\"') + '"'
