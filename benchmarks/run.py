"""Build the real site and a plain MkDocs site at several sizes, and compare them.

    python benchmarks/run.py                                # N = 1,000, 3,000 and 10,000
    python benchmarks/run.py --sizes 1000,10000,100000      # issue 20's sizes (100,000: see below)
    python benchmarks/run.py --sizes 1000,3000              # quicker
    python benchmarks/run.py --work /tmp/bench --keep       # keep the projects and sites (for profiling)

For each N, in one run and one after the other (never in parallel):

(a) the real site: a copy of mkdocs.yml, content/, overrides/ and hooks/ in a scratch
    project (as tests/conftest.py's make_project does, with `transparency` linked),
    whose data/ is written by make_data.py with N awards (in a child process);
(b) a plain MkDocs site: the same theme (material, font: false) and search plugin,
    a nav with only the home page, and N Markdown pages under p/ left out of the nav
    with `not_in_nav: "/p/*"`, each about the size of an award page (a heading, a
    six-row table, two paragraphs and a short list).

Each is built with `python -m mkdocs build --strict -d SITE` in a child process, with
SOURCE_DATE_EPOCH=1795860000 (28 November 2026) and NO_MKDOCS_2_WARNING=1, under
`/usr/bin/time -v` for its peak memory (maximum resident set size). Reported per
build: wall time, CPU time, peak memory, output size (du -sb of the site), the largest
.html page and search/search_index.json; the HTML pages by kind (page_kind: how many,
average and largest, with its path); for the real site, a first visit to its largest award
page (first_visit.py: bytes transferred, raw and gzipped, and whether the search index was
fetched). Then (a)/(b) at each size, each size's time over the size before, and
`python -m transparency validate --data` timed on the largest data folder; last, issue 20's
targets beside the figures. The result is printed as Markdown.

Room: the real site is removed before the plain one is built, and each size's before the
next, so the work folder holds one project and its site at a time (about 50 KB an award;
room_check stops first when it is short). On tmpfs (/dev/shm) those files are memory too.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
import first_visit  # noqa: E402

EPOCH = "1795860000"
PROJECT_PARTS = ("mkdocs.yml", "content", "overrides", "hooks")
ENV = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "NO_MKDOCS_2_WARNING": "1"}
TIME = shutil.which("time", path="/usr/bin:/bin") or ""
BIG_PAGE = 300_000  # bytes


@dataclass
class Result:
    site: str
    n: int
    seconds: float  # wall clock (best of --repeat)
    cpu_seconds: float  # user + system of the child
    system_seconds: float  # of which system (the kernel, mostly writing files: noisy on a shared disk)
    max_rss_kb: int
    output_bytes: int
    pages: int
    largest: tuple[int, str]
    search_bytes: int
    big_pages: list[tuple[int, str]] = field(default_factory=list)
    search_split: dict[str, int] = field(default_factory=dict)
    output_split: dict[str, int] = field(default_factory=dict)
    load: float = 0.0  # 1-minute load average when the build started: other work on the machine
    kinds: dict[str, "Kind"] = field(default_factory=dict)  # HTML pages by page_kind
    visit: first_visit.Visit | None = None  # a first visit to the largest award page (real site only)
    visit_note: str = ""  # why there is no visit
    sitemaps: dict[str, int] = field(default_factory=dict)  # sitemap*.xml: addresses (<loc>) in each


# --- projects ---------------------------------------------------------------------------------------


def snapshot(ref: str, dest: Path) -> Path:
    """The generator as committed at `ref` (git archive), so edits in progress do not change a run."""
    dest.mkdir(parents=True)
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", ref, *PROJECT_PARTS, "transparency"],
                             capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(dest)], input=archive, check=True)
    return dest


def real_project(dest: Path, n: int, seed: int, source: Path = ROOT) -> Path:
    dest.mkdir(parents=True)
    for part in PROJECT_PARTS:
        src = source / part
        if src.is_dir():
            shutil.copytree(src, dest / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(src, dest / part)
    (dest / "transparency").symlink_to(source / "transparency", target_is_directory=True)
    # in a child: make_data holds every record it writes (1.2 GB at 100,000 awards), which this
    # process, alive for the whole run, would keep
    subprocess.run([sys.executable, str(HERE / "make_data.py"), str(n), str(dest / "data"), "--seed", str(seed)],
                   check=True, stdout=subprocess.DEVNULL)
    return dest


PLAIN_CONFIG = """\
site_name: Plain MkDocs benchmark
docs_dir: docs
use_directory_urls: true
strict: true
theme:
  name: material
  language: en
  font: false
  features:
    - navigation.tabs
    - navigation.sections
    - navigation.top
    - search.highlight
plugins:
  - search
markdown_extensions:
  - admonition
  - attr_list
  - toc:
      permalink: false
nav:
  - Home: index.md
not_in_nav: |
  /p/*
"""

WORDS = ("victim support service outreach advice advocacy young people community safety court witness "
         "counselling referral partnership county district council charity project volunteers training "
         "school evening weekend family housing recovery mediation neighbourhood prevention").split()


def plain_page(i: int, rng: random.Random) -> str:
    """About the size and shape of an award page's content: heading, six-row table, two paragraphs, a list."""
    def sentence(k: int) -> str:
        words = rng.choices(WORDS, k=k)
        return " ".join(words).capitalize() + "."

    title = " ".join(rng.choices(WORDS, k=5)).capitalize() + f" {i}"
    rows = [("Recipient", f"{rng.choice(WORDS).title()} {rng.choice(WORDS).title()} Trust"),
            ("Amount", f"£{rng.randint(2000, 900000):,}"),
            ("Fund", f"{rng.choice(WORDS).title()} fund"),
            ("Financial year", f"20{rng.randint(17, 26)}/{rng.randint(18, 27)}"),
            ("Date awarded", f"{rng.randint(1, 28)} March 2024"),
            ("Status", rng.choice(["Active", "Ended"]))]
    table = "| Field | Value |\n| --- | --- |\n" + "".join(f"| {k} | {v} |\n" for k, v in rows)
    para1 = " ".join(sentence(14) for _ in range(4))
    para2 = " ".join(sentence(14) for _ in range(4))
    items = "".join(f"- {sentence(8)}\n" for _ in range(4))
    return f"# {title}\n\n{table}\n{para1}\n\n{para2}\n\n{items}"


def plain_project(dest: Path, n: int, seed: int) -> Path:
    rng = random.Random(seed)
    docs = dest / "docs"
    (docs / "p").mkdir(parents=True)
    (dest / "mkdocs.yml").write_text(PLAIN_CONFIG, encoding="utf-8")
    (docs / "index.md").write_text(f"# Plain benchmark\n\n{n} pages under p/, none in the navigation.\n",
                                   encoding="utf-8")
    for i in range(1, n + 1):
        (docs / "p" / f"page-{i:05d}.md").write_text(plain_page(i, rng), encoding="utf-8")
    return dest


# --- measuring ------------------------------------------------------------------------------------------

# Without /usr/bin/time: run MkDocs inside a fresh interpreter that reports its own peak memory.
WRAPPER = """\
import resource, sys
from mkdocs.__main__ import cli
code = 0
try:
    cli.main(args=sys.argv[1:], prog_name="mkdocs", standalone_mode=False)
except SystemExit as e:
    code = e.code or 0
except Exception as e:
    print(e, file=sys.stderr); code = 1
u = resource.getrusage(resource.RUSAGE_SELF)
print(f"User time (seconds): {u.ru_utime}\nSystem time (seconds): {u.ru_stime}", file=sys.stderr)
print(f"Maximum resident set size (kbytes): {u.ru_maxrss}", file=sys.stderr)
sys.exit(code)
"""


def timed(cmd: list[str], cwd: Path) -> tuple[float, float, float, int, subprocess.CompletedProcess]:
    """Run a child; return its wall time, CPU time (user + system), system time, peak memory (KB)
    and the completed process."""
    if TIME:
        full = [TIME, "-v", sys.executable, *cmd]
    else:
        full = [sys.executable, "-c", WRAPPER, *cmd[2:]] if cmd[:2] == ["-m", "mkdocs"] else [sys.executable, *cmd]
    start = time.perf_counter()
    proc = subprocess.run(full, cwd=cwd, env=ENV, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", proc.stderr)
    user = sum(float(x) for x in re.findall(r"User time \(seconds\): ([\d.]+)", proc.stderr))
    system = sum(float(x) for x in re.findall(r"System time \(seconds\): ([\d.]+)", proc.stderr))
    return seconds, user + system, system, int(m[1]) if m else 0, proc


def du_bytes(path: Path) -> int:
    try:
        out = subprocess.run(["du", "-sb", str(path)], capture_output=True, text=True, check=True).stdout
        return int(out.split()[0])
    except (OSError, subprocess.CalledProcessError, ValueError):
        return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


PAGE_KINDS = ("award pages", "recipient pages", "tender pages", "fund pages", "funding rounds", "award lists",
              "registers", "promise pages", "other pages", "plain pages")


def page_kind(location: str) -> str:
    """What kind of page a search entry or a site path (`awards/<id>/`, `.../index.html`) belongs to.
    The one place that knows the site's addresses, for the page sizes, the output and the search index."""
    path = location.split("#")[0].removesuffix("index.html")
    parts = [p for p in path.split("/") if p]
    if parts and re.fullmatch(r"page-\d+", parts[-1]):
        parts.pop()  # a list's second page and on (recipients/page-3/) is of the list's kind
    top, depth = (parts[0] if parts else ""), len(parts)
    if top == "awards":
        return "award pages" if depth == 2 else "award lists"  # awards/<id>/ or the all-awards page
    if top == "awards-by-year" or (top == "funding" and depth >= 3):
        return "award lists"  # awards-by-year/<year>/[page-n/], funding/<fund>/<year>/[page-n/]
    if top == "recipients":
        return "recipient pages" if depth == 2 else "registers"  # recipients/<id>/ or the list of them
    if top == "tenders":
        # tenders/<id>/; tenders/ and tenders/awarded/[page-n/] list the tenders
        return "tender pages" if depth == 2 and parts[1] != "awarded" else "registers"
    if top == "funding" and depth == 2 and parts[1] != "statistics":
        return "fund pages"  # funding/<fund>/ (funding/ and funding/statistics/ are other pages)
    if top == "funding-rounds":
        return "funding rounds" if depth == 2 else "registers"  # a round and its awards, or the list of rounds
    if top == "registers":
        return "registers"
    if top == "how-we-commission":
        return "promise pages"  # the promises page, each promise's page and its years and pages
    if top == "p":
        return "plain pages"  # the plain MkDocs build's pages
    return "other pages"


@dataclass
class Kind:
    """The HTML pages of one kind: how many, their bytes, the largest."""
    pages: int = 0
    total: int = 0
    largest: tuple[int, str] = (0, "")
    over: int = 0  # pages over AWARD_PAGE_MAX, issue 20's limit for an award page

    def add(self, size: int, path: str) -> None:
        self.pages += 1
        self.total += size
        self.largest = max(self.largest, (size, path))
        self.over += size > AWARD_PAGE_MAX

    @property
    def average(self) -> float:
        return self.total / self.pages if self.pages else 0.0


@dataclass
class Survey:
    pages: int
    largest: tuple[int, str]
    big_pages: list[tuple[int, str]]
    kinds: dict[str, Kind]
    output_split: dict[str, int]
    sitemaps: dict[str, int] = field(default_factory=dict)  # sitemap*.xml at the root: <loc>s in each


def survey(site: Path) -> Survey:
    """One walk of the built site: its HTML pages by kind and its bytes by what they are. Holds a few
    numbers per kind, not a list of the pages (100,000 award pages would make a long one)."""
    kinds: dict[str, Kind] = {}
    split: dict[str, int] = {}
    big: list[tuple[int, str]] = []
    pages, largest = 0, (0, "")
    prefix = len(str(site)) + 1
    for folder, _, files in os.walk(site):
        rel_folder = folder[prefix:].replace(os.sep, "/")
        for name in files:
            rel = f"{rel_folder}/{name}" if rel_folder else name
            size = os.stat(os.path.join(folder, name)).st_size
            if name.endswith(".html"):
                kind = page_kind(rel)
                kinds.setdefault(kind, Kind()).add(size, rel)
                pages += 1
                largest = max(largest, (size, rel))
                if size > BIG_PAGE:
                    big.append((size, rel))
                part = kind + " (HTML)"
            elif rel.startswith("data/"):
                part = "downloads (data/)"
            elif rel.startswith("search/"):
                part = "search index"
            else:
                part = "assets, sitemap, schemas"
            split[part] = split.get(part, 0) + size
    ordered = {k: kinds[k] for k in PAGE_KINDS if k in kinds}
    # search engines read at most 50,000 addresses from one file (transparency/views/sitemap.py)
    sitemaps = {p.name: p.read_bytes().count(b"<loc>") for p in sorted(site.glob("sitemap*.xml"))}
    return Survey(pages, largest, sorted(big, reverse=True), ordered, split, sitemaps)


def sitemap_summary(sitemaps: dict[str, int]) -> str:
    """`sitemap.xml` with its addresses, or the index with its parts and the most in one."""
    parts = {name: n for name, n in sitemaps.items() if name != "sitemap.xml"}
    if not parts:
        return f"`sitemap.xml`, {sitemaps.get('sitemap.xml', 0):,} addresses"
    return (f"`sitemap.xml` an index of {len(parts)} parts, {sum(parts.values()):,} addresses, "
            f"at most {max(parts.values()):,} in one")


def search_split(index: Path) -> dict[str, int]:
    """Bytes of search_index.json by the kind of page each entry belongs to: each entry's bytes in the
    file, decoded one entry at a time (the whole index as Python objects would be several times its
    size: 40 MB of JSON at 100,000 awards)."""
    text = index.read_text(encoding="utf-8")
    decoder = json.JSONDecoder()
    at = text.index('"docs":[') + len('"docs":[')
    out: dict[str, int] = {}
    while True:
        while text[at] in " \t\r\n,":
            at += 1
        if text[at] == "]":
            return out
        entry, end = decoder.raw_decode(text, at)
        kind = page_kind(entry["location"])
        out[kind] = out.get(kind, 0) + len(text[at:end].encode("utf-8")) + 1  # and its comma
        at = end


def build(project: Path, site: Path, label: str, n: int, repeat: int = 1) -> Result:
    """Build `repeat` times; keep the fastest wall time (the others were slowed by other work)."""
    best = None
    for _ in range(repeat):
        load = os.getloadavg()[0]
        seconds, cpu, system, rss, proc = timed(["-m", "mkdocs", "build", "--strict", "-f",
                                                 str(project / "mkdocs.yml"), "-d", str(site)], cwd=project)
        if proc.returncode != 0:
            sys.exit(f"{label} build of {n} failed:\n{proc.stdout}\n{proc.stderr[-4000:]}")
        if best is None or seconds < best[0]:
            best = (seconds, cpu, system, rss, load)
    seconds, cpu, system, rss, load = best
    found = survey(site)
    index = site / "search" / "search_index.json"
    return Result(label, n, seconds, cpu, system, rss, du_bytes(site), found.pages, found.largest,
                  index.stat().st_size if index.exists() else 0, found.big_pages,
                  search_split(index) if label == "real" and index.exists() else {},
                  found.output_split if label == "real" else {}, load, found.kinds, sitemaps=found.sitemaps)


def first_visit_of(site: Path, result: Result) -> None:
    """Measure a first visit to the largest award page into `result` (or say why not)."""
    reason = first_visit.why_not()
    awards = result.kinds.get("award pages")
    if reason is None and awards is None:
        reason = "no award page"
    if reason:
        result.visit_note = reason
        return
    try:
        result.visit = first_visit.visit(site, awards.largest[1].removesuffix("index.html"))
    except Exception as e:  # the build's figures stand without it
        result.visit_note = f"{type(e).__name__}: {e}"


# --- reporting -------------------------------------------------------------------------------------------


def versions() -> str:
    from importlib.metadata import version
    return ", ".join(f"{p} {version(p)}" for p in ("mkdocs", "mkdocs-material", "markdown", "jinja2"))


def git_state(ref: str | None = None) -> str:
    if ref:
        sha = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", ref], capture_output=True,
                             text=True).stdout.strip()
        return f"generator as committed at {sha}"
    try:
        head = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True,
                              text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "-C", str(ROOT), "status", "--porcelain", "--", "hooks", "transparency",
                                "mkdocs.yml", "overrides"], capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return "not a git checkout"
    changed = len(dirty.splitlines())
    return f"commit {head}" + (f" with {changed} uncommitted change(s) in the generator" if changed else "")


def mb(n: int) -> str:
    return f"{n / 1_000_000:.1f} MB"


def kb(n: float) -> str:
    return f"{n / 1000:.0f} KB"


def kb1(n: float) -> str:
    return f"{n / 1000:.1f} KB"


# Issue 20's targets. KB, MB and GB are 1,000, 1,000,000 and 1,000,000,000 bytes, as printed.
AWARD_PAGE_MAX = 10_000
OUTPUT_MAX = {10_000: 150_000_000, 100_000: 1_000_000_000}
TIME_RATIO_MAX = 0.7  # (a)/(b) wall time at 100,000
MEMORY_RATIO_MAX = 1.5  # (a)/(b) peak memory at 100,000
FIRST_VISIT_MAX = 60_000  # compressed, and without the search index
LINEAR_MAX = 11  # time at 100,000 / time at 10,000
TARGET_N = 100_000


def builds_table(results: dict[int, tuple[Result, Result]]) -> str:
    lines = ["| N | build | wall time | CPU time | peak memory | output | HTML pages | largest page | search index |",
             "| ---: | --- | ---: | ---: | ---: | ---: | ---: | --- | ---: |"]
    for n, pair in sorted(results.items()):
        for r in pair:
            lines.append(f"| {n:,} | ({'a' if r.site == 'real' else 'b'}) {r.site} | {r.seconds:.1f} s "
                         f"| {r.cpu_seconds:.1f} s | {r.max_rss_kb / 1024:.0f} MB | {mb(r.output_bytes)} "
                         f"| {r.pages:,} | {kb(r.largest[0])} `{r.largest[1]}` | {mb(r.search_bytes)} |")
    return "\n".join(lines)


def ratios_table(results: dict[int, tuple[Result, Result]]) -> str:
    lines = ["| N | wall time (a)/(b) | CPU time (a)/(b) | peak memory (a)/(b) |", "| ---: | ---: | ---: | ---: |"]
    for n, (a, b) in sorted(results.items()):
        lines.append(f"| {n:,} | {a.seconds / b.seconds:.2f} | {a.cpu_seconds / max(b.cpu_seconds, 0.01):.2f} "
                     f"| {a.max_rss_kb / max(b.max_rss_kb, 1):.2f} |")
    return "\n".join(lines)


def linearity(results: dict[int, tuple[Result, Result]]) -> str:
    """Each size's time over the size before it (10,000 over 1,000, 100,000 over 10,000)."""
    sizes = sorted(results)
    parts = []
    for lo, hi in zip(sizes, sizes[1:]):
        (a1, b1), (a2, b2) = results[lo], results[hi]
        parts.append(f"{hi:,}/{lo:,} ({hi / lo:.3g}x the pages): wall real {a2.seconds / a1.seconds:.2f}x, "
                     f"plain {b2.seconds / b1.seconds:.2f}x; CPU real {a2.cpu_seconds / a1.cpu_seconds:.2f}x, "
                     f"plain {b2.cpu_seconds / b1.cpu_seconds:.2f}x")
    return ("Time " + "; ".join(parts) + ".") if parts else ""


def kinds_table(results: dict[int, tuple[Result, Result]]) -> str:
    lines = ["| N | build | page kind | pages | average | largest | largest page |",
             "| ---: | --- | --- | ---: | ---: | ---: | --- |"]
    for n, (a, b) in sorted(results.items()):
        for label, r in (("(a) real", a), ("(b) plain", b)):
            for kind, k in r.kinds.items():
                lines.append(f"| {n:,} | {label} | {kind} | {k.pages:,} | {kb1(k.average)} | {kb1(k.largest[0])} "
                             f"| `{k.largest[1]}` |")
    return "\n".join(lines)


def visits_table(results: dict[int, tuple[Result, Result]]) -> str:
    lines = ["| N | award page | responses | raw | gzip-6 | search index requested |",
             "| ---: | --- | ---: | ---: | ---: | --- |"]
    notes = []
    for n, (a, _) in sorted(results.items()):
        v = a.visit
        if v is None:
            notes.append(f"N={n:,}: first visit not measured ({a.visit_note}).")
            continue
        lines.append(f"| {n:,} | `{v.page}` | {len(v.files)} | {kb1(v.raw)} | {kb1(v.compressed)} "
                     f"| {'yes' if v.search_index else 'no'} |")
    out = "\n".join(lines) if len(lines) > 2 else ""
    largest = max((n for n, (a, _) in results.items() if a.visit), default=None)
    if largest:
        v = results[largest][0].visit
        out += (f"\n\nFiles of the first visit at N={largest:,} (raw, then gzip-6 as a static host sends text):\n\n"
                + "\n".join(first_visit.markdown(v).splitlines()[2:]))
    return "\n\n".join(x for x in (out, " ".join(notes)) if x)


def round_size(n: int) -> str:
    return f"{n / 10 ** 9:g} GB" if n >= 10 ** 9 else f"{n / 10 ** 6:g} MB"


def targets_table(results: dict[int, tuple[Result, Result]]) -> str:
    """Issue 20's targets beside the figures: met, not met, or not run (the size was not built)."""
    sizes = sorted(results)
    top = sizes[-1]
    rows = []

    def row(target: str, figure: str, ok: bool | None) -> None:
        rows.append(f"| {target} | {figure} | {'met' if ok else 'not met' if ok is not None else 'not run'} |")

    awards = results[top][0].kinds.get("award pages")
    if awards:
        row("award page ≤ 10 KB: the average", f"{kb1(awards.average)} (N={top:,})", awards.average <= AWARD_PAGE_MAX)
        row("award page ≤ 10 KB: the largest", f"{kb1(awards.largest[0])} (N={top:,}); "
            f"{awards.over:,} of {awards.pages:,} over", awards.largest[0] <= AWARD_PAGE_MAX)
    for n, limit in OUTPUT_MAX.items():
        if n in results:
            size = results[n][0].output_bytes
            row(f"output at {n:,} ≤ {round_size(limit)}", mb(size), size <= limit)
        else:
            row(f"output at {n:,} ≤ {round_size(limit)}", "", None)
    at = TARGET_N if TARGET_N in results else top
    a, b = results[at]
    note = "" if at == TARGET_N else f" at {at:,}"
    ok = (lambda x: x) if at == TARGET_N else (lambda x: None)
    t, m = a.seconds / b.seconds, a.max_rss_kb / max(b.max_rss_kb, 1)
    cpu = a.cpu_seconds / max(b.cpu_seconds, 0.01)
    row(f"wall time (a)/(b) at {TARGET_N:,} ≤ {TIME_RATIO_MAX}", f"{t:.2f} (CPU {cpu:.2f}){note}",
        ok(t <= TIME_RATIO_MAX))
    row(f"peak memory (a)/(b) at {TARGET_N:,} ≤ {MEMORY_RATIO_MAX}", f"{m:.2f}{note}", ok(m <= MEMORY_RATIO_MAX))
    v = a.visit
    if v:
        row(f"first visit to an award page ≤ {FIRST_VISIT_MAX // 1000} KB compressed, no search index",
            f"{kb1(v.compressed)}, search index {'requested' if v.search_index else 'not requested'} (N={at:,})",
            v.compressed <= FIRST_VISIT_MAX and not v.search_index)
    else:
        row(f"first visit to an award page ≤ {FIRST_VISIT_MAX // 1000} KB compressed, no search index",
            f"not measured: {a.visit_note}", None)
    if TARGET_N in results and 10_000 in results:
        r = results[TARGET_N][0].seconds / results[10_000][0].seconds
        row(f"real wall time at {TARGET_N:,} / at 10,000 ≤ {LINEAR_MAX}", f"{r:.2f}", r <= LINEAR_MAX)
    elif len(sizes) > 1:
        lo = sizes[-2]
        r = results[top][0].seconds / results[lo][0].seconds
        row(f"real wall time at {TARGET_N:,} / at 10,000 ≤ {LINEAR_MAX}", f"{r:.2f} at {top:,}/{lo:,}", None)
    else:
        row(f"real wall time at {TARGET_N:,} / at 10,000 ≤ {LINEAR_MAX}", "", None)
    return "\n".join(["| target | measured | status |", "| --- | --- | --- |", *rows])


def table(results: dict[int, tuple[Result, Result]], validate: tuple[int, float, float] | None) -> str:
    sizes = sorted(results)
    out = [builds_table(results), "(a)/(b) at each size:", ratios_table(results), linearity(results)]
    out.append("System time (the kernel, mostly writing the site's files): " + "; ".join(
        f"N={n:,} real {a.system_seconds:.1f} s, plain {b.system_seconds:.1f} s"
        for n, (a, b) in sorted(results.items())) + ".")
    loads = [r.load for pair in results.values() for r in pair]
    out.append(f"Load average (1 min) when the builds started: {min(loads):.1f} to {max(loads):.1f} "
               f"on {os.cpu_count()} cores (wall times grow with other work on the machine; CPU times much less).")
    if validate:
        n, secs, cpu = validate
        out.append(f"`python -m transparency validate --data` on {n:,} awards: {secs:.1f} s wall, {cpu:.1f} s CPU.")
    out += ["HTML pages by kind (`page_kind` in run.py; KB = 1,000 bytes):", kinds_table(results)]
    big = [f"N={n:,}: " + ", ".join(f"`{p}` {kb(s)}" for s, p in a.big_pages) for n, (a, _) in sorted(results.items())
           if a.big_pages]
    out.append(f"Pages over {BIG_PAGE // 1000} KB (real): " + ("; ".join(big) if big else "none at any size") + ".")
    out.append("Sitemap of the real site (at most 50,000 addresses a file): " + "; ".join(
        f"N={n:,}: " + sitemap_summary(a.sitemaps) for n, (a, _) in sorted(results.items())) + ".")
    out += ["First visit to the largest award page (benchmarks/first_visit.py: Chromium, an empty cache, "
            "until the network is idle):", visits_table(results)]
    n = sizes[-1]
    split = results[n][0].search_split
    if split:
        total = sum(split.values())
        parts = ", ".join(f"{k} {mb(v)} ({100 * v / total:.0f}%)" for k, v in sorted(split.items(), key=lambda kv: -kv[1]))
        out.append(f"Search index of the real site at N={n:,}, by page kind: {parts}.")
    split = results[n][0].output_split
    if split:
        parts = ", ".join(f"{k} {mb(v)}" for k, v in sorted(split.items(), key=lambda kv: -kv[1]))
        out.append(f"Output of the real site at N={n:,}: {parts}.")
    out += ["Issue 20's targets:", targets_table(results)]
    return "\n\n".join(x for x in out if x)


# Bytes on the work folder per award, at most at once: the real project and its site (48 KB an award
# at 10,000 before issue 20), or the plain project and site (16 KB a page), with the largest size's
# data kept for validate (1.3 KB an award). A margin on top.
ROOM_PER_AWARD = 60_000


def room_check(work: Path, n: int) -> None:
    """Stop before a size the work folder cannot hold; on tmpfs its files take memory the builds need."""
    need = n * ROOM_PER_AWARD
    free = shutil.disk_usage(work).free
    if free < need:
        sys.exit(f"N={n:,} needs about {need / 1e9:.1f} GB in {work}, which has {free / 1e9:.1f} GB free: "
                 "give --work a folder with more room")
    if on_tmpfs(work):
        available = meminfo_available()
        if available is not None and available < need + 4 * 10 ** 9:
            sys.exit(f"N={n:,} needs about {need / 1e9:.1f} GB of files in {work} (tmpfs: memory) and the builds "
                     f"a few GB more; {available / 1e9:.1f} GB of memory is available: give --work a folder on disk")


def on_tmpfs(path: Path) -> bool:
    """Is `path` on tmpfs (the innermost mount point holding it, from /proc/mounts)?"""
    where = str(path.resolve())
    best = ("", "")
    try:
        with open("/proc/mounts", encoding="utf-8") as mounts:
            for line in mounts:
                _, point, kind = line.split()[:3]
                inside = where == point or where.startswith(point.rstrip("/") + "/")
                if inside and len(point) > len(best[0]):
                    best = (point, kind)
    except OSError:
        return False
    return best[1] == "tmpfs"


def meminfo_available() -> int | None:
    try:
        with open("/proc/meminfo", encoding="utf-8") as info:
            for line in info:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        pass
    return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,3000,10000", help="comma-separated numbers of awards")
    parser.add_argument("--work", type=Path, help="folder for the projects and sites (default: a temporary one)")
    parser.add_argument("--keep", action="store_true", help="keep the projects and sites")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--ref", help="build the generator as committed at this git ref (default: the working tree)")
    parser.add_argument("--repeat", type=int, default=1, help="build each site this many times, keep the fastest")
    args = parser.parse_args(argv)
    sizes = sorted({int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()})
    if not TIME:
        print("note: /usr/bin/time not found (apt-get install -y time); measuring peak memory in-process",
              file=sys.stderr)
    reason = first_visit.why_not()
    if reason:
        print(f"note: first visits not measured: {reason}", file=sys.stderr)
    work = args.work or Path(tempfile.mkdtemp(prefix="transparency-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    room_check(work, sum(sizes) if args.keep else max(sizes))  # --keep keeps every size's
    results: dict[int, tuple[Result, Result]] = {}
    validate = None
    try:
        # warm up: byte-compile and load the theme once so the first measured build is not penalised
        source = ROOT
        if args.ref:
            shutil.rmtree(work / "source", ignore_errors=True)
            source = snapshot(args.ref, work / "source")
        warm = plain_project(work / "warmup", 5, args.seed)
        build(warm, work / "warmup-site", "plain", 5)
        for n in sizes:
            real, real_site = work / f"real-{n}", work / f"real-{n}-site"
            plain, plain_site = work / f"plain-{n}", work / f"plain-{n}-site"
            for p in (real, plain, real_site, plain_site):
                shutil.rmtree(p, ignore_errors=True)
            print(f"N={n:,}: writing the data...", file=sys.stderr, flush=True)
            started = time.perf_counter()
            real_project(real, n, args.seed, source)
            print(f"  {time.perf_counter() - started:.1f} s", file=sys.stderr, flush=True)
            print(f"N={n:,}: building (a) real...", file=sys.stderr, flush=True)
            a = build(real, real_site, "real", n, args.repeat)
            print(f"  {a.seconds:.1f} s wall, {a.cpu_seconds:.1f} s CPU, {a.max_rss_kb / 1024:.0f} MB; "
                  "first visit...", file=sys.stderr, flush=True)
            first_visit_of(real_site, a)
            if a.visit:
                print(f"  {a.visit.compressed / 1000:.1f} KB compressed", file=sys.stderr, flush=True)
            if not args.keep:  # before the plain build: the machine holds one site at a time
                shutil.rmtree(real_site, ignore_errors=True)
            print(f"N={n:,}: writing the plain pages...", file=sys.stderr, flush=True)
            started = time.perf_counter()
            plain_project(plain, n, args.seed)
            print(f"  {time.perf_counter() - started:.1f} s", file=sys.stderr, flush=True)
            print(f"N={n:,}: building (b) plain...", file=sys.stderr, flush=True)
            b = build(plain, plain_site, "plain", n, args.repeat)
            print(f"  {b.seconds:.1f} s wall, {b.cpu_seconds:.1f} s CPU, {b.max_rss_kb / 1024:.0f} MB",
                  file=sys.stderr, flush=True)
            results[n] = (a, b)
            if not args.keep:
                shutil.rmtree(plain_site, ignore_errors=True)
                shutil.rmtree(plain, ignore_errors=True)
                if n != sizes[-1]:
                    shutil.rmtree(real, ignore_errors=True)
        n = sizes[-1]
        secs, cpu, _, _, proc = timed(["-m", "transparency", "validate", "--data", str(work / f"real-{n}" / "data")],
                                      cwd=source)
        if proc.returncode != 0:
            sys.exit(f"validate found problems in the generated data:\n{proc.stdout[-4000:]}")
        validate = (n, secs, cpu)
    finally:
        if not args.keep and args.work is None:
            shutil.rmtree(work, ignore_errors=True)
        elif not args.keep:
            for p in ("warmup", "warmup-site", "source", f"real-{sizes[-1]}"):
                shutil.rmtree(work / p, ignore_errors=True)
    print(f"Machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}, {versions()}; {git_state(args.ref)}.\n")
    print(table(results, validate))
    if args.keep:
        print(f"\nProjects and sites kept in {work}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
