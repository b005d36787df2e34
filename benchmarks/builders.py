"""Each builder's build time and peak memory, on the same generated data (README, "After Material for MkDocs").

    python benchmarks/builders.py                    # 1,000 and 10,000 awards
    python benchmarks/builders.py --sizes 1000       # quicker

For each N, make_data.py writes N awards into a scratch project (as run.py does), then the site is
built by each builder in turn, one after the other, with `python -m transparency build --builder B`
(what `make site BUILDER=B` runs) under `/usr/bin/time -v`: wall time, CPU time, peak memory (the
largest resident set of the build and the builder it runs) and the output's size. The builders are
the ones installed of cli.BUILDERS. Printed as a Markdown table for benchmarks/README.md.
"""
from __future__ import annotations

import argparse
import importlib.util
import shutil
import sys
import tempfile
from pathlib import Path

from run import ROOT, du_bytes, mb, real_project, timed, versions

sys.path.insert(0, str(ROOT))
from transparency.cli import BUILDERS  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000", help="comma-separated numbers of awards")
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args(argv)
    builders = [b for b in BUILDERS if importlib.util.find_spec(b) is not None]
    rows = []
    with tempfile.TemporaryDirectory(prefix="builders-bench-") as tmp:
        for n in (int(s) for s in args.sizes.split(",")):
            project = real_project(Path(tmp) / f"p{n}", n, args.seed)
            for builder in builders:
                site = Path(tmp) / f"site-{n}-{builder}"
                seconds, cpu, _, rss, proc = timed(["-m", "transparency", "build", "--builder", builder,
                                                    "--site", str(site)], project)
                if proc.returncode != 0:
                    print(proc.stdout, proc.stderr, file=sys.stderr)
                    return 1
                rows.append((n, builder, seconds, cpu, rss, du_bytes(site)))
                print(f"{n} awards, {builder}: {seconds:.1f} s", file=sys.stderr)
                shutil.rmtree(site)
    from importlib.metadata import version
    print(f"Builders ({versions()}, " + ", ".join(f"{b} {version(b)}" for b in builders if b != "mkdocs") + "):\n")
    print("| awards | builder | wall time | CPU time | peak memory | output |")
    print("| ---: | --- | ---: | ---: | ---: | ---: |")
    for n, builder, seconds, cpu, rss, size in rows:
        print(f"| {n:,} | {builder} | {seconds:.1f} s | {cpu:.1f} s | {rss / 1024:.0f} MB | {mb(size)} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
