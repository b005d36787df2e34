"""JSON Schemas for the data files, generated from the model.

One schema per kind of file (organisation, scoring, fund, award, tender), made
from the model's description (`describe.py`), which `convert.py` reads by too,
so the schema an editor uses and the checks the build makes come from the same
description. Each field's `doc` becomes its `description` (and
`markdownDescription`, which VS Code's YAML extension shows with formatting), so
staff see the same help text as in the web form.

The schemas only say what `convert.py` says: the type, shape and spelling of
each value. The strategy's rules (budgets, terms, sign-off bands...) are
checked by the build alone, so a file the schema accepts may still have a
problem: `make validate` has the final word.

A fund, award or tender file may say `draft: true` (convert.py): a draft need not
have its required fields yet, so those schemas require them only `else` (when the
file is not a draft), from the top of the file down to its groups.

    python -m transparency.schemas            # writes schemas/*.schema.json
    python -m transparency.schemas --out DIR  # somewhere else

The copies under `schemas/` are committed (data files point at them with a
`# yaml-language-server: $schema=...` first line); a test fails if they
differ from what this module generates.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from . import convert, dates, describe, model, orgids
from .convert import EMAIL, SLUG
from .describe import Shape

DRAFT = "https://json-schema.org/draft/2020-12/schema"
# The key of the block of staff notes that any record may hold and convert.py never reads.
PRIVATE = convert.PRIVATE
# The line that makes a fund, award, tender or round file a draft (convert.py), and the files that may say it.
DRAFT_LINE = convert.DRAFT
DRAFTABLE = (model.Fund, model.Award, model.Tender, model.Round)

# file name -> (model class, what the file is)
FILES: dict[str, tuple[type, str]] = {
    "organisation.schema.json": (model.Organisation, "data/organisation.yml: who we are, the eTendering portal, "
                                 "sign-off bands and shared outcomes."),
    "scoring.schema.json": (model.Scoring, "data/scoring.yml: the scoring system for method statements."),
    "fund.schema.json": (model.Fund, "data/funds/<id>.yml: one fund. Its id is the file name."),
    "award.schema.json": (model.Award, "data/awards/<id>.yml: one grant or contract. Its id is the file name."),
    "tender.schema.json": (model.Tender, "data/tenders/<id>.yml: one tender notice. Its id is the file name."),
    "round.schema.json": (model.Round, "data/rounds/<id>.yml: one funding round. Its id is the file name."),
}

# The patterns convert.py checks, by kind of value (describe.py), written for JSON Schema
# (ECMA-262 regular expressions), with the hint VS Code's YAML extension shows instead of
# "does not match the pattern".
PATTERNS: dict[str, tuple[str, str]] = {
    describe.DATE: (dates.DATE_PATTERN, "Write dates as YYYY-MM-DD, for example 2017-04-01"),
    describe.DATETIME: (dates.DATETIME_PATTERN, "Write YYYY-MM-DD HH:MM in UK time, for example 2027-02-15 12:00"),
    describe.FINANCIAL_YEAR: (dates.FINANCIAL_YEAR_PATTERN, "Write the two years it spans, for example 2017/18"),
    describe.SLUG: (SLUG.pattern, "Use lower-case letters a to z, digits and single hyphens, for example victim-support-2017"),
    describe.URL: (r"^https://\S{4,}$", "Links must start with https://"),  # and at least 4 more characters, no spaces
    describe.EMAIL: (EMAIL.pattern, "Write an email address, for example funding@example.org"),
    # every list code org-id.guide knows is in the pattern, so a made-up one is marked as staff type
    describe.ORG_ID: (orgids.pattern(), "Write an org-id.guide list code and the number, for example GB-CHC-1234567 or "
                                    "GB-COH-01234567 (no spaces or slashes); for a group with no registered number, our "
                                    "360Giving prefix, a hyphen and our own id for it, for example 360G-exampleopcc-org-1"),
}


def all_schemas() -> dict[str, dict]:
    """Every data file's schema, by file name (for example `award.schema.json`)."""
    return {name: file_schema(cls, description) for name, (cls, description) in FILES.items()}


def file_schema(cls: type, description: str) -> dict:
    """The schema of a whole data file read as `cls`."""
    return {
        "$schema": DRAFT,
        "title": f"{label_of(cls.__name__)} data file",
        "description": description,
        **(_draftable(cls) if cls in DRAFTABLE else _object(cls)),
    }


def _draftable(cls: type) -> dict:
    """A file that may be a draft: nothing required if it says `draft: true`, everything else as usual."""
    schema = _object(cls, required=False)
    text = ("`true` while the record is not ready: it is checked as far as it goes and never published. "
            "Delete the line to publish it.")
    schema["properties"][DRAFT_LINE] = {"title": "Draft", "description": text, "markdownDescription": text,
                                        "type": "boolean", "errorMessage": "Write true or false, without quotes"}
    schema["if"] = {"properties": {DRAFT_LINE: {"const": True}}, "required": [DRAFT_LINE]}
    schema["else"] = _required(describe.Shape(describe.RECORD, record=cls))
    return schema


def _required(shape: Shape) -> dict:
    """Only the `required` lists of a value's records, where they are in the value (for `else`)."""
    kind = shape.kind
    if kind == describe.EITHER:
        return _required(describe.Shape(describe.RECORD, record=shape.group))
    if kind == describe.RECORD:
        fields = describe.record(shape.record).written
        out: dict[str, Any] = {}
        if names := [f.name for f in fields if f.required]:
            out["required"] = names
        if inner := {f.name: sub for f in fields if (sub := _required(f.shape))}:
            out["properties"] = inner
        return out
    if kind == describe.LIST:
        inner = _required(shape.item)
        return {"items": inner} if inner else {}
    if kind == describe.MAPPING and _required(shape.item):  # pragma: no cover - no groups in a mapping yet
        raise TypeError("no `else` for a mapping of groups: add it to transparency/schemas.py")
    return {}


def schema_json(schema: dict) -> bytes:
    """The schema as stable, indented UTF-8 JSON (the bytes committed under schemas/)."""
    return (json.dumps(schema, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def write_all(out: Path) -> list[Path]:
    """Write every schema into `out`; return the paths written."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, schema in all_schemas().items():
        path = out / name
        path.write_bytes(schema_json(schema))
        written.append(path)
    return written


# --- walking the model ------------------------------------------------------


def _object(cls: type, required: bool = True) -> dict:
    """`required`: say which fields are required (a draft's schema says so apart: _draftable)."""
    properties: dict[str, dict] = {}
    names: list[str] = []
    for f in describe.record(cls).written:  # not the id: it is the file name
        doc = f.doc
        prop = {"title": label_of(f.name), "description": doc, "markdownDescription": doc, **_type(f.shape, required)}
        if f.required:
            names.append(f.name)
        else:
            # `field:` with nothing after it counts as not written (convert.py), so an
            # optional field may be null; a required one may not (it is "empty").
            prop = _nullable(prop)
        properties[f.name] = prop
    if PRIVATE not in properties:
        properties[PRIVATE] = {
            "title": "Private notes",
            "description": "Notes for staff, in any form: never read and never published.",
            "markdownDescription": "Notes for staff, in any form: never read and never published.",
        }
    schema: dict[str, Any] = {"type": "object", "properties": properties}
    if names and required:
        schema["required"] = names
    schema["additionalProperties"] = False
    return schema


def _type(shape: Shape, required: bool = True) -> dict:
    kind = shape.kind
    if kind == describe.EITHER:  # `"countywide"` or an Area
        return {"oneOf": [_type(o, required) for o in shape.options]}
    if kind == describe.RECORD:
        return _object(shape.record, required)
    if kind == describe.LIST:
        return {"type": "array", "items": _type(shape.item, required)}
    if kind == describe.MAPPING:
        if shape.key.kind == describe.FINANCIAL_YEAR:
            return {"type": "object", "patternProperties": {dates.FINANCIAL_YEAR_PATTERN: _type(shape.item, required)},
                    "additionalProperties": False}
        # every entry of a name -> value list is published: no notes here
        return {"type": "object", "additionalProperties": _type(shape.item, required),
                "propertyNames": {"not": {"const": PRIVATE}}}
    if kind == describe.CHOICE:
        return {"type": "string", "enum": list(shape.choices)}
    if kind == describe.MONEY:
        # A plain number (not in quotes), 0 or more, pounds and pence. Validators that
        # divide in binary floating point can misjudge multipleOf 0.01 (0.29 / 0.01 is
        # not a whole number in floats); VS Code's YAML extension and exact-decimal
        # validation get it right, and the build is exact either way.
        return {"type": "number", "minimum": 0, "multipleOf": 0.01,
                "errorMessage": "Write pounds as a plain number without quotes, £, commas or spaces, "
                                "at most 2 decimal places, for example 1500 or 1500.50"}
    if kind == describe.YES_NO:
        return {"type": "boolean", "errorMessage": "Write true or false, without quotes"}
    if kind == describe.WHOLE_NUMBER:
        return {"type": "integer", "minimum": 0, "errorMessage": "Write a whole number of 0 or more, digits only, for example 3"}
    if kind == describe.CODE:
        # convert.py reads text as it was typed, so an unquoted `charity_number: 1123456`
        # (a number to YAML) is text too. It must not be blank.
        return _pattern(["string", "number"], r"\S", "This text is empty: fill it in or remove the field")
    if kind in (describe.TEXT, describe.STATEMENT):
        # a bare number or yes/no where words belong is refused by convert.py too
        return _pattern("string", r"\S", "This text is empty: fill it in or remove the field")
    if kind in PATTERNS:
        pattern, message = PATTERNS[kind]
        schema = _pattern("string", pattern, message)
        return {**schema, "format": "date"} if kind == describe.DATE else schema
    raise TypeError(f"no JSON Schema for a {kind}: add it to transparency/schemas.py")  # a model bug


def _pattern(kind, pattern: str, message: str) -> dict:
    return {"type": kind, "pattern": pattern, "patternErrorMessage": message}


def _nullable(prop: dict) -> dict:
    if "oneOf" in prop:
        return {**prop, "oneOf": [*prop["oneOf"], {"type": "null"}]}
    kind = prop["type"]
    out = {**prop, "type": [*(kind if isinstance(kind, list) else [kind]), "null"]}
    if "enum" in out:
        out["enum"] = [*out["enum"], None]
    return out


def label_of(name: str) -> str:
    """`award_date` -> `Award date`; `SignOffBand` -> `Sign off band`."""
    spaced = "".join(f" {c.lower()}" if c.isupper() and i else c for i, c in enumerate(name))
    spaced = spaced.replace("_", " ").strip()
    return spaced[:1].upper() + spaced[1:]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m transparency.schemas",
                                     description="Write the data files' JSON Schemas, generated from the model.")
    parser.add_argument("--out", type=Path, default=Path("schemas"), help="the folder to write to (default: schemas)")
    args = parser.parse_args(argv)
    for path in write_all(args.out):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
