"""Identifiers the open-data standards need, made the same way everywhere."""
from __future__ import annotations

from .model import Award, Organisation, Recipient
from .orgids import charity_org_id, company_org_id


def recipient_org_id(r: Recipient) -> str:
    """An org-id.guide identifier: the charity number (of England and Wales, Scotland or Northern
    Ireland), else the company number, else the given org_id (which may be a 360Giving one)."""
    if r.charity_number and (charity := charity_org_id(r.charity_number)):
        return charity
    if r.company_number:
        return company_org_id(r.company_number)
    return r.org_id or ""  # rules.py ensures one of the three is given


def grant_identifier(org: Organisation, award: Award) -> str:
    """The 360Giving identifier: the office's prefix and the award's id."""
    return f"{org.grant_id_prefix}-{award.id}"


def ocid(org: Organisation, id: str) -> str:
    """The OCDS contracting-process id: the office's prefix and the tender's (or award's) id."""
    return f"{org.ocid_prefix}-{id}"
