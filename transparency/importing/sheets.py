"""Read a spreadsheet (CSV or XLSX) or a 360Giving JSON package into rows of cells.

A cell is what the file holds: text from a CSV; text, a number, a date or a yes/no from
an XLSX sheet (openpyxl, values rather than formulas: `data_only=True`); text from a 360Giving
JSON grant, flattened to the 360Giving CSV's column titles by our own export (so a JSON file and
a CSV file are read alike). Each row keeps the number a person sees: the spreadsheet's row
number (the header is row 1), or for JSON the grant's position in `grants`.
"""
from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from ..exports.giving360 import flat

SUFFIXES = (".csv", ".xlsx", ".json")


class SheetError(Exception):
    """The file cannot be read at all (the message says why and what to do)."""


@dataclass
class Row:
    number: int  # the spreadsheet's own row number (header: 1), or the grant's position in a JSON file
    cells: dict[str, Any]  # column title -> the cell's value (None when empty)

    @property
    def label(self) -> str:
        return f"row {self.number}"


@dataclass
class Sheet:
    shown: str  # the file as the messages name it
    headers: list[str]
    rows: list[Row] = field(default_factory=list)
    giving360_json: bool = False  # a 360Giving JSON package (its rows are grants)

    def label(self, row: Row) -> str:
        return f"grant {row.number}" if self.giving360_json else row.label


def read(path: Path, shown: str) -> Sheet:
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise SheetError(f"{shown}: the file must be a .csv, .xlsx or 360Giving .json file (in Excel, "
                         "Save As \"CSV UTF-8\" or \"Excel Workbook (.xlsx)\")")
    try:
        raw = path.read_bytes()
    except OSError as e:
        raise SheetError(f"{shown}: cannot be read: {e.strerror}") from None
    if suffix == ".csv":
        return _csv(raw, shown)
    if suffix == ".xlsx":
        return _xlsx(path, shown)
    return _json(raw, shown)


def _text(raw: bytes, shown: str) -> str:
    try:
        return raw.decode("utf-8-sig")  # Excel's "CSV UTF-8" starts with a byte order mark
    except UnicodeDecodeError:
        raise SheetError(f"{shown}: the file is not saved as UTF-8 text: in Excel choose Save As and "
                         "\"CSV UTF-8 (Comma delimited)\", then run this again") from None


def _table(shown: str, table: list[tuple[int, list[Any]]]) -> Sheet:
    """A sheet from numbered rows, the first non-empty one being the column titles."""
    table = [(n, cells) for n, cells in table if any(_filled(c) for c in cells)]
    if not table:
        raise SheetError(f"{shown}: the file holds no rows: the first row must be the column titles")
    (_, titles), *body = table
    headers = [str(t).strip() if t is not None else "" for t in titles]
    seen: set[str] = set()
    for title in headers:
        if title and title in seen:
            raise SheetError(f"{shown}:row 1: the column title `{title}` is used twice: give each column its own title")
        seen.add(title)
    rows = []
    for number, cells in body:
        values = {title: (cells[i] if i < len(cells) and _filled(cells[i]) else None)
                  for i, title in enumerate(headers) if title}
        rows.append(Row(number, values))
    return Sheet(shown, [h for h in headers if h], rows)


def _filled(cell: Any) -> bool:
    return cell is not None and not (isinstance(cell, str) and not cell.strip())


def _csv(raw: bytes, shown: str) -> Sheet:
    text = _text(raw, shown)
    try:
        # newline="": the csv module reads "\r\n" (Windows) and line breaks inside quoted cells itself
        records = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as e:
        raise SheetError(f"{shown}: not a CSV file the importer can read ({e})") from None
    # One record per spreadsheet row (a cell may hold line breaks): the header is row 1.
    return _table(shown, [(n, cells) for n, cells in enumerate(records, 1)])


def _xlsx(path: Path, shown: str) -> Sheet:
    import openpyxl  # only for .xlsx files
    from zipfile import BadZipFile
    try:
        # read_only streams the rows; data_only gives each formula's last value, never the formula
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (BadZipFile, KeyError, OSError, ValueError) as e:
        raise SheetError(f"{shown}: not an Excel workbook the importer can read ({e}): "
                         "save it again from Excel as \"Excel Workbook (.xlsx)\"") from None
    try:
        sheet = book.worksheets[0]
        table = [(n, list(values)) for n, values in enumerate(sheet.iter_rows(values_only=True), 1)]
    finally:
        book.close()
    return _table(shown, table)


def _json(raw: bytes, shown: str) -> Sheet:
    try:
        package = json.loads(_text(raw, shown), parse_float=Decimal)  # amounts exact, never float
    except json.JSONDecodeError as e:
        raise SheetError(f"{shown}:{e.lineno}: not valid JSON ({e.msg})") from None
    grants = package.get("grants") if isinstance(package, dict) else None
    if not isinstance(grants, list):
        raise SheetError(f"{shown}: not a 360Giving file: it has no `grants` list "
                         "(for another JSON file, save it as CSV or XLSX first)")
    rows = []
    for number, grant in enumerate(grants, 1):
        if not isinstance(grant, dict):
            raise SheetError(f"{shown}: grant {number} is not a set of fields: check the file")
        rows.append(Row(number, {title: value or None for title, value in flat(grant).items()}))
    headers = list(rows[0].cells) if rows else list(flat({}))
    return Sheet(shown, headers, rows, giving360_json=True)
