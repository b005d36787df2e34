"""Measure the site's search index (what a phone downloads on its first search) at several sizes.

    python benchmarks/search_index.py                      # N = 1,000 and 10,000, the working tree
    python benchmarks/search_index.py --ref main           # the generator as committed at a ref
    python benchmarks/search_index.py --work /dev/shm/si   # on tmpfs (less disk noise in the times)

For each N: the real site as run.py's (a) builds it (make_data.py data, SOURCE_DATE_EPOCH=1795860000),
then search/search_index.json's size raw and gzipped (level 9, as a server would send it), its
number of entries, the longest entry's text, and its bytes by kind of page; and the build's wall
and CPU time and peak memory (best of --repeat). Printed as Markdown.
"""
from __future__ import annotations

import argparse
import gzip
import json
import shutil
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import run  # noqa: E402


def measure(index: Path) -> dict:
    raw = index.read_bytes()
    docs = json.loads(raw)["docs"]
    longest = max(docs, key=lambda d: len(d["text"]))
    return dict(raw=len(raw), gz=len(gzip.compress(raw, 9, mtime=0)), entries=len(docs),
                longest=(len(longest["text"]), longest["location"]), split=run.search_split(index))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--ref", help="build the generator as committed at this git ref (default: the working tree)")
    parser.add_argument("--work", type=Path, help="scratch folder (default: a temporary one, removed after)")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--repeat", type=int, default=1, help="build each size this many times, keep the fastest")
    parser.add_argument("--keep", action="store_true", help="keep the sites (in --work), e.g. to time search in a browser")
    args = parser.parse_args(argv)
    work = args.work or Path(tempfile.mkdtemp(prefix="transparency-search-"))
    work.mkdir(parents=True, exist_ok=True)
    rows = []
    try:
        source = run.ROOT
        if args.ref:
            shutil.rmtree(work / "source", ignore_errors=True)
            source = run.snapshot(args.ref, work / "source")
        for n in (int(s) for s in args.sizes.split(",")):
            project, site = work / f"real-{n}", work / f"real-{n}-site"
            for p in (project, site):
                shutil.rmtree(p, ignore_errors=True)
            run.real_project(project, n, args.seed, source)
            r = run.build(project, site, "real", n, args.repeat)
            rows.append((n, r, measure(site / "search" / "search_index.json")))
            print(f"N={n:,}: {r.seconds:.1f} s", file=sys.stderr, flush=True)
            if not args.keep:
                shutil.rmtree(site, ignore_errors=True)
                shutil.rmtree(project, ignore_errors=True)
    finally:
        if args.work is None and not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    print(f"{run.git_state(args.ref)}.\n")
    print("| N | index raw | gzipped | entries | longest entry text | build wall | CPU | peak memory |")
    print("|---:|---:|---:|---:|---|---:|---:|---:|")
    for n, r, m in rows:
        print(f"| {n:,} | {m['raw'] / 1e6:.2f} MB | {m['gz'] / 1e6:.2f} MB | {m['entries']:,} | "
              f"{m['longest'][0]:,} chars `{m['longest'][1]}` | {r.seconds:.1f} s | {r.cpu_seconds:.1f} s | "
              f"{r.max_rss_kb / 1024:.0f} MB |")
    for n, r, m in rows:
        parts = ", ".join(f"{k} {v / 1e6:.2f} MB" for k, v in sorted(m["split"].items(), key=lambda kv: -kv[1]))
        print(f"\nN={n:,}, raw bytes by kind of page: {parts}. Load average (1 min) at the fastest build: {r.load:.1f}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
