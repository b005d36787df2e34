"""Where every page and file of the site lives: the one place an address is made.

Each page has one definition, its source (what MkDocs is told it reads, such as
`funding/youth-fund.md`); its URL (`funding/youth-fund/`) is made from that
source the way MkDocs' directory URLs make it, so the two cannot disagree.
Templates ask this module (as `addr`), and so do the feeds, the calendar, the
360Giving grants, the tables' column descriptions, the editor's previews and
the dataset's reserved ids.

Every address is relative to the site root; a page adds its own `root`
("../../") in front, and `absolute` puts the site's published address in front.

Download file names are chosen so that no two can be the same for any valid ids
(lower-case a-z, digits, single hyphens): a fund's awards are
`awards-fund-<id>`, a year's `awards-<yyyy>-<yy>` (a digit after `awards-`,
never an `f`), and the fixed tables' names have no `awards-` in front.
"""
from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote, urlsplit

from .model import Organisation


@dataclass(frozen=True, slots=True)  # one per page, without a __dict__ each
class Address:
    """One page: its source path, from which its URL is made."""

    source: str  # e.g. "funding/youth-fund.md", or "funding/index.md" for a folder's own page

    @property
    def url(self) -> str:
        """The page's address relative to the site root, as MkDocs' directory URLs make it."""
        stem = self.source.removesuffix(".md")
        if stem == "index" or stem.endswith("/index"):
            return stem.removesuffix("index")
        return stem + "/"

    def page(self, number: int) -> Address:
        """Page `number` of a list split over pages: the list itself, then `<list>/page-2` and on."""
        if number == 1:
            return self
        stem = self.source.removesuffix(".md").removesuffix("/index")
        return Address(f"{stem}/page-{number}.md")

    def pages(self, count: int) -> list[Address]:
        """The first `count` pages of a list (at least the first)."""
        return [self.page(k) for k in range(1, max(count, 1) + 1)]


def year_slug(year: str) -> str:
    """2026/27 -> 2026-27, for addresses and file names."""
    return year.replace("/", "-")


# --- the fixed pages -----------------------------------------------------------

HOME = Address("index.md")
FUNDING = Address("funding/index.md")
STATISTICS = Address("funding/statistics.md")
AWARDS = Address("awards/index.md")
TENDERS = Address("tenders/index.md")
TENDERS_AWARDED = Address("tenders/awarded.md")
SCORING = Address("scoring.md")
OPEN_DATA = Address("open-data.md")
CONTRACTS = Address("registers/contracts.md")
SINGLE_TENDER_ACTIONS = Address("registers/single-tender-actions.md")
RECIPIENTS = Address("recipients/index.md")
# a contract's life (issue 17): reports due and overdue, contracts ending (commissioning intentions),
# and withdrawn and returned awards and cancelled tenders, with their reasons
OUTCOME_REPORTS = Address("registers/outcome-reports.md")
CONTRACTS_ENDING = Address("registers/contracts-ending.md")
WITHDRAWN = Address("registers/withdrawn-and-cancelled.md")
# the strategy's promises measured from the data (issue 18): this page, one per promise, and
# each promise's evidence for one financial year (promises.py)
HOW_WE_COMMISSION = Address("how-we-commission.md")
# open and forthcoming funding rounds (issue 18), and the past ones below
ROUNDS = Address("funding-rounds/index.md")
FIXED = (HOME, FUNDING, STATISTICS, AWARDS, TENDERS, TENDERS_AWARDED, SCORING, OPEN_DATA, CONTRACTS,
         SINGLE_TENDER_ACTIONS, RECIPIENTS, OUTCOME_REPORTS, CONTRACTS_ENDING, WITHDRAWN, HOW_WE_COMMISSION, ROUNDS)

# --- the pages of records: each folder of data/ has a folder of pages ------------

FUND_PAGES = "funding"
AWARD_PAGES = "awards"
TENDER_PAGES = "tenders"
YEAR_PAGES = "awards-by-year"
ROUND_PAGES = "funding-rounds"
PAGES_OF = {"funds": FUND_PAGES, "awards": AWARD_PAGES, "tenders": TENDER_PAGES,  # data folder -> page folder
            "rounds": ROUND_PAGES}


# A record's page is out of the navigation (thousands would not fit), but the list of its
# kind is in it: the navigation tab that holds that list is the record's tab too (an award's
# page is in the tab with the list of awards).


def list_of(url: str) -> Address | None:
    """The list a page in one of the record folders belongs to: `awards/x/` -> AWARDS."""
    folder, _, rest = url.partition("/")
    return LIST_OF_FOLDER.get(folder) if rest else None


def fund(fund_id: str) -> Address:
    return Address(f"{FUND_PAGES}/{fund_id}.md")


def fund_year(fund_id: str, year: str) -> Address:
    """The list of a fund's awards in one financial year."""
    return Address(f"{FUND_PAGES}/{fund_id}/{year_slug(year)}.md")


def year(year: str) -> Address:
    """The list of every fund's awards in one financial year."""
    return Address(f"{YEAR_PAGES}/{year_slug(year)}.md")


def award(award_id: str) -> Address:
    return Address(f"{AWARD_PAGES}/{award_id}.md")


def tender(tender_id: str) -> Address:
    return Address(f"{TENDER_PAGES}/{tender_id}.md")


def record(folder: str, record_id: str) -> Address:
    """The page of a record in a data folder (`awards`, `tenders`, `funds`): a promise's evidence links to it."""
    return Address(f"{PAGES_OF[folder]}/{record_id}.md")


PROMISE_PAGES = "how-we-commission"


def promise(promise_id: str) -> Address:
    """A promise's page: its figure for each financial year."""
    return Address(f"{PROMISE_PAGES}/{promise_id}.md")


def promise_year(promise_id: str, year: str) -> Address:
    """The evidence behind a promise's figure in one financial year: the records, each linked."""
    return Address(f"{PROMISE_PAGES}/{promise_id}/{year_slug(year)}.md")


def funding_round(round_id: str) -> Address:
    """A funding round's page."""
    return Address(f"{ROUND_PAGES}/{round_id}.md")


RECIPIENT_PAGES = "recipients"
# the list each folder of record pages belongs to (its navigation tab: overrides/partials/tabs-item.html)
LIST_OF_FOLDER = {FUND_PAGES: FUNDING, AWARD_PAGES: AWARDS, TENDER_PAGES: TENDERS, YEAR_PAGES: AWARDS,
                  RECIPIENT_PAGES: RECIPIENTS, PROMISE_PAGES: HOW_WE_COMMISSION, ROUND_PAGES: ROUNDS}


def recipient_key(org_id: str) -> str:
    """Which recipient an identifier names, as its page's address does: the identifier in lower case.

    An identifier (identifiers.recipient_org_id) is a list code of capitals, digits, `_` and
    `-`, a hyphen and an id of letters, digits, `.`, `_` and `-` (orgids checks every one), so
    its lower-case form is one path segment that needs no escaping and never is `.` or `..`
    (it always holds the list code's hyphen). Two identifiers that differ only in case
    (`GB-COH-SC123456`, `GB-COH-sc123456`) name the same organisation in every register this
    site links to, and would share one file on a case-insensitive disk, so they are one
    recipient with one page."""
    return org_id.lower()


def recipient(org_id: str) -> Address:
    """A recipient's page, made from its identifier (never its name, which can change)."""
    return Address(f"{RECIPIENT_PAGES}/{recipient_key(org_id)}.md")


def reserved() -> dict[str, set[str]]:
    """The ids a record may not have because a fixed page sits where its page would
    (`funding/statistics.md` is where the page of a fund `statistics` would be)."""
    out: dict[str, set[str]] = {folder: set() for folder in PAGES_OF}
    for folder, pages in PAGES_OF.items():
        for page in FIXED:
            parent, _, name = page.source.rpartition("/")
            if parent == pages:
                out[folder].add(name.removesuffix(".md"))
    return out


# --- the downloads ---------------------------------------------------------------

DATA = "data"  # the folder every download is published in


def data_file(name: str) -> str:
    """A download's address, from its file name: `awards.csv` -> `data/awards.csv`."""
    return f"{DATA}/{name}"


# the tables' file names without their extension (each is written as .csv and .json)
AWARDS_TABLE = "awards"
FUNDS_TABLE = "funds"
SUMMARY_TABLE = "summary"
TENDERS_TABLE = "tenders"
ROUNDS_TABLE = "funding-rounds"
CONTRACTS_TABLE = "contracts"
SINGLE_TENDER_ACTIONS_TABLE = "single-tender-actions"
RECIPIENTS_TABLE = "recipients"
CONTRACTS_ENDING_TABLE = "contracts-ending"
PROMISES_TABLE = "promises"  # the strategy's promises, each year's figure


def fund_table(fund_id: str) -> str:
    # `fund-` in the name: a fund named like a year (data/funds/2026-27.yml) must not
    # share its files with that year's list
    return f"awards-fund-{fund_id}"


def year_table(year: str) -> str:
    return f"awards-{year_slug(year)}"


GIVING360_JSON = "360giving.json"
GIVING360_CSV = "360giving.csv"
OCDS_JSON = "ocds.json"
TENDERS_FEED = "tenders.atom"
AWARDS_FEED = "awards.atom"
TENDER_CALENDAR = "tender-deadlines.ics"  # also each funding round's opening and closing
ROUNDS_FEED = "funding-rounds.atom"
CONTRACTS_ENDING_FEED = "contracts-ending.atom"
CONTRACTS_ENDING_CALENDAR = "contracts-ending.ics"


# --- addresses outside the site's own folders ----------------------------------------


def host(org: Organisation) -> str:
    """The site's host name, for ids that must not change between builds (feeds' tag: ids,
    calendar UIDs)."""
    return urlsplit(org.site_url or org.website).hostname or "localhost"


def _one_slash(url: str) -> str:
    return url.rstrip("/") + "/"


def site_root(org: Organisation) -> str | None:
    """Where the site is published, ending in one "/", if organisation.yml says."""
    return _one_slash(org.site_url) if org.site_url else None


def published_root(org: Organisation) -> str:
    """Where the site is published, or else the office's own website, ending in one "/"."""
    return _one_slash(org.site_url or org.website)


# The public registers an identifier's list code points to, each with the address of one
# organisation's entry: the one place these links are made (the recipient pages use them).
REGISTERS = {
    "GB-CHC": ("Charity Commission for England and Wales register of charities",
               "https://register-of-charities.charitycommission.gov.uk/charity-details/?regid={id}&subid=0"),
    "GB-SC": ("Scottish Charity Regulator (OSCR) register",
              "https://www.oscr.org.uk/about-charities/search-the-register/charity-details?number={id}"),
    "GB-NIC": ("Charity Commission for Northern Ireland register of charities",
               "https://www.charitycommissionni.org.uk/charity-details/?regId={id}&subId=0"),
    "GB-COH": ("Companies House register",
               "https://find-and-update.company-information.service.gov.uk/company/{id}"),
}


def register_link(code: str, id: str) -> tuple[str, str] | None:
    """(the register's name, the address of the entry for `id`) in the public register of
    the list `code` (`GB-CHC`), if it is one the site links to."""
    known = REGISTERS.get(code)
    if known is None:
        return None
    name, pattern = known
    return name, pattern.format(id=quote(id, safe=""))


def absolute(org: Organisation, url: str, otherwise: str = "") -> str:
    """`url` (relative to the site root) as an absolute link when the site's address is known,
    else relative, with `otherwise` (such as "../" from a file under /data/) in front."""
    root = site_root(org)
    return root + url if root else otherwise + url
