"""The facts of one record are the record's own (model.py): a term's ends, an award's pooled total,
its next report and latest dates, a tender's status at a moment."""
from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal

from staffdata import CONTRACT, GRANT, TENDER
from transparency import labels, model
from transparency.convert import Where, read_record
from transparency.dates import LONDON
from transparency.yamlfile import parse


def read(cls, text: str):
    node, found = parse(text, "x.yml")
    assert not found
    record, found = read_record(cls, node, Where("x.yml"), id="x")
    assert not found, found
    return record


def test_a_terms_ends():
    term = model.Term(initial_years=3, start=date(2026, 6, 1), extensions=[1, 1])
    assert term.initial_end == date(2029, 5, 31)
    assert term.extended_end == date(2031, 5, 31)
    assert model.Term(initial_years=2, start=date(2026, 6, 1)).extended_end == date(2028, 5, 31)


def test_an_awards_pooled_total():
    award = read(model.Award, CONTRACT.replace("competitive-tender", "co-commissioned") + (
        "co_commissioners:\n  - name: Health\n    contribution: 250.50\n  - name: Council\n    contribution: 100\n"))
    assert award.co_commissioners_total == Decimal("350.50")
    assert award.pooled_total == Decimal("1350.50")
    alone = read(model.Award, CONTRACT)
    assert (alone.co_commissioners_total, alone.pooled_total) == (0, alone.amount)


def test_an_awards_next_report_and_latest_dates():
    award = read(model.Award, CONTRACT)  # a term from 1 June 2026, 3 plus 1 years
    assert award.next_report_due == date(2026, 11, 30)
    reported = read(model.Award, CONTRACT + (
        "outcome_reports:\n  - period_end: 2026-11-30\n    received: 2026-12-20\n    activity: Advice.\n"))
    assert reported.next_report_due == date(2027, 5, 31)
    assert read(model.Award, CONTRACT.replace("status: active", "status: ended")).next_report_due is None
    grant = read(model.Award, GRANT)  # no term: six months from the award date, 1 June 2026
    assert grant.next_report_due == date(2026, 11, 30)
    assert (award.latest_open_data_date, award.latest_date) == (date(2026, 5, 1), date(2026, 5, 1))
    assert (reported.latest_open_data_date, reported.latest_date) == (date(2026, 12, 20), date(2026, 12, 20))
    signed = read(model.Award, CONTRACT.replace("competitive-tender", "single-tender-action") + (
        "single_tender_action:\n  ground: only-supplier\n  reason: Only one.\n  value: 1000\n"
        "  signed_off_by: Someone\n  signed_off: 2026-07-01\n"))
    assert (signed.latest_open_data_date, signed.latest_date) == (date(2026, 5, 1), date(2026, 7, 1))


def test_a_tenders_status_at_a_moment():
    tender = read(model.Tender, TENDER)  # published 2 November 2026 9am, bids by 22 January 2027 12pm
    published = datetime(2026, 11, 2, 9, 0, tzinfo=LONDON)
    deadline = datetime(2027, 1, 22, 12, 0, tzinfo=LONDON)
    second = timedelta(seconds=1)
    assert [tender.status_at(t) for t in (published - second, published, deadline - second, deadline)] == [
        "forthcoming", "open", "open", "closed"]
    awarded = read(model.Tender, TENDER + "awarded: [x]\n")
    assert awarded.status_at(published - second) == "awarded"
    award = read(model.Award, CONTRACT.replace("2026-05-01", "2027-03-01"))
    assert tender.latest_date_with([]) == date(2026, 11, 2)
    assert tender.latest_date_with([award]) == date(2027, 3, 1)
    assert labels.tender_status_line(tender, deadline) == (
        "Closed: bids closed 12pm (midday) on 22 January 2027 and are being evaluated")
