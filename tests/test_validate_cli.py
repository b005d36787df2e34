"""`python -m transparency validate`, run as staff and CI run it: a real subprocess.

The lines it prints are what staff read in a terminal (`path:line: field: message`)
and, with --format github, the annotations GitHub shows on the changed lines of a
pull request.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import BUILD_EPOCH, FIXTURE_DATA, ROOT, copy_data
from staffdata import CONTRACT, edit

EPOCH = str(BUILD_EPOCH)  # 28 November 2026, 10:00 UK time, as in the other tests
X = "data/awards/x.yml"
KIND = "`contrat` is not allowed; did you mean `contract`? Choose one of: `grant`, `contract`"
AMOUNT = "unknown field `ammount`; did you mean `amount`?"
TERM = "`three` is not a whole number: write digits only, for example 3"


def validate(data: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH}
    return subprocess.run([sys.executable, "-m", "transparency", "validate", "--data", str(data), *args],
                          capture_output=True, text=True, env=env, cwd=ROOT, timeout=120)


def bad_copy(tmp_path: Path) -> Path:
    """The example data with one award holding three mistakes, and a stray file."""
    data = copy_data(tmp_path)
    text = edit(edit(edit(CONTRACT, "kind: contract", "kind: contrat"), "amount: 1000", "ammount: 1000"),
                "initial_years: 3", "initial_years: three")
    (data / "awards" / "x.yml").write_text(text, encoding="utf-8")
    (data / "awards" / "notes.txt").write_text("not data\n", encoding="utf-8")
    return data


def test_the_example_data_is_valid():
    started = time.perf_counter()
    result = validate(FIXTURE_DATA)
    seconds = time.perf_counter() - started
    print(f"\n`python -m transparency validate` on the example data took {seconds:.2f} s (a fresh Python process)")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""
    assert result.stderr == f"The data in {FIXTURE_DATA} is valid.\n"


def test_problems_are_printed_as_path_line_field_message(tmp_path):
    result = validate(bad_copy(tmp_path))
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "data/awards/notes.txt: not read: data files must end in .yml; rename it to notes.yml "
        "or move it out of the data folder",
        f"{X}:2: kind: {KIND}",
        f"{X}:7: ammount: {AMOUNT}",
        f"{X}:14: term.initial_years: {TERM}",
    ]
    assert result.stderr == "4 problems found: fix them and run this again.\n"


def test_problems_as_github_annotations(tmp_path):
    result = validate(bad_copy(tmp_path), "--format", "github")
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "::error file=data/awards/notes.txt,title=Data problem::not read: data files must end in .yml; "
        "rename it to notes.yml or move it out of the data folder",
        f"::error file={X},line=2,title=Data problem::kind: {KIND}",
        f"::error file={X},line=7,title=Data problem::ammount: {AMOUNT}",
        f"::error file={X},line=14,title=Data problem::term.initial_years: {TERM}",
    ]


def test_one_problem_is_counted_as_one(tmp_path):
    data = copy_data(tmp_path)
    (data / "awards" / "x.yml").write_text(edit(CONTRACT, "kind: contract", "kind: contrat"), encoding="utf-8")
    result = validate(data)
    assert (result.returncode, result.stdout) == (1, f"{X}:2: kind: {KIND}\n")
    assert result.stderr == "1 problem found: fix it and run this again.\n"


def test_the_github_format_of_valid_data_prints_nothing():
    result = validate(FIXTURE_DATA, "--format", "github")
    assert (result.returncode, result.stdout) == (0, "")


SMALL = ("£64 is very little for a contract (less than £1,000): check the amount is in pounds and has all its "
         "digits; if it is right, add `not_a_mistake: [small-amount]` to this file")


def test_warnings_are_printed_labelled_and_do_not_fail(tmp_path):
    data = copy_data(tmp_path)
    (data / "awards" / "x.yml").write_text(edit(CONTRACT, "amount: 1000", "amount: 64"), encoding="utf-8")
    result = validate(data)
    assert (result.returncode, result.stdout) == (0, f"{X}:7: amount: warning: {SMALL}\n")
    assert result.stderr == ("1 warning: a likely mistake to check, which does not stop publishing "
                             f"(see EDITING.md, \"Warnings\").\nThe data in {data} is valid.\n")


def test_warnings_as_github_annotations_beside_problems(tmp_path):
    data = copy_data(tmp_path)
    text = edit(edit(CONTRACT, "amount: 1000", "amount: 64"), "kind: contract", "kind: contrat")
    (data / "awards" / "x.yml").write_text(text, encoding="utf-8")
    (data / "awards" / "y.yml").write_text(edit(CONTRACT, "amount: 1000", "amount: 64"), encoding="utf-8")
    result = validate(data, "--format", "github")
    assert result.returncode == 1  # x.yml cannot be read: an error, whatever the warnings
    assert result.stdout.splitlines() == [
        f"::error file={X},line=2,title=Data problem::kind: {KIND}",
        f"::warning file=data/awards/y.yml,line=7,title=Data warning::amount: {SMALL}",
    ]
    assert result.stderr == ("1 warning: a likely mistake to check, which does not stop publishing "
                             "(see EDITING.md, \"Warnings\").\n1 problem found: fix it and run this again.\n")


def test_make_validate_ends_with_one_plain_line_not_a_make_error(tmp_path):
    """`make validate` is for people: after the problems, the tool's own summary is the last line,
    with no "make: *** ... Error 1" after it that reads like a crash."""
    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    data = copy_data(tmp_path)
    (data / "awards" / "x.yml").write_text(edit(CONTRACT, "kind: contract", "kind: contrat"), encoding="utf-8")
    venv = tmp_path / "venv"
    venv.mkdir()
    (venv / ".installed").touch()  # newer than pyproject.toml: make installs nothing
    result = subprocess.run(
        ["make", "validate", f"DATA={data}", f"VENV={venv}", f"PY={sys.executable}"],
        capture_output=True, text=True, env={**os.environ, "SOURCE_DATE_EPOCH": EPOCH}, cwd=ROOT, timeout=120)
    assert result.stdout.splitlines() == [f"{X}:2: kind: {KIND}"]
    assert result.stderr.splitlines() == ["1 problem found: fix it and run this again."]
    assert "make:" not in result.stdout + result.stderr
