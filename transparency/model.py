"""The data model: one dataclass per kind of data file, and the parts they hold.

The classes are the single description of the data. `describe.py` reads their
type hints once, and the reader (`convert.py`, YAML into these classes), the
JSON Schemas (`schemas.py`) and the web editor (`cms.py`) work from what it says.
Each field's `doc` is the help text editors show as staff type (the JSON Schemas'
descriptions, the web form's hints), and the reader quotes it when a required
field is missing. EDITING.md has fuller tables of its own, one per record; a test
(tests/test_editing_md.py) keeps them field for field in step with these classes.
Plain dataclasses: no MkDocs, no Jinja.

Types that carry a rule of their own are named with NewType so the reader can
check them: Money (exact pounds and pence), Slug (a safe id), Url (https only),
FinancialYear ("2017/18"), Email, OrgId (an org-id.guide identifier), Code (text
that may be only digits) and Statement (no placeholders).
"""
from __future__ import annotations

import dataclasses
from dataclasses import MISSING, dataclass, field
from functools import cache
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Literal, NewType

from . import vocabulary
from .dates import add_months, financial_year_of, term_end

Money = NewType("Money", Decimal)
Slug = NewType("Slug", str)
Url = NewType("Url", str)
Email = NewType("Email", str)
FinancialYear = NewType("FinancialYear", str)
OrgId = NewType("OrgId", str)
# Text that may be only digits: a charity or company number, a tender's reference. Anywhere
# else a bare number (`title: 2026`) or yes/no (`purpose: false`) is a mistake and refused.
Code = NewType("Code", str)
# Text the strategy or the law promises to publish (a break clause, a grant's purpose, the
# reason for a single tender action): a placeholder such as `TBC` or `N/A` is refused.
Statement = NewType("Statement", str)
# The warnings (likely mistakes that may be right) an award's file can silence, each
# with a `not_a_mistake` entry; rules.py says when each is given (EDITING.md, "Warnings").
WarningCode = Literal[tuple(vocabulary.WARNING)]
# The choices a field may take, each named once with its public words in vocabulary.py.
FundStatus = Literal[tuple(vocabulary.FUND_STATUS)]
FundRoute = Literal[tuple(vocabulary.ROUTE)]
Kind = Literal[tuple(vocabulary.KIND)]
ProcurementRoute = Literal[tuple(vocabulary.PROCUREMENT_ROUTE)]
AwardStatus = Literal[tuple(vocabulary.AWARD_STATUS)]
Countywide = Literal[tuple(vocabulary.COVERAGE)]
CoverageReason = Literal[tuple(vocabulary.COVERAGE_REASON)]
StaGround = Literal[tuple(vocabulary.STA_GROUND)]
Intention = Literal[tuple(vocabulary.INTENTION)]
NoticeType = Literal[tuple(vocabulary.NOTICE_TYPE)]
# Not written in a file: where a tender is at a moment (Tender.status_at).
TenderStatus = Literal[tuple(vocabulary.TENDER_STATUS)]
Sector = Literal[tuple(vocabulary.SECTOR)]
Based = Literal[tuple(vocabulary.BASED)]
Focus = Literal[tuple(vocabulary.FOCUS)]
# Not written in a file: where a funding round is on a day (Round.status_at).
RoundStatus = Literal[tuple(vocabulary.ROUND_STATUS)]


def doc(text: str, **kw):
    """A field with its help text (and optionally a default)."""
    return field(metadata={"doc": text}, **kw)


def from_filename():
    """The record's id: its file name without `.yml`, never written inside the file."""
    return field(metadata={"doc": "The file name without .yml.", "from_filename": True})


# --- organisation.yml -------------------------------------------------------


@dataclass
class Link:
    name: str = doc("What the link is called: the name the eTendering portal gives itself.")
    url: Url = doc("The address, starting https://.")


@dataclass
class SignOffBand:
    signed_off_by: str = doc("Who signs off a single tender action in this band: a job title, for example `Chief Finance Officer`.")
    up_to: Money | None = doc("The highest contract value in this band, in pounds. Leave out for the top band (no upper limit).", default=None)


@dataclass
class SharedOutcome:
    id: Slug = doc("A short id used in award files, for example `victims`.")
    text: str = doc("The outcome as the Police and Crime Plan words it.")


@dataclass
class Thresholds:
    applies_from: date = doc("The first day these figures apply, YYYY-MM-DD, for example `2026-01-01`.")
    threshold: Money = doc("The threshold for goods and services contracts, in pounds including VAT (from 1 January 2026, `207720`): at or above it a contract is a public contract with the full set of notices.")
    light_touch: Money = doc("The threshold for light-touch contracts (health, social and other services in Schedule 1), in pounds including VAT (from 1 January 2026, `663540`).")
    notifiable: Money = doc("The value from which a contract below the threshold is notifiable and needs a contract details notice, in pounds including VAT (`30000`).")


@dataclass
class Organisation:
    name: str = doc("The office's full name, for example `Office of the Police and Crime Commissioner for Exampleshire`.")
    short_name: str = doc("A short name used in headings and the browser tab, for example `Exampleshire OPCC`.")
    area: str = doc("The area the office serves, used in phrases such as 'across Exampleshire'.")
    org_id: OrgId = doc("The office's org-id.guide identifier, for example `GB-GOR-PC000000`.")
    grant_id_prefix: str = doc("The office's 360Giving prefix, for example `360G-exampleopcc`. Award identifiers are this prefix, a hyphen and the award id.")
    ocid_prefix: str = doc("The office's Open Contracting id prefix, for example `ocds-213czf`.")
    website: Url = doc("The office's main website.")
    email: Email = doc("The address the public can write to about funding and this site.")
    etendering_portal: Link = doc("The eTendering site where every tender is posted.")
    procurement_threshold: Money = doc("Contract value (pounds) above which a tender must be advertised nationally and market engagement is expected.")
    single_tender_action_sign_off: list[SignOffBand] = doc("Who signs off a single tender action, by contract value, lowest band first.")
    shared_outcomes: list[SharedOutcome] = doc("The Police and Crime Plan's shared outcomes that awards serve.")
    site_url: Url | None = doc("The address this transparency site is published at, for example `https://funding.example.org/`. Used for links in feeds, calendars and the sitemap.", default=None)
    repository: str | None = doc("The GitHub repository that holds this data, as `owner/name`: the web editor at /admin/ proposes changes to it.", default=None)
    editor_sign_in_url: Url | None = doc("The GitHub sign-in service for the web editor, if the site does not use Netlify's (Decap CMS's `base_url`).", default=None)
    licence: Link = doc("The licence the data is published under.", default_factory=lambda: Link(
        "Open Government Licence v3.0",
        Url("https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/")))
    example_notice: str | None = doc("If set, shown at the top of every page: use it while the site holds example data.", default=None)
    outcome_report_grace_days: int = doc("How many days after a six-month period ends its outcome report may arrive before the site shows it as overdue.", default=30)
    procurement_act_thresholds: list[Thresholds] = doc("The Procurement Act 2023's thresholds for a sub-central authority, each set with the date it applies from, newest last: the build checks the notices owed against the set in force on the day.", default_factory=list)
    force_area_code: str | None = doc("The ONS code of the police force area the office serves, for example `E23000023` (codes start E23 in England, W15 in Wales). The 360Giving data gives it as the place a countywide award benefits, so GrantNav can map it.", default=None)


# --- funds/<id>.yml ---------------------------------------------------------


@dataclass
class Fund:
    id: Slug = from_filename()
    name: str = doc("The fund's name, for example `Youth Fund`.")
    summary: str = doc("One or two sentences on what the fund pays for.")
    legal_basis: str = doc("The law or grant that the money comes from and that allows it to be spent.")
    status: FundStatus = doc("`open`, `under-review` or `closed`.")
    route: FundRoute = doc("How money is given: `commissioned` (contracts), `grants`, or `via-partner` (another body runs it: name it in `partner`).")
    budgets: dict[FinancialYear, Money] = doc("The budget for each financial year, for example `2017/18: 1250000`.")
    partner: Link | None = doc("For `via-partner` funds: the body that runs it and where to apply.", default=None)
    how_to_apply: str | None = doc("How a provider or group can apply or find opportunities.", default=None)
    crime_and_disorder_reduction: bool = doc("true if awards from this fund are crime and disorder reduction grants (each grant must then say why it will reduce crime and disorder).", default=False)
    over_budget_explanations: dict[FinancialYear, Statement] = doc("For a year where awards add up to more than the budget: why (for example money carried forward). Without it, overspending is an error.", default_factory=dict)


# --- awards/<id>.yml --------------------------------------------------------


@dataclass(slots=True)
class Recipient:
    name: str = doc("The organisation's name as registered.")
    charity_number: Code | None = doc("The registered charity's number: a Charity Commission (England and Wales) number has 6 or 7 digits, for example `1123456`; a Scottish one is written as OSCR writes it, `SC` and 6 digits, for example `SC012345`; a Northern Ireland one as `NIC` and its 6 digits, for example `NIC100001`.", default=None)
    company_number: Code | None = doc("Companies House number (8 characters), if a registered company.", default=None)
    org_id: OrgId | None = doc("An org-id.guide identifier, if it has no charity or company number: a list code org-id.guide knows and the number in that list (for example a council, `GB-LAE-XXX`). For a group with no registered number, our 360Giving prefix (`grant_id_prefix`), a hyphen and our own id for the group, for example `360G-exampleopcc-org-1`.", default=None)
    website: Url | None = doc("The organisation's website.", default=None)
    postcode: str | None = doc("The postcode of the organisation's address, for example `PE29 6XX`: the 360Giving data gives it so GrantNav can map where the money goes.", default=None)
    sector: Sector | None = doc("What kind of organisation it is: `charity`, `community-group`, `social-enterprise`, `company`, `public-body` or `other`. The first three are the third sector, whose share of our money (when locally based) the site measures.", default=None)
    based: Based | None = doc("Where it is based: `local` (in our area), `regional` (elsewhere in the region) or `national`.", default=None)


@dataclass(slots=True)
class Term:
    initial_years: int = doc("Length of the first period in whole years, for example 3 for 'three plus one'.")
    start: date | None = doc("First day of the contract, YYYY-MM-DD. Required on awards.", default=None)
    extensions: list[int] = doc("Optional extensions in years, for example `[1]` for 'three plus one'. Together they may not be longer than the first period.", default_factory=list)
    break_clause: Statement | None = doc("The break clause, for example `Either party may end the contract with 6 months' notice`. Every contract has one.", default=None)

    # the ends of a term that has a start (a tender's may not)
    @property
    def initial_end(self) -> date:
        """The last day of the first period."""
        return term_end(self.start, self.initial_years)

    @property
    def offered_years(self) -> int:
        """The years of extension the term offers in all (`extensions: [1, 1]`: 2)."""
        return sum(self.extensions)

    @property
    def shape(self) -> str:
        """The term as people say it: "3 plus 1" (the first period, then each extension)."""
        return " plus ".join(str(y) for y in [self.initial_years, *self.extensions])

    @property
    def extended_end(self) -> date:
        """The last day if every extension is taken (OCDS maxExtentDate)."""
        return term_end(self.start, self.initial_years + self.offered_years)


@dataclass
class Area:
    area: str = doc("Where the service is provided: the part of the office's area, for example a district or a town.")
    reason: CoverageReason = doc("Why it is not countywide: `pilot` (proof of concept) or `local-need` (a need found only there).")
    explanation: Statement = doc("A sentence explaining the pilot or the local need.")
    code: str | None = doc("The ONS code of the district or unitary authority it is in, for example `E07000010` (a district) or `E06000031` (a unitary authority): the 360Giving data gives it so GrantNav can map the area.", default=None)


@dataclass
class CoCommissioner:
    name: str = doc("The partner that pools its budget with ours.")
    contribution: Money = doc("What the partner puts in, in pounds.")


@dataclass
class SingleTenderAction:
    ground: StaGround = doc("`only-supplier` (only one supplier can do it, for technical reasons) or `continuity-of-supply` (a justified case to keep the existing supplier).")
    reason: Statement = doc("The evidence for the ground.")
    value: Money = doc("The contract value the sign-off covers, in pounds.")
    signed_off_by: str = doc("Who signed it off: must match the band for the value in organisation.yml.")
    signed_off: date | None = doc("The date it was signed off.", default=None)


@dataclass(slots=True)
class OutcomeReport:
    period_end: date = doc("Last day of the six months reported on.")
    received: date = doc("The date the report arrived.")
    activity: str = doc("What was done (the service provided).")
    outputs: dict[str, int] = doc("Numbers produced, for example `referrals: 412`.", default_factory=dict)
    impact: str | None = doc("The difference made for service users, and how it is evidenced.", default=None)


@dataclass
class ExtensionTaken:
    agreed: date = doc("The date both parties agreed the extension, YYYY-MM-DD.")
    years: int = doc("How long it extends the contract, in whole years, for example `1`.")
    value: Money = doc("What the extension adds to the contract's value, in pounds (`0` if it adds nothing). It counts against the fund's budget for the financial year the extension starts in.")


@dataclass
class Plan:
    decision: Intention = doc("What the office intends as the term ends: `extend`, `re-tender`, `de-commission` or `undecided`.")
    note: str | None = doc("More about it, for example when a new tender is expected.", default=None)


@dataclass
class Notice:
    type: NoticeType = doc("The notice's type on Find a Tender, for example `UK4` (tender notice) or `UK7` (contract details notice).")
    published: date = doc("The date it was published, YYYY-MM-DD.")
    reference: Code | None = doc("Its Find a Tender notice identifier, for example `012345-2026`.", default=None)
    url: Url | None = doc("Its address on Find a Tender, starting https://.", default=None)


@dataclass
class Cancellation:
    date: date = doc("The date the tender was cancelled, YYYY-MM-DD.")
    reason: Statement = doc("Why it was cancelled, in plain English: it is published.")


@dataclass(slots=True)  # one per award: no __dict__ each (issue 20: memory at 100,000 awards)
class Award:
    id: Slug = from_filename()
    title: str = doc("A short title (under 140 characters) that differs from the description.")
    kind: Kind = doc("`grant` or `contract`.")
    fund: Slug = doc("The id of the fund it is paid from (a file in data/funds/).")
    recipient: Recipient = doc("Who receives the money.")
    amount: Money = doc("The amount awarded, in pounds, counted against the fund's budget for the award's financial year.")
    award_date: date = doc("The date the award was made, YYYY-MM-DD.")
    description: str = doc("What the money pays for, in plain English.")
    procurement_route: ProcurementRoute = doc("How the provider was chosen.")
    status: AwardStatus = doc("`active`, `ended`, `de-commissioned`, `withdrawn` (recorded in error, or withdrawn before it started) or `returned` (the money was given back). Withdrawn and returned awards stay on the site with their `status_note` and are not counted in any total.")
    outcomes: list[Slug] = doc("Which shared outcomes it serves (ids from organisation.yml).", default_factory=list)
    financial_year: FinancialYear | None = doc("The financial year whose budget pays for it, for example `2017/18`. Leave out to use the year of the award date.", default=None)
    tender: Slug | None = doc("The id of its tender notice, if it was tendered.", default=None)
    round: Slug | None = doc("The id of the funding round it was given in, if any (a file in data/rounds/, of the same fund).", default=None)
    term: Term | None = doc("For contracts (and multi-year grants): start, length, extensions, break clause.", default=None)
    coverage: Countywide | Area = doc("`countywide`, or the area with the reason (`pilot` or `local-need`) and an explanation.", default="countywide")
    co_commissioners: list[CoCommissioner] = doc("Partners who pool their budgets with ours, and what each puts in.", default_factory=list)
    single_tender_action: SingleTenderAction | None = doc("For an award made without competition: the ground, reason, value and sign-off.", default=None)
    status_note: Statement | None = doc("Why the status changed, for example why a service was de-commissioned.", default=None)
    purpose: Statement | None = doc("Grants: what the grant is for.", default=None)
    conditions: Statement | None = doc("Grants: the conditions attached.", default=None)
    crime_reduction_reasons: Statement | None = doc("Crime and disorder reduction grants: why we expect it to reduce crime and disorder.", default=None)
    outcome_reports: list[OutcomeReport] = doc("Six-monthly outcome reports received.", default_factory=list)
    amount_by_year: dict[FinancialYear, Money] = doc("For an award paid over several financial years: how much of `amount` each year's budget pays, for example `2026/27: 60000`. Together they add up to `amount`. Leave out to count it all in the award's financial year.", default_factory=dict)
    extensions_taken: list[ExtensionTaken] = doc("Each extension of the term agreed, oldest first: when it was agreed, for how many years, and what it adds to the value.", default_factory=list)
    status_date: date | None = doc("The date the status last changed (ended early, de-commissioned, withdrawn or returned), YYYY-MM-DD.", default=None)
    intention: Plan | None = doc("What the office intends as the term (or its last extension) ends: providers plan from this.", default=None)
    light_touch: bool = doc("true if the contract is for light-touch services under the Procurement Act 2023 (Schedule 1: health, social and other services), which have a higher threshold and longer deadlines.", default=False)
    notices: list[Notice] = doc("Procurement Act notices published on Find a Tender for this award: type, date, and identifier or link.", default_factory=list)
    contract_copy: Url | None = doc("The published copy of the contract (the Specified Information Order asks for contracts over £10,000).", default=None)
    focus: Focus | None = doc("What the service focuses on: `prevention`, `early-intervention`, `response` (responding to harm) or `recovery` (recovery and support). The strategy allocates money upstream, to prevention and early intervention: the site measures the share.", default=None)
    not_a_mistake: list[WarningCode] = doc("Warnings checked and found right for this award, so no longer shown: `likely-duplicate` (another award has the same recipient, amount and date), `small-amount` (a small amount for a grant or contract), `before-first-budget` (dated before the fund's first budget year), `late-extension` (an extension agreed after the term it extends had ended), `before-round-closed` (dated before its funding round closed), `above-round-maximum` (more than its round's `maximum`). For example `[likely-duplicate]`.", default_factory=list)

    @property
    def year(self) -> str:
        """The financial year it counts against (set explicitly or from the award date)."""
        return self.financial_year or financial_year_of(self.award_date)

    @property
    def place(self) -> str:
        """Where it is delivered, as one value: "countywide" or the area's name (awards.csv's
        `coverage` column and the award tables' area filter)."""
        return self.coverage.area if isinstance(self.coverage, Area) else "countywide"

    @property
    def counted(self) -> bool:
        """Whether it counts in totals, budgets and statistics (not withdrawn or returned)."""
        return self.status not in vocabulary.NOT_COUNTED

    @property
    def years_taken(self) -> int:
        """The years of extension agreed so far."""
        return sum(e.years for e in self.extensions_taken)

    @property
    def current_end(self) -> date | None:
        """The last day of the term as it stands: the first period and the extensions taken."""
        if self.term is None or self.term.start is None:
            return None
        return term_end(self.term.start, self.term.initial_years + self.years_taken)

    @property
    def last_possible_end(self) -> date | None:
        """The last day if every extension the term offers is taken."""
        if self.term is None or self.term.start is None:
            return None
        return self.term.extended_end

    @property
    def total_value(self) -> Decimal:
        """What the award is worth with the extensions taken (OCDS's contract value)."""
        return self.amount + sum((e.value for e in self.extensions_taken), Decimal(0))

    def budget_parts(self) -> list[tuple[str, Decimal, str]]:
        """What each financial year's budget pays, part by part, with the field that says so (the
        one a problem about that year names): each year of `amount_by_year` (or all of `amount` in
        the award's year), and each extension that adds to the value, in the year it starts.
        Nothing when the award does not count (withdrawn or returned)."""
        if not self.counted:
            return []
        year_field = "award_date" if self.financial_year is None else "financial_year"
        out = ([(fy, v, f"amount_by_year.{fy}") for fy, v in self.amount_by_year.items()]
               or [(self.year, self.amount, year_field)])
        if self.extensions_taken and self.term is not None and self.term.start is not None:
            years_so_far = self.term.initial_years
            for i, e in enumerate(self.extensions_taken):
                try:
                    starts = term_end(self.term.start, years_so_far) + timedelta(days=1)
                except (ValueError, OverflowError):  # a term past the year 9999: the rules report it
                    break
                years_so_far += e.years
                if e.value:  # an extension that adds nothing is paid from no budget (and needs none)
                    out.append((financial_year_of(starts), e.value, f"extensions_taken[{i + 1}]"))
        return out

    @property
    def money_by_year(self) -> dict[str, Decimal]:
        """What each financial year's budget pays in all (budget_parts added up by year)."""
        out: dict[str, Decimal] = {}
        for fy, value, _ in self.budget_parts():
            out[fy] = out.get(fy, Decimal(0)) + value
        return out

    @property
    def co_commissioners_total(self) -> Decimal:
        """What the partners put into the pooled budget (0 when there are none)."""
        return sum((c.contribution for c in self.co_commissioners), Decimal(0))

    @property
    def pooled_total(self) -> Decimal:
        """What the service is worth: our amount plus the partners' contributions."""
        return self.amount + self.co_commissioners_total

    @property
    def next_report_due(self) -> date | None:
        """The last day of the next six-month period not yet reported on, while the award runs.

        Periods run from the term's start (or the award date): a contract starting
        1 April reports on the six months to 30 September, then to 31 March.
        """
        if self.status != "active":
            return None
        start = self.term.start if self.term and self.term.start else self.award_date
        end = self.current_end
        last_reported = max((r.period_end for r in self.outcome_reports), default=None)
        n = 1
        while True:
            period_end = add_months(start, REPORT_MONTHS * n) - timedelta(days=1)
            if end is not None and period_end > end:
                return None
            if last_reported is None or period_end > last_reported:
                return period_end
            n += 1

    @property
    def latest_open_data_date(self) -> date:
        """The latest date the open-data standards give the award: made, a report received, an
        extension agreed, a notice published or its status changed."""
        return max([self.award_date, *(r.received for r in self.outcome_reports),
                    *(e.agreed for e in self.extensions_taken), *(n.published for n in self.notices),
                    *([self.status_date] if self.status_date else [])])

    @property
    def latest_date(self) -> date:
        """The latest date recorded in the award: made, signed off, or a report received."""
        sta = self.single_tender_action
        recorded = self.latest_open_data_date
        return max(recorded, sta.signed_off) if sta and sta.signed_off else recorded


    def report_overdue(self, today: date, grace_days: int) -> date | None:
        """The end of the period whose report is overdue on `today` (more than `grace_days` after
        the period ended and not received), or None."""
        due = self.next_report_due
        if due is None or today <= due + timedelta(days=grace_days):
            return None
        return due


REPORT_MONTHS = 6  # the strategy: outcome reporting forms every six months


# --- tenders/<id>.yml -------------------------------------------------------


@dataclass
class Envelope:
    amount: Money = doc("The funding envelope in pounds.")
    covers: str = doc("What the amount covers, for example `per year` or `for the whole contract`.")


@dataclass
class QualityCostSplit:
    quality: int = doc("Percentage of marks for quality, for example 70.")
    cost: int = doc("Percentage of marks for cost, for example 30.")


@dataclass
class EngagementEvent:
    start: datetime = doc("Date and time in UK time, YYYY-MM-DD HH:MM.")
    place: str = doc("Where, or `Online`.")
    description: str | None = doc("What it is, for example `Market engagement day`.", default=None)


@dataclass
class Evaluation:
    agencies: list[str] = doc("The agencies on the multi-agency evaluation panel.")
    service_users: bool = doc("true if service users take part in the evaluation.")
    service_users_how: Statement | None = doc("How service users took part, for example `Two members of the Victims' Voice Panel scored the interviews`: published on the tender's page and with the strategy's promises.", default=None)
    note: str | None = doc("Anything else about how bids are evaluated.", default=None)


@dataclass
class Tender:
    id: Slug = from_filename()
    title: str = doc("The tender's title.")
    reference: Code = doc("The reference on the eTendering portal.")
    fund: Slug = doc("The id of the fund that pays for the contract.")
    summary: str = doc("What is being bought, in plain English.")
    funding_envelope: Envelope = doc("How much money is available.")
    quality_cost_split: QualityCostSplit = doc("How marks are split between quality and cost (adds up to 100).")
    term: Term = doc("The contract length on offer: initial years, extensions, break clause (start optional).")
    published: datetime = doc("When the notice is published, YYYY-MM-DD HH:MM UK time.")
    clarification_deadline: datetime = doc("Last time to ask questions, YYYY-MM-DD HH:MM UK time.")
    submission_deadline: datetime = doc("Last time to submit a bid, YYYY-MM-DD HH:MM UK time.")
    portal_url: Url = doc("The notice on the eTendering portal.")
    evaluation: Evaluation = doc("The multi-agency panel that scores bids.")
    market_engagement: list[EngagementEvent] = doc("Market engagement events.", default_factory=list)
    documents: list[Link] = doc("Tender documents (name and https link).", default_factory=list)
    awarded: list[Slug] = doc("Ids of the awards made from this tender, once awarded.", default_factory=list)
    cancelled: Cancellation | None = doc("If the tender was stopped before any award: the date and the reason. It stays on the site as cancelled.", default=None)
    light_touch: bool = doc("true if the contract is for light-touch services under the Procurement Act 2023 (Schedule 1: health, social and other services).", default=False)
    notices: list[Notice] = doc("Procurement Act notices published on Find a Tender for this tender: type, date, and identifier or link.", default_factory=list)

    def status_at(self, now: datetime) -> TenderStatus:
        """Forthcoming, open, closed, awarded or cancelled, at a moment (the build's)."""
        if self.cancelled is not None and now.date() >= self.cancelled.date:
            return "cancelled"
        if self.awarded:
            return "awarded"
        if now < self.published:
            return "forthcoming"
        if now < self.submission_deadline:
            return "open"
        return "closed"

    def latest_date_with(self, awards: list[Award]) -> date:
        """The latest date recorded in the tender and the awards made from it: published, or an award made."""
        return max([self.published.date()] + [a.award_date for a in awards])


# --- rounds/<id>.yml --------------------------------------------------------


@dataclass
class Round:
    """A funding round: a time when a fund's grants are open for applications."""
    id: Slug = from_filename()
    fund: Slug = doc("The id of the fund that gives the grants (a file in data/funds/).")
    name: str = doc("The round's name, for example `Youth Fund 2027`.")
    summary: str = doc("What the round funds, in plain English.")
    who_can_apply: str = doc("Who can apply, for example `Charities and community groups working with young people in Exampleshire`.")
    maximum: Money = doc("The most one grant from the round can be, in pounds, for example `25000`.")
    apply_through: Link = doc("Where to apply: our own application form, or the partner that runs the round for us (for example a community foundation), with its name and https link.")
    opens: date = doc("The first day applications can be made, YYYY-MM-DD.")
    closes: date = doc("The last day applications can be made, YYYY-MM-DD.")
    minimum: Money | None = doc("The least one grant can be, in pounds, if the round has a minimum.", default=None)
    decisions_by: date | None = doc("The date applicants will hear by, YYYY-MM-DD, if known.", default=None)
    how_to_apply: str | None = doc("More about applying: what to send, help on offer, events for applicants.", default=None)

    def status_at(self, today: date) -> RoundStatus:
        """Forthcoming, open or closed, on a day (the build's): open from the first day to the
        last day, both included."""
        if today < self.opens:
            return "forthcoming"
        if today <= self.closes:
            return "open"
        return "closed"


# --- scoring.yml ------------------------------------------------------------


@dataclass
class Score:
    score: int = doc("The score, a whole number: each score is one more than the one before, "
                     "for example 0 to 4 or 1 to 5.")
    label: str = doc("One or two words, for example `Good`.")
    meaning: str = doc("What an answer must show to earn this score.")


@dataclass
class Scoring:
    introduction: str = doc("What the scoring system is for.")
    scores: list[Score] = doc("The points of the scale, lowest first.")
    combining: str = doc("How quality and cost scores are combined into one result.")
    points: int | None = doc("How many points the strategy promises the scale has, for example `5` for a "
                             "five-point scale: `scores` must then have that many.", default=None)
    example: str | None = doc("A worked example of combining the scores.", default=None)


# --- reading the model: one answer for the reader (convert.py), the JSON Schemas and the editor


@cache
def file_fields(cls: type) -> tuple[dataclasses.Field, ...]:
    """The fields written in a data file: every field but those taken from the file name (the id)."""
    return tuple(f for f in dataclasses.fields(cls) if not f.metadata.get("from_filename"))


def is_required(f: dataclasses.Field) -> bool:
    return f.default is MISSING and f.default_factory is MISSING
