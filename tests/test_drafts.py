"""Drafts: a fund, award or tender file with `draft: true` is checked as far as it goes and never published.

The importer (`python -m transparency import`) writes a draft for every spreadsheet row that
cannot make a whole record, so a draft must never reach the site, whatever it lacks or gets
wrong, and must never stop the rest of the site being published. These tests build the real
site of an office of their own (not the example data's records) twice, with and without the
drafts, and compare every file.
"""
from __future__ import annotations

import filecmp
import subprocess
import sys

from conftest import BUILD_EPOCH, ROOT, build, make_project
from staffdata import CONTRACT, GRANT, TENDER, TODAY, data_folder, edit, scoring
from transparency.cli import validate

ORGANISATION = """\
name: Office of the Police and Crime Commissioner for Draftshire
short_name: Draftshire OPCC
area: Draftshire
org_id: GB-GOR-DRAFT01
grant_id_prefix: 360G-draftshire-opcc
ocid_prefix: ocds-drf123
website: https://www.example.org/draftshire
email: funding@example.org
etendering_portal:
  name: Bluelight
  url: https://www.bluelight.eu-supply.com/
procurement_threshold: 180000
single_tender_action_sign_off:
  - signed_off_by: Chief Finance Officer
shared_outcomes:
  - id: victims
    text: Victims are supported
"""

SCORING = scoring(introduction="How we score bids.")

VICTIMS_FUND = """\
name: Victims services grant
summary: Services for victims of crime.
legal_basis: The Ministry of Justice victims grant.
status: open
route: commissioned
budgets:
  2026/27: 900000
"""

CRIME_FUND = """\
name: Crime and disorder reduction grants
summary: Grants that reduce crime and disorder.
legal_basis: Section 9 of the Police Reform and Social Responsibility Act 2011.
status: open
route: grants
crime_and_disorder_reduction: true
budgets:
  2026/27: 50000
"""

PUBLISHED = {
    "organisation.yml": ORGANISATION, "scoring.yml": SCORING,
    "funds/victims-services-grant.yml": VICTIMS_FUND,
    "funds/crime-and-disorder-reduction-grants.yml": CRIME_FUND,
    "awards/advocacy-2026.yml": CONTRACT,
    "awards/youth-grant-2026.yml": GRANT,
    "tenders/advocacy-tender-2027.yml": TENDER,
}

# A grant from a finance sheet: no purpose, conditions or crime reduction reasons. Its words and
# amount are found nowhere else, so a search of the built site finds them if it leaks.
DRAFT_GRANT = "draft: true\n" + (edit(edit(edit(edit(edit(GRANT,
    "title: Test youth grant", "title: Lanternmere night patrols"),
    "amount: 500", "amount: 43219"),
    "purpose: Diversionary activities for young people.\n", ""),
    "conditions: Report every six months.\n", ""),
    "crime_reduction_reasons: Young people are busy on the evenings when disorder peaks.\n", ""))
DRAFT_TENDER = "draft: true\n" + edit(edit(edit(TENDER,
    "title: Test tender", "title: Quillhaven refuge tender"),
    "reference: TEST-001", "reference: QUILL-987"),
    "  amount: 100000", "  amount: 876543")
# A draft whose amount cannot be read: a warning, never a stop.
BAD_DRAFT = "draft: true\n" + edit(edit(CONTRACT,
    "title: Test advocacy service", "title: Marrowby broken draft"),
    "amount: 1000", "amount: 1,234")
DRAFTS = {"awards/lanternmere-patrols.yml": DRAFT_GRANT, "tenders/quillhaven-refuge.yml": DRAFT_TENDER,
          "awards/marrowby-draft.yml": BAD_DRAFT}
# What the drafts say, which no file of the site may hold (amounts in the site's and the data's forms).
DRAFT_WORDS = ["Lanternmere", "lanternmere", "Quillhaven", "quillhaven", "QUILL-987", "Marrowby", "marrowby",
               "43219", "43,219", "876543", "876,543"]

DRAFT_LINES = [
    "data/awards/lanternmere-patrols.yml:1: draft: not published yet: still needs purpose, conditions and "
    "crime_reduction_reasons",
    "data/awards/marrowby-draft.yml:1: draft: not published yet: fix the warnings about this file, then delete "
    "the line \"draft: true\" to publish it",
    "data/awards/marrowby-draft.yml:8: amount: warning: `1,234` is not an amount of money: write pounds as a "
    "plain number, without £, commas or spaces, for example 1500 or 1500.50",
    "data/tenders/quillhaven-refuge.yml:1: draft: complete: delete the line \"draft: true\" to publish it",
]


def project(tmp_path, files: dict[str, str]):
    return make_project(tmp_path / "project", data_folder(tmp_path / "data", files))


def text_files(site):
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        try:
            yield path, path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue  # images and fonts


def differences(a, b) -> list[str]:
    """The files that differ between two folders, or are in only one."""
    out = []

    def walk(cmp: filecmp.dircmp, at: str):
        out.extend(f"{at}{name}" for name in cmp.left_only + cmp.right_only + cmp.diff_files + cmp.funny_files)
        for name, sub in cmp.subdirs.items():
            walk(sub, f"{at}{name}/")

    walk(filecmp.dircmp(a, b, ignore=[]), "")
    return out


def test_drafts_are_published_nowhere_and_do_not_stop_the_build(tmp_path):
    with_drafts = build(project(tmp_path / "with", {**PUBLISHED, **DRAFTS}))
    assert with_drafts.ok, with_drafts.output
    # the build says what each draft still needs, and a draft's bad amount is a warning
    for line in DRAFT_LINES:
        assert f"  {line}\n" in with_drafts.result.stderr, line
    assert "3 drafts in the data, not published (see EDITING.md, \"Drafts\"):" in with_drafts.result.stderr
    leaks = [f"{path.relative_to(with_drafts.site)}: {word}" for path, text in text_files(with_drafts.site)
             for word in DRAFT_WORDS if word in text]
    assert not leaks, leaks
    # the published records are there (the search above read the real pages and downloads)
    assert "Test youth grant" in with_drafts.page("awards/youth-grant-2026/")
    assert "Test tender" in with_drafts.page("tenders/advocacy-tender-2027/")
    assert not (with_drafts.site / "awards" / "lanternmere-patrols").exists()
    assert not (with_drafts.site / "tenders" / "quillhaven-refuge").exists()
    # nothing counts them: every page, total, chart, download, feed, calendar, search index and
    # sitemap is byte for byte the site built without the drafts
    without = build(project(tmp_path / "without", PUBLISHED))
    assert without.ok, without.output
    assert differences(with_drafts.site, without.site) == []


def test_validate_lists_each_draft_and_counts_them(tmp_path):
    data = data_folder(tmp_path / "data", {**PUBLISHED, **DRAFTS})
    result = subprocess.run([sys.executable, "-m", "transparency", "validate", "--data", str(data)],
                            capture_output=True, text=True, cwd=tmp_path, timeout=120,
                            env={"SOURCE_DATE_EPOCH": str(BUILD_EPOCH), "PYTHONPATH": str(ROOT)})
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.splitlines() == DRAFT_LINES
    assert result.stderr.splitlines() == [
        "1 warning: a likely mistake to check, which does not stop publishing (see EDITING.md, \"Warnings\").",
        "3 drafts are not published (see EDITING.md, \"Drafts\").",
        f"The data in {data} is valid.",
    ]


def test_a_published_record_may_not_name_a_draft(tmp_path):
    draft_fund = "draft: true\n" + VICTIMS_FUND
    draft_award = "draft: true\n" + CONTRACT
    tender = TENDER + "awarded: [advocacy-2026]\n"
    data = data_folder(tmp_path / "data", {**PUBLISHED, "funds/victims-services-grant.yml": draft_fund,
                                           "awards/advocacy-2026.yml": draft_award,
                                           "tenders/advocacy-tender-2027.yml": tender})
    found = [str(p) for p in validate(data, TODAY)]
    assert found == [
        # the draft award names the draft fund: both are drafts, so that is no problem
        "data/awards/advocacy-2026.yml:1: draft: complete: delete the line \"draft: true\" to publish it",
        "data/funds/victims-services-grant.yml:1: draft: complete: delete the line \"draft: true\" to publish it",
        "data/tenders/advocacy-tender-2027.yml:3: fund: the fund `victims-services-grant` is a draft, not published "
        "yet (data/funds/victims-services-grant.yml has `draft: true`), so this cannot be published either: finish "
        "the fund and delete that line, or add `draft: true` to this file too",
        "data/tenders/advocacy-tender-2027.yml:26: awarded[1]: the award `advocacy-2026` is a draft, not published "
        "yet (data/awards/advocacy-2026.yml has `draft: true`), so this cannot be published either: finish the "
        "award and delete that line, or add `draft: true` to this file too",
    ]


def test_a_draft_is_checked_as_far_as_it_goes(tmp_path):
    """What a draft has is read as usual (a bad org id, a date that does not exist, a fund that does not
    exist), as warnings; what it lacks, in its groups too, is listed in the model's order."""
    draft = ("draft: true\ntitle: A draft\nkind: contract\nfund: victims-service-grant\nterm:\n  start: 2026-06-01\n"
             "recipient:\n  org_id: GB-XYZ-123\naward_date: 2026-02-30\n")
    data = data_folder(tmp_path / "data", {**PUBLISHED, "awards/x.yml": draft})
    found = [str(p) for p in validate(data, TODAY)]
    assert found[0] == ("data/awards/x.yml:1: draft: not published yet: still needs recipient.name, amount, "
                        "description, procurement_route, status, term.initial_years and term.break_clause")
    assert [line.split(": warning: ")[0] for line in found[1:]] == [
        "data/awards/x.yml:4: fund", "data/awards/x.yml:8: recipient.org_id", "data/awards/x.yml:9: award_date"]
    # `draft: false` is a normal record: what it lacks is a problem
    found = [str(p) for p in validate(data_folder(tmp_path / "normal" / "data", {
        **PUBLISHED, "awards/x.yml": edit(CONTRACT, "title: Test advocacy service\n", "draft: false\n")}), TODAY)]
    assert found == ["data/awards/x.yml:1: title: `title` is missing: add it (A short title (under 140 characters) "
                     "that differs from the description.)"]
