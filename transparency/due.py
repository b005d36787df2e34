"""What is due on a day: outcome reports due and overdue, contracts ending, extension
decisions to make and tenders closing, from the data and the build date (issue 17).

Data to data: the pages (registers/outcome-reports, registers/contracts-ending), the
contracts-ending feed, calendar and CSV, and `opcc-site due` all read these, so the
site and the officer's Monday list never disagree. Nothing here formats a page; the
due list's lines (`due_list`) are plain sentences the command prints as they are.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from . import notices
from .dataset import Dataset
from .dates import add_months, format_date
from .model import Award, Tender
from .money import format_money
from .vocabulary import INTENTION, NOTICE_TYPE

# The contracts-ending page looks this far ahead: providers plan bids from it, and a
# re-tender (market engagement, tender, evaluation, mobilisation) takes about a year.
ENDING_MONTHS = 18
# The due list's horizons: reports due in the next 30 days, contracts ending in the next 6 months.
REPORTS_AHEAD_DAYS = 30
ENDING_SOON_MONTHS = 6
# An extension is decided at the latest this long before the term as it stands ends. Six
# months, not the break clause's notice: the break clause is free text (no date can be read
# from it reliably), and if the answer is "no" the office needs about six months to
# re-tender or de-commission and the provider to consult its staff (TUPE). A break clause
# asking for longer notice is the officer's to read on the record.
DECISION_MONTHS = 6


def _file(ds: Dataset, folder: str, id: str) -> str:
    """The record's file as staff open it, for example data/awards/x.yml."""
    where = ds.where.get((folder, id))
    return where.path if where else f"data/{folder}/{id}.yml"


# --- outcome reports ------------------------------------------------------------


@dataclass(frozen=True)
class ReportDue:
    award: Award
    period_end: date  # the last day of the six months the report covers
    due_by: date  # period_end + the office's grace days: overdue the day after
    overdue: bool
    file: str


def reports(ds: Dataset, today: date) -> list[ReportDue]:
    """Each active, counted award's next outcome report, overdue first, then by the date it is due.
    Withdrawn and returned awards are never listed (they no longer run)."""
    grace = ds.organisation.outcome_report_grace_days
    out = []
    for a in ds.awards.values():
        due = a.next_report_due
        if not a.counted or due is None:
            continue
        out.append(ReportDue(a, due, due + timedelta(days=grace), a.report_overdue(today, grace) is not None,
                             _file(ds, "awards", a.id)))
    return sorted(out, key=lambda r: (not r.overdue, r.due_by, r.award.id))


def overdue_count(ds: Dataset, today: date) -> int:
    return sum(r.overdue for r in reports(ds, today))


# --- contracts ending -----------------------------------------------------------


@dataclass(frozen=True)
class Ending:
    award: Award
    ends: date  # current_end: the first period and the extensions taken
    could_run_to: date  # last_possible_end
    extensions_left: tuple[int, ...]  # the extensions offered and not yet taken, in years
    decision: str  # a value of vocabulary.INTENTION ("undecided" when the data says nothing)
    note: str | None
    file: str

    @property
    def decision_words(self) -> str:
        return INTENTION[self.decision]

    @property
    def decide_by(self) -> date | None:
        """The latest sensible date to decide on the next extension (DECISION_MONTHS before the
        current end), when one is left."""
        return add_months(self.ends + timedelta(days=1), -DECISION_MONTHS) - timedelta(days=1) \
            if self.extensions_left else None


def extensions_left(award: Award) -> tuple[int, ...]:
    """The extensions the term offers that are not yet taken, taken in the order offered."""
    if award.term is None:
        return ()
    return tuple(award.term.extensions[len(award.extensions_taken):])


def _ending(ds: Dataset, a: Award) -> Ending:
    plan = a.intention
    return Ending(a, a.current_end, a.last_possible_end, extensions_left(a),
                  plan.decision if plan else "undecided", plan.note if plan else None, _file(ds, "awards", a.id))


def ending(ds: Dataset, today: date, months: int = ENDING_MONTHS) -> list[Ending]:
    """Counted, active awards with a term whose end as it stands or last possible end falls
    between `today` and `months` months on (both days included), soonest first."""
    horizon = add_months(today, months)
    out = []
    for a in ds.awards.values():
        if not a.counted or a.status != "active" or a.current_end is None:
            continue
        if any(today <= d <= horizon for d in (a.current_end, a.last_possible_end)):
            out.append(_ending(ds, a))
    return sorted(out, key=lambda e: (e.ends, e.could_run_to, e.award.id))


def decisions(ds: Dataset, today: date, months: int = ENDING_SOON_MONTHS) -> list[Ending]:
    """Extension decisions to make: active contracts that still have an extension to take, whose
    current end has not passed and whose latest decision date is within `months` months
    (or has passed already: those are the most urgent). Soonest decision first."""
    horizon = add_months(today, months)
    out = [e for e in ending(ds, today) if e.decide_by is not None and e.ends >= today and e.decide_by <= horizon]
    return sorted(out, key=lambda e: (e.decide_by, e.award.id))


# --- tenders --------------------------------------------------------------------


@dataclass(frozen=True)
class Deadline:
    tender: Tender
    what: str  # "clarification" or "submission"
    moment: object  # datetime
    file: str


def tenders_closing(ds: Dataset, today: date) -> list[Deadline]:
    """Clarification and submission deadlines in the build date's calendar month, of tenders
    not cancelled, in time order."""
    out = []
    for t in ds.tenders.values():
        if t.cancelled is not None:
            continue
        for what, moment in (("clarification", t.clarification_deadline), ("submission", t.submission_deadline)):
            if (moment.year, moment.month) == (today.year, today.month):
                out.append(Deadline(t, what, moment, _file(ds, "tenders", t.id)))
    return sorted(out, key=lambda d: (d.moment, d.tender.id, d.what))


# --- the due list ---------------------------------------------------------------


@dataclass(frozen=True)
class Line:
    """One thing to do: a sentence and the file to open."""
    text: str
    file: str


@dataclass
class Section:
    title: str
    lines: list[Line] = field(default_factory=list)


@dataclass
class DueList:
    today: date
    sections: list[Section]


NOTICES_OWED = "Procurement Act notices owed"


def notice_lines(ds: Dataset, today: date) -> list[Line]:
    """Each notice the Act asks for that the records do not list (notices.owed), overdue first:
    the build warns of the overdue ones; the others are due soon."""
    out = []
    for o in notices.owed(ds, today):
        words = NOTICE_TYPE[o.type]
        when = (f"OVERDUE since {format_date(o.due)}" if o.due < today else f"Due by {format_date(o.due)}")
        out.append(Line(f"{when}: {words[:1].lower() + words[1:]} ({o.type}) for {_title(ds, o)}: {o.why}",
                        _file(ds, o.folder, o.id)))
    return out


def _title(ds: Dataset, o) -> str:
    record = (ds.awards if o.folder == "awards" else ds.tenders)[o.id]
    return record.title


def due_list(ds: Dataset, today: date) -> DueList:
    """What an officer needs on a Monday, section by section."""
    soon = today + timedelta(days=REPORTS_AHEAD_DAYS)
    report_lines = []
    for r in reports(ds, today):
        if r.overdue:
            text = (f"OVERDUE: {r.award.title} ({r.award.recipient.name}): the report for the six months to "
                    f"{format_date(r.period_end)} was due by {format_date(r.due_by)}")
        elif r.due_by <= soon:
            text = (f"Due by {format_date(r.due_by)}: {r.award.title} ({r.award.recipient.name}), "
                    f"the report for the six months to {format_date(r.period_end)}")
        else:
            continue
        report_lines.append(Line(text, r.file))
    horizon = add_months(today, ENDING_SOON_MONTHS)
    endings = ending(ds, today)
    # (an award still active after its term as it stands is an error the build reports, and
    # `due` lists nothing for data with errors)
    ending_lines = [
        Line(f"Ends {format_date(e.ends)}: {e.award.title} ({e.award.recipient.name}, "
             f"{format_money(e.award.total_value)}). "
             + (f"Could run to {format_date(e.could_run_to)}. " if e.extensions_left else "No extension left. ")
             + f"Intention: {e.decision_words}{f' ({e.note})' if e.note else ''}", e.file)
        for e in endings if today <= e.ends <= horizon]
    decision_lines = []
    for e in decisions(ds, today):
        years = e.extensions_left[0]
        late = " (that date has passed: decide now)" if e.decide_by < today else ""
        decision_lines.append(Line(
            f"Decide by {format_date(e.decide_by)}{late}: extend {e.award.title} ({e.award.recipient.name}) "
            f"by {years} year{'s' if years != 1 else ''}? It ends {format_date(e.ends)} as it stands. "
            f"Intention: {e.decision_words}", e.file))
    tender_lines = [
        Line(f"{'Questions close' if d.what == 'clarification' else 'Bids close'} "
             f"{format_date(d.moment.date())} {d.moment.strftime('%H:%M')}: {d.tender.title} ({d.tender.reference})",
             d.file)
        for d in tenders_closing(ds, today)]
    return DueList(today, [
        Section(f"Outcome reports overdue, and due in the next {REPORTS_AHEAD_DAYS} days", report_lines),
        Section(f"Contracts ending in the next {ENDING_SOON_MONTHS} months", ending_lines),
        Section(f"Extension decisions to make (at the latest {DECISION_MONTHS} months before the end)", decision_lines),
        Section(NOTICES_OWED, notice_lines(ds, today)),
        Section(f"Tenders with a deadline in {today.strftime('%B %Y')}", tender_lines),
    ])
