"""The built-in mapping for 360Giving files: the inverse of our own 360Giving export.

Nothing here says again what an export column means. The columns that the export copies
straight from one field (`Title` from `title`, `Recipient Org:Name` from `recipient.name`...)
are found by asking the export itself: a probe award whose every field holds a value of its
own is exported (exports/giving360.py, the real `grants` and `flat`), and each column is
mapped to the field whose value it shows. The few columns the export makes from a field
rather than copying it (the identifier with our prefix, the recipient's org-id, the term in
months, the fund's name, the area) are read back by `derived` below, each the inverse of one
step in the export. A column the export gains is found by the probe, or, if it is made
rather than copied, appears in `UNREAD` until it is read (tests/test_import.py checks that
every column is one or the other).
"""
from __future__ import annotations

from datetime import date, datetime, timezone
from decimal import Decimal
from functools import cache
from typing import Any

from .. import orgids, places
from ..dataset import Dataset
from ..exports.giving360 import CSV_HEADER, flat, grants
from ..model import Award, Fund, Link, Organisation, Recipient, Term
from ..money import plain_number
from .cleaning import Conventions, Unclean, slugify

# Columns a file must have to be read as 360Giving without a mapping (the standard requires them).
SIGNS = ("Identifier", "Amount Awarded", "Award Date", "Recipient Org:Identifier", "Funding Org:Identifier")
# Columns made from a field, each read back by `derived`.
IDENTIFIER = "Identifier"
RECIPIENT_ID = "Recipient Org:Identifier"
CHARITY_NUMBER = "Recipient Org:Charity Number"
DURATION = "Planned Dates:Duration (months)"
PROGRAMME_CODE = "Grant Programme:Code"
PROGRAMME_TITLE = "Grant Programme:Title"
LOCATION = "Beneficiary Location:Name"
GEO_CODE = "Beneficiary Location:Geographic Code"
CURRENCY = "Currency"
DERIVED = (IDENTIFIER, RECIPIENT_ID, CHARITY_NUMBER, DURATION, PROGRAMME_CODE, PROGRAMME_TITLE, LOCATION, GEO_CODE,
           CURRENCY)
# Columns about the file or the funder, or made from what is read already: nothing to import. (A code's
# type follows from the code; the classifications are each publisher's own vocabulary; the data source
# is the file itself.)
UNREAD = ("URL", "Planned Dates:End Date", "Funding Org:Identifier", "Funding Org:Name",
          "Beneficiary Location:Country Code", "Beneficiary Location:Geographic Code Type",
          "Classifications:Vocabulary", "Classifications:Code", "Classifications:Title", "Data Source",
          "Last Modified")
# What every grant is: 360Giving publishes only grants.
FIXED = {"kind": "grant"}


def detect(headers: list[str]) -> bool:
    return all(sign in headers for sign in SIGNS)


@cache
def copied() -> dict[str, str]:
    """Column title -> the field the export copies into it, found by exporting a probe award."""
    org = Organisation(
        name="probe office", short_name="probe", area="probe area", org_id="GB-GOR-PROBE",
        grant_id_prefix="360G-probe", ocid_prefix="ocds-probe", website="https://probe.example/",
        email="probe@example.org", etendering_portal=Link("probe portal", "https://portal.probe.example/"),
        procurement_threshold=Decimal(1), single_tender_action_sign_off=[], shared_outcomes=[])
    values: dict[str, Any] = {
        "title": "probe title", "description": "probe description", "amount": Decimal("1234.56"),
        "award_date": date(2001, 2, 3), "fund": "probe-fund", "recipient.name": "probe recipient",
        "recipient.company_number": "ZZ000001", "recipient.website": "https://recipient.probe.example/",
        "recipient.postcode": "ZE1 0PB", "term.start": date(2002, 3, 4),
    }
    award = Award(
        id="probe-award", title=values["title"], kind="grant", fund=values["fund"],
        recipient=Recipient(name=values["recipient.name"], company_number=values["recipient.company_number"],
                            website=values["recipient.website"], postcode=values["recipient.postcode"]),
        amount=values["amount"], award_date=values["award_date"], description=values["description"],
        procurement_route="grant-application", status="active", term=Term(initial_years=2, start=values["term.start"]))
    fund = Fund(id="probe-fund", name="probe fund name", summary="", legal_basis="", status="open", route="grants",
                budgets={})
    ds = Dataset(organisation=org, funds={fund.id: fund}, awards={award.id: award})
    (grant,) = grants(ds, datetime(2001, 1, 1, tzinfo=timezone.utc))["grants"]
    shown = {_cell(v): name for name, v in values.items()}
    return {title: shown[cell] for title, cell in flat(grant).items()
            if title not in DERIVED and cell in shown}


def _cell(value: Any) -> str:
    if isinstance(value, Decimal):
        return plain_number(value)
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def columns() -> list[str]:
    """Every column of our export, in its order."""
    return list(CSV_HEADER)


def derived(cells: dict[str, Any], org: Organisation, conv: Conventions, funds: dict[str, Fund]):
    """The fields made from the columns the export makes rather than copies: (field -> value, the
    columns with a problem -> message). Each step is the inverse of one in exports/giving360.py."""
    out: dict[str, Any] = dict(FIXED)
    bad: dict[str, str] = {}

    def text(title: str) -> str:
        value = cells.get(title)
        return str(value).strip() if value is not None else ""

    if (currency := text(CURRENCY)) and currency != "GBP":
        bad[CURRENCY] = (f"`{currency}`: only grants in pounds (GBP) can be imported; convert the amount "
                         "and add this grant by hand")
    # the export writes our prefix, a hyphen and the award's id; another funder's identifier is kept whole
    if identifier := text(IDENTIFIER):
        ours = org.grant_id_prefix + "-"
        out["id"] = slugify(identifier.removeprefix(ours) if identifier.startswith(ours) else identifier)
    # the export names a recipient by its charity's org-id, else its company's, else its own org_id
    if recipient_id := text(RECIPIENT_ID):
        parts = orgids.registered(recipient_id)
        charity = dict((code, written) for code, written in orgids.CHARITY_REGISTERS)
        if parts and parts[0] in charity:
            out["recipient.charity_number"] = charity[parts[0]] + parts[1]
        elif parts and parts[0] == "GB-COH":
            out["recipient.company_number"] = parts[1]
        elif (message := orgids.problem(recipient_id)) is None:
            out["recipient.org_id"] = recipient_id
        else:
            bad[RECIPIENT_ID] = message
    if (number := text(CHARITY_NUMBER)) and "recipient.charity_number" not in out:
        number = "".join(number.split()).upper()
        if orgids.charity_org_id(number) is None:
            bad[CHARITY_NUMBER] = orgids.NOT_A_CHARITY_NUMBER.format(text=number)
        else:
            out["recipient.charity_number"] = number
    # the export gives the first period in months: twelve times its years
    if months := text(DURATION):
        if months.isdigit() and int(months) % 12 == 0 and int(months):
            out["term.initial_years"] = int(months) // 12
        else:
            bad[DURATION] = (f"`{months}` months is not a whole number of years: a term here is in whole years "
                             "(12, 24, 36 months...); add this grant's term by hand")
    # the programme's code is our fund's id, its title the fund's name
    code, title = text(PROGRAMME_CODE), text(PROGRAMME_TITLE)
    fund = (conv.fund(code) if code else None) or (conv.fund(title) if title else None)
    if fund is None and (code or title):
        names = {f.name.casefold(): f.id for f in funds.values()}
        fund = names.get(title.casefold())
    if fund is not None:
        out["fund"] = fund
    elif code or title:
        known = ", ".join(f"`{f}`" for f in sorted(funds)) or "none yet: add the fund files first"
        bad[PROGRAMME_TITLE if title else PROGRAMME_CODE] = (
            f"`{title or code}` is not a fund we know: give a mapping file whose `funds:` names it with its "
            f"fund id (the funds in data/funds/ are {known})")
    # a countywide award's location is the office's area; another is the area it covers
    # ...with the code of that area (a countywide award's code is the office's force area: not the award's)
    if location := text(LOCATION):
        if location == org.area:
            out["coverage"] = "countywide"
        else:
            out["coverage.area"] = location
            if code := text(GEO_CODE):
                if (message := places.area_code_problem(code)) is None:
                    out["coverage.code"] = code
                else:
                    bad[GEO_CODE] = message
    return out, bad
