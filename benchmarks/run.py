"""Build the real site and a plain MkDocs site at several sizes, and compare them.

    python benchmarks/run.py                       # N = 1,000, 3,000 and 10,000
    python benchmarks/run.py --sizes 1000,3000     # quicker
    python benchmarks/run.py --work /tmp/bench --keep   # keep the projects and sites (for profiling)

For each N, in one run and one after the other (never in parallel):

(a) the real site: a copy of mkdocs.yml, content/, overrides/ and hooks/ in a scratch
    project (as tests/conftest.py's make_project does, with `transparency` linked),
    whose data/ is written by make_data.py with N awards;
(b) a plain MkDocs site: the same theme (material, font: false) and search plugin,
    a nav with only the home page, and N Markdown pages under p/ left out of the nav
    with `not_in_nav: "/p/*"`, each about the size of an award page (a heading, a
    six-row table, two paragraphs and a short list).

Each is built with `python -m mkdocs build --strict -d SITE` in a child process, with
SOURCE_DATE_EPOCH=1795860000 (28 November 2026) and NO_MKDOCS_2_WARNING=1, under
`/usr/bin/time -v` for its peak memory (maximum resident set size). Reported per
build: wall time, peak memory, output size (du -sb of the site), the largest .html
page and search/search_index.json. Then `python -m transparency validate --data` is
timed on the largest data folder. The result is printed as Markdown.
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
import make_data  # noqa: E402

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
    make_data.write(n, dest / "data", seed)
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


def inspect(site: Path) -> tuple[int, tuple[int, str], list[tuple[int, str]]]:
    pages = sorted(((p.stat().st_size, p.relative_to(site).as_posix()) for p in site.rglob("*.html")), reverse=True)
    return len(pages), pages[0], [p for p in pages if p[0] > BIG_PAGE]


def page_kind(location: str) -> str:
    """What kind of page a search entry (or a site path) belongs to."""
    path = location.split("#")[0].removesuffix("index.html")
    parts = [p for p in path.split("/") if p]
    if parts[:1] == ["awards"]:
        return "award pages" if len(parts) == 2 else "award lists"  # awards/<id>/ or the all-awards page
    if parts[:1] == ["awards-by-year"] or (parts[:1] == ["funding"] and len(parts) >= 3):
        return "award lists"  # awards-by-year/<year>/..., funding/<fund>/<year>/...
    if parts[:1] == ["tenders"] and len(parts) == 2:
        return "tender pages"
    if parts[:1] == ["funding"] and len(parts) == 2 and parts[1] != "statistics":
        return "fund pages"
    if parts[:1] == ["registers"]:
        return "registers"
    return "other pages"


def search_split(index: Path) -> dict[str, int]:
    """Bytes of search_index.json by the kind of page each entry belongs to."""
    docs = json.loads(index.read_text(encoding="utf-8"))["docs"]
    out: dict[str, int] = {}
    for d in docs:
        kind = page_kind(d["location"])
        out[kind] = out.get(kind, 0) + len(json.dumps(d, ensure_ascii=False).encode("utf-8")) + 1
    return out


def output_split(site: Path) -> dict[str, int]:
    """Bytes of the built site by what they are: HTML by page kind, the downloads, the search index."""
    out: dict[str, int] = {}
    for p in site.rglob("*"):
        if not p.is_file():
            continue
        rel = p.relative_to(site).as_posix()
        if p.suffix == ".html":
            kind = page_kind(rel) + " (HTML)"
        elif rel.startswith("data/"):
            kind = "downloads (data/)"
        elif rel.startswith("search/"):
            kind = "search index"
        else:
            kind = "assets, sitemap, schemas"
        out[kind] = out.get(kind, 0) + p.stat().st_size
    return out


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
    pages, largest, big = inspect(site)
    index = site / "search" / "search_index.json"
    return Result(label, n, seconds, cpu, system, rss, du_bytes(site), pages, largest, index.stat().st_size, big,
                  search_split(index) if label == "real" else {}, output_split(site) if label == "real" else {},
                  load)


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


def kb(n: int) -> str:
    return f"{n / 1000:.0f} KB"


def table(results: dict[int, tuple[Result, Result]], validate: tuple[int, float] | None) -> str:
    lines = [
        "| N | wall time (a) real | (b) plain | (a)/(b) | CPU time (a) | (b) | (a)/(b) "
        "| peak memory (a) | (b) | (a)/(b) | output (a) | (b) "
        "| HTML pages (a) | (b) | largest page (a) | (b) | search index (a) | (b) |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|---:|---:|",
    ]
    for n, (a, b) in sorted(results.items()):
        lines.append(
            f"| {n:,} | {a.seconds:.1f} s | {b.seconds:.1f} s | {a.seconds / b.seconds:.2f} "
            f"| {a.cpu_seconds:.1f} s | {b.cpu_seconds:.1f} s | {a.cpu_seconds / max(b.cpu_seconds, 0.01):.2f} "
            f"| {a.max_rss_kb / 1024:.0f} MB | {b.max_rss_kb / 1024:.0f} MB "
            f"| {a.max_rss_kb / max(b.max_rss_kb, 1):.2f} "
            f"| {mb(a.output_bytes)} | {mb(b.output_bytes)} | {a.pages:,} | {b.pages:,} "
            f"| {kb(a.largest[0])} `{a.largest[1]}` | {kb(b.largest[0])} `{b.largest[1]}` "
            f"| {mb(a.search_bytes)} | {mb(b.search_bytes)} |")
    out = "\n".join(lines)
    sizes = sorted(results)
    if len(sizes) > 1:
        lo, hi = sizes[0], sizes[-1]
        (a1, b1), (a2, b2) = results[lo], results[hi]
        out += (f"\n\nTime {hi:,}/{lo:,} ({hi // lo}x the pages): wall real {a2.seconds / a1.seconds:.2f}x, "
                f"plain {b2.seconds / b1.seconds:.2f}x; CPU real {a2.cpu_seconds / a1.cpu_seconds:.2f}x, "
                f"plain {b2.cpu_seconds / b1.cpu_seconds:.2f}x.")
    out += "\n\nOf the CPU time, system time (the kernel, mostly writing the site's files): " + "; ".join(
        f"N={n:,} real {a.system_seconds:.1f} s, plain {b.system_seconds:.1f} s" for n, (a, b) in sorted(results.items()))
    out += "."
    loads = [r.load for pair in results.values() for r in pair]
    out += (f"\n\nLoad average (1 min) when the builds started: {min(loads):.1f} to {max(loads):.1f} "
            f"on {os.cpu_count()} cores (wall times grow with other work on the machine; CPU times much less).")
    if validate:
        n, secs, cpu = validate
        out += f"\n\n`python -m transparency validate --data` on {n:,} awards: {secs:.1f} s wall, {cpu:.1f} s CPU."
    for n, (a, _) in sorted(results.items()):
        if a.big_pages:
            listed = ", ".join(f"`{p}` {kb(s)}" for s, p in a.big_pages)
            out += f"\n\nPages over {BIG_PAGE // 1000} KB at N={n:,} (real): {listed}."
        else:
            out += f"\n\nPages over {BIG_PAGE // 1000} KB at N={n:,} (real): none."
    n = sizes[-1]
    split = results[n][0].search_split
    if split:
        total = sum(split.values())
        parts = ", ".join(f"{k} {mb(v)} ({100 * v / total:.0f}%)" for k, v in sorted(split.items(), key=lambda kv: -kv[1]))
        out += f"\n\nSearch index of the real site at N={n:,}, by page kind: {parts}."
    split = results[n][0].output_split
    if split:
        parts = ", ".join(f"{k} {mb(v)}" for k, v in sorted(split.items(), key=lambda kv: -kv[1]))
        out += f"\n\nOutput of the real site at N={n:,}: {parts}."
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,3000,10000", help="comma-separated numbers of awards")
    parser.add_argument("--work", type=Path, help="folder for the projects and sites (default: a temporary one)")
    parser.add_argument("--keep", action="store_true", help="keep the projects and sites")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--ref", help="build the generator as committed at this git ref (default: the working tree)")
    parser.add_argument("--repeat", type=int, default=1, help="build each site this many times, keep the fastest")
    args = parser.parse_args(argv)
    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]
    if not TIME:
        print("note: /usr/bin/time not found (apt-get install -y time); measuring peak memory in-process",
              file=sys.stderr)
    work = args.work or Path(tempfile.mkdtemp(prefix="transparency-bench-"))
    work.mkdir(parents=True, exist_ok=True)
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
            real = work / f"real-{n}"
            plain = work / f"plain-{n}"
            for p in (real, plain, work / f"real-{n}-site", work / f"plain-{n}-site"):
                shutil.rmtree(p, ignore_errors=True)
            print(f"N={n:,}: writing data and pages...", file=sys.stderr, flush=True)
            real_project(real, n, args.seed, source)
            plain_project(plain, n, args.seed)
            print(f"N={n:,}: building (a) real...", file=sys.stderr, flush=True)
            a = build(real, work / f"real-{n}-site", "real", n, args.repeat)
            print(f"  {a.seconds:.1f} s wall, {a.cpu_seconds:.1f} s CPU, {a.max_rss_kb / 1024:.0f} MB",
                  file=sys.stderr, flush=True)
            print(f"N={n:,}: building (b) plain...", file=sys.stderr, flush=True)
            b = build(plain, work / f"plain-{n}-site", "plain", n, args.repeat)
            print(f"  {b.seconds:.1f} s wall, {b.cpu_seconds:.1f} s CPU, {b.max_rss_kb / 1024:.0f} MB",
                  file=sys.stderr, flush=True)
            results[n] = (a, b)
            if not args.keep:
                shutil.rmtree(work / f"plain-{n}-site", ignore_errors=True)
                shutil.rmtree(work / f"real-{n}-site", ignore_errors=True)
                shutil.rmtree(plain, ignore_errors=True)
                if n != max(sizes):
                    shutil.rmtree(real, ignore_errors=True)
        n = max(sizes)
        secs, cpu, _, _, proc = timed(["-m", "transparency", "validate", "--data", str(work / f"real-{n}" / "data")],
                                      cwd=source)
        if proc.returncode != 0:
            sys.exit(f"validate found problems in the generated data:\n{proc.stdout[-4000:]}")
        validate = (n, secs, cpu)
    finally:
        if not args.keep and args.work is None:
            shutil.rmtree(work, ignore_errors=True)
    print(f"Machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}, {versions()}; {git_state(args.ref)}.\n")
    print(table(results, validate))
    if args.keep:
        print(f"\nProjects and sites kept in {work}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
