"""CSV and JSON of every list the site shows, from one set of column definitions.

A table is a list of Columns: a documented name and a function from a row
object to a value. The same definitions write the CSV, the JSON and the field
dictionary on the Open data page, so the three never disagree.

CSV: UTF-8 with a byte-order mark (so Excel reads £ and accents correctly),
one header row, ISO dates, amounts as plain numbers. JSON: an array of objects
with the same field names; amounts as numbers, empty values as null.
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from functools import cached_property
from datetime import date, datetime
from decimal import Decimal
from typing import Any, Callable, Iterable

from .. import addresses, promises
from ..dataset import Dataset
from ..due import Ending, ending
from ..figures import Figures, YearFigures
from ..identifiers import recipient_org_id
from ..model import Area, Award
from ..money import plain_number
from ..vocabulary import AWARD_STATUS, COVERAGE, INTENTION, COVERAGE_REASON, KIND, PROCUREMENT_ROUTE, ROUND_STATUS, STA_GROUND, TENDER_STATUS
from . import groups
from .groups import Group
from .jsonout import to_json_text


@dataclass(frozen=True)
class Column:
    name: str
    description: str
    get: Callable[[Any], Any]


class RowText:
    """Each row's CSV line and JSON object, made once however many tables show the row.

    An award is in the all-awards table, its fund's and its year's: at 10,000 awards
    that is 30,000 rows, of which only 10,000 need making. Rows are held by the dataset
    for the whole build, so their ids stay theirs."""

    def __init__(self, columns: tuple[Column, ...]):
        self.columns = columns
        self._made: dict[int, tuple[str, str]] = {}
        self._buffer = io.StringIO()
        self._writer = csv.writer(self._buffer)

    def of(self, row) -> tuple[str, str]:
        made = self._made.get(id(row))
        if made is None:
            record = {c.name: c.get(row) for c in self.columns}
            made = self._made[id(row)] = (self._csv_line([_csv_cell(v) for v in record.values()]), to_json_text(record))
        return made

    def header(self) -> str:
        return self._csv_line([c.name for c in self.columns])

    def _csv_line(self, cells: list[str]) -> str:
        self._buffer.seek(0)
        self._buffer.truncate()
        self._writer.writerow(cells)
        return self._buffer.getvalue()


@dataclass(frozen=True)
class Table:
    name: str  # file name without extension (from addresses)
    title: str
    description: str
    columns: tuple[Column, ...]
    rows: list[Any]
    group: Group  # the page its files belong to
    text: RowText | None = None  # shared by tables with the same columns and rows in common
    # A fund's and a year's awards are published as CSV only: their JSON repeated awards.json
    # (every award, with fund_id and financial_year to select by), a quarter of the site's
    # bytes at 10,000 awards (benchmarks/README.md, "Light pages").
    formats: tuple[str, ...] = ("csv", "json")

    @cached_property
    def _text(self) -> RowText:
        return self.text or RowText(self.columns)

    def csv(self) -> bytes:
        lines = [self._text.header()]
        lines += [self._text.of(row)[0] for row in self.rows]
        return ("\ufeff" + "".join(lines)).encode("utf-8")

    def json(self) -> bytes:
        # what to_json writes for the list of records, made from each row's own text
        return ("[" + ",".join([self._text.of(row)[1] for row in self.rows]) + "]\n").encode("utf-8")


def _csv_cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return plain_number(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return str(value)


def _years_list(values: Iterable[int]) -> str | None:
    values = list(values)
    return ";".join(str(v) for v in values) if values else None


# --- column sets --------------------------------------------------------------


def award_columns(ds: Dataset) -> tuple[Column, ...]:
    funds = ds.funds

    def term(a: Award, f):
        return f(a.term) if a.term and a.term.start else None

    return (
        Column("id", f"The award's id; its page is {addresses.award('<id>').url} on this site.", lambda a: a.id),
        Column("title", "Short title of the award.", lambda a: a.title),
        Column("kind", f"{KIND.listed()}.", lambda a: a.kind),
        Column("fund_id", "The id of the fund that pays for it.", lambda a: a.fund),
        Column("fund_name", "The fund's name.", lambda a: funds[a.fund].name),
        Column("recipient_name", "Who receives the money.", lambda a: a.recipient.name),
        Column("recipient_org_id", "The recipient's org-id.guide identifier (GB-CHC-, GB-SC- or GB-NIC- charity, "
               "GB-COH- company), or a 360G- identifier we gave a group with no registered number. Its page "
               f"is {addresses.recipient('<recipient_org_id>').url} on this site, with the identifier in lower case.",
               lambda a: recipient_org_id(a.recipient)),
        Column("amount", "Amount awarded in pounds (GBP). Withdrawn and returned awards are not in this file "
               "(they count in no total; the site lists them with their reasons), so this column adds up to the "
               "site's totals.", lambda a: a.amount),
        Column("award_date", "Date the award was made (YYYY-MM-DD).", lambda a: a.award_date),
        Column("financial_year", "Financial year (April to March) whose budget pays for it, e.g. 2026/27.",
               lambda a: a.year),
        Column("procurement_route", f"How the provider was chosen: {PROCUREMENT_ROUTE.listed()}.",
               lambda a: a.procurement_route),
        Column("tender_id", "The tender it came from, if any.", lambda a: a.tender),
        Column("round_id", f"The funding round it was given in, if any (its page is "
               f"{addresses.funding_round('<round_id>').url}; the rounds are in {addresses.ROUNDS_TABLE}.csv).",
               lambda a: a.round),
        Column("status", f"{AWARD_STATUS.listed()}.", lambda a: a.status),
        Column("coverage", f"{COVERAGE.listed()}, or the area served.",
               lambda a: a.place),
        Column("coverage_reason", f"Why it is not countywide: {COVERAGE_REASON.listed()}.",
               lambda a: a.coverage.reason if isinstance(a.coverage, Area) else None),
        Column("term_start", "First day of the term.", lambda a: term(a, lambda t: t.start)),
        Column("initial_years", "Length of the first period in years.", lambda a: term(a, lambda t: t.initial_years)),
        Column("extensions_years", "Optional extensions in years, separated by ; (3 plus 1 is 1).",
               lambda a: term(a, lambda t: _years_list(t.extensions))),
        Column("initial_end", "Last day of the first period.", lambda a: term(a, lambda t: t.initial_end)),
        Column("extended_end", "Last day if every extension is taken.", lambda a: term(a, lambda t: t.extended_end)),
        Column("break_clause", "The break clause.", lambda a: a.term.break_clause if a.term else None),
        Column("extensions_taken_years", "The years of extension agreed so far (empty if none).",
               lambda a: a.years_taken or None),
        Column("current_end", "Last day of the term as it stands: the first period and the extensions taken.",
               lambda a: term(a, lambda t: a.current_end)),
        Column("co_commissioners_total", "What partners put into a pooled budget, in pounds.",
               lambda a: a.co_commissioners_total if a.co_commissioners else None),
        Column("description", "What the money pays for.", lambda a: a.description),
        Column("purpose", "Grants: what the grant is for.", lambda a: a.purpose),
        Column("conditions", "Grants: the conditions attached.", lambda a: a.conditions),
        Column("crime_reduction_reasons", "Crime and disorder reduction grants: why it is expected to reduce "
               "crime and disorder.", lambda a: a.crime_reduction_reasons),
    )


def recipient_columns(ds: Dataset) -> tuple[Column, ...]:
    org = ds.organisation
    return (
        Column("recipient_org_id", "The recipient's identifier, as recipient_org_id in awards.csv: one row per "
               "identifier.", lambda r: r.id),
        Column("name", "The recipient's name as most recently recorded.", lambda r: r.name),
        Column("other_names", "Other names its awards record, separated by ;.", lambda r: ";".join(r.other_names) or None),
        Column("charity_number", "Registered charity number, if any.", lambda r: r.charity_number),
        Column("company_number", "Companies House number, if any.", lambda r: r.company_number),
        Column("website", "The recipient's website, if known.", lambda r: r.website),
        Column("award_count", "Number of awards.", lambda r: r.count),
        Column("total", "Total of its awards in pounds.", lambda r: r.total),
        Column("first_award_date", "Date of its first award (YYYY-MM-DD).", lambda r: r.first_date),
        Column("last_award_date", "Date of its latest award (YYYY-MM-DD).", lambda r: r.last_date),
        Column("page_url", f"Its page on this site, {addresses.recipient('<recipient_org_id>').url} with the "
               "identifier in lower case (a full address when the site's address is known, else from the site's root).", lambda r: addresses.absolute(org, addresses.recipient(r.id).url)),
    )


def fund_year_columns() -> tuple[Column, ...]:
    return (
        Column("fund_id", "The fund's id; `all` for every fund together.", lambda r: r[0]),
        Column("fund_name", "The fund's name.", lambda r: r[1]),
        Column("financial_year", "Financial year, April to March.", lambda r: r[2].year),
        Column("budget", "Budget for the year in pounds (empty if none is set).", lambda r: r[2].budget),
        Column("awarded", "What the year's budget pays, in pounds: the awards made in the year, less the parts of "
               "contracts paid in later years, plus the parts of earlier awards paid in this year and extensions "
               "starting in it. Withdrawn and returned awards are not counted.", lambda r: r[2].awarded),
        Column("awarded_from_earlier_years", "The part of `awarded` from awards made in earlier years, in pounds.",
               lambda r: r[2].from_earlier_years),
        Column("remaining", "Budget less awarded, in pounds (negative if over budget).", lambda r: r[2].remaining),
        Column("award_count", "Number of awards.", lambda r: r[2].count),
        Column("average_award", "Average award made in the year in pounds, to the penny.", lambda r: r[2].average),
        Column("largest_award", "Largest award in pounds.", lambda r: r[2].largest.amount if r[2].largest else None),
        Column("smallest_award", "Smallest award in pounds.", lambda r: r[2].smallest.amount if r[2].smallest else None),
    )


def tender_columns(now: datetime) -> tuple[Column, ...]:
    return (
        Column("id", f"The tender's id; its page is {addresses.tender('<id>').url} on this site.", lambda t: t.id),
        Column("title", "Title of the tender.", lambda t: t.title),
        Column("reference", "Reference on the eTendering portal.", lambda t: t.reference),
        Column("fund_id", "The fund that pays for the contract.", lambda t: t.fund),
        Column("status", f"{TENDER_STATUS.listed()}, on the day the site was built.",
               lambda t: t.status_at(now)),
        Column("funding_envelope", "Money available, in pounds.", lambda t: t.funding_envelope.amount),
        Column("envelope_covers", "What the envelope covers, e.g. per year.", lambda t: t.funding_envelope.covers),
        Column("quality_percent", "Share of marks for quality.", lambda t: t.quality_cost_split.quality),
        Column("cost_percent", "Share of marks for cost.", lambda t: t.quality_cost_split.cost),
        Column("initial_years", "Contract length: first period in years.", lambda t: t.term.initial_years),
        Column("extensions_years", "Optional extensions in years, separated by ;.",
               lambda t: _years_list(t.term.extensions)),
        Column("published", "When the notice was published (UK time, with offset).", lambda t: t.published),
        Column("clarification_deadline", "Last time to ask questions.", lambda t: t.clarification_deadline),
        Column("submission_deadline", "Deadline for bids.", lambda t: t.submission_deadline),
        Column("portal_url", "The notice on the eTendering portal.", lambda t: t.portal_url),
        Column("awarded_ids", "Ids of awards made from it, separated by ;.",
               lambda t: ";".join(t.awarded) or None),
    )


def round_columns(ds: Dataset, today) -> tuple[Column, ...]:
    funds = ds.funds
    return (
        Column("id", f"The round's id; its page is {addresses.funding_round('<id>').url} on this site.", lambda r: r.id),
        Column("name", "The round's name.", lambda r: r.name),
        Column("fund_id", "The id of the fund that gives the grants.", lambda r: r.fund),
        Column("fund_name", "The fund's name.", lambda r: funds[r.fund].name),
        Column("status", f"{ROUND_STATUS.listed()}, on the day the site was built.", lambda r: r.status_at(today)),
        Column("summary", "What the round funds.", lambda r: r.summary),
        Column("who_can_apply", "Who can apply.", lambda r: r.who_can_apply),
        Column("minimum", "The least one grant can be, in pounds (empty if no minimum).", lambda r: r.minimum),
        Column("maximum", "The most one grant can be, in pounds.", lambda r: r.maximum),
        Column("apply_through", "Who takes the applications: us or a partner.", lambda r: r.apply_through.name),
        Column("apply_url", "Where to apply.", lambda r: r.apply_through.url),
        Column("opens", "The first day to apply (YYYY-MM-DD).", lambda r: r.opens),
        Column("closes", "The last day to apply (YYYY-MM-DD).", lambda r: r.closes),
        Column("decisions_by", "The date applicants will hear by, if known.", lambda r: r.decisions_by),
    )


def contract_columns(ds: Dataset) -> tuple[Column, ...]:
    org_name = ds.organisation.name
    return (
        Column("id", "The award's id.", lambda a: a.id),
        Column("title", "What the contract is for.", lambda a: a.title),
        Column("buyer", "The contracting body.", lambda a: org_name),
        Column("provider", "The provider.", lambda a: a.recipient.name),
        Column("provider_org_id", "The provider's org-id.guide identifier.", lambda a: recipient_org_id(a.recipient)),
        Column("value", "Contract value in pounds.", lambda a: a.amount),
        Column("purpose", "What the contract pays for.", lambda a: a.description),
        Column("term_start", "First day.", lambda a: a.term.start if a.term else None),
        Column("initial_years", "First period in years.", lambda a: a.term.initial_years if a.term else None),
        Column("extensions_years", "Optional extensions in years, separated by ;.",
               lambda a: _years_list(a.term.extensions) if a.term else None),
        Column("initial_end", "Last day of the first period.", lambda a: a.term.initial_end if a.term else None),
        Column("extended_end", "Last day if every extension is taken.",
               lambda a: a.term.extended_end if a.term else None),
        Column("extensions_taken_years", "The years of extension agreed so far (empty if none).",
               lambda a: a.years_taken or None),
        Column("current_end", "Last day of the term as it stands: the first period and the extensions taken.",
               lambda a: a.current_end),
        Column("value_with_extensions", "Contract value in pounds with the value of the extensions taken.",
               lambda a: a.total_value),
        Column("break_clause", "The break clause.", lambda a: a.term.break_clause if a.term else None),
        Column("procurement_route", "How the provider was chosen.", lambda a: a.procurement_route),
        Column("status", f"{AWARD_STATUS.listed()}.", lambda a: a.status),
    )


def sta_columns() -> tuple[Column, ...]:
    def sta(a: Award):
        return a.single_tender_action

    return (
        Column("id", "The award's id.", lambda a: a.id),
        Column("title", "What the contract is for.", lambda a: a.title),
        Column("provider", "The provider.", lambda a: a.recipient.name),
        Column("ground", f"{STA_GROUND.listed()}.", lambda a: sta(a).ground),
        Column("reason", "The evidence for the ground.", lambda a: sta(a).reason),
        Column("value", "Contract value the sign-off covers, in pounds.", lambda a: sta(a).value),
        Column("signed_off_by", "Who signed it off.", lambda a: sta(a).signed_off_by),
        Column("signed_off", "Date signed off.", lambda a: sta(a).signed_off),
    )


def ending_columns(ds: Dataset) -> tuple[Column, ...]:
    """The contracts-ending page's rows (due.Ending): what a provider plans bids from."""
    funds = ds.funds
    return (
        Column("id", "The award's id.", lambda e: e.award.id),
        Column("title", "The service.", lambda e: e.award.title),
        Column("provider", "The provider.", lambda e: e.award.recipient.name),
        Column("fund_id", "The id of the fund that pays for it.", lambda e: e.award.fund),
        Column("fund_name", "The fund's name.", lambda e: funds[e.award.fund].name),
        Column("value", "Value in pounds, with the extensions taken.", lambda e: e.award.total_value),
        Column("ends", "The last day of the term as it stands (the first period and the extensions taken).",
               lambda e: e.ends),
        Column("could_run_to", "The last day if every extension offered is taken.", lambda e: e.could_run_to),
        Column("extensions_left_years", "The extensions offered and not yet taken, in years, separated by ;.",
               lambda e: _years_list(e.extensions_left)),
        Column("intention", f"What the office intends: {INTENTION.listed()}.", lambda e: e.decision),
        Column("intention_note", "More about the intention.", lambda e: e.note),
    )


def promise_columns() -> tuple[Column, ...]:
    """The promises page's figures (promises.measure): one row per promise and financial year."""
    return (
        Column("promise_id", "The promise's id, as in its page's address (how-we-commission/<id>/).", lambda r: r[0].id),
        Column("promise", "What is measured.", lambda r: r[0].title),
        Column("financial_year", "The financial year.", lambda r: r[1].year),
        Column("data_shows_it", "false if no record has the field this promise needs yet (no figure is given).",
               lambda r: r[0].shown),
        Column("records", "The records behind the figure that say (its denominator).", lambda r: r[1].count),
        Column("keep_it", "Of those, the records that keep the promise.", lambda r: r[1].kept),
        Column("do_not_say", "Records that do not yet say (left out of the figure).", lambda r: len(r[1].not_recorded)),
        Column("percent", f"keep_it as a share of records, in whole per cent; empty with fewer than "
                          f"{promises.FEWEST_FOR_PERCENT} records.", lambda r: r[1].percent),
        Column("amount", "The money promises: the money behind the figure, in pounds (co-commissioning: the pooled budgets).",
               lambda r: r[1].amount if r[0].kind != "share" else None),
        Column("amount_keeping_it", "Of that, the money that keeps the promise (co-commissioning: what the partners put in).",
               lambda r: r[1].part if r[0].kind != "share" else None),
        Column("amount_percent", f"amount_keeping_it as a share of amount, in whole per cent; empty with fewer than "
                                 f"{promises.FEWEST_FOR_PERCENT} records.",
               lambda r: r[1].money_percent if r[0].kind != "share" else None),
    )


# --- the tables ---------------------------------------------------------------


SLICE_FORMATS = ("csv",)  # a fund's or a year's awards: see Table.formats
SLICE_JSON = f"As JSON: every award is in {addresses.AWARDS_TABLE}.json, with {{field}} to select by."


def tables(ds: Dataset, figures: Figures, measured: list[promises.Promise], now: datetime) -> list[Table]:
    """Every table, from the figures and the promises as measured (promises.measure, once a build)."""
    awards = figures.newest
    cols = award_columns(ds)
    text = RowText(cols)
    out = [Table(addresses.AWARDS_TABLE, "All awards", "Every grant and contract, newest first (not those withdrawn or returned).", cols, awards,
                 groups.AWARDS, text)]
    for fund in ds.funds.values():
        out.append(Table(addresses.fund_table(fund.id), f"Awards from {fund.name}", f"Every award from {fund.name}. {SLICE_JSON.format(field='fund_id')}",
                         cols, figures.by_fund[fund.id], groups.fund(fund.id), text, SLICE_FORMATS))
    for year in sorted(figures.years, reverse=True):
        out.append(Table(addresses.year_table(year), f"Awards in {year}",
                         f"Every award counted against {year} budgets. {SLICE_JSON.format(field='financial_year')}", cols, figures.by_year[year].awards,
                         groups.year(year), text, SLICE_FORMATS))
    fund_years: list[tuple[str, str, YearFigures]] = [
        (f.id, f.name, y) for f in ds.funds.values() for y in figures.by_fund_year[f.id].values()]
    year_cols = fund_year_columns()
    year_text = RowText(year_cols)  # the summary repeats the funds table's rows
    out.append(Table(addresses.FUNDS_TABLE, "Funds by year",
                     "Each fund's budget, amount awarded and remaining for each financial year, with statistics.",
                     year_cols, fund_years, groups.FUNDS, year_text))
    summary = fund_years + [("all", "All funds", figures.by_year[y]) for y in figures.years]
    out.append(Table(addresses.SUMMARY_TABLE, "Summary by fund and year",
                     "Count, total, average, largest and smallest award per fund and year, and for all funds.",
                     year_cols, summary, groups.SUMMARY, year_text))
    tenders = sorted(ds.tenders.values(), key=lambda t: (t.published, t.id), reverse=True)
    out.append(Table(addresses.TENDERS_TABLE, "Tenders", "Every tender notice, newest first.", tender_columns(now),
                     tenders, groups.TENDERS))
    rounds = sorted(ds.rounds.values(), key=lambda r: (r.opens, r.id), reverse=True)
    out.append(Table(addresses.ROUNDS_TABLE, "Funding rounds", "Every funding round, latest opening first.",
                     round_columns(ds, now.date()), rounds, groups.ROUNDS))
    out.append(Table(addresses.CONTRACTS_TABLE, "Contracts register", "Every contract: parties, purpose, value and term.",
                     contract_columns(ds), [a for a in awards if a.kind == "contract"], groups.CONTRACTS))
    out.append(Table(addresses.SINGLE_TENDER_ACTIONS_TABLE, "Single tender actions",
                     "Contracts awarded without competition, with the ground and sign-off.",
                     sta_columns(), [a for a in awards if a.single_tender_action], groups.SINGLE_TENDER_ACTIONS))
    out.append(Table(addresses.CONTRACTS_ENDING_TABLE, "Contracts ending",
                     "Contracts (and multi-year grants) whose term, or last possible extension, ends in the next "
                     "18 months, soonest first, with what the office intends.", ending_columns(ds),
                     ending(ds, now.date()), groups.CONTRACTS_ENDING))
    out.append(Table(addresses.RECIPIENTS_TABLE, "Recipients",
                     "Every organisation that has received an award, A to Z: its identifiers, number of awards "
                     "and total received.", recipient_columns(ds), list(figures.by_recipient.values()),
                     groups.RECIPIENTS))
    out.append(Table(addresses.PROMISES_TABLE, "The strategy's promises, measured",
                     "Each promise of the Commissioning and Grants Strategy, with its figure for each financial "
                     "year, as the How we commission page shows it.", promise_columns(),
                     [(p, y) for p in measured for y in p.years], groups.PROMISES))
    return out
