"""Write a realistic, valid data folder with N awards, for scale benchmarks.

    python benchmarks/make_data.py N OUT_DIR [--seed 2026]

OUT_DIR gets organisation.yml and scoring.yml (copied from the example office's data,
kept for the tests in tests/fixtures/office/data/: the project's own data/ may be another office's),
funds/ (the four example funds, with a budget for every financial year from
2017/18 to 2026/27 large enough that no year is over budget), awards/ (N
grants and contracts), tenders/ (N/20 tender notices) and rounds/ (a funding round a year for
the Youth Fund and the crime and disorder reduction grants, whose grants name their round; the
next year's rounds are open or opening soon at the build date). The files keep the
layout and YAML style of the example office's files.

The same N and seed always give the same bytes. Every award is dated before
2026-11-28, the build date the benchmarks use (SOURCE_DATE_EPOCH=1795860000),
and the folder passes, with no warning:

    SOURCE_DATE_EPOCH=1795860000 python -m transparency validate --data OUT_DIR

Like an office that complies, each award and tender lists the Procurement Act 2023 notices
it owes by then (`notices:`, at the end of its file): the folder is read back and
transparency.notices says which are owed (this script does not judge); those due after
2026-11-28 are left out, as not yet published.

OUT_DIR must not exist, be empty, or be a folder this script wrote before
(it holds a `.benchmark-data` marker); such a folder is replaced.

Every organisation, person and place-name prefix is invented: charity numbers
are 9xxxxxx and company numbers ZZxxxxxx, which no register issues.
"""
from __future__ import annotations

import argparse
import calendar
import hashlib
import json
import math
import random
import re
import shutil
import sys
import textwrap
import zlib
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE_DATA = ROOT / "tests" / "fixtures" / "office" / "data"  # the example office's, whoever runs the site
MARKER = ".benchmark-data"

TODAY = date(2026, 11, 28)  # SOURCE_DATE_EPOCH=1795860000 is 28 November 2026, 10:00 UK time
LAST_AWARD_DAY = date(2026, 11, 27)
FIRST_YEAR, LAST_YEAR = 2017, 2026  # financial years 2017/18 .. 2026/27
PORTAL = "https://www.bluelight.eu-supply.com/ctm/Supplier"  # same host as organisation.yml's eTendering portal
THRESHOLD = 214904  # organisation.yml: procurement_threshold
SIGN_OFF = [  # organisation.yml: single_tender_action_sign_off
    (150000, "Chief Finance Officer of the Constabulary"),
    (500000, "Chief Executive of the Office of the Police and Crime Commissioner"),
    (None, "Police and Crime Commissioner"),
]
OUTCOMES = ["victims", "offenders", "communities", "innovation"]

VICTIMS = "victims-services-grant"
CRIME = "crime-and-disorder-reduction-grants"
YOUTH = "youth-fund"
CASUALTY = "casualty-support-and-reduction-fund"
FUND_SHARE = {VICTIMS: 0.40, CRIME: 0.22, YOUTH: 0.28, CASUALTY: 0.10}
CONTRACT_SHARE_OF_VICTIMS = 0.8
CONTRACT_ROUTES = [("competitive-tender", 0.45), ("three-quotes", 0.30), ("single-tender-action", 0.10),
                   ("co-commissioned", 0.15)]

# --- invented words ------------------------------------------------------------------------

PLACE_HEADS = ("Brink Tallow Willow Ouse Lode Fen Drain Nene Wash Bridge Marsh Reed Cole Ash Elm Hollow Mill "
               "Stone Thorn Heron Kings Abbey Chapel Haven Lark Moor Oak Peat Plover Rush Sedge Swan Tern Wren "
               "Bittern Osier Alder Hazel Lantern Cobble").split()
PLACE_TAILS = "moor gate side field ford holme ley wick well mere brook dyke end row bank wood croft hythe stead lea".split()
AREAS = ["Peterborough", "Fenland", "Huntingdonshire", "East Cambridgeshire", "South Cambridgeshire", "Cambridge",
         "Wisbech", "March", "Ely", "St Neots", "Huntingdon", "St Ives", "Whittlesey", "Chatteris", "Soham"]
# The ONS code of the district or unitary authority each area is in (a town's is its district's).
FENLAND, EAST_CAMBS, HUNTS = "E07000010", "E07000009", "E07000011"
AREA_CODES = {"Peterborough": "E06000031", "Fenland": FENLAND, "Huntingdonshire": HUNTS,
              "East Cambridgeshire": EAST_CAMBS, "South Cambridgeshire": "E07000012", "Cambridge": "E07000008",
              "Wisbech": FENLAND, "March": FENLAND, "Ely": EAST_CAMBS, "St Neots": HUNTS, "Huntingdon": HUNTS,
              "St Ives": HUNTS, "Whittlesey": FENLAND, "Chatteris": FENLAND, "Soham": EAST_CAMBS}
# Invented postcodes in Royal Mail's shape, in the PE postcode area: a district, then a digit and two
# letters of those an inward code may have (never C, I, K, M, O or V).
PE_DISTRICTS = ("PE1", "PE2", "PE3", "PE4", "PE7", "PE13", "PE14", "PE15", "PE16", "PE19", "PE26", "PE27", "PE28",
                "PE29", "PE38")
INWARD_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"

# Organisation types by fund: (name ending, legal form). "charity" has a charity number and
# often a company number; "company" has a company number only.
ORG_TYPES = {
    VICTIMS: [("Sexual Violence Support", "charity"), ("Domestic Abuse Service", "charity"),
              ("Victim Support Trust", "charity"), ("Advocacy Service", "charity"),
              ("Counselling Centre", "charity"), ("Interpreting Ltd", "company"), ("Case Systems Ltd", "company"),
              ("Community Support CIC", "company"), ("Women's Aid", "charity"), ("Restorative Justice Hub", "charity")],
    CRIME: [("Community Safety CIC", "company"), ("Recovery CIC", "company"), ("Mediation Service", "charity"),
            ("Business Crime Partnership", "company"), ("Street Pastors", "charity"),
            ("Resettlement Trust", "charity"), ("Neighbourhood Watch Association", "charity"),
            ("Security Solutions Ltd", "company")],
    YOUTH: [("Youth Trust", "charity"), ("Boxing Club", "charity"), ("Youth Theatre", "charity"),
            ("Football Club", "charity"), ("Skate Collective", "company"), ("Youth Music Studio", "company"),
            ("Climbing Club", "charity"), ("Youth Dance Company", "charity"), ("Angling Project", "charity"),
            ("Makers Space CIC", "company")],
    CASUALTY: [("Road Safety Trust", "charity"), ("Driver Training Ltd", "company"),
               ("Bereaved Families Support", "charity"), ("Motorcycle Training CIC", "company"),
               ("Cycling Club", "charity")],
}

BREAK_CLAUSES = [
    "Either party may end the contract by giving six months' notice in writing.",
    "Either party may end the contract by giving three months' notice in writing.",
    "Either party may end the contract by giving one month's notice in writing.",
]


@dataclass(frozen=True)
class Service:
    name: str  # used in titles and ids
    description: str
    purpose: str = ""
    reasons: str = ""  # crime and disorder reduction grants
    outputs: tuple[str, ...] = ("referrals received", "people supported")
    outcomes: tuple[str, ...] = ("victims",)


SERVICES = {
    VICTIMS: [
        Service("Independent sexual violence advisers",
                "Trained advisers support people who have been raped or sexually abused, from the first report "
                "to the police through to court and afterwards. Victims can use the service whether or not they "
                "report to the police.", "To provide independent sexual violence advisers across the area.",
                outputs=("referrals received", "victims supported", "victims accompanied to court")),
        Service("Community domestic abuse outreach",
                "Outreach workers meet victims of domestic abuse in their own communities, help them plan for "
                "their safety and stay with them through the criminal justice process.",
                "To run a community outreach service for victims of domestic abuse.",
                outputs=("referrals received", "victims supported", "safety plans made")),
        Service("Stalking advocacy service",
                "Specialist advocates help victims of stalking to record what is happening, apply for protection "
                "orders and stay safe while the case goes through the courts.",
                "To give specialist advocacy to victims of stalking.",
                outputs=("referrals received", "victims supported", "protection orders applied for")),
        Service("Trauma counselling for victims",
                "Qualified counsellors give up to twelve sessions of trauma-focused therapy to adults and young "
                "people affected by violent and sexual crime.",
                "To fund trauma-focused counselling for victims of crime.",
                outputs=("referrals received", "people counselled", "sessions delivered")),
        Service("Hate crime advocacy",
                "Caseworkers help victims of hate crime to report what happened and support them until their "
                "case is closed, working in the main community languages.",
                "To give advocacy and emotional support to victims of hate crime.",
                outcomes=("victims", "communities")),
        Service("Modern slavery victim navigators",
                "Navigators work with police officers to support people found in modern slavery, from the first "
                "rescue to safe housing and, where they choose, giving evidence.",
                "To support survivors of modern slavery and exploitation.", outcomes=("victims", "offenders")),
        Service("Court witness support volunteers",
                "Trained volunteers meet witnesses at court, show them the courtroom before they give evidence and "
                "sit with them on the day.", "To support witnesses attending court.",
                outputs=("witnesses supported", "pre-trial visits")),
        Service("Interpreting and translation for victims",
                "Face-to-face, telephone and video interpreters, and translation of letters and leaflets, so that "
                "victims who do not speak English, or who use British Sign Language, can use the services we fund.",
                "To provide interpreting for victims using support services.",
                outputs=("interpreting sessions", "languages used", "documents translated"),
                outcomes=("victims", "innovation")),
        Service("Support for children affected by domestic abuse",
                "Children's workers give one-to-one and group support to children and young people who have lived "
                "with domestic abuse, in schools and at home.",
                "To support children and young people who have lived with domestic abuse.",
                outputs=("children referred", "children supported", "group sessions")),
        Service("Fraud and scam victim support",
                "Caseworkers contact people who have lost money to fraud or scams, help them recover and show them "
                "how to avoid being targeted again, with priority for older and vulnerable people.",
                "To support victims of fraud and scams.", outputs=("victims contacted", "victims supported")),
        Service("Restorative justice service",
                "Trained facilitators let victims of crime, when they choose to, communicate with the person who "
                "harmed them, through face-to-face meetings or letters.",
                "To run restorative justice conferences for victims who ask for them.",
                outputs=("referrals received", "conferences held", "letters exchanged"),
                outcomes=("victims", "offenders")),
        Service("Victim and Witness Hub case management system",
                "Hosting, security updates and support for the system that the Victim and Witness Hub uses to "
                "record victims' needs and refer them to support services.",
                "To keep the Hub's case management system running.",
                outputs=("support requests resolved", "hours of downtime"), outcomes=("victims", "innovation")),
    ],
    CRIME: [
        Service("Knife crime education in schools",
                "Youth workers run workshops in secondary schools on the risks of carrying a knife and how to get "
                "help, with a family member of a victim of knife crime.",
                "To run knife crime workshops in secondary schools.",
                "Young people who understand the consequences of carrying a knife and know where to get help are "
                "less likely to carry one.", ("schools visited", "pupils reached"), ("communities", "offenders")),
        Service("County lines exploitation mentoring",
                "Mentors work with young people who have been, or are at risk of being, drawn into selling drugs for "
                "county lines gangs, and with their families.",
                "To mentor young people at risk of criminal exploitation.",
                "Mentoring gives young people a trusted adult and a way out, which breaks the hold of the gangs that "
                "exploit them.", ("young people mentored", "families supported"), ("offenders", "victims")),
        Service("Street pastors in the night-time economy",
                "Trained volunteers patrol town centres on Friday and Saturday nights, helping people who are "
                "vulnerable and calming situations before they turn into violence.",
                "To pay for training, radios and first aid kits for night-time patrols.",
                "Helping vulnerable people home and calming arguments early prevents assaults and reduces the "
                "demand on police officers at night.", ("patrols", "people helped"), ("communities",)),
        Service("Community mediation for anti-social behaviour",
                "Trained mediators help neighbours in long-running disputes to agree how to live alongside each "
                "other, before the dispute turns into anti-social behaviour or crime.",
                "To run a community mediation service for neighbour disputes.",
                "Most neighbour disputes that end in crime started as problems that mediation can settle.",
                ("cases referred", "cases resolved"), ("communities",)),
        Service("Business crime reduction partnership",
                "Shops and pubs share information and a radio link about shoplifters and people causing trouble, "
                "through a shared intelligence system.",
                "To run the partnership's radio link and information sharing system.",
                "Sharing information quickly helps businesses spot known offenders and helps the police identify "
                "repeat shoplifters, which reduces retail crime.", ("member businesses", "incidents shared"),
                ("communities",)),
        Service("Drug and alcohol workers in police custody",
                "Drug and alcohol workers see people arrested and held in custody, and offer them a quick route into "
                "treatment.", "To provide an arrest referral service in custody suites.",
                "Much acquisitive crime is committed to fund drug use. People who start treatment soon after arrest "
                "are less likely to reoffend.", ("people assessed", "people starting treatment"), ("offenders",)),
        Service("Resettlement housing for prison leavers",
                "Caseworkers find and keep housing for people leaving prison with nowhere to live, and help them "
                "register with a doctor and claim benefits.",
                "To find housing for people leaving prison without an address.",
                "People leaving prison without a home are far more likely to reoffend; a stable address makes "
                "probation and treatment work.", ("people housed", "tenancies kept for six months"),
                ("offenders",)),
        Service("Neighbourhood watch development",
                "A coordinator helps residents set up and run neighbourhood watch schemes, and shares crime "
                "prevention advice with them.", "To pay for a part-time neighbourhood watch coordinator.",
                "Active schemes report suspicious activity early and make burglary and vehicle crime harder.",
                ("new schemes", "households covered"), ("communities",)),
        Service("Rural crime prevention kits",
                "Farmers and rural businesses are given forensic marking kits, trail cameras and advice to protect "
                "machinery, fuel and livestock.", "To buy and hand out rural crime prevention kits.",
                "Marked property is harder to sell and easier to return, which deters theft from farms.",
                ("kits handed out", "farms visited"), ("communities",)),
        Service("Redeployable CCTV for anti-social behaviour",
                "Cameras that can be moved to places where residents report anti-social behaviour, monitored "
                "with the district council.", "To buy redeployable cameras and pay for their monitoring.",
                "Visible cameras deter anti-social behaviour and give evidence for action where it continues.",
                ("cameras deployed", "incidents recorded"), ("communities", "innovation")),
    ],
    YOUTH: [
        Service("Youth football sessions", "Coaches run free football sessions on weekday evenings for young "
                "people aged 11 to 17, with youth workers on hand for advice and support."),
        Service("Youth theatre workshops", "Young people write and perform their own plays about the pressures "
                "they face, working with a theatre director over the school holidays."),
        Service("Music studio evenings for young people", "Young people learn to write, record and produce music "
                "on weekday evenings, with youth workers on hand for advice and support."),
        Service("Boxing diversion sessions", "Coaches and mentors run boxing training for young people referred "
                "by schools and the police, with sessions on anger and conflict."),
        Service("Holiday activities for young people", "Free activities and a hot meal in the summer and Easter "
                "holidays, for young people who would otherwise have nothing to do."),
        Service("Detached youth work at weekends", "Youth workers go out on Friday and Saturday evenings to places "
                "where young people gather, wherever the police and councils report problems."),
        Service("Skateboarding workshops", "Skaters run free coaching and repair workshops at the skate park, and "
                "young people help design the park's new ramps."),
        Service("Climbing sessions for young people", "Instructors take groups of young people referred by youth "
                "workers to the climbing wall every week, building confidence and trust."),
        Service("Girls football", "A coach and volunteers run football training and matches for girls aged 10 to "
                "16, with a session on healthy relationships each term."),
        Service("Youth dance classes", "Free street dance classes on weekday evenings, ending with a performance "
                "that young people choreograph themselves."),
        Service("Angling for young people", "Volunteers teach young people to fish, look after the river bank and "
                "work together, at weekends and in the holidays."),
        Service("Young makers workshops", "Young people learn woodwork, electronics and bike repair in a community "
                "workshop, and keep what they make."),
    ],
    CASUALTY: [
        Service("Young driver education", "Workshops for sixth-form students on the risks new drivers face, "
                "with a family member of someone killed in a road collision.",
                outputs=("students reached", "schools visited"), outcomes=("communities",)),
        Service("Road collision family support", "Caseworkers support families bereaved or seriously injured in "
                "road collisions through the inquest and any court case.",
                outputs=("families supported", "inquests attended"), outcomes=("victims",)),
        Service("Motorcycle safety courses", "Advanced riding courses for motorcyclists at a subsidised price, "
                "run by qualified instructors on the county's roads.",
                outputs=("riders trained", "courses run"), outcomes=("communities",)),
        Service("Community speed watch equipment", "Speed detection devices and training for village volunteers "
                "who record speeding drivers for police warning letters.",
                outputs=("villages equipped", "warning letters sent"), outcomes=("communities", "innovation")),
        Service("Cycle safety training", "Instructors teach children and adults to cycle safely on the road, and "
                "check and repair their bikes.", outputs=("people trained", "bikes checked"),
                outcomes=("communities",)),
    ],
}

CONDITIONS = {
    VICTIMS: "The grant is for the {fy} financial year. The charity must follow the Victims' Code, keep victims' "
             "records safe, and send six-monthly outcome reports.",
    CRIME: "The grant is for the {fy} financial year. The money may only be spent on the project described, and "
           "the organisation must report how it has reduced crime or disorder.",
    YOUTH: "A Youth Fund grant for {fy}, made by Cambridgeshire Community Foundation on the Commissioner's behalf. "
           "Activities must be free to young people, run by staff or volunteers who have been vetted, and the "
           "group must send the Foundation a short end-of-grant report.",
    CASUALTY: "The grant is for the {fy} financial year. The organisation must count the people it reaches and "
              "send a short end-of-grant report.",
}
YOUTH_PURPOSE = "To run {what} for a year."
CASUALTY_PURPOSE = "To pay for {what} across the county."

AREA_REASONS = {
    "pilot": "A one-year proof of concept to test whether the service reaches people who do not use the "
             "countywide services, before deciding whether to offer it across the county.",
    "local-need": "The needs assessment found more demand here than anywhere else in the county, and too few "
                  "services to meet it.",
}
ACTIVITY = ("The service ran as planned, taking referrals from the police, schools and other agencies, "
            "and from people who contacted it themselves.")
IMPACTS = [
    "Of the people who completed an outcome measure at the start and end of support, most felt safer and "
    "more able to cope.",
    "Feedback forms rated the service 4.6 out of 5, and nine in ten people said they would recommend it.",
    "Partner agencies reported fewer repeat call-outs in the areas the service covered.",
]


# --- helpers -------------------------------------------------------------------------------------


def slugify(text: str) -> str:
    return "-".join(re.findall(r"[a-z0-9]+", text.lower().replace("'", "")))


def fy_label(start_year: int) -> str:
    return f"{start_year}/{(start_year + 1) % 100:02d}"


def fy_of(day: date) -> int:
    return day.year if day.month >= 4 else day.year - 1


def add_months(day: date, months: int) -> date:
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def term_end(start: date, years: int) -> date:
    return add_months(start, 12 * years) - timedelta(days=1)


def first_of_next_month(day: date, months_after: int = 1) -> date:
    return add_months(date(day.year, day.month, 1), months_after)


_PLAIN_UNSAFE = re.compile(r"^[-?:,\[\]{}#&*!|>'\"%@`\s]|: |\s#|:$|\s$")


def scalar(text: str) -> str:
    """A one-line YAML scalar: plain when that reads back as the same text, else double-quoted."""
    if not text or _PLAIN_UNSAFE.search(text) or text in ("~", "null", "Null", "NULL"):
        return json.dumps(text, ensure_ascii=False)
    return text


def text_field(key: str, text: str, indent: int = 0, width: int = 78) -> list[str]:
    """`key: text` on one line when short, else the example files' folded block (`>-`)."""
    pad = " " * indent
    line = f"{pad}{key}: {scalar(text)}"
    if len(line) <= width and not _PLAIN_UNSAFE.search(text):
        return [line]
    body = textwrap.wrap(text, width=width - indent - 2, break_long_words=False, break_on_hyphens=False)
    return [f"{pad}{key}: >-"] + [f"{pad}  {b}" for b in body]


def postcode_of(name: str) -> str:
    """An invented postcode for an organisation, the same for the same name (from its digest, not the
    generator's random numbers, so the rest of the data is as it was)."""
    h = int.from_bytes(hashlib.sha256(name.encode("utf-8")).digest()[:8], "big")
    district = PE_DISTRICTS[h % len(PE_DISTRICTS)]
    h //= len(PE_DISTRICTS)
    digit, h = 1 + h % 9, h // 9
    first, second = INWARD_LETTERS[h % 20], INWARD_LETTERS[(h // 20) % 20]
    return f"{district} {digit}{first}{second}"


def money(value: int | float) -> str:
    return str(value) if isinstance(value, int) else f"{value:.2f}"


# --- the strategy's promises' fields (issue 18) ----------------------------------------------------
# Read from a name's checksum, not the random generator, so the rest of the data is the same as
# before these fields were added (the same seed, the same awards).


def _pick(text: str, n: int) -> int:
    return zlib.crc32(text.encode("utf-8")) % n


def sector_of(org: "Org") -> str:
    """A charity number makes a charity; a CIC is a social enterprise, a Ltd a company; a company
    number alone a community group (a partnership, a club run as a company)."""
    if org.charity_number:
        return "charity"
    if org.name.endswith("CIC"):
        return "social-enterprise"
    if org.name.endswith("Ltd"):
        return "company"
    return "community-group"


def based_of(org: "Org") -> str:
    """Most providers are local; one in ten regional, one in ten national."""
    return {0: "national", 1: "regional"}.get(_pick(org.name, 10), "local")


SERVICE_USERS_HOW = "Two people who have used similar services scored the method statements with the panel."
FOCUSES = ("prevention", "early-intervention", "response", "recovery")


def focus_of(title: str, description: str) -> str | None:
    """One focus per service (its description), and one award in twenty that does not say."""
    if _pick(title, 20) == 0:
        return None
    return FOCUSES[_pick(description, len(FOCUSES))]


# --- the data ------------------------------------------------------------------------------------


@dataclass
class Org:
    name: str
    charity_number: str | None
    company_number: str | None
    website: str | None
    short: str  # its place name, for ids


@dataclass
class Tender:
    id: str
    title: str
    reference: str
    service: Service
    envelope: int = 0
    covers: str = "per year"
    split: tuple[int, int] = (70, 30)
    initial_years: int = 3
    extensions: list[int] = field(default_factory=lambda: [1])
    break_clause: str = BREAK_CLAUSES[0]
    start: date | None = None
    published: datetime | None = None
    clarification: datetime | None = None
    submission: datetime | None = None
    engagement: list[tuple[datetime, str, str]] = field(default_factory=list)
    awarded: list[str] = field(default_factory=list)
    panel: list[str] = field(default_factory=list)
    service_users: bool = True


@dataclass
class Award:
    id: str
    lines: list[str]
    fund: str
    year: int
    amount: int | float


class Generator:
    def __init__(self, n: int, seed: int):
        self.n = n
        self.rng = random.Random(seed)
        self.award_ids: set[str] = set()
        self.awards: list[Award] = []
        self.tenders: list[Tender] = []
        self.tender_ids: set[str] = set()
        self.refs_per_year: dict[int, int] = {}

    # --- organisations

    def make_orgs(self) -> dict[str, list[Org]]:
        rng = self.rng
        pool_size = max(20, self.n // 5)
        places = [h + t for h in PLACE_HEADS for t in PLACE_TAILS]
        rng.shuffle(places)
        charity_numbers = rng.sample(range(9000000, 10000000), pool_size + 100)
        company_numbers = rng.sample(range(100000, 1000000), pool_size + 100)
        orgs: dict[str, list[Org]] = {f: [] for f in FUND_SHARE}
        used: set[str] = set()
        i = 0
        for fund, share in FUND_SHARE.items():
            want = max(4, round(pool_size * share))
            while len(orgs[fund]) < want:
                place = places[i % len(places)]
                ending, form = rng.choice(ORG_TYPES[fund])
                i += 1
                name = f"{place} {ending}"
                if name in used:
                    continue
                used.add(name)
                k = len(used) - 1
                charity = str(charity_numbers[k]) if form == "charity" else None
                company = f"ZZ{company_numbers[k]:06d}" if form == "company" or rng.random() < 0.4 else None
                website = f"https://www.example.org/{slugify(name)}" if rng.random() < 0.6 else None
                orgs[fund].append(Org(name, charity, company, website, place))
        return orgs

    # --- ids and dates

    def new_award_id(self, base: str) -> str:
        id, k = base, 2
        while id in self.award_ids or id in self.tender_ids:
            id, k = f"{base}-{k}", k + 1
        self.award_ids.add(id)
        return id

    def random_day(self, lo: date, hi: date) -> date:
        return lo + timedelta(days=self.rng.randrange((hi - lo).days + 1))

    def award_day_in(self, fy: int) -> date:
        return self.random_day(date(fy, 4, 1), min(date(fy + 1, 3, 31), LAST_AWARD_DAY))

    def pick_year(self) -> int:
        # a little more each year (the programme grew); 2026/27 is two thirds through at the build date
        weights = [1 + 0.08 * (y - FIRST_YEAR) for y in range(FIRST_YEAR, LAST_YEAR + 1)]
        weights[-1] *= 0.66
        return self.rng.choices(range(FIRST_YEAR, LAST_YEAR + 1), weights)[0]

    # --- tenders

    def new_tender(self, service: Service, published: datetime) -> Tender:
        rng = self.rng
        seq = self.refs_per_year.get(published.year, 0) + 1
        self.refs_per_year[published.year] = seq
        reference = f"OPCC-{published.year}-{seq:03d}"
        id = f"{slugify(service.name)}-{published.year}-{seq:03d}"
        self.tender_ids.add(id)
        initial = rng.choice([3, 3, 2, 1])
        t = Tender(id, service.name, reference, service,
                   split=rng.choice([(60, 40), (70, 30), (70, 30), (80, 20)]),
                   initial_years=initial, extensions=[1] if initial > 1 or rng.random() < 0.7 else [],
                   break_clause=rng.choice(BREAK_CLAUSES[:2]))
        t.published = published
        t.clarification = published + timedelta(days=rng.randint(28, 49), hours=3)
        t.submission = t.clarification + timedelta(days=rng.randint(10, 21))
        t.panel = ["Office of the Police and Crime Commissioner", "Constabulary Victim and Witness Hub"] + rng.sample(
            ["Probation Service", "Children's social care (county council)", "Adult social care (county council)",
             "Domestic Abuse and Sexual Violence Partnership", "Housing services (district councils)",
             "Integrated Care Board"], rng.randint(1, 2))
        t.service_users = rng.random() < 0.7
        self.tenders.append(t)
        return t

    def tender_lines(self, t: Tender) -> list[str]:
        rng = random.Random(t.id)  # per file, so the order files are written in does not matter
        lots = len(t.awarded)
        lines = [
            f"title: {scalar(t.title + (f' ({lots} lots)' if lots > 1 else ''))}",
            f"reference: {t.reference}",
            f"fund: {VICTIMS}",
        ]
        lines += text_field("summary", f"{t.service.description} The service covers the whole county.")
        lines += ["funding_envelope:", f"  amount: {t.envelope}", f"  covers: {scalar(t.covers)}",
                  "quality_cost_split:", f"  quality: {t.split[0]}", f"  cost: {t.split[1]}", "term:"]
        if t.start:
            lines.append(f"  start: {t.start.isoformat()}")
        lines.append(f"  initial_years: {t.initial_years}")
        if t.extensions:
            lines.append(f"  extensions: [{', '.join(map(str, t.extensions))}]")
        lines.append(f"  break_clause: {scalar(t.break_clause)}")
        lines += [
            f"published: {t.published:%Y-%m-%d %H:%M}",
            f"clarification_deadline: {t.clarification:%Y-%m-%d %H:%M}",
            f"submission_deadline: {t.submission:%Y-%m-%d %H:%M}",
            f"portal_url: {PORTAL}/PublicPurchase/{t.reference}",
            "evaluation:", "  agencies:", *[f"    - {scalar(a)}" for a in t.panel],
            f"  service_users: {'true' if t.service_users else 'false'}",
            *([f"  service_users_how: {SERVICE_USERS_HOW}"] if t.service_users else []),
        ]
        if rng.random() < 0.3:
            lines.append("  note: Interviews with shortlisted bidders are held two weeks after the deadline.")
        if t.envelope > THRESHOLD:
            day = t.published - timedelta(days=rng.randint(21, 60))
            lines += ["market_engagement:", f"  - start: {day:%Y-%m-%d} 10:00",
                      f"    place: {rng.choice(['Online', 'Conference room, example business centre, Peterborough'])}",
                      "    description: Market engagement day for providers"]
        docs = [("Invitation to tender", "invitation-to-tender.pdf"),
                ("Service specification", "service-specification.pdf")]
        if rng.random() < 0.5:
            docs.append(("Draft contract", "draft-contract.pdf"))
        lines.append("documents:")
        for name, file in docs:
            lines += [f"  - name: {name}", f"    url: {PORTAL}/Documents/{t.reference}/{file}"]
        if t.awarded:
            lines.append("awarded:")
            lines += [f"  - {a}" for a in t.awarded]
        return lines

    # --- awards

    def award_lines(self, *, title: str, kind: str, fund: str, org: Org, amount, day: date, description: str,
                    route: str, status: str, outcomes, tender: str | None = None, term: dict | None = None,
                    coverage: tuple[str, str] | None = None, co: list[tuple[str, int]] | None = None,
                    sta: dict | None = None, status_note: str | None = None, purpose: str | None = None,
                    conditions: str | None = None, reasons: str | None = None,
                    reports: list[dict] | None = None, funding_round: str | None = None) -> list[str]:
        lines = [f"title: {scalar(title)}", f"kind: {kind}", f"fund: {fund}", "recipient:",
                 f"  name: {scalar(org.name)}"]
        if org.charity_number:
            lines.append(f"  charity_number: {org.charity_number}")
        if org.company_number:
            lines.append(f"  company_number: {org.company_number}")
        if org.website:
            lines.append(f"  website: {org.website}")
        lines.append(f"  postcode: {postcode_of(org.name)}")
        lines += [f"  sector: {sector_of(org)}", f"  based: {based_of(org)}"]
        lines += [f"amount: {money(amount)}", f"award_date: {day.isoformat()}"]
        lines += text_field("description", description)
        lines.append(f"procurement_route: {route}")
        if tender:
            lines.append(f"tender: {tender}")
        if funding_round:
            lines.append(f"round: {funding_round}")
        if co:
            lines.append("co_commissioners:")
            for name, contribution in co:
                lines += [f"  - name: {scalar(name)}", f"    contribution: {contribution}"]
        if sta:
            lines += ["single_tender_action:", f"  ground: {sta['ground']}"]
            lines += text_field("reason", sta["reason"], indent=2)
            lines += [f"  value: {money(sta['value'])}", f"  signed_off_by: {sta['signed_off_by']}",
                      f"  signed_off: {sta['signed_off'].isoformat()}"]
        lines.append(f"status: {status}")
        if status_note:
            lines += text_field("status_note", status_note)
        lines.append(f"outcomes: [{', '.join(outcomes)}]")
        if focus := focus_of(title, description):
            lines.append(f"focus: {focus}")
        if coverage:
            area, reason = coverage
            lines += ["coverage:", f"  area: {area}", f"  code: {AREA_CODES[area]}", f"  reason: {reason}"]
            lines += text_field("explanation", AREA_REASONS[reason], indent=2)
        if term:
            lines += ["term:", f"  start: {term['start'].isoformat()}", f"  initial_years: {term['initial_years']}"]
            if term["extensions"]:
                lines.append(f"  extensions: [{', '.join(map(str, term['extensions']))}]")
            if term.get("break_clause"):
                lines.append(f"  break_clause: {scalar(term['break_clause'])}")
            if term.get("taken"):
                lines.append("extensions_taken:")
                for agreed, years in term["taken"]:
                    lines += [f"  - agreed: {agreed.isoformat()}", f"    years: {years}", "    value: 0"]
        if purpose:
            lines += text_field("purpose", purpose)
        if conditions:
            lines += text_field("conditions", conditions)
        if reasons:
            lines += text_field("crime_reduction_reasons", reasons)
        if reports:
            lines.append("outcome_reports:")
            for r in reports:
                lines += [f"  - period_end: {r['period_end'].isoformat()}", f"    received: {r['received'].isoformat()}"]
                lines += text_field("activity", r["activity"], indent=4)
                lines.append("    outputs:")
                lines += [f"      {k}: {v}" for k, v in r["outputs"].items()]
                lines += text_field("impact", r["impact"], indent=4)
        return lines

    def status_for(self, end: date | None, fy: int) -> tuple[str, str | None]:
        rng = self.rng
        last = end or date(fy + 1, 3, 31)
        if rng.random() < 0.02:
            return "de-commissioned", ("The service did not meet its outcomes and was de-commissioned under the "
                                       "break clause, agreed with the provider. Open cases were handed to the "
                                       "Victim and Witness Hub after a risk assessment of each.")
        return ("ended", None) if last < TODAY else ("active", None)

    def reports_for(self, service: Service, start: date, end: date | None) -> list[dict]:
        rng = self.rng
        if rng.random() > 0.35:
            return []
        out = []
        for n in range(1, 4):
            period_end = add_months(start, 6 * n) - timedelta(days=1)
            received = period_end + timedelta(days=rng.randint(10, 35))
            if received > TODAY or (end is not None and period_end > end):
                break
            outputs = {k: rng.randint(8, 400) for k in service.outputs}
            out.append(dict(period_end=period_end, received=received, activity=ACTIVITY, outputs=outputs,
                            impact=rng.choice(IMPACTS)))
        return out

    def coverage(self) -> tuple[str, str] | None:
        if self.rng.random() < 0.15:
            return self.rng.choice(AREAS), self.rng.choice(["pilot", "local-need"])
        return None

    def add_award(self, base_id: str, fund: str, day: date, amount, lines_kw: dict) -> str:
        id = self.new_award_id(base_id)
        lines = self.award_lines(fund=fund, day=day, amount=amount, **lines_kw)
        self.awards.append(Award(id, lines, fund, fy_of(day), amount))
        return id

    def grant(self, fund: str, org: Org, service: Service):
        rng = self.rng
        fy = self.pick_year()
        day = self.award_day_in(fy)
        lo, hi = {VICTIMS: (10000, 120000), CRIME: (5000, 80000), YOUTH: (2000, 15000), CASUALTY: (3000, 40000)}[fund]
        amount = rng.randint(lo, hi) // 100 * 100
        if rng.random() < 0.05:
            amount += 0.5
        cov = self.coverage()
        where = f" in {cov[0]}" if cov else ""
        title = f"{service.name}{where}, {fy_label(fy)}"
        term = None
        end = None
        if rng.random() < 0.2:  # a multi-year grant
            start = first_of_next_month(day)
            years = rng.choice([2, 3])
            term = dict(start=start, initial_years=years, extensions=[])
            end = term_end(start, years)
        status, note = self.status_for(end, fy)
        if fund == YOUTH:
            purpose = YOUTH_PURPOSE.format(what=service.name.lower())
        elif fund == CASUALTY:
            purpose = CASUALTY_PURPOSE.format(what=service.name.lower())
        else:
            purpose = service.purpose
        outcomes = list(service.outcomes) if fund != YOUTH else rng.choice([["communities", "offenders"], ["communities"]])
        start = term["start"] if term else day
        self.add_award(f"{slugify(service.name)}-{slugify(org.short)}-{fy}", fund, day, amount, dict(
            title=title, kind="grant", org=org, description=service.description, route="grant-application",
            status=status, status_note=note, outcomes=outcomes, term=term, coverage=cov, purpose=purpose,
            conditions=CONDITIONS[fund].format(fy=fy_label(fy)),
            reasons=service.reasons if fund == CRIME else None,
            reports=self.reports_for(service, start, end) if fund in (VICTIMS, CRIME) else None,
            funding_round=round_id(fund, fy) if fund in ROUNDS else None))

    def contract(self, org: Org, service: Service, route: str, *, tender: Tender | None = None,
                 day: date | None = None, amount: int | None = None, lot: int = 0):
        rng = self.rng
        if tender is None:
            fy = self.pick_year()
            day = self.award_day_in(fy)
            initial = rng.choice([3, 2, 1, 1])
            term = dict(start=first_of_next_month(day), initial_years=initial,
                        extensions=[1] if rng.random() < 0.8 else [], break_clause=rng.choice(BREAK_CLAUSES))
        else:
            fy = fy_of(day)
            term = dict(start=tender.start, initial_years=tender.initial_years, extensions=list(tender.extensions),
                        break_clause=tender.break_clause)
        end = term_end(term["start"], term["initial_years"] + sum(term["extensions"]))
        if amount is None:
            lo, hi = {"three-quotes": (8000, THRESHOLD), "single-tender-action": (20000, 650000),
                      "co-commissioned": (50000, 400000)}[route]
            amount = rng.randint(lo, hi) // 100 * 100
        status, note = self.status_for(end, fy)
        if status == "active" and term["extensions"] and term_end(term["start"], term["initial_years"]) < TODAY:
            # still running in its extension: record it taken (issue 17), agreed two months before the first
            # period ended; value 0 so that the funds' budgets (set from the awards' amounts) still hold
            term["taken"] = [(term_end(term["start"], term["initial_years"]) - timedelta(days=60), term["extensions"][0])]
        cov = self.coverage() if route != "competitive-tender" else None
        where = f" in {cov[0]}" if cov else ""
        title = f"{service.name}{where}" + (f" (lot {lot})" if lot else "") + f", {fy_label(fy)}"
        sta = co = None
        if route == "single-tender-action":
            signer = next(who for up_to, who in SIGN_OFF if up_to is None or amount <= up_to)
            sta = dict(ground=rng.choice(["only-supplier", "continuity-of-supply"]),
                       reason=("Only the current provider can continue the service without moving live case "
                               "records or breaking support for people already using it. The service will be "
                               "tendered before this contract ends."),
                       value=amount, signed_off_by=signer, signed_off=day - timedelta(days=rng.randint(1, 14)))
        if route == "co-commissioned":
            co = [(rng.choice(["Fenland and Peterborough Health Partnership", "County Council Public Health",
                               "Integrated Care Board", "District Councils Community Safety Partnership"]),
                   rng.randint(20000, 200000) // 1000 * 1000)]
        self.add_award(f"{slugify(service.name)}-{slugify(org.short)}-{fy}", VICTIMS, day, amount, dict(
            title=title, kind="contract", org=org, description=service.description, route=route,
            tender=tender.id if tender else None, status=status, status_note=note, outcomes=list(service.outcomes),
            term=term, coverage=cov, co=co, sta=sta, reports=self.reports_for(service, term["start"], end)))
        return self.awards[-1].id

    def tendered(self, orgs: list[Org], count: int, n_tenders: int):
        """`count` contracts from `n_tenders` awarded tenders (one to four lots each)."""
        rng = self.rng
        lots = [1] * n_tenders
        for _ in range(max(0, count - n_tenders)):
            lots[rng.randrange(n_tenders)] += 1
        services = SERVICES[VICTIMS][:-1]  # the case management system is never tendered here
        for n in lots:
            service = rng.choice(services)
            fy = self.pick_year()
            day = self.award_day_in(fy)
            if day < date(2017, 6, 1):
                day = date(2017, 6, 1) + timedelta(days=rng.randrange(60))
            submission = datetime.combine(day - timedelta(days=rng.randint(28, 70)), datetime.min.time()).replace(hour=12)
            published = submission - timedelta(days=rng.randint(45, 70))
            published = published.replace(hour=9, minute=0)
            t = self.new_tender(service, published)
            # keep the dates the tender says: published < clarification < submission < award
            t.clarification = published + timedelta(days=rng.randint(28, 40), hours=3)
            t.submission = max(submission, t.clarification + timedelta(days=7))
            t.start = first_of_next_month(day, 2)
            amounts = [rng.randint(40000, 350000) // 1000 * 1000 * t.initial_years for _ in range(n)]
            t.envelope = max(10000, math.ceil(sum(amounts) / t.initial_years * 1.05 / 1000) * 1000)
            for i, amount in enumerate(amounts):
                org = rng.choice(orgs)
                t.awarded.append(self.contract(org, service, "competitive-tender", tender=t,
                                               day=min(day + timedelta(days=i), LAST_AWARD_DAY), amount=amount,
                                               lot=i + 1 if n > 1 else 0))

    def open_tenders(self, n: int):
        """Tenders not yet awarded: forthcoming, open and closed at the build date."""
        rng = self.rng
        for i in range(n):
            service = rng.choice(SERVICES[VICTIMS][:-1])
            stage = ("open", "forthcoming", "closed")[i % 3]
            if stage == "open":
                published = datetime(2026, 10, 1, 9) + timedelta(days=rng.randint(0, 50))
            elif stage == "forthcoming":
                published = datetime(2026, 12, 1, 9) + timedelta(days=rng.randint(0, 60))
            else:
                published = datetime(2026, 6, 1, 9) + timedelta(days=rng.randint(0, 60))
            t = self.new_tender(service, published)
            if stage == "open":  # still open on 28 November 2026
                t.submission = max(t.submission, datetime(2026, 12, 1, 12) + timedelta(days=rng.randint(0, 40)))
                t.clarification = min(t.clarification, t.submission - timedelta(days=10))
            t.envelope = rng.randint(60, 500) * 1000
            t.start = date(2027, rng.choice([4, 7, 10]), 1) if rng.random() < 0.7 else None

    # --- the whole folder

    def generate(self) -> None:
        rng = self.rng
        n = self.n
        orgs = self.make_orgs()
        counts = {f: int(n * s) for f, s in FUND_SHARE.items()}
        counts[YOUTH] += n - sum(counts.values())
        contracts = round(counts[VICTIMS] * CONTRACT_SHARE_OF_VICTIMS)
        victim_grants = counts[VICTIMS] - contracts
        routes = {r: int(contracts * s) for r, s in CONTRACT_ROUTES}
        routes["three-quotes"] += contracts - sum(routes.values())

        n_tenders = max(4, n // 20)
        unawarded = max(3, n_tenders // 15) if routes["competitive-tender"] else n_tenders
        awarded = min(n_tenders - unawarded, routes["competitive-tender"])
        unawarded = n_tenders - awarded
        if awarded:
            self.tendered(orgs[VICTIMS], routes["competitive-tender"], awarded)
        else:
            routes["three-quotes"] += routes["competitive-tender"]
        self.open_tenders(unawarded)
        services_v = SERVICES[VICTIMS]
        for route in ("three-quotes", "single-tender-action", "co-commissioned"):
            for _ in range(routes[route]):
                service = services_v[-1] if route == "single-tender-action" and rng.random() < 0.5 else rng.choice(services_v)
                self.contract(rng.choice(orgs[VICTIMS]), service, route)
        for _ in range(victim_grants):
            self.grant(VICTIMS, rng.choice(orgs[VICTIMS]), rng.choice(services_v[:-1]))
        for fund in (CRIME, YOUTH, CASUALTY):
            for _ in range(counts[fund]):
                self.grant(fund, rng.choice(orgs[fund]), rng.choice(SERVICES[fund]))

    def budgets(self) -> dict[str, dict[int, int]]:
        totals: dict[str, dict[int, float]] = {f: {y: 0 for y in range(FIRST_YEAR, LAST_YEAR + 1)} for f in FUND_SHARE}
        for a in self.awards:
            totals[a.fund][a.year] += a.amount
        out = {}
        for fund, years in totals.items():
            out[fund] = {}
            for y, total in years.items():
                margin = 1.1 + 0.15 * self.rng.random()
                out[fund][y] = max(10000, math.ceil(total * margin / 5000) * 5000)
        return out


# --- funding rounds -----------------------------------------------------------------------------

# The funds whose grants come from a yearly funding round: (id's start, name, maximum, minimum, who takes
# the applications, its link). Each maximum is above the fund's largest grant, so no award is above it.
ROUNDS = {
    YOUTH: ("youth-fund", "Youth Fund", 20000, 1000, "Exampleshire Community Foundation",
            "https://www.example.org/community-foundation"),
    CRIME: ("crime-reduction-grants", "Crime and disorder reduction grants", 100000, 2000,
            "Office of the Police and Crime Commissioner", "https://www.example.org/funding/apply"),
}


def round_id(fund: str, fy: int) -> str:
    """The round for grants paid in financial year `fy`: youth-fund-2026-27."""
    return f"{ROUNDS[fund][0]}-{fy}-{(fy + 1) % 100:02d}"


def round_dates(fund: str, fy: int) -> tuple[date, date]:
    """When the round for year `fy` takes applications: closed before the year's first award
    (1 April), so no award is dated before its round closed. For 2027/28, at the build date the
    crime round is open (2 November to 29 January) and the youth round opens in January."""
    if fund == CRIME:
        return date(fy - 1, 11, 2), date(fy, 1, 29)
    return date(fy, 1, 4), date(fy, 3, 12)


def round_text(fund: str, fy: int) -> str:
    _, name, maximum, minimum, apply_name, apply_url = ROUNDS[fund]
    opens, closes = round_dates(fund, fy)
    lines = ["# yaml-language-server: $schema=../../schemas/round.schema.json", f"fund: {fund}",
             f"name: {scalar(f'{name} {fy_label(fy)}')}"]
    lines += text_field("summary", f"Grants paid in {fy_label(fy)} from the {name.lower() if fund == CRIME else name}.")
    lines += text_field("who_can_apply", "Charities, community groups and social enterprises working in the county.")
    lines += [f"maximum: {maximum}", f"minimum: {minimum}", "apply_through:", f"  name: {apply_name}",
              f"  url: {apply_url}", f"opens: {opens.isoformat()}", f"closes: {closes.isoformat()}"]
    return "\n".join(lines) + "\n"


def fund_text(example: str, budgets: dict[int, int]) -> str:
    """The example fund file with its `budgets:` block replaced by one line per year."""
    lines = example.splitlines()
    out, skipping = [], False
    for line in lines:
        if skipping:
            if line.startswith("  ") or not line.strip():
                continue
            skipping = False
        out.append(line)
        if line.rstrip() == "budgets:":
            out += [f"  {fy_label(y)}: {b}" for y, b in sorted(budgets.items())]
            skipping = True
    return "\n".join(out) + "\n"


def prepare(out: Path) -> None:
    if out.exists():
        if not out.is_dir():
            sys.exit(f"{out} is a file: give a folder")
        if any(out.iterdir()) and not (out / MARKER).exists():
            sys.exit(f"{out} is not empty and was not written by this script: give a new folder")
        shutil.rmtree(out)
    out.mkdir(parents=True)


# --- Procurement Act notices ---------------------------------------------------------------------

NOTICES_COMMENT = "# Procurement Act 2023 notices published on Find a Tender."


def record_notices(out: Path, seed: int) -> int:
    """Add to each written award and tender the Procurement Act notices it owes by TODAY, as an office
    that complies records them; returns how many. Which notices are owed, and by when, is
    transparency.notices' to say (the Act's one home): the folder is read back and asked, not judged
    here. A notice due after TODAY is left out, as not yet published (not a warning either)."""
    if str(ROOT) not in sys.path[:1]:
        sys.path.insert(0, str(ROOT))  # this checkout's package, whichever python runs the script
    from transparency import dataset, notices
    from transparency.model import Notice

    ds, problems = dataset.load(out)
    if problems:
        sys.exit(f"make_data wrote a folder that does not read back: {problems[0]}")
    rng = random.Random(f"notices {seed}")
    added: dict[tuple[str, str], list[Notice]] = {}
    for _ in range(5):  # a notice recorded can make another owed (a UK12 after a UK6 or UK4)
        due = [o for o in notices.owed(ds, TODAY) if o.due <= TODAY]
        if not due:
            break
        for o in due:  # soonest due first, so the order (and the random days) is fixed
            record = (ds.awards if o.folder == "awards" else ds.tenders)[o.id]
            # a few days before it is due (within the 30 days of the shortest window, so never before the
            # event it follows); a tender's own notice the day the tender is published
            early = 0 if o.folder == "tenders" and o.type == "UK4" else rng.randint(1, 7)
            notice = Notice(o.type, max(o.due - timedelta(days=early), notices.ACT_IN_FORCE))
            record.notices.append(notice)
            added.setdefault((o.folder, o.id), []).append(notice)
    else:
        sys.exit("make_data: recording the notices owed did not settle after five rounds")
    # Find a Tender numbers its notices through each year: give them numbers in that order, with gaps
    # (other buyers' notices), so the same seed gives the same identifiers
    ordered = sorted(((n.published, folder, id, n.type, k) for (folder, id), ns in added.items()
                      for k, n in enumerate(ns)))
    number: dict[tuple[str, str, int], str] = {}
    seq: dict[int, int] = {}
    for published, folder, id, _type, k in ordered:
        seq[published.year] = seq.get(published.year, 0) + rng.randint(1, 150)
        number[(folder, id, k)] = f"{seq[published.year]:06d}-{published.year}"
    for (folder, id), ns in sorted(added.items()):
        lines = ["", NOTICES_COMMENT, "notices:"]
        for k, n in sorted(enumerate(ns), key=lambda kn: (kn[1].published, kn[0])):
            lines += [f"  - type: {n.type}", f"    published: {n.published.isoformat()}",
                      f'    reference: "{number[(folder, id, k)]}"']
        with (out / folder / f"{id}.yml").open("a", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")
    return len(ordered)


def write(n: int, out: Path, seed: int = 2026) -> dict[str, int]:
    """Write the folder; returns counts of what was written."""
    out = Path(out)
    prepare(out)
    gen = Generator(n, seed)
    gen.generate()
    for name in ("organisation.yml", "scoring.yml"):
        shutil.copyfile(EXAMPLE_DATA / name, out / name)
    (out / MARKER).write_text(f"written by benchmarks/make_data.py {n} (seed {seed})\n")
    for folder in ("funds", "awards", "tenders", "rounds"):
        (out / folder).mkdir()
    budgets = gen.budgets()
    for fund in FUND_SHARE:
        example = (EXAMPLE_DATA / "funds" / f"{fund}.yml").read_text(encoding="utf-8")
        (out / "funds" / f"{fund}.yml").write_text(fund_text(example, budgets[fund]), encoding="utf-8")
    for a in gen.awards:
        (out / "awards" / f"{a.id}.yml").write_text("\n".join(a.lines) + "\n", encoding="utf-8")
    for t in gen.tenders:
        (out / "tenders" / f"{t.id}.yml").write_text("\n".join(gen.tender_lines(t)) + "\n", encoding="utf-8")
    for fund in ROUNDS:  # every year's, and next year's (open or opening soon at the build date)
        for fy in range(FIRST_YEAR, LAST_YEAR + 2):
            (out / "rounds" / f"{round_id(fund, fy)}.yml").write_text(round_text(fund, fy), encoding="utf-8")
    record_notices(out, seed)
    kinds = {"grant": 0, "contract": 0}
    for a in gen.awards:
        kinds["contract" if "kind: contract" in a.lines else "grant"] += 1
    return dict(awards=len(gen.awards), tenders=len(gen.tenders), **kinds,
                organisations=sum(1 for _ in {line for a in gen.awards for line in a.lines[4:5]}))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, help="number of awards")
    parser.add_argument("out", type=Path, help="the data folder to write")
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args(argv)
    if args.n < 1:
        parser.error("N must be at least 1")
    counts = write(args.n, args.out, args.seed)
    print(f"Wrote {args.out}: {counts['awards']} awards ({counts['grant']} grants, {counts['contract']} contracts) "
          f"from {counts['organisations']} organisations, {counts['tenders']} tenders.", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
