"""`python -m transparency import`: awards from a spreadsheet or a 360Giving file, one data file per row.

Every sheet here is written by the test itself (a CSV's bytes, a real .xlsx made with openpyxl,
the 360Giving files of a site built from the test's own records), into an office's own data
folder (staffdata.data_folder), never the example data. What a member of staff sees is checked
as the exact lines the command prints; what it writes is read back with the project's own YAML
reader and with libyaml (CSafeLoader), as the loader reads it.
"""
from __future__ import annotations

import io
import shutil
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from conftest import build, make_project
from staffdata import TODAY, data_folder, scoring
from transparency.cli import validate
from transparency.exports.giving360 import CSV_HEADER
from transparency.importing import giving360
from transparency.importing.run import main

ORGANISATION = """\
name: Office of the Police and Crime Commissioner for Tarn Valley
short_name: Tarn Valley OPCC
area: Tarn Valley
org_id: GB-GOR-TARN42
grant_id_prefix: 360G-tarn-opcc
ocid_prefix: ocds-tarn42
website: https://www.example.com/tarn
site_url: https://grants.example.com/
email: grants@example.com
etendering_portal:
  name: Tarn Tenders
  url: https://tenders.example.com/
procurement_threshold: 200000
single_tender_action_sign_off:
  - signed_off_by: Chief Finance Officer
shared_outcomes:
  - id: safer
    text: Tarn Valley is safer
"""

SCORING = scoring()

FUNDS = {
    "funds/youth.yml": """\
name: Tarn Youth Fund
summary: Small grants for youth groups.
legal_basis: The community safety grant.
status: open
route: grants
budgets:
  2024/25: 500000
  2025/26: 500000
  2026/27: 500000
""",
    "funds/safer-streets.yml": """\
name: Safer Streets Grants
summary: Grants that reduce crime and disorder.
legal_basis: Section 9 of the Police Reform and Social Responsibility Act 2011.
status: open
route: grants
crime_and_disorder_reduction: true
budgets:
  2025/26: 500000
  2026/27: 500000
""",
}

HEADER = "Project,Recipient,Charity no.,Amount awarded,Date,Fund,Purpose,Conditions\r\n"
MAPPING = """\
columns:
  Project: title
  Recipient: recipient.name
  Charity no.: recipient.charity_number
  Amount awarded: amount
  Date: award_date
  Fund: fund
  Purpose: purpose
  Conditions: conditions
dates: day-first
funds:
  Youth Fund: youth
fixed:
  kind: grant
  description: A grant from the Tarn Youth Fund.
  procurement_route: grant-application
  status: ended
"""


def office(folder: Path, awards: dict[str, str] | None = None) -> Path:
    """An empty office data folder: organisation, scoring and the two funds (and `awards` if given)."""
    return data_folder(folder, {"organisation.yml": ORGANISATION, "scoring.yml": SCORING, **FUNDS, **(awards or {})})


class Run:
    def __init__(self, status: int, output: str):
        self.status, self.lines = status, output.splitlines()


def run(tmp_path: Path, monkeypatch, name: str, content: bytes | str | None, mapping: str | None = MAPPING,
        overwrite: bool = False, data: Path | None = None) -> Run:
    """Write the sheet (and the mapping) into tmp_path and import it into tmp_path/data, from tmp_path."""
    monkeypatch.chdir(tmp_path)
    data = data or (tmp_path / "data" if (tmp_path / "data").exists() else office(tmp_path / "data"))
    if content is not None:
        sheet = tmp_path / name
        sheet.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    mapping_file = None
    if mapping is not None:
        mapping_file = tmp_path / "mapping.yml"
        mapping_file.write_text(mapping, encoding="utf-8")
    out = io.StringIO()
    status = main(Path(name), mapping_file and Path("mapping.yml"), Path(data.name), overwrite, out)
    return Run(status, out.getvalue())


def award(tmp_path: Path, id: str) -> str:
    return (tmp_path / "data" / "awards" / f"{id}.yml").read_text(encoding="utf-8")


def loaded(text: str) -> dict:
    """A written file as libyaml reads it (the loader's reader): every value and its type."""
    return yaml.load(text, Loader=yaml.CSafeLoader)


def row(**cells: str) -> str:
    base = {"Project": "Night football", "Recipient": "Tarnside Youth Club", "Charity no.": "1145337",
            "Amount awarded": "1500", "Date": "2025-06-01", "Fund": "Youth Fund",
            "Purpose": "Football on Friday evenings.", "Conditions": "A report at the end of the season."}
    base.update(cells)
    return ",".join(f'"{base[t]}"' if "," in base[t] else base[t] for t in HEADER.strip().split(",")) + "\r\n"


# --- messy values, cleaned as a person would -------------------------------------------------


def test_messy_values_are_cleaned_and_read_back_by_the_loader(tmp_path, monkeypatch):
    sheet = ("\ufeff" + HEADER + row(**{"Project": "  Night football  ", "Charity no.": "1145 337",
                                         "Amount awarded": "£12,500.00", "Date": "01/04/2025"})
             + row(**{"Project": "Summer: yes or no", "Recipient": "No", "Charity no.": " SC012345 ",
                      "Amount awarded": "£199.50", "Date": "3 June 2025"})).encode("utf-8")
    result = run(tmp_path, monkeypatch, "awards.csv", sheet)
    assert result.lines == ["2 written (0 drafts), 0 unchanged, 0 skipped."], result.lines
    assert result.status == 0
    text = award(tmp_path, "night-football-2025")
    assert "  charity_number: \"1145337\"\n" in text and "amount: 12500\n" in text and "award_date: 2025-04-01\n" in text
    assert loaded(text) | {} == {
        "title": "Night football", "kind": "grant", "fund": "youth",
        "recipient": {"name": "Tarnside Youth Club", "charity_number": "1145337"},
        "amount": 12500, "award_date": date(2025, 4, 1), "description": "A grant from the Tarn Youth Fund.",
        "procurement_route": "grant-application", "status": "ended",
        "purpose": "Football on Friday evenings.", "conditions": "A report at the end of the season."}
    other = loaded(award(tmp_path, "summer-yes-or-no-2025"))
    assert other["title"] == "Summer: yes or no" and other["recipient"] == {"name": "No", "charity_number": "SC012345"}
    assert other["amount"] == 199.5 and "amount: 199.50\n" in award(tmp_path, "summer-yes-or-no-2025")
    assert other["award_date"] == date(2025, 6, 3)
    # complete records: the project's own validator reads them and finds nothing wrong
    assert [str(p) for p in validate(tmp_path / "data", TODAY)] == []


@pytest.mark.parametrize("cells, message", [
    ({"Amount awarded": "12.5k"}, "Amount awarded: `12.5k` is not an amount of money: write pounds as a number, "
                                  "for example 12500 or £12,500.00"),
    ({"Amount awarded": "-500"}, "Amount awarded: `-500` is negative: an amount of money cannot be less than 0"),
    ({"Amount awarded": "£10.505"}, "Amount awarded: `10.505` has more than 2 decimal places: amounts are in "
                                    "pounds and pence, for example 1500.50"),
    ({"Date": "31/02/2025"}, "Date: `31/02/2025` is not a real date (read day first, it is day 31 of month 2): "
                             "check the day and month"),
    ({"Date": "01/04/25"}, "Date: `01/04/25` has a year of 2 digits: write the year in full, for example 01/04/2025"),
    ({"Date": "45748"}, "Date: `45748` is a number, not a date: format the column as dates in the spreadsheet, "
                        "or write the date as 01/04/2025 (this file is read day first)"),
    ({"Date": "Spring 2025"}, "Date: `Spring 2025` is not a date: write the day, month and year, for example "
                              "01/04/2025 (this file is read day first) or 1 April 2025"),
    ({"Charity no.": "11453"}, "Charity no.: `11453` is not a charity number: write a Charity Commission number "
                               "as its 6 or 7 digits (for example 1123456, leaving out any suffix like -1), a "
                               "Scottish one as OSCR writes it, SC and 6 digits (for example SC012345), or a "
                               "Northern Ireland one as NIC and its 6 digits (for example NIC100001)"),
    ({"Fund": "Yuoth Fund"}, "Fund: `Yuoth Fund` is not a fund we know: add it under `funds:` in the mapping file "
                             "with its fund id (the funds in data/funds/ are `safer-streets`, `youth`)"),
    # the project's own reader, asked about the written value: the build's words
    ({"Project": "=HYPERLINK(1)"}, "Project: `=HYPERLINK(1)` starts with =, which a spreadsheet would run as a "
                                   "formula when someone opens the CSV download: start the text with a word or "
                                   "a number"),
])
def test_a_value_that_cannot_be_cleaned_is_reported_with_its_row_and_column_and_not_written(
        tmp_path, monkeypatch, cells, message):
    result = run(tmp_path, monkeypatch, "awards.csv", HEADER + row() + row(**{"Project": "Second", **cells}))
    assert result.lines == [f"awards.csv:row 3: {message}", "1 written (0 drafts), 0 unchanged, 1 skipped."]
    assert result.status == 1
    assert sorted(p.name for p in (tmp_path / "data" / "awards").iterdir()) == ["night-football-2025.yml"]


def test_dates_month_first_when_the_mapping_says(tmp_path, monkeypatch):
    mapping = MAPPING.replace("dates: day-first", "dates: month-first")
    result = run(tmp_path, monkeypatch, "awards.csv", HEADER + row(Date="04/01/2025") + row(Project="B", Date="13/01/2025"),
                 mapping=mapping)
    assert result.lines == [
        "awards.csv:row 3: Date: `13/01/2025` has no month 13: the mapping reads dates month first; if this sheet "
        "writes them the other way round, set `dates: day-first` in it",
        "1 written (0 drafts), 0 unchanged, 1 skipped."]
    assert loaded(award(tmp_path, "night-football-2025"))["award_date"] == date(2025, 4, 1)


def test_placeholders_are_not_written_and_text_yaml_would_misread_is_quoted(tmp_path, monkeypatch):
    result = run(tmp_path, monkeypatch, "awards.csv",
                 HEADER + row(Project="#1 yes", Recipient="1145337", Purpose="TBC", Conditions="n/a"))
    assert result.lines[0] == "1 written (1 draft), 0 unchanged, 0 skipped."
    text = award(tmp_path, "1-yes-2025")
    assert 'title: "#1 yes"\n' in text and '  name: "1145337"\n' in text
    assert "TBC" not in text and "n/a" not in text and "purpose" not in text
    assert loaded(text)["title"] == "#1 yes" and loaded(text)["recipient"]["name"] == "1145337"


# --- the suggested mapping ----------------------------------------------------------------------


def test_without_a_mapping_a_suggested_one_is_written_beside_the_sheet_and_no_records(tmp_path, monkeypatch):
    sheet = "Grant ref,Project,Organisation,Charity No.,Amount awarded,Date,Fund,Notes,Outcomes\r\n" \
            "G-1,Night football,Tarnside Youth Club,1145337,1500,01/04/2025,Tarn Youth Fund,x,safer\r\n" \
            "G-2,Boxing,Tarn Boxing,1145338,1500,01/04/2025,Safer fund,x,safer\r\n"
    result = run(tmp_path, monkeypatch, "awards.csv", sheet, mapping=None)
    assert result.lines == [
        "No mapping given, so no records were written. A suggested mapping is in awards.mapping.yml: check each "
        "line (EDITING.md, \"Bringing in your existing records\"), then run `python -m transparency import "
        "awards.csv --mapping awards.mapping.yml`"]
    assert not list((tmp_path / "data" / "awards").iterdir())
    suggested = (tmp_path / "awards.mapping.yml").read_text(encoding="utf-8").splitlines()
    columns = suggested[suggested.index("columns:") + 1:]
    assert columns[:9] == [
        '  Grant ref:       id                         # "Grant ref" is a common title for it: The file name',
        '  Project:         title                      # "Project" is a common title for it: A short title',
        '  Organisation:    recipient.name             # "Organisation" is a common title for it: The organisation\'s name as registered',
        '  Charity No.:     recipient.charity_number   # "Charity No." is a common title for it: The registered charity\'s number',
        '  Amount awarded:  amount                     # "Amount awarded" is a common title for it: The amount awarded, in pounds, counted against the fund\'s budget for the award\'s financial year',
        '  Date:            award_date                 # "Date" is a common title for it: The date the award was made, YYYY-MM-DD',
        '  Fund:            fund                       # "Fund" is a common title for it: The id of the fund it is paid from',
        '  Notes:                                      # not matched to a field: write a field to import it, or leave it empty',
        '  Outcomes:        outcomes                   # the field\'s own name: Which shared outcomes it serves',
    ]
    assert "  Tarn Youth Fund: youth                      # the fund of that name in data/funds/" in suggested
    assert "  Safer fund:                                 # which fund is this? write its id" in suggested
    # a second run does not write over it, and the suggestion, once its fund is named, reads the sheet
    again = run(tmp_path, monkeypatch, "awards.csv", None, mapping=None)
    assert again.lines[0].startswith("awards.mapping.yml is already here: check it")
    unfilled = (tmp_path / "awards.mapping.yml").read_text(encoding="utf-8")
    line = unfilled.splitlines().index("  Safer fund:                                 # which fund is this? write its id") + 1
    assert run(tmp_path, monkeypatch, "awards.csv", None, mapping=unfilled).lines == [
        f"mapping.yml:{line}: funds.Safer fund: write the id of our fund (its file name in data/funds/) after the colon"]
    fixed = (tmp_path / "awards.mapping.yml").read_text(encoding="utf-8").replace(
        "  Safer fund:                                 #", "  Safer fund: safer-streets #")
    result = run(tmp_path, monkeypatch, "awards.csv", None, mapping=fixed)
    assert result.lines[0] == "2 written (2 drafts), 0 unchanged, 0 skipped.", result.lines
    assert sorted(p.name for p in (tmp_path / "data" / "awards").iterdir()) == ["g-1.yml", "g-2.yml"]


def test_a_mapping_file_problem_names_its_line(tmp_path, monkeypatch):
    mapping = MAPPING.replace("  Fund: fund\n", "  Fund: fnud\n").replace("  status: ended\n", "  status: over\n")
    result = run(tmp_path, monkeypatch, "awards.csv", HEADER + row(), mapping=mapping)
    assert result.lines == [
        "mapping.yml:7: columns.Fund: `fnud` is not a field we can import; did you mean `fund`?",
        "mapping.yml:17: fixed.status: `over` is not one of the choices: write `active`, `ended`, `de-commissioned`, `withdrawn` or `returned`",
    ]
    assert result.status == 1 and not list((tmp_path / "data" / "awards").iterdir())


# --- drafts ----------------------------------------------------------------------------------------


DRAFT_MAPPING = """\
columns:
  Project: title
  Recipient: recipient.name
  Amount awarded: amount
  Date: award_date
  Fund: fund
"""


def test_a_record_the_sheet_cannot_complete_is_written_as_a_draft_with_only_what_it_has(tmp_path, monkeypatch):
    result = run(tmp_path, monkeypatch, "awards.csv", HEADER + row(Fund="safer-streets"), mapping=DRAFT_MAPPING)
    assert result.lines == [
        "1 written (1 draft), 0 unchanged, 0 skipped.",
        "Drafts are not published until they are complete: `python -m transparency validate --data data` lists "
        "what each still needs."]
    assert award(tmp_path, "night-football-2025") == (
        "# yaml-language-server: $schema=../../schemas/award.schema.json\n"
        "# Imported from awards.csv.\n"
        "draft: true\n"
        "title: Night football\n"
        "fund: safer-streets\n"
        "recipient:\n"
        "  name: Tarnside Youth Club\n"
        "amount: 1500\n"
        "award_date: 2025-06-01\n")


def test_validate_lists_an_imported_draft_and_what_it_needs(tmp_path, monkeypatch):
    mapping = MAPPING.replace("  Purpose: purpose\n  Conditions: conditions\n", "")
    run(tmp_path, monkeypatch, "awards.csv", HEADER + row(), mapping=mapping)
    assert [str(p) for p in validate(tmp_path / "data", TODAY)] == [
        "data/awards/night-football-2025.yml:3: draft: not published yet: still needs purpose and conditions"]


# --- re-runs, overwriting, duplicates ------------------------------------------------------------


def test_a_rerun_changes_nothing_and_an_edited_file_is_kept_unless_overwrite(tmp_path, monkeypatch):
    sheet = HEADER + row() + row(Project="Boxing", Recipient="Tarn Boxing")
    assert run(tmp_path, monkeypatch, "awards.csv", sheet).lines == ["2 written (0 drafts), 0 unchanged, 0 skipped."]
    before = {p.name: p.read_bytes() for p in (tmp_path / "data" / "awards").iterdir()}
    assert run(tmp_path, monkeypatch, "awards.csv", sheet).lines == ["0 written (0 drafts), 2 unchanged, 0 skipped."]
    assert {p.name: p.read_bytes() for p in (tmp_path / "data" / "awards").iterdir()} == before
    edited = tmp_path / "data" / "awards" / "boxing-2025.yml"
    edited.write_text(before["boxing-2025.yml"].decode() + "outcomes: [safer]\n", encoding="utf-8")
    result = run(tmp_path, monkeypatch, "awards.csv", sheet)
    assert result.lines == [
        "awards.csv:row 3: data/awards/boxing-2025.yml already exists and says something else: left as it is "
        "(run again with --overwrite to replace it)",
        "0 written (0 drafts), 1 unchanged, 1 skipped."]
    assert "outcomes: [safer]" in edited.read_text(encoding="utf-8")
    result = run(tmp_path, monkeypatch, "awards.csv", sheet, overwrite=True)
    assert result.lines == ["1 written (0 drafts), 1 unchanged, 0 skipped."]
    assert edited.read_bytes() == before["boxing-2025.yml"]


def test_likely_duplicates_are_reported_with_both_rows_and_written_once(tmp_path, monkeypatch):
    mapping = MAPPING.replace("columns:\n", "columns:\n  Ref: id\n")
    header = "Ref," + HEADER
    sheet = (header + "A-1," + row() + "A-2," + row(Project="Night football again")
             + "A-3," + row(Project="Other", Recipient="Other club") + "A-1," + row(Project="Third", Recipient="Third"))
    result = run(tmp_path, monkeypatch, "awards.csv", sheet, mapping=mapping)
    assert result.lines == [
        "awards.csv:row 3: repeats row 2 (same recipient, amount and award date): not written twice; if both are "
        "real awards, add this one by hand with `not_a_mistake: [likely-duplicate]`",
        "awards.csv:row 5: has the same identifier as row 2: not written twice; if they are two awards, give each "
        "its own identifier",
        "2 written (0 drafts), 0 unchanged, 2 skipped."]
    assert sorted(p.name for p in (tmp_path / "data" / "awards").iterdir()) == ["a-1.yml", "a-3.yml"]


def test_two_rows_of_the_same_title_and_year_get_names_of_their_own(tmp_path, monkeypatch):
    result = run(tmp_path, monkeypatch, "awards.csv", HEADER + row() + row(Recipient="Fellside Youth Club"))
    assert result.lines == ["2 written (0 drafts), 0 unchanged, 0 skipped."]
    assert sorted(p.name for p in (tmp_path / "data" / "awards").iterdir()) == [
        "night-football-2025.yml", "night-football-fellside-youth-club-2025.yml"]


# --- XLSX -------------------------------------------------------------------------------------------


def test_an_excel_workbook_is_read_by_its_values_dates_and_numbers(tmp_path, monkeypatch):
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEADER.strip().split(","))
    sheet.append(["Night football ", "Tarnside Youth Club", 1145337, 12500.5, datetime(2025, 4, 1), "Youth Fund",
                  "Football on Friday evenings.", "A report at the end of the season."])
    sheet.append(["Boxing", "Tarn Boxing", "1145 338", "=1+1", datetime(2025, 5, 1), "Youth Fund", "Boxing.", "A report."])
    sheet.append(["Rowing", "Tarn Rowing", "1145 339", 700, "31/02/2025", "Youth Fund", "Rowing.", "A report."])
    book.save(tmp_path / "awards.xlsx")
    result = run(tmp_path, monkeypatch, "awards.xlsx", None)
    assert result.lines[:2] == [
        "awards.xlsx:row 4: Date: `31/02/2025` is not a real date (read day first, it is day 31 of month 2): "
        "check the day and month",
        "2 written (1 draft), 0 unchanged, 1 skipped."], result.lines
    # a formula is read by its value (data_only), never as its text; one no spreadsheet has worked out
    # (openpyxl saves none) has no value: the amount is left out and the record is a draft
    assert "amount" not in award(tmp_path, "boxing-2025") and "draft: true" in award(tmp_path, "boxing-2025")
    text = award(tmp_path, "night-football-2025")
    assert "amount: 12500.50\n" in text and '  charity_number: "1145337"\n' in text
    assert loaded(text)["award_date"] == date(2025, 4, 1) and loaded(text)["title"] == "Night football"


# --- 360Giving: the round trip through the site's own files -----------------------------------------


GRANTS = {
    "awards/night-football-2025.yml": """\
title: Night football, 2025/26
kind: grant
fund: youth
recipient:
  name: Tarnside Youth Club
  charity_number: "1145337"
  website: https://tarnside.example.com/
amount: 12500.50
award_date: 2025-04-01
description: Football on Friday evenings for 12 to 16 year olds.
procurement_route: grant-application
status: ended
purpose: "Yes: football, to keep young people busy."
conditions: A report at the end of the season.
""",
    "awards/street-pastors-2026.yml": """\
title: Street pastors
kind: grant
fund: safer-streets
recipient:
  name: Tarn Street Pastors
  charity_number: NIC100001
  company_number: ZZ000123
  postcode: TR1 2AB
amount: 40000
award_date: 2026-05-12
description: Volunteers in the town centre on Friday and Saturday nights.
procurement_route: grant-application
status: active
term:
  start: 2026-06-01
  initial_years: 2
coverage:
  area: Tarnmouth
  code: E07000011
  reason: local-need
  explanation: The night-time economy is in Tarnmouth.
purpose: Fewer assaults in the town centre at night.
conditions: Report every six months.
crime_reduction_reasons: Volunteers calm disputes before they become assaults.
""",
    "awards/boxing-club-2026.yml": """\
title: Boxing club sessions
kind: grant
fund: youth
recipient:
  name: Tarn Boxing
  company_number: ZZ000124
amount: 800
award_date: 2026-07-01
description: Boxing sessions after school.
procurement_route: grant-application
status: active
purpose: Boxing after school.
conditions: Report at the end.
""",
    "awards/fell-walkers-2026.yml": """\
title: Fell walkers
kind: grant
fund: youth
recipient:
  name: Fell Walkers Group
  org_id: 360G-tarn-opcc-org-7
amount: 300
award_date: 2026-08-01
description: Walks for young people.
procurement_route: grant-application
status: active
purpose: Walks.
conditions: A report.
""",
}
# What 360Giving carries of an award, by dotted field (the rest stays with the office).
CARRIED = ("title", "kind", "fund", "recipient.name", "recipient.charity_number", "recipient.company_number",
           "recipient.org_id", "recipient.website", "amount", "award_date", "description", "term.start",
           "term.initial_years", "coverage.area", "recipient.postcode", "coverage.code")


def carried(values: dict) -> dict:
    out = {}
    for dotted in CARRIED:
        value = values
        for part in dotted.split("."):
            value = value.get(part) if isinstance(value, dict) else None
        if value is not None:
            out[dotted] = value
    if values.get("coverage", "countywide") == "countywide":
        out["coverage"] = "countywide"
    return out


@pytest.fixture(scope="module")
def site_360(tmp_path_factory):
    """The 360Giving files of a site built from this test's own records."""
    tmp = tmp_path_factory.mktemp("site360")
    data = office(tmp / "data", GRANTS)
    result = build(make_project(tmp / "project", data=data))
    assert result.ok, result.output
    return result.site / "data"


@pytest.mark.parametrize("name", ["360giving.json", "360giving.csv", "360giving.xlsx"])
def test_the_sites_own_360giving_files_import_back_to_the_same_grants(tmp_path, monkeypatch, site_360, name):
    if name.endswith(".xlsx"):  # the CSV as a funder's spreadsheet would hold it: every cell text
        import csv
        import openpyxl
        book = openpyxl.Workbook()
        for cells in csv.reader(io.StringIO((site_360 / "360giving.csv").read_text(encoding="utf-8-sig"))):
            book.active.append(cells)
        book.save(tmp_path / name)
    else:
        shutil.copy(site_360 / name, tmp_path / name)
    result = run(tmp_path, monkeypatch, name, None, mapping=None)
    assert result.lines[0] == "4 written (4 drafts), 0 unchanged, 0 skipped.", result.lines
    written = sorted(p.name for p in (tmp_path / "data" / "awards").iterdir())
    assert written == sorted(Path(n).name for n in GRANTS)
    for path, original in GRANTS.items():
        back = award(tmp_path, Path(path).stem)
        assert back.splitlines()[2] == "draft: true"  # 360Giving has no route, status, purpose or conditions
        assert carried(loaded(back)) == carried(loaded(original)), path
    # and again: nothing changes
    assert run(tmp_path, monkeypatch, name, None, mapping=None).lines[0] == "0 written (0 drafts), 4 unchanged, 0 skipped."


def test_every_column_of_our_360giving_export_is_read_or_said_to_be_left(tmp_path):
    copied = giving360.copied()
    assert copied == {"Title": "title", "Description": "description", "Amount Awarded": "amount",
                      "Award Date": "award_date", "Planned Dates:Start Date": "term.start",
                      "Recipient Org:Name": "recipient.name", "Recipient Org:Company Number": "recipient.company_number",
                      "Recipient Org:Web Address": "recipient.website", "Recipient Org:Postal Code": "recipient.postcode"}
    assert sorted([*copied, *giving360.DERIVED, *giving360.UNREAD]) == sorted(CSV_HEADER)


def test_another_funders_360giving_csv_needs_its_funds_named(tmp_path, monkeypatch):
    header = ",".join(["Identifier", "Title", "Description", "Currency", "Amount Awarded", "Award Date",
                       "Recipient Org:Identifier", "Recipient Org:Name", "Funding Org:Identifier",
                       "Funding Org:Name", "Grant Programme:Title"]) + "\n"
    sheet = header + ("360G-other-77,Playground,A playground,GBP,5000,2025-07-01T00:00:00+00:00,GB-CHC-1145337,"
                      "Park Friends,GB-CHC-1000001,Other Trust,Parks\n"
                      "360G-other-78,Bench,A bench,EUR,500,2025-07-01,GB-CHC-1145338,Bench Friends,GB-CHC-1000001,"
                      "Other Trust,Tarn Youth Fund\n")
    result = run(tmp_path, monkeypatch, "other.csv", sheet, mapping=None)
    assert result.lines == [
        "other.csv:row 2: Grant Programme:Title: `Parks` is not a fund we know: give a mapping file whose `funds:` "
        "names it with its fund id (the funds in data/funds/ are `safer-streets`, `youth`)",
        "other.csv:row 3: Currency: `EUR`: only grants in pounds (GBP) can be imported; convert the amount and add "
        "this grant by hand",
        "0 written (0 drafts), 0 unchanged, 2 skipped."]


def test_money_stays_exact(tmp_path, monkeypatch):
    run(tmp_path, monkeypatch, "awards.csv", HEADER + row(**{"Amount awarded": "0.10"}))
    text = award(tmp_path, "night-football-2025")
    assert "amount: 0.10\n" in text
    assert Decimal(text.split("amount: ")[1].split("\n")[0]) == Decimal("0.10")


def test_the_mapping_in_editing_md_is_one_the_importer_reads(tmp_path, monkeypatch):
    from conftest import ROOT
    guide = (ROOT / "EDITING.md").read_text(encoding="utf-8")
    section = guide[guide.index("### The mapping file"):]
    example = section[section.index("```yaml\n") + 8:section.index("```\n", section.index("```yaml\n"))]
    example = example.replace("youth-fund", "youth").replace("crime-and-disorder-reduction-grants", "safer-streets")
    header = "Project,Organisation,Charity no.,Amount awarded,Date,Fund,Purpose of grant,Officer\r\n"
    sheet = header + "Night football,Tarnside Youth Club,1145337,1500,01/04/2025,Youth Fund 2025,Football.,Sam\r\n" \
                     "Street pastors,Tarn Pastors,1145338,2500,02/04/2025,Safer Streets Grants,Pastors.,Sam\r\n"
    result = run(tmp_path, monkeypatch, "awards.csv", sheet, mapping=example)
    assert result.lines[0] == "2 written (2 drafts), 0 unchanged, 0 skipped.", result.lines
    assert loaded(award(tmp_path, "street-pastors-2025"))["fund"] == "safer-streets"  # by our fund's own name


def test_the_command_is_python_m_transparency_import(tmp_path):
    import subprocess
    import sys
    from conftest import ROOT
    office(tmp_path / "data")
    (tmp_path / "awards.csv").write_text(HEADER + row(), encoding="utf-8")
    (tmp_path / "mapping.yml").write_text(MAPPING, encoding="utf-8")
    command = [sys.executable, "-m", "transparency", "import", "awards.csv", "--mapping", "mapping.yml", "--data", "data"]
    env = {**__import__("os").environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, env=env)
    assert (result.returncode, result.stdout) == (0, "1 written (0 drafts), 0 unchanged, 0 skipped.\n"), result.stderr
    assert (tmp_path / "data" / "awards" / "night-football-2025.yml").exists()


def test_a_360giving_files_area_code_is_read_when_it_is_a_districts(tmp_path, monkeypatch):
    header = ",".join(["Identifier", "Title", "Description", "Currency", "Amount Awarded", "Award Date",
                       "Recipient Org:Identifier", "Recipient Org:Name", "Recipient Org:Postal Code",
                       "Funding Org:Identifier", "Funding Org:Name", "Grant Programme:Title",
                       "Beneficiary Location:Name", "Beneficiary Location:Geographic Code",
                       "Beneficiary Location:Geographic Code Type"]) + "\n"
    sheet = header + ("360G-other-80,Pitch,A pitch,GBP,5000,2025-07-01,GB-CHC-1145337,Pitch Friends,tr1 2ab,"
                      "GB-CHC-1000001,Other Trust,Tarn Youth Fund,Tarnmouth,E07000011,NMD\n"
                      "360G-other-81,Ward,A ward's grant,GBP,500,2025-07-01,GB-CHC-1145338,Ward Friends,,"
                      "GB-CHC-1000001,Other Trust,Tarn Youth Fund,Tarnmouth North,E05000026,WD\n")
    result = run(tmp_path, monkeypatch, "other.csv", sheet, mapping=None)
    assert "1 written (1 draft), 0 unchanged, 1 skipped." in result.lines
    assert ("other.csv:row 3: Beneficiary Location:Geographic Code: `E05000026` is an ONS code for Electoral "
            "Wards/Divisions (codes starting E05), not for a district or council: give the code of the district, "
            "borough or unitary authority the service is in, for example `E07000010` (a district) or `E06000031` "
            "(a unitary authority)") in result.lines, result.lines
    (written,) = (tmp_path / "data" / "awards").glob("*.yml")
    text = written.read_text(encoding="utf-8")
    assert "  code: E07000011\n" in text and "  postcode: tr1 2ab\n" in text, text  # staff's text, as given
