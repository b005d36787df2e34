"""The strategy's promises, measured from the data at every build (issue 18).

Each promise of the Commissioning and Grants Strategy becomes a figure for the current
financial year and every earlier year with records, with its evidence: the records behind
the figure, each saying whether it keeps the promise and what it shows. The public can
check a figure by opening the records it was made from (how-we-commission/ and its pages).

A promise reads existing readings of the model, never its own copy: the sign-off bands
(rules.sign_off_band, rules.signed_off_as_banded), the threshold for market engagement
(rules.market_engagement_expected), the portal (rules.on_the_portal), a report's lateness (Award.report_overdue), a
pooled budget (Award.pooled_total). Withdrawn and returned awards count in none (as in
every other figure). Records dated after the current financial year are left out: a
promise is measured on what has happened.

Two honesty rules, so a figure never claims more than the data holds:
- a promise whose field no record has yet (a recipient's sector, an award's focus) says
  that the data cannot show it yet, with no figure (`Promise.missing`);
- a year with fewer than FEWEST_FOR_PERCENT records behind it shows counts, never a
  percentage (`YearFigure.percent` is None): 1 of 1 is not "100%".

The figures layer: data in, numbers and short factual sentences out; the pages' words are
in the templates (views/templates/promise*.html).
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from functools import cached_property
from urllib.parse import urlsplit

from .dataset import Dataset
from .dates import financial_year_of, format_date
from .model import Area, Award, Tender
from .money import format_money
from .rules import market_engagement_expected, on_the_portal, sign_off_band, signed_off_as_banded
from .vocabulary import BASED, COVERAGE, COVERAGE_REASON, FOCUS, SECTOR, STA_GROUND, THIRD_SECTOR, UPSTREAM

# Below this many records behind a year's figure, the site gives counts, not a percentage.
FEWEST_FOR_PERCENT = 5


@dataclass(frozen=True)
class Evidence:
    """One record behind a figure: whether it keeps the promise, and what it shows."""

    folder: str  # "awards" or "tenders": whose page the evidence links to
    id: str
    title: str
    kept: bool | None  # None: the record does not say yet (the field is not filled in)
    detail: str  # what the record shows, one short sentence
    amount: Decimal = Decimal(0)  # the money behind it (the money promises)
    part: Decimal = Decimal(0)  # the part of `amount` that keeps the promise (co-commissioning: the partners')
    group: str | None = None  # the breakdown it falls in (countywide, a pilot...; a focus)


@dataclass
class YearFigure:
    """One promise in one financial year. Its figures are worked out once (cached_property): every
    page of a year's evidence says them, and at 100,000 awards a year holds thousands of records
    over dozens of pages, each reading a dozen figures (34.5 s of the build went to that). Made
    with its evidence complete (measure), and never changed after."""

    year: str
    evidence: list[Evidence] = field(default_factory=list)
    groups: tuple[tuple[str, str], ...] = ()  # the breakdown's (value, words), in order
    fewest: int = FEWEST_FOR_PERCENT

    @cached_property
    def recorded(self) -> list[Evidence]:
        return [e for e in self.evidence if e.kept is not None]

    @cached_property
    def count(self) -> int:
        """The records that say (the figure's denominator)."""
        return len(self.recorded)

    @cached_property
    def kept(self) -> int:
        return sum(1 for e in self.evidence if e.kept)

    @property
    def not_kept(self) -> int:
        return self.count - self.kept

    @cached_property
    def not_recorded(self) -> list[Evidence]:
        return [e for e in self.evidence if e.kept is None]

    @cached_property
    def not_recorded_amount(self) -> Decimal:
        return sum((e.amount for e in self.not_recorded), Decimal(0))

    @cached_property
    def amount(self) -> Decimal:
        return sum((e.amount for e in self.recorded), Decimal(0))

    @cached_property
    def part(self) -> Decimal:
        return sum((e.part for e in self.recorded), Decimal(0))

    @property
    def enough(self) -> bool:
        """Enough records for a percentage."""
        return self.count >= self.fewest

    @property
    def percent(self) -> int | None:
        """The share of records that keep the promise, in whole per cent; None with too few records."""
        return _percent(self.kept, self.count) if self.enough else None

    @property
    def money_percent(self) -> int | None:
        """The share of the money (`part` of `amount`), in whole per cent; None with too few records."""
        return _percent(self.part, self.amount) if self.enough and self.amount else None

    @cached_property
    def breakdown(self) -> list[tuple[str, int, Decimal]]:
        """(words, records, money) for each group with records, in the vocabulary's order."""
        out = []
        for value, words in self.groups:
            inside = [e for e in self.recorded if e.group == value]
            if inside:
                out.append((words, len(inside), sum((e.amount for e in inside), Decimal(0))))
        return out


def _percent(part, whole) -> int | None:
    if not whole:
        return None
    return int((Decimal(part) * 100 / Decimal(whole)).quantize(Decimal(1), rounding=ROUND_HALF_UP))


@dataclass
class Promise:
    """One promise of the strategy, measured year by year."""

    id: str  # its page's address: how-we-commission/<id>/
    title: str  # what is measured, as a heading
    strategy: str  # the promise in the strategy's own words
    measure: str  # how the figure is made from the data, in plain English
    of_what: str  # what the records are, plural: "tenders", "contracts", "awards"
    one: str  # and one of them: "tender"
    kind: str  # "share" (records that keep it), "money" (money that keeps it) or "pooled" (partners' share)
    years: list[YearFigure]  # the current financial year first, then each earlier one with records
    missing: str | None = None  # when no record has the field it needs: what to record instead of a figure

    @property
    def shown(self) -> bool:
        return self.missing is None

    def year(self, year: str) -> YearFigure | None:
        return next((y for y in self.years if y.year == year), None)


# --- each promise: the records behind it, year by year ------------------------------------


def _award_evidence(a: Award, kept, detail: str, **kw) -> Evidence:
    return Evidence("awards", a.id, a.title, kept, detail, **kw)


def _tender_evidence(t: Tender, kept, detail: str) -> Evidence:
    return Evidence("tenders", t.id, t.title, kept, detail)


def _counted(ds: Dataset) -> list[Award]:
    return sorted((a for a in ds.awards.values() if a.counted), key=lambda a: (a.award_date, a.id), reverse=True)


def _posted(ds: Dataset, today: date) -> list[Tender]:
    """The tenders published by today, newest first."""
    return sorted((t for t in ds.tenders.values() if t.published.date() <= today),
                  key=lambda t: (t.published, t.id), reverse=True)


def _tender_year(t: Tender) -> str:
    return financial_year_of(t.published.date())


def tenders_on_portal(ds: Dataset, today: date):
    org = ds.organisation
    portal = org.etendering_portal
    for t in _posted(ds, today):
        on_portal = on_the_portal(org, t)
        env, split = t.funding_envelope, t.quality_cost_split
        where = f"Posted on {portal.name}" if on_portal else f"Posted at {urlsplit(t.portal_url).hostname}, not on {portal.name}"
        yield _tender_year(t), _tender_evidence(t, on_portal, (
            f"{where}; funding envelope {format_money(env.amount)} {env.covers}; "
            f"quality {split.quality}%, cost {split.cost}%."))


def market_engagement(ds: Dataset, today: date):
    org = ds.organisation
    for t in _posted(ds, today):
        if not market_engagement_expected(org, t):
            continue
        events = sorted(t.market_engagement, key=lambda e: e.start)
        if events:
            detail = "Market engagement on " + ", ".join(format_date(e.start.date()) for e in events) + "."
        else:
            detail = "No market engagement recorded."
        yield _tender_year(t), _tender_evidence(
            t, bool(events), f"Funding envelope {format_money(t.funding_envelope.amount)}. {detail}")


def _contracts(ds: Dataset):
    return [a for a in _counted(ds) if a.kind == "contract"]


def break_clauses(ds: Dataset, today: date):
    for a in _contracts(ds):
        clause = a.term.break_clause if a.term else None
        yield a.year, _award_evidence(a, bool(clause), clause or "No break clause recorded.")


def extensions_within(ds: Dataset, today: date):
    for a in _counted(ds):
        term = a.term
        if term is None:
            continue
        offered = term.offered_years
        within = offered <= term.initial_years and a.years_taken <= offered
        if not term.extensions:
            detail = f"{term.initial_years} years with no extension."
        else:
            detail = f"{term.shape}: extensions of {offered} in all, first period {term.initial_years}."
        if a.years_taken:
            detail += f" {a.years_taken} taken so far."
        yield a.year, _award_evidence(a, within, detail)


def single_tender_actions(ds: Dataset, today: date):
    org = ds.organisation
    for a in _counted(ds):
        sta = a.single_tender_action
        if sta is None:
            continue
        band = sign_off_band(org, sta.value)
        right = sta.ground in STA_GROUND and signed_off_as_banded(org, sta)
        detail = f"{STA_GROUND[sta.ground]}. {format_money(sta.value)} signed off by {sta.signed_off_by}"
        detail += "." if right or band is None else f", but its band needs the {band.signed_off_by}."
        yield a.year, _award_evidence(a, right, detail)


COVERAGE_GROUPS = (*COVERAGE.items(), *COVERAGE_REASON.items())


def countywide(ds: Dataset, today: date):
    for a in _counted(ds):
        if isinstance(a.coverage, Area):
            c = a.coverage
            explained = bool(c.explanation and c.explanation.strip())
            yield a.year, _award_evidence(a, explained, f"{c.area} only, {COVERAGE_REASON.in_sentence[c.reason]}: {c.explanation}",
                                          amount=a.amount, group=c.reason)
        else:
            yield a.year, _award_evidence(a, True, "Countywide.", amount=a.amount, group="countywide")


def outcome_reports(ds: Dataset, today: date):
    """Each report due by today: received on time (within the grace days), late, or overdue now.
    A report counts in the financial year its six months end in."""
    grace = ds.organisation.outcome_report_grace_days
    for a in _counted(ds):
        for r in sorted(a.outcome_reports, key=lambda r: r.period_end, reverse=True):
            due_by = r.period_end + timedelta(days=grace)
            late = (r.received - due_by).days
            when = "on time" if late <= 0 else f"{late} day{'' if late == 1 else 's'} late"
            yield financial_year_of(r.period_end), _award_evidence(a, late <= 0, (
                f"Six months to {format_date(r.period_end)}: received {format_date(r.received)}, {when}."))
        overdue = a.report_overdue(today, grace)
        if overdue is not None:
            yield financial_year_of(overdue), _award_evidence(a, False, (
                f"Six months to {format_date(overdue)}: not received, overdue since "
                f"{format_date(overdue + timedelta(days=grace + 1))}."))


def co_commissioned(ds: Dataset, today: date):
    for a in _counted(ds):
        if not a.co_commissioners:
            continue
        shares = ", ".join(f"{c.name} {format_money(c.contribution)}" for c in a.co_commissioners)
        yield a.year, _award_evidence(a, True, f"Pooled {format_money(a.pooled_total)}: ours {format_money(a.amount)}, {shares}.",
                                      amount=a.pooled_total, part=a.co_commissioners_total)


def local_third_sector(ds: Dataset, today: date):
    for a in _counted(ds):
        r = a.recipient
        if r.sector is None or r.based is None:
            said = [w for w in (r.sector and SECTOR[r.sector], r.based and BASED[r.based]) if w]
            yield a.year, _award_evidence(a, None, f"{r.name}: " + (
                f"{said[0]}; the file does not say {'where it is based' if r.sector else 'what kind of organisation it is'}."
                if said else "the file does not say what kind of organisation it is or where it is based."),
                amount=a.amount)
            continue
        kept = r.sector in THIRD_SECTOR and r.based == "local"
        yield a.year, _award_evidence(a, kept, f"{r.name}: {SECTOR[r.sector]}, {BASED[r.based].lower()}.",
                                      amount=a.amount, part=a.amount if kept else Decimal(0))


def upstream(ds: Dataset, today: date):
    for a in _counted(ds):
        if a.focus is None:
            yield a.year, _award_evidence(a, None, "The file does not say the service's focus.", amount=a.amount)
            continue
        kept = a.focus in UPSTREAM
        yield a.year, _award_evidence(a, kept, f"{FOCUS[a.focus]}.", amount=a.amount,
                                      part=a.amount if kept else Decimal(0), group=a.focus)


def service_users_in_evaluation(ds: Dataset, today: date):
    for t in _posted(ds, today):
        if t.cancelled is not None:
            continue  # stopped before any award: no evaluation to take part in
        e = t.evaluation
        detail = ("Service users take part in the evaluation." if e.service_users
                  else "Service users do not take part in the evaluation.")
        if e.service_users_how:
            detail += " " + e.service_users_how
        yield _tender_year(t), _tender_evidence(t, e.service_users, detail)


# --- the promises, in the strategy's order ----------------------------------------------


@dataclass(frozen=True)
class Definition:
    id: str
    title: str
    strategy: str
    measure: str
    of_what: str
    one: str
    kind: str
    records: Callable[[Dataset, date], Iterable[tuple[str, Evidence]]]
    groups: tuple[tuple[str, str], ...] = ()
    # the data it needs that an office may not record yet: (does a record have it?, what to record)
    needs: tuple[Callable[[Dataset], bool], str] | None = None


def _any_recipient_says(ds: Dataset) -> bool:
    return any(a.recipient.sector is not None and a.recipient.based is not None for a in ds.awards.values())


def _any_focus(ds: Dataset) -> bool:
    return any(a.focus is not None for a in ds.awards.values())


DEFINITIONS: tuple[Definition, ...] = (
    Definition("tenders-on-the-portal", "Tenders posted on the eTendering portal",
               "All tenders are posted on the eTendering portal, showing the funding envelope and how marks are "
               "split between quality and cost.",
               "Each tender published in the year: whether its notice is on our eTendering portal. Every tender "
               "shows its funding envelope and quality and cost split (the build refuses one without).",
               "tenders", "tender", "share", tenders_on_portal),
    Definition("market-engagement", "Market engagement before large tenders",
               "Market engagement is held for tenders above the procurement threshold.",
               "Each tender published in the year whose funding envelope is above the procurement threshold in "
               "organisation.yml: whether it records a market engagement event.",
               "tenders", "tender", "share", market_engagement),
    Definition("break-clauses", "Contracts with a break clause",
               "Every contract includes a break clause for both parties.",
               "Each contract counted in the year: whether its term records a break clause.",
               "contracts", "contract", "share", break_clauses),
    Definition("extensions", "Extensions no longer than the first period",
               "Contracts are offered for a first period with extensions that together are no longer than it, "
               "for example three plus one.",
               "Each award with a term counted in the year: whether the extensions offered add up to no more than "
               "the first period, and the extensions taken to no more than those offered.",
               "awards with a term", "award with a term", "share", extensions_within),
    Definition("single-tender-actions", "Single tender actions with an allowed ground and the right sign-off",
               "A single tender action is used only when just one supplier can do the work for technical reasons, "
               "or to keep continuity of supply, and is signed off according to its value.",
               "Each single tender action counted in the year: whether it gives one of the two allowed grounds and "
               "was signed off by the person its value's band in organisation.yml names.",
               "single tender actions", "single tender action", "share", single_tender_actions),
    Definition("countywide", "Services across the whole county",
               "Services must be accessible across the entire county, unless the service is a pilot or meets a "
               "locally identified need.",
               "Each award counted in the year: countywide, or a pilot or local-need service that explains why.",
               "awards", "award", "share", countywide, groups=COVERAGE_GROUPS),
    Definition("outcome-reports", "Outcome reports received on time",
               "Every provider completes an outcome reporting form every six months.",
               "Each six-monthly report due, by the financial year its six months end in: received within the "
               "days allowed after the period (organisation.yml's `outcome_report_grace_days`), received late, or "
               "not received and now overdue.",
               "outcome reports", "outcome report", "share", outcome_reports),
    Definition("co-commissioning", "Co-commissioned services and pooled budgets",
               "Co-commissioning and pooled budgets with partners enable a more comprehensive service and reduce "
               "the burden of reporting on providers.",
               "Each co-commissioned award counted in the year, with the pooled budget and what the partners put in.",
               "co-commissioned awards", "co-commissioned award", "pooled", co_commissioned),
    Definition("local-third-sector", "Money to locally based third-sector providers",
               "Locally based third-sector service providers will be valued and given opportunities to co-design "
               "service provision.",
               "The money awarded in the year to charities, community groups and social enterprises based in our "
               "area, as a share of the money to recipients whose files say their kind and where they are based.",
               "awards", "award", "money", local_third_sector,
               needs=(_any_recipient_says, "No award file says yet what kind of organisation its recipient is and "
                      "where it is based (the recipient's `sector` and `based`).")),
    Definition("upstream", "Money for prevention and early intervention",
               "Resources will be allocated upstream with a focus on prevention and early intervention.",
               "The money awarded in the year to services whose focus is prevention or early intervention, as a "
               "share of the money to awards whose files say their focus.",
               "awards", "award", "money", upstream, groups=tuple(FOCUS.items()),
               needs=(_any_focus, "No award file says yet what its service focuses on (the award's `focus`).")),
    Definition("service-users-in-evaluation", "Service users in the evaluation of tenders",
               "Multi-agency evaluation of tenders; service users will be invited to take part where possible.",
               "Each tender published in the year and not cancelled: whether service users take part in its "
               "evaluation, and how.",
               "tenders", "tender", "share", service_users_in_evaluation),
)


def measure(ds: Dataset, today: date, fewest: int = FEWEST_FOR_PERCENT) -> list[Promise]:
    """Every promise's figure for the current financial year and each earlier one with records,
    newest first, each with its evidence."""
    current = financial_year_of(today)
    out = []
    for d in DEFINITIONS:
        missing = d.needs[1] if d.needs and not d.needs[0](ds) else None
        by_year: dict[str, list[Evidence]] = {}
        if missing is None:
            for year, evidence in d.records(ds, today):
                if year <= current:  # "2026/27" sorts by year
                    by_year.setdefault(year, []).append(evidence)
        years = sorted(set(by_year) | {current}, reverse=True)
        out.append(Promise(d.id, d.title, d.strategy, d.measure, d.of_what, d.one, d.kind,
                           [YearFigure(y, by_year.get(y, []), d.groups, fewest) for y in years], missing))
    return out
