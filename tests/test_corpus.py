"""A corpus of bad inputs: each must stop `python -m transparency validate` with the exact lines staff see.

Each case is a folder `tests/corpus/<category>-<name>/`:

    about.txt     one line: what is wrong
    data/...      files written over a copy of the example data (e.g. data/awards/x.yml)
    delete.txt    optional: files of the example data to delete, one per line (e.g. organisation.yml)
    expected.txt  the exact lines `validate` prints on stdout, `path:line: field: message`

The test copies data/ to a temporary folder, applies the case, and runs the real
command in a subprocess with the tests' build date (SOURCE_DATE_EPOCH=1795860000,
28 November 2026). Every case must fail (exit status 1) with exactly the expected lines,
but for the `warning-...` cases: likely mistakes that do not stop publishing, which
must print exactly their warning lines (`path:line: field: warning: message`) and pass
(exit status 0). Any case's expected lines may hold warnings beside its errors.
The `draft-...` cases are files with `draft: true`, never published: they pass too,
with a line for each draft (`path:line: draft: not published yet: ...`) and its
problems as warnings.

The case files are small and self-contained (their line numbers never depend on the
example data). To see what a new case prints, run with CORPUS_SHOW=1 and read it
before copying it into expected.txt: the expected lines are the specification.

Cases too big to commit are generated here: a 50 MB file and a file nested 100,000 deep.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from conftest import BUILD_EPOCH, ROOT, build, copy_data, make_project

CORPUS = Path(__file__).parent / "corpus"
EPOCH = str(BUILD_EPOCH)  # 28 November 2026, 10:00 UK time
CASES = sorted(p.name for p in CORPUS.iterdir() if p.is_dir())


def category(name: str) -> str:
    return name.split("-", 1)[0]


def is_warning(line: str) -> bool:
    """`path:line: field: warning: message` (or without the field): a warning, not an error."""
    return re.match(r"^[^:]+(:\d+)?: ([^ :]+: )?warning: ", line) is not None


def is_draft(line: str) -> bool:
    """`path:line: draft: not published yet: ...` (or `complete: ...`): the line for a draft."""
    return re.match(r"^[^:]+:\d+: draft: (not published yet|complete): ", line) is not None


def summary(lines: list[str], data: Path) -> str:
    """What validate prints on stderr after `lines`: the warnings and drafts counted, then the errors,
    or that the data is valid."""
    w = sum(map(is_warning, lines))
    d = sum(map(is_draft, lines))
    n = len(lines) - w - d
    out = ""
    if w:
        what = "likely mistakes to check, which do" if w != 1 else "a likely mistake to check, which does"
        out += f"{w} warning{'s' if w != 1 else ''}: {what} not stop publishing (see EDITING.md, \"Warnings\").\n"
    if d:
        out += f"{d} draft{'s are' if d != 1 else ' is'} not published (see EDITING.md, \"Drafts\").\n"
    if n:
        return out + f"{n} problem{'s' if n != 1 else ''} found: fix {'them' if n != 1 else 'it'} and run this again.\n"
    return out + f"The data in {data} is valid.\n"


def run_validate(data: Path, **popen) -> subprocess.CompletedProcess:
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH}
    return subprocess.run([sys.executable, "-m", "transparency", "validate", "--data", str(data)],
                          capture_output=True, text=True, env=env, cwd=ROOT, timeout=120, **popen)


def prepare(case: Path, tmp_path: Path) -> Path:
    data = copy_data(tmp_path)
    deleted = case / "delete.txt"
    for rel in deleted.read_text(encoding="utf-8").split() if deleted.exists() else []:
        (data / rel).unlink()
    overlay = case / "data"
    for src in sorted(overlay.rglob("*")) if overlay.exists() else []:
        if src.is_file():
            dest = data / src.relative_to(overlay)
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(src, dest)  # bytes as committed: encodings and line endings are part of the case
    return data


def test_the_corpus_is_big_and_covers_every_category():
    counts = Counter(category(c) for c in CASES)
    print("\ncorpus cases by category: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
    assert len(CASES) >= 60
    for expected in ("yaml", "duplicate", "type", "date", "yaml11", "empty", "shape", "unknown", "ref", "id",
                     "encoding", "bomb", "rule", "warning", "draft"):
        assert counts[expected], f"no corpus case in category {expected}"
    for name in CASES:
        assert (CORPUS / name / "expected.txt").is_file(), f"{name} has no expected.txt"
        assert (CORPUS / name / "about.txt").is_file(), f"{name} has no about.txt"
        lines = (CORPUS / name / "expected.txt").read_text(encoding="utf-8").splitlines()
        # a warning case expects warnings only, a draft case drafts and warnings; every other case at least one error
        errors = [line for line in lines if not is_warning(line) and not is_draft(line)]
        if category(name) == "warning":
            assert lines and all(map(is_warning, lines)), name
        elif category(name) == "draft":
            assert any(map(is_draft, lines)) and not errors, name
        else:
            assert errors, name


@pytest.mark.parametrize("name", CASES)
def test_case(name, tmp_path):
    case = CORPUS / name
    data = prepare(case, tmp_path)
    result = run_validate(data)
    if os.environ.get("CORPUS_SHOW"):
        print(f"\n--- {name}\n{result.stdout}{result.stderr}")
    expected = (case / "expected.txt").read_text(encoding="utf-8").splitlines()
    status = 0 if category(name) in ("warning", "draft") else 1
    assert result.returncode == status, f"{name}: {case.joinpath('about.txt').read_text()}\n{result.stdout}{result.stderr}"
    assert result.stdout.splitlines() == expected
    assert result.stderr == summary(expected, data)


def run_measured(data: Path) -> tuple[subprocess.CompletedProcess, float, int]:
    """Run validate; return the result, the seconds it took and the child's peak memory in bytes."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH}
    out, err = data.parent / "stdout.txt", data.parent / "stderr.txt"
    started = time.perf_counter()
    with out.open("wb") as o, err.open("wb") as e:
        child = subprocess.Popen([sys.executable, "-m", "transparency", "validate", "--data", str(data)],
                                 stdout=o, stderr=e, env=env, cwd=ROOT)
        _, status, usage = os.wait4(child.pid, 0)  # this child's own resource usage, not all children's
        child.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - started
    peak = usage.ru_maxrss * (1 if sys.platform == "darwin" else 1024)  # Linux reports KiB
    result = subprocess.CompletedProcess(child.args, child.returncode, out.read_text(), err.read_text())
    return result, seconds, peak


@pytest.mark.skipif(not hasattr(os, "wait4"), reason="needs os.wait4 to measure one child's memory")
def test_a_50_mb_file_fails_fast_in_little_memory(tmp_path):
    base = tmp_path / "base"
    base.mkdir()
    copy_data(base)
    _, _, baseline = run_measured(base / "data")

    big = tmp_path / "big"
    big.mkdir()
    data = copy_data(big)
    path = data / "awards" / "x.yml"
    line = b"title: " + b"x" * 1016 + b"\n"  # 1 KiB lines of valid YAML
    with path.open("wb") as f:
        for _ in range(50 * 1024):
            f.write(line)
    size = path.stat().st_size
    assert size == 50 * 1024 * 1024

    result, seconds, peak = run_measured(data)
    print(f"\n50 MB file: refused in {seconds:.2f} s; peak memory {peak / 2**20:.1f} MiB "
          f"(validating the example data alone: {baseline / 2**20:.1f} MiB)")
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        f"data/awards/x.yml: the file is {size:,} bytes, larger than the 1,000,000 bytes a data file may be: "
        "split it up or remove what does not belong in it"]
    assert seconds < 10
    assert peak < baseline + 10 * 2**20, "the file was read into memory"


@pytest.mark.parametrize("text", [
    "outcomes: " + "[" * 100_000 + "]" * 100_000 + "\n",  # crashed libyaml's recursive composer
    "".join("  " * i + f"k{i}:\n" for i in range(600)) + "  " * 600 + "v\n",
], ids=["brackets", "indentation"])
def test_nesting_within_the_size_limit_is_refused_not_crashed(tmp_path, text):
    data = copy_data(tmp_path)
    (data / "awards" / "x.yml").write_text(text, encoding="utf-8")
    result = run_validate(data)
    assert result.returncode == 1, result.stderr
    [line] = result.stdout.splitlines()
    assert line.startswith("data/awards/x.yml:")
    assert line.endswith("groups and lists are nested more than 20 deep, far more than any data file needs: "
                         "check the indentation and the brackets")


# Mistakes that `main` once published without a word (issue 12). Each must stop a real MkDocs
# build, with the same lines staff see from `validate`, before any page is written.
ONCE_PUBLISHED = [
    "type-yes-no-break-clause", "type-yes-no-break-clause-true", "type-yes-no-purpose", "type-yes-no-in-name",
    "type-number-in-text", "type-placeholder-break-clause-tbc", "type-placeholder-break-clause-no",
    "type-placeholder-purpose-na", "type-placeholder-conditions-none", "type-placeholder-crime-reduction-reasons",
    "type-placeholder-status-note-dash", "type-placeholder-single-tender-reason",
    "type-placeholder-coverage-explanation", "yaml-comment-cuts-text", "rule-report-received-before-period-end",
    "rule-report-before-service-start", "rule-active-after-term-end", "rule-ocid-prefix-seven-characters",
    "encoding-zero-width-space", "encoding-direction-override",
]


def test_mistakes_once_published_stop_the_build(tmp_path):
    """All of them in one data folder (each case's file under its own name), built once."""
    data = copy_data(tmp_path / "case")
    expected = []
    for name in ONCE_PUBLISHED:
        case = CORPUS / name
        for src in (case / "data").rglob("*.yml"):
            rel = src.relative_to(case / "data").as_posix()
            dest = f"awards/{name}.yml" if rel == "awards/x.yml" else rel
            shutil.copyfile(src, data / dest)
            lines = (case / "expected.txt").read_text(encoding="utf-8").splitlines()
            expected += [line.replace(f"data/{rel}:", f"data/{dest}:") for line in lines]
    result = build(make_project(tmp_path / "project", data))
    assert not result.ok, "the mistakes were built and published"
    for line in expected:
        assert line in result.output, line
    assert not list(result.site.rglob("*.html")), "pages were written"
