"""Which Procurement Act 2023 notices a tender or an award owes, and by when.

Domain only (no MkDocs): `owed(ds, today)` reads the records and the thresholds in
`organisation.procurement_act_thresholds`; rules.py turns what is past its deadline
into warnings, the pages show what is recorded and what is not.

What the law says, as checked (December 2026) and read here:
- The Act applies to procurements started on or after 24 February 2025 (earlier ones
  finish under the Public Contracts Regulations 2015): a contract whose tender was
  published before then, or awarded before then without one, owes no UK notice.
- Thresholds include VAT and apply to procurements started on or after their date:
  sub-central goods and services £207,720 and light touch £663,540 from 1 January 2026
  (£214,904 and £663,540 before). https://www.lupc.ac.uk/news-events/newsarticle/new-financial-thresholds-from-1-january-2026
  https://www.arthurcox.com/knowledge/procurement-act-2023-updated-thresholds-from-1-january-2026
  So the set in force is the one for the day the procurement started, not the award's day.
- A below-threshold contract of £30,000 or more (a body other than central government)
  is notifiable: a contract details notice (UK7) "as soon as reasonably practicable"
  (s.87(3)); this reads that as the 30 days public contracts get.
  https://www.wardhadaway.com/?p=82757 https://blog.anthonycollins.com/post/102k5a7/procurement-unpacked-below-threshold-contracts
- Above threshold: a tender notice (UK4) or, for a direct award, a transparency notice
  (UK5), a contract award notice (UK6) before entering into the contract, a contract
  details notice (UK7) within 30 days of it (120 for light touch; s.53), a contract
  performance notice (UK9) at least once every 12 months for contracts over £5 million
  (s.52), a contract termination notice (UK11) within 30 days of any end, expiry
  included (s.80; https://gov.uk/government/publications/procurement-act-2023-guidance-documents-manage-phase/guidance-contract-termination-html),
  and a procurement termination notice (UK12) when a procurement with a notice out is
  stopped (s.55; "as soon as reasonably practicable": read as 30 days).
- A contract change notice (UK10) comes before a modification, except one that changes
  the value by 10% or less (goods and services) or the term by 10% or less of the
  maximum term provided for on award, and never for a light-touch contract (s.75(2),
  (6)(b)); below-threshold contracts are not covered. https://legislation.gov.uk/ukpga/2023/54/section/75/data.xht
  An extension taken that the term offered does not change the maximum term, so only
  its value can call for a UK10: owed when it adds more than 10% of the value awarded.
- UK17 (payments compliance, every six months) is about the office's payment times
  across all its public contracts, not any one record: not checked here.
- Find a Tender publishes OCDS 1.1 (https://www.find-tender.service.gov.uk/apidocumentation/1.0/GET-ocdsReleasePackages);
  each notice is a document with `noticeType` (`UK4` in tender.documents, UK1-3 in planning's),
  as a third-party mapping of its data shows: not confirmed in its own documentation, and no
  registered OCDS extension defining `noticeType` was found.
- Not confirmed: whether taking an extension the contract offered is a "modification" at all
  (if not, no UK10 is ever owed for one); the reading above errs towards asking for the notice.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from .dataset import Dataset
from .dates import add_months, format_date
from .model import Award, Link, Notice, Tender, Thresholds
from .money import format_money

ACT_IN_FORCE = date(2025, 2, 24)  # the Procurement Act 2023's commencement
DETAILS_DAYS = 30  # UK7 after entering into the contract (s.53)
DETAILS_DAYS_LIGHT_TOUCH = 120
TERMINATION_DAYS = 30  # UK11 after the contract ends (s.80); UK12 read the same way
PERFORMANCE_FROM = Decimal(5_000_000)  # UK9 yearly for contracts over this (s.52)
CHANGE_SHARE = Decimal("0.10")  # UK10 not needed for a change of value of 10% or less (s.75(2))
# The Elected Local Policing Bodies (Specified Information) Order 2011 asks for copies of
# contracts and invitations to tender over £10,000. Law, the same for every office and
# unchanged since 2011, so code, not data (the Act's thresholds change every two years: data).
SPECIFIED_INFORMATION_THRESHOLD = Decimal(10_000)

# Which record each notice type can belong to: the ones before a contract to a tender,
# the ones about a contract to an award (UK4 and UK12 may be on an award with no tender).
TENDER_TYPES = ("UK1", "UK2", "UK3", "UK4", "UK12")
AWARD_TYPES = ("UK4", "UK5", "UK6", "UK7", "UK9", "UK10", "UK11", "UK12")


FIND_A_TENDER = "https://www.find-tender.service.gov.uk/Notice/"  # + the notice's identifier


def notice_url(notice: Notice) -> str | None:
    """Where the notice is read: its `url`, or its Find a Tender address made from its identifier."""
    return notice.url or (FIND_A_TENDER + notice.reference if notice.reference else None)


@dataclass(frozen=True)
class Owed:
    folder: str  # "awards" or "tenders"
    id: str
    type: str  # UK4...
    due: date
    why: str  # plain English: the value and the threshold that call for it


def thresholds_on(ds: Dataset, day: date) -> Thresholds | None:
    """The set in force on `day`: the latest `applies_from` not after it (None before the first)."""
    sets = ds.organisation.procurement_act_thresholds if ds.organisation else []
    found = [t for t in sets if t.applies_from <= day]
    return max(found, key=lambda t: t.applies_from) if found else None


def contract_value(award: Award) -> Decimal:
    """The estimated value of the whole contract, as the thresholds are judged: what we and any
    co-commissioners pay, the extensions taken at their value and those still offered at the
    first period's yearly rate (the Act counts options to extend)."""
    value = award.pooled_total + sum((e.value for e in award.extensions_taken), Decimal(0))
    term = award.term
    if term is not None and term.initial_years > 0:
        untaken = max(term.offered_years - award.years_taken, 0)
        value += award.pooled_total / term.initial_years * untaken
    return value


YEARLY = re.compile(r"\b(per|a|each) year\b", re.IGNORECASE)


def tender_value(tender: Tender) -> Decimal:
    """The estimated value of the contract on offer: the envelope, over every year the term
    could run (extensions included) when the envelope is a yearly figure ("per year")."""
    envelope = tender.funding_envelope
    if YEARLY.search(envelope.covers):
        return envelope.amount * (tender.term.initial_years + tender.term.offered_years)
    return envelope.amount


def procurement_start(ds: Dataset, award: Award) -> date:
    tender = ds.tenders.get(award.tender) if award.tender else None
    return tender.published.date() if tender is not None else award.award_date


def _have(notices: list[Notice], type_: str) -> list[Notice]:
    return [n for n in notices if n.type == type_]


def award_owed(ds: Dataset, award: Award, today: date) -> list[Owed]:
    """The notices the award owes that it does not record (whatever their due date)."""
    if award.kind != "contract":
        return []  # grants are not procurements
    started = procurement_start(ds, award)
    t = thresholds_on(ds, started)
    if started < ACT_IN_FORCE or t is None:
        return []
    value = contract_value(award)
    say = f"a contract of {format_money(value)}"
    limit = t.light_touch if award.light_touch else t.threshold
    named = "light-touch threshold" if award.light_touch else "threshold"
    since = f"{format_money(limit)} from {format_date(t.applies_from)}"
    out: list[Owed] = []

    def owe(type_: str, due: date, why: str) -> None:
        out.append(Owed("awards", award.id, type_, due, why))

    if award.status == "withdrawn":
        # No contract was entered into: nothing after award is owed; but a contract award
        # notice already out tells the market one was coming, so the procurement's end is owed.
        if _have(award.notices, "UK6") and not _have(award.notices, "UK12") and award.status_date:
            owe("UK12", award.status_date + timedelta(days=TERMINATION_DAYS),
                f"{say} was withdrawn after its contract award notice (UK6) was published")
        return out
    if award.status == "returned":
        return out  # money given back: a grant's status
    if value < t.notifiable:
        return out
    if value < limit:
        if not _have(award.notices, "UK7"):
            owe("UK7", award.award_date + timedelta(days=DETAILS_DAYS),
                f"{say} is below the Procurement Act {named} but notifiable ({format_money(t.notifiable)} or more)")
        return out
    above = f"{say} is above the Procurement Act {named} ({since})"
    tender = ds.tenders.get(award.tender) if award.tender else None
    if award.procurement_route == "single-tender-action":
        if not _have(award.notices, "UK5"):
            owe("UK5", award.award_date, f"{above} and was awarded directly")
    elif award.procurement_route in ("competitive-tender", "three-quotes"):
        if tender is None and not _have(award.notices, "UK4"):
            owe("UK4", award.award_date, f"{above} and was competed")
    # co-commissioned: the lead partner may have run the procurement; not judged here
    if not _have(award.notices, "UK6"):
        owe("UK6", award.award_date, above)
    if not _have(award.notices, "UK7"):
        days = DETAILS_DAYS_LIGHT_TOUCH if award.light_touch else DETAILS_DAYS
        owe("UK7", award.award_date + timedelta(days=days), above)
    if value > PERFORMANCE_FROM and award.status == "active":
        start = award.term.start if award.term and award.term.start else award.award_date
        have = len(_have(award.notices, "UK9"))
        year = 1
        while (due := add_months(start, 12 * year)) <= today:
            if year > have:
                owe("UK9", due, f"{above} and worth more than {format_money(PERFORMANCE_FROM)}: "
                    f"its performance against its key performance indicators, once every 12 months")
            year += 1
    if not award.light_touch:
        at_award = award.pooled_total
        needing = [e for e in award.extensions_taken if e.value > at_award * CHANGE_SHARE]
        have = len(_have(award.notices, "UK10"))
        for k, e in enumerate(needing, 1):
            if k > have:
                owe("UK10", e.agreed, f"{above}: the extension agreed on {format_date(e.agreed)} adds "
                    f"{format_money(e.value)}, more than 10% of its value at award")
    if award.status in ("ended", "de-commissioned") and not _have(award.notices, "UK11"):
        ended = award.status_date or award.current_end
        if ended is not None:
            owe("UK11", ended + timedelta(days=TERMINATION_DAYS), f"{above} and ended on {format_date(ended)}")
    return out


def tender_owed(ds: Dataset, tender: Tender, today: date) -> list[Owed]:
    """A tender above the threshold owes its tender notice (UK4) when it is published, and a
    procurement termination notice (UK12) if it is cancelled after one."""
    started = tender.published.date()
    t = thresholds_on(ds, started)
    if started < ACT_IN_FORCE or t is None or started > today:
        return []
    out = []
    if tender.cancelled is not None and _have(tender.notices, "UK4") and not _have(tender.notices, "UK12"):
        out.append(Owed("tenders", tender.id, "UK12", tender.cancelled.date + timedelta(days=TERMINATION_DAYS),
                        f"the tender was cancelled on {format_date(tender.cancelled.date)} after its tender notice (UK4)"))
    limit = t.light_touch if tender.light_touch else t.threshold
    named = "light-touch threshold" if tender.light_touch else "threshold"
    awards = [ds.awards[a] for a in tender.awarded if a in ds.awards]
    value = sum((contract_value(a) for a in awards), Decimal(0)) if awards else tender_value(tender)
    if value >= limit and not _have(tender.notices, "UK4"):
        out.append(Owed("tenders", tender.id, "UK4", started, (
            f"a tender for contracts of {format_money(value)} is above the Procurement Act {named} "
            f"({format_money(limit)} from {format_date(t.applies_from)})")))
    return out


INVITATION = re.compile(r"invitation to tender|\bitt\b", re.IGNORECASE)


def invitation_to_tender(tender: Tender) -> Link | None:
    """The published invitation to tender (the 2011 Order asks for those over £10,000): the document
    whose name says so, or else the tender's documents on the portal, if it lists any."""
    named = next((d for d in tender.documents if INVITATION.search(d.name)), None)
    if named is not None:
        return named
    return Link("Tender documents", tender.portal_url) if tender.documents else None


def owed(ds: Dataset, today: date) -> list[Owed]:
    """Every notice the records owe and do not list, soonest due first."""
    out: list[Owed] = []
    for award in ds.awards.values():
        out += award_owed(ds, award, today)
    for tender in ds.tenders.values():
        out += tender_owed(ds, tender, today)
    return sorted(out, key=lambda o: (o.due, o.folder, o.id, o.type))


def overdue(ds: Dataset, today: date) -> list[Owed]:
    """The owed notices past their deadline on `today`."""
    return [o for o in owed(ds, today) if o.due < today]
