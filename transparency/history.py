"""When each data file last changed, from the git history of the folder it is in.

A fact about the files, not about the records in them, so it is read once per
build beside them (dataset.load) and never from the clock: a file's date is the
committer date (as a UK date) of the last commit that touched it, so the same
commit always gives the same dates. A file with changes not yet committed (or
not yet added) changed `today`, the build's date, which SOURCE_DATE_EPOCH fixes.

Three git calls for the whole folder, however many files it holds: where the
folder is in its repository, one `git log` naming every file each commit
touched (newest first: a file's first mention is its last change), one
`git status`. No git, no repository or no commit gives no dates at all; a
shallow clone gives none for the files whose last change is beyond its depth
(its oldest commit seems to add every file). Callers fall back to the dates
recorded in the data for a file without one.
"""
from __future__ import annotations

import os
import subprocess
from datetime import date, datetime
from pathlib import Path

from .dates import LONDON

COMMIT = "\x01"  # starts each commit's line in the log: never the first character of a file name


def _git(directory: Path, *args: str) -> str | None:
    """git's output, or None if git is missing or fails (not a repository, no commits)."""
    try:
        result = subprocess.run(
            ["git", "-C", str(directory), "-c", "core.quotePath=false", *args],
            capture_output=True, text=True, encoding="utf-8", errors="surrogateescape",
            # a build only reads: no index refresh written behind an editor's back
            env={**os.environ, "GIT_OPTIONAL_LOCKS": "0"},
        )
    except OSError:
        return None
    return result.stdout if result.returncode == 0 else None


def last_changes(data_dir: Path, today: date) -> dict[str, date]:
    """Each file under `data_dir` (its path relative to the folder, with "/") -> the date it last
    changed, never after `today`. Files git cannot date are left out."""
    data_dir = Path(data_dir)
    if not data_dir.is_dir():
        return {}
    where = _git(data_dir, "rev-parse", "--show-prefix", "--is-shallow-repository", "--git-path", "shallow")
    log = _git(data_dir, "log", "--first-parent", "--diff-merges=first-parent", "--no-renames",
               f"--format={COMMIT}%H %ct", "--name-only", "--relative", "--", ".")
    if where is None or log is None:
        return {}
    prefix, shallow, shallow_file = where.split("\n")[:3]
    boundary: set[str] = set()
    if shallow == "true":
        # the commits whose parents were not fetched: every file seems to be added by them
        path = Path(shallow_file) if os.path.isabs(shallow_file) else data_dir / shallow_file
        boundary = set(path.read_text(encoding="ascii").split()) if path.is_file() else set()

    changed: dict[str, date] = {}
    seen: set[str] = set()
    day: date | None = None
    for line in log.splitlines():
        if line.startswith(COMMIT):
            # --first-parent: commits along the branch as it was published, a merge at the time it
            # was merged, not at the times its branch's commits were made
            sha, _, seconds = line[1:].partition(" ")
            day = None if sha in boundary else min(datetime.fromtimestamp(int(seconds), LONDON).date(), today)
        elif line and line not in seen:
            seen.add(line)
            if day is not None:
                changed[line] = day

    status = _git(data_dir, "status", "--porcelain", "-z", "--untracked-files=all", "--no-renames", "--", ".")
    for entry in (status or "").split("\0"):
        if len(entry) > 3:  # "XY path", the path from the repository's top
            path = entry[3:]
            if path.startswith(prefix):
                changed[path[len(prefix):]] = today
    return changed
