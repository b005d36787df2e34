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

from .dataset import Dataset
from .model import Award


@dataclass
class YearFigures:
    """One fund in one financial year, or all funds together in one year (Figures.by_year)."""

    year: str
    budget: Decimal | None
    awards: list[Award] = field(default_factory=list)

    @cached_property  # read several times per table row; awards are complete once compute() returns
    def awarded(self) -> Decimal:
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
        return (self.awarded / self.count).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)

    @cached_property
    def largest(self) -> Award | None:
        return max(self.awards, key=lambda a: (a.amount, a.id), default=None)

    @cached_property
    def smallest(self) -> Award | None:
        return min(self.awards, key=lambda a: (a.amount, a.id), default=None)

    def top_recipients(self, n: int = 5) -> list[tuple[str, Decimal, int]]:
        """Recipients by total received: (name, total, number of awards)."""
        totals: dict[str, Decimal] = defaultdict(Decimal)
        counts: Counter[str] = Counter()
        for a in self.awards:
            totals[a.recipient.name] += a.amount
            counts[a.recipient.name] += 1
        ranked = sorted(totals.items(), key=lambda kv: (-kv[1], kv[0]))[:n]
        return [(name, total, counts[name]) for name, total in ranked]


@dataclass
class Figures:
    """Indexes over the dataset, built once per build."""

    by_fund: dict[str, list[Award]]  # newest first
    by_fund_year: dict[str, dict[str, YearFigures]]  # fund -> year -> figures, years ascending
    by_year: dict[str, YearFigures]  # all funds together
    by_tender: dict[str, list[Award]]
    years: list[str]  # every financial year with a budget or an award, ascending
    newest: list[Award] = field(default_factory=list)  # every award, newest first (sorted once)


def newest_first(awards) -> list[Award]:
    return sorted(awards, key=lambda a: (a.award_date, a.id), reverse=True)


def compute(ds: Dataset) -> Figures:
    by_fund: dict[str, list[Award]] = {f: [] for f in ds.funds}
    by_tender: dict[str, list[Award]] = defaultdict(list)
    by_year_awards: dict[str, list[Award]] = defaultdict(list)
    newest = newest_first(ds.awards.values())
    for award in newest:  # one pass: every index keeps newest first
        by_fund.setdefault(award.fund, []).append(award)
        by_year_awards[award.year].append(award)
        if award.tender:
            by_tender[award.tender].append(award)
    years = sorted({y for f in ds.funds.values() for y in f.budgets} | set(by_year_awards))
    by_fund_year: dict[str, dict[str, YearFigures]] = {}
    for fund_id, awards in by_fund.items():
        fund = ds.funds.get(fund_id)
        budgets = fund.budgets if fund else {}
        per_year = {y: YearFigures(y, budgets.get(y)) for y in sorted(set(budgets) | {a.year for a in awards})}
        for a in awards:
            per_year[a.year].awards.append(a)
        by_fund_year[fund_id] = per_year
    by_year = {}
    for y in years:
        budgets = [f.budgets[y] for f in ds.funds.values() if y in f.budgets]
        by_year[y] = YearFigures(y, sum(budgets, Decimal(0)) if budgets else None, by_year_awards.get(y, []))
    return Figures(by_fund, by_fund_year, by_year, dict(by_tender), years, newest)


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
