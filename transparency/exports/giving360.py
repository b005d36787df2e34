"""The 360Giving open-data export: every grant, as a JSON package and as the flat CSV.

360Giving Data Standard 1.4 (https://standard.threesixtygiving.org/). Only awards of kind
`grant` are published here; contracts belong to the Open Contracting export.

Pure functions from the Dataset to a dict or bytes: no MkDocs, no Jinja, no clock. The same
Dataset and `published` moment always give the same bytes. `published` is the build's moment
(an aware datetime); it only fills the package's `issued` date. Every "last modified" date comes
from the data itself: the dates recorded in the award and when its file was last committed
(Dataset.changed_on), never the clock.

A 360Giving package must hold at least one grant: when `grants(ds, published)["grants"]` is
empty, publish no 360Giving file rather than an invalid one.
"""
from __future__ import annotations

import csv
import io
from datetime import date, datetime, time, timezone
from typing import Any

from .. import addresses, places
from ..vocabulary import FOCUS
from ..dataset import Dataset
from ..figures import award_modified
from ..identifiers import grant_identifier, recipient_org_id
from ..orgids import registered
from ..model import Award, Fund, Organisation
from ..money import plain_number
from .jsonout import to_json

STANDARD_VERSION = "1.4"  # major.minor, as the package schema's `version` asks
CURRENCY = "GBP"
COUNTRY = "GB"  # a Police and Crime Commissioner serves an area in England or Wales

# The flat CSV: the 360Giving spreadsheet template's column titles (the `title`s of the 1.4
# schema joined by ":"), each with the path in a grant that fills it (list index 0: every
# grant here has one recipient, one funder, one programme, one location and one planned period).
CSV_COLUMNS: list[tuple[str, tuple[str | int, ...]]] = [
    ("Identifier", ("id",)),
    ("Title", ("title",)),
    ("Description", ("description",)),
    ("Currency", ("currency",)),
    ("Amount Awarded", ("amountAwarded",)),
    ("Award Date", ("awardDate",)),
    ("URL", ("url",)),
    ("Planned Dates:Start Date", ("plannedDates", 0, "startDate")),
    ("Planned Dates:End Date", ("plannedDates", 0, "endDate")),
    ("Planned Dates:Duration (months)", ("plannedDates", 0, "duration")),
    ("Recipient Org:Identifier", ("recipientOrganization", 0, "id")),
    ("Recipient Org:Name", ("recipientOrganization", 0, "name")),
    ("Recipient Org:Charity Number", ("recipientOrganization", 0, "charityNumber")),
    ("Recipient Org:Company Number", ("recipientOrganization", 0, "companyNumber")),
    ("Recipient Org:Web Address", ("recipientOrganization", 0, "url")),
    ("Recipient Org:Postal Code", ("recipientOrganization", 0, "postalCode")),
    ("Funding Org:Identifier", ("fundingOrganization", 0, "id")),
    ("Funding Org:Name", ("fundingOrganization", 0, "name")),
    ("Grant Programme:Code", ("grantProgramme", 0, "code")),
    ("Grant Programme:Title", ("grantProgramme", 0, "title")),
    ("Beneficiary Location:Name", ("beneficiaryLocation", 0, "name")),
    ("Beneficiary Location:Country Code", ("beneficiaryLocation", 0, "countryCode")),
    ("Beneficiary Location:Geographic Code", ("beneficiaryLocation", 0, "geoCode")),
    ("Beneficiary Location:Geographic Code Type", ("beneficiaryLocation", 0, "geoCodeType")),
    ("Classifications:Vocabulary", ("classifications", 0, "vocabulary")),
    ("Classifications:Code", ("classifications", 0, "code")),
    ("Classifications:Title", ("classifications", 0, "title")),
    ("Data Source", ("dataSource",)),
    ("Last Modified", ("dateModified",)),
]
CSV_HEADER = [title for title, _ in CSV_COLUMNS]


# --- JSON ---------------------------------------------------------------------


def grants(ds: Dataset, published: datetime) -> dict[str, Any]:
    """The 360Giving JSON package: metadata, then one grant per award of kind `grant`.

    Grants are ordered by award date, then id. Amounts stay `Decimal` (`to_json` writes numbers).
    """
    org = ds.organisation
    # a withdrawn or returned grant is not a grant made: 360Giving has no status to say so, so it
    # is left out, as from every total (the site lists it with its reason)
    awards = sorted((a for a in ds.awards.values() if a.kind == "grant" and a.counted), key=lambda a: (a.award_date, a.id))
    items = [_grant(org, ds.funds.get(a.fund), a, award_modified(ds, a)) for a in awards]

    package: dict[str, Any] = {
        "version": STANDARD_VERSION,
        "title": f"Grants made by the {org.short_name}",
        "description": (
            f"Every grant made by the {org.name}, from its funding and commissioning transparency "
            "data: who received it, how much, when, from which fund and for what. Contracts for "
            "services are not grants and are not included, nor are grants withdrawn or returned."
        ),
        "issued": _datetime(published),
    }
    if items:
        package["modified"] = max(g["dateModified"] for g in items)
    package["publisher"] = {"identifier": org.org_id, "name": org.name, "website": org.website}
    site = addresses.site_root(org)
    if site:
        package["accessURL"] = site
    package["license"] = org.licence.url
    package["grants"] = items
    return package


def grants_json(ds: Dataset, published: datetime, package: dict[str, Any] | None = None) -> bytes:
    """The package as JSON; pass `package` (from `grants`) when it is already made."""
    return to_json(package or grants(ds, published))


def _grant(org: Organisation, fund: Fund | None, award: Award, modified: date) -> dict[str, Any]:
    grant: dict[str, Any] = {
        "id": grant_identifier(org, award),
        "title": award.title,
        "description": award.description,
        "currency": CURRENCY,
        "amountAwarded": award.amount,
        "awardDate": award.award_date.isoformat(),
    }
    site = addresses.site_root(org)
    if site:
        grant["url"] = site + addresses.award(award.id).url  # the award's own page
    term = award.term
    if term is not None and term.start is not None:
        grant["plannedDates"] = [{
            "startDate": term.start.isoformat(),
            "endDate": term.initial_end.isoformat(),
            "duration": term.initial_years * 12,
        }]
    grant["recipientOrganization"] = [_recipient(award)]
    grant["fundingOrganization"] = [{"id": org.org_id, "name": org.name}]
    grant["grantProgramme"] = [{"code": award.fund, "title": fund.name if fund else award.fund}]
    grant["beneficiaryLocation"] = [beneficiary_location(org, award)]
    if award.focus is not None:
        grant["classifications"] = [{"vocabulary": focus_vocabulary(org), "code": award.focus,
                                     "title": FOCUS[award.focus]}]
    if site:
        grant["dataSource"] = site + addresses.OPEN_DATA.url  # the page that lists this file
    grant["dateModified"] = _datetime(modified)
    return grant


def beneficiary_location(org: Organisation, award: Award) -> dict[str, str]:
    """Where the grant's beneficiaries are: a countywide award's is the office's police force area
    (`PFA`, with `force_area_code`), another's the district or local authority its area's `code`
    names (its type from 360Giving's codelist). A code the rules refuse is left out, not published."""
    if award.coverage == "countywide":
        out = {"name": org.area, "countryCode": COUNTRY}
        code = org.force_area_code
        kind = places.force_area_code_type(code) if code else None
    else:
        out = {"name": award.coverage.area, "countryCode": COUNTRY}
        code = award.coverage.code
        kind = places.area_code_type(code) if code else None
    if kind:
        out |= {"geoCode": code, "geoCodeType": kind}
    return out


def focus_vocabulary(org: Organisation) -> str:
    """The name of our own vocabulary of what awards are for (`Award.focus`): 360Giving has no shared
    one, so it is named by our 360Giving prefix, which no other publisher has."""
    return f"{org.grant_id_prefix}-focus"


def _recipient(award: Award) -> dict[str, str]:
    r = award.recipient
    out = {"id": recipient_org_id(r), "name": r.name}
    if r.charity_number and (parts := registered(out["id"])):
        out["charityNumber"] = parts[1]  # the number on its register: NIC100001 is 100001 there
    if r.company_number:
        out["companyNumber"] = r.company_number
    if r.website:
        out["url"] = r.website
    if r.postcode and (postcode := places.postcode(r.postcode)):
        out["postalCode"] = postcode  # as Royal Mail writes it, however it was typed
    return out


def _datetime(moment: date | datetime) -> str:
    """A full RFC 3339 date-time, as 360Giving asks: a bare date is taken as midnight UTC."""
    if not isinstance(moment, datetime):
        moment = datetime.combine(moment, time(0), tzinfo=timezone.utc)
    elif moment.tzinfo is None:
        raise ValueError("the published moment needs a time zone (360Giving date-times carry an offset)")
    return moment.isoformat(timespec="seconds")


# --- CSV ----------------------------------------------------------------------


def grants_csv(ds: Dataset, published: datetime, package: dict[str, Any] | None = None) -> bytes:
    """The flat 360Giving CSV: UTF-8 with a byte order mark (for Excel), CRLF line ends, one row per grant.
    Pass `package` (from `grants`) when it is already made."""
    out = io.StringIO(newline="")
    writer = csv.writer(out)  # excel dialect: "\r\n", quotes only where needed
    writer.writerow(CSV_HEADER)
    for grant in (package or grants(ds, published))["grants"]:
        writer.writerow(list(flat(grant).values()))
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def flat(grant: dict[str, Any]) -> dict[str, str]:
    """One grant of the JSON package as the flat CSV's row: its cells by column title, "" where it has none.
    (The importer reads a 360Giving JSON file through this, so JSON and CSV are read alike.)"""
    return {title: _cell(_at(grant, path)) for title, path in CSV_COLUMNS}


def _at(grant: dict[str, Any], path: tuple[str | int, ...]) -> Any:
    value: Any = grant
    for step in path:
        try:
            value = value[step]
        except (KeyError, IndexError):
            return None
    return value


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):  # pragma: no cover - no booleans in the grant today
        return "Yes" if value else "No"
    if isinstance(value, (int, str)):
        return str(value)
    return plain_number(value)  # Decimal amounts: 1500 or 1500.50
