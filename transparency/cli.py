"""`opcc-site validate`: check the data the way the build does, without building.

Prints each problem as `path:line: field: message` (or as GitHub annotations
with --format github) and exits 1 if there is any.
"""
from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from .build_date import build_date
from .dataset import load
from .problems import Problem
from .rules import check


def validate(data_dir: Path, today: date | None = None) -> list[Problem]:
    """Every problem in the data, as the build would report it (sorted by file and line)."""
    ds, problems = load(data_dir)
    return sorted(problems + check(ds, today or build_date()))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="opcc-site", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    v = sub.add_parser("validate", help="check every data file against the model and the strategy's rules")
    v.add_argument("--data", type=Path, default=Path("data"), help="the data folder (default: data)")
    v.add_argument("--format", choices=["text", "github"], default="text")
    args = parser.parse_args(argv)

    problems = validate(args.data)
    for p in problems:
        print(p.github() if args.format == "github" else str(p))
    if problems:
        n = len(problems)
        print(f"{n} problem{'s' if n != 1 else ''} found: fix {'them' if n != 1 else 'it'} and run this again.",
              file=sys.stderr)
        return 1
    print(f"The data in {args.data} is valid.", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
