"""'Last changed' follows the data files' git history (issue 12).

Real git repositories in temporary folders, real commits with fixed dates, real MkDocs
builds: a commit to one award moves that award's page line, the awards feed and the
360Giving dateModified to the commit's date, and nothing else; a tree without history
keeps the dates recorded in the data; an uncommitted edit counts as changed on the
build's date, never the clock's.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import pytest

from conftest import BUILD_EPOCH, build, copy_data, make_project
from transparency.dataset import load
from transparency.history import last_changes

ATOM = "{http://www.w3.org/2005/Atom}"
TODAY = date(2026, 11, 28)  # conftest's BUILD_EPOCH
FIRST = "2026-06-05T12:00:00+01:00"  # every file committed: later than X's and Y's recorded dates
SECOND = "2026-11-26T15:00:00+00:00"  # X de-commissioned: later than every date recorded in the data
X = "children-affected-by-domestic-abuse-2026"  # a grant made 20 May 2026, nothing recorded since
Y = "fenland-harbour-youth-trust-holiday-activities-2026"  # a grant made 27 May 2026
LATE = "knife-crime-education-in-schools-2026"  # a grant made 24 November 2026, after FIRST

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


@pytest.fixture(autouse=True)
def no_repository_around(tmp_path, monkeypatch):
    """Only the repositories a test makes: none found around its temporary folder."""
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))


def git(repo: Path, *args: str, when: str | None = None) -> str:
    env = {**os.environ, "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull}
    if when:
        env |= {"GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
    result = subprocess.run(["git", "-c", "user.name=Test", "-c", "user.email=test@example.org",
                             "-c", "commit.gpgsign=false", "-C", str(repo), *args],
                            capture_output=True, text=True, env=env, check=True)
    return result.stdout


def commit_all(repo: Path, when: str, message: str = "data"):
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message, when=when)


def git_project(path: Path) -> Path:
    """A project copy in its own git repository, every file committed on FIRST."""
    project = make_project(path)
    git(project, "init", "-q", "-b", "main")
    commit_all(project, FIRST)
    return project


def decommission(project: Path, id: str = X):
    path = project / "data" / "awards" / f"{id}.yml"
    text = path.read_text(encoding="utf-8")
    assert "status: active\n" in text, "the example award changed: update this test"
    path.write_text(text.replace("status: active\n", "status: de-commissioned\n"
                                 "status_note: The charity closed in November 2026.\n"), encoding="utf-8")


def changed_line(result, url: str) -> str:
    m = re.search(r'<p class="page-changed">Data on this page last changed on (.*?)\.</p>', result.page(url))
    assert m, f"{url} has no 'last changed' line"
    return m.group(1)


def feed(result) -> ET.Element:
    return ET.parse(result.site / "data" / "awards.atom").getroot()


def entry_updated(result, id: str) -> str:
    for entry in feed(result).findall(f"{ATOM}entry"):
        if entry.find(f"{ATOM}id").text.endswith(f":awards/{id}"):
            return entry.find(f"{ATOM}updated").text
    raise AssertionError(f"{id} is not in the awards feed")


def date_modified(result, id: str) -> str:
    package = json.loads((result.site / "data" / "360giving.json").read_text(encoding="utf-8"))
    (grant,) = [g for g in package["grants"] if g["id"].endswith(f"-{id}")]
    return grant["dateModified"]


def files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    """The example project built at FIRST, then after a commit on SECOND de-commissioning X (twice)."""
    tmp = tmp_path_factory.mktemp("history")
    project = git_project(tmp / "project")
    first = build(project, site=tmp / "first")
    decommission(project)
    commit_all(project, SECOND, "De-commission X")
    second = build(project, site=tmp / "second")
    again = build(project, site=tmp / "again")
    for result in (first, second, again):
        assert result.ok, result.output
    return first, second, again


def test_a_commit_moves_the_changed_awards_page_line(builds):
    first, second, _ = builds
    assert changed_line(first, f"awards/{X}/") == "5 June 2026"  # the commit, later than its award date
    assert changed_line(second, f"awards/{X}/") == "26 November 2026"
    assert "De-commissioned" in second.page(f"awards/{X}/") or "de-commissioned" in second.page(f"awards/{X}/")


def test_other_awards_pages_do_not_move(builds):
    first, second, _ = builds
    assert changed_line(first, f"awards/{Y}/") == changed_line(second, f"awards/{Y}/") == "5 June 2026"
    # a date recorded after the last commit still wins: a page never says it changed before what it shows
    assert changed_line(first, f"awards/{LATE}/") == changed_line(second, f"awards/{LATE}/") == "24 November 2026"


def test_the_lists_holding_it_move_with_it(builds):
    first, second, _ = builds
    for url in ("awards/", "funding/victims-services-grant/", "awards-by-year/2026-27/"):
        assert changed_line(first, url) in ("20 November 2026", "24 November 2026"), url  # recorded dates
        assert changed_line(second, url) == "26 November 2026", url


def test_the_awards_feed_tells_subscribers(builds):
    first, second, _ = builds
    assert feed(first).find(f"{ATOM}updated").text == "2026-11-24T00:00:00+00:00"
    assert feed(second).find(f"{ATOM}updated").text == "2026-11-26T00:00:00+00:00"
    assert entry_updated(first, X) == "2026-06-05T00:00:00+01:00"
    assert entry_updated(second, X) == "2026-11-26T00:00:00+00:00"
    assert entry_updated(first, Y) == entry_updated(second, Y)
    # most recently changed first: the de-commissioned award leads the feed
    assert feed(second).find(f"{ATOM}entry").find(f"{ATOM}id").text.endswith(f":awards/{X}")


def test_the_360giving_grant_is_modified_on_the_commits_date(builds):
    first, second, _ = builds
    assert date_modified(first, X) == "2026-06-05T00:00:00+00:00"
    assert date_modified(second, X) == "2026-11-26T00:00:00+00:00"
    assert date_modified(first, Y) == date_modified(second, Y)
    package = json.loads((second.site / "data" / "360giving.json").read_text(encoding="utf-8"))
    assert package["modified"] == "2026-11-26T00:00:00+00:00"


def test_the_ocds_release_of_a_changed_contract_gets_a_new_date(tmp_path):
    project = git_project(tmp_path / "project")
    first = build(project, site=tmp_path / "first")
    contract = "victim-care-case-management-system-2026"  # awarded 12 May 2026, without a tender
    decommission(project, contract)
    commit_all(project, SECOND)
    second = build(project, site=tmp_path / "second")
    assert first.ok and second.ok, first.output + second.output

    def release(result):
        package = json.loads((result.site / "data" / "ocds.json").read_text(encoding="utf-8"))
        (found,) = [r for r in package["releases"] if r["ocid"].endswith(contract)]
        return found
    assert release(first)["date"] == "2026-06-05T00:00:00+01:00"
    assert release(second)["date"] == "2026-11-26T00:00:00+00:00"
    assert release(second)["id"] != release(first)["id"], "new information gets a new release id"


def test_two_builds_of_the_same_commit_are_identical(builds):
    _, second, again = builds
    one, other = files(second.site), files(again.site)
    assert one.keys() == other.keys()
    assert [name for name in one if one[name] != other[name]] == []


def test_a_tree_without_history_keeps_the_dates_in_the_data(tmp_path):
    project = git_project(tmp_path / "project")
    shutil.rmtree(project / ".git")  # as from a tarball
    result = build(project)
    assert result.ok, result.output
    assert changed_line(result, f"awards/{X}/") == "20 May 2026"  # its award date
    assert changed_line(result, f"awards/{Y}/") == "27 May 2026"
    assert date_modified(result, X) == "2026-05-20T00:00:00+00:00"


def test_an_uncommitted_edit_counts_as_changed_on_the_build_date(tmp_path):
    project = git_project(tmp_path / "project")
    decommission(project)
    result = build(project, epoch=BUILD_EPOCH)
    assert result.ok, result.output
    assert changed_line(result, f"awards/{X}/") == "28 November 2026"  # SOURCE_DATE_EPOCH's day
    assert changed_line(result, f"awards/{Y}/") == "5 June 2026"
    assert entry_updated(result, X) == "2026-11-28T00:00:00+00:00"


# --- history.py on its own ----------------------------------------------------


def test_each_file_has_its_last_commits_date(tmp_path):
    data = copy_data(tmp_path)
    git(tmp_path, "init", "-q", "-b", "main")
    commit_all(tmp_path, FIRST)
    (data / "awards" / f"{X}.yml").write_text((data / "awards" / f"{X}.yml").read_text() + "# edited\n")
    commit_all(tmp_path, SECOND)
    changes = last_changes(data, TODAY)
    assert changes[f"awards/{X}.yml"] == date(2026, 11, 26)
    assert changes[f"awards/{Y}.yml"] == changes["organisation.yml"] == date(2026, 6, 5)
    assert len(changes) == len([p for p in data.rglob("*") if p.is_file()])
    ds, _ = load(data, today=TODAY)  # the dataset keys them by record
    assert ds.changed_on("awards", X) == date(2026, 11, 26) and ds.changed_on("organisation") == date(2026, 6, 5)
    assert load(data)[0].changed == {}, "no history unless asked for"


def test_a_merge_counts_when_it_is_merged(tmp_path):
    """The date a change reached the published branch, not the date on the branch it came from."""
    data = copy_data(tmp_path)
    git(tmp_path, "init", "-q", "-b", "main")
    commit_all(tmp_path, FIRST)
    git(tmp_path, "checkout", "-q", "-b", "edit")
    (data / "awards" / f"{X}.yml").write_text((data / "awards" / f"{X}.yml").read_text() + "# edited\n")
    commit_all(tmp_path, "2026-07-01T12:00:00+01:00")
    git(tmp_path, "checkout", "-q", "main")
    git(tmp_path, "merge", "-q", "--no-ff", "-m", "merge", "edit", when="2026-08-03T12:00:00+01:00")
    changes = last_changes(data, TODAY)
    assert changes[f"awards/{X}.yml"] == date(2026, 8, 3)
    assert changes[f"awards/{Y}.yml"] == date(2026, 6, 5)


def test_a_commit_dated_after_the_build_counts_as_the_build_date(tmp_path):
    data = copy_data(tmp_path)
    git(tmp_path, "init", "-q", "-b", "main")
    commit_all(tmp_path, "2027-01-01T12:00:00+00:00")  # a committer's clock set wrong
    assert set(last_changes(data, TODAY).values()) == {TODAY}


def test_new_and_edited_files_not_committed_changed_today(tmp_path):
    data = copy_data(tmp_path)
    git(tmp_path, "init", "-q", "-b", "main")
    commit_all(tmp_path, FIRST)
    (data / "awards" / f"{Y}.yml").write_text((data / "awards" / f"{Y}.yml").read_text() + "# edited\n")
    shutil.copy(data / "awards" / f"{X}.yml", data / "awards" / "a-new-award-2026.yml")
    changes = last_changes(data, TODAY)
    assert changes[f"awards/{Y}.yml"] == changes["awards/a-new-award-2026.yml"] == TODAY
    assert changes[f"awards/{X}.yml"] == date(2026, 6, 5)


def test_a_shallow_clone_dates_only_what_it_holds(tmp_path):
    """`fetch-depth: 1` makes one commit seem to add every file: those files get no date
    (the data's own dates are used), and only a change in a fetched commit counts."""
    origin = tmp_path / "origin"
    data = copy_data(origin)
    git(origin, "init", "-q", "-b", "main")
    commit_all(origin, FIRST)
    (data / "awards" / f"{X}.yml").write_text((data / "awards" / f"{X}.yml").read_text() + "# edited\n")
    commit_all(origin, SECOND)
    git(tmp_path, "clone", "-q", "--depth", "1", origin.as_uri(), "one")
    assert last_changes(tmp_path / "one" / "data", TODAY) == {}
    git(tmp_path, "clone", "-q", "--depth", "2", origin.as_uri(), "two")
    assert last_changes(tmp_path / "two" / "data", TODAY) == {f"awards/{X}.yml": date(2026, 11, 26)}


def test_no_repository_or_no_commit_gives_no_dates(tmp_path):
    data = copy_data(tmp_path)
    assert last_changes(data, TODAY) == {}
    git(tmp_path, "init", "-q", "-b", "main")
    assert last_changes(data, TODAY) == {}
    assert last_changes(tmp_path / "missing", TODAY) == {}
