"""Figures the pages and exports share: totals, remaining budget, statistics.

Computed once per build from the Dataset, in one pass over the awards, so no
page does a lookup over all awards (that would be quadratic at scale).
"""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

from .dataset import Dataset
from .dates import add_months, term_end
from .model import Award, Tender, Term


@dataclass
class YearFigures:
    """One fund in one financial year (or all funds, when fund is None)."""

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


# --- terms and reporting ----------------------------------------------------


def initial_end(term: Term) -> date:
    return term_end(term.start, term.initial_years)


def extended_end(term: Term) -> date:
    """The last day if every extension is taken (OCDS maxExtentDate)."""
    return term_end(term.start, term.initial_years + sum(term.extensions))


REPORT_MONTHS = 6  # the strategy: outcome reporting forms every six months


def next_report_due(award: Award) -> date | None:
    """The last day of the next six-month period not yet reported on, while the award runs.

    Periods run from the term's start (or the award date): a contract starting
    1 April reports on the six months to 30 September, then to 31 March.
    """
    if award.status != "active":
        return None
    start = award.term.start if award.term and award.term.start else award.award_date
    end = extended_end(award.term) if award.term and award.term.start else None
    last_reported = max((r.period_end for r in award.outcome_reports), default=None)
    n = 1
    while True:
        period_end = add_months(start, REPORT_MONTHS * n) - timedelta(days=1)
        if end is not None and period_end > end:
            return None
        if last_reported is None or period_end > last_reported:
            return period_end
        n += 1


def tender_status(tender: Tender, now: datetime) -> str:
    """forthcoming, open, closed or awarded, at the build's moment."""
    if tender.awarded:
        return "awarded"
    if now < tender.published:
        return "forthcoming"
    if now < tender.submission_deadline:
        return "open"
    return "closed"


# --- when the data behind a page last changed -----------------------------------


def award_recorded(award: Award) -> date:
    """The latest date the open-data standards give an award: made, or a report received."""
    return max([award.award_date, *(r.received for r in award.outcome_reports)])


def award_changed(award: Award) -> date:
    """The latest date recorded in an award: made, signed off, or a report received."""
    sta = award.single_tender_action
    return max(award_recorded(award), sta.signed_off) if sta and sta.signed_off else award_recorded(award)


def tender_changed(tender: Tender, awards: list[Award]) -> date:
    return max([tender.published.date()] + [a.award_date for a in awards])


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
    (award_recorded), or its file's last commit if that is later (the feeds, 360Giving, OCDS)."""
    return last_changed(award_recorded(award), ds.changed_on("awards", award.id))


def latest(dates) -> date | None:
    return max(dates, default=None)
