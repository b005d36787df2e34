"""ProperDocs builds the same site as MkDocs, from the same mkdocs.yml, hooks and theme.

ProperDocs (a fork of MkDocs 1.6.1 that keeps hooks and plugins) is how an office keeps building
once MkDocs 1.6 and Material for MkDocs are no longer maintained (README, "After Material for
MkDocs"). Each office here is built by both, and every file of the two sites is compared byte for
byte. The one difference the builders make on purpose is named: each HTML page's
`<meta name="generator">` says which builder made it.
"""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import BUILD_EPOCH, FIXTURE, ROOT, build, make_project
from transparency import cli

GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


def files(site: Path) -> dict[str, bytes]:
    return {str(p.relative_to(site)): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def generator(html: bytes) -> str:
    found = GENERATOR.findall(html)
    assert len(found) == 1, "each page names its generator once"
    return found[0].decode()


def differences(a: dict[str, bytes], b: dict[str, bytes]) -> list[str]:
    """The files that differ once the generator line is set aside: none, if the builders agree."""
    return [name for name in a if GENERATOR.sub(b"", a[name]) != GENERATOR.sub(b"", b[name])]


@pytest.fixture(scope="module", params=["tests' own office", "the example office"])
def both(request, tmp_path_factory):
    office = FIXTURE if request.param == "tests' own office" else ROOT
    project = make_project(tmp_path_factory.mktemp("builders"), office=office)
    sites = {}
    for builder in cli.BUILDERS:
        result = build(project, site=project / f"site-{builder}", builder=builder)
        assert result.ok, result.output
        sites[builder] = files(result.site)
    return project, sites


def test_both_builders_write_the_same_files(both):
    _, sites = both
    assert sorted(sites["properdocs"]) == sorted(sites["mkdocs"])


def test_properdocs_ran_our_hooks_and_made_every_award_page(both):
    project, sites = both
    awards = sorted(p.stem for p in (project / "data" / "awards").glob("*.yml"))
    made = sorted(name.split("/")[1] for name in sites["properdocs"]
                  if name.startswith("awards/") and name.count("/") == 2 and name.endswith("/index.html"))
    assert awards and made == awards
    for name in ("data/awards.csv", "data/360giving.json", "data/awards.atom", "sitemap.xml"):
        assert name in sites["properdocs"]


def test_every_file_is_byte_identical_but_for_the_generator_line(both):
    _, sites = both
    assert differences(sites["properdocs"], sites["mkdocs"]) == []
    # The one difference made on purpose: each page the theme makes says which builder made it
    # (so this test also proves the second build really was ProperDocs, not MkDocs twice).
    pages = [name for name in sites["mkdocs"] if GENERATOR.search(sites["mkdocs"][name])]
    assert "index.html" in pages and any(p.startswith("awards/") for p in pages)
    assert {generator(sites["properdocs"][p]).split('"')[3].split(",")[0] for p in pages} == {"mkdocs-ProperDocs 1.6.7"}
    assert {generator(sites["mkdocs"][p]).split('"')[3].split(",")[0] for p in pages} == {"mkdocs-1.6.1"}
    # Nothing else differs: every other file (downloads, search index, the editor) is the same.
    others = [name for name in sites["mkdocs"] if name not in pages]
    assert others and all(sites["properdocs"][n] == sites["mkdocs"][n] for n in others)


def test_the_build_command_builds_with_properdocs(tmp_path):
    project = make_project(tmp_path / "office")
    site = tmp_path / "site"
    result = subprocess.run([sys.executable, "-m", "transparency", "build", "--builder", "properdocs",
                             "--site", str(site), "--config", str(project / "mkdocs.yml")],
                            capture_output=True, text=True, cwd=project,
                            env={"SOURCE_DATE_EPOCH": str(BUILD_EPOCH), "PATH": "/usr/bin:/bin",
                                 "GIT_CEILING_DIRECTORIES": str(tmp_path)})
    assert result.returncode == 0, result.stderr
    assert "mkdocs-ProperDocs" in generator((site / "index.html").read_bytes())


def test_a_builder_that_is_not_installed_is_named_with_how_to_install_it(capsys):
    assert cli.builder_missing("mkdocs") == 0
    assert cli.builder_missing("no_such_builder") == 2
    assert capsys.readouterr().err == (
        "no_such_builder is not installed here: `make site BUILDER=no_such_builder` installs it, or run "
        "`python -m pip install -e '.[no_such_builder]'`.\n")
