"""JSON Schemas for the data files, generated from the model.

One schema per kind of file (organisation, scoring, fund, award, tender), made
by walking the dataclasses in `model.py` and their type hints the way
`convert.py` reads them, so the schema an editor uses and the checks the build
makes come from the same description. Each field's `doc` becomes its
`description` (and `markdownDescription`, which VS Code's YAML extension shows
with formatting), so staff see the same help text as in EDITING.md.

The schemas only say what `convert.py` says: the type, shape and spelling of
each value. The strategy's rules (budgets, terms, sign-off bands...) are
checked by the build alone, so a file the schema accepts may still have a
problem: `make validate` has the final word.

    python -m transparency.schemas            # writes schemas/*.schema.json
    python -m transparency.schemas --out DIR  # somewhere else

The copies under `schemas/` are committed (data files point at them with a
`# yaml-language-server: $schema=...` first line); a test fails if they
differ from what this module generates.
"""
from __future__ import annotations

import argparse
import dataclasses
import json
import sys
import types
import typing
from datetime import date, datetime
from pathlib import Path
from typing import Any, Literal, get_args, get_origin

from . import convert, model, orgids
from .convert import EMAIL, SLUG

DRAFT = "https://json-schema.org/draft/2020-12/schema"
# The key of the block of staff notes that any record may hold and convert.py never reads.
PRIVATE = convert.PRIVATE

# file name -> (model class, what the file is)
FILES: dict[str, tuple[type, str]] = {
    "organisation.schema.json": (model.Organisation, "data/organisation.yml: who we are, the eTendering portal, "
                                 "sign-off bands and shared outcomes."),
    "scoring.schema.json": (model.Scoring, "data/scoring.yml: the five-point scoring system for method statements."),
    "fund.schema.json": (model.Fund, "data/funds/<id>.yml: one fund. Its id is the file name."),
    "award.schema.json": (model.Award, "data/awards/<id>.yml: one grant or contract. Its id is the file name."),
    "tender.schema.json": (model.Tender, "data/tenders/<id>.yml: one tender notice. Its id is the file name."),
}

# The patterns convert.py checks, written for JSON Schema (ECMA-262 regular expressions),
# with the hint VS Code's YAML extension shows instead of "does not match the pattern".
FINANCIAL_YEAR = r"^\d{4}/\d{2}$"
PATTERNS: dict[Any, tuple[str, str]] = {
    date: (r"^\d{4}-\d{2}-\d{2}$", "Write dates as YYYY-MM-DD, for example 2017-04-01"),
    datetime: (r"^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}$",  # UK time, no seconds, no zone
               "Write YYYY-MM-DD HH:MM in UK time, for example 2027-02-15 12:00"),
    model.FinancialYear: (FINANCIAL_YEAR, "Write the two years it spans, for example 2017/18"),
    model.Slug: (SLUG.pattern, "Use lower-case letters a to z, digits and single hyphens, for example victim-support-2017"),
    model.Url: (r"^https://\S{4,}$", "Links must start with https://"),  # and at least 4 more characters, no spaces
    model.Email: (EMAIL.pattern, "Write an email address, for example funding@example.org"),
    # every list code org-id.guide knows is in the pattern, so a made-up one is marked as staff type
    model.OrgId: (orgids.pattern(), "Write an org-id.guide list code and the number, for example GB-CHC-1234567 or "
                                    "GB-LAE-CAM (no spaces or slashes); for a group with no registered number, our "
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
        **_object(cls),
    }


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


def _object(cls: type) -> dict:
    hints = typing.get_type_hints(cls)
    properties: dict[str, dict] = {}
    required: list[str] = []
    for f in model.file_fields(cls):  # not the id: it is the file name
        doc = f.metadata.get("doc", "")
        prop = {"title": label_of(f.name), "description": doc, "markdownDescription": doc, **_type(hints[f.name])}
        if model.is_required(f):
            required.append(f.name)
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
    if required:
        schema["required"] = required
    schema["additionalProperties"] = False
    return schema


def _type(tp) -> dict:
    origin = get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in get_args(tp) if a is not type(None)]
        if len(options) == 1:
            return _type(options[0])  # `X | None`: nullability comes from having a default
        return {"oneOf": [_type(o) for o in options]}  # `"countywide"` or an Area
    if dataclasses.is_dataclass(tp):
        return _object(tp)
    if origin is list:
        (item,) = get_args(tp)
        return {"type": "array", "items": _type(item)}
    if origin is dict:
        key_tp, value_tp = get_args(tp)
        if key_tp is model.FinancialYear:
            return {"type": "object", "patternProperties": {FINANCIAL_YEAR: _type(value_tp)},
                    "additionalProperties": False}
        # every entry of a name -> value list is published: no notes here
        return {"type": "object", "additionalProperties": _type(value_tp),
                "propertyNames": {"not": {"const": PRIVATE}}}
    if origin is Literal:
        return {"type": "string", "enum": list(get_args(tp))}
    if tp is model.Money:
        # A plain number (not in quotes), 0 or more, pounds and pence. Validators that
        # divide in binary floating point can misjudge multipleOf 0.01 (0.29 / 0.01 is
        # not a whole number in floats); VS Code's YAML extension and exact-decimal
        # validation get it right, and the build is exact either way.
        return {"type": "number", "minimum": 0, "multipleOf": 0.01,
                "errorMessage": "Write pounds as a plain number without quotes, £, commas or spaces, "
                                "at most 2 decimal places, for example 1500 or 1500.50"}
    if tp is bool:
        return {"type": "boolean", "errorMessage": "Write true or false, without quotes"}
    if tp is int:
        return {"type": "integer", "minimum": 0, "errorMessage": "Write a whole number of 0 or more, digits only, for example 3"}
    if tp is model.Code:
        # convert.py reads text as it was typed, so an unquoted `charity_number: 1123456`
        # (a number to YAML) is text too. It must not be blank.
        return _pattern(["string", "number"], r"\S", "This text is empty: fill it in or remove the field")
    if tp is str or tp is model.Statement:
        # a bare number or yes/no where words belong is refused by convert.py too
        return _pattern("string", r"\S", "This text is empty: fill it in or remove the field")
    if tp in PATTERNS:
        pattern, message = PATTERNS[tp]
        schema = _pattern("string", pattern, message)
        return {**schema, "format": "date"} if tp is date else schema
    raise TypeError(f"no JSON Schema for {tp!r}: add it to transparency/schemas.py")  # a model bug


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
