"""ProperDocs and Zensical build the same site as MkDocs (README, "After Material for MkDocs").

ProperDocs (a fork of MkDocs 1.6.1 that keeps hooks and plugins) reads the same mkdocs.yml and runs
the same hooks and theme: every file of the two sites is compared byte for byte, and the one
difference the builders make on purpose is named (each page's `<meta name="generator">`).

Zensical runs no hooks: `build --builder zensical` stages the generated pages (transparency/staging.py)
and publishes the downloads after. Its theme is its own, so pages are compared by what they say:
every page of the MkDocs build is there, each article's text is the same, and every download, schema
and editor file is byte-identical.
"""
from __future__ import annotations

import html
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import BUILD_EPOCH, FIXTURE, ROOT, build, make_project
from test_site import generated_data
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
    for builder in [b for b in cli.BUILDERS if b not in cli.STAGED]:  # MkDocs and ProperDocs
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


# --- Zensical -------------------------------------------------------------------------------

# What each builder's own theme and search make, which the other does not: their scripts, styles and
# images, the search index (MkDocs' search/search_index.json, Zensical's search.json) and the sitemap
# (the same addresses: MkDocs' in nav order with dates, Zensical's sorted without; MkDocs' gzipped
# copy too). Everything else published is ours and must be the same file.
# The themes' own files; assets/bundle-config.json is Material's settings for its bundle, which
# hooks/ writes for the light pages (Zensical's theme has none).
THEMES_OWN = re.compile(r"^(assets/(javascripts|stylesheets|images)/|assets/bundle-config\.json$|search/search_index\.json$|search\.json$|sitemap\.xml(\.gz)?$)")
ARTICLE = re.compile(r"<article\b.*?</article>", re.S)


def build_with(builder: str, project: Path, site: Path) -> subprocess.CompletedProcess:
    """`python -m transparency build --builder ...`, as `make site BUILDER=...` runs it."""
    return subprocess.run([sys.executable, "-m", "transparency", "build", "--builder", builder,
                           "--site", str(site), "--config", str(project / "mkdocs.yml")],
                          capture_output=True, text=True, cwd=project,
                          env={"SOURCE_DATE_EPOCH": str(BUILD_EPOCH), "PATH": "/usr/bin:/bin",
                               "NO_MKDOCS_2_WARNING": "1", "GIT_CEILING_DIRECTORIES": str(project.parent)})


def article_text(page: bytes) -> str | None:
    """A page's article as a reader hears it: its text, entities read, spaces made one."""
    found = ARTICLE.search(page.decode("utf-8"))
    if found is None:
        return None
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", found.group(0))).split())


@pytest.fixture(scope="module", params=["tests' own office", "the example office", "1,000 generated awards"])
def zensical(request, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("zensical")
    if request.param == "1,000 generated awards":
        project = make_project(tmp / "office", data=generated_data(tmp, 1000))
    else:
        project = make_project(tmp / "office", office=FIXTURE if request.param == "tests' own office" else ROOT)
    mkdocs = build(project, site=tmp / "site-mkdocs")
    assert mkdocs.ok, mkdocs.output
    result = build_with("zensical", project, tmp / "site-zensical")
    assert result.returncode == 0, result.stdout + result.stderr
    return project, files(tmp / "site-mkdocs"), files(tmp / "site-zensical")


def test_zensical_makes_every_page_of_the_mkdocs_build(zensical):
    _, mkdocs, zensical = zensical
    pages = sorted(n for n in mkdocs if n.endswith(".html"))
    assert "index.html" in pages and any(n.startswith("awards/") for n in pages)
    assert sorted(n for n in zensical if n.endswith(".html")) == pages


def test_each_page_says_the_same_in_both_builds(zensical):
    _, mkdocs, zensical = zensical
    differ = [n for n in mkdocs if n.endswith(".html") and article_text(mkdocs[n]) != article_text(zensical[n])]
    assert differ == []
    # not vacuous: the pages have articles, and an award's says what the award is
    award = next(n for n in mkdocs if n.startswith("awards/") and n.count("/") == 2 and n != "awards/index.html")
    assert "Recipient" in article_text(zensical[award])


def test_every_download_schema_and_editor_file_is_byte_identical(zensical):
    _, mkdocs, zensical = zensical
    ours = sorted(n for n in mkdocs if not n.endswith(".html") and not THEMES_OWN.match(n))
    assert {"data/awards.csv", "data/360giving.json", "data/ocds.json", "admin/config.yml",
            "assets/transparency.css"} <= set(ours)
    assert any(n.startswith("schemas/") for n in ours)
    # header.js is the one file the hook writes into: MkDocs' build carries the light pages' search
    # box in it (transparency/views/header_script.py); Zensical has no light pages, and none
    box = re.compile(rb"var SEARCH_BOX = [^\n]*;")
    assert box.sub(b"", mkdocs["assets/header.js"]) == box.sub(b"", zensical["assets/header.js"])
    assert b"var SEARCH_BOX = null;" in zensical["assets/header.js"] and b'var SEARCH_BOX = "<div' in mkdocs["assets/header.js"]
    assert [n for n in ours if zensical.get(n) != mkdocs[n] and n != "assets/header.js"] == []


def test_the_sitemaps_list_the_same_addresses(zensical):
    _, mkdocs, zensical = zensical
    loc = re.compile(rb"<loc>(.*?)</loc>")
    assert len(loc.findall(mkdocs["sitemap.xml"])) > 10
    assert sorted(loc.findall(zensical["sitemap.xml"])) == sorted(loc.findall(mkdocs["sitemap.xml"]))


DESCRIPTION = re.compile(rb'<meta name="description" content="([^"]*)">')


def test_each_page_describes_itself_the_same_in_both_builds(zensical):
    """An award's, a recipient's and a tender's own description (Site.description) reaches
    Zensical's pages through the staged front matter, escaped as the hook escapes it for MkDocs."""
    _, mkdocs, zensical = zensical
    pages = [n for n in mkdocs if n.endswith(".html") and DESCRIPTION.search(mkdocs[n])]
    assert [n for n in pages if DESCRIPTION.search(zensical[n]) is None
            or DESCRIPTION.search(zensical[n]).group(1) != DESCRIPTION.search(mkdocs[n]).group(1)] == []
    # not vacuous: records' pages say their own, not the site's
    site_wide = DESCRIPTION.search(mkdocs["index.html"]).group(1)
    for folder in ("awards", "recipients", "tenders"):
        record = next(n for n in pages if re.fullmatch(rf"{folder}/(?!page-\d+/)[^/]+/index\.html", n))
        assert DESCRIPTION.search(zensical[record]).group(1) != site_wide, record


def test_zensical_has_its_own_search_index_with_every_recipient(zensical):
    project, mkdocs, zensical = zensical
    index = zensical["search.json"].decode("utf-8")
    recipients = [n for n in mkdocs if n.startswith("recipients/") and n.count("/") == 2 and n != "recipients/index.html"]
    assert recipients
    for name in recipients[:20]:
        title = re.search(rb"<h1[^>]*>(.*?)</h1>", mkdocs[name], re.S).group(1).decode()
        assert html.unescape(title).strip() in html.unescape(index)


def test_titles_from_data_are_text_under_zensical_too(tmp_path):
    """Zensical's theme prints a page's title as it is: staging escapes it, as the hook does for MkDocs."""
    project = make_project(tmp_path / "office")
    award = sorted((project / "data" / "awards").glob("*.yml"))[0]
    text = award.read_text(encoding="utf-8")
    award.write_text(re.sub(r"(?m)^title: .*$", 'title: Fish & chips <b id="injected">bold</b>', text, count=1),
                     encoding="utf-8")
    result = build_with("zensical", project, tmp_path / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    page = (tmp_path / "site" / "awards" / award.stem / "index.html").read_text(encoding="utf-8")
    assert 'id="injected"' not in page
    assert "<title>Fish &amp; chips &lt;b id=&quot;injected&quot;&gt;bold&lt;/b&gt; - " in page


def test_a_data_problem_stops_the_zensical_build_and_leaves_the_site(tmp_path):
    project = make_project(tmp_path / "office")
    award = sorted((project / "data" / "awards").glob("*.yml"))[0]
    award.write_text(re.sub(r"(?m)^amount: .*$", "amount: lots", award.read_text(encoding="utf-8"), count=1),
                     encoding="utf-8")
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("the live site", encoding="utf-8")
    result = build_with("zensical", project, site)
    assert result.returncode == 1
    assert f"awards/{award.name}" in result.stderr and "amount" in result.stderr
    assert "nothing was published" in result.stderr
    assert (site / "index.html").read_text(encoding="utf-8") == "the live site"


@pytest.mark.parametrize("builder", ["mkdocs", "zensical"])
def test_a_page_staff_wrote_where_the_site_now_makes_one_is_named_with_a_warning(tmp_path, builder):
    """An office from before the promises were measured still has content/how-we-commission.md: the
    generated page takes its address, so the build says so instead of dropping their page unsaid."""
    project = make_project(tmp_path / "office")
    (project / "content" / "how-we-commission.md").write_text("# Our own words\n", encoding="utf-8")
    result = build_with(builder, project, tmp_path / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    assert ("content/how-we-commission.md: warning: this page is now made from the data at every build, so what "
            "is written here is not published") in result.stderr
    assert "Our own words" not in (tmp_path / "site" / "how-we-commission" / "index.html").read_text(encoding="utf-8")
    (project / "content" / "how-we-commission.md").unlink()
    assert "how-we-commission.md" not in build_with(builder, project, tmp_path / "site").stderr
