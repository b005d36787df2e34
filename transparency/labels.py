"""Plain-English words for values and phrases made from records: terms, statuses, routes, coverage.

Pure functions from model values to text, shared by pages, exports and the editor: below all
of them, so neither imports the other for its words. The words for each value are named once
in vocabulary.py; they are here too (`labels.KIND`), as templates read them as `words.KIND`.
"""
from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from .dates import financial_year_start, format_date, format_datetime, years
from .model import Area, Award, Fund, Round, Scoring, SignOffBand, Term, Tender
from .money import format_money
from .vocabulary import (AWARD_STATUS, COVERAGE_REASON, FUND_STATUS, KIND, PROCUREMENT_ROUTE, ROUTE,
                         ROUND_GROUPS, ROUND_STATUS, STA_GROUND, TENDER_GROUPS, TENDER_STATUS)
from .vocabulary import NOTICE_TYPE  # the Procurement Act's notices, by their Find a Tender names


NUMBER_WORDS = "zero one two three four five six seven eight nine ten".split()


def number_word(n: int) -> str:
    """GOV.UK style: words for one to nine, digits from 10 ("five", "12")."""
    return NUMBER_WORDS[n] if 0 < n < 10 else str(n)


def scale_name(scoring: Scoring) -> str:
    """"five-point": the office's own scale, named from its number of scores."""
    return f"{number_word(len(scoring.scores))}-point"


def extensions_phrase(extensions: list[int]) -> str:
    if not extensions:
        return "no extension"
    if len(extensions) == 1:
        return f"an optional {extensions[0]}-year extension"
    if len(set(extensions)) == 1 and len(extensions) <= 9:
        return f"{number_word(len(extensions))} optional {extensions[0]}-year extensions"
    parts = [years(e) for e in extensions]
    return f"optional extensions of {', '.join(parts[:-1])} and {parts[-1]}"


def term_shape(term: Term) -> str:
    """"3 years plus an optional 1-year extension"."""
    if not term.extensions:
        return years(term.initial_years)
    return f"{years(term.initial_years)} plus {extensions_phrase(term.extensions)}"


def term_line(term: Term) -> str:
    """"3 years from 1 April 2017, plus an optional 1-year extension; ends 31 March 2020, or 31 March 2021 if extended"."""
    if term.start is None:
        return term_shape(term)
    head = f"{years(term.initial_years)} from {format_date(term.start)}"
    end = format_date(term.initial_end)
    if not term.extensions:
        return f"{head}; ends {end}"
    return (f"{head}, plus {extensions_phrase(term.extensions)}; ends {end}, "
            f"or {format_date(term.extended_end)} if extended")


def coverage_line(award: Award, area_name: str) -> str:
    if isinstance(award.coverage, Area):
        why = COVERAGE_REASON.in_sentence[award.coverage.reason]
        return f"{award.coverage.area} only ({why}): {award.coverage.explanation}"
    return f"Countywide: available across {area_name}"


def in_days(days: int) -> str:
    """How soon a day comes, as a reader counts: "today", "tomorrow", "in 48 days"."""
    return "today" if days == 0 else "tomorrow" if days == 1 else f"in {days} days"


def tender_status_detail(tender: Tender, now: datetime) -> str:
    """What the status means for a bidder: "closes 12pm on 22 January 2027 (in 55 days)"."""
    status = tender.status_at(now)
    if status == "forthcoming":
        return f"opens {format_datetime(tender.published)}"
    if status == "open":
        days = (tender.submission_deadline.date() - now.date()).days
        return f"closes {format_datetime(tender.submission_deadline)} ({in_days(days)})"
    if status == "closed":
        return f"bids closed {format_datetime(tender.submission_deadline)} and are being evaluated"
    if status == "cancelled":
        return f"cancelled on {format_date(tender.cancelled.date)}, before any award"
    # how many contracts it led to: "Awarded: the contract has been awarded" said nothing
    n = len(tender.awarded)
    return "one contract" if n == 1 else f"{n:,} contracts"


def tender_status_line(tender: Tender, now: datetime) -> str:
    """"Open: closes 12pm (midday) on 22 January 2027 (in 55 days)"."""
    return f"{TENDER_STATUS[tender.status_at(now)]}: {tender_status_detail(tender, now)}"


def fund_route_line(fund: Fund) -> str:
    if fund.route == "via-partner" and fund.partner:
        return f"Grants given through {fund.partner.name}"
    return ROUTE[fund.route]


def sign_off_values(bands: list[SignOffBand]) -> list[str]:
    """The contract values each sign-off band covers, lowest first: "Up to £150,000",
    "Over £150,000 up to £500,000", "Over £500,000"; a single band with no limit is "Any value"."""
    out, low = [], None
    for band in bands:
        if band.up_to is None:
            out.append("Any value" if low is None else f"Over {format_money(low)}")
        elif low is None:
            out.append(f"Up to {format_money(band.up_to)}")
        else:
            out.append(f"Over {format_money(low)} up to {format_money(band.up_to)}")
        low = band.up_to
    return out


def _year_word(n: int) -> str:
    """"three-year", "12-year": as an adjective, GOV.UK style."""
    return f"{number_word(n)}-year"


def amount_covers(award: Award) -> str:
    """What an award's amount pays for, in one phrase after the amount: a contract's (or a
    multi-year grant's) whole first period with its dates, else the financial year whose
    budget it is counted against. "£504,000" + this reads "£504,000 over the contract's
    three-year first period, 1 October 2023 to 30 September 2026 (£168,000 a year on average)".

    The average a year is said only when it is exact to the penny: a rounded one would be
    a figure the data does not hold. Extensions are not counted: their value is not recorded."""
    term = award.term
    if term is not None and term.start is not None:
        what = "contract's" if award.kind == "contract" else "grant's"
        period = "first period" if term.extensions else "term"
        line = (f"over the {what} {_year_word(term.initial_years)} {period}, {format_date(term.start)} "
                f"to {format_date(term.initial_end)}")
        if term.initial_years > 1:
            per_year = award.amount / term.initial_years
            if per_year == per_year.quantize(Decimal("0.01")):
                line += f" ({format_money(per_year)} a year on average)"
        return line
    start = financial_year_start(award.year)
    end = date(start.year + 1, 3, 31)
    return f"from the fund's {award.year} budget (the financial year {format_date(start)} to {format_date(end)})"


def amount_line(award: Award) -> str:
    """The amount and what it covers: "£504,000 over the contract's three-year first period, ..."."""
    return f"{format_money(award.amount)} {amount_covers(award)}"


def award_summary(award: Award, fund: Fund) -> str:
    """An award in one line, plain text: its search entry's and its page's description (what a
    search engine or a shared link shows under the title). Names the recipient, the amount, the
    fund, the year and the place, so a search for any of them finds it."""
    return (f"{KIND[award.kind]} of {format_money(award.amount)} to {award.recipient.name}. "
            f"{fund.name}, {award.year}. {coverage_place(award)}.")


def tender_summary(tender: Tender, fund: Fund) -> str:
    """A tender in one line, plain text, for its page's description: what a bidder weighs first
    (the strategy publishes every tender's funding envelope and quality/cost split). Not its
    status: that moves with the date, and the line is the page's as long as its data stands."""
    split = tender.quality_cost_split
    return (f"Tender {tender.reference} from the {fund.name}: a funding envelope of "
            f"{format_money(tender.funding_envelope.amount)} {tender.funding_envelope.covers}; "
            f"bids scored quality {split.quality}%, cost {split.cost}%.")


def coverage_place(award: Award) -> str:
    """Where an award's service is, in a word or two: "Fenland only", or "Countywide" (its search
    entry: coverage_line's explanation is too long to index for every award, and naming the
    county in every countywide award's entry would bury the few in one place under the rest)."""
    if isinstance(award.coverage, Area):
        return f"{award.coverage.area} only"
    return "Countywide"


# --- a contract's life (issue 17) ----------------------------------------------------


def end_line(award: Award) -> str:
    """The end as it stands, with the last possible end while more extension is on offer:
    "31 May 2029 (or 31 May 2030 if extended)", "30 June 2027 (extended by 1 year)"."""
    end = award.current_end
    if end is None:
        return ""
    last = award.last_possible_end
    more = f"or {format_date(last)} if extended" if last is not None and last > end else ""
    if not award.years_taken:
        return f"{format_date(end)} ({more})" if more else format_date(end)
    again = f"; {more} again" if more else ""
    return f"{format_date(end)} (extended by {years(award.years_taken)}{again})"


def status_banner(award: Award) -> str:
    """The heading of a withdrawn or returned award's banner: "Withdrawn on 3 November 2026"."""
    word = AWARD_STATUS[award.status]
    return f"{word} on {format_date(award.status_date)}" if award.status_date else word


# --- funding rounds -------------------------------------------------------------


def round_status_detail(rnd: Round, today: date) -> str:
    """What a round's status means for an applicant: "closes 15 January 2027 (in 48 days)"."""
    status = rnd.status_at(today)
    if status == "forthcoming":
        return f"opens {format_date(rnd.opens)} ({in_days((rnd.opens - today).days)})"
    if status == "open":
        return f"closes {format_date(rnd.closes)} ({in_days((rnd.closes - today).days)})"
    return f"applications closed on {format_date(rnd.closes)}"


def round_status_line(rnd: Round, today: date) -> str:
    """"Open: closes 15 January 2027 (in 48 days)"."""
    return f"{ROUND_STATUS[rnd.status_at(today)]}: {round_status_detail(rnd, today)}"


def round_amounts(rnd: Round) -> str:
    """"up to £10,000" or "£1,000 to £10,000" (a template starts a sentence with it through `sentence`)."""
    if rnd.minimum is not None:
        return f"{format_money(rnd.minimum)} to {format_money(rnd.maximum)}"
    return f"up to {format_money(rnd.maximum)}"
