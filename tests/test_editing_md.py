"""EDITING.md documents every field of the model, each record in its own table.

The guide's tables are written for people reading it through (fuller than the fields'
`doc`, which the JSON Schemas and the web form show), so they are not generated; this
test keeps them field for field in step with the model's description (describe.py).
"""
from __future__ import annotations

import dataclasses
import re

from conftest import ROOT
from transparency import describe, model

HEADER = "| Field | Required? | What to write |"
# The section of EDITING.md that documents each kind of file, and the records it holds.
SECTIONS = {
    "## organisation.yml": model.Organisation,
    "## scoring.yml": model.Scoring,
    "## Funds (`data/funds/`)": model.Fund,
    "## Awards (`data/awards/`)": model.Award,
    "## Tenders (`data/tenders/`)": model.Tender,
    "## Funding rounds (`data/rounds/`)": model.Round,
}


@dataclasses.dataclass
class Table:
    section: str  # the `## ` heading it is under
    line: int
    rows: dict[str, str]  # field name -> what the Required? column says


def tables(text: str) -> list[Table]:
    """Every field table in the guide, with the section it is in."""
    out: list[Table] = []
    section, table = "", None
    for number, line in enumerate(text.splitlines(), 1):
        if line.startswith("## "):
            section = line
        if line == HEADER:
            table = Table(section, number, {})
            out.append(table)
        elif table is not None and line.startswith("|"):
            cells = [c.strip() for c in line.strip("|").split("|")]
            if set(cells[0]) <= set("- "):
                continue  # the | --- | line under the header
            (name,) = re.fullmatch(r"`([a-z_]+)`", cells[0]).groups()
            assert name not in table.rows, f"EDITING.md:{number}: `{name}` twice in one table"
            table.rows[name] = cells[1]
        else:
            table = None
    return out


def test_each_record_has_a_table_of_exactly_its_fields_in_a_section_that_holds_it():
    guide = tables((ROOT / "EDITING.md").read_text(encoding="utf-8"))
    assert {t.section for t in guide} <= set(SECTIONS), "a field table outside the files' sections"
    held = {heading: {r.cls for r in describe.records(cls)} for heading, cls in SECTIONS.items()}
    every_record = describe.records(*SECTIONS.values())
    assert {r.cls for r in every_record} == {c for c in vars(model).values()
                                            if isinstance(c, type) and dataclasses.is_dataclass(c)}
    problems = []
    for record in every_record:
        names = {f.name for f in record.fields}
        found = [t for t in guide if set(t.rows) == names]
        if len(found) != 1:
            problems.append(f"{record.cls.__name__}: {len(found)} tables list exactly its fields {sorted(names)}")
            continue
        (table,) = found
        if record.cls not in held[table.section]:
            problems.append(f"{record.cls.__name__}: its table (EDITING.md:{table.line}) is under "
                            f"{table.section!r}, whose files hold no {record.cls.__name__}")
        for f in record.fields:
            said = table.rows[f.name]
            if f.from_filename:
                ok = said == "not written"
            elif f.required:
                ok = said == "required"
            else:  # optional in the model: "optional", or when the rules need it ("grants", "required on awards")
                ok = said not in ("required", "not written", "")
            if not ok:
                problems.append(f"{record.cls.__name__}.{f.name}: EDITING.md:{table.line} says {said!r}, "
                                f"the model has it {'from the file name' if f.from_filename else 'required' if f.required else 'optional'}")
    assert problems == []


def github_slug(heading: str) -> str:
    """The anchor GitHub gives a heading: lower case, punctuation dropped, spaces to hyphens."""
    text = re.sub(r"[^\w\- ]", "", heading.strip().lower())
    return text.replace(" ", "-")


def broken_anchors(guide: str) -> list[str]:
    headings = {github_slug(line.lstrip("#")) for line in guide.splitlines() if line.startswith("#")
                and not line.startswith("#!") and re.match(r"#+ ", line)}
    return sorted({a for a in re.findall(r"\]\(#([^)]+)\)", guide) if a not in headings})


def test_every_link_inside_editing_md_finds_its_heading():
    guide = (ROOT / "EDITING.md").read_text(encoding="utf-8")
    # headings inside ``` blocks are YAML comments, not headings
    outside = re.sub(r"```.*?```", "", guide, flags=re.DOTALL)
    assert broken_anchors(outside) == []


def test_a_link_to_a_missing_heading_is_found():
    assert broken_anchors("## Drafts\n\nSee [drafts](#drafts) and [the rest](#gone).\n") == ["gone"]
    assert github_slug("Funds (`data/funds/`)") == "funds-datafunds"


# "Full example (the example office's `data/x.yml`, kept in `tests/fixtures/office/`):" and its block
EXAMPLE = re.compile(r"\(the example office's `(data/[a-z0-9/.-]+\.yml)`, kept in `tests/fixtures/office/`\):\n\n"
                     r"```yaml\n(.*?)```", re.DOTALL)


def test_the_guides_examples_are_the_example_offices_files_and_stay_when_data_is_replaced():
    """The guide's examples name files that outlive an office's own data/ (the tests' fixture office),
    and each full example is that file as it is, so it is valid data and never out of date."""
    from conftest import FIXTURE
    guide = (ROOT / "EDITING.md").read_text(encoding="utf-8")
    examples = EXAMPLE.findall(guide)
    assert len(examples) >= 6
    for path, block in examples:
        text = (FIXTURE / path).read_text(encoding="utf-8")
        kept = "".join(line for line in text.splitlines(keepends=True) if not line.startswith("# yaml-language-server"))
        if path.endswith("youth-fund.yml"):  # shown in part: the lines about its partner
            assert all(line in kept.splitlines() for line in block.splitlines()), path
        else:
            assert block.strip() == kept.strip(), path
