"""The 360Giving Data Quality Tool's checks, re-implemented for the tests.

The tool (lib360dataquality, behind https://dataquality.threesixtygiving.org/) cannot be installed
here: it is not on the package index the project can reach. These are its additional checks as its
source (`lib360dataquality/additional_test.py`, TEST_CLASSES) defines them, each reading one
grant of a 360Giving JSON package, plus the notice the issue quotes that newer releases give
("a beneficiary location with a name but no code"). Written from the tool's definitions, not from
our export: a check that looks at what the export does not write fails on it.

`findings(package, today)` gives (check, grant id) for every notice: quality notices (likely
mistakes) and usefulness notices (what would make the data more useful, such as a recipient's
location). `today` stands for the tool's "now" (it compares dates with the day it runs).
"""
from __future__ import annotations

import csv
import json
import re
from datetime import date, datetime

from conftest import ROOT

QUALITY = "quality"
USEFULNESS = "usefulness"
# org-id.guide's list codes, which the tool takes its recognised prefixes from (the project's copy)
_REGISTERS = ROOT / "transparency" / "org-id-guide" / "registers.json"
_EMAIL = re.compile(r"[\w.-]+@[\w.-]+\.[\w.-]+")


def _prefixes() -> list[str]:
    codes = [r["code"] for r in json.loads(_REGISTERS.read_text(encoding="utf-8"))["registers"]]
    return [c + "-" for c in codes] + ["360G-"]


def _charity_number(text: str) -> bool:
    """The tool's check_charity_number: 6 or 7 digits (after any two-letter prefix, stripped by the caller)."""
    return bool(re.fullmatch(r"[0-9]{6,7}", text))


def _company_number(text: str) -> bool:
    """The tool's check_company_number: 8 characters, the last 6 digits."""
    return bool(re.fullmatch(r"[A-Z0-9]{2}[0-9]{6}", text))


def _date(text: str | None) -> date | None | str:
    """The date a field gives (its date part), None if absent, "impossible" if it is no real date."""
    if not text:
        return None
    try:
        return datetime.strptime(text.split("T")[0], "%Y-%m-%d").date()
    except ValueError:
        return "impossible"


def _flatten(value, prefix=""):
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _flatten(v, f"{prefix}/{k}")
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _flatten(v, f"{prefix}/{i}")
    else:
        yield prefix, value


def _years_later(d: date, years: int) -> date:
    try:
        return d.replace(year=d.year + years)
    except ValueError:  # 29 February
        return d.replace(year=d.year + years, day=28)


def grant_findings(grant: dict, today: date) -> list[tuple[str, str, str]]:
    """(kind, check, what) for each notice the tool gives this grant."""
    out: list[tuple[str, str, str]] = []

    def notice(kind: str, check: str, what: str = "") -> None:
        out.append((kind, check, what))

    recipients = grant.get("recipientOrganization", [])
    funders = grant.get("fundingOrganization", [])
    prefixes = [p.lower() for p in _prefixes()]
    # --- quality ---
    if grant.get("amountAwarded") == 0:
        notice(QUALITY, "ZeroAmountTest")
    for role, orgs in (("FundingOrg", funders), ("RecipientOrg", recipients)):
        for org in orgs:
            if not any(org["id"].lower().startswith(p) for p in prefixes):
                notice(QUALITY, f"{role}UnrecognisedPrefix", org["id"])
            oid = org["id"].upper()
            if oid.startswith("GB-CHC-") and not _charity_number(org["id"][7:]):
                notice(QUALITY, "OrganizationIdLooksInvalid", org["id"])
            if oid.startswith("GB-COH-") and not _company_number(org["id"][7:]):
                notice(QUALITY, "OrganizationIdLooksInvalid", org["id"])
    for org in recipients:
        if "charityNumber" in org:
            number = str(org["charityNumber"])
            number = number[2:] if number[:2].isalpha() else number
            if not _charity_number(number):
                notice(QUALITY, "RecipientOrgCharityNumber", org["charityNumber"])
        if "companyNumber" in org and not _company_number(org["companyNumber"]):
            notice(QUALITY, "RecipientOrgCompanyNumber", org["companyNumber"])
    for key, value in _flatten(grant):
        if "email" not in key and isinstance(value, str) and _EMAIL.search(value):
            notice(QUALITY, "LooksLikeEmail", key)
    planned = (grant.get("plannedDates") or [{}])[0]
    actual = (grant.get("actualDates") or [{}])[0]
    dates = {"award": _date(grant.get("awardDate")), "planned start": _date(planned.get("startDate")),
             "planned end": _date(planned.get("endDate")), "actual start": _date(actual.get("startDate")),
             "actual end": _date(actual.get("endDate"))}
    if "impossible" in dates.values():
        notice(QUALITY, "ImpossibleDates")
    real = {k: v for k, v in dates.items() if isinstance(v, date)}
    if "planned start" in real and "planned end" in real and real["planned start"] > real["planned end"]:
        notice(QUALITY, "PlannedStartDateBeforeEndDate")
    if "actual start" in real and "actual end" in real and real["actual start"] > real["actual end"]:
        notice(QUALITY, "ActualStartDateBeforeEndDate")
    if any(real[k] > _years_later(today, 12) for k in ("planned start", "planned end") if k in real):
        notice(QUALITY, "FarFuturePlannedDates")
    if any(real[k] > _years_later(today, 5) for k in ("actual start", "actual end") if k in real):
        notice(QUALITY, "FarFutureActualDates")
    if any(d < _years_later(today, -25) for d in real.values()):
        notice(QUALITY, "FarPastDates")
    if "award" in real and real["award"] > today:
        notice(QUALITY, "PostDatedAwardDates")
    # --- usefulness ---
    for role, orgs in (("RecipientOrg", recipients), ("FundingOrg", funders)):
        if any(org["id"].lower().startswith("360g") for org in orgs):
            notice(USEFULNESS, f"{role}360GPrefix")
    if any(not (org.get("companyNumber") or org.get("charityNumber")) for org in recipients):
        notice(USEFULNESS, "NoRecipientOrgCompanyCharityNumber")
    for org in recipients:
        located = org.get("postalCode") or any(
            loc.get("geoCode") and loc.get("geoCodeType") for loc in org.get("location") or [])
        if not located:
            notice(USEFULNESS, "IncompleteRecipientOrg", org["id"])
    if not grant.get("grantProgramme"):
        notice(USEFULNESS, "NoGrantProgramme")
    if not grant.get("beneficiaryLocation"):
        notice(USEFULNESS, "NoBeneficiaryLocation")
    for loc in grant.get("beneficiaryLocation") or []:
        if loc.get("name") and not (loc.get("geoCode") and loc.get("geoCodeType")):
            notice(USEFULNESS, "BeneficiaryLocationNameWithoutCode", loc["name"])
    title, description = grant.get("title"), grant.get("description")
    if title and description and title == description:
        notice(USEFULNESS, "TitleDescriptionSame")
    if len(grant.get("title", "")) > 140:
        notice(USEFULNESS, "TitleLength")
    if not grant.get("dateModified"):
        notice(USEFULNESS, "NoLastModified")
    if not grant.get("dataSource"):
        notice(USEFULNESS, "NoDataSource")
    return out


def findings(package: dict, today: date) -> list[tuple[str, str, str, str]]:
    """(kind, check, grant id, what) for every notice on the package's grants, and the file's own."""
    out = [(kind, check, g.get("id", "?"), what) for g in package.get("grants", [])
           for kind, check, what in grant_findings(g, today)]
    funders = {org["id"] for g in package.get("grants", []) for org in g.get("fundingOrganization", [])}
    if len(funders) > 1:
        out.append((QUALITY, "MoreThanOneFundingOrg", "", ", ".join(sorted(funders))))
    return out


# The usefulness notices the tool itself says to ignore when they are true of the recipient: an
# organisation with no charity or company number (a council, a group registered nowhere) can give
# neither, and a group registered nowhere has only the funder's `360G-` identifier.
TRUE_OF_THE_RECIPIENT = ("NoRecipientOrgCompanyCharityNumber", "RecipientOrg360GPrefix")


def standard_codes(codelist: str) -> set[str]:
    """The codes of one of 360Giving's codelists, from the standard's copy in tests/standards/."""
    path = ROOT / "tests" / "standards" / "360giving-1.4.3" / "codelists" / codelist
    with path.open(encoding="utf-8", newline="") as f:
        return {row["Code"] for row in csv.DictReader(f)}
