"""Checking open data and data files against the real schemas the project keeps.

The 360Giving and OCDS schemas are the project's unchanged copies in tests/standards/ (their
source and licence are in tests/standards/README.md); the data files' own JSON Schemas are
generated from the model (transparency/schemas.py, committed in schemas/). Used by the tests of
the exports and schemas on the tests' own office, and by tests/test_office_data.py on the
project's own data.
"""
from __future__ import annotations

import csv
import json
from datetime import date, datetime
from decimal import Decimal
from functools import cache
from pathlib import Path

import jsonschema
import referencing
import referencing.jsonschema
import yaml
from jsonschema import Draft202012Validator

from conftest import ROOT
from transparency.schemas import all_schemas, schema_json

GIVING360 = ROOT / "tests" / "standards" / "360giving-1.4.3"
GIVING360_PACKAGE = GIVING360 / "360-giving-package-schema.json"
GIVING360_GRANT = GIVING360 / "360-giving-schema.json"
OCDS = ROOT / "tests" / "standards" / "ocds-1.1.5"

# Which of our schemas each data file uses, by its place in the data folder.
KINDS = {"organisation.yml": "organisation", "scoring.yml": "scoring",
         "funds": "fund", "awards": "award", "tenders": "tender", "rounds": "round"}


def _sorted_errors(validator, instance, top: str) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path)) or top}: {e.message}"
            for e in sorted(validator.iter_errors(instance), key=lambda e: list(map(str, e.absolute_path)))]


# --- 360Giving ------------------------------------------------------------------------


def validator_class(schema: dict) -> type:
    """The jsonschema validator for the dialect the schema's `$schema` names.

    360Giving writes the 2020-12 dialect as `http://json-schema.org/draft/2020-12/schema`;
    jsonschema knows it only by its canonical `https://` id, so try that spelling too
    (rather than let jsonschema fall back to "the latest draft" with a warning).
    """
    dialect = schema["$schema"]
    for spelling in (dialect, dialect.replace("http://", "https://", 1)):
        cls = jsonschema.validators.validator_for({"$schema": spelling}, default=None)
        if cls is not None:
            return cls
    raise AssertionError(f"jsonschema does not know the dialect {dialect!r}")


@cache
def giving360_validator():
    assert GIVING360_PACKAGE.is_file() and GIVING360_GRANT.is_file(), (
        f"the 360Giving schemas are read from {GIVING360} (see tests/standards/README.md)")
    package_schema = json.loads(GIVING360_PACKAGE.read_text(encoding="utf-8"))
    grant_schema = json.loads(GIVING360_GRANT.read_text(encoding="utf-8"))
    cls = validator_class(package_schema)
    assert cls is jsonschema.Draft202012Validator
    # The package schema names the grant schema by an absolute URL that cannot be fetched here:
    # register the local copy under exactly that URL.
    grant_url = package_schema["properties"]["grants"]["items"]["$ref"]
    assert grant_url == "https://raw.githubusercontent.com/ThreeSixtyGiving/standard/1.4.2/schema/360-giving-schema.json"
    specification = referencing.jsonschema.specification_with(cls.META_SCHEMA["$id"])
    registry = referencing.Registry().with_resource(grant_url, specification.create_resource(grant_schema))
    cls.check_schema(package_schema)
    cls.check_schema(grant_schema)
    return cls(package_schema, registry=registry, format_checker=cls.FORMAT_CHECKER)


def giving360_errors(package: dict) -> list[str]:
    return _sorted_errors(giving360_validator(), package, "(top)")


# --- OCDS ---------------------------------------------------------------------------


def _ocds_schema(name: str) -> dict:
    path = OCDS / name
    assert path.exists(), f"the OCDS schemas are missing: expected {path} (see tests/standards/README.md)"
    return json.loads(path.read_text(encoding="utf-8"))


@cache
def ocds_validator() -> jsonschema.Draft4Validator:
    package_schema = _ocds_schema("release-package-schema.json")
    release_url = package_schema["properties"]["releases"]["items"]["$ref"]  # the URL the package names
    release = referencing.Resource.from_contents(_ocds_schema("release-schema.json"),
                                                 default_specification=referencing.jsonschema.DRAFT4)
    registry = referencing.Registry().with_resource(release_url, release)
    return jsonschema.Draft4Validator(package_schema, registry=registry,
                                      format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER)


def ocds_errors(package: dict) -> list[str]:
    return _sorted_errors(ocds_validator(), package, "(package)")


@cache
def ocds_codes(codelist: str) -> frozenset[str]:
    with (OCDS / "codelists" / codelist).open(encoding="utf-8", newline="") as f:
        return frozenset(row["Code"] for row in csv.DictReader(f))


def ocds_milestones(release: dict) -> list[dict]:
    found = list(release.get("planning", {}).get("milestones", []))
    found += release.get("tender", {}).get("milestones", [])
    for c in release.get("contracts", []):
        found += c.get("milestones", []) + c.get("implementation", {}).get("milestones", [])
    return found


def ocds_coded(package: dict) -> list[tuple[str, str, object]]:
    """(codelist file, where, value) for every codelist-valued field the export writes."""
    out = []
    for r in package["releases"]:
        at = r["ocid"]
        out += [("releaseTag.csv", f"{at} tag", t) for t in r["tag"]]
        out.append(("initiationType.csv", f"{at} initiationType", r["initiationType"]))
        out += [("partyRole.csv", f"{at} parties {p['id']}", role) for p in r.get("parties", []) for role in p["roles"]]
        t = r["tender"]
        out.append(("tenderStatus.csv", f"{at} tender.status", t["status"]))
        if "procurementMethod" in t:
            out.append(("method.csv", f"{at} tender.procurementMethod", t["procurementMethod"]))
        out.append(("procurementCategory.csv", f"{at} tender.mainProcurementCategory", t["mainProcurementCategory"]))
        if "awardCriteria" in t:
            out.append(("awardCriteria.csv", f"{at} tender.awardCriteria", t["awardCriteria"]))
        out += [("submissionMethod.csv", f"{at} tender.submissionMethod", m) for m in t.get("submissionMethod", [])]
        out += [("documentType.csv", f"{at} document {d['id']}", d["documentType"])
                for d in t.get("documents", []) if "documentType" in d]
        for m in ocds_milestones(r):
            out.append(("milestoneType.csv", f"{at} milestone {m['id']} type", m["type"]))
            if "status" in m:
                out.append(("milestoneStatus.csv", f"{at} milestone {m['id']} status", m["status"]))
        out += [("awardStatus.csv", f"{at} award {a['id']}", a["status"]) for a in r.get("awards", [])]
        out += [("contractStatus.csv", f"{at} contract {c['id']}", c["status"]) for c in r.get("contracts", [])]
        values = [t.get("value")] + [a["value"] for a in r.get("awards", [])] + [c["value"] for c in r.get("contracts", [])]
        out += [("currency.csv", f"{at} value", v["currency"]) for v in values if v]
    return out


def ocds_code_errors(package: dict) -> list[str]:
    return [f"{where}: {value!r} is not in {codelist}"
            for codelist, where, value in ocds_coded(package) if value not in ocds_codes(codelist)]


# --- the data files' own JSON Schemas (schemas/) --------------------------------------


def data_files(data: Path) -> list[Path]:
    return sorted(data.rglob("*.yml"))


def kind_of(path: Path, data: Path) -> str:
    """Which schema a data file uses: `award` for data/awards/x.yml."""
    return KINDS[path.relative_to(data).parts[0]]


@cache
def data_validator(kind: str) -> Draft202012Validator:
    # Numbers are read as exact decimals on both sides (as the build reads money), so
    # `multipleOf: 0.01` is checked exactly: in binary floats 0.29 / 0.01 is not whole.
    schema = json.loads(schema_json(all_schemas()[f"{kind}.schema.json"]), parse_float=Decimal)
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def as_written(value):
    """A value from yaml.safe_load, turned back into what the file says.

    PyYAML follows YAML 1.1, which turns `2026-05-01` into a date object; JSON Schema
    has no dates, and an editor's YAML 1.2 parser (VS Code's) gives the text
    "2026-05-01", which is what the schema expects: so dates go back to ISO text.
    `2026-11-02 09:00` has no seconds, is no YAML 1.1 timestamp and stays a string.
    Floats become exact decimals from the digits typed (repr gives them back).
    """
    if isinstance(value, datetime):
        return value.isoformat(" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return Decimal(repr(value))
    if isinstance(value, dict):
        return {str(k): as_written(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_written(v) for v in value]
    return value


def schema_errors(kind: str, text: str) -> list[str]:
    """What our JSON Schema for `kind` says of a data file's text (as an editor would check it)."""
    instance = as_written(yaml.safe_load(text))
    return [f"{'.'.join(map(str, e.absolute_path))}: {e.message}" for e in data_validator(kind).iter_errors(instance)]
