"""Load the whole `data/` folder into one Dataset, collecting every problem.

Layout (one file per thing, so a change is one small diff):
    data/organisation.yml, data/scoring.yml,
    data/funds/<id>.yml, data/awards/<id>.yml, data/tenders/<id>.yml, data/rounds/<id>.yml
The id of a fund, award, tender or funding round is its file name.

A fund, award or tender file with `draft: true` is kept apart, in `drafts`,
never among the records: everything that publishes reads `funds`, `awards` and
`tenders`, so nothing it makes can show or count a draft (EDITING.md, "Drafts").
"""
from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from pathlib import Path

from . import addresses, history
from .convert import SLUG, Draft, Where, read_record
from .model import Award, Fund, Organisation, Round, Scoring, Tender
from .problems import Problem
from .yamlfile import parse_bytes, read_bytes

FOLDERS = {"funds": Fund, "awards": Award, "tenders": Tender, "rounds": Round}
SINGLE = {"organisation": Organisation, "scoring": Scoring}
SUFFIXES = (".yml", ".yaml")
IGNORED = {"README.md"}
# Ids whose page would land on one of the site's own pages (funding/statistics/, tenders/awarded/...).
RESERVED = addresses.reserved()


@dataclass
class Dataset:
    organisation: Organisation | None = None
    scoring: Scoring | None = None
    funds: dict[str, Fund] = field(default_factory=dict)
    awards: dict[str, Award] = field(default_factory=dict)
    tenders: dict[str, Tender] = field(default_factory=dict)
    rounds: dict[str, Round] = field(default_factory=dict)  # funding rounds
    # where each record's fields were written, by (folder, id); ("organisation", "") for single files
    where: dict[tuple[str, str], Where] = field(default_factory=dict)
    # ids whose file exists but could not be read: references to them are not reported again
    broken: dict[str, set[str]] = field(default_factory=lambda: {k: set() for k in FOLDERS})
    # the files with `draft: true`, by folder and id: never published, so never in funds, awards or tenders
    drafts: dict[str, dict[str, Draft]] = field(default_factory=lambda: {k: {} for k in FOLDERS})
    complete: bool = True  # every file read without problems
    # when each record's file last changed in the data folder's git history, by (folder, id);
    # empty unless asked for (load's `today`), and without the records git cannot date
    changed: dict[tuple[str, str], date] = field(default_factory=dict)

    def where_of(self, folder: str, id: str = "") -> Where:
        return self.where[(folder, id)]

    def forget_lines(self) -> None:
        """Let go of each record's field lines, kept for the checks' messages (file, line, field):
        once the checks have run, a build reads only each record's file (due.py's links). A line
        map per record was about 100 MB at 100,000 awards (issue 20). Not in a preview, whose
        next build checks the same records again."""
        for where in self.where.values():
            where.lines = {}

    def changed_on(self, folder: str, id: str = "") -> date | None:
        """The date the record's file was last committed (or `today` if it has uncommitted changes), if known."""
        return self.changed.get((folder, id))


class FileCache:
    """What each data file gave when it was last read, by its bytes.

    `mkdocs serve` rebuilds the whole site after every edit. A file whose bytes have not
    changed gives the same record (reading one depends on nothing but its bytes, its name
    and its kind), so it need not be parsed and checked again (what that saves a rebuild:
    benchmarks/README.md). Only worth it in a process that loads more than once."""

    def __init__(self):
        self._entries: dict[tuple, tuple[bytes, Any, list[Problem], Where]] = {}

    def get(self, key: tuple, raw: bytes):
        entry = self._entries.get(key)
        return entry[1:] if entry is not None and entry[0] == raw else None

    def put(self, key: tuple, raw: bytes, obj, problems: list[Problem], where: Where):
        self._entries[key] = (raw, obj, problems, where)

    def keep_only(self, keys: set[tuple]):
        """Forget files that are gone, so a long `mkdocs serve` does not hold them."""
        for key in self._entries.keys() - keys:
            del self._entries[key]


def load(data_dir: Path, cache: FileCache | None = None, today: date | None = None) -> tuple[Dataset, list[Problem]]:
    """Every data file, read into one Dataset; with `cache`, unchanged files are not read again.

    With `today` (the build's date), `ds.changed` says when each file last changed, from the
    folder's git history (history.py). Without it (validate, and tests of the data alone) no
    git is run and every "last changed" date comes from the dates recorded in the data."""
    data_dir = Path(data_dir)
    root = data_dir.parent
    ds = Dataset()

    def shown(path: Path) -> str:
        return path.relative_to(root).as_posix()

    problems = _load_single_files(ds, data_dir, shown, cache)
    problems += _unread(ds, data_dir, shown)
    for folder, cls in FOLDERS.items():
        problems += _load_folder(ds, data_dir / folder, shown(data_dir / folder), folder, cls, cache)
    if cache is not None:
        cache.keep_only({(where.path, key) for key, where in ds.where.items()})
    if today is not None:
        changes = history.last_changes(data_dir, today)
        inside = len(shown(data_dir)) + 1  # "data/awards/x.yml" -> "awards/x.yml", as history names it
        ds.changed = {key: changes[where.path[inside:]] for key, where in ds.where.items()
                      if where.path[inside:] in changes}
    return ds, problems


def _load_single_files(ds: Dataset, data_dir: Path, shown, cache) -> list[Problem]:
    problems = []
    for name, cls in SINGLE.items():
        path = data_dir / f"{name}.yml"
        if not path.exists():
            problems.append(Problem(shown(path), 0, "", f"the file is missing: create data/{name}.yml (see EDITING.md)"))
            ds.complete = False
            continue
        obj, found = _read(path, shown(path), cls, ds, (name, ""), cache)
        problems += found
        setattr(ds, name, obj)
    return problems


def _unread(ds: Dataset, data_dir: Path, shown) -> list[Problem]:
    """A file or folder the build does not read would be silently left out of the site."""
    problems = []
    expected = {f"{name}.yml" for name in SINGLE} | set(FOLDERS) | IGNORED
    for path in sorted(data_dir.iterdir()) if data_dir.is_dir() else []:
        if not path.name.startswith(".") and path.name not in expected:
            problems.append(Problem(shown(path), 0, "", (
                "not read: the data folder holds organisation.yml, scoring.yml and the folders "
                f"{', '.join(FOLDERS)}; move this into one of them or out of the data folder")))
            ds.complete = False
    return problems


def _load_folder(ds: Dataset, directory: Path, prefix: str, folder: str, cls, cache) -> list[Problem]:
    """One record per .yml file in `directory`, its id from the file name."""
    problems = []
    records: dict[str, object] = getattr(ds, folder)
    first_file: dict[str, str] = {}
    # os.scandir and plain strings, not Path objects: this runs for each of 10,000 files
    # (and a folder entry knows it is a folder without another system call)
    with os.scandir(directory) if directory.is_dir() else contextlib.nullcontext(()) as found:
        entries = sorted(found, key=lambda entry: entry.name)
    for entry in entries:
        name = entry.name
        if name.startswith(".") or name in IGNORED:
            continue
        shown_as = f"{prefix}/{name}"
        id = os.path.splitext(name)[0]
        if (refused := _not_a_record(name, entry.is_dir(), folder, first_file)) is not None:
            problems.append(Problem(shown_as, 0, "", refused))
            ds.complete = False
            continue
        first_file[id] = shown_as
        obj, found_problems = _read(entry.path, shown_as, cls, ds, (folder, id), cache, draftable=True, id=id)
        problems += found_problems
        if obj is None:
            ds.broken[folder].add(id)
        elif isinstance(obj, Draft):
            ds.drafts[folder][id] = obj  # even with problems: they are its own, and it is not published
        else:
            records[id] = obj
    return problems


def _not_a_record(name: str, is_dir: bool, folder: str, first_file: dict[str, str]) -> str | None:
    """Why an entry of a records' folder is not read as a record (None: it is read)."""
    if is_dir:
        return (f"not read: data/{folder}/ holds one .yml file per record, not folders; "
                "move the files in it up into the folder")
    id, suffix = os.path.splitext(name)
    if suffix not in SUFFIXES:
        return ("not read: data files must end in .yml; rename it to "
                f"{_stem(name)}.yml or move it out of the data folder"
                + (" (your computer may hide the last part of file names: turn on \"File name extensions\" "
                   "to see it)" if _stem(name) != id else ""))
    if id in RESERVED.get(folder, ()):
        return f"`{id}` is a name the site uses for its own pages: give the file another name"
    if not SLUG.match(id):
        return (f"the file name `{name}` is not a valid id: use lower-case letters a to z, "
                "digits and single hyphens, for example `victim-hub-2017.yml`")
    if id in first_file:
        return f"the id `{id}` is already used by {first_file[id]}: every file in a folder needs its own name"
    return None


def _stem(name: str) -> str:
    """The name without its last ending and any .yml or .txt before it: a program that saves
    `a.yml` as text may add `.txt` (`a.yml.txt` -> `a`; `a.json` -> `a`)."""
    stem = os.path.splitext(name)[0]
    while (split := os.path.splitext(stem))[1].lower() in (*SUFFIXES, ".txt") and split[0]:
        stem = split[0]
    return stem


def _read(path: str | Path, shown_as: str, cls, ds: Dataset, key, cache: FileCache | None = None,
          draftable: bool = False, **given):
    raw, problems = read_bytes(path, shown_as)
    cached = cache.get((shown_as, key), raw) if cache is not None and raw is not None else None
    if cached is not None:
        obj, problems, where = cached
    else:
        where = Where(shown_as)
        obj = None
        if raw is not None:
            node, problems = parse_bytes(raw, shown_as)
            if node is not None:
                obj, problems = read_record(cls, node, where, draftable, **given)
        if cache is not None and raw is not None:
            cache.put((shown_as, key), raw, obj, problems, where)
    ds.where[key] = where
    if obj is None:
        ds.complete = False
    return obj, problems
