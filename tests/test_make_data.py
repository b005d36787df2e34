"""The benchmarks' generator writes the data of an office that complies: it validates with no
problem and no warning at its own build date, Procurement Act notices recorded included."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import ROOT
from staffdata import TODAY
from transparency import notices
from transparency.rules import load_checked

MAKE_DATA = ROOT / "benchmarks" / "make_data.py"


def made(folder: Path, n: int = 300) -> Path:
    done = subprocess.run([sys.executable, str(MAKE_DATA), str(n), str(folder)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return folder


def files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_generated_data_has_no_problem_and_owes_no_notice_by_today(tmp_path):
    data = made(tmp_path / "data")
    ds, problems = load_checked(data, TODAY)
    assert [str(p) for p in problems] == []
    assert [o for o in notices.owed(ds, TODAY) if o.due <= TODAY] == []
    recorded = [n for r in (*ds.awards.values(), *ds.tenders.values()) for n in r.notices]
    assert {n.type for n in recorded} >= {"UK4", "UK6", "UK7"}  # it records the Act's notices, not none
    assert all(n.published <= TODAY and n.reference for n in recorded)
    references = [n.reference for n in recorded]
    assert len(set(references)) == len(references)


def test_the_same_seed_gives_the_same_bytes(tmp_path):
    assert files(made(tmp_path / "a")) == files(made(tmp_path / "b"))
