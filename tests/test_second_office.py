"""The generator names no office: a second, invented office's site has none of the first's words.

Everything about an office comes from its `data/` and its `content/`. This test builds the
site of an office that shares nothing with the example (its name, area, places, portal,
sign-off titles, identifiers and addresses all differ), with a content folder of its own
(the example's content/ is the example office's prose), then reads every file of the
built site, the JSON Schemas and the editor included, for the example office's words.
It has exactly one sign-off band, with no `up_to`: the register page once could not
show such a band.
"""
from __future__ import annotations

import re

from conftest import build, make_project
from staffdata import data_folder, scoring

# The example office's words (data/organisation.yml and the places in its data/): none
# of them may reach a site that is not the example's.
FIRST_OFFICE = [
    "Cambridgeshire", "Peterborough", "Fenland", "Marshland", "Fen", "Ouse", "Nene", "Granta",
    "Bluelight", "eu-supply", "Constabulary", "Chief Executive of the Office",
    "GB-GOR-EXAMPLE1", "360G-example-opcc", "ocds-abc123", "example.org/opcc", "GB-LAE-CAM",
]
WORDS = re.compile(r"(?<![\w-])(" + "|".join(re.escape(w) for w in FIRST_OFFICE) + r")(?![\w-])", re.IGNORECASE)

ORGANISATION = """\
name: Office of the Police, Fire and Crime Commissioner for Wyvern Vale
short_name: Wyvern Vale PFCC
area: Wyvern Vale
org_id: GB-GOR-WYVERN9
grant_id_prefix: 360G-wyvern-pfcc
ocid_prefix: ocds-wyv987
website: https://www.example.net/wyvern
site_url: https://grants.example.net/
email: grants@example.net
etendering_portal:
  name: Harbourline Procurement Hub
  url: https://tenders.example.net/
procurement_threshold: 180000
single_tender_action_sign_off:
  - signed_off_by: Treasurer to the Wyvern Vale PFCC
shared_outcomes:
  - id: safer-streets
    text: Streets in Wyvern Vale feel safer after dark
"""

# The second office scores 0 to 5 (six levels) with labels of its own.
SCORING = scoring(("Not met", "Weak", "Partly met", "Met", "Well met", "Outstanding"), points=6, introduction="How the Wyvern Vale PFCC scores bids.")

FUND = """\
name: Safer Vale Fund
summary: Small grants for Wyvern Vale's community groups.
legal_basis: The Wyvern Vale community safety grant.
status: open
route: grants
budgets:
  2026/27: 80000
"""

GRANT = """\
title: Wyvern Vale night buses
kind: grant
fund: safer-vale
recipient:
  name: Hollybrook Night Bus Trust
  charity_number: "9000301"
amount: 4000
award_date: 2026-06-01
description: Late buses from Hollybrook town centre.
procurement_route: grant-application
status: active
purpose: Getting people home safely.
conditions: Report every six months.
outcomes: [safer-streets]
"""

CONTRACT = """\
title: Kestrel Down youth outreach
kind: contract
fund: safer-vale
recipient:
  name: Kestrel Down Outreach Ltd
  company_number: ZZ900301
amount: 20000
award_date: 2026-05-12
description: Youth workers on the streets of Kestrel Down.
procurement_route: single-tender-action
single_tender_action:
  ground: only-supplier
  reason: Only this company employs youth workers who know Kestrel Down.
  value: 20000
  signed_off_by: Treasurer to the Wyvern Vale PFCC
  signed_off: 2026-05-08
status: active
outcomes: [safer-streets]
coverage:
  area: Kestrel Down
  reason: pilot
  explanation: A year's trial before the service goes across Wyvern Vale.
term:
  start: 2026-06-01
  initial_years: 1
  break_clause: Either party may end the contract by giving three months' notice in writing.
"""

TENDER = """\
title: Hollybrook victim advocacy
reference: WV-2026-01
fund: safer-vale
summary: An advocacy service for victims in Hollybrook.
funding_envelope:
  amount: 60000
  covers: per year
quality_cost_split:
  quality: 70
  cost: 30
term:
  initial_years: 2
  extensions: [1]
  break_clause: Either party may end it with 6 months' notice.
published: 2026-11-02 09:00
clarification_deadline: 2027-01-08 12:00
submission_deadline: 2027-01-22 12:00
portal_url: https://tenders.example.net/notice/wv-2026-01
evaluation:
  agencies: [Police]
  service_users: true
"""

# content/ holds an office's own prose: the second office has a page for each the nav names.
CONTENT = ["index.md", "accessibility.md", "strategy/index.md",
           "strategy/key-principles.md", "strategy/funding-streams.md", "strategy/allocating-funding.md",
           "strategy/commissioning-cycle.md", "strategy/single-tender-actions.md"]


def second_office(tmp_path):
    data = data_folder(tmp_path / "data", {
        "organisation.yml": ORGANISATION, "scoring.yml": SCORING, "funds/safer-vale.yml": FUND,
        "awards/night-buses-2026.yml": GRANT, "awards/kestrel-down-outreach-2026.yml": CONTRACT,
        "tenders/hollybrook-advocacy-2027.yml": TENDER})
    project = make_project(tmp_path / "p", data=data)
    for old in sorted((project / "content").rglob("*.md")):
        old.unlink()
    for name in CONTENT:
        page = project / "content" / name
        page.parent.mkdir(parents=True, exist_ok=True)
        title = name.removesuffix(".md").replace("/", " ").replace("-", " ")
        page.write_text(f"# Wyvern Vale PFCC: {title}\n\nWhat the Wyvern Vale PFCC writes here.\n", encoding="utf-8")
    return project


def test_a_second_office_site_has_none_of_the_first_offices_words(tmp_path):
    result = build(second_office(tmp_path))
    assert result.ok, result.output
    files = sorted(p for p in result.site.rglob("*") if p.is_file())
    read, found = 0, []
    for path in files:
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue  # images and fonts
        read += 1
        words = sorted({m.group(0) for m in WORDS.finditer(text)})
        if words:
            found.append(f"{path.relative_to(result.site)}: {', '.join(words)}")
    assert not found, "\n".join(found)
    # the site is the second office's, and every kind of file was read
    names = {str(p.relative_to(result.site)) for p in files}
    assert {"index.html", "admin/config.yml", "admin/index.html", "schemas/award.schema.json",
            "data/awards.csv", "data/awards.json"} <= names, sorted(names)
    assert read > 20
    assert "Wyvern Vale PFCC" in result.page("")
    register = result.page("registers/single-tender-actions/")
    assert "Any value" in register and "Treasurer to the Wyvern Vale PFCC" in register
    assert "Harbourline Procurement Hub" in result.page("tenders/")
    # the scale is the office's own: six levels, 0 to 5, named from the data
    scoring = result.page("scoring/")
    assert "The six-point scoring system" in scoring and "Outstanding" in scoring and "five" not in scoring
    assert "six-point scoring system" in result.page("tenders/hollybrook-advocacy-2027/")
    assert "six-point scoring system" in result.page("tenders/")
