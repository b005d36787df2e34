"""The real site, built with MkDocs from the example data, read as HTML."""
from __future__ import annotations

import re
import subprocess
import sys
from collections import defaultdict
from decimal import Decimal
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import yaml

from conftest import BUILD_EPOCH, FIXTURE_DATA, ROOT, build, make_project
from sitecheck import broken_links
from staffdata import CONTRACT, edit
from transparency.money import format_money


def text_of(html: str) -> str:
    """Visible text, roughly: tags removed, entities decoded, spaces collapsed."""
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html))).strip()


def main_text(html: str) -> str:
    """Visible text of the page's own content (not the navigation)."""
    m = re.search(r'<article class="md-content__inner md-typeset"[^>]*>(.*?)</article>', html, re.S)
    assert m, "no article in page"
    return text_of(m.group(1))


def raw(folder: str) -> dict[str, dict]:
    """The example files read independently of the generator (plain PyYAML), as an oracle."""
    return {p.stem: yaml.safe_load(p.read_text()) for p in sorted((FIXTURE_DATA / folder).glob("*.yml"))}


def fy(day) -> str:
    y = day.year if day.month >= 4 else day.year - 1
    return f"{y}/{(y + 1) % 100:02d}"


def paid_by_year(a: dict) -> list[tuple[str, Decimal]]:
    """What each financial year's budget pays for an award read as plain YAML (issue 17): its
    `amount_by_year`, or all of it in its year, and each extension taken in the year it starts;
    nothing for a withdrawn or returned award."""
    if a["status"] in ("withdrawn", "returned"):
        return []
    year = a.get("financial_year") or fy(a["award_date"])
    out = [(str(y), Decimal(str(v))) for y, v in a.get("amount_by_year", {}).items()] or [(year, Decimal(str(a["amount"])))]
    so_far = a.get("term", {}).get("initial_years", 0)
    for e in a.get("extensions_taken", []):
        start = a["term"]["start"]
        starts = start.replace(year=start.year + so_far)  # the day after the term so far ends
        out.append((fy(starts), Decimal(str(e["value"]))))
        so_far += e["years"]
    return out


# --- every page type --------------------------------------------------------


def test_every_page_type_is_built(example_site):
    site = example_site.site
    for url in ["", "funding/", "funding/statistics/", "awards/", "tenders/", "scoring/", "registers/contracts/",
                "registers/single-tender-actions/", "strategy/", "strategy/commissioning-cycle/",
                "how-we-commission/", "accessibility/", "recipients/"]:
        assert (site / url / "index.html").is_file(), url
    for folder, url in [("funds", "funding"), ("awards", "awards"), ("tenders", "tenders")]:
        for id in raw(folder):
            assert (site / url / id / "index.html").is_file(), f"{url}/{id}/"


def test_home_page_shows_this_year_open_tenders_and_latest_awards(example_site):
    text = main_text(example_site.page(""))
    assert "2026/27 at a glance" in text
    assert "Open tenders" in text and "Latest awards" in text
    # the headings are always there: check what is under them
    open_now = [t["title"] for t in raw("tenders").values()
                if str(t["published"]) <= "2026-11-28 10:00" < str(t["submission_deadline"]) and not t.get("awarded")]
    assert open_now and all(title in text for title in open_now)
    awards = raw("awards")
    newest = sorted(awards, key=lambda i: (awards[i]["award_date"], i), reverse=True)[:8]
    latest = text[text.index("Latest awards"):]
    assert all(awards[i]["title"] in latest for i in newest)
    funds = raw("funds")
    total_budget = sum(Decimal(str(f["budgets"]["2026/27"])) for f in funds.values() if "2026/27" in f["budgets"])
    assert f"the budget across all funds is {format_money(total_budget)}" in text


def test_fund_pages_show_budget_awarded_and_remaining_per_year(example_site):
    funds, awards = raw("funds"), raw("awards")
    totals: dict[tuple[str, str], Decimal] = defaultdict(Decimal)
    counts: dict[tuple[str, str], int] = defaultdict(int)
    for a in awards.values():
        for year, value in paid_by_year(a):  # what each year's budget pays
            totals[(a["fund"], year)] += value
        if a["status"] not in ("withdrawn", "returned"):  # the awards made in the year
            counts[(a["fund"], a.get("financial_year") or fy(a["award_date"]))] += 1
    checked = 0
    for fund_id, fund in funds.items():
        text = main_text(example_site.page(f"funding/{fund_id}/"))
        assert fund["name"] in text and fund["legal_basis"] in text
        for year, budget in fund["budgets"].items():
            budget = Decimal(str(budget))
            awarded = totals[(fund_id, year)]
            row = (f"{year} {format_money(budget)} {format_money(awarded)} "
                   f"{format_money(budget - awarded)} {counts[(fund_id, year)]}")
            assert row in text, row
            checked += 1
    assert checked >= 8


def test_under_review_fund_says_so(example_site):
    text = main_text(example_site.page("funding/casualty-support-and-reduction-fund/"))
    assert "Under review" in text and "This fund is under review" in text


def test_award_pages_state_everything_in_plain_english(example_site):
    awards = raw("awards")
    for id, a in awards.items():
        text = main_text(example_site.page(f"awards/{id}/"))
        assert format_money(Decimal(str(a["amount"]))) in text
        assert a["recipient"]["name"] in text
        d = a["award_date"]
        assert f"{d.day} {d:%B %Y}" in text
        if a["kind"] == "contract":
            assert "Break clause" in text and " ends " in text


def test_contract_term_and_end_dates(tmp_path):
    project = make_project(tmp_path / "p")
    (project / "data/awards/test.yml").write_text(CONTRACT)
    result = build(project)
    assert result.ok, result.output
    text = main_text(result.page("awards/test/"))
    assert ("Term 3 years from 1 June 2026, plus an optional 1-year extension; ends 31 May 2029, "
            "or 31 May 2030 if extended") in text
    assert "Next report: for the six months to 30 November 2026" in text
    register = main_text(result.page("registers/contracts/"))
    assert "Test advocacy service Test Provider £1,000 3 years plus an optional 1-year extension 31 May 2029 (or 31 May 2030 if extended)" in register


def test_special_awards_are_shown(example_site):
    awards = raw("awards")
    pooled = [i for i, a in awards.items() if a.get("co_commissioners")]
    assert len(pooled) == 1
    a = awards[pooled[0]]
    total = Decimal(str(a["amount"])) + sum(Decimal(str(c["contribution"])) for c in a["co_commissioners"])
    assert f"Total pooled budget {format_money(total)}" in main_text(example_site.page(f"awards/{pooled[0]}/"))

    pilots = [i for i, a in awards.items() if isinstance(a.get("coverage"), dict) and a["coverage"]["reason"] == "pilot"]
    assert pilots
    assert f"{awards[pilots[0]]['coverage']['area']} only (a pilot)" in main_text(example_site.page(f"awards/{pilots[0]}/"))

    stas = [i for i, a in awards.items() if a.get("single_tender_action")]
    assert len(stas) == 1
    register = main_text(example_site.page("registers/single-tender-actions/"))
    assert awards[stas[0]]["title"] in register
    assert awards[stas[0]]["single_tender_action"]["signed_off_by"] in register
    assert "Up to £150,000 Chief Finance Officer of the Constabulary" in register

    gone = [i for i, a in awards.items() if a["status"] == "de-commissioned"]
    assert len(gone) == 1
    assert awards[gone[0]]["status_note"] in main_text(example_site.page(f"awards/{gone[0]}/"))


def test_tender_status_at_the_build_date(example_site):
    """At 10:00 on 28 November 2026 each example tender is in the state its dates give."""
    tenders = raw("tenders")
    index = main_text(example_site.page("tenders/"))
    seen = set()
    for id, t in tenders.items():
        text = main_text(example_site.page(f"tenders/{id}/"))
        published = str(t["published"])
        deadline = str(t["submission_deadline"])
        if t.get("awarded"):
            n = len(t["awarded"])
            contracts = "one contract" if n == 1 else f"{n} contracts"
            on_page, in_index = f"Awarded {contracts[:1].upper()}{contracts[1:]}", f"Awarded: {contracts}"
        elif published > "2026-11-28 10:00":
            on_page, in_index = "Forthcoming Opens", "Forthcoming: opens"
        elif deadline > "2026-11-28 10:00":
            on_page, in_index = "Open Closes", "Open: closes"
        else:
            on_page, in_index = "Closed Bids closed", "Closed: bids closed"
        assert on_page in text, (id, on_page)
        assert f"{t['title']} {t['reference']} {in_index}" in index
        expected = on_page
        seen.add(expected)
        split = t["quality_cost_split"]
        assert f"Quality {split['quality']}%, cost {split['cost']}%" in text
        assert format_money(Decimal(str(t["funding_envelope"]["amount"]))) in text
    assert len(seen) == 4, seen  # the example has a tender in every state


def test_open_tender_says_when_it_closes(tmp_path):
    project = make_project(tmp_path / "p")
    from staffdata import TENDER
    (project / "data/tenders/test.yml").write_text(TENDER)
    result = build(project)
    assert result.ok, result.output
    text = main_text(result.page("tenders/test/"))
    assert "Open Closes 12pm (midday) on 22 January 2027 (in 55 days)" in text
    later = build(project, epoch=BUILD_EPOCH + 60 * 86400, site=tmp_path / "later")
    assert later.ok, later.output
    assert "Closed Bids closed 12pm (midday) on 22 January 2027" in main_text(later.page("tenders/test/"))


def test_scoring_page_has_five_points(example_site):
    html = example_site.page("scoring/")
    table = re.search(r"<table[ >].*?</table>", html, re.S).group(0)
    assert len(re.findall(r"<tr>", table)) == 6  # header and five scores
    assert "How quality and cost are combined" in html


def test_award_pages_stay_out_of_the_navigation(example_site):
    for url in ["", "awards/", "registers/contracts/"]:
        html = example_site.page(url)
        chrome = re.sub(r'<article class="md-content__inner md-typeset"[^>]*>.*?</article>', "", html, flags=re.S)
        assert 'aria-label="Navigation"' in chrome and "All awards" in chrome  # the nav is there...
        for id in raw("awards"):
            assert f"awards/{id}/" not in chrome  # ...without a single award in it


def test_internal_links_and_anchors_resolve(example_site):
    """A link checker over site/: every internal link reaches a file, and every #anchor an id on it."""
    broken, checked = broken_links(example_site.site)
    assert broken == []
    assert checked > 1000  # the checker really looked


def test_two_builds_are_byte_identical(tmp_path):
    project = make_project(tmp_path / "p")
    one = build(project, site=tmp_path / "one")
    two = build(project, site=tmp_path / "two")
    assert one.ok and two.ok
    files_one = sorted(p.relative_to(one.site) for p in one.site.rglob("*") if p.is_file())
    files_two = sorted(p.relative_to(two.site) for p in two.site.rglob("*") if p.is_file())
    assert files_one == files_two and len(files_one) > 50
    different = [str(f) for f in files_one if (one.site / f).read_bytes() != (two.site / f).read_bytes()]
    assert different == []


def test_bad_data_stops_the_build_and_publishes_nothing(tmp_path):
    project = make_project(tmp_path / "p")
    (project / "data/awards/test.yml").write_text(edit(CONTRACT, "extensions: [1]", "extensions: [4]"))
    (project / "data/awards/test-2.yml").write_text(edit(CONTRACT, "amount: 1000", "ammount: 1000"))
    result = build(project)
    assert not result.ok
    assert "2 problems in the data; nothing was published:" in result.output
    assert "data/awards/test.yml:15: term.extensions: the extensions add up to 4 years" in result.output
    assert "data/awards/test-2.yml:7: ammount: unknown field `ammount`; did you mean `amount`?" in result.output
    assert not (project / "site").exists()


def test_text_from_data_is_never_markup(tmp_path):
    project = make_project(tmp_path / "p")
    title = "Bad <script>alert(1)</script> & {{ 7*7 }}"
    (project / "data/awards/test.yml").write_text(edit(CONTRACT, "title: Test advocacy service", f"title: '{title}'"))
    result = build(project)
    assert result.ok, result.output
    html = result.page("awards/test/")
    assert "<script>alert(1)</script>" not in html
    assert title in main_text(html)
    assert "49" not in main_text(html)


def test_nothing_in_hooks_or_overrides_names_the_office():
    org = yaml.safe_load((FIXTURE_DATA / "organisation.yml").read_text())
    names = {org["name"], org["short_name"], org["area"], *org["area"].split(" and ")}
    for folder in ("hooks", "overrides", "transparency"):
        for path in (ROOT / folder).rglob("*"):
            if path.is_file() and path.suffix in {".py", ".html", ".css", ".js"}:
                text = path.read_text(encoding="utf-8")
                for name in names:
                    assert name not in text, f"{path} names {name!r}"


def test_tables_follow_gov_uk_conventions(example_site):
    """Every generated table has a caption, and every header cell says what it heads."""
    problems = []
    for url in ["", "funding/", "funding/victims-services-grant/", "funding/statistics/", "awards/",
                "awards/hospital-domestic-abuse-advisers-2026/", "tenders/", "scoring/", "registers/contracts/",
                "registers/single-tender-actions/", "open-data/", "recipients/", "recipients/gb-chc-9112208/"]:
        article = re.search(r'<article class="md-content__inner md-typeset"[^>]*>(.*?)</article>',
                            example_site.page(url), re.S).group(1)
        for table in re.findall(r"<table.*?</table>", article, re.S):
            if not re.search(r"<caption[ >]", table):
                problems.append(f"{url}: a table without a caption")
            for th in re.findall(r"<th\b[^>]*>", table):
                if "scope=" not in th:
                    problems.append(f"{url}: {th} has no scope")
            for cell in re.findall(r'<td[^>]*class="num"[^>]*>(.*?)</td>', table, re.S):
                if "£" not in cell and not re.search(r"\d", cell) and "Not applicable" not in cell:
                    problems.append(f"{url}: numeric cell {cell!r}")
    assert problems == []


def test_pages_say_when_their_data_last_changed(example_site):
    awards = raw("awards")
    for id, a in awards.items():
        dates = ([a["award_date"]] + [r["received"] for r in a.get("outcome_reports") or []]
                 + [n["published"] for n in a.get("notices") or []])  # a notice published is news too
        signed = (a.get("single_tender_action") or {}).get("signed_off")
        if signed:
            dates.append(signed)
        d = max(dates)
        assert f"Data on this page last changed on {d.day} {d:%B %Y}." in main_text(example_site.page(f"awards/{id}/"))
    latest = max(max([a["award_date"]] + [r["received"] for r in a.get("outcome_reports") or []]) for a in awards.values())
    assert f"last changed on {latest.day} {latest:%B %Y}" in main_text(example_site.page("awards/"))


def test_long_lists_are_split_into_pages(tmp_path):
    """With 7 rows a page (set in mkdocs.yml) the lists of the example data span several pages."""
    project = make_project(tmp_path / "p")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace("extra:\n", "extra:\n  rows_per_page: 7\n", 1))
    result = build(project)
    assert result.ok, result.output
    awards = raw("awards")
    this_year = [i for i, a in awards.items() if (a.get("financial_year") or fy(a["award_date"])) == "2026/27"]
    pages = -(-len(this_year) // 7)
    assert pages >= 2
    seen = []
    for k in range(1, pages + 1):
        url = "awards-by-year/2026-27/" + ("" if k == 1 else f"page-{k}/")
        html = result.page(url)
        assert f"Page {k} of {pages}." in main_text(html)
        seen += re.findall(r'<tr data-id="([^"]+)"', html)
    assert sorted(seen) == sorted(this_year)  # every award once, on exactly one page
    assert not (result.site / f"awards-by-year/2026-27/page-{pages + 1}").exists()
    index = main_text(result.page("awards/"))
    assert f"There are {len(awards)} awards. This page shows the newest 7" in index
    assert len(re.findall(r'<tr data-id=', result.page("awards/"))) == 7
    contracts = [i for i, a in awards.items() if a["kind"] == "contract"]
    contract_pages = -(-len(contracts) // 7)
    assert contract_pages >= 2
    assert f"Page 1 of {contract_pages}." in main_text(result.page("registers/contracts/"))
    assert f"Page {contract_pages} of {contract_pages}." in main_text(
        result.page(f"registers/contracts/page-{contract_pages}/"))


def generated_data(tmp_path: Path, n: int) -> Path:
    """A valid data folder with `n` awards, from the benchmarks' generator (run as a script)."""
    data = tmp_path / "data"
    made = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "make_data.py"), str(n), str(data)],
                          capture_output=True, text=True)
    assert made.returncode == 0, made.stderr
    return data


def test_registers_and_awarded_tenders_are_split_into_pages_too(tmp_path):
    """No list grows with the data: the single tender actions register, and awarded tenders beyond
    the newest (which the tenders page shows) on pages of their own. Data from the benchmark's
    generator (200 awards, 10 tenders), 3 rows a page."""
    data = generated_data(tmp_path, 200)
    project = make_project(tmp_path / "p", data=data)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace("extra:\n", "extra:\n  rows_per_page: 3\n", 1))
    result = build(project)
    assert result.ok, result.output

    def rows_on_pages(base: str) -> list[list[str]]:
        pages, k = [], 1
        while (result.site / base / ("" if k == 1 else f"page-{k}/") / "index.html").exists():
            html = result.page(base + ("" if k == 1 else f"page-{k}/"))
            table = html[html.index("<tbody", html.index('id="register"') if 'id="register"' in html else 0):]
            pages.append(re.findall(r'<a href="(?:\.\./)+(?:awards|tenders)/([a-z0-9-]+)/"', table[:table.index("</tbody>")]))
            assert f"Page {k} of " in main_text(html) or k == 1 and len(pages[0]) <= 3
            k += 1
        return pages

    actions = sorted(p.stem for p in (data / "awards").glob("*.yml") if "single_tender_action:" in p.read_text())
    pages = rows_on_pages("registers/single-tender-actions/")
    assert len(pages) == -(-len(actions) // 3) >= 2
    assert all(len(rows) <= 3 for rows in pages)
    assert sorted(i for rows in pages for i in rows) == actions  # each once, on exactly one page

    awarded = sorted(p.stem for p in (data / "tenders").glob("*.yml") if "\nawarded:" in p.read_text())
    index = result.page("tenders/")
    assert f"All {len(awarded)} awarded tenders" in main_text(index)
    pages = rows_on_pages("tenders/awarded/")
    assert len(pages) == -(-len(awarded) // 3) >= 2
    assert sorted(i for rows in pages for i in rows) == awarded
    # the tenders page: a page's worth of rows at most, the other statuses' in full, then as many
    # of the newest awarded as fit (the first of tenders/awarded/)
    article = index[index.index("<article"):index.index("</article>")]
    other_sections, awarded_section = article.split('id="awarded"')
    tender_links = r'<a href="\.\./tenders/((?!awarded/)[a-z0-9-]+)/">'
    in_full = re.findall(tender_links, other_sections)
    shown = re.findall(tender_links, awarded_section)
    assert len(shown) == max(3 - len(in_full), 0)
    assert shown == pages[0][:len(shown)]
    if not shown:  # the other statuses filled the page: the link alone, not "None at the moment"
        assert f"All {len(awarded)} awarded tenders</a>.</p>" in awarded_section
        assert "None at the moment" not in awarded_section

    # The outcome reports due (overdue, then due next) and the contracts ending: the same rows in
    # the same order as the one page a build with the default rows a page makes (9.8 MB and 7.3 MB
    # single pages at 100,000 awards).
    whole = make_project(tmp_path / "whole", data=data)
    one_page = build(whole)
    assert one_page.ok, one_page.output

    def awards_in_tables(html: str) -> list[str]:
        bodies = re.findall(r"<tbody>.*?</tbody>", html, re.S)
        return [i for body in bodies for i in re.findall(r'<a href="(?:\.\./)+awards/([a-z0-9-]+)/"', body)]

    for base in ("registers/outcome-reports/", "registers/contracts-ending/"):
        expected = awards_in_tables(one_page.page(base))
        assert len(expected) > 3, base
        assert not (one_page.site / base / "page-2").exists()
        found, k = [], 1
        while (result.site / base / ("" if k == 1 else f"page-{k}/") / "index.html").exists():
            html = result.page(base + ("" if k == 1 else f"page-{k}/"))
            rows = awards_in_tables(html)
            assert 0 < len(rows) <= 3 and f"Page {k} of {-(-len(expected) // 3)}." in main_text(html), (base, k)
            found += rows
            k += 1
        assert found == expected, base

    # with the default rows a page, the tenders page has room for every awarded tender
    whole_index = one_page.page("tenders/")
    whole_awarded = whole_index[whole_index.index('id="awarded"'):whole_index.index("</article>")]
    assert sorted(re.findall(tender_links, whole_awarded)) == awarded
    assert not (one_page.site / "tenders" / "awarded").exists()


class _StackedTables(HTMLParser):
    """Each `<table data-stack>`: its column headings, and each body row's cell labels (row
    headers too), each cell's label standing for as many columns as it spans. A table of
    names and their figures (data-stack="pairs") has no headings and needs no labels."""

    def __init__(self):
        super().__init__()
        self.tables: list[tuple[list[str], list[list[str | None]]]] = []
        self._in_head = self._in_th = False
        self._depth = 0  # inside a stacked table (tables do not nest here)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "table" and "data-stack" in a and a["data-stack"] != "pairs":
            self.tables.append(([], []))
            self._depth = 1
        elif self._depth:
            heads, rows = self.tables[-1]
            if tag == "thead":
                self._in_head = True
            elif tag == "th" and self._in_head:
                self._in_th = True
                heads.append("")
            elif tag == "tr" and not self._in_head:
                rows.append([])
            elif tag in ("td", "th"):
                row = rows[-1]
                row.append(a.get("data-label"))
                row += heads[len(row):len(row) + int(a.get("colspan", 1)) - 1]  # the columns it spans

    def handle_endtag(self, tag):
        if tag == "table":
            self._depth = 0
        elif tag == "thead":
            self._in_head = False
        elif tag == "th":
            self._in_th = False

    def handle_data(self, data):
        if self._in_th:
            heads = self.tables[-1][0]
            heads[-1] += data.strip()


def test_tables_that_become_cards_on_a_phone_label_every_cell_with_its_column(tmp_path):
    """On a phone a `data-stack` table shows each row as a card, each cell under its label
    (the CSS prints `data-label`): a missing or wrong label leaves a value unexplained."""
    result = build(make_project(tmp_path / "p", data=generated_data(tmp_path, 60)))
    assert result.ok, result.output
    checked, problems = set(), []
    for path in sorted(result.site.rglob("index.html")):
        parser = _StackedTables()
        parser.feed(path.read_text(encoding="utf-8"))
        for heads, rows in parser.tables:
            for row in rows:
                if row != heads:
                    problems.append(f"{path.relative_to(result.site)}: {row} under {heads}")
            if rows:
                checked.add(path.relative_to(result.site).parts[0])
    assert problems == []
    # award lists, fund pages, the registers and the tenders pages all have them
    assert {"awards", "awards-by-year", "funding", "registers", "tenders"} <= checked, checked


def test_fund_pages_draw_a_budget_chart_with_a_table_beside_it(example_site):
    """The chart is SVG made at build time, named and described, pointing at a table on the same page."""
    funds = raw("funds")
    for fund_id, fund in funds.items():
        html = example_site.page(f"funding/{fund_id}/")
        svg = re.search(r'<svg class="chart" role="img" aria-labelledby="([^"]+)".*?</svg>', html, re.S)
        assert svg, fund_id
        title_id, desc_id = svg.group(1).split()
        chart = svg.group(0)
        assert f'<title id="{title_id}">' in chart and f'<desc id="{desc_id}">' in chart
        caption = re.search(r'The same figures are in the table "([^"]+)"', chart).group(1)
        assert f"<caption>{caption}</caption>" in html  # the text alternative is really there
        assert chart.count('class="bar-awarded"') == len(fund["budgets"]) + 1  # one bar a year, and the key
    assert "<script" not in re.search(r'<svg class="chart".*?</svg>', example_site.page(""), re.S).group(0)


def test_withdrawn_awards_and_cancelled_tenders_are_split_into_pages_too(tmp_path):
    """Withdrawn awards and cancelled tenders add up over the years too: their register is split
    into pages (the awards, then the tenders, newest first), and the tenders page shows the newest
    cancelled tenders only in what is left of its rows. 200 generated awards, five of them
    withdrawn, four cancelled tenders, 3 rows a page."""
    data = generated_data(tmp_path, 200)
    grants = sorted(p for p in (data / "awards").glob("*.yml")
                    if "\nkind: grant\n" in p.read_text() and "\nstatus: ended\n" in p.read_text())[:5]
    for k, path in enumerate(grants, 1):
        path.write_text(path.read_text().replace("\nstatus: ended\n", f"\nstatus: withdrawn\nstatus_date: 2026-0{k}-01\n"
                        "status_note: Recorded in error, as the group withdrew before it started.\n"))
    source = next(p for p in sorted((data / "tenders").glob("*.yml")) if "\nawarded:" in p.read_text())
    text = source.read_text()
    text = text[:text.index("\nawarded:")] + "\n"
    reference = re.search(r"^reference: (.*)$", text, re.M).group(1)
    cancelled = []
    for k in range(1, 5):
        name = f"cancelled-service-{k}"
        (data / "tenders" / f"{name}.yml").write_text(
            text.replace(reference, f"{reference}-C{k}") + f"cancelled:\n  date: 2026-0{k}-15\n"
            "  reason: No bid met the minimum quality score, so the service will be tendered again.\n")
        cancelled.append(name)
    project = make_project(tmp_path / "p", data=data)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace("extra:\n", "extra:\n  rows_per_page: 3\n", 1))
    result = build(project)
    assert result.ok, result.output

    base = "registers/withdrawn-and-cancelled/"
    links = r'<a href="(?:\.\./)+(awards|tenders)/([a-z0-9-]+)/">'
    pages = [re.findall(links, main_text_html(result.page(base + ("" if k == 1 else f"page-{k}/"))))
             for k in (1, 2, 3)]
    assert not (result.site / base / "page-4").exists()
    assert [len(rows) for rows in pages] == [3, 3, 3]
    assert len(grants) == 5
    listed = [i for rows in pages for kind, i in rows if kind == "awards"]
    assert sorted(listed) == sorted(p.stem for p in grants)  # each once
    award_date = {p.stem: re.search(r"^award_date: (\S+)", p.read_text(), re.M).group(1) for p in grants}
    assert [award_date[i] for i in listed] == sorted(award_date.values(), reverse=True)  # newest first
    assert [i for rows in pages for kind, i in rows if kind == "tenders"] == cancelled[::-1]
    first = main_text(result.page(base))
    assert "Cancelled tenders" in first
    assert re.search(r"The 4 cancelled tenders are listed from page 2\s?, after the awards\.", first), first
    assert "Page 1 of 3" in first
    assert 'href="../../registers/withdrawn-and-cancelled/page-2/#tenders">page 2</a>' in result.page(base)
    later = main_text(result.page(base + "page-3/"))
    assert "Withdrawn and returned awards" not in later and "Cancelled tenders" in later

    index = result.page("tenders/")
    article = index[index.index("<article"):index.index("</article>")]
    before, cancelled_section = article.split('id="cancelled"')
    in_full = re.findall(r'<a href="\.\./tenders/([a-z0-9-]+)/">', before[:before.index('id="awarded"')])
    shown = re.findall(r'<a href="\.\./tenders/([a-z0-9-]+)/">', cancelled_section)
    assert shown == cancelled[::-1][:max(3 - len(in_full), 0)]
    assert "All 4 cancelled tenders" in text_of(cancelled_section)


def main_text_html(html: str) -> str:
    return html[html.index("<article"):html.index("</article>")]
