"""Each vocabulary the data uses, named once: its values in order, and the words the public sees.

A vocabulary is the few values a field may take (an award's `kind` is `grant` or `contract`).
The model's Literal types are made from these (model.py), so the reader, the JSON Schemas
and the editor accept exactly these values in this order; the site's words for a value
(labels.py, the templates), the downloads' field descriptions (exports/tables.py) and the
editor's drop-downs (cms.py) read them from here too. Adding or renaming a value here
changes all of them together; tests/test_vocabulary.py checks each has words for every value.

The lowest layer: imports nothing from the package.
"""
from __future__ import annotations

from collections.abc import Iterator, Mapping


class Vocabulary(Mapping[str, str]):
    """A field's values in order, each with the words the site shows for it.

    Read as a mapping from value to words: `KIND["grant"]` is "Grant", `tuple(KIND)` the values.
    Other forms of the words, where some page needs them, cover every value too:
    `plural` ("Grants"), `in_sentence` ("a pilot"). `notes` (some values) say more where a
    download lists the values: "closed (being evaluated)".
    """

    def __init__(self, words: dict[str, str], *, plural: dict[str, str] | None = None,
                 in_sentence: dict[str, str] | None = None, notes: dict[str, str] | None = None):
        self._words = dict(words)
        self.plural = dict(plural or {})
        self.in_sentence = dict(in_sentence or {})
        self.notes = dict(notes or {})
        for form in (self.plural, self.in_sentence):
            if form and list(form) != list(self._words):
                raise ValueError(f"a form of the words must cover the values in order: {list(form)} for {list(self._words)}")
        if not set(self.notes) <= set(self._words):
            raise ValueError(f"notes for values the vocabulary does not have: {sorted(set(self.notes) - set(self._words))}")

    def __getitem__(self, value: str) -> str:
        return self._words[value]

    def __iter__(self) -> Iterator[str]:
        return iter(self._words)

    def __len__(self) -> int:
        return len(self._words)

    def __repr__(self) -> str:
        return f"Vocabulary({self._words!r})"

    def listed(self) -> str:
        """The values as a data file spells them, for a reader: "active, ended or de-commissioned"."""
        parts = [f"{v} ({self.notes[v]})" if v in self.notes else v for v in self]
        return parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} or {parts[-1]}"


# --- funds --------------------------------------------------------------------

FUND_STATUS = Vocabulary({"open": "Open", "under-review": "Under review", "closed": "Closed"})
ROUTE = Vocabulary({  # how a fund gives money
    "commissioned": "Commissioned services (contracts)",
    "grants": "Grants",
    "via-partner": "Grants given through a partner",
})

# --- awards -------------------------------------------------------------------

KIND = Vocabulary({"grant": "Grant", "contract": "Contract"},
                  plural={"grant": "Grants", "contract": "Contracts"})
PROCUREMENT_ROUTE = Vocabulary({
    "competitive-tender": "Competitive tender",
    "three-quotes": "Three quotes",
    "single-tender-action": "Single tender action",
    "grant-application": "Grant application",
    "co-commissioned": "Co-commissioned with partners",
})
AWARD_STATUS = Vocabulary({"active": "Active", "ended": "Ended", "de-commissioned": "De-commissioned",
                           "withdrawn": "Withdrawn", "returned": "Returned"},
                          notes={"withdrawn": "recorded in error or withdrawn before it started: not counted",
                                 "returned": "the money was given back: not counted"})
# The statuses of an award that no longer counts: it stays visible with its reason (the public
# was told of it once), and leaves every total, budget, chart and statistic.
NOT_COUNTED = ("withdrawn", "returned")
# What the office intends to do as a contract's term (or its last extension) ends: what
# providers plan bids from (commissioning intentions).
INTENTION = Vocabulary({"extend": "Extend", "re-tender": "Re-tender", "de-commission": "De-commission",
                        "undecided": "Not yet decided"})
# The Procurement Act 2023's notices, as the Central Digital Platform (Find a Tender) names them.
NOTICE_TYPE = Vocabulary({
    "UK1": "Pipeline notice",
    "UK2": "Preliminary market engagement notice",
    "UK3": "Planned procurement notice",
    "UK4": "Tender notice",
    "UK5": "Transparency notice",
    "UK6": "Contract award notice",
    "UK7": "Contract details notice",
    "UK9": "Contract performance notice",
    "UK10": "Contract change notice",
    "UK11": "Contract termination notice",
    "UK12": "Procurement termination notice",
})
# An award's `coverage` is this word, or an area with a reason (COVERAGE_REASON).
COVERAGE = Vocabulary({"countywide": "Countywide"})
COVERAGE_REASON = Vocabulary({"pilot": "Pilot", "local-need": "Local need"},
                             in_sentence={"pilot": "a pilot", "local-need": "a local need"})
STA_GROUND = Vocabulary({  # the grounds for a single tender action
    "only-supplier": "Only one supplier can provide it, for technical reasons",
    "continuity-of-supply": "Keeping the existing supplier maintains continuity of supply",
})
# What kind of organisation a recipient is (Recipient.sector), and which kinds are the third
# sector, which the strategy values when locally based (promises.py measures the share of money).
SECTOR = Vocabulary({
    "charity": "Charity",
    "community-group": "Community group",
    "social-enterprise": "Social enterprise",
    "company": "Company",
    "public-body": "Public body",
    "other": "Other",
}, in_sentence={"charity": "a charity", "community-group": "a community group",
                "social-enterprise": "a social enterprise", "company": "a company",
                "public-body": "a public body", "other": "another kind of organisation"})
THIRD_SECTOR = ("charity", "community-group", "social-enterprise")
# Where a recipient is based (Recipient.based): in the office's own area, elsewhere in the region, or nationally.
BASED = Vocabulary({"local": "Based in our area", "regional": "Based in the region", "national": "National"})
# What an award's service focuses on (Award.focus), from the most upstream: the strategy allocates
# resources "upstream", to prevention and early intervention (UPSTREAM).
FOCUS = Vocabulary({
    "prevention": "Prevention",
    "early-intervention": "Early intervention",
    "response": "Responding to harm",
    "recovery": "Recovery and support",
})
UPSTREAM = ("prevention", "early-intervention")
# The warnings (likely mistakes that may be right) an award's file can silence in `not_a_mistake`.
WARNING = Vocabulary({
    "likely-duplicate": "Likely duplicate",
    "small-amount": "Small amount",
    "before-first-budget": "Dated before the fund's first budget",
    "late-extension": "Extension agreed after the term ended",
    "before-round-closed": "Dated before its funding round closed",
    "above-round-maximum": "More than its funding round's maximum",
})

# --- tenders ------------------------------------------------------------------

# Not written in a data file: a tender's status at a moment (model.Tender.status_at).
TENDER_STATUS = Vocabulary({"forthcoming": "Forthcoming", "open": "Open", "closed": "Closed", "awarded": "Awarded",
                            "cancelled": "Cancelled"},
                           notes={"closed": "being evaluated", "cancelled": "stopped before any award"})
# The tenders page groups tenders by status under these headings, in this order: what a
# bidder can still act on first.
TENDER_GROUPS = {"open": "Open for bids", "forthcoming": "Coming soon", "closed": "Closed: being evaluated",
                 "awarded": "Awarded", "cancelled": "Cancelled"}

# --- funding rounds -------------------------------------------------------------

# Not written in a data file: a funding round's status on a day (model.Round.status_at).
ROUND_STATUS = Vocabulary({"forthcoming": "Opening soon", "open": "Open", "closed": "Closed"},
                          notes={"forthcoming": "not yet open for applications"})
# The funding rounds page groups rounds by status under these headings, in this order: what an
# applicant can still act on first.
ROUND_GROUPS = {"open": "Open for applications", "forthcoming": "Opening soon", "closed": "Past rounds"}

# The vocabularies a data file chooses from (the editor's drop-downs); TENDER_STATUS and ROUND_STATUS are worked out.
CHOICES = (FUND_STATUS, ROUTE, KIND, PROCUREMENT_ROUTE, AWARD_STATUS, COVERAGE, COVERAGE_REASON, STA_GROUND, WARNING,
           INTENTION, NOTICE_TYPE, SECTOR, BASED, FOCUS)
