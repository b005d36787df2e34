"""The pages the build generates from the data, and how each is rendered.

`Site` is made once per build (by `transparency.build`, which hands it the
figures and the downloads): data, figures, downloads and compiled templates are
shared by every page. Each page is rendered to HTML only when asked for, so
a build of thousands of awards never holds all their HTML at once. Every page's
address comes from `addresses`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

import jinja2
from markupsafe import Markup, escape

from .. import addresses as addr
from .. import figures as fig
from .. import due, labels
from .. import notices, promises
from ..addresses import Address
from ..dataset import Dataset
from ..dates import financial_year_of, format_date, format_datetime, term_end
from ..exports import groups
from ..exports.groups import Group
from ..figures import Figures
from ..model import Award
from ..money import format_money
from ..rules import market_engagement_expected
from ..orgids import charity_org_id, company_org_id, registered, registers
from ..vocabulary import COVERAGE
from .charts import Bar, budget_chart

if TYPE_CHECKING:
    from ..exports.catalogue import Download

TEMPLATES = Path(__file__).parent / "templates"
# Long lists are split into pages of this many rows: at about 700 bytes a row that keeps
# every page well under 300 KB, however many awards an office publishes.
ROWS_PER_PAGE = 300
ASSETS = Path(__file__).parent / "assets"
# The columns of the CSV a filtered awards table downloads (tables.js fills each from the
# row's data- attributes), in this order. They are columns of awards.csv (exports.tables'
# award_columns), named the same, so a filtered file reads like a part of the whole one.
# `coverage` is the area filter's column: "countywide" or the area's name, as in awards.csv.
FILTERED_CSV = ("id", "title", "recipient_name", "fund_id", "kind", "financial_year", "award_date", "amount",
                "coverage")


@dataclass(slots=True)  # one per page: 127,000 at 100,000 awards, each without a __dict__
class Page:
    address: Address
    title: str
    template: str
    context: Callable[[], dict[str, Any]] = field(repr=False)
    in_nav: bool = False  # only index pages: thousands of awards must stay out of the nav
    append: bool = False  # add to a page staff wrote in content/ (the home page) instead of replacing it
    # In the site's search index. The index is one file a phone downloads whole on its first
    # search, so what each page puts in it is kept short: an award page gives one line
    # (search_template), list pages their introduction only (their tables are data-search-exclude),
    # and lists that repeat other pages stay out (benchmarks/README.md, "Search index").
    searchable: bool = True
    # What the site search indexes in place of the page (award pages: award_search.html, a title
    # and one line); the page itself is unchanged. Material's search parses all of a page's HTML,
    # excluded parts too: this way it parses 250 bytes, not 3 KB, for each of 10,000 awards.
    search_template: str | None = None

    @property
    def light(self) -> bool:
        """A page out of the navigation (an award, a recipient, a list's later page): thousands of
        them, so the theme gives them its light layout (overrides/light.html), whose header,
        menu and footer are a few kilobytes, and the theme's script comes only with a search
        (benchmarks/README.md, "Light pages")."""
        return not self.in_nav and not self.append

    @property
    def src_uri(self) -> str:
        """Where MkDocs believes the page's source is, e.g. "awards/abc.md"."""
        return self.address.source

    @property
    def url(self) -> str:
        return self.address.url

    @property
    def root(self) -> str:
        """The relative path from this page back to the site root."""
        return "../" * self.url.count("/")


# A table the site search leaves out (its rows are each an award's own page): our templates mark
# it `data-search-exclude`, and no such table holds another table.
_EXCLUDED_TABLE = re.compile(r"<table\b[^>]*\bdata-search-exclude\b[^>]*>.*?</table>", re.S)


def for_search(html: str) -> str:
    """A page's HTML without the tables the search leaves out. Material's search plugin parses
    every tag of a page, excluded ones too, before it drops them: on the list pages' tables that
    was most of its time at 10,000 awards (benchmarks/README.md, "Light pages"). The index made
    from what is left is the same."""
    return _EXCLUDED_TABLE.sub("", html) if "data-search-exclude" in html else html


_SEARCH_MARKS = re.compile(r"\s?data-search-\w+=\"[^\"]+\"")


def without_search_marks(html: str) -> str:
    """The page as published: without the `data-search-*` attributes, which are for the search
    only (what Material's search plugin does to the HTML it was given)."""
    return _SEARCH_MARKS.sub("", html)


@dataclass(frozen=True)
class Pager:
    """Where one page sits in a list split over several pages."""

    number: int
    urls: tuple[str, ...]  # every page's address, relative to the site root

    @property
    def count(self) -> int:
        return len(self.urls)


def chunks(items: list, size: int = ROWS_PER_PAGE) -> list[list]:
    return [items[i:i + size] for i in range(0, len(items), size)] or [[]]


def paragraphs(text: str | None) -> Markup:
    """Staff text to HTML paragraphs. Everything is escaped: data is never markup."""
    if not text:
        return Markup("")
    parts = [p.strip() for p in text.replace("\r\n", "\n").split("\n\n") if p.strip()]
    return Markup("".join(f"<p>{escape(p)}</p>" for p in parts))


def format_size(n: int) -> str:
    """File sizes as people read them: 850 bytes, 12 KB, 1.4 MB."""
    if n < 1000:
        return f"{n} bytes"
    if n < 1_000_000:
        return f"{round(n / 1000)} KB"
    return f"{n / 1_000_000:.1f} MB"


def area_options(awards: list[Award]) -> list[tuple[str, str]]:
    """The area filter's choices for a list of awards: (value, words), countywide first, then
    each area by name ("Fenland only": the award is delivered there and nowhere else)."""
    values = {a.place for a in awards}
    areas = sorted(values - {"countywide"}, key=lambda v: (v.casefold(), v))
    return ([("countywide", COVERAGE["countywide"])] if "countywide" in values else []) + \
        [(v, f"{v} only") for v in areas]


def years_of(awards: list[Award]) -> list[str]:
    """The financial years of a table's rows, newest first: the year filter's choices (the rows
    shown, not every year: a page of the newest awards may not reach back to the first year)."""
    return sorted({a.year for a in awards}, reverse=True)


def extension_rows(award: Award) -> list[tuple]:
    """Each extension taken with the last day it runs to."""
    if award.term is None or award.term.start is None:
        return []
    rows, so_far = [], award.term.initial_years
    for e in award.extensions_taken:
        so_far += e.years
        rows.append((e, term_end(award.term.start, so_far)))
    return rows


def filter_summary(awards: list[Award]) -> str:
    """The status line above a filterable table, as tables.js writes it once every row is shown:
    "40 of 40 awards shown, totalling £123,450". Written into the page so the line is there
    from the first paint (nothing moves when the script takes over)."""
    n = len(awards)
    total = sum((a.amount for a in awards), Decimal(0))
    return f"{n:,} of {n:,} award{'' if n == 1 else 's'} shown, totalling {format_money(total)}"


def make_environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,  # recipient names and descriptions come from outside: always escaped
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        # One environment per build (a Site makes its own), so a template never changes
        # under it: no need to check each template file's time on every one of 10,000 pages.
        auto_reload=False,
    )
    env.filters.update(
        money=format_money,
        date=format_date,
        datetime=format_datetime,
        paragraphs=paragraphs,
        filesize=format_size,
        sentence=lambda text: text[:1].upper() + text[1:],  # unlike `capitalize`, keeps "January"
        slug=addr.year_slug,  # 2026/27 -> 2026-27, as in the year lists' addresses (and headings' anchors)
    )
    env.globals.update(words=labels, addr=addr,  # addr: every page's address
                       filtered_csv=FILTERED_CSV,
                       filter_summary=filter_summary,
                       # the Specified Information Order's £10,000: invitations to tender and contract copies
                       invitation_to_tender=notices.invitation_to_tender,
                       order_from=notices.SPECIFIED_INFORMATION_THRESHOLD)
    return env


@dataclass(frozen=True)
class Registration:
    """One of a recipient's identifiers, and its entry in a public register if we link to one."""
    what: str  # "Registered charity", "Company", "Identifier"
    number: str  # as staff wrote it: 1123456, SC012345, NIC100001, 01234567, 360G-...
    register: str | None  # the register's name
    url: str | None  # its entry in that register


def recipient_summary(r: fig.RecipientFigures, registered_as: list[Registration]) -> str:
    """A recipient in one line, plain text: its search entry's and its page's description. What
    it received, and the names and numbers it is known by, so a search for the organisation finds it."""
    also = f" Also recorded as {'; '.join(r.other_names)}." if r.other_names else ""
    numbers = "".join(f" {reg.what} {reg.number}." for reg in registered_as)
    return f"{r.count:,} award{'' if r.count == 1 else 's'}, {format_money(r.total)} in total.{also}{numbers}"


def registrations(r: fig.RecipientFigures) -> list[Registration]:
    """A recipient's charity and company numbers and any other identifier, each with its
    register's entry (addresses.register_link, the one place those links are made)."""
    out = []

    def add(what, number, org_id):
        split = registered(org_id) if org_id else None
        link = addr.register_link(*split) if split else None
        name = link[0] if link else (registers()[split[0]].name if split and split[0] in registers() else None)
        out.append(Registration(what, number, name, link[1] if link else None))

    if r.charity_number:
        add("Registered charity", r.charity_number, charity_org_id(r.charity_number))
    if r.company_number:
        add("Company", r.company_number, company_org_id(r.company_number))
    org_ids = {a.recipient.org_id for a in r.awards if a.recipient.org_id}
    for org_id in sorted(org_ids):
        if org_id not in {charity_org_id(r.charity_number or ""), company_org_id(r.company_number or "")}:
            add("Identifier", org_id, org_id)
    return out


class Site:
    """Everything generated from one Dataset at one build moment."""

    def __init__(self, ds: Dataset, now: datetime, figures: Figures, measured: list[promises.Promise],
                 downloads: list[Download], rows_per_page: int = ROWS_PER_PAGE):
        self.rows_per_page = rows_per_page
        self._changed_lines: dict[date, str] = {}
        self.ds = ds
        self.org = ds.organisation
        self.now = now
        self.today = now.date()
        self.figures = figures
        self.env = make_environment()
        # each award's recipient page, made once (a table row asks for it): the counted awards'
        # recipients have pages; a withdrawn award links to its recipient's only if another award made one
        self.recipient_pages = {a.id: addr.recipient(key).url for key, r in figures.by_recipient.items()
                                for a in r.awards}
        for a in figures.not_counted:
            key = fig.recipient_key(a)
            if key in figures.by_recipient:
                self.recipient_pages[a.id] = addr.recipient(key).url
        self.env.globals["recipient_url"] = lambda award: self.recipient_pages.get(award.id)
        self.current_year = financial_year_of(self.today)
        self.tender_status = {t.id: t.status_at(now) for t in ds.tenders.values()}
        self.tender_groups = self._tender_groups()  # by status, each by deadline (awarded: newest first)
        self.round_groups = self._round_groups()  # funding rounds by status on the build date
        self.outcome_texts = {o.id: o.text for o in self.org.shared_outcomes}
        # when each record last changed: its file's history and the dates in it (never the clock;
        # fig.last_changed); changed() caps it at today so a notice recorded ahead of publication
        # does not claim a future change. A tender's page lists its awards, so their files count.
        self.award_changed = {a.id: fig.last_changed(a.latest_date, ds.changed_on("awards", a.id))
                              for a in ds.awards.values()}
        self.tender_changed = {}
        for t in ds.tenders.values():
            awards = self.figures.by_tender.get(t.id, [])
            self.tender_changed[t.id] = fig.latest([
                fig.last_changed(t.latest_date_with(awards), ds.changed_on("tenders", t.id)),
                *filter(None, (ds.changed_on("awards", a.id) for a in awards))])
        # a round's page lists its awards, so their files count; a round records no date of change
        self.round_changed = {r.id: fig.latest([*filter(None, [ds.changed_on("rounds", r.id)]),
                                                 *(self.award_changed[a.id] for a in figures.by_round.get(r.id, []))])
                              for r in ds.rounds.values()}
        # a fund's file holds its budgets, shown on its page and in the totals; it records no date
        self.fund_changed = {f.id: ds.changed_on("funds", f.id) for f in ds.funds.values()}
        self.all_changed = fig.latest([*self.award_changed.values(), *self.tender_changed.values(),
                                       *filter(None, self.fund_changed.values())])
        # a contract's life (issue 17): each award's next report, and the contracts ending, once a build
        self.reports = due.reports(ds, self.today)
        self.overdue = [r for r in self.reports if r.overdue]
        self.report_of = {r.award.id: r for r in self.reports}
        self.endings = due.ending(ds, self.today)
        # the Procurement Act notices each record owes and does not list (notices.py), by record
        self.owed: dict[tuple[str, str], list] = {}
        for o in notices.owed(ds, self.today):
            self.owed.setdefault((o.folder, o.id), []).append(o)
        # the strategy's promises, each year's figure with its evidence (promises.py, measured once a build)
        self.promises = measured
        self.downloads = downloads
        self._by_group: dict[Group, list[Download]] = {}
        for d in self.downloads:
            self._by_group.setdefault(d.group, []).append(d)

    def downloads_for(self, *wanted: Group) -> list[Download]:
        """The files that belong on a page, in catalogue order."""
        return [d for g in wanted for d in self._by_group.get(g, [])]

    # --- the page list ------------------------------------------------------

    def pages(self) -> list[Page]:
        ds = self.ds
        out = [
            Page(addr.HOME, "Home", "home.html", self._home, in_nav=True, append=True),
            Page(addr.FUNDING, "Funding", "funding_index.html", self._funding_index, in_nav=True),
            Page(addr.STATISTICS, "Funding by year", "statistics.html", self._statistics, in_nav=True),
            Page(addr.AWARDS, "All awards", "awards_index.html", self._awards_index, in_nav=True),
            Page(addr.TENDERS, "Tenders", "tenders_index.html", self._tenders_index, in_nav=True),
            Page(addr.ROUNDS, "Funding rounds", "rounds_index.html", self._rounds_index, in_nav=True),
            Page(addr.SCORING, "How we score bids", "scoring.html", self._scoring, in_nav=True),
            Page(addr.OPEN_DATA, "Open data", "open_data.html", self._open_data, in_nav=True),
        ]
        out += [Page(addr.fund(f.id), f.name, "fund.html", _bind(self._fund, f.id)) for f in ds.funds.values()]
        for f in ds.funds.values():
            for y in self.figures.by_fund_year[f.id].values():
                out += self._list_pages(addr.fund_year(f.id, y.year), f"{f.name}: awards in {y.year}",
                                        y.awards, group=groups.fund(f.id), fund=f, year=y.year, searchable=False)
        for year in self.figures.years:
            out += self._list_pages(addr.year(year), f"Awards in {year}",
                                    self.figures.by_year[year].awards, group=groups.year(year), year=year)
        newest = self.figures.newest
        out += self._paged(addr.CONTRACTS, "Contracts register", [a for a in newest if a.kind == "contract"],
                           "contracts.html", self._contracts, in_nav=True)
        out += self._paged(addr.SINGLE_TENDER_ACTIONS, "Single tender actions",
                           [a for a in newest if a.single_tender_action], "single_tender_actions.html",
                           self._single_tender_actions, in_nav=True)
        # one row per service with a report due (due.reports: the overdue first, then those due
        # next), over pages like every list: a single page was 9.8 MB at 100,000 awards
        out += self._paged(addr.OUTCOME_REPORTS, "Outcome reports due", self.reports,
                           "outcome_reports.html", self._outcome_reports, in_nav=True)
        out += self._paged(addr.CONTRACTS_ENDING, "Contracts ending", self.endings, "contracts_ending.html",
                           self._contracts_ending, in_nav=True)
        out += self._promise_pages()
        awarded = self.tender_groups["awarded"]
        if len(awarded) > len(self._on_tenders_page["awarded"]):  # the tenders page shows the newest; these list them all
            # each row is a tender's own page, which search finds
            out += self._paged(addr.TENDERS_AWARDED, "Awarded tenders", awarded, "tenders_awarded.html",
                               self._tenders_awarded, searchable=False)
        # out of the navigation (an office's mkdocs.yml lists its nav; most years this page is
        # empty): linked from the awards and tenders pages when it lists something, and from each
        # withdrawn award's banner. Built always, so a link to it never breaks; over pages like
        # every list (withdrawn awards, then cancelled tenders), as both add up over the years.
        out += self._paged(addr.WITHDRAWN, "Withdrawn and cancelled", self._withdrawn_rows(), "withdrawn.html",
                           self._withdrawn)
        # the A to Z stays out of search: each name is found on its own page, which search indexes
        out += self._paged(addr.RECIPIENTS, "Recipients", list(self.figures.by_recipient.values()),
                           "recipients_index.html", self._recipients_index, in_nav=True,
                           searchable=False)
        out += [Page(addr.recipient(key), r.name, "recipient.html", _bind(self._recipient, key),
                     search_template="recipient_search.html")
                for key, r in self.figures.by_recipient.items()]
        out += [Page(addr.tender(t.id), t.title, "tender.html", _bind(self._tender, t.id)) for t in ds.tenders.values()]
        out += [Page(addr.funding_round(r.id), r.name, "round.html", _bind(self._round, r.id)) for r in ds.rounds.values()]
        out += [Page(addr.award(a.id), a.title, "award.html", _bind(self._award, a.id), search_template="award_search.html")
                for a in ds.awards.values()]
        return out

    def _promise_pages(self) -> list[Page]:
        """The promises page (in the navigation, where content/how-we-commission.md was), a page
        per promise, and each year's evidence over as many pages as it needs (thousands of awards
        in a year would not fit one). Out of search but the promises page: the rest repeat it."""
        out = [Page(addr.HOW_WE_COMMISSION, "How we commission and give grants", "promises.html", self._promises,
                    in_nav=True)]
        for p in self.promises:
            out.append(Page(addr.promise(p.id), p.title, "promise.html", _bind(self._promise, p), searchable=False))
            for y in p.years:
                if y.evidence:
                    # what breaks the promise first, then what does not say, then what keeps it
                    rows = sorted(y.evidence, key=lambda e: EVIDENCE_ORDER[e.kept])
                    out += self._paged(addr.promise_year(p.id, y.year), f"{p.title}: {y.year}", rows,
                                       "promise_year.html", _promise_context(self._promise_year, p, y,
                                                                             self._evidence_changed(y.evidence)),
                                       searchable=False)
        return out

    def _evidence_changed(self, evidence) -> date | None:
        changed = {"awards": self.award_changed, "tenders": self.tender_changed}
        return fig.latest(changed[e.folder][e.id] for e in evidence)

    def _promises(self):
        return dict(promises=self.promises, year=self.current_year, fewest=promises.FEWEST_FOR_PERCENT,
                    downloads=self.downloads_for(groups.PROMISES), changed=self.all_changed)

    def _promise(self, p):
        return dict(promise=p, fewest=promises.FEWEST_FOR_PERCENT,
                    changed=self._evidence_changed(e for y in p.years for e in y.evidence))

    def _promise_year(self, p, y, changed, part):
        title, rows, pager = part
        return dict(title=title, promise=p, figure=y, rows=rows, pager=pager, fewest=promises.FEWEST_FOR_PERCENT,
                    changed=changed)

    def _list_pages(self, base: Address, title: str, awards: list, group: Group, fund=None, year=None,
                    searchable: bool = True) -> list[Page]:
        """A list of awards over as many pages as it needs (out of the navigation). The lists per
        fund and year stay out of search (searchable=False): the fund's page and the year's list
        say the same, and at 10,000 awards search would parse 6 MB of their HTML for 40 introductions."""
        changed = fig.latest(self.award_changed[a.id] for a in awards)  # once per list, not per page

        def context(part):
            page_title, rows, pager = part
            return dict(title=page_title, awards=rows, total=len(awards), pager=pager, fund=fund,
                        year=year, areas=area_options(rows), downloads=self.downloads_for(group), funds=self.ds.funds, changed=changed)
        return self._paged(base, title, awards, "award_list.html", context, searchable=searchable)

    def _paged(self, base: Address, title: str, rows: list, template: str, context: Callable[[tuple], dict],
               in_nav: bool = False, searchable: bool = True) -> list[Page]:
        """A list over as many pages as it needs, `rows_per_page` rows each, so that no page
        grows with the data: `base`, then `<base>/page-2` and on. `context` gets
        (title, rows, Pager) for each page. The first page of a list in the navigation keeps
        the plain title, which is the navigation's label. Search finds a list by its first
        page only: the others repeat its introduction, and their rows are each award's own page."""
        parts = chunks(rows, self.rows_per_page)
        addresses = base.pages(len(parts))
        urls = tuple(a.url for a in addresses)
        pages = []
        for k, (address, part) in enumerate(zip(addresses, parts), 1):
            plain = len(parts) == 1 or (in_nav and k == 1)
            page_title = title if plain else f"{title}, page {k} of {len(parts)}"
            pages.append(Page(address, page_title, template, _bind(context, (page_title, part, Pager(k, urls))),
                              in_nav=in_nav and k == 1, searchable=searchable and k == 1))
        return pages

    def render(self, page: Page, template: str | None = None, context: dict[str, Any] | None = None) -> str:
        """The page's HTML; with `template`, that template's with the page's data (its search_template).
        `context`: the page's, when the caller has asked for it already (page.context())."""
        context = page.context() if context is None else context
        html = self.env.get_template(template or page.template).render(
            page=page, root=page.root, org=self.org, today=self.today, now=self.now, site=self, **context)
        if template:
            return html
        changed = self.changed(context)
        if changed is not None:
            html += self._changed_line(changed)
        return html

    def changed(self, context: dict[str, Any]) -> date | None:
        """When the data a page shows last changed, from its context (page.context()), as its "Data
        on this page last changed" line says; None for a page that gives no such date. Never after
        today: a notice recorded ahead of its publication has not changed the page yet."""
        return self._by_today(context.get("changed"))

    @staticmethod
    def description(context: dict[str, Any]) -> str | None:
        """The page's own description (plain text, for its <meta name="description">), from its
        context: an award's, a recipient's or a tender's line. None for a page that has none of its
        own: the site's description stands for it."""
        return context.get("description")

    def modified(self, context: dict[str, Any]) -> date | None:
        """When the page itself last changed, for the sitemap's lastmod (a search engine trusts it
        only while it is true), from its context's `modified`; None, meaning the build's date, for a
        page that says what it says against the build's date. Only the contexts that know it give
        one: an award's, a recipient's and a tender's page, most of a large site's pages. A list,
        a register or a year's figures moves with the date (what is due, open, the current year)."""
        return self._by_today(context.get("modified"))

    def _by_today(self, day: date | None) -> date | None:
        return None if day is None else min(day, self.today)

    def _changed_line(self, changed: date) -> str:
        # thousands of pages share a few hundred dates: render each date's line once
        line = self._changed_lines.get(changed)
        if line is None:
            line = self._changed_lines[changed] = self.env.get_template("_changed.html").render(changed=changed)
        return line

    # --- contexts: data for each template (logic here, presentation in templates)

    def _home(self):
        year = self.current_year
        funds = [(f, self.figures.by_fund_year[f.id].get(year)) for f in self.ds.funds.values()]
        open_tenders = self.tender_groups["open"]
        latest = self.figures.newest[:8]
        chart = budget_chart([Bar(f.name, y.budget if y else None, y.awarded if y else 0) for f, y in funds],
                             f"Budget and amount awarded by fund, {year}", f"Budgets and awards by fund, {year}",
                             "chart-home")
        return dict(year=year, funds=funds, total=self.figures.by_year.get(year), chart=chart,
                    open_tenders=open_tenders, latest=latest, overdue=len(self.overdue),
                    open_rounds=self.round_groups["open"], forthcoming_rounds=self.round_groups["forthcoming"],
                    months=due.ENDING_MONTHS, changed=self.all_changed)

    def _funding_index(self):
        year = self.current_year
        return dict(year=year, rows=[(f, self.figures.by_fund_year[f.id].get(year)) for f in self.ds.funds.values()],
                    total=self.figures.by_year.get(year), changed=self.all_changed)

    def _fund(self, fund_id: str):
        fund = self.ds.funds[fund_id]
        per_year = self.figures.by_fund_year[fund_id]
        years = list(per_year.values())
        chart = budget_chart([Bar(y.year, y.budget, y.awarded) for y in years],
                             f"{fund.name}: budget and amount awarded by financial year",
                             f"Budget, awarded and remaining for {fund.name}", f"chart-{fund_id}")
        awards = self.figures.by_fund[fund_id]
        shown = awards[:self.rows_per_page]
        return dict(fund=fund, years=years, awards=shown, total=len(awards), chart=chart, areas=area_options(shown),
                    filter_years=years_of(shown),
                    explanations=fund.over_budget_explanations, downloads=self.downloads_for(groups.fund(fund_id)),
                    changed=fig.latest([*(self.award_changed[a.id] for a in awards),
                                        *filter(None, [self.fund_changed[fund_id]])]))

    def _statistics(self):
        years = [self.figures.by_year[y] for y in self.figures.years]
        chart = budget_chart([Bar(y.year, y.budget, y.awarded) for y in years],
                             "All funds: budget and amount awarded by financial year",
                             "Budget, awarded and remaining, all funds", "chart-all")
        return dict(years=years, chart=chart, changed=self.all_changed,
                    downloads=self.downloads_for(groups.FUNDS, groups.SUMMARY),
                    year_downloads={y.year: self.downloads_for(groups.year(y.year)) for y in years},
                    funds=[(f, list(self.figures.by_fund_year[f.id].values())) for f in self.ds.funds.values()])

    def _awards_index(self):
        awards = self.figures.newest
        shown = awards[:self.rows_per_page]
        return dict(awards=shown, total=len(awards), funds=self.ds.funds, areas=area_options(shown),
                    filter_years=years_of(shown),
                    downloads=self.downloads_for(groups.AWARDS),
                    by_year=[self.figures.by_year[y] for y in sorted(self.figures.years, reverse=True)],
                    withdrawn=len(self.figures.not_counted) + len(self.tender_groups["cancelled"]),
                    changed=fig.latest(self.award_changed.values()))

    def _award(self, award_id: str):
        award = self.ds.awards[award_id]
        pooled = award.pooled_total if award.co_commissioners else None
        report, notices_shown = self.report_of.get(award_id), self._notices_context("awards", award)
        changed = self.award_changed[award_id]
        fund = self.ds.funds[award.fund]
        return dict(award=award, fund=fund, description=labels.award_summary(award, fund),
                    tender=self.ds.tenders.get(award.tender) if award.tender else None,
                    funding_round=self.ds.rounds.get(award.round) if award.round else None,
                    pooled=pooled, outcomes=[self.outcome_texts[o] for o in award.outcomes],
                    next_report=award.next_report_due, report=report, changed=changed,
                    # a report due or overdue, or a notice owed, is shown as of the build's date
                    modified=None if report or notices_shown["owed"] else changed, **notices_shown,
                    extension_rows=extension_rows(award), by_year=sorted(award.money_by_year.items()))

    def _tender_groups(self) -> dict[str, list]:
        by_status = {s: [] for s in labels.TENDER_GROUPS}
        for t in sorted(self.ds.tenders.values(), key=lambda t: (t.submission_deadline, t.id)):
            by_status[self.tender_status[t.id]].append(t)
        by_status["awarded"].reverse()  # most recent first
        return by_status

    def _round_groups(self) -> dict[str, list]:
        """The funding rounds by status on the build date: open ones closing soonest first, the
        forthcoming opening soonest first, past ones most recently closed first."""
        by_status = {s: [] for s in labels.ROUND_GROUPS}
        for r in sorted(self.ds.rounds.values(), key=lambda r: (r.closes, r.opens, r.id)):
            by_status[r.status_at(self.today)].append(r)
        by_status["forthcoming"].sort(key=lambda r: (r.opens, r.closes, r.id))
        by_status["closed"].reverse()
        return by_status

    def _rounds_index(self):
        calendar = [d for d in self.downloads_for(groups.TENDERS) if d.name == addr.TENDER_CALENDAR]
        return dict(groups=self.round_groups, funds=self.ds.funds,
                    downloads=self.downloads_for(groups.ROUNDS) + calendar,
                    awarded={r.id: len(self.figures.by_round.get(r.id, [])) for r in self.ds.rounds.values()},
                    changed=fig.latest(filter(None, self.round_changed.values())))

    def _round(self, round_id: str):
        rnd = self.ds.rounds[round_id]
        awards = self.figures.by_round.get(round_id, [])
        # the newest rows_per_page, so that no page grows with the data; awards.csv has them all
        return dict(round=rnd, fund=self.ds.funds[rnd.fund], status=rnd.status_at(self.today),
                    awards=awards[:self.rows_per_page], count=len(awards),
                    total=sum((a.amount for a in awards), Decimal(0)), changed=self.round_changed[round_id],
                    downloads=[d for d in self.downloads_for(groups.AWARDS) if d.fields])

    # The tenders page shows these in full (what bidders can still act on, few at any time), then
    # the newest cancelled and awarded ones in what is left of a list page's rows: both add up over
    # the years (at 100,000 awards every status's tenders plus 300 awarded was 378 KB, over the
    # 300 KB a page may be). Every one is on tenders/awarded/ or the withdrawn and cancelled register.
    _IN_FULL = ("open", "forthcoming", "closed")

    @cached_property
    def _on_tenders_page(self) -> dict[str, list]:
        """The tenders page's tenders, by status (asked by pages() and by the page itself)."""
        shown = {status: self.tender_groups[status] for status in self._IN_FULL}
        left = max(self.rows_per_page - sum(map(len, shown.values())), 0)
        shown["cancelled"] = self._cancelled_newest_first[:left]  # the newest first: why it stopped is news
        left -= len(shown["cancelled"])
        shown["awarded"] = self.tender_groups["awarded"][:left]
        return {status: shown[status] for status in self.tender_groups}  # in the page's order

    def _tenders_index(self):
        # the statuses the page may show only the newest of: how many there are, and where all are
        beyond = {"awarded": (len(self.tender_groups["awarded"]), addr.TENDERS_AWARDED.url),
                  "cancelled": (len(self.tender_groups["cancelled"]), addr.WITHDRAWN.url + "#tenders")}
        return dict(groups=self._on_tenders_page, beyond=beyond, downloads=self.downloads_for(groups.TENDERS),
                    withdrawn=len(self.figures.not_counted) + len(self.tender_groups["cancelled"]),
                    changed=fig.latest(self.tender_changed.values()))

    def _tender(self, tender_id: str):
        tender, status = self.ds.tenders[tender_id], self.tender_status[tender_id]
        fund = self.ds.funds[tender.fund]
        notices_shown, changed = self._notices_context("tenders", tender), self.tender_changed[tender_id]
        return dict(tender=tender, fund=fund, status=status, description=labels.tender_summary(tender, fund),
                    awards=[a for a in self.figures.by_tender.get(tender_id, []) if a.counted],
                    withdrawn=[a for a in self.figures.by_tender.get(tender_id, []) if not a.counted],
                    national=market_engagement_expected(self.org, tender), changed=changed,
                    modified=self._tender_modified(tender, status, changed, notices_shown["owed"]), **notices_shown,
                    invitation=notices.invitation_to_tender(tender),
                    order_applies=tender.funding_envelope.amount > notices.SPECIFIED_INFORMATION_THRESHOLD)

    @staticmethod
    def _tender_modified(tender, status: str, changed: date, owed: list) -> date | None:
        """When a tender's page last changed (Tender.status_at, labels.tender_status_detail): an open
        one counts the days to its deadline, so it changes with the build's date (None), as does a
        notice owed; a closed one changed at its deadline and a cancelled one on its cancelling."""
        if status == "open" or owed:
            return None
        if status == "closed":
            return max(changed, tender.submission_deadline.date())
        if status == "cancelled":
            return max(changed, tender.cancelled.date)
        return changed

    def _open_data(self):
        years = sorted(self.figures.years, reverse=True)
        sections = [("All awards", self.downloads_for(groups.AWARDS)),
                    ("Funds, budgets and statistics", self.downloads_for(groups.FUNDS, groups.SUMMARY)),
                    ("Awards by fund", self.downloads_for(*(groups.fund(f) for f in self.ds.funds))),
                    ("Awards by financial year", self.downloads_for(*(groups.year(y) for y in years))),
                    ("Tenders", self.downloads_for(groups.TENDERS)),
                    ("Funding rounds", self.downloads_for(groups.ROUNDS)),
                    ("Registers", self.downloads_for(groups.CONTRACTS, groups.SINGLE_TENDER_ACTIONS,
                                                     groups.CONTRACTS_ENDING)),
                    ("Recipients", self.downloads_for(groups.RECIPIENTS)),
                    ("The strategy's promises, measured", self.downloads_for(groups.PROMISES)),
                    ("Open data standards", self.downloads_for(groups.STANDARDS))]
        dictionary = {}
        for d in self.downloads:
            if d.fields and d.format == "CSV":
                key = tuple(c.name for c in d.fields)
                dictionary.setdefault(key, (d, []))[1].append(d)
        return dict(groups=sections, dictionary=list(dictionary.values()), changed=self.all_changed,
                    standards=bool(self.downloads_for(groups.STANDARDS)))

    def _scoring(self):
        return dict(scoring=self.ds.scoring)

    def _notices_context(self, folder: str, record) -> dict:
        """What _notices.html shows: the notices recorded, newest first, and those owed and not recorded."""
        recorded = sorted(record.notices, key=lambda n: n.published, reverse=True)
        return dict(notices=[(n, notices.notice_url(n)) for n in recorded], owed=self.owed.get((folder, record.id), []))

    @cached_property
    def _contracts_summary(self) -> dict:
        """What every page of the contracts register says of all the contracts: worked out once,
        not for each of its pages (at 100,000 awards a page read every award)."""
        over = notices.SPECIFIED_INFORMATION_THRESHOLD
        return dict(copy_from=over,
                    without_copy=sum(1 for a in self.ds.awards.values()
                                     if a.kind == "contract" and a.amount > over and not a.contract_copy),
                    overdue=sum(r.award.kind == "contract" for r in self.overdue), ending=len(self.endings))

    def _contracts(self, part):
        _, contracts, pager = part
        return dict(contracts=contracts, pager=pager, downloads=self.downloads_for(groups.CONTRACTS),
                    months=due.ENDING_MONTHS, **self._contracts_summary,
                    changed=fig.latest(self.award_changed[a.id] for a in contracts))

    def _outcome_reports(self, part):
        _, rows, pager = part
        grace = self.org.outcome_report_grace_days
        return dict(overdue=[r for r in rows if r.overdue], upcoming=[r for r in rows if not r.overdue],
                    overdue_count=len(self.overdue), due_count=len(self.reports) - len(self.overdue),
                    pager=pager, grace=grace, funds=self.ds.funds,
                    changed=fig.latest(self.award_changed[r.award.id] for r in rows))

    def _contracts_ending(self, part):
        _, endings, pager = part
        return dict(endings=endings, pager=pager, months=due.ENDING_MONTHS, funds=self.ds.funds,
                    downloads=self.downloads_for(groups.CONTRACTS_ENDING),
                    changed=fig.latest(self.award_changed[e.award.id] for e in endings))

    def _single_tender_actions(self, part):
        _, actions, pager = part
        bands = self.org.single_tender_action_sign_off
        return dict(actions=actions, pager=pager, bands=bands,
                    downloads=self.downloads_for(groups.SINGLE_TENDER_ACTIONS),
                    changed=fig.latest(self.award_changed[a.id] for a in actions))

    def _recipients_index(self, part):
        title, recipients, pager = part
        return dict(title=title, recipients=recipients, pager=pager, total=len(self.figures.by_recipient),
                    downloads=self.downloads_for(groups.RECIPIENTS),
                    changed=fig.latest(self.award_changed[a.id] for r in recipients for a in r.awards))

    def _recipient(self, key: str):
        r = self.figures.by_recipient[key]
        registered_as = registrations(r)
        changed = fig.latest(self.award_changed[a.id] for a in r.awards)
        return dict(recipient=r, registrations=registered_as, funds=self.ds.funds,
                    description=recipient_summary(r, registered_as),
                    by_year=r.by_year, by_fund=r.by_fund,
                    # the whole files: one per recipient would be thousands (the feed is not a table)
                    downloads=[d for d in self.downloads_for(groups.RECIPIENTS, groups.AWARDS) if d.fields],
                    changed=changed, modified=changed)  # nothing on it is read against the build's date

    @cached_property
    def _cancelled_newest_first(self) -> list:
        """The cancelled tenders, newest first: the tenders page and the withdrawn register ask."""
        return sorted(self.tender_groups["cancelled"], key=lambda t: (t.cancelled.date, t.id), reverse=True)

    def _withdrawn_rows(self) -> list[tuple[str, object]]:
        """The withdrawn and cancelled register's rows, as its pages share them out: the withdrawn
        and returned awards, then the cancelled tenders, each newest first."""
        return ([("award", a) for a in self.figures.not_counted]
                + [("tender", t) for t in self._cancelled_newest_first])

    def _withdrawn(self, part):
        title, rows, pager = part
        awards = [a for kind, a in rows if kind == "award"]
        tenders = [t for kind, t in rows if kind == "tender"]
        # where the cancelled tenders start, for a page that has none of them (they follow the awards)
        first_tender_page = len(self.figures.not_counted) // self.rows_per_page + 1
        return dict(title=title, awards=awards, tenders=tenders, pager=pager, funds=self.ds.funds,
                    tenders_total=len(self.tender_groups["cancelled"]),
                    tenders_from_page=first_tender_page,
                    changed=fig.latest([*(self.award_changed[a.id] for a in awards),
                                        *(self.tender_changed[t.id] for t in tenders)]))

    def _tenders_awarded(self, part):
        title, tenders, pager = part
        return dict(title=title, tenders=tenders, pager=pager, downloads=self.downloads_for(groups.TENDERS),
                    changed=fig.latest(self.tender_changed[t.id] for t in tenders))


EVIDENCE_ORDER = {False: 0, None: 1, True: 2}


def _promise_context(method, promise, year, changed):
    """A year's evidence pages' context, made per page from (title, rows, pager) by _paged; when
    the year's evidence last changed is worked out once for all of them (it reads every record)."""
    return lambda part: method(promise, year, changed, part)


def _bind(method, arg):
    return lambda: method(arg)

