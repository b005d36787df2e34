"""Every address comes from `transparency.addresses`, and no two things can share one.

The site test builds a site of its own (not the example data): a fund whose file is
named like a financial year, `data/funds/2026-27.yml`, with awards in 2026/27. Its
files and the 2026/27 list's files once had the same names (`awards-2026-27.csv`),
and MkDocs was given two files at one path.
"""
from __future__ import annotations

import csv
import io
import json
import re

import pytest

from conftest import build, make_project
from staffdata import data_folder, scoring
from transparency import addresses
from transparency.convert import SLUG
from transparency.dataset import RESERVED

ORGANISATION = """\
name: Office of the Police and Crime Commissioner for Testshire
short_name: Testshire OPCC
area: Testshire
org_id: GB-GOR-TEST1
grant_id_prefix: 360G-test-opcc
ocid_prefix: ocds-tst123
website: https://www.example.org/testshire
site_url: https://www.example.org/testshire/funding/
email: funding@example.org
etendering_portal:
  name: Test eTendering
  url: https://www.example.org/tenders
procurement_threshold: 214904
single_tender_action_sign_off:
  - up_to: 150000
    signed_off_by: Chief Finance Officer
  - signed_off_by: Police and Crime Commissioner
shared_outcomes:
  - id: victims
    text: Victims are supported
"""

SCORING = scoring()

FUND = """\
name: {name}
summary: A fund used by the address tests.
legal_basis: The test grant.
status: open
route: grants
budgets:
  2026/27: 100000
"""

GRANT = """\
title: {title}
kind: grant
fund: {fund}
recipient:
  name: {title} group
  charity_number: "{charity}"
amount: {amount}
award_date: 2026-06-01
description: A grant used by the address tests.
procurement_route: grant-application
status: active
purpose: Something useful.
conditions: Report every six months.
"""


def test_a_page_url_is_made_from_its_source():
    assert addresses.HOME.url == ""
    assert addresses.FUNDING.url == "funding/"
    assert addresses.fund("youth-fund").source == "funding/youth-fund.md"
    assert addresses.fund("youth-fund").url == "funding/youth-fund/"
    assert addresses.fund_year("youth-fund", "2026/27").url == "funding/youth-fund/2026-27/"
    assert addresses.year("2026/27").page(2).url == "awards-by-year/2026-27/page-2/"
    assert [a.url for a in addresses.AWARDS.pages(2)] == ["awards/", "awards/page-2/"]


def test_reserved_ids_are_the_fixed_pages_in_each_records_folder():
    assert RESERVED == {"funds": {"index", "statistics"}, "awards": {"index"}, "tenders": {"index", "awarded"},
                        "rounds": {"index"}}
    pages = {page.source for page in addresses.FIXED}
    for folder, ids in RESERVED.items():
        make = {"funds": addresses.fund, "awards": addresses.award, "tenders": addresses.tender,
                "rounds": addresses.funding_round}[folder]
        for id in ids:
            assert make(id).source in pages or make(id).source.replace(".md", "/index.md") in pages


@pytest.mark.parametrize("fund_id", ["2026-27", "2026", "fund-2026-27", "awards", "a", "statistics", "1999-00"])
def test_no_fund_file_can_take_a_years_or_a_fixed_tables_name(fund_id):
    assert SLUG.match(fund_id)
    years = [f"{y}/{(y + 1) % 100:02d}" for y in range(1990, 2100)]
    fixed = {addresses.AWARDS_TABLE, addresses.FUNDS_TABLE, addresses.SUMMARY_TABLE, addresses.TENDERS_TABLE,
             addresses.CONTRACTS_TABLE, addresses.SINGLE_TENDER_ACTIONS_TABLE}
    name = addresses.fund_table(fund_id)
    assert name not in fixed and name not in {addresses.year_table(y) for y in years}
    # why it holds for any id: a year's name has a digit after `awards-`, a fund's `fund-`
    assert all(re.fullmatch(r"awards-\d{4}-\d{2}", addresses.year_table(y)) for y in years)
    assert name.startswith("awards-fund-")


def read_csv(path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_bytes().decode("utf-8-sig"), newline="")))


def test_a_fund_named_like_a_year_has_files_of_its_own(tmp_path):
    awards = {"in-year-named-a": ("2026-27", "9000011"), "in-year-named-b": ("2026-27", "9000012"),
              "in-other": ("other-fund", "9000013")}
    data = data_folder(tmp_path / "data", {
        "organisation.yml": ORGANISATION, "scoring.yml": SCORING,
        "funds/2026-27.yml": FUND.format(name="Year-named fund"), "funds/other-fund.yml": FUND.format(name="Other fund"),
        **{f"awards/{id}.yml": GRANT.format(title=id, fund=fund, charity=charity, amount=100)
           for id, (fund, charity) in awards.items()}})
    project = make_project(tmp_path / "p", data=data)
    result = build(project)
    assert result.ok, result.output

    site = result.site / "data"
    fund_csv, year_csv = site / "awards-fund-2026-27.csv", site / "awards-2026-27.csv"
    assert fund_csv.exists() and year_csv.exists()
    assert sorted(r["id"] for r in read_csv(fund_csv)) == ["in-year-named-a", "in-year-named-b"]
    assert sorted(r["id"] for r in read_csv(year_csv)) == sorted(awards)
    # a fund's and a year's awards are CSV only (their JSON would repeat awards.json)
    assert not (site / "awards-fund-2026-27.json").exists() and not (site / "awards-2026-27.json").exists()
    # each page links its own files, and the open data page lists both
    assert 'href="../../data/awards-fund-2026-27.csv"' in result.page("funding/2026-27/")
    assert "awards-2026-27.csv" not in result.page("funding/2026-27/")
    assert 'href="../../data/awards-2026-27.csv"' in result.page("awards-by-year/2026-27/")
    assert "awards-fund-2026-27.csv" not in result.page("awards-by-year/2026-27/")
    open_data = result.page("open-data/")
    assert 'href="../data/awards-fund-2026-27.csv"' in open_data and 'href="../data/awards-2026-27.csv"' in open_data


def test_a_filtered_table_downloads_columns_of_awards_csv():
    """tables.js names its CSV's columns from the page; each is a column of awards.csv."""
    from transparency.dataset import Dataset
    from transparency.exports.tables import award_columns
    from transparency.views.pages import FILTERED_CSV, make_environment

    names = [c.name for c in award_columns(Dataset())]
    assert set(FILTERED_CSV) <= set(names), set(FILTERED_CSV) - set(names)
    form = make_environment().from_string(
        '{% import "_macros.html" as m %}{{ m.award_filters("t", ["2026/27"]) }}').render()
    assert f'data-csv-columns="{" ".join(FILTERED_CSV)}"' in form
