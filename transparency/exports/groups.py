"""Which page each download belongs to, as a value made where the download is made.

A fund's files and a year's files carry the fund's id or the year itself, so no
page has to read a file's name back to learn which list it is.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Group:
    kind: str  # one of the names below, or "fund" / "year"
    key: str = ""  # the fund's id, or the financial year (2026/27), for the files of one fund or year


AWARDS = Group("awards")
FUNDS = Group("funds")
SUMMARY = Group("summary")
TENDERS = Group("tenders")
ROUNDS = Group("rounds")  # funding rounds: their CSV, JSON and feed (the deadlines are in the tenders' calendar)
CONTRACTS = Group("contracts")
SINGLE_TENDER_ACTIONS = Group("single-tender-actions")
RECIPIENTS = Group("recipients")
CONTRACTS_ENDING = Group("contracts-ending")  # registers/contracts-ending: its CSV, feed and calendar
PROMISES = Group("promises")  # how-we-commission/: the promises measured
STANDARDS = Group("standards")  # 360Giving and OCDS


def fund(fund_id: str) -> Group:
    return Group("fund", fund_id)


def year(year: str) -> Group:
    return Group("year", year)
