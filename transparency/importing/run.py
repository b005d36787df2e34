"""`opcc-site import FILE [--mapping MAPPING.yml] [--data data] [--overwrite]`.

Reads every row, reports each one it cannot read (and each likely repeat), writes one file
per award into data/awards/ (a draft when the sheet cannot complete it), and ends with the
summary line: `N written (M drafts), K unchanged, J skipped.` A file that exists is never
replaced without --overwrite: running the same sheet again writes nothing and says so.
"""
from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from ..convert import Where, read_record
from ..dataset import RESERVED, SUFFIXES
from ..model import Fund, Organisation
from ..problems import Problem
from ..yamlfile import read as read_yaml
from . import giving360, mapping as mappings
from .cleaning import slugify
from .records import Imported, read_row
from .sheets import Sheet, SheetError, read as read_sheet


@dataclass
class Outcome:
    """What one run did."""
    written: list[Path] = field(default_factory=list)
    drafts: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    skipped: int = 0
    messages: list[str] = field(default_factory=list)  # `file.csv:row N: column: ...`, in row order
    status: int = 0

    def summary(self) -> str:
        return (f"{len(self.written)} written ({len(self.drafts)} draft{'s' if len(self.drafts) != 1 else ''}), "
                f"{len(self.unchanged)} unchanged, {self.skipped} skipped.")


def shown_path(path: Path) -> str:
    """A path as messages name it: relative to the current folder when inside it, as typed otherwise."""
    try:
        relative = Path(os.path.relpath(path))
    except ValueError:  # another drive (Windows)
        return path.as_posix()
    return path.as_posix() if relative.parts[:1] == ("..",) else relative.as_posix()


def suggested_mapping_path(sheet: Path) -> Path:
    return sheet.with_name(sheet.stem + ".mapping.yml")


def office(data: Path) -> tuple[Organisation | None, dict[str, Fund], list[Problem]]:
    """organisation.yml and the funds, read by the project's own reader (awards are not read)."""
    problems: list[Problem] = []
    org = None
    path = data / "organisation.yml"
    if path.exists():
        node, problems = read_yaml(path, shown_path(path))
        if node is not None:
            org, problems = read_record(Organisation, node, Where(shown_path(path)))
    funds: dict[str, Fund] = {}
    folder = data / "funds"
    for entry in sorted(folder.iterdir()) if folder.is_dir() else []:
        if entry.suffix in SUFFIXES:
            node, found = read_yaml(entry, shown_path(entry))
            fund = None
            if node is not None:
                fund, found = read_record(Fund, node, Where(shown_path(entry)), id=entry.stem)
            problems += found
            if fund is not None:
                funds[fund.id] = fund
    return org, funds, problems


def run(file: Path, mapping_file: Path | None, data: Path, overwrite: bool = False) -> Outcome:
    out = Outcome()
    shown = shown_path(file)
    try:
        sheet = read_sheet(file, shown)
    except SheetError as e:
        out.messages.append(str(e))
        out.status = 1
        return out
    org, funds, problems = office(data)
    if problems or org is None:
        out.messages += [str(p) for p in problems] or [f"{shown_path(data / 'organisation.yml')}: the file is missing: "
                                                       "import into a data folder that has organisation.yml and the funds"]
        out.messages.append("Fix the office's own files first (python -m transparency validate shows them all).")
        out.status = 1
        return out
    fund_ids = frozenset(funds)
    if mapping_file is not None:
        mapping, problems = mappings.load(mapping_file, shown_path(mapping_file), sheet.headers, fund_ids)
        if mapping is None:
            out.messages += [str(p) for p in problems]
            out.status = 1
            return out
    elif giving360.detect(sheet.headers):
        mapping = mappings.built_in_360(fund_ids)
    else:
        return _suggest(sheet, file, funds, out)
    # a fund column may also name our funds as data/funds/ does; the mapping's own names come first
    mapping.conventions.funds = {" ".join(f.name.split()).casefold(): f.id for f in funds.values()} \
        | mapping.conventions.funds
    _import(sheet, mapping, org, funds, data, overwrite, out)
    return out


def _suggest(sheet: Sheet, file: Path, funds: dict[str, Fund], out: Outcome) -> Outcome:
    """No mapping: write a suggested one beside the sheet (never over one that exists), and no records."""
    target = suggested_mapping_path(file)
    if target.exists():
        out.messages.append(f"{shown_path(target)} is already here: check it, then run "
                            f"`python -m transparency import {shown_path(file)} --mapping {shown_path(target)}`")
        out.status = 1
        return out
    fund_column = next((t for t in sheet.headers if (g := mappings.guess(t)) and g[0] == "fund"), None)
    values = list(dict.fromkeys(" ".join(str(r.cells[fund_column]).split()) for r in sheet.rows
                                if fund_column and r.cells.get(fund_column) is not None))
    names = {f.name.casefold(): f.id for f in funds.values()} | {f.id: f.id for f in funds.values()}
    target.write_text(mappings.suggest(file.name, sheet.headers, values, names), encoding="utf-8")
    out.messages.append(f"No mapping given, so no records were written. A suggested mapping is in {shown_path(target)}: "
                        "check each line (EDITING.md, \"Bringing in your existing records\"), then run "
                        f"`python -m transparency import {shown_path(file)} --mapping {shown_path(target)}`")
    return out


def _import(sheet: Sheet, mapping, org, funds, data: Path, overwrite: bool, out: Outcome) -> None:
    awards = data / "awards"
    messages: list[tuple[int, str]] = []

    def say(imp: Imported, column: str, message: str) -> None:
        where = f"{sheet.shown}:{sheet.label(imp.row)}"
        messages.append((imp.row.number, f"{where}: {column}: {message}" if column else f"{where}: {message}"))

    keep: list[Imported] = []
    first_seen: dict[tuple, Imported] = {}
    by_identifier: dict[str, Imported] = {}
    source = Path(sheet.shown).name
    for imp in (read_row(row, mapping, org, funds, source) for row in sheet.rows):
        if imp.problems:
            for column, message in imp.problems:
                say(imp, column, message)
        elif imp.id is not None and (other := by_identifier.get(imp.id)) is not None:
            say(imp, "", f"has the same identifier as {sheet.label(other.row)}: not written twice; if they are "
                         "two awards, give each its own identifier")
        elif (key := _likeness(imp)) is not None and (other := first_seen.get(key)) is not None:
            say(imp, "", f"repeats {sheet.label(other.row)} (same recipient, amount and award date): not written "
                         "twice; if both are real awards, add this one by hand with `not_a_mistake: [likely-duplicate]`")
        else:
            if imp.id is not None:
                by_identifier[imp.id] = imp
            if key is not None:
                first_seen[key] = imp
            keep.append(imp)
            continue
        out.skipped += 1
    for imp, name in zip(keep, _ids(keep)):
        path = awards / f"{name}.yml"
        text = imp.text
        if path.exists():
            if path.read_text(encoding="utf-8") == text:
                out.unchanged.append(path)
                continue
            if not overwrite:
                say(imp, "", f"{shown_path(path)} already exists and says something else: left as it is "
                             "(run again with --overwrite to replace it)")
                out.skipped += 1
                continue
        awards.mkdir(parents=True, exist_ok=True)
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
        out.written.append(path)
        if imp.draft:
            out.drafts.append(path)
    out.messages += [m for _, m in sorted(messages, key=lambda m: m[0])]
    if messages:
        out.status = 1


def _likeness(imp: Imported) -> tuple | None:
    """What makes two rows likely the same award: recipient, amount and date (all three given)."""
    v = imp.values
    name, amount, day = v.get("recipient.name"), v.get("amount"), v.get("award_date")
    if name is None or amount is None or day is None:
        return None
    return " ".join(name.split()).casefold(), amount, day


def _ids(rows: list[Imported]) -> list[str]:
    """Each row's file name, made the same way every run: its id column (or 360Giving identifier);
    else a slug of its title (or recipient) and the award's year; kept clear of the ids the site's
    own pages use and of each other (a second row of the same title and year adds its recipient)."""
    out: list[str] = []
    taken: set[str] = set()
    for imp in rows:
        if imp.id:
            candidates = [imp.id]
        else:
            v = imp.values
            year = str(v["award_date"].year) if "award_date" in v else ""
            title = slugify(v.get("title", "")) or slugify(v.get("recipient.name", ""))
            base = _with_year(title, year) if title else ""
            recipient = slugify(v.get("recipient.name", ""))
            candidates = [c for c in (base, _with_year(f"{title}-{recipient}", year) if title and recipient else "")
                          if c] or [f"row-{imp.row.number}"]
        chosen = next((c for c in candidates if c not in taken and c not in RESERVED["awards"]), None)
        if chosen is None:
            stem, n = candidates[-1], 2
            while f"{stem}-{n}" in taken:
                n += 1
            chosen = f"{stem}-{n}"
        taken.add(chosen)
        out.append(chosen)
    return out


def _with_year(slug: str, year: str) -> str:
    """`stalking-advocacy-2026-27` stays; `stalking-advocacy` -> `stalking-advocacy-2026`."""
    if not year or year in slug.split("-"):
        return slug
    return f"{slug}-{year}"


def main(file: Path, mapping_file: Path | None, data: Path, overwrite: bool, stream: TextIO = sys.stdout) -> int:
    outcome = run(file, mapping_file, data, overwrite)
    for message in outcome.messages:
        print(message, file=stream)
    if outcome.written or outcome.unchanged or outcome.skipped or outcome.status == 0 and not outcome.messages:
        print(outcome.summary(), file=stream)
        if outcome.drafts:
            print(f"Drafts are not published until they are complete: `python -m transparency validate "
                  f"--data {shown_path(data)}` lists what each still needs.", file=stream)
    return outcome.status
