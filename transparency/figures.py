"""Figures the pages and exports share: totals, remaining budget, statistics.

Computed once per build from the Dataset, in one pass over the awards, so no
page does a lookup over all awards (that would be quadratic at scale).
"""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from . import addresses, orgids
from .dataset import Dataset
from .identifiers import recipient_org_id
from .model import Award


@dataclass
class YearFigures:
    """One fund in one financial year, or all funds together in one year (Figures.by_year).

    Two readings of a year, kept apart: `awards` are the awards made in it (the year's lists, the
    statistics of awards made), while `awarded` is what the year's budget pays (Award.money_by_year:
    a split award's share for the year, an extension's value in the year it starts), which the
    budget, remaining figure and charts use. Withdrawn and returned awards are in neither."""

    year: str
    budget: Decimal | None
    awards: list[Award] = field(default_factory=list)
    awarded: Decimal = Decimal(0)  # what this year's budget pays (compute() adds it up)
    from_earlier_years: Decimal = Decimal(0)  # the part of `awarded` from awards made in earlier years

    @cached_property  # read several times per table row; awards are complete once compute() returns
    def made(self) -> Decimal:
        """The amounts of the awards made in the year, whichever years pay them (the year's list's total)."""
        return sum((a.amount for a in self.awards), Decimal(0))

    @cached_property
    def remaining(self) -> Decimal | None:
        return None if self.budget is None else self.budget - self.awarded

    @property
    def count(self) -> int:
        return len(self.awards)

    @cached_property
    def average(self) -> Decimal | None:
        if not self.awards:
            return None
        return (self.made / self.count).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)

    @cached_property
    def largest(self) -> Award | None:
        return max(self.awards, key=lambda a: (a.amount, a.id), default=None)

    @cached_property
    def smallest(self) -> Award | None:
        return min(self.awards, key=lambda a: (a.amount, a.id), default=None)

    def top_recipients(self, n: int = 5) -> list[tuple[str, Decimal, int, Award]]:
        """Recipients by total received: (name, total, number of awards, their newest award).
        One recipient is one identifier (as on the recipient pages), named as most recently
        recorded; the newest award is there for the link to its page."""
        totals: dict[str, Decimal] = defaultdict(Decimal)
        counts: Counter[str] = Counter()
        newest: dict[str, Award] = {}
        for a in self.awards:
            key = recipient_key(a) or "name:" + a.recipient.name
            totals[key] += a.amount
            counts[key] += 1
            if key not in newest or (a.award_date, a.id) > (newest[key].award_date, newest[key].id):
                newest[key] = a
        ranked = sorted(totals, key=lambda k: (-totals[k], newest[k].recipient.name, k))[:n]
        return [(newest[k].recipient.name, totals[k], counts[k], newest[k]) for k in ranked]


@dataclass
class RecipientFigures:
    """Everything one organisation received: the awards recorded with one identifier."""

    id: str  # its identifier (identifiers.recipient_org_id), as first written, newest award first
    awards: list[Award] = field(default_factory=list)  # newest first

    @property
    def latest(self) -> Award:
        return self.awards[0]

    @property
    def name(self) -> str:
        """The name as most recently recorded (the newest award's)."""
        return self.latest.recipient.name

    @cached_property
    def other_names(self) -> list[str]:
        """Other names the same identifier was recorded with, newest first, each once."""
        seen, out = {self.name}, []
        for a in self.awards:
            if a.recipient.name not in seen:
                seen.add(a.recipient.name)
                out.append(a.recipient.name)
        return out

    def _latest_given(self, field_name: str) -> str | None:
        return next((v for a in self.awards if (v := getattr(a.recipient, field_name))), None)

    @property
    def charity_number(self) -> str | None:
        return self._latest_given("charity_number")

    @property
    def company_number(self) -> str | None:
        return self._latest_given("company_number")

    @property
    def website(self) -> str | None:
        return self._latest_given("website")

    @cached_property
    def total(self) -> Decimal:
        return sum((a.amount for a in self.awards), Decimal(0))

    @property
    def count(self) -> int:
        return len(self.awards)

    @property
    def first_date(self) -> date:
        return self.awards[-1].award_date

    @property
    def last_date(self) -> date:
        return self.awards[0].award_date

    @cached_property
    def by_year(self) -> list[tuple[str, Decimal, int]]:
        """(financial year, total, number of awards), years ascending."""
        return _totals((a.year, a) for a in self.awards)

    @cached_property
    def by_fund(self) -> list[tuple[str, Decimal, int]]:
        """(fund id, total, number of awards), by fund id."""
        return _totals((a.fund, a) for a in self.awards)


def _totals(pairs) -> list[tuple[str, Decimal, int]]:
    totals: dict[str, Decimal] = defaultdict(Decimal)
    counts: Counter[str] = Counter()
    for key, a in pairs:
        totals[key] += a.amount
        counts[key] += 1
    return [(key, totals[key], counts[key]) for key in sorted(totals)]


def recipient_key(award: Award) -> str | None:
    """Which recipient page an award belongs to; None when it has no identifier we could
    publish, whose name is then shown without a link. rules.py refuses such an award (no
    number at all, or one that is not an identifier), so only a build that goes on despite
    errors meets one; checking here keeps any such id, with a `/` or a space, out of a path."""
    org_id = recipient_org_id(award.recipient)
    if not org_id or orgids.problem(org_id) is not None:
        return None
    return addresses.recipient_key(org_id)


def by_recipient(newest: list[Award]) -> dict[str, RecipientFigures]:
    """Recipients by their page's key (addresses.recipient_key), A to Z by latest name."""
    out: dict[str, RecipientFigures] = {}
    for a in newest:
        key = recipient_key(a)
        if key is not None:
            out.setdefault(key, RecipientFigures(recipient_org_id(a.recipient))).awards.append(a)
    return dict(sorted(out.items(), key=lambda kv: (kv[1].name.casefold(), kv[1].name, kv[0])))


@dataclass
class Figures:
    """Indexes over the dataset, built once per build."""

    by_fund: dict[str, list[Award]]  # newest first
    by_fund_year: dict[str, dict[str, YearFigures]]  # fund -> year -> figures, years ascending
    by_year: dict[str, YearFigures]  # all funds together
    by_tender: dict[str, list[Award]]
    years: list[str]  # every financial year with a budget or an award, ascending
    newest: list[Award] = field(default_factory=list)  # every award, newest first (sorted once)
    by_recipient: dict[str, RecipientFigures] = field(default_factory=dict)  # key -> figures, A to Z
    not_counted: list[Award] = field(default_factory=list)  # withdrawn and returned awards, newest first
    by_round: dict[str, list[Award]] = field(default_factory=dict)  # funding round -> its counted awards, newest first


def newest_first(awards) -> list[Award]:
    return sorted(awards, key=lambda a: (a.award_date, a.id), reverse=True)


def compute(ds: Dataset) -> Figures:
    """Every index in one pass over the awards. Withdrawn and returned awards leave every figure
    and list here (their own list is `not_counted`); their pages stay."""
    by_fund: dict[str, list[Award]] = {f: [] for f in ds.funds}
    by_tender: dict[str, list[Award]] = defaultdict(list)
    by_year_awards: dict[str, list[Award]] = defaultdict(list)
    paid: dict[tuple[str, str], list[Decimal]] = defaultdict(lambda: [Decimal(0), Decimal(0)])  # (fund, year) -> [all, from earlier years]
    everything = newest_first(ds.awards.values())
    newest = [a for a in everything if a.counted]
    for award in everything:
        if award.tender:  # a tender's page shows what came of it, a withdrawn award too
            by_tender[award.tender].append(award)
    by_round: dict[str, list[Award]] = defaultdict(list)
    for award in newest:  # one pass: every index keeps newest first
        if award.round:
            by_round[award.round].append(award)
        by_fund.setdefault(award.fund, []).append(award)
        by_year_awards[award.year].append(award)
        for fy, value in award.money_by_year.items():
            figures = paid[(award.fund, fy)]
            figures[0] += value
            if fy > award.year:  # "2026/27" sorts by year
                figures[1] += value
    years = sorted({y for f in ds.funds.values() for y in f.budgets} | set(by_year_awards) | {fy for _, fy in paid})
    by_fund_year: dict[str, dict[str, YearFigures]] = {}
    for fund_id, awards in by_fund.items():
        fund = ds.funds.get(fund_id)
        budgets = fund.budgets if fund else {}
        per_year = {y: YearFigures(y, budgets.get(y)) for y in sorted(
            set(budgets) | {a.year for a in awards} | {fy for f, fy in paid if f == fund_id})}
        for a in awards:
            per_year[a.year].awards.append(a)
        by_fund_year[fund_id] = per_year
    total_paid: dict[str, list[Decimal]] = defaultdict(lambda: [Decimal(0), Decimal(0)])
    for (fund_id, fy), (value, earlier) in paid.items():
        if fund_id in by_fund_year:
            by_fund_year[fund_id][fy].awarded, by_fund_year[fund_id][fy].from_earlier_years = value, earlier
        total_paid[fy][0] += value
        total_paid[fy][1] += earlier
    by_year = {}
    for y in years:
        budgets = [f.budgets[y] for f in ds.funds.values() if y in f.budgets]
        by_year[y] = YearFigures(y, sum(budgets, Decimal(0)) if budgets else None, by_year_awards.get(y, []),
                                 *total_paid.get(y, (Decimal(0), Decimal(0))))
    not_counted = [a for a in everything if not a.counted]
    return Figures(by_fund, by_fund_year, by_year, dict(by_tender), years, newest, by_recipient(newest), not_counted,
                   dict(by_round))


# --- when the data behind a page last changed -----------------------------------


def last_changed(recorded: date, committed: date | None) -> date:
    """When a record last changed: the later of the latest date recorded in it and the last
    commit of its file (Dataset.changed_on, already never after the build's date).

    History is what moves when staff de-commission a service or record an extension, which
    add no date to the data. The dates recorded still count, and win when later: a page must
    not say its data last changed before a date it shows (an import committed with old dates,
    a commit's clock set wrong), and a file git cannot date (no history, a shallow clone, a
    tarball) keeps exactly the dates in the data, as before history was read."""
    return recorded if committed is None else max(recorded, committed)


def award_modified(ds: Dataset, award: Award) -> date:
    """When the open data last changed for an award: the latest date the standards give it
    (Award.latest_open_data_date), or its file's last commit if that is later (the feeds, 360Giving, OCDS)."""
    return last_changed(award.latest_open_data_date, ds.changed_on("awards", award.id))


def latest(dates) -> date | None:
    return max(dates, default=None)
