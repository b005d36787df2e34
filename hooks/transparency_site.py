"""MkDocs hooks: the only code that talks to MkDocs.

Everything else lives in the `transparency` package, free of MkDocs, so the
generator can move to another static-site builder (Material's successor,
Zensical) by rewriting only this file.

Order in a build: on_config loads and checks the data (a problem stops the
build before anything is written) -> on_files adds the generated pages and
assets -> on_page_markdown sets each generated page's title -> on_page_content
renders its HTML from the compiled templates.

In `mkdocs serve` a problem does not stop the build: the preview's site is then the
problems page (at every address) and the web editor, so staff can read the problems in
the browser and fix them in the form. A failed build would leave MkDocs' dev server
holding every request until a build succeeds: the preview and /admin/ stopped answering.
"""
from __future__ import annotations

import html
import mimetypes
import shutil
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

from markupsafe import Markup
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel

from transparency import build
from transparency.build_date import build_moment
from transparency.cms import admin_files
from transparency.dataset import FileCache
from transparency.problems import DataErrors, errors, warnings_report
from transparency.rules import load_checked
from transparency.schemas import all_schemas, schema_json
from transparency.views.pages import ASSETS, ROWS_PER_PAGE, Page, Site
from transparency.views.problems_page import PROBLEMS_JSON, problems_json, problems_page

# One build's state. (MkDocs imports this file once per process, even when `mkdocs serve`
# reloads the config for a rebuild: state that must not leak between builds is reset.)
_site: Site | None = None
_pages: dict[str, Page] = {}
_spool: Path | None = None  # the downloads' bytes, written once and copied into the site by MkDocs
_files: FileCache | None = None  # `mkdocs serve` only: unchanged data files are not read again
_serving = False  # `mkdocs serve`: problems are shown in the preview instead of stopping the build
_problems: list = []  # `mkdocs serve`: this build's problems, for the problems page and the editor
_built = 0  # `mkdocs serve`: when this build began (ms since 1970), telling one build's problems from the next
# `mkdocs serve`: the last organisation.yml that could be read, for the editor while that file is
# broken (its repository, outcomes and name); None until one could be
_last_organisation = None


def on_startup(command, dirty):
    global _files, _serving
    _serving = command == "serve"
    _files = FileCache() if _serving else None
    if _serving:
        # MkDocs' dev server types files by Python's mimetypes, which may know no `.yml`
        # (it then sends application/octet-stream), and on this computer the editor gives
        # Decap settings of its own, so Decap ignores a config.yml not sent as YAML: the
        # editor would open with no collections.
        mimetypes.add_type("text/yaml", ".yml")


def on_config(config):
    global _site, _pages
    data_dir = Path(config.config_file_path).parent / config.extra.get("data_dir", "data")
    now = build_moment()
    ds, problems = load_checked(data_dir, now.date(), _files, history=True)  # "last changed" from git
    if report := warnings_report(problems):
        # Straight to stderr, not through MkDocs' logger: `mkdocs build --strict` fails on
        # any logged warning, and these must not stop publishing.
        print(report, file=sys.stderr)
    global _problems, _built, _last_organisation
    _problems, _built = problems, time.time_ns() // 1_000_000  # the real clock: SOURCE_DATE_EPOCH is fixed
    if _serving and ds.organisation is not None:
        _last_organisation = ds.organisation
    if stopping := errors(problems):
        if not _serving:
            raise PluginError(str(DataErrors(stopping)))
        print(DataErrors(stopping), file=sys.stderr)  # not logged as an error: --strict would stop the build
        return _showing_problems(config)
    global _spool
    _spool = Path(tempfile.mkdtemp(prefix="transparency-downloads-"))  # removed when the build ends
    _site = build.site(ds, now, rows_per_page=int(config.extra.get("rows_per_page", ROWS_PER_PAGE)), spool=_spool)
    _pages = {p.src_uri: p for p in _site.pages()}
    # MkDocs' theme templates print these without escaping: escape them here, once
    # (Markup stops the theme's own `| e` escaping them a second time).
    config.site_name = Markup(html.escape(ds.organisation.short_name))
    if ds.organisation.site_url and not config.site_url:
        config.site_url = ds.organisation.site_url  # canonical links and the sitemap
    config.site_description = Markup(html.escape(f"Funding and commissioning by the {ds.organisation.name}"))
    config.copyright = Markup(html.escape(
        f"{ds.organisation.name}. Data published under the {ds.organisation.licence.name}."))
    return config


def _showing_problems(config):
    """The preview's config while the data has problems: no pages, no navigation and no theme
    templates (they need the data); on_files gives the problems page and the editor instead."""
    global _site, _pages
    _site, _pages = None, {}
    config.nav = None
    config.theme.static_templates.clear()  # the theme's 404.html would replace the problems page
    return config


def on_files(files, config):
    if _serving:
        files.append(File.generated(config, PROBLEMS_JSON, content=problems_json(_problems, _built)))
    if _site is None:  # `mkdocs serve` with problems in the data
        return _problem_files(files, config)
    for page in _pages.values():
        if page.append and files.get_file_from_path(page.src_uri):
            continue  # staff wrote this page; its generated part is added in on_page_content
        inclusion = InclusionLevel.UNDEFINED if page.in_nav else InclusionLevel.NOT_IN_NAV
        files.append(File.generated(config, page.src_uri, content="", inclusion=inclusion))
    for download in _site.downloads:  # CSV, JSON, 360Giving, OCDS, feeds, calendar under /data/
        files.append(File.generated(config, download.path, abs_src_path=str(download.file)))
    for name, schema in all_schemas().items():  # JSON Schemas for editors, published with the site
        files.append(File.generated(config, f"schemas/{name}", content=schema_json(schema)))
    _add_editor(files, config, _site.org)
    for asset in sorted(ASSETS.iterdir()):
        files.append(File.generated(config, f"assets/{asset.name}", abs_src_path=str(asset)))
    return files


def _add_editor(files, config, organisation):
    for path, content in admin_files(organisation).items():  # the web editor at /admin/
        files.append(File.generated(config, path, content=content))


def _problem_files(files, config):
    """The problems page at / and, as 404.html (which MkDocs' dev server sends for any address
    it has no file for), at every other address; and the editor, so the problem can be fixed
    where it was made. With organisation.yml broken, the editor is made from the last one read
    in this preview, else from none (the placeholder repository: the local backend still works)."""
    kept = Files([f for f in files if not f.is_documentation_page()])  # assets, and problems.json
    page = problems_page(_problems, _built, root=urlsplit(config.site_url or "/").path or "/")
    for path in ("index.html", "404.html"):
        kept.append(File.generated(config, path, content=page))
    _add_editor(kept, config, _last_organisation)
    return kept


def on_page_markdown(markdown, page, config, files):
    generated = _pages.get(page.file.src_uri)
    if generated is not None and not generated.append:
        # Titles come from data: escape them, as MkDocs' theme templates do not.
        page.meta["title"] = Markup(html.escape(generated.title))
        if generated.wide:
            page.meta["hide"] = ["toc"]
        if not generated.searchable:
            page.meta["search"] = {"exclude": True}
    return markdown


def on_page_content(content, page, config, files):
    generated = _pages.get(page.file.src_uri)
    if generated is None:
        return content
    rendered = _site.render(generated)
    return content + rendered if generated.append else rendered


def on_env(env, config, files):
    if _site is None:  # the problems page: nothing is rendered with the theme
        return env
    env.globals["organisation"] = _site.org
    env.globals["block_cache"] = {}  # overrides/main.html: navigation rendered once per folder
    return env


def _end_build():
    """Remove the spooled downloads and let go of the build's pages and figures. This module
    lives as long as `mkdocs serve` does: without this, the last build's Site stayed in memory
    through the next build (about 50 MB more at 10,000 awards)."""
    global _site, _pages, _spool
    if _spool is not None:
        shutil.rmtree(_spool, ignore_errors=True)
    _site, _pages, _spool = None, {}, None


def on_post_build(config):
    _end_build()


def on_build_error(error):
    _end_build()
