"""The strategy's rules, checked across the whole dataset.

Types, required fields and spellings are checked while reading (convert.py);
these are the rules that need more than one field or more than one file. Each
returns Problems that name the file, line and field and say how to fix it.
The section after finds likely mistakes, which are warnings (problems.py): an
award's `not_a_mistake` silences them, and they never stop publishing.
The last checks the drafts (files with `draft: true`, never published): what
each still needs, and, once it has everything, every rule here, as warnings.
"""
from __future__ import annotations

import difflib
import re
from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from pathlib import Path
from urllib.parse import urlsplit

from . import describe
from .convert import DRAFT
from .dataset import FOLDERS, Dataset, load
from .dates import financial_year_start, format_date, term_end, years
from .vocabulary import NOTICE_TYPE
from .identifiers import grant_identifier, recipient_org_id
from . import notices
from .model import Award, Organisation, SignOffBand, SingleTenderAction, Tender, Term, WarningCode
from .money import format_money
from . import places
from .orgids import COMPANY_NUMBER, NOT_A_CHARITY_NUMBER, NOT_A_COMPANY_NUMBER, charity_org_id, is_unregistered
from .problems import ERROR, NOTE, WARNING, Problem, short
from .project import template_pages

TITLE_MAX = 140  # 360Giving's data quality tool flags longer titles
OCID_PREFIX = re.compile(r"^ocds-[a-z0-9]{6}$", re.ASCII)  # OCDS 1.1: a registered prefix is exactly this
# Below these an award is more likely a slip of the keyboard (64 for 64000, 2.50 for
# 2500) than real: the smallest grants the strategy's schemes make are some hundreds of
# pounds, and a contract is rarely let for less than £1,000. A warning, not an error, so
# a real small award is published once its file says `not_a_mistake: [small-amount]`.
# EDITING.md, "Warnings", gives these amounts to staff.
SMALLEST_LIKELY = {"grant": Decimal(100), "contract": Decimal(1000)}
DUPLICATE: WarningCode = "likely-duplicate"
SMALL: WarningCode = "small-amount"
BEFORE_FUND: WarningCode = "before-first-budget"
LATE_EXTENSION: WarningCode = "late-extension"
BEFORE_ROUND_CLOSED: WarningCode = "before-round-closed"
ABOVE_ROUND_MAXIMUM: WarningCode = "above-round-maximum"


@dataclass(frozen=True)
class Requirement:
    """A field the rules require of some records, though the model lets other records leave it out.

    The one list of them (REQUIREMENTS) is what the build checks here and what the web form shows
    and checks (cms.py), so the two cannot disagree about which field a record needs."""
    record: type  # Award or Tender
    field: str  # `term.start`: inside a group, needed only when the group is given
    label: str  # said after the field's name in the form: "Purpose (required for grants)"
    message: str  # the build's words when it is missing
    # the record's fields and the value that needs it (or the values, any of which does)
    when: tuple[tuple[str, str | tuple[str, ...]], ...] = ()
    fund_flag: str | None = None  # and only if the award's fund has this set (crime and disorder reduction)

    def holds(self, value_of) -> bool:
        """Whether a record's values (`value_of(field)`) are ones that need the field (the fund aside)."""
        return all(value_of(k) in (v if isinstance(v, tuple) else (v,)) for k, v in self.when)


BREAK_CLAUSE_MESSAGE = ("every contract must have a break clause for both parties (the strategy says one is always "
                        "included): add `break_clause`, for example \"Either party may end the contract with 6 months' notice\"")
REQUIREMENTS: tuple[Requirement, ...] = (
    # the Specified Information Order asks for a grant's purpose and conditions
    *(Requirement(Award, field, "required for grants", f"a grant must say its `{field}`: add it (the law requires it to be published)",
                  when=(("kind", "grant"),)) for field in ("purpose", "conditions")),
    Requirement(Award, "crime_reduction_reasons", "required for crime and disorder reduction grants", (
        "a crime and disorder reduction grant must say why it is expected to reduce crime and "
        "disorder: add `crime_reduction_reasons`"), when=(("kind", "grant"),), fund_flag="crime_and_disorder_reduction"),
    Requirement(Award, "term", "required for contracts", (
        "a contract needs a `term`: add `start`, `initial_years`, `extensions` and `break_clause`"),
        when=(("kind", "contract"),)),
    Requirement(Award, "term.start", "required with a term", "add the first day of the contract, for example `start: 2026-04-01`"),
    Requirement(Award, "term.break_clause", "required for contracts", BREAK_CLAUSE_MESSAGE, when=(("kind", "contract"),)),
    Requirement(Tender, "term.break_clause", "required", BREAK_CLAUSE_MESSAGE),  # a tender is for a contract
    # a withdrawn or returned award stays published with its reason (issue 17), as a de-commissioned one does
    Requirement(Award, "status_note", "required for de-commissioned, withdrawn and returned awards", (
        "say why the status changed (why the service was de-commissioned, the award withdrawn, or the money "
        "given back): add `status_note`; it is published"), when=(("status", ("de-commissioned", "withdrawn", "returned")),)),
)


def check_requirements(record, where, fund=None) -> list[Problem]:
    """The fields REQUIREMENTS says this record needs and does not have."""
    out = []
    for req in REQUIREMENTS:
        if not isinstance(record, req.record) or not req.holds(lambda k: getattr(record, k)):
            continue
        if req.fund_flag and not (fund is not None and getattr(fund, req.fund_flag)):
            continue
        *groups, name = req.field.split(".")
        holder = record
        for group in groups:
            holder = getattr(holder, group)
        if holder is not None and getattr(holder, name) in (None, "", [], ()):
            out.append(where.problem(req.field, req.message))
    return out


def load_checked(data_dir, today: date, cache=None, history: bool = False) -> tuple[Dataset, list[Problem]]:
    """The data folder read, every rule checked and every likely mistake found: what `validate`
    reports and the build prints (problems.errors() says which of them stop publishing).
    With `history`, also when each file last changed (`Dataset.changed`), for the build's pages.
    A page of the content folder beside the data still left as `new`'s template is a warning too."""
    ds, problems = load(data_dir, cache, today if history else None)
    return ds, (problems + check(ds, today) + check_warnings(ds) + check_notices_owed(ds, today) + check_drafts(ds, today)
                + template_pages(Path(data_dir).parent))


def check(ds: Dataset, today: date) -> list[Problem]:
    """Every rule over the whole dataset; an empty list means the data may be published."""
    problems: list[Problem] = []
    if ds.organisation:
        problems += check_organisation(ds)
    if ds.scoring:
        problems += check_scoring(ds)
    for fund in ds.funds.values():
        problems += check_fund(ds, fund.id)
    for award in ds.awards.values():
        problems += check_award(ds, award, today)
    for tender in ds.tenders.values():
        problems += check_tender(ds, tender.id, today)
    for round_id in ds.rounds:
        problems += check_round(ds, round_id)
    problems += check_budgets(ds)
    problems += check_notices(ds, today)
    return problems


def _ref(ds: Dataset, folder: str, id: str, where, field: str, what: str) -> list[Problem]:
    """A reference to another file must name one that exists."""
    records = getattr(ds, folder)
    if id in records or id in ds.broken[folder]:
        return []
    if id in ds.drafts[folder]:
        return [where.problem(field, (
            f"the {what} `{id}` is a draft, not published yet ({ds.where_of(folder, id).path} has "
            f"`{DRAFT}: true`), so this cannot be published either: finish the {what} and delete that line, "
            f"or add `{DRAFT}: true` to this file too"))]
    near = difflib.get_close_matches(id, list(records), n=1)
    hint = f"; did you mean `{near[0]}`?" if near else f": check the file name in data/{folder}/"
    return [where.problem(field, f"there is no {what} `{id}` (no file data/{folder}/{id}.yml){hint}")]


def check_organisation(ds: Dataset) -> list[Problem]:
    org, where = ds.organisation, ds.where_of("organisation")
    out = []
    bands = org.single_tender_action_sign_off
    limits = [b.up_to for b in bands]
    if not bands:
        out.append(where.problem("single_tender_action_sign_off", "list at least one sign-off band"))
    elif any(u is None for u in limits[:-1]) or limits != sorted(limits, key=lambda u: (u is None, u)):
        out.append(where.problem("single_tender_action_sign_off", (
            "list the bands from the lowest value to the highest, with `up_to` on every band "
            "but the last")))
    ids = [o.id for o in org.shared_outcomes]
    for i, o in enumerate(org.shared_outcomes):
        if o.id in ids[:i]:
            out.append(where.problem(f"shared_outcomes[{i + 1}].id", f"the outcome id `{o.id}` is used twice"))
    for field in ("grant_id_prefix", "org_id"):
        if re.search(r"[\s/]", getattr(org, field)):
            out.append(where.problem(field, "identifiers may not contain spaces, line breaks or slashes"))
    if not OCID_PREFIX.match(org.ocid_prefix):
        out.append(where.problem("ocid_prefix", (
            f"`{org.ocid_prefix}` is not an Open Contracting prefix: it is `ocds-` and six lower-case letters or "
            "digits, for example `ocds-a1b2c3`, given when you register with the Open Contracting Partnership "
            "(https://standard.open-contracting.org/latest/en/schema/identifiers/)")))
    if org.force_area_code is not None and (message := places.force_area_problem(org.force_area_code)):
        out.append(where.problem("force_area_code", message))
    return out


def check_unregistered_id(ds: Dataset, org_id: str, where) -> list[Problem]:
    """A 360Giving id for a group registered nowhere is ours (360Giving's guidance: the funder's
    prefix and the funder's own id for the group) and is not also one of our grants' ids."""
    prefix = ds.organisation.grant_id_prefix
    own = org_id.removeprefix(f"{prefix}-")
    if own == org_id:
        return [where.problem("recipient.org_id", (
            f"`{short(org_id)}` is a 360Giving identifier that does not start with our prefix `{prefix}-` "
            "(`grant_id_prefix` in organisation.yml): for a group with no registered number, write our prefix, "
            f"a hyphen and our own id for the group, for example `{prefix}-org-1`"))]
    if own in ds.awards and grant_identifier(ds.organisation, ds.awards[own]) == org_id:
        return [where.problem("recipient.org_id", (
            f"`{short(org_id)}` is also the 360Giving identifier of the award `{own}`: put `org-` before our "
            f"id for the group, for example `{prefix}-org-{own}`"))]
    return []


def check_scoring(ds: Dataset) -> list[Problem]:
    """The scale is the office's own (0 to 4, 1 to 5, 0 to 5...); what any scale needs is scores that
    go up by one, lowest first, each with its own label, and as many as the strategy promises."""
    where, scoring = ds.where_of("scoring"), ds.scoring
    scores = [s.score for s in scoring.scores]
    found = ", ".join(map(str, scores)) or "none"
    if len(scores) < 2 or scores != list(range(scores[0], scores[0] + len(scores))):
        return [where.problem("scores", (
            "the scores go up by one from the lowest, lowest first, for example 0, 1, 2, 3, 4 "
            f"or 1, 2, 3, 4, 5; found {found}"))]
    if scoring.points is not None and scoring.points != len(scores):
        return [where.problem("scores", (
            f"`points` says the scale has {scoring.points} points, but `scores` has {len(scores)} "
            f"({found}): add or remove scores, or change `points`"))]
    out, seen = [], {}
    for i, s in enumerate(scoring.scores):
        if (key := s.label.casefold()) in seen:
            out.append(where.problem(f"scores[{i + 1}].label", (
                f"the label `{s.label}` is also the label of score {seen[key]}: give each score its own label")))
        seen.setdefault(key, s.score)
    return out


def check_fund(ds: Dataset, id: str) -> list[Problem]:
    fund, where = ds.funds[id], ds.where_of("funds", id)
    out = []
    if fund.route == "via-partner" and fund.partner is None:
        out.append(where.problem("partner", "a fund run `via-partner` must name the partner: add `partner` with `name` and `url`"))
    for fy in fund.over_budget_explanations:
        if fy not in fund.budgets:
            out.append(where.problem(f"over_budget_explanations.{fy}", f"there is no budget for {fy} to explain"))
    return out


def check_term(term: Term, where, field: str) -> list[Problem]:
    """The term's lengths and dates (which of its fields a record needs: REQUIREMENTS)."""
    out = []
    if term.initial_years < 1:
        out.append(where.problem(f"{field}.initial_years", "the first period must be at least 1 year"))
    plus = term.offered_years
    if plus > term.initial_years:
        shape = term.shape
        out.append(where.problem(f"{field}.extensions", (
            f"the extensions add up to {years(plus)}, longer than the first period of "
            f"{years(term.initial_years)} ({shape}): the strategy allows extensions that together are no "
            f"longer than the first period, such as 3 plus 1; shorten the extensions or lengthen `initial_years`")))
    if any(e < 1 for e in term.extensions):
        out.append(where.problem(f"{field}.extensions", "each extension is at least 1 year"))
    if term.start is not None:
        try:  # the site prints the end dates: a term that cannot end in the calendar would stop the build
            term.extended_end
        except (ValueError, OverflowError):
            out.append(where.problem(f"{field}.start", (
                f"a term of {years(term.initial_years + plus)} from {term.start.isoformat()} would end after "
                "the year 9999: check `start`, `initial_years` and `extensions`")))
    return out


def _current_end(award: Award) -> date | None:
    """The last day of an award's term as it stands (the first period and the extensions taken),
    or None if it has no start or cannot be right (check_term and check_extensions_taken report that)."""
    term = award.term
    if term is None or term.start is None or term.initial_years < 1 or any(e.years < 1 for e in award.extensions_taken):
        return None  # a term the rules refuse has no end worth comparing
    try:
        return award.current_end
    except (ValueError, OverflowError):
        return None


def sign_off_band(org: Organisation, value: Decimal) -> SignOffBand | None:
    """The band a single tender action of this value falls in ("up to £150,000" includes £150,000)."""
    for band in org.single_tender_action_sign_off:
        if band.up_to is None or value <= band.up_to:
            return band
    return None


def signed_off_as_banded(org: Organisation, sta: SingleTenderAction) -> bool:
    """Whether a single tender action was signed off by the person its value's band names
    (a value no band covers cannot be wrong: check_organisation reports the missing band)."""
    band = sign_off_band(org, sta.value)
    return band is None or sta.signed_off_by.strip().casefold() == band.signed_off_by.strip().casefold()


def on_the_portal(org: Organisation, tender: Tender) -> bool:
    """Whether a tender's notice is on the office's eTendering portal (its address's host)."""
    return urlsplit(tender.portal_url).hostname == urlsplit(org.etendering_portal.url).hostname


def market_engagement_expected(org: Organisation, tender: Tender) -> bool:
    """Whether a tender is above the procurement threshold, where the strategy expects market
    engagement and national advertising (organisation.yml's `procurement_threshold`)."""
    return tender.funding_envelope.amount > org.procurement_threshold


def check_award(ds: Dataset, award: Award, today: date) -> list[Problem]:
    where = ds.where_of("awards", award.id)
    out = _ref(ds, "funds", award.fund, where, "fund", "fund")
    out += check_award_quality(award, where, today)
    out += check_recipient(ds, award, where)
    out += check_places(award, where)
    # fields this kind of award needs (a grant's purpose, a contract's term...), then terms
    out += check_requirements(award, where, ds.funds.get(award.fund))
    if award.term is not None:
        out += check_term(award.term, where, "term")
    out += check_single_tender_action(ds.organisation, award, where)
    out += check_route(ds.organisation, award, where)
    out += check_award_references(ds, award, where)
    out += check_award_round(ds, award, where)
    out += check_award_dates(award, where, today)
    out += check_amount_by_year(award, where)
    out += check_extensions_taken(award, where, today)
    return out


def check_award_quality(award: Award, where, today: date) -> list[Problem]:
    """360Giving's data quality checks."""
    out = []
    if award.amount == 0:
        out.append(where.problem("amount", "an award of £0 is not an award: enter the amount awarded, or delete the file"))
    if len(award.title) >= TITLE_MAX:
        out.append(where.problem("title", f"the title is {len(award.title)} characters: keep it under {TITLE_MAX} and put detail in `description`"))
    if award.title.strip().casefold() == award.description.strip().casefold():
        out.append(where.problem("description", "the description repeats the title: say what the money pays for"))
    if award.award_date > today:
        out.append(where.problem("award_date", (
            f"{format_date(award.award_date)} is after today ({format_date(today)}): record an award once it is made")))
    return out


def check_recipient(ds: Dataset, award: Award, where) -> list[Problem]:
    """The recipient's official identity: a valid charity or company number, or a known org id."""
    out = []
    r = award.recipient
    if r.charity_number is not None and charity_org_id(r.charity_number) is None:
        out.append(where.problem("recipient.charity_number", NOT_A_CHARITY_NUMBER.format(text=short(r.charity_number))))
    if r.company_number is not None and not COMPANY_NUMBER.fullmatch(r.company_number):
        out.append(where.problem("recipient.company_number", NOT_A_COMPANY_NUMBER.format(text=r.company_number)))
    if not (r.charity_number or r.company_number or r.org_id):
        out.append(where.problem("recipient", (
            "say who the recipient is officially: add `charity_number`, `company_number` or `org_id`")))
    if r.org_id and is_unregistered(r.org_id) and ds.organisation:
        out += check_unregistered_id(ds, r.org_id, where)
    return out


def check_places(award: Award, where) -> list[Problem]:
    """The postcode and area code the 360Giving data maps the award by (places.py knows their shapes).
    A postcode written in other capitals or spacing is read all the same (check_postcode_as_written)."""
    out = []
    written = award.recipient.postcode
    if written is not None and places.postcode(written) is None:
        out.append(where.problem("recipient.postcode", places.NOT_A_POSTCODE.format(text=short(written))))
    area = award.coverage
    if not isinstance(area, str) and area.code is not None and (message := places.area_code_problem(area.code)):
        out.append(where.problem("coverage.code", message))
    return out


def check_single_tender_action(org: Organisation | None, award: Award, where) -> list[Problem]:
    """A single tender action is recorded exactly when the route says so, signed off by its value's band."""
    out = []
    sta = award.single_tender_action
    if (award.procurement_route == "single-tender-action") != (sta is not None):
        if sta is None:
            out.append(where.problem("single_tender_action", (
                "the procurement route is a single tender action: add `single_tender_action` with "
                "`ground`, `reason`, `value` and `signed_off_by`")))
        else:
            out.append(where.problem("procurement_route", (
                "this award has a `single_tender_action`: set `procurement_route: single-tender-action`")))
    if sta is not None and org is not None:
        band = sign_off_band(org, sta.value)
        if not signed_off_as_banded(org, sta):
            limit = f"up to {format_money(band.up_to)}" if band.up_to is not None else "in the top band"
            out.append(where.problem("single_tender_action.signed_off_by", (
                f"a single tender action of {format_money(sta.value)} is {limit} and must be signed off by "
                f"the {band.signed_off_by}, not `{sta.signed_off_by}` (bands are in data/organisation.yml)")))
    return out


def check_route(org: Organisation | None, award: Award, where) -> list[Problem]:
    """Co-commissioning names its partners; three quotes stay under the procurement threshold."""
    out = []
    if award.procurement_route == "co-commissioned" and not award.co_commissioners:
        out.append(where.problem("co_commissioners", (
            "a co-commissioned award must name its partners and what each puts in: add `co_commissioners`")))
    if (award.kind == "contract" and org is not None and award.procurement_route == "three-quotes"
            and award.amount > org.procurement_threshold):
        out.append(where.problem("procurement_route", (
            f"a contract of {format_money(award.amount)} is above the procurement threshold of "
            f"{format_money(org.procurement_threshold)}: it must be tendered, not bought with three quotes")))
    return out


def check_award_references(ds: Dataset, award: Award, where) -> list[Problem]:
    """The tender it came from lists it back; its outcomes are the office's shared outcomes."""
    out = []
    if award.kind == "contract" and award.tender is None and award.id in ds.tenders:
        # an untendered contract is its own contracting process in OCDS, named by its id
        out.append(where.problem("tender", (
            f"a tender is also called `{award.id}`: give this award's file a different name, or, if it came "
            f"from that tender, add `tender: {award.id}`")))
    if award.tender is not None:
        out += _ref(ds, "tenders", award.tender, where, "tender", "tender")
        tender = ds.tenders.get(award.tender)
        if tender is not None and award.id not in tender.awarded:
            out.append(where.problem("tender", (
                f"the tender `{award.tender}` does not list this award: add `{award.id}` to `awarded` "
                f"in data/tenders/{award.tender}.yml")))
    if ds.organisation is not None:
        known = {o.id for o in ds.organisation.shared_outcomes}
        for i, outcome in enumerate(award.outcomes):
            if outcome not in known:
                near = difflib.get_close_matches(outcome, sorted(known), n=1)
                hint = f"; did you mean `{near[0]}`?" if near else f": use one of {', '.join(sorted(known))}"
                out.append(where.problem(f"outcomes[{i + 1}]", f"there is no shared outcome `{outcome}`{hint}"))
    return out


def check_award_round(ds: Dataset, award: Award, where) -> list[Problem]:
    """The funding round an award names exists, is of the award's fund, and had opened by the
    award's date. (Dated before the round closed, or more than its maximum: warnings, below.)"""
    if award.round is None:
        return []
    out = _ref(ds, "rounds", award.round, where, "round", "funding round")
    rnd = ds.rounds.get(award.round)
    if rnd is None:
        return out
    if rnd.fund != award.fund:
        out.append(where.problem("round", (
            f"the funding round `{rnd.id}` gives grants from the fund `{rnd.fund}`, but this award is paid "
            f"from `{award.fund}`: correct the award's `fund` or `round` (data/rounds/{rnd.id}.yml says the fund)")))
    if award.award_date < rnd.opens:
        out.append(where.problem("award_date", (
            f"{format_date(award.award_date)} is before the funding round `{rnd.id}` opened "
            f"({format_date(rnd.opens)}): an award from a round is made after applications open; "
            "check the date, or whether the award came from another round")))
    return out


def check_award_dates(award: Award, where, today: date) -> list[Problem]:
    """Dates that cannot all be true: still active after the term, reports before their period."""
    out = []
    started = award.term.start if award.term is not None and award.term.start is not None else award.award_date
    ends = _current_end(award)
    if award.status == "active" and ends is not None and ends < today:
        taken = " with the extensions taken" if award.extensions_taken else ""
        still_offered = award.term.offered_years > award.years_taken
        offered = (" If it was extended, record the extension under `extensions_taken` (when it was agreed, "
                   "for how many years, its value); if not, set") if still_offered else " Set"
        out.append(where.problem("status", (
            f"the term ended on {format_date(ends)}{taken}, so this cannot still be `active`.{offered} "
            "`status: ended` (or `de-commissioned`), or correct the term's `start` and length")))
    if award.status_date is not None and award.status_date > today:
        out.append(where.problem("status_date", (
            f"{format_date(award.status_date)} is after today: record a change of status once it has happened")))
    for i, report in enumerate(award.outcome_reports):
        if report.received < report.period_end <= today:  # a period still to come is reported below
            out.append(where.problem(f"outcome_reports[{i + 1}].received", (
                f"received on {format_date(report.received)}, before the end of the period it reports on "
                f"({format_date(report.period_end)}): a report arrives after its six months end; check both dates")))
        if report.period_end < started:
            began = "the contract started" if started != award.award_date else "the award was made"
            out.append(where.problem(f"outcome_reports[{i + 1}].period_end", (
                f"the period reported on ends on {format_date(report.period_end)}, before {began} "
                f"({format_date(started)}): check `period_end`, or whether the report belongs to another award")))
        if report.received > today:
            out.append(where.problem(f"outcome_reports[{i + 1}].received", (
                f"{format_date(report.received)} is after today: record a report once it is received")))
        if report.period_end > today:
            out.append(where.problem(f"outcome_reports[{i + 1}].period_end", (
                f"{format_date(report.period_end)} is after today: a report covers six months that have "
                "ended; check the date")))
    return out


# --- a contract's life: extensions taken, value by financial year, withdrawn and cancelled ---------


def check_amount_by_year(award: Award, where) -> list[Problem]:
    """A split award's years add up to its amount and none comes before the year it was awarded in
    (each year's budget is checked with the others, check_budgets)."""
    split = award.amount_by_year
    if not split:
        return []
    out = []
    total = sum(split.values(), Decimal(0))
    if total != award.amount:
        more_or_less = "more" if total > award.amount else "less"
        out.append(where.problem("amount_by_year", (
            f"the years add up to {format_money(total)}, but `amount` is {format_money(award.amount)} "
            f"({format_money(abs(total - award.amount))} {more_or_less}): correct the years or the amount, "
            "so that together they are the whole award")))
    for fy in sorted(split):
        if fy < award.year:  # "2025/26" sorts by year
            out.append(where.problem(f"amount_by_year.{fy}", (
                f"{fy} is before the award's financial year ({award.year}): an award is paid from the year "
                "it is made in and the years after; correct the year, or the award's date or `financial_year`")))
    return out


def check_extensions_taken(award: Award, where, today: date) -> list[Problem]:
    """Extensions taken: of a term with a start, within what the term offers and never longer than the
    first period together (the strategy's rule, for what was taken as for what was offered), agreed by
    today. One agreed after the term it extends had ended is a warning (check_award_warnings)."""
    taken = award.extensions_taken
    term = award.term
    if not taken:
        return []
    if term is None or term.start is None:
        return [where.problem("extensions_taken", (
            "an extension extends a term: add the award's `term` with its `start`, `initial_years` and "
            "the `extensions` it offers"))]
    out = []
    for i, e in enumerate(taken):
        if e.years < 1:
            out.append(where.problem(f"extensions_taken[{i + 1}].years", "each extension is at least 1 year"))
        if e.agreed > today:
            out.append(where.problem(f"extensions_taken[{i + 1}].agreed", (
                f"{format_date(e.agreed)} is after today: record an extension once both parties have agreed it")))
    total, offered = award.years_taken, term.offered_years
    if total > offered:
        on_offer = f"offers {years(offered)} of extension" if offered else "offers no extension"
        out.append(where.problem("extensions_taken", (
            f"the extensions taken add up to {years(total)}, but the term {on_offer} (`term.extensions`): "
            "an extension beyond what the contract offers is a new contract; check the years, or the term's "
            "`extensions`")))
    elif total > term.initial_years:  # only reachable if the offer itself breaks the rule (check_term)
        out.append(where.problem("extensions_taken", (
            f"the extensions taken add up to {years(total)}, longer than the first period of "
            f"{years(term.initial_years)}: the strategy allows extensions that together are no longer than "
            "the first period")))
    return out


def check_cancellation(tender: Tender, where, today: date) -> list[Problem]:
    """A cancelled tender made no award, and was cancelled after it was published and by today."""
    c = tender.cancelled
    if c is None:
        return []
    out = []
    if tender.awarded:
        out.append(where.problem("cancelled", (
            "a tender that made an award was not cancelled: delete `cancelled`, or, if the award was "
            "withdrawn, keep `awarded` and record it on the award (`status: withdrawn`) instead")))
    if c.date < tender.published.date():
        out.append(where.problem("cancelled.date", (
            f"{format_date(c.date)} is before the tender was published ({format_date(tender.published.date())}): "
            "check the date; a tender never published is not cancelled, delete its file instead")))
    if c.date > today:
        out.append(where.problem("cancelled.date", (
            f"{format_date(c.date)} is after today: record a cancellation once it has happened")))
    return out


def check_round(ds: Dataset, id: str) -> list[Problem]:
    """A funding round's fund exists, its dates come in order and its amounts make sense."""
    rnd, where = ds.rounds[id], ds.where_of("rounds", id)
    out = _ref(ds, "funds", rnd.fund, where, "fund", "fund")
    if rnd.closes < rnd.opens:
        out.append(where.problem("closes", (
            f"the round closes on {format_date(rnd.closes)}, before it opens ({format_date(rnd.opens)}): "
            "check `opens` and `closes` (the first and last days applications can be made)")))
    if rnd.decisions_by is not None and rnd.decisions_by < rnd.closes:
        out.append(where.problem("decisions_by", (
            f"{format_date(rnd.decisions_by)} is before the round closes ({format_date(rnd.closes)}): "
            "decisions come after the last day to apply; check the date")))
    if rnd.maximum <= 0:
        out.append(where.problem("maximum", (
            "the most a grant can be must be more than £0: write it in pounds, for example `25000`")))
    if rnd.minimum is not None and rnd.minimum > rnd.maximum:
        out.append(where.problem("minimum", (
            f"the minimum ({format_money(rnd.minimum)}) is more than the maximum ({format_money(rnd.maximum)}): "
            "check the two amounts, or swap them")))
    return out


def check_tender(ds: Dataset, id: str, today: date) -> list[Problem]:
    tender, where = ds.tenders[id], ds.where_of("tenders", id)
    out = _ref(ds, "funds", tender.fund, where, "fund", "fund")
    split = tender.quality_cost_split
    if split.quality + split.cost != 100:
        out.append(where.problem("quality_cost_split", (
            f"quality {split.quality} and cost {split.cost} add up to {split.quality + split.cost}, not 100: "
            "the split is in percentages")))
    if tender.funding_envelope.amount == 0:
        out.append(where.problem("funding_envelope.amount", "the funding envelope must be more than £0"))
    out += check_requirements(tender, where)
    out += check_term(tender.term, where, "term")
    if not tender.published < tender.clarification_deadline:
        out.append(where.problem("clarification_deadline", "the clarification deadline must be after the notice is published"))
    if not tender.clarification_deadline < tender.submission_deadline:
        out.append(where.problem("submission_deadline", (
            "the submission deadline must be after the clarification deadline (and so after publication)")))
    if ds.organisation is not None:
        portal = ds.organisation.etendering_portal
        if not on_the_portal(ds.organisation, tender):
            out.append(where.problem("portal_url", (
                f"every tender is posted on {portal.name}: link to the notice there "
                f"(an address starting {portal.url})")))
    for i, award_id in enumerate(tender.awarded):
        if award_id in tender.awarded[:i]:
            out.append(where.problem(f"awarded[{i + 1}]", f"`{award_id}` is listed twice: keep one"))
            continue
        out += _ref(ds, "awards", award_id, where, f"awarded[{i + 1}]", "award")
        award = ds.awards.get(award_id)
        if award is not None and award.tender != tender.id:
            out.append(where.problem(f"awarded[{i + 1}]", (
                f"the award `{award_id}` does not name this tender: add `tender: {tender.id}` "
                f"to data/awards/{award_id}.yml")))
    out += check_cancellation(tender, where, today)
    return out


def check_budgets(ds: Dataset) -> list[Problem]:
    """What each fund's awards take from each year's budget (a split award in each of its years, an
    extension in the year it starts), against that year's budget."""
    if not ds.complete:
        return []  # a file that could not be read would make every total wrong
    totals: dict[tuple[str, str], Decimal] = defaultdict(Decimal)
    first: dict[tuple[str, str], tuple[Award, str]] = {}
    for award in ds.awards.values():
        for fy, value, field in award.budget_parts():
            key = (award.fund, fy)
            totals[key] += value
            first.setdefault(key, (award, field))
    out = []
    for (fund_id, fy), total in sorted(totals.items()):
        fund = ds.funds.get(fund_id)
        if fund is None:
            continue  # reported as an unknown fund
        where = ds.where_of("funds", fund_id)
        if fy not in fund.budgets:
            award, field = first[(fund_id, fy)]
            out.append(ds.where_of("awards", award.id).problem(field, (
                f"the fund `{fund_id}` has no budget for {fy}: add `{fy}:` under `budgets` in "
                f"data/funds/{fund_id}.yml, or correct the award's {_what_sets_year(field)}")))
        elif total > fund.budgets[fy] and fy not in fund.over_budget_explanations:
            out.append(where.problem(f"budgets.{fy}", (
                f"awards in {fy} add up to {format_money(total)}, {format_money(total - fund.budgets[fy])} more "
                f"than the budget of {format_money(fund.budgets[fy])}: correct the amounts or the budget, "
                f"or explain it under `over_budget_explanations`")))
    return out


def _what_sets_year(field: str) -> str:
    """In a message: what staff correct when a year has no budget."""
    if field.startswith("amount_by_year"):
        return "`amount_by_year`"
    if field.startswith("extensions_taken"):
        return "extension (its value counts in the year it starts)"
    return "date or financial year"


# --- warnings: likely mistakes, published all the same ------------------------------


def _warning(ds: Dataset, award: Award, code: WarningCode, field: str, message: str,
             right: str = "it is") -> list[Problem]:
    """A warning about `award`, unless its file says this one is not a mistake."""
    if code in award.not_a_mistake:
        return []
    where = ds.where_of("awards", award.id)
    how = f"if {right} right, add `not_a_mistake: [{code}]` to this file"
    return [replace(where.problem(field, f"{message}; {how}"), severity=WARNING)]


def recipient_identity(award: Award) -> str:
    """Who is paid, as the registers know them (the identifier the open data gives them);
    the name, without case, only when no number is given."""
    return recipient_org_id(award.recipient) or "name:" + award.recipient.name.strip().casefold()


def check_warnings(ds: Dataset) -> list[Problem]:
    """Likely mistakes across the awards: each is a warning, silenced by the award's own file."""
    out: list[Problem] = []
    alike: dict[tuple, list[Award]] = defaultdict(list)  # one pass, however many awards
    for award in ds.awards.values():
        alike[(recipient_identity(award), award.amount, award.award_date)].append(award)
        out += check_award_warnings(ds, award)
    for group in alike.values():
        for award in group if len(group) > 1 else ():
            others = " and ".join(ds.where_of("awards", a.id).path for a in group if a is not award)
            out += _warning(ds, award, DUPLICATE, "", (
                f"{others} {'has' if len(group) == 2 else 'have'} the same recipient, amount and date "
                f"({award.recipient.name}, {format_money(award.amount)}, {format_date(award.award_date)}): "
                "if this is the same award recorded twice, delete one file"),
                right="both are" if len(group) == 2 else "all are")
    return out


def check_award_warnings(ds: Dataset, award: Award) -> list[Problem]:
    out = []
    smallest = SMALLEST_LIKELY[award.kind]
    if 0 < award.amount < smallest:  # £0 is an error of its own
        out += _warning(ds, award, SMALL, "amount", (
            f"{format_money(award.amount)} is very little for a {award.kind} (less than {format_money(smallest)}): "
            "check the amount is in pounds and has all its digits"))
    out += check_late_extensions(ds, award)
    out += check_postcode_as_written(ds, award)
    out += check_round_warnings(ds, award)
    fund = ds.funds.get(award.fund)
    # With no budget for the award's year, check_budgets reports an error instead. This is
    # the case it cannot see: a `financial_year` with a budget, and a date before any.
    if fund is not None and award.year in fund.budgets:
        first = min(fund.budgets)  # "2017/18" sorts by year
        if award.award_date < (start := financial_year_start(first)):
            out += _warning(ds, award, BEFORE_FUND, "award_date", (
                f"{format_date(award.award_date)} is before the first year the fund `{award.fund}` has a "
                f"budget for ({first}, from {format_date(start)}): check the date and `financial_year`"))
    return out


def check_postcode_as_written(ds: Dataset, award: Award) -> list[Problem]:
    """A postcode pasted in small letters or with odd spaces ("pe29  6xx"): the open data publishes it
    as Royal Mail writes it, and the file is left as staff wrote it, so a warning asks them to write it
    so. Nothing to silence: writing it as published makes the warning go."""
    written = award.recipient.postcode
    found = places.postcode(written) if written is not None else None
    if found is None or found == written:
        return []
    where = ds.where_of("awards", award.id)
    return [replace(where.problem("recipient.postcode", places.POSTCODE_AS_WRITTEN.format(
        text=short(written), postcode=found)), severity=WARNING)]


def check_round_warnings(ds: Dataset, award: Award) -> list[Problem]:
    """An award from a funding round made before the round closed, or for more than the round's
    maximum. Warnings, not errors: a round may decide as applications arrive, and a panel may give
    more in a case it explains; but either is more often a wrong date, amount or round."""
    rnd = ds.rounds.get(award.round) if award.round is not None else None
    if rnd is None or rnd.fund != award.fund:
        return []  # no such round, or another fund's: errors of their own (check_award_round)
    out = []
    if rnd.opens <= award.award_date <= rnd.closes:  # before it opened is an error
        out += _warning(ds, award, BEFORE_ROUND_CLOSED, "award_date", (
            f"{format_date(award.award_date)} is not after the funding round `{rnd.id}` closed "
            f"({format_date(rnd.closes)}, the last day to apply): awards are made once the applications "
            "are all in; check the date"), right="the date is")
    if award.amount > rnd.maximum:
        out += _warning(ds, award, ABOVE_ROUND_MAXIMUM, "amount", (
            f"{format_money(award.amount)} is more than the most the funding round `{rnd.id}` gives "
            f"({format_money(rnd.maximum)}): check the amount and the round"), right="the amount is")
    return out


def check_late_extensions(ds: Dataset, award: Award) -> list[Problem]:
    """An extension agreed after the term it extends had ended. A warning, not an error: the paperwork
    is sometimes signed late while the service carried on, and refusing it would push staff to write a
    false date; but it is worth a second look, since a contract that has ended cannot be extended (a
    new agreement is a new award) and the public record should say what really happened."""
    term = award.term
    if not award.extensions_taken or term is None or term.start is None:
        return []
    out, so_far = [], term.initial_years
    for i, e in enumerate(award.extensions_taken):
        try:
            ended = term_end(term.start, so_far)
        except (ValueError, OverflowError):
            break
        if e.agreed > ended:
            out += _warning(ds, award, LATE_EXTENSION, f"extensions_taken[{i + 1}].agreed", (
                f"agreed on {format_date(e.agreed)}, after the term it extends had ended ({format_date(ended)}): "
                "an ended contract cannot be extended; check the date, or record a new award"), right="the date is")
        so_far += max(e.years, 0)
    return out


# --- the Procurement Act 2023's notices and thresholds (notices.py says what is owed) ----------


def check_notices(ds: Dataset, today: date) -> list[Problem]:
    """Errors in the notices recorded and in the office's thresholds."""
    out = check_thresholds(ds) if ds.organisation else []
    for folder, records, allowed in (("awards", ds.awards, notices.AWARD_TYPES),
                                     ("tenders", ds.tenders, notices.TENDER_TYPES)):
        for record in records.values():
            out += _check_record_notices(ds, folder, record, allowed, today)
    return out


def _check_record_notices(ds: Dataset, folder: str, record, allowed, today: date) -> list[Problem]:
    where, out = ds.where_of(folder, record.id), []
    for i, n in enumerate(record.notices, 1):
        if n.reference is None and n.url is None:
            out.append(where.problem(f"notices[{i}]", (
                "say which notice it is: add its Find a Tender identifier (`reference`, for example "
                "`012345-2026`) or its address (`url`)")))
        if n.type not in allowed:
            words = f"a {NOTICE_TYPE[n.type].lower()} ({n.type})"
            if folder == "tenders":
                fix = ("belongs to the award of the contract: move it to the award's file"
                       + (f" (data/awards/{record.awarded[0]}.yml)" if record.awarded else ""))
            else:
                fix = ("belongs to the tender: move it to the tender's file"
                       + (f" (data/tenders/{record.tender}.yml)" if record.tender else ""))
            out.append(where.problem(f"notices[{i}].type", f"{words} {fix}"))
        if n.published > today:
            out.append(where.problem(f"notices[{i}].published", (
                f"{format_date(n.published)} is after today: record a notice once it is published")))
    return out


def check_thresholds(ds: Dataset) -> list[Problem]:
    where, out = ds.where_of("organisation"), []
    sets = ds.organisation.procurement_act_thresholds
    for i, t in enumerate(sets, 1):
        field = f"procurement_act_thresholds[{i}]"
        if i > 1 and t.applies_from == sets[i - 2].applies_from:
            out.append(where.problem(f"{field}.applies_from", (
                f"two sets of thresholds apply from {format_date(t.applies_from)}: keep one")))
        elif i > 1 and t.applies_from < sets[i - 2].applies_from:
            out.append(where.problem(f"{field}.applies_from", (
                f"list the sets of thresholds oldest first: {format_date(t.applies_from)} comes before "
                f"{format_date(sets[i - 2].applies_from)}, the set above it")))
        for name in ("threshold", "light_touch", "notifiable"):
            if getattr(t, name) <= 0:
                out.append(where.problem(f"{field}.{name}", (
                    f"`{name}` must be more than £0: write the figure in pounds including VAT")))
    return out


def check_notices_owed(ds: Dataset, today: date) -> list[Problem]:
    """Each notice the Act requires, not recorded and past its deadline: a warning (the office
    may have published it and not yet recorded it), never an error."""
    if ds.organisation is None or check_thresholds(ds):
        return []  # with figures that cannot be right, what is owed cannot be judged
    out = []
    for o in notices.overdue(ds, today):
        words = NOTICE_TYPE[o.type].lower()
        out.append(replace(ds.where_of(o.folder, o.id).problem("notices", (
            f"{o.why}: a {words} ({o.type}) was due on Find a Tender by {format_date(o.due)}; once "
            "published, record it under `notices` with its date and identifier")), severity=WARNING))
    return out


# --- drafts: files with `draft: true`, never published ---------------------------------------

# What a file of each folder is called in messages.
WHAT = {"funds": "fund", "awards": "award", "tenders": "tender", "rounds": "funding round"}


def check_drafts(ds: Dataset, today: date) -> list[Problem]:
    """Each draft: a note saying what it still needs (or that it is complete), and what is wrong
    with what it has, as warnings, since a draft is not published. A draft's references are
    checked as it goes; the rules that need a whole record run once it has every field it needs."""
    gaps = {(folder, id): _still_needs(ds, folder, id) for folder in FOLDERS for id in ds.drafts[folder]}
    if not gaps:
        return []  # nothing to copy the records for (_with_drafts)
    complete = {key for key, needs in gaps.items() if not needs and ds.drafts[key[0]][key[1]].readable}
    view = _with_drafts(ds, complete)
    found: dict[tuple[str, str], list[Problem]] = {key: [] for key in gaps}
    for (folder, id) in gaps:
        record, where = ds.drafts[folder][id].record, ds.where_of(folder, id)
        if (folder, id) not in complete:
            found[(folder, id)] += _draft_references(view, record, where)
        elif folder == "awards":
            found[(folder, id)] += check_award(view, record, today)
        elif folder == "rounds":
            found[(folder, id)] += check_round(view, id)
        else:
            found[(folder, id)] += check_fund(view, id) if folder == "funds" else check_tender(view, id, today)
    if complete:
        # the budgets and the likely mistakes as they would be with the complete drafts
        # published, said only of the drafts
        by_path = {ds.where_of(*key).path: key for key in complete}
        for p in check_budgets(view) + check_warnings(view):
            if p.path in by_path:
                found[by_path[p.path]].append(p)
    out = []
    for (folder, id), needs in gaps.items():
        draft, where = ds.drafts[folder][id], ds.where_of(folder, id)
        problems = found[(folder, id)]
        out += [replace(p, severity=WARNING) for p in problems]
        out.append(Problem(where.path, draft.line, DRAFT, _draft_note(
            needs, not draft.readable or any(p.severity == ERROR for p in problems)), severity=NOTE))
    return out


def _still_needs(ds: Dataset, folder: str, id: str) -> list[str]:
    """The fields a draft lacks, in the model's order: required ones not written, and those the
    rules require of such a record (REQUIREMENTS), but not those written with a value that could
    not be read (reported already)."""
    draft = ds.drafts[folder][id]
    record = draft.record
    fund = None
    if isinstance(record, Award) and record.fund is not None:  # a draft may be paid from a draft fund
        fund = ds.funds.get(record.fund) or getattr(ds.drafts["funds"].get(record.fund), "record", None)
    required = [p.field for p in check_requirements(record, ds.where_of(folder, id), fund)]
    needs = {*draft.missing, *required} - set(draft.unreadable)
    return sorted(needs, key=lambda f: describe.field_order(type(record), f))


def _with_drafts(ds: Dataset, complete: set[tuple[str, str]]) -> Dataset:
    """The dataset as the drafts see it: the complete drafts among the records, and the others
    as files that exist but cannot be checked yet (references to them are not reported)."""
    records = {folder: {**getattr(ds, folder)} for folder in FOLDERS}
    waiting = {folder: set(ds.broken[folder]) for folder in FOLDERS}
    for folder in FOLDERS:
        for id, draft in ds.drafts[folder].items():
            if (folder, id) in complete:
                records[folder][id] = draft.record
            else:
                waiting[folder].add(id)
    return replace(ds, **records, broken=waiting, drafts={folder: {} for folder in FOLDERS})


def _draft_references(ds: Dataset, record, where) -> list[Problem]:
    """The ids of other files that a draft names (its fund, tender, awards) must exist."""
    out = []
    for f in describe.record(type(record)).written:
        value = getattr(record, f.name)
        if f.refers_to is None or value is None:
            continue
        ids = [(f"{f.name}[{i + 1}]", v) for i, v in enumerate(value)] if isinstance(value, list) else [(f.name, value)]
        for field, id in ids:
            out += _ref(ds, f.refers_to, id, where, field, WHAT[f.refers_to])
    return out


def _draft_note(needs: list[str], has_problems: bool) -> str:
    """What a draft's note says: what it still needs, or what to do to publish it."""
    if needs:
        listed = needs[0] if len(needs) == 1 else f"{', '.join(needs[:-1])} and {needs[-1]}"
        return f"not published yet: still needs {listed}"
    if has_problems:
        return f"not published yet: fix the warnings about this file, then delete the line \"{DRAFT}: true\" to publish it"
    return f"complete: delete the line \"{DRAFT}: true\" to publish it"
