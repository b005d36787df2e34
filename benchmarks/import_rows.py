"""Time `python -m transparency import` on a generated spreadsheet of N awards (issue 15).

    python benchmarks/import_rows.py [N] [--keep DIR]     # N defaults to 10,000

Writes into a temporary folder (or DIR): awards.csv (N rows in an office's own column titles,
with the messy values the importer cleans: `£12,500.00`, day-first dates, spaced charity
numbers, a few rows it must refuse and a few repeats), awards.mapping.yml, and a data folder with
the example's organisation.yml, scoring.yml and funds. Then runs the real command twice in a fresh
process (the first run writes every file, the second finds them all unchanged) and prints the
times and the command's summary lines. The same N always gives the same sheet.
"""
from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE_DATA = ROOT / "data"
FUNDS = {"Victims Services Grant": "victims-services-grant", "Youth Fund": "youth-fund",
         "Crime and Disorder Reduction Grants": "crime-and-disorder-reduction-grants",
         "Casualty Fund": "casualty-support-and-reduction-fund"}
WORDS = ("Youth Boxing Football Outreach Advocacy Mentoring Night Safe Streets Support Advice Community "
         "Victim Recovery Rural Hate Crime Watch Theatre Music Angling Climbing Skate Dance Pastors").split()
PLACES = "Brinkmoor Tallowgate Willowside Ousefield Lodeford Fenholme Drainley Nenewick Washwell".split()

MAPPING = """\
columns:
  Project: title
  Organisation: recipient.name
  Charity no.: recipient.charity_number
  Amount awarded: amount
  Date awarded: award_date
  Fund: fund
  Description: description
  Purpose: purpose
  Conditions: conditions
dates: day-first
funds:
""" + "".join(f"  {name}: {fund}\n" for name, fund in FUNDS.items()) + """\
fixed:
  kind: grant
  procurement_route: grant-application
  status: ended
"""


def sheet(n: int, seed: int = 2026) -> str:
    rng = random.Random(seed)
    lines = ["Project,Organisation,Charity no.,Amount awarded,Date awarded,Fund,Description,Purpose,Conditions"]
    for i in range(n):
        place = rng.choice(PLACES)
        title = f"{place} {' '.join(rng.sample(WORDS, 2)).lower()} {i}"
        charity = f"9{i:06d}"
        charity = f"{charity[:4]} {charity[4:]}" if i % 3 == 0 else charity
        amount = rng.randrange(500, 80000)
        money = f'"£{amount:,}.00"' if i % 2 else str(amount)
        day = f"{rng.randrange(1, 29):02d}/{rng.randrange(1, 13):02d}/{rng.choice((2023, 2024, 2025))}"
        if i % 997 == 5:
            day = "31/02/2025"  # refused: not a real date
        fund = rng.choice(list(FUNDS))
        purpose = "" if i % 10 == 0 else f"To run {title.lower()} for a year."  # a tenth are drafts
        lines.append(f"{title},{place} {rng.choice(WORDS)} Trust {i},{charity},{money},{day},{fund},"
                     f"Sessions in {place} used by the benchmark.,{purpose},A report at the end of the year.")
        if i % 1000 == 7:
            lines.append(lines[-1])  # a repeat, reported with both rows
    return "\r\n".join(lines[: n + 1]) + "\r\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, nargs="?", default=10_000)
    parser.add_argument("--keep", type=Path, help="write into this folder and keep it")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="import-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    data = folder / "data"
    shutil.rmtree(data, ignore_errors=True)
    data.mkdir()
    for name in ("organisation.yml", "scoring.yml"):
        shutil.copy(EXAMPLE_DATA / name, data / name)
    shutil.copytree(EXAMPLE_DATA / "funds", data / "funds")
    (data / "awards").mkdir()
    (folder / "awards.csv").write_text(sheet(args.n), encoding="utf-8", newline="")
    (folder / "awards.mapping.yml").write_text(MAPPING, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "transparency", "import", "awards.csv", "--mapping", "awards.mapping.yml"]
    for label in ("first run", "second run"):
        start = time.perf_counter()
        result = subprocess.run(command, cwd=folder, env=env, capture_output=True, text=True)
        seconds = time.perf_counter() - start
        lines = result.stdout.splitlines()
        summary = next((line for line in lines if " written (" in line), "(no summary)")
        print(f"{label}: {seconds:.2f} s, exit {result.returncode}: {summary} "
              f"({len([l for l in lines if ':row ' in l])} row messages)")
    if not args.keep:
        shutil.rmtree(folder)
    return 0


if __name__ == "__main__":
    sys.exit(main())
