"""The data files' JSON Schemas: generated from the model, committed, and in step with the build.

Editors (VS Code's YAML extension) use the committed copies in schemas/ for
autocomplete, hover help and checking as staff type, through each data file's
first line `# yaml-language-server: $schema=...`.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

import schemacheck
from conftest import FIXTURE_DATA, ROOT
from schemacheck import schema_errors
from staffdata import CONTRACT, TENDER, edit
from transparency import model
from transparency.convert import Where, read_record
from transparency.schemas import DRAFT_LINE, FILES, PRIVATE, all_schemas, schema_json
from transparency.yamlfile import parse

SCHEMAS = ROOT / "schemas"
REGENERATE = "run `python -m transparency.schemas` in the project folder and commit schemas/"
CLASSES = {"organisation": model.Organisation, "scoring": model.Scoring, "fund": model.Fund,
           "award": model.Award, "tender": model.Tender, "round": model.Round}


def data_files() -> list[Path]:
    return schemacheck.data_files(FIXTURE_DATA)


def kind_of(path: Path) -> str:
    return schemacheck.kind_of(path, FIXTURE_DATA)


def build_accepts(kind: str, text: str) -> bool:
    """Whether the build's reader (convert.py, without the strategy's rules) accepts the text
    (a draft: reads it without a problem, though it is not published)."""
    node, problems = parse(text, "x.yml")
    assert node is not None, problems
    obj, problems = read_record(CLASSES[kind], node, Where("x.yml"), draftable=kind in ("fund", "award", "tender", "round"),
                                id="x")
    return not problems


# --- generated, committed, never drifting -----------------------------------


def test_committed_schemas_are_the_generated_ones():
    fresh = all_schemas()
    committed = sorted(p.name for p in SCHEMAS.glob("*.json"))
    assert committed == sorted(fresh), f"schemas/ holds {committed}, expected {sorted(fresh)}: {REGENERATE}"
    for name, schema in fresh.items():
        assert (SCHEMAS / name).read_bytes() == schema_json(schema), \
            f"schemas/{name} differs from transparency/model.py: {REGENERATE}"


def test_the_command_writes_the_committed_copies(tmp_path, capsys):
    from transparency.schemas import main
    assert main(["--out", str(tmp_path / "out")]) == 0
    written = sorted((tmp_path / "out").iterdir())
    assert [p.name for p in written] == sorted(all_schemas())
    assert all(p.read_bytes() == (SCHEMAS / p.name).read_bytes() for p in written)
    assert capsys.readouterr().out.splitlines() == [str(tmp_path / "out" / name) for name in FILES]


def test_one_schema_per_kind_of_file():
    assert sorted(FILES) == sorted(f"{kind}.schema.json" for kind in CLASSES)


@pytest.mark.parametrize("name", sorted(all_schemas()))
def test_schemas_are_valid_draft_2020_12(name):
    schema = all_schemas()[name]
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema)


def test_schemas_say_what_the_model_says():
    award = all_schemas()["award.schema.json"]
    fields = {f.name: f for f in model.Award.__dataclass_fields__.values()}
    assert "id" not in award["properties"]  # the file name, never written in the file
    assert [name for name in award["properties"] if name not in (PRIVATE, DRAFT_LINE)] == [
        name for name in fields if name != "id"]
    # required unless the file is a draft (`draft: true`)
    assert award["if"] == {"properties": {DRAFT_LINE: {"const": True}}, "required": [DRAFT_LINE]}
    assert award["else"]["required"] == ["title", "kind", "fund", "recipient", "amount", "award_date", "description",
                                         "procurement_route", "status"]
    assert award["else"]["properties"]["recipient"] == {"required": ["name"]}
    assert "required" not in award and "required" not in award["properties"]["recipient"]
    assert all_schemas()["scoring.schema.json"]["required"] == ["introduction", "scores", "combining"]
    assert award["additionalProperties"] is False
    assert award["properties"]["amount"]["description"] == fields["amount"].metadata["doc"]
    assert award["properties"]["amount"]["type"] == "number"
    assert award["properties"]["kind"]["enum"] == ["grant", "contract"]
    assert award["properties"]["recipient"]["additionalProperties"] is False
    budgets = all_schemas()["fund.schema.json"]["properties"]["budgets"]
    assert list(budgets["patternProperties"]) == [r"^\d{4}/\d{2}$"]


# --- the data files point at them -------------------------------------------


def test_every_data_file_names_its_schema_on_the_first_line():
    assert data_files()
    for path in data_files():
        rel = path.relative_to(FIXTURE_DATA)
        up = "../" * len(rel.parts)
        first = path.read_text(encoding="utf-8").splitlines()[0]
        expected = f"# yaml-language-server: $schema={up}schemas/{kind_of(path)}.schema.json"
        assert first == expected, f"data/{rel.as_posix()}: the first line should be `{expected}`"
        # the line leads from a data file's place in a project (data/ beside schemas/) to its schema
        # (the tests' own office keeps the project's layout, without a schemas/ of its own)
        in_project = ROOT / "data" / rel
        assert (in_project.parent / first.partition("$schema=")[2]).resolve() == SCHEMAS / f"{kind_of(path)}.schema.json"


@pytest.mark.parametrize("path", data_files(), ids=lambda p: p.relative_to(FIXTURE_DATA).as_posix())
def test_schemas_accept_every_example_file(path):
    assert schema_errors(kind_of(path), path.read_text(encoding="utf-8")) == []


# --- they reject what the build rejects, and accept what it accepts ----------


@pytest.mark.parametrize("path", [FIXTURE_DATA / "organisation.yml", FIXTURE_DATA / "scoring.yml",
                                  *(sorted((FIXTURE_DATA / folder).glob("*.yml"))[0]
                                    for folder in ("funds", "awards", "tenders"))],
                         ids=lambda p: p.relative_to(FIXTURE_DATA).as_posix())
def test_schemas_reject_an_unknown_field(path):
    text = path.read_text(encoding="utf-8") + "ammount: 1000\n"
    assert schema_errors(kind_of(path), text) == [
        ": Additional properties are not allowed ('ammount' was unexpected)"]


def test_schemas_reject_wrong_types():
    text = edit(edit(CONTRACT, "amount: 1000", 'amount: "1000"'), "initial_years: 3", "initial_years: three")
    assert schema_errors("award", text) == [
        "amount: '1000' is not of type 'number'",
        "term.initial_years: 'three' is not of type 'integer'",
    ]
    text = edit(TENDER, "  service_users: true", '  service_users: "true"')
    assert schema_errors("tender", text) == ["evaluation.service_users: 'true' is not of type 'boolean'"]


AGREEMENT = [
    # (kind, base text, old, new, accepted by both?)
    ("award", CONTRACT, "", "", True),
    ("award", CONTRACT, "amount: 1000", "amount: 1500.29", True),
    ("award", CONTRACT, "amount: 1000", "amount: 0.29", True),
    ("award", CONTRACT, "amount: 1000", "amount: 12.345", False),
    ("award", CONTRACT, "amount: 1000", "amount: -5", False),
    ("award", CONTRACT, "amount: 1000", 'amount: "1000"', False),
    ("award", CONTRACT, "amount: 1000", "amount: £1,000", False),
    ("award", CONTRACT, "amount: 1000", "ammount: 1000", False),
    ("award", CONTRACT, "kind: contract", "kind: contrat", False),
    ("award", CONTRACT, "award_date: 2026-05-01", "award_date: 1 May 2026", False),
    ("award", CONTRACT, "fund: victims-services-grant", "fund: Victims Services", False),
    ("award", CONTRACT, "description: An advocacy service used by the tests.", "description:", False),
    ("award", CONTRACT, "status: active", "status: active\nstatus_note:", True),  # empty = left out
    ("award", CONTRACT, '  charity_number: "9000001"', "  charity_number: 9000001", True),  # text as typed
    ("award", CONTRACT, '  charity_number: "9000001"', '  charity_number: ""', False),
    ("award", CONTRACT, '  charity_number: "9000001"', "  website: https://www.example.org/", True),
    ("award", CONTRACT, '  charity_number: "9000001"', "  website: http://www.example.org/", False),
    ("award", CONTRACT, '  charity_number: "9000001"', "  org_id: GB-LAE/CAM", False),
    ("award", CONTRACT, '  charity_number: "9000001"', "  org_id: GB-LAE-CAM", True),
    ("award", CONTRACT, '  charity_number: "9000001"', "  org_id: GB-UNREG-x", False),  # no such register
    ("award", CONTRACT, '  charity_number: "9000001"', "  org_id: GB-GOVUK-D1198", False),  # no longer used
    ("award", CONTRACT, '  charity_number: "9000001"', "  org_id: GB-SC-SC012345", True),
    ("award", CONTRACT, '  charity_number: "9000001"', "  org_id: GB-SC-012345", False),
    ("award", CONTRACT, '  charity_number: "9000001"', "  org_id: 360G-example-opcc-org-1", True),
    ("award", CONTRACT, "status: active", "status: active\ncoverage: countywide", True),
    ("award", CONTRACT, "status: active", "status: active\ncoverage: Fenland", False),
    ("award", CONTRACT, "status: active",
     "status: active\ncoverage:\n  area: Fenland\n  reason: pilot\n  explanation: A pilot.", True),
    ("award", CONTRACT, "status: active",
     "status: active\ncoverage:\n  area: Fenland\n  reason: trial\n  explanation: A pilot.", False),
    ("award", CONTRACT, "status: active", "status: active\nfinancial_year: 2026-27", False),
    ("award", CONTRACT, "  initial_years: 3", "  initial_years: three", False),
    ("award", CONTRACT, "  extensions: [1]", "  extensions: 1", False),
    ("award", CONTRACT, 'recipient:\n  name: Test Provider\n  charity_number: "9000001"\n',
     "recipient: Test Provider\n", False),
    # a draft need not have its required fields yet, in the file or in its groups; what it has is checked
    ("award", CONTRACT, "title: Test advocacy service\nkind: contract\nfund: victims-services-grant\n",
     "draft: true\n", True),
    ("award", CONTRACT, "  name: Test Provider\n", "", False),
    ("award", "draft: true\n" + CONTRACT, "  name: Test Provider\n", "", True),
    ("award", "draft: true\n" + CONTRACT, "amount: 1000", "amount: 12,34", False),
    ("award", "draft: true\n" + CONTRACT, "  initial_years: 3", "  initial_years: three", False),
    ("award", "draft: false\n" + CONTRACT, "  name: Test Provider\n", "", False),
    ("award", "draft: false\n" + CONTRACT, "", "", True),
    ("award", "draft: \"true\"\n" + CONTRACT, "", "", False),
    ("award", "draft: true\n" + CONTRACT, "amount: 1000", "drafft: true", False),
    ("tender", "draft: true\ntitle: A tender not ready\n", "", "", True),
    ("tender", TENDER, "", "", True),
    ("tender", TENDER, "published: 2026-11-02 09:00", "published: 2026-11-02T09:00", True),
    ("tender", TENDER, "published: 2026-11-02 09:00", "published: 2026-11-02 9:00", False),
    ("tender", TENDER, "published: 2026-11-02 09:00", "published: 2026-11-02 09:00:00", False),
    ("tender", TENDER, "  quality: 70", "  quality: 70.5", False),
    ("tender", TENDER, "  service_users: true", '  service_users: "true"', False),
    ("tender", TENDER, "portal_url: https://www.bluelight.eu-supply.com/test", "portal_url: javascript:alert(1)", False),
]


@pytest.mark.parametrize("kind, base, old, new, accepted", AGREEMENT,
                         ids=[f"{a[0]}:{a[3] or 'as-is'}" for a in AGREEMENT])
def test_schema_and_build_agree(kind, base, old, new, accepted):
    text = edit(base, old, new) if old else base
    assert build_accepts(kind, text) is accepted
    errors = schema_errors(kind, text)
    assert (errors == []) is accepted, errors


PRIVATE_NOTES = [
    ("status: active", "status: active\nprivate:\n  note: Phoned them on 3 May.\n  contacts: [A, B]", True),
    ("  name: Test Provider", "  name: Test Provider\n  private: Ask for the new registration number.", True),
    ("status: active", "status: active\nprivat:\n  note: A typo is an unknown field.", False),
    ("status: active", "status: active\noutcome_reports:\n  - period_end: 2026-09-30\n    received: 2026-10-15\n"
     "    activity: Advocacy.\n    outputs:\n      referrals: 4\n      private: 1", False),
]


@pytest.mark.parametrize("old, new, accepted", PRIVATE_NOTES, ids=[c[1].split("\n")[-1].strip() for c in PRIVATE_NOTES])
def test_schema_and_build_agree_on_private_notes(old, new, accepted):
    text = edit(CONTRACT, old, new)
    assert build_accepts("award", text) is accepted
    errors = schema_errors("award", text)
    assert (errors == []) is accepted, errors
