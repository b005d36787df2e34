"""A page per recipient: its address from its identifier, its totals, its register links,
links to it from every list that names it, and the recipients download.

Most tests read one real build of the tests' own office with three awards added for one
charity (9000009): two in two financial years from two funds, recorded under two names,
and one more in the later year from the first fund (so the totals add up two awards).
"""
from __future__ import annotations

import csv
import io
import json
import re
from html import unescape
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import build, copy_data, make_project
from sitecheck import axe_violations, served
from staffdata import CONTRACT, GRANT, TODAY, edit
from test_site import main_text
from transparency import addresses, labels
from transparency.figures import compute, recipient_key
from transparency.model import Award, Recipient, Term

from transparency.rules import load_checked

CHARITY = "9000009"
PAGE = f"recipients/gb-chc-{CHARITY}/"

OLD_GRANT = edit(edit(edit(edit(GRANT, "Test Youth Group", "Old Name Trust"), '"9000002"', f'"{CHARITY}"'),
                      "amount: 500", "amount: 1234.56"), "award_date: 2026-06-01", "award_date: 2025-06-01")
NEW_CONTRACT = edit(edit(edit(edit(CONTRACT, "Test Provider", "New Name Trust"), '"9000001"', f'"{CHARITY}"'),
                         "amount: 1000", "amount: 504000"), "  charity_number:",
                    "  website: https://new-name.example.org/\n  charity_number:") + (
    # the Procurement Act's notices for a contract above the threshold, recorded (so no warning)
    "notices:\n" + "".join(f"  - type: {t}\n    published: {d}\n    reference: \"012345-2026\"\n"
                            for t, d in (("UK4", "2026-02-02"), ("UK6", "2026-04-20"), ("UK7", "2026-05-20"))))
NEW_GRANT = edit(edit(edit(edit(GRANT, "Test Youth Group", "New Name Trust"), '"9000002"', f'"{CHARITY}"'),
                      "amount: 500", "amount: 765.44"), "title: Test youth grant", "title: Second youth grant")
FILES = {"awards/old-name-grant.yml": OLD_GRANT, "awards/new-name-contract.yml": NEW_CONTRACT,
         "awards/new-name-grant.yml": NEW_GRANT}


def crafted_data(folder: Path) -> Path:
    data = copy_data(folder)
    for name, text in FILES.items():
        (data / name).write_text(text, encoding="utf-8")
    return data


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("recipients")
    result = build(make_project(tmp / "project", data=crafted_data(tmp / "data")))
    assert result.ok, result.output
    return result


@pytest.fixture(scope="module")
def figures(tmp_path_factory):
    ds, found = load_checked(crafted_data(tmp_path_factory.mktemp("figures")), TODAY)
    assert not found, [str(p) for p in found]  # the crafted data is valid
    return compute(ds)


# --- the address ------------------------------------------------------------------


def test_the_address_is_made_from_the_identifier_not_the_name():
    assert addresses.recipient("GB-CHC-1123456").url == "recipients/gb-chc-1123456/"
    assert addresses.recipient("GB-COH-SC123456").url == "recipients/gb-coh-sc123456/"
    assert addresses.recipient("360G-example-opcc-org-1").url == "recipients/360g-example-opcc-org-1/"
    # the same identifier written in two cases is one recipient, with one page
    assert addresses.recipient("GB-LAE-Abc").url == addresses.recipient("GB-LAE-ABC").url


@given(code=st.from_regex(r"[A-Z]{2}-[A-Z0-9_]{1,6}|360G-[A-Za-z0-9_]{1,8}", fullmatch=True),
       id=st.from_regex(r"[A-Za-z0-9._-]+", fullmatch=True))  # orgids: an id after its list code
def test_every_valid_identifier_gives_one_safe_path_segment(code, id):
    url = addresses.recipient(f"{code}-{id}").url
    segment = url.removeprefix("recipients/").removesuffix("/")
    assert re.fullmatch(r"[a-z0-9._-]+", segment)
    assert segment not in (".", "..") and "/" not in segment
    assert segment == f"{code}-{id}".lower()  # nothing dropped: different ids (but for case) stay apart


def test_an_award_without_a_publishable_identifier_has_no_page():
    """rules.py refuses these; a build that goes on anyway shows the name without a link."""
    for recipient in (Recipient(name="r"), Recipient(name="r", company_number="AB/../1"),
                      Recipient(name="r", org_id="GB-CHC-1 2")):
        assert recipient_key(award("1", recipient=recipient)) is None
    assert recipient_key(award("1")) == "gb-chc-1123456"


# --- the figures -------------------------------------------------------------------


def test_a_recipients_totals_by_year_and_fund_are_exact(figures):
    r = figures.by_recipient[f"gb-chc-{CHARITY}"]
    assert r.id == f"GB-CHC-{CHARITY}"
    assert r.name == "New Name Trust" and r.other_names == ["Old Name Trust"]
    assert r.count == 3
    assert r.total == Decimal("506000.00") and isinstance(r.total, Decimal)
    assert r.by_year == [("2025/26", Decimal("1234.56"), 1), ("2026/27", Decimal("504765.44"), 2)]
    assert r.by_fund == [("crime-and-disorder-reduction-grants", Decimal("2000.00"), 2),
                         ("victims-services-grant", Decimal("504000"), 1)]
    assert (r.first_date, r.last_date) == (date(2025, 6, 1), date(2026, 6, 1))
    assert r.website == "https://new-name.example.org/"
    # every award of the data is on exactly one recipient's page
    assert sum(r.count for r in figures.by_recipient.values()) == len(figures.newest)
    names = [r.name.casefold() for r in figures.by_recipient.values()]
    assert names == sorted(names)  # A to Z


def test_top_recipients_count_one_identifier_as_one_recipient(figures):
    top = figures.by_year["2026/27"].top_recipients(50)
    ours = [row for row in top if row[0] == "New Name Trust"]
    assert [(name, total, n) for name, total, n, _ in ours] == [("New Name Trust", Decimal("504765.44"), 2)]


# --- what an amount covers ----------------------------------------------------------


def award(amount: str, kind="contract", term=None, year=None, recipient=None) -> Award:
    recipient = recipient or Recipient(name="r", charity_number="1123456")
    return Award(id="a", title="t", kind=kind, fund="f", recipient=recipient,
                 amount=Decimal(amount), award_date=date(2023, 9, 1), description="d",
                 procurement_route="competitive-tender", status="active", term=term, financial_year=year)


def test_an_amount_says_what_it_covers():
    three = Term(initial_years=3, start=date(2023, 10, 1))
    assert labels.amount_line(award("504000", term=three)) == (
        "£504,000 over the contract's three-year term, 1 October 2023 to 30 September 2026 "
        "(£168,000 a year on average)")
    plus_one = Term(initial_years=3, start=date(2023, 10, 1), extensions=[1])
    # not exact to the penny a year: no average is said
    assert labels.amount_line(award("100000", term=plus_one)) == (
        "£100,000 over the contract's three-year first period, 1 October 2023 to 30 September 2026")
    assert labels.amount_line(award("5000", kind="grant")) == (
        "£5,000 from the fund's 2023/24 budget (the financial year 1 April 2023 to 31 March 2024)")


# --- the built pages -----------------------------------------------------------------


def test_the_recipient_page_shows_its_name_awards_and_totals(site):
    text = main_text(site.page(PAGE))
    assert text.startswith("New Name Trust")
    assert "Also recorded as: Old Name Trust." in text
    assert "We have made 3 awards to New Name Trust, £506,000 in total, from 1 June 2025 to 1 June 2026." in text
    assert "2025/26 1 £1,234.56" in text and "2026/27 2 £504,765.44" in text and "All years 3 £506,000" in text
    assert "Crime and Disorder Reduction Grants 2 £2,000" in text
    assert "£504,000 over the contract's three-year first period, 1 June 2026 to 31 May 2029 " \
           "(£168,000 a year on average)" in text
    html = site.page(PAGE)
    for id in ("old-name-grant", "new-name-contract", "new-name-grant"):
        assert f'href="../../awards/{id}/"' in html
    assert 'href="https://new-name.example.org/"' in html
    assert 'href="../../data/recipients.csv"' in html and 'href="../../data/awards.csv"' in html


def test_the_recipient_page_links_the_public_registers(site):
    html = site.page(PAGE)
    assert f'href="https://register-of-charities.charitycommission.gov.uk/charity-details/?regid={CHARITY}&amp;subid=0"' in html
    assert addresses.register_link("GB-SC", "SC012345") == (
        "Scottish Charity Regulator (OSCR) register",
        "https://www.oscr.org.uk/about-charities/search-the-register/charity-details?number=SC012345")
    assert addresses.register_link("GB-NIC", "100001")[1] == \
        "https://www.charitycommissionni.org.uk/charity-details/?regId=100001&subId=0"
    assert addresses.register_link("GB-COH", "01234567")[1] == \
        "https://find-and-update.company-information.service.gov.uk/company/01234567"
    assert addresses.register_link("360G-example", "org-1") is None


def test_recipient_names_link_to_their_page(site):
    link = f'<a href="../{PAGE}">New Name Trust</a>'
    # the awards table keeps its cell and its text for tables.js
    assert f'<td data-label="Recipient" data-col="recipient">{link}</td>' in site.page("awards/")
    award_page = site.page("awards/new-name-contract/")
    assert f'href="../../{PAGE}"' in award_page
    assert "Contract of £504,000 over the contract's three-year first period, 1 June 2026 to 31 May 2029" in \
        main_text(award_page)
    assert f'href="../../{PAGE}"' in site.page("registers/contracts/")
    assert f'<td data-label="Recipient"><a href="../../{PAGE}">New Name Trust</a></td>' in site.page("funding/statistics/")


def test_the_recipients_index_lists_each_recipient_once_a_to_z(site, figures):
    html = site.page("recipients/")
    text = main_text(html)
    assert f"New Name Trust 3 £506,000" in text
    assert "Old Name Trust" not in text
    names = re.findall(r'<td data-label="Recipient"><a href="[^"]+">([^<]+)</a>', html)
    assert len(names) == len(figures.by_recipient)
    assert [n.casefold() for n in names] == sorted(n.casefold() for n in names)
    assert 'href="../data/recipients.csv"' in html
    assert 'href="../data/recipients.csv"' in site.page("open-data/")
    assert 'id="fields-recipients"' in site.page("open-data/")  # its own data dictionary entry


def test_recipient_pages_are_not_in_the_navigation_and_the_index_is(site):
    # everything but the page's own content: the tabs and the navigation
    outside = re.sub(r'<article class="md-content__inner md-typeset"[^>]*>.*?</article>', "", site.page(""), flags=re.S)
    assert 'href="recipients/"' in outside
    assert "recipients/gb-" not in outside and "recipients/360g-" not in outside


def test_the_recipients_download_has_one_exact_row_per_recipient(site, figures):
    rows = list(csv.DictReader(io.StringIO((site.site / "data/recipients.csv").read_text(encoding="utf-8-sig"))))
    assert len(rows) == len(figures.by_recipient)
    ours = next(r for r in rows if r["recipient_org_id"] == f"GB-CHC-{CHARITY}")
    assert ours == {"recipient_org_id": f"GB-CHC-{CHARITY}", "name": "New Name Trust", "other_names": "Old Name Trust",
                    "charity_number": CHARITY, "company_number": "", "website": "https://new-name.example.org/",
                    "award_count": "3", "total": "506000", "first_award_date": "2025-06-01",
                    "last_award_date": "2026-06-01", "page_url": f"https://www.example.org/opcc/funding/{PAGE}"}
    # the totals add up to every award, to the penny
    awards = list(csv.DictReader(io.StringIO((site.site / "data/awards.csv").read_text(encoding="utf-8-sig"))))
    assert sum(Decimal(r["total"]) for r in rows) == sum(Decimal(a["amount"]) for a in awards)
    records = json.loads((site.site / "data/recipients.json").read_text(encoding="utf-8"), parse_float=Decimal)
    assert [r["recipient_org_id"] for r in records] == [r["recipient_org_id"] for r in rows]
    assert next(r for r in records if r["name"] == "New Name Trust")["total"] == Decimal("506000")


def test_recipient_pages_are_searchable_but_their_awards_table_is_not(site):
    index = json.loads((site.site / "search/search_index.json").read_text(encoding="utf-8"))
    ours = [d for d in index["docs"] if d["location"].startswith(PAGE)]
    assert len(ours) == 1, ours  # one entry for the recipient (recipient_search.html), not one per heading
    text = " ".join(d["title"] + " " + d["text"] for d in ours)
    assert "New Name Trust" in text and CHARITY in text and "Old Name Trust" in text
    assert "Second youth grant" not in text  # the table of awards is left out
    assert "£504,765.44" not in text  # and so are the tables of totals
    assert not [d for d in index["docs"] if d["location"] == "recipients/"]  # the A to Z is not a wall of names


def test_a_recipients_awards_name_it_only_when_it_has_had_other_names(site):
    """On a recipient's own page every award is to that recipient: its table says the name on
    each award only when there has been more than one (issue 20). Not filtered, its rows carry
    what sorting reads and not the filters' attributes."""
    def every_award_table(html: str) -> str:
        return re.search(r"every award, newest first</caption>.*?</table>", html, re.S).group()

    renamed = every_award_table(site.page(PAGE))
    assert '<th scope="col">Recipient</th>' in renamed
    assert "Old Name Trust" in renamed and "New Name Trust" in renamed
    others = [p for p in sorted((site.site / "recipients").glob("*/index.html"))
              if p.parent.name != PAGE.split("/")[1] and "Also recorded as" not in p.read_text(encoding="utf-8")]
    assert others
    for path in others:
        table = every_award_table(path.read_text(encoding="utf-8"))
        assert '<th scope="col">Recipient</th>' not in table and 'data-label="Recipient"' not in table, path
        assert re.search(r'<tr data-amount="[^"]+" data-date="\d{4}-\d\d-\d\d">', table), path
        assert "data-id=" not in table and "data-col=" not in table, path


def test_the_recipients_index_is_split_into_pages(tmp_path, figures):
    project = make_project(tmp_path / "p", data=crafted_data(tmp_path / "data"))
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace("extra:\n", "extra:\n  rows_per_page: 7\n", 1))
    result = build(project)
    assert result.ok, result.output
    pages = -(-len(figures.by_recipient) // 7)
    assert pages >= 2
    seen = []
    for k in range(1, pages + 1):
        html = result.page("recipients/" + ("" if k == 1 else f"page-{k}/"))
        assert f"Page {k} of {pages}." in main_text(html)
        seen += [unescape(n) for n in re.findall(r'<td data-label="Recipient"><a href="[^"]+">([^<]+)</a>', html)]
    assert seen == [r.name for r in figures.by_recipient.values()]  # each once, A to Z across the pages


# --- in a browser ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def base_url(site):
    with served(site.site) as url:
        yield url


def test_a_recipient_link_on_all_awards_leads_to_its_total(base_url, browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(base_url + "awards/")
    page.locator('#awards-table td[data-col="recipient"] a', has_text="New Name Trust").first.click()
    page.wait_for_load_state("load")
    assert page.url.endswith(PAGE)
    assert "£506,000 in total" in page.locator("article").inner_text()
    context.close()


@pytest.mark.parametrize("width", [1280, 390])
def test_no_accessibility_violations_on_a_recipient_page(base_url, browser, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(base_url + PAGE)
    page.wait_for_load_state("load")
    assert axe_violations(page) == []
    context.close()
