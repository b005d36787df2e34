"""Tenders and contracts as an Open Contracting Data Standard (OCDS 1.1) release package.

One contracting process (ocid) per tender, holding the tender and, once awarded,
its awards and contracts; and one per contract awarded without a tender notice
(single tender actions, three quotes, co-commissioned services). Grants are not
contracting processes: they are published in the 360Giving export instead.

Every date in a release comes from the data, never from the clock: the build
moment (`now`) only decides a tender's stage (forthcoming, open, closed) and
is the package's `publishedDate`. A release's `date` (and so its id) is when its
newest information was recorded: the dates in the data or, when later, the last
commit of a file it is made from (Dataset.changed_on), so an edit such as an
extension or a de-commissioning gives a new release. Dates the data holds without a time are
given the start of the UK day, and end dates the end of it (23:59:59), as
OCDS asks for full date-times.

Pure functions from the Dataset to a dict or bytes: no MkDocs, no Jinja.
"""
from __future__ import annotations

import re
from datetime import date, datetime, time
from decimal import Decimal

from .. import addresses
from ..dataset import Dataset
from ..dates import LONDON, format_date, term_end, years
from ..figures import Figures, award_modified
from ..identifiers import ocid, recipient_org_id
from ..orgids import company_org_id, registered
from ..model import Award, Notice, Organisation, Recipient, Term, Tender
from ..notices import notice_url
from ..vocabulary import NOTICE_TYPE
from ..money import format_money
from ..labels import PROCUREMENT_ROUTE, STA_GROUND
from .jsonout import to_json

VERSION = "1.1"
CURRENCY = "GBP"
CATEGORY = "services"  # the office commissions services; the model has no goods/works distinction

# How each procurement route maps to OCDS's closed `method` codelist. Co-commissioned awards
# say nothing about how the provider was chosen (often by the partner), so no method is claimed.
METHOD = {
    "competitive-tender": "open",
    "three-quotes": "limited",
    "single-tender-action": "direct",
    "co-commissioned": None,
}

# The tender's stage on the site -> (release tag, tender.status); awarded tenders are handled apart.
STAGE = {
    "forthcoming": ("planning", "planned"),
    "open": ("tender", "active"),
    "closed": ("tender", "active"),  # bids are being evaluated: the process has not finished
    "cancelled": ("tenderCancellation", "cancelled"),  # stopped before any award (issue 17)
}

# Award status in the data -> contract status (closed contractStatus codelist).
# A withdrawn or returned award never stood: `cancelled` in both the award and contract codelists.
CONTRACT_STATUS = {"active": "active", "ended": "terminated", "de-commissioned": "terminated",
                   "withdrawn": "cancelled", "returned": "cancelled"}

# Words in a tender document's name -> documentType (documentType codelist); first match wins.
DOCUMENT_TYPES = [
    (r"\bprior information\b|\bplanned procurement\b", "plannedProcurementNotice"),
    (r"\bclarification", "clarifications"),
    (r"\bdraft contract\b|\bcontract draft\b|\bterms and conditions\b", "contractDraft"),
    (r"\bspecification", "technicalSpecifications"),
    (r"\bweighting|\bevaluation\b|\bscoring\b|\bmethod statement", "evaluationCriteria"),
    (r"\beligibility\b|\bselection questionnaire\b", "eligibilityCriteria"),
    (r"\binvitation to tender\b|\binstructions to bidders\b", "biddingDocuments"),
    (r"\bmarket (study|studies|research)\b", "marketStudies"),
]


# --- dates --------------------------------------------------------------------


def _moment(value: date | datetime, end_of_day: bool = False) -> datetime:
    if isinstance(value, datetime):
        return value
    return datetime.combine(value, time(23, 59, 59) if end_of_day else time(0, 0), tzinfo=LONDON)


def _iso(value: date | datetime, end_of_day: bool = False) -> str:
    """A full ISO 8601 date-time with the UK offset of that day (+00:00 in winter, +01:00 in summer)."""
    return _moment(value, end_of_day).isoformat()


def _period(term: Term | None) -> dict | None:
    """A tender's contract period on offer: the first period, and the end with every extension."""
    if term is None or term.start is None:
        return None
    return {
        "startDate": _iso(term.start),
        "endDate": _iso(term.initial_end, end_of_day=True),
        "maxExtentDate": _iso(term.extended_end, end_of_day=True),
    }


def _contract_period(award: Award) -> dict | None:
    """A contract's period as it stands: it ends after the extensions taken, and could run to the
    end with every extension the term offers."""
    if award.current_end is None:
        return None
    return {
        "startDate": _iso(award.term.start),
        "endDate": _iso(award.current_end, end_of_day=True),
        "maxExtentDate": _iso(award.last_possible_end, end_of_day=True),
    }


def _amendments(award: Award) -> list[dict]:
    """One amendment per extension taken: when it was agreed, why, and what it changed."""
    out, so_far = [], award.term.initial_years if award.term else 0
    for i, e in enumerate(award.extensions_taken, 1):
        so_far += e.years
        runs_to = term_end(award.term.start, so_far)
        out.append({
            "id": f"extension-{i}",
            "date": _iso(e.agreed),
            "rationale": f"Both parties agreed to take an extension of {years(e.years)} that the contract offers.",
            "description": (f"The term is extended by {years(e.years)}, to {format_date(runs_to)}; "
                            f"the extension adds {format_money(e.value)} to the contract's value."),
        })
    return out


# --- parties --------------------------------------------------------------------


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _identifier(org_id: str, legal_name: str) -> dict | None:
    """An org-id.guide identifier split into its list (scheme) and the id within it. None for a
    360Giving id of a group registered nowhere: OCDS takes schemes from org-id.guide's lists only,
    so such a party has its id and name and no `identifier`."""
    parts = registered(org_id)
    if parts is None:
        return None
    scheme, id = parts
    return {"scheme": scheme, "id": id, "legalName": legal_name}


def _buyer_party(org: Organisation) -> dict:
    contact = {"email": org.email, "url": org.site_url or org.website}
    party = {"id": org.org_id, "name": org.name}
    if identifier := _identifier(org.org_id, org.name):
        party["identifier"] = identifier
    return {**party, "contactPoint": contact, "roles": ["buyer", "procuringEntity"]}


def _supplier_id(award: Award) -> str:
    return recipient_org_id(award.recipient) or f"supplier-{award.id}"


def _supplier_party(award: Award) -> dict:
    r: Recipient = award.recipient
    org_id = recipient_org_id(r)
    party: dict = {"id": _supplier_id(award), "name": r.name}
    if identifier := _identifier(org_id, r.name):
        party["identifier"] = identifier
    others = []
    if r.charity_number and r.company_number:  # the charity number is the main identifier
        others.append(_identifier(company_org_id(r.company_number), r.name))
    if r.org_id and r.org_id != org_id:
        others.append(_identifier(r.org_id, r.name))
    if others := [o for o in others if o]:
        party["additionalIdentifiers"] = others
    if r.website:
        party["contactPoint"] = {"url": r.website}
    party["roles"] = ["supplier"]
    return party


def _funder_id(name: str) -> str:
    return f"co-commissioner-{_slug(name)}"


def _parties(org: Organisation, awards: list[Award]) -> list[dict]:
    parties = {org.org_id: _buyer_party(org)}
    for award in awards:
        party = _supplier_party(award)
        parties.setdefault(party["id"], party)
        for partner in award.co_commissioners:
            parties.setdefault(_funder_id(partner.name), {
                "id": _funder_id(partner.name), "name": partner.name, "roles": ["funder"]})
    return list(parties.values())


# --- values -------------------------------------------------------------------


def _value(amount: Decimal) -> dict:
    return {"amount": amount, "currency": CURRENCY}


def _budget(ds: Dataset, fund_id: str, awards: list[Award]) -> dict:
    fund = ds.funds.get(fund_id)
    budget: dict = {"id": fund_id, "description": fund.name if fund else fund_id}
    pooled = [a for a in awards if a.co_commissioners]
    for a in pooled:
        shares = [(ds.organisation.short_name, a.amount)] + [(c.name, c.contribution) for c in a.co_commissioners]
        words = [f"{format_money(amount)} from {name}" for name, amount in shares]
        of = f" for {a.title}" if len(awards) > 1 else ""
        budget["description"] += (f". Pooled budget{of} of {format_money(a.pooled_total)}: "
                                  f"{', '.join(words[:-1])} and {words[-1]}")
    if pooled:
        budget["description"] += "."
    return budget


# --- awards and contracts -------------------------------------------------------


def _report_milestone(report) -> dict:
    parts = [report.activity.strip()]
    if report.outputs:
        parts.append("Outputs: " + "; ".join(f"{k}: {v}" for k, v in report.outputs.items()) + ".")
    if report.impact:
        parts.append("Impact: " + report.impact.strip())
    met = _iso(report.received)
    return {
        "id": f"outcome-report-{report.period_end.isoformat()}",
        "title": f"Outcome report for the six months to {format_date(report.period_end)}",
        "type": "reporting",
        "description": " ".join(parts),
        "status": "met",
        "dateMet": met,
        "dateModified": met,
    }


def _award(award: Award) -> dict:
    out = {
        "id": award.id,
        "title": award.title,
        "description": award.description.strip(),
        "status": "active" if award.counted else "cancelled",
        "date": _iso(award.award_date),
        "value": _value(award.pooled_total),  # what the contract is worth, with any partners' contributions
        "suppliers": [{"id": _supplier_id(award), "name": award.recipient.name}],
    }
    if docs := _notice_documents(award.notices, "award"):
        out["documents"] = docs
    return out


def _contract(award: Award) -> dict:
    description = award.description.strip()
    if award.status_note:
        description += " " + award.status_note.strip()
    contract: dict = {
        "id": award.id,
        "awardID": award.id,
        "title": award.title,
        "description": description,
        "status": CONTRACT_STATUS[award.status],
        # with the partners' contributions and the value of each extension taken
        "value": _value(award.pooled_total + award.total_value - award.amount),
    }
    period = _contract_period(award)
    if period:
        contract["period"] = period
    if award.extensions_taken and award.term is not None and award.term.start is not None:
        contract["amendments"] = _amendments(award)
    if award.outcome_reports:
        reports = sorted(award.outcome_reports, key=lambda r: (r.period_end, r.received))
        contract["implementation"] = {"milestones": [_report_milestone(r) for r in reports]}
    docs = _notice_documents(award.notices, "contract")
    if award.contract_copy:
        docs.append({"id": "contract-copy", "documentType": "contractSigned",
                     "title": f"The contract: {award.title}", "url": award.contract_copy, "language": "en"})
    if docs:
        contract["documents"] = docs
    return contract


# --- the Procurement Act 2023's notices, as documents (Find a Tender's own OCDS does the same:
# each notice a document whose `noticeType` is its UK code) -----------------------------------
# `noticeType` is a field OCDS 1.1's Document does not define; the schema allows fields of a
# publisher's own, so the package validates. No registered extension defining it was found
# (December 2026), and a package's `extensions` must each be a real extension.json's address,
# so none is declared: when Find a Tender's extension has an address, add it to the package.

# Where each notice goes in a release, and its documentType (documentType codelist).
NOTICE_DOCUMENTS = {
    "UK1": ("tender", "plannedProcurementNotice"), "UK2": ("tender", "plannedProcurementNotice"),
    "UK3": ("tender", "plannedProcurementNotice"), "UK4": ("tender", "tenderNotice"),
    "UK5": ("tender", "tenderNotice"),  # announces a direct award in place of a tender notice
    "UK6": ("award", "awardNotice"), "UK7": ("contract", "contractNotice"),
    "UK9": ("contract", "physicalProgressReport"),  # the contract's performance against its KPIs
    "UK10": ("contract", "contractNotice"), "UK11": ("contract", "contractNotice"),
    "UK12": ("tender", "cancellationDetails"),
}


def _notice_documents(notices: list[Notice], section: str) -> list[dict]:
    docs = []
    for i, n in enumerate(notices, 1):
        where, code = NOTICE_DOCUMENTS[n.type]
        if where != section:
            continue
        doc = {"id": f"notice-{n.reference or i}", "documentType": code, "noticeType": n.type,
               "title": f"{NOTICE_TYPE[n.type]}{' ' + n.reference if n.reference else ''} on Find a Tender",
               "datePublished": _iso(n.published)}
        if url := notice_url(n):
            doc["url"] = url
        doc["language"] = "en"
        docs.append(doc)
    return docs


def _award_tags(contracts: list[dict]) -> list[str]:
    tags = ["award", "contract"]
    if any("implementation" in c for c in contracts):
        tags.append("implementation")
    if any(c["status"] == "terminated" for c in contracts):
        tags.append("contractTermination")
    if any("amendments" in c for c in contracts):
        tags.append("contractAmendment")
    if any(c["status"] == "cancelled" for c in contracts):
        tags.append("awardCancellation")
    return tags


def _latest(ds: Dataset, awards: list[Award], committed: date | None = None) -> datetime:
    """When the newest information in these awards was recorded: an award date, a report received
    or a commit of an award's file (or of `committed`, the tender's)."""
    changed = [award_modified(ds, a) for a in awards]
    return _moment(max(changed + ([committed] if committed else [])))


# --- releases -------------------------------------------------------------------


def _document_type(name: str) -> str | None:
    lowered = name.lower()
    for pattern, code in DOCUMENT_TYPES:
        if re.search(pattern, lowered):
            return code
    return None


def _documents(org: Organisation, tender: Tender, notice_published: bool) -> list[dict]:
    docs = []
    if notice_published:  # a forthcoming tender's notice is not on the portal yet
        docs.append({
            "id": "tender-notice",
            "documentType": "tenderNotice",
            "title": f"Tender notice {tender.reference} on {org.etendering_portal.name}",
            "url": tender.portal_url,
            "datePublished": _iso(tender.published),
            "language": "en",
        })
    used = {"tender-notice"}
    for link in tender.documents:
        id = base = _slug(link.name) or "document"
        n = 2
        while id in used:
            id, n = f"{base}-{n}", n + 1
        used.add(id)
        doc = {"id": id}
        code = _document_type(link.name)
        if code:
            doc["documentType"] = code
        doc.update({"title": link.name, "url": link.url, "language": "en"})
        docs.append(doc)
    return docs


def _award_criteria_details(ds: Dataset, tender: Tender) -> str:
    split = tender.quality_cost_split
    ev = tender.evaluation
    agencies = ev.agencies
    panel = agencies[0] if len(agencies) == 1 else ", ".join(agencies[:-1]) + " and " + agencies[-1]
    text = (f"Quality {split.quality}%, cost {split.cost}%. "
            f"Bids are scored by a multi-agency panel: {panel}.")
    if ev.service_users:
        text += " Service users take part in the evaluation."
    if ds.scoring and ds.scoring.scores:
        scale = ", ".join(f"{s.score} {s.label}" for s in sorted(ds.scoring.scores, key=lambda s: s.score))
        text += f" Each quality answer is scored on a {len(ds.scoring.scores)}-point scale: {scale}."
    if ev.note:
        text += " " + ev.note.strip()
    return text


def _engagement_milestones(tender: Tender) -> list[dict]:
    out = []
    for n, event in enumerate(sorted(tender.market_engagement, key=lambda e: e.start), start=1):
        what = (event.description or "Market engagement event").strip().rstrip(".")
        out.append({
            "id": f"engagement-{n}",
            "title": what,
            "type": "engagement",
            "description": f"{what}. Where: {event.place}.",
            "dueDate": _iso(event.start),
        })
    return out


def _tender_release(ds: Dataset, tender: Tender, awards: list[Award], now: datetime) -> dict:
    org = ds.organisation
    process = ocid(org, tender.id)
    stage = tender.status_at(now)
    awarded = stage == "awarded" and bool(awards)
    contracts = [_contract(a) for a in awards] if awarded else []  # made once: tags and release
    committed = ds.changed_on("tenders", tender.id)
    if awarded:
        tags, status = ["tender", *_award_tags(contracts)], "complete"
        released = _latest(ds, awards, committed)
        suffix = "award"
    else:
        tag, status = STAGE.get(stage, ("tender", "active"))
        tags = ["tender", tag] if stage == "cancelled" else [tag]  # the tender it cancels, in the same release
        if tag == "planning":
            # first made public by the earliest of the engagement events and the notice itself
            released = min([tender.published] + [e.start for e in tender.market_engagement])
        elif stage == "cancelled":
            released = _moment(tender.cancelled.date)
        else:
            released = tender.published
        if committed is not None:  # the notice edited since (a deadline moved, a document added)
            released = max(released, _moment(committed))
        suffix = tag
    buyer = {"id": org.org_id, "name": org.name}
    envelope = tender.funding_envelope
    body: dict = {
        "id": tender.reference,
        "title": tender.title,
        "description": (f"{tender.summary.strip()} Funding envelope: "
                        f"{format_money(envelope.amount)} {envelope.covers.strip()}."
                        + (f" Cancelled on {format_date(tender.cancelled.date)}: {tender.cancelled.reason.strip()}"
                           if stage == "cancelled" else "")),
        "status": status,
        "procuringEntity": buyer,
        "value": _value(envelope.amount),
        "procurementMethod": "open",
        "procurementMethodDetails": PROCUREMENT_ROUTE["competitive-tender"],
        "mainProcurementCategory": CATEGORY,
        "awardCriteria": "ratedCriteria",
        "awardCriteriaDetails": _award_criteria_details(ds, tender),
        "submissionMethod": ["electronicSubmission"],
        "submissionMethodDetails": (f"Bids are submitted on {org.etendering_portal.name}, "
                                    f"reference {tender.reference}: {tender.portal_url}"),
        "tenderPeriod": {"startDate": _iso(tender.published), "endDate": _iso(tender.submission_deadline)},
        "enquiryPeriod": {"startDate": _iso(tender.published), "endDate": _iso(tender.clarification_deadline)},
    }
    period = _period(tender.term)
    if period:
        body["contractPeriod"] = period
    documents = _documents(org, tender, notice_published=stage != "forthcoming")
    documents += _notice_documents(tender.notices, "tender")
    for a in awards if awarded else []:
        documents += _notice_documents(a.notices, "tender")
    if documents:
        body["documents"] = documents
    planning: dict = {"budget": _budget(ds, tender.fund, awards if awarded else [])}
    milestones = _engagement_milestones(tender)
    if milestones:
        planning["milestones"] = milestones
    release = _release_head(process, suffix, released, tags)
    release["parties"] = _parties(org, awards if awarded else [])
    release["buyer"] = buyer
    release["planning"] = planning
    release["tender"] = body
    if awarded:
        release["awards"] = [_award(a) for a in awards]
        release["contracts"] = contracts
    return release


def _direct_release(ds: Dataset, award: Award) -> dict:
    """A contract awarded without a tender notice on the portal."""
    org = ds.organisation
    process = ocid(org, award.id)
    buyer = {"id": org.org_id, "name": org.name}
    sta = award.single_tender_action
    body: dict = {
        "id": award.id,
        "title": award.title,
        "description": award.description.strip(),
        "status": "complete",
        "procuringEntity": buyer,
        "value": _value(sta.value if sta else award.pooled_total),
    }
    method = METHOD.get(award.procurement_route)
    if sta:
        method = "direct"
    if method:
        body["procurementMethod"] = method
    details = PROCUREMENT_ROUTE.get(award.procurement_route, award.procurement_route)
    if award.co_commissioners:
        details += " (pooled budget with " + ", ".join(c.name for c in award.co_commissioners) + ")"
    body["procurementMethodDetails"] = details
    if sta:
        body["procurementMethodRationale"] = f"Single tender action. {STA_GROUND[sta.ground]}. {sta.reason.strip()}"
    body["mainProcurementCategory"] = CATEGORY
    if sta:
        approval: dict = {
            "id": "single-tender-action-sign-off",
            "title": "Single tender action signed off",
            "type": "approval",
            "description": (f"Signed off by {sta.signed_off_by}, "
                            f"for a contract value of {format_money(sta.value)}."),
            "status": "met",
        }
        if sta.signed_off:
            approval["dateMet"] = approval["dateModified"] = _iso(sta.signed_off)
        body["milestones"] = [approval]
    if docs := _notice_documents(award.notices, "tender"):
        body["documents"] = docs
    contract = _contract(award)
    release = _release_head(process, "award", _latest(ds, [award]), ["tender", *_award_tags([contract])])
    release["parties"] = _parties(org, [award])
    release["buyer"] = buyer
    release["planning"] = {"budget": _budget(ds, award.fund, [award])}
    release["tender"] = body
    release["awards"] = [_award(award)]
    release["contracts"] = [contract]
    return release


def _release_head(process: str, stage: str, released: datetime, tags: list[str]) -> dict:
    # The id names the stage and the date of its newest information, so a release with new
    # information (a later stage, a new outcome report) gets a new id.
    return {
        "ocid": process,
        "id": f"{process}-{stage}-{released.date().isoformat()}",
        "date": _iso(released),
        "tag": tags,
        "initiationType": "tender",
        "language": "en",
    }


# --- the package ------------------------------------------------------------------


def releases(ds: Dataset, now: datetime, figures: Figures) -> list[dict]:
    by_tender = figures.by_tender
    out = []
    for tender in ds.tenders.values():
        awards = sorted(by_tender.get(tender.id, []), key=lambda a: (a.award_date, a.id))
        out.append(_tender_release(ds, tender, awards, now))
    for award in ds.awards.values():
        if award.kind == "contract" and not award.tender:
            out.append(_direct_release(ds, award))
    return sorted(out, key=lambda r: (r["ocid"], r["id"]))


def package_uri(org: Organisation) -> str:
    """Where the package is published: its address on this site (or under the office's website)."""
    return addresses.published_root(org) + addresses.data_file(addresses.OCDS_JSON)


def release_package(ds: Dataset, now: datetime, figures: Figures) -> dict:
    """An OCDS 1.1 release package of every tender and every contract (grants excluded)."""
    org = ds.organisation
    publisher: dict = {"name": org.name}
    if ident := _identifier(org.org_id, org.name):
        publisher["scheme"], publisher["uid"] = ident["scheme"], ident["id"]
    publisher["uri"] = org.site_url or org.website
    return {
        "uri": package_uri(org),
        "version": VERSION,
        "publishedDate": _iso(now.astimezone(LONDON)),
        "publisher": publisher,
        "license": org.licence.url,
        "releases": releases(ds, now, figures),
    }


def release_package_json(ds: Dataset, now: datetime, figures: Figures) -> bytes:
    return to_json(release_package(ds, now, figures))
