"""The model described once: each record's fields in order, and what kind of value each holds.

`model.py` says what the data is in Python's terms (dataclasses, type hints, NewTypes
such as Money and Slug, Literals). This module reads those hints once, and everything
that works from the model reads this description instead of the hints: the reader
(`convert.py`, YAML into records), the JSON Schemas (`schemas.py`), the web editor
(`cms.py`) and the test that EDITING.md documents every field. A kind of value the
model gains is added here once; each of them then says what it does with that kind,
or fails by naming it.

    describe.record(model.Award).written   # the fields written in an award's file, in order
    describe.shape_of(dict[FinancialYear, Money])  # Shape("mapping", key=..., item=...)
"""
from __future__ import annotations

import dataclasses
import types
import typing
from dataclasses import MISSING, dataclass
from datetime import date, datetime
from functools import cache
from typing import Any, Literal, get_args, get_origin

from . import model

# The kinds of single value, by the type the model names for them.
TEXT = "text"
STATEMENT = "statement"  # text the office publishes as its statement: no placeholders
CODE = "code"  # text that may be only digits (a charity number, a tender reference)
MONEY = "money"
DATE = "date"
DATETIME = "datetime"
FINANCIAL_YEAR = "financial year"
SLUG = "slug"  # an id: a file name, a shared outcome's id
URL = "url"
EMAIL = "email"
ORG_ID = "org id"
WHOLE_NUMBER = "whole number"
YES_NO = "yes or no"
CHOICE = "choice"  # one of a few words (a Literal)
# The kinds that hold other values.
LIST = "list"  # Shape.item: what each item is
MAPPING = "mapping"  # name: value lines; Shape.key and Shape.item
RECORD = "record"  # a group of fields; Shape.record: its class
EITHER = "either"  # a word or a group of fields (`coverage: countywide`, or an area); Shape.options

SCALARS: dict[Any, str] = {
    str: TEXT, model.Statement: STATEMENT, model.Code: CODE, model.Money: MONEY, date: DATE,
    datetime: DATETIME, model.FinancialYear: FINANCIAL_YEAR, model.Slug: SLUG, model.Url: URL,
    model.Email: EMAIL, model.OrgId: ORG_ID, int: WHOLE_NUMBER, bool: YES_NO,
}
KINDS = (*SCALARS.values(), CHOICE, LIST, MAPPING, RECORD, EITHER)

# Fields that hold the id of a file in another folder of data/, by field name (in any record).
REFERENCES: dict[str, str] = {"fund": "funds", "tender": "tenders", "awarded": "awards", "round": "rounds"}
# Text fields that take a paragraph rather than a line (in any record).
LONG_TEXT = frozenset({
    "summary", "legal_basis", "how_to_apply", "description", "purpose", "conditions",
    "crime_reduction_reasons", "status_note", "break_clause", "reason", "explanation",
    "activity", "impact", "meaning", "introduction", "combining", "example", "note", "who_can_apply",
})


@dataclass(frozen=True, slots=True)
class Shape:
    """What one value holds: a `kind` and, for the kinds that hold others, their shapes."""
    kind: str
    choices: tuple[str, ...] = ()  # CHOICE: the words allowed, in the model's order
    item: Shape | None = None  # LIST: each item; MAPPING: each value
    key: Shape | None = None  # MAPPING: each name
    record: type | None = None  # RECORD: the dataclass
    options: tuple[Shape, ...] = ()  # EITHER: the choices and the record, in the model's order

    @property
    def words(self) -> tuple[str, ...]:
        """EITHER: the words that may stand instead of the group."""
        return tuple(c for o in self.options if o.kind == CHOICE for c in o.choices)

    @property
    def group(self) -> type:
        """EITHER: the record class written when it is not one of the words."""
        (cls,) = [o.record for o in self.options if o.kind == RECORD]
        return cls


@dataclass(frozen=True)
class Field:
    """One field of a record, as staff write it."""
    name: str
    shape: Shape
    required: bool = True  # no default: a file without it is refused
    doc: str = ""  # its help text (model.doc)
    refers_to: str | None = None  # the folder of data/ whose file ids it holds (REFERENCES)
    long_text: bool = False  # a paragraph rather than a line (LONG_TEXT)
    from_filename: bool = False  # the id: the file's name, never written inside it
    default: Any = None  # what it is when not written (when not required)


@dataclass(frozen=True)
class Record:
    """A record class's fields: `fields` all of them, `written` those written in its file."""
    cls: type
    fields: tuple[Field, ...]
    written: tuple[Field, ...]
    by_name: dict[str, Field]  # the written ones


@cache
def record(cls: type) -> Record:
    """The description of one record class (a dataclass of model.py)."""
    if not dataclasses.is_dataclass(cls):
        raise TypeError(f"{cls!r} is not a record of the model")
    hints = typing.get_type_hints(cls)
    written_names = {f.name for f in model.file_fields(cls)}
    fields = tuple(_field(f, hints[f.name], f.name not in written_names) for f in dataclasses.fields(cls))
    written = tuple(f for f in fields if not f.from_filename)
    return Record(cls, fields, written, {f.name: f for f in written})


def _field(f: dataclasses.Field, tp, from_filename: bool) -> Field:
    if f.default is not MISSING:
        default = f.default
    elif f.default_factory is not MISSING:
        default = f.default_factory()
    else:
        default = None
    return Field(name=f.name, shape=shape_of(tp), required=model.is_required(f), doc=f.metadata.get("doc", ""),
                 refers_to=REFERENCES.get(f.name), long_text=f.name in LONG_TEXT,
                 from_filename=from_filename, default=default)


def shape_of(tp) -> Shape:
    """The shape of a type hint. `X | None` is X: whether a field may be left out is
    whether it has a default (Field.required), not whether its type allows None."""
    if tp in SCALARS:
        return Shape(SCALARS[tp])
    origin = get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        options = tuple(shape_of(a) for a in get_args(tp) if a is not type(None))
        if len(options) == 1:
            return options[0]
        if sorted(o.kind for o in options) != [CHOICE, RECORD]:
            raise TypeError(f"no description for {tp!r}: only a word or a record, or X | None")
        return Shape(EITHER, options=options)
    if origin is Literal:
        return Shape(CHOICE, choices=get_args(tp))
    if origin is list:
        (item,) = get_args(tp)
        return Shape(LIST, item=shape_of(item))
    if origin is dict:
        key, value = get_args(tp)
        return Shape(MAPPING, key=shape_of(key), item=shape_of(value))
    if dataclasses.is_dataclass(tp):
        return Shape(RECORD, record=tp)
    raise TypeError(f"no description for {tp!r}: add its kind to transparency/describe.py")  # a model bug


def records(*roots: type) -> list[Record]:
    """Every record class the roots hold, the roots first, each once, in the order the fields name them."""
    seen: dict[type, Record] = {}

    def visit(cls: type) -> None:
        if cls in seen:
            return
        seen[cls] = record(cls)
        for f in seen[cls].fields:
            for inner in _records_in(f.shape):
                visit(inner)

    for root in roots:
        visit(root)
    return list(seen.values())


def _records_in(shape: Shape) -> list[type]:
    if shape.kind == RECORD:
        return [shape.record]
    parts = [*shape.options, *(s for s in (shape.key, shape.item) if s is not None)]
    return [cls for part in parts for cls in _records_in(part)]


def field_order(cls: type, dotted: str) -> tuple[int, ...]:
    """Where a dotted field of `cls` (`title`, `term.start`, `outcome_reports[2].received`) comes
    in the model's order: sorting by it lists fields as a file of `cls` is written."""
    key: list[int] = []
    shape = Shape(RECORD, record=cls)
    for part in dotted.split("."):
        name, _, index = part.partition("[")
        while shape.kind == LIST:
            shape = shape.item
        described = record(shape.group if shape.kind == EITHER else shape.record)
        key.append([f.name for f in described.written].index(name))
        shape = described.by_name[name].shape
        if index:
            key.append(int(index.rstrip("]")))
    return tuple(key)
