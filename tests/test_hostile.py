"""Hostile text in the data is published as text: never as markup, script, template or formula.

The site is built twice from the same files: once with hostile text in every text
field (script elements, event-handler attributes, `javascript:` links, Markdown and
HTML that would inject raw HTML, Jinja syntax, attribute break-outs), once with plain
text in the same places. Every page and every download of the hostile build is then
checked against the clean build:

- HTML pages (and the HTML held in the search index): no script element, event-handler
  attribute, element or attribute name, or `javascript:`/`data:` link the clean build
  does not have;
- the hostile text is visible as typed in the page's text (the `<title>`, the header,
  the body), and Jinja was never evaluated (`Jinja{{ 7*7 }}Jinja`, never `Jinja49Jinja`);
- CSV, JSON, 360Giving, OCDS: the text comes back exactly as typed when parsed;
- Atom: well-formed, only Atom elements, titles and summaries are plain text equal to
  what was typed; iCalendar: no line the generator did not write; sitemap: only URLs.
"""
from __future__ import annotations

import csv
import gzip
import io
import json
import re
import xml.etree.ElementTree as ET
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import build, copy_data, make_project

# Short enough for a title (under 140 characters with its label); every line of attack at once.
SHORT = ('<script>alert(1)</script><img src=x onerror=alert(1)>"\'><svg onload=alert(1)>'
         'Jinja{{ 7*7 }}Jinja{% raw %}')
LONG = (SHORT + ' [x](javascript:alert(1)) <a href="javascript:alert(1)">a</a> '
        '<iframe src="javascript:alert(1)"></iframe> **bold** </textarea></title></script><!-- ]]> &amp;lt; '
        '${7*7} {{ config }} <style>body{display:none}</style>')
HOSTILE_URL = 'https://www.example.org/?q="><script>alert(1)</script>&x=\'onmouseover=alert(1)'
# Line breaks that would start a new calendar event if the calendar did not escape them.
ICS_BREAKOUT = "\nEND:VEVENT\nBEGIN:VEVENT\nURL:javascript:alert(1)"
PORTAL_URL = 'https://www.bluelight.eu-supply.com/x?"><script>alert(1)</script>'


def q(text: str) -> str:
    """A YAML double-quoted string (JSON's escapes are YAML's)."""
    return json.dumps(text, ensure_ascii=False)


class Texts:
    """Every text field written, by label, so each can be looked for as typed."""

    def __init__(self, hostile: bool):
        self.hostile = hostile
        self.written: dict[str, str] = {}

    def __call__(self, label: str, short: bool = False, then: str = "") -> str:
        value = f"{label} {(SHORT if short else LONG) if self.hostile else 'plain text'}{then if self.hostile else ''}"
        self.written[label] = value
        return q(value)


def write_data(data: Path, hostile: bool) -> Texts:
    t = Texts(hostile)
    url = q(HOSTILE_URL if hostile else "https://www.example.org/plain")
    (data / "funds" / "hostile-fund.yml").write_text(f"""\
name: {t("FundName", short=True)}
summary: {t("FundSummary")}
legal_basis: {t("FundLegalBasis")}
status: open
route: via-partner
partner:
  name: {t("FundPartner", short=True)}
  url: {url}
budgets:
  2026/27: 100
how_to_apply: {t("FundHowToApply")}
over_budget_explanations:
  2026/27: {t("FundOverBudget")}
""", encoding="utf-8")
    (data / "awards" / "hostile-grant.yml").write_text(f"""\
title: {t("GrantTitle", short=True)}
kind: grant
fund: hostile-fund
recipient:
  name: {t("GrantRecipient", short=True)}
  charity_number: "9000002"
  website: {url}
amount: 500
award_date: 2026-06-01
description: {t("GrantDescription")}
procurement_route: co-commissioned
co_commissioners:
  - name: {t("GrantPartner", short=True)}
    contribution: 100
status: de-commissioned
status_note: {t("GrantStatusNote")}
purpose: {t("GrantPurpose")}
conditions: {t("GrantConditions")}
coverage:
  area: {t("GrantArea", short=True)}
  reason: pilot
  explanation: {t("GrantCoverage")}
outcomes: [victims]
outcome_reports:
  - period_end: 2026-10-31
    received: 2026-11-27
    activity: {t("ReportActivity")}
    impact: {t("ReportImpact")}
    outputs:
      {t("ReportOutput", short=True)}: 3
""", encoding="utf-8")
    (data / "awards" / "hostile-contract.yml").write_text(f"""\
title: {t("ContractTitle", short=True)}
kind: contract
fund: hostile-fund
tender: hostile-tender
recipient:
  name: {t("ContractRecipient", short=True)}
  company_number: ZZ100999
amount: 700
award_date: 2026-07-01
description: {t("ContractDescription")}
procurement_route: single-tender-action
single_tender_action:
  ground: only-supplier
  reason: {t("StaReason")}
  value: 700
  signed_off_by: Chief Finance Officer of the Constabulary
status: active
term:
  start: 2026-08-01
  initial_years: 2
  extensions: [1]
  break_clause: {t("BreakClause")}
""", encoding="utf-8")
    (data / "tenders" / "hostile-tender.yml").write_text(f"""\
title: {t("TenderTitle", short=True)}
reference: {t("TenderReference", short=True)}
fund: hostile-fund
summary: {t("TenderSummary")}
funding_envelope:
  amount: 100000
  covers: {t("TenderCovers", short=True)}
quality_cost_split:
  quality: 70
  cost: 30
term:
  initial_years: 3
  extensions: [1]
  break_clause: {t("TenderBreakClause")}
published: 2026-11-02 09:00
clarification_deadline: 2027-01-08 12:00
submission_deadline: 2027-01-22 12:00
portal_url: {q(PORTAL_URL if hostile else "https://www.bluelight.eu-supply.com/plain")}
evaluation:
  agencies: [{t("TenderAgency", short=True)}]
  service_users: true
  note: {t("TenderNote")}
market_engagement:
  - start: 2026-12-01 10:00
    place: {t("EventPlace", short=True, then=ICS_BREAKOUT)}
    description: {t("EventDescription", short=True)}
documents:
  - name: {t("DocumentName", short=True)}
    url: {url}
awarded: [hostile-contract]
""", encoding="utf-8")
    org = (data / "organisation.yml").read_text(encoding="utf-8")
    org = re.sub(r"(?m)^area: .*$", lambda m: f"area: {t('OrgArea', short=True)}", org)
    org = re.sub(r"(?m)^example_notice: .*$", lambda m: f"example_notice: {t('ExampleNotice')}", org)
    org = re.sub(r"(?m)^  name: Bluelight eTendering$", lambda m: f"  name: {t('PortalName', short=True)}", org)
    assert org.count("OrgArea") == org.count("ExampleNotice") == org.count("PortalName") == 1, "organisation.yml changed shape"
    (data / "organisation.yml").write_text(org, encoding="utf-8")
    return t


def site_with(tmp_path: Path, name: str, hostile: bool):
    project = tmp_path / name
    data = copy_data(project)
    texts = write_data(data, hostile)
    make_project(project, data=data)
    result = build(project)
    assert result.ok, result.output
    return result, texts


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("hostile")
    hostile, texts = site_with(tmp, "hostile", True)
    clean, _ = site_with(tmp, "clean", False)
    return hostile, clean, texts


# --- reading HTML -------------------------------------------------------------

DANGEROUS_SCHEMES = re.compile(r"^\s*(javascript|vbscript|data)\s*:", re.I)


class Markup(HTMLParser):
    """What a browser would treat as markup: elements, attributes, scripts; and the text."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: Counter[str] = Counter()
        self.attributes: set[tuple[str, str]] = set()
        self.handlers: set[tuple[str, str, str]] = set()  # on* attributes with their values
        self.scripts: set[tuple[str, str]] = set()  # (src, inline code)
        self.links: set[str] = set()  # href/src/action values with a dangerous scheme
        self.text: list[str] = []
        self.title: list[str] = []
        self._in: list[str] = []
        self._script: list[str] | None = None
        self._src = ""

    def handle_starttag(self, tag, attrs):
        self.tags[tag] += 1
        for name, value in attrs:
            self.attributes.add((tag, name))
            if name.startswith("on"):
                self.handlers.add((tag, name, value or ""))
            if name in ("href", "src", "action", "formaction", "xlink:href") and value and DANGEROUS_SCHEMES.match(value):
                self.links.add(value)
        if tag == "script":
            self._script, self._src = [], dict(attrs).get("src") or ""
        self._in.append(tag)

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            self.scripts.add((self._src, re.sub(r'"base": "[./]*"', '"base": ""', "".join(self._script))))
            self._script = None
        if tag in self._in:
            while self._in and self._in.pop() != tag:
                pass

    def handle_data(self, data):
        if self._script is not None:
            self._script.append(data)
            return
        self.text.append(data)
        if self._in and self._in[-1] == "title":
            self.title.append(data)


def read_html(html: str) -> Markup:
    parser = Markup()
    parser.feed(html)
    parser.close()
    return parser


def norm(text: str) -> str:
    return " ".join(text.split())


def pages(site: Path) -> dict[str, Markup]:
    return {p.relative_to(site).as_posix(): read_html(p.read_text(encoding="utf-8")) for p in sorted(site.rglob("*.html"))}


def markup_union(parsed) -> dict[str, set]:
    out = {"tags": set(), "attributes": set(), "handlers": set(), "scripts": set(), "links": set()}
    for m in parsed:
        out["tags"] |= set(m.tags)
        out["attributes"] |= m.attributes
        out["handlers"] |= m.handlers
        out["scripts"] |= m.scripts
        out["links"] |= m.links
    return out


def assert_no_new_markup(hostile: dict[str, set], clean: dict[str, set], where: str):
    for kind in ("tags", "attributes", "handlers", "scripts", "links"):
        new = hostile[kind] - clean[kind]
        assert not new, f"{where}: {kind} the site itself never writes: {sorted(new)[:5]}"


# --- the tests ----------------------------------------------------------------


def test_pages_add_no_script_handler_or_element(builds):
    hostile, clean, _ = builds
    h, c = pages(hostile.site), pages(clean.site)
    assert set(h) == set(c)
    assert_no_new_markup(markup_union(h.values()), markup_union(c.values()), "HTML pages")
    for name, page in h.items():  # and page by page: nothing moves onto a page that had none
        assert_no_new_markup(markup_union([page]), markup_union([c[name]]), name)


def test_every_hostile_text_is_visible_as_typed(builds):
    hostile, _, texts = builds
    all_text = {name: norm("".join(m.text)) for name, m in pages(hostile.site).items()}
    for label, value in texts.written.items():
        where = [name for name, text in all_text.items() if norm(value) in text]
        assert where, f"{label} is not shown as typed on any page"
    joined = "\n".join(all_text.values())
    assert "Jinja{{ 7*7 }}Jinja" in joined
    assert "Jinja49Jinja" not in joined and "Jinja49Jinja" not in "".join(
        p.read_text(encoding="utf-8", errors="replace") for p in hostile.site.rglob("*") if p.is_file() and p.suffix != ".gz")


def test_titles_in_the_browser_tab_header_and_page_are_as_typed(builds):
    hostile, _, texts = builds
    for url, label in [("awards/hostile-grant/", "GrantTitle"), ("awards/hostile-contract/", "ContractTitle"),
                       ("tenders/hostile-tender/", "TenderTitle"), ("funding/hostile-fund/", "FundName")]:
        page = read_html(hostile.page(url))
        typed = norm(texts.written[label])
        assert norm("".join(page.title)).startswith(typed + " - "), f"{url}: <title> is {''.join(page.title)!r}"
        assert norm("".join(page.text)).count(typed) >= 2, f"{url}: header and heading should both show the title"


def test_search_index_holds_no_markup(builds):
    hostile, clean, texts = builds

    def docs(site):
        return json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]

    h = [read_html(d["title"]) for d in docs(hostile.site)] + [read_html(d["text"]) for d in docs(hostile.site)]
    c = [read_html(d["title"]) for d in docs(clean.site)] + [read_html(d["text"]) for d in docs(clean.site)]
    assert_no_new_markup(markup_union(h), markup_union(c), "search index")
    shown = norm(" ".join("".join(m.text) for m in h))
    for label in ("FundName", "FundSummary", "TenderTitle", "TenderSummary",  # and each award's entry
                  "GrantTitle", "GrantRecipient", "ContractTitle", "ContractRecipient"):
        assert norm(texts.written[label]) in shown, f"{label} is not in the search index as typed"


def test_sitemap_holds_only_site_addresses(builds):
    hostile, _, _ = builds
    xml = (hostile.site / "sitemap.xml").read_text(encoding="utf-8")
    assert gzip.decompress((hostile.site / "sitemap.xml.gz").read_bytes()).decode("utf-8") == xml
    root = ET.fromstring(xml)
    for el in root.iter():
        tag = el.tag.rsplit("}", 1)[-1]
        assert tag in ("urlset", "url", "loc", "lastmod", "changefreq", "priority")
        if tag == "loc":
            assert re.fullmatch(r"https://www\.example\.org/opcc/funding/[a-z0-9/.-]*", el.text), el.text


def test_csv_and_json_downloads_give_back_the_text_as_typed(builds):
    hostile, _, texts = builds
    data = hostile.site / "data"
    wanted = {texts.written[k] for k in ("GrantTitle", "GrantRecipient", "ContractTitle", "TenderTitle", "FundName")}
    found_csv, found_json = set(), set()
    for path in sorted(data.glob("*.csv")):
        rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"), newline="")))
        width = len(rows[0])
        assert all(len(r) == width for r in rows), f"{path.name}: a row with a different number of cells"
        cells = {cell for row in rows for cell in row}
        found_csv |= wanted & cells
        assert not any(cell and cell[0] in "=+-@" and not re.fullmatch(r"-?\d+(\.\d+)?", cell) for cell in cells), \
            f"{path.name}: a cell a spreadsheet would run as a formula"
    for path in sorted(data.glob("*.json")):
        def strings(value):
            if isinstance(value, str):
                yield value
            elif isinstance(value, dict):
                for k, v in value.items():
                    yield k
                    yield from strings(v)
            elif isinstance(value, list):
                for v in value:
                    yield from strings(v)
        found_json |= wanted & set(strings(json.loads(path.read_text(encoding="utf-8"))))
    assert found_csv == wanted, f"not in any CSV as typed: {wanted - found_csv}"
    assert found_json == wanted, f"not in any JSON as typed: {wanted - found_json}"


ATOM = "{http://www.w3.org/2005/Atom}"


def test_atom_feeds_are_plain_text(builds):
    hostile, _, texts = builds
    titles, summaries = [], []
    for name in ("awards.atom", "tenders.atom"):
        root = ET.fromstring((hostile.site / "data" / name).read_bytes())  # well-formed, or this raises
        for el in root.iter():
            assert el.tag.startswith(ATOM), f"{name}: element {el.tag} outside Atom"
            assert el.get("type") in (None, "text/html") if el.tag == f"{ATOM}link" else el.get("type") is None, \
                f"{name}: {el.tag} is not plain text"
            assert len(el) == 0 or el.tag in (f"{ATOM}feed", f"{ATOM}entry", f"{ATOM}author"), f"{name}: markup inside {el.tag}"
        titles += [e.text for e in root.iter(f"{ATOM}title")]
        summaries += [e.text for e in root.iter(f"{ATOM}summary")]
    t = texts.written
    assert f"{t['GrantTitle']}: £500 to {t['GrantRecipient']}" in titles
    assert t["TenderTitle"] in titles
    assert t["GrantDescription"] in summaries


def test_calendar_lines_are_only_the_generators(builds):
    hostile, clean, texts = builds

    def lines(site):
        raw = (site / "data" / "tender-deadlines.ics").read_bytes().decode("utf-8")
        assert "\r" not in raw.replace("\r\n", ""), "a bare carriage return"
        assert "\n" not in raw.replace("\r\n", ""), "a bare line feed"
        return raw.replace("\r\n ", "").split("\r\n")[:-1]  # unfolded

    h, c = lines(hostile.site), lines(clean.site)
    assert [line.split(":", 1)[0] for line in h] == [line.split(":", 1)[0] for line in c]
    summaries = [line.split(":", 1)[1] for line in h if line.startswith("SUMMARY:")]

    def unescape(value):
        return re.sub(r"\\([\\;,nN])", lambda m: "\n" if m[1] in "nN" else m[1], value)

    assert f"Bids due: {texts.written['TenderTitle']}" in [unescape(s) for s in summaries]
    places = [unescape(line.split(":", 1)[1]) for line in h if line.startswith("LOCATION:")]
    assert texts.written["EventPlace"] in places  # its line breaks stayed inside the one property


def test_no_file_outside_the_expected_formats_mentions_the_payload_raw(builds):
    """Belt and braces: the raw `<script>` only appears in files that are not HTML."""
    hostile, _, _ = builds
    for path in hostile.site.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".xml", ".atom"):
            assert "<script>alert(1)" not in path.read_text(encoding="utf-8"), path


# --- the organisation's own names, which MkDocs' theme prints ----------------

def test_organisation_names_are_text_in_the_theme(tmp_path):
    def variant(name: str, hostile: bool) -> Path:
        project = tmp_path / name
        data = copy_data(project)
        org = (data / "organisation.yml").read_text(encoding="utf-8")
        short = q(f"OrgShort {SHORT}" if hostile else "OrgShort plain text")
        full = q(f"OrgName {SHORT}" if hostile else "OrgName plain text")
        org = re.sub(r"(?m)^short_name: .*$", lambda m: f"short_name: {short}", org)
        org = re.sub(r"(?m)^name: .*$", lambda m: f"name: {full}", org)
        org += f"licence:\n  name: {q('Licence ' + SHORT if hostile else 'Licence plain text')}\n" \
               "  url: https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/\n"
        (data / "organisation.yml").write_text(org, encoding="utf-8")
        make_project(project, data=data)
        result = build(project)
        assert result.ok, result.output
        return result.site

    h, c = pages(variant("hostile", True)), pages(variant("clean", False))
    assert_no_new_markup(markup_union(h.values()), markup_union(c.values()), "HTML pages")
    text = norm("".join(h["index.html"].text))
    assert norm(f"OrgShort {SHORT}") in text
