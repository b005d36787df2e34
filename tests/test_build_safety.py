"""Nothing half-done, nothing outside the output folder.

`python -m transparency build` builds into a new folder beside the output folder and
swaps it in only when MkDocs succeeded, so a failed build, whether the data is wrong
(MkDocs stops before writing anything) or MkDocs fails after writing pages (a broken
link in strict mode), leaves the previous site exactly as it was. No build writes to
data/ or content/.

And no data value can make the build write outside the output folder: ids are slugs,
files whose names are not slugs are refused, and every file the build writes is a plain
file under site/.
"""
from __future__ import annotations

import hashlib
import os
import posixpath
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import BUILD_EPOCH, FIXTURE_DATA, copy_data, make_project
from staffdata import CONTRACT, edit, problems
from transparency.dataset import load
from transparency.build_date import build_moment
from transparency import build


def run_build(project: Path, *args: str) -> subprocess.CompletedProcess:
    # the build's own temporary folder, to see that nothing is left in it (spools())
    scratch = project.parent / "tmp"
    scratch.mkdir(exist_ok=True)
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(BUILD_EPOCH), "TMPDIR": str(scratch)}
    return subprocess.run([sys.executable, "-m", "transparency", "build", *args],
                          capture_output=True, text=True, env=env, cwd=project, timeout=600)


def checksums(folder: Path) -> dict[str, str]:
    """Every file under `folder` (and every empty folder) with the SHA-256 of its bytes."""
    out = {}
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder).as_posix()
        if path.is_symlink():
            out[rel] = "link:" + os.readlink(path)
        elif path.is_file():
            out[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
        elif not any(path.iterdir()):
            out[rel] = "empty folder"
    return out


def sources(project: Path) -> dict[str, dict[str, str]]:
    return {part: checksums(project / part) for part in ("data", "content")}


def leftovers(project: Path) -> list[str]:
    """Temporary build folders left beside site/."""
    return sorted(p.name for p in project.iterdir() if p.name.startswith(".site."))


@pytest.fixture
def project(tmp_path) -> Path:
    return make_project(tmp_path / "project")


def test_a_passing_build_swaps_the_new_site_in(project):
    (project / "site").mkdir()
    (project / "site" / "stale.html").write_text("from an old build")
    before = sources(project)
    result = run_build(project)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (project / "site" / "index.html").is_file()
    assert not (project / "site" / "stale.html").exists()  # the old site is gone, not merged
    assert sources(project) == before
    assert leftovers(project) == []
    assert f"Site built: open {project / 'site' / 'index.html'}" in result.stderr


def test_bad_data_leaves_the_previous_site_as_it_was(project):
    assert run_build(project).returncode == 0
    site = checksums(project / "site")
    award = project / "data" / "awards" / "broken.yml"
    award.write_text(edit(CONTRACT, "amount: 1000", "amount: -5"), encoding="utf-8")
    before = sources(project)

    result = run_build(project)
    assert result.returncode != 0
    assert "data/awards/broken.yml:7: amount: `-5` is negative: an amount of money cannot be less than 0" in result.stderr
    assert f"nothing was published: {project / 'site'} is as it was" in result.stderr
    assert checksums(project / "site") == site
    assert sources(project) == before
    assert leftovers(project) == []

    award.unlink()
    assert run_build(project).returncode == 0
    assert checksums(project / "site") == site  # the same data builds the same bytes again


def test_a_failure_after_pages_are_written_leaves_the_previous_site_as_it_was(project):
    """In strict mode MkDocs writes every page, then fails on a warning: the half-new site must not replace the old."""
    assert run_build(project).returncode == 0
    site = checksums(project / "site")
    page = project / "content" / "broken-link.md"
    page.write_text("# A page with a broken link\n\nSee [the missing page](no-such-page.md).\n", encoding="utf-8")
    before = sources(project)

    result = run_build(project)
    assert result.returncode != 0
    assert "no-such-page.md" in result.stderr
    assert checksums(project / "site") == site
    assert sources(project) == before
    assert leftovers(project) == []
    assert spools(project) == []  # the build was closed after MkDocs failed


def spools(project: Path) -> list[str]:
    """The folders the hook spools downloads to that a build left behind."""
    return sorted(p.name for p in (project.parent / "tmp").glob("transparency-downloads-*"))


def test_a_build_removes_the_downloads_it_spooled(project):
    assert run_build(project).returncode == 0
    assert (project / "site/data/awards.csv").is_file()
    assert spools(project) == []


def test_a_failed_first_build_publishes_no_site(project):
    (project / "data" / "awards" / "broken.yml").write_text(edit(CONTRACT, "kind: contract", "kind: contrat"))
    result = run_build(project)
    assert result.returncode != 0
    assert not (project / "site").exists()
    assert leftovers(project) == []


def test_the_output_folder_may_be_elsewhere_but_never_the_project(project, tmp_path):
    elsewhere = tmp_path / "published" / "funding"
    result = run_build(project, "--site", str(elsewhere))
    assert result.returncode == 0, result.stderr
    assert (elsewhere / "index.html").is_file()
    before = checksums(project)
    result = run_build(project, "--site", ".")
    assert result.returncode == 2
    assert "holds the project itself" in result.stderr
    assert checksums(project) == before


# --- safe output paths ------------------------------------------------------------


@pytest.mark.parametrize("name", ["..yml", "...yml", ".x.yml", "x..y.yml", "../x.yml", "%2e%2e.yml", "..\\x.yml",
                                  "x.yml.", "-x.yml", "x-.yml", "Ä.yml", "x y.yml"])
def test_file_names_that_are_not_slugs_are_never_ids(tmp_path, name):
    """A data file's name is its id, and its id is part of the output paths: only slugs pass."""
    data = copy_data(tmp_path)
    before = set(load(data)[0].awards)
    (data / "awards" / name).write_text(CONTRACT, encoding="utf-8")  # `../x.yml` lands in data/ itself
    ds, _ = load(data)
    assert set(ds.awards) == before  # the file never became an award


@pytest.mark.parametrize("field, value", [
    ("fund", ".."), ("fund", "../../etc/passwd"), ("fund", "/etc"), ("fund", "a/b"), ("fund", "a\\\\b"),
    ("fund", "%2e%2e"), ("fund", "."), ("tender", "../tenders/x"), ("outcomes", "[..]"),
])
def test_ids_written_in_files_must_be_slugs(tmp_path, field, value):
    text = CONTRACT + (f"{field}: {value}\n" if field != "fund" else "")
    if field == "fund":
        text = edit(CONTRACT, "fund: victims-services-grant", f'fund: "{value}"')
    found = problems(tmp_path, {"awards/test.yml": text})
    assert len(found) == 1 and "is not a valid id" in found[0], found


def test_every_generated_path_stays_under_the_site(example_site):
    """The pages and downloads the generator asks MkDocs to write, and every file MkDocs wrote."""
    ds, found = load(FIXTURE_DATA)
    assert found == []
    site = build.site(ds, build_moment({"SOURCE_DATE_EPOCH": str(BUILD_EPOCH)}))
    paths = [p.src_uri for p in site.pages()] + [d.path for d in site.downloads]
    for path in paths:
        assert not path.startswith("/") and "\\" not in path and ":" not in path
        assert posixpath.normpath(path) == path and not path.startswith("..")
        assert all(part and part not in (".", "..") for part in path.split("/"))
    root = example_site.site.resolve()
    for path in example_site.site.rglob("*"):
        assert not path.is_symlink(), path
        assert path.resolve().is_relative_to(root), path
