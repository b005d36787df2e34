"""MkDocs hooks: the only code that talks to MkDocs.

Everything else lives in the `transparency` package, free of MkDocs, so the
generator can move to another static-site builder (Material's successor,
Zensical) by rewriting only this file.

Order in a build: on_config loads and checks the data (a problem stops the
build before anything is written) -> on_files adds the generated pages and
assets -> on_page_markdown sets each generated page's title -> on_page_content
renders its HTML from the compiled templates.
"""
from __future__ import annotations

import html
import shutil
import sys
import tempfile
from pathlib import Path

from markupsafe import Markup
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, InclusionLevel

from transparency.build_date import build_moment
from transparency.cms import admin_files
from transparency.dataset import FileCache
from transparency.problems import DataErrors, errors, warnings_report
from transparency.rules import load_checked
from transparency.schemas import all_schemas, schema_json
from transparency.views.pages import ASSETS, ROWS_PER_PAGE, Page, Site

# One build's state. (MkDocs imports this file once per process, even when `mkdocs serve`
# reloads the config for a rebuild: state that must not leak between builds is reset.)
_site: Site | None = None
_pages: dict[str, Page] = {}
_spool: Path | None = None  # the downloads' bytes, written once and copied into the site by MkDocs
_files: FileCache | None = None  # `mkdocs serve` only: unchanged data files are not read again


def on_startup(command, dirty):
    global _files
    _files = FileCache() if command == "serve" else None


def on_config(config):
    global _site, _pages
    data_dir = Path(config.config_file_path).parent / config.extra.get("data_dir", "data")
    now = build_moment()
    ds, problems = load_checked(data_dir, now.date(), _files, history=True)  # "last changed" from git
    if report := warnings_report(problems):
        # Straight to stderr, not through MkDocs' logger: `mkdocs build --strict` fails on
        # any logged warning, and these must not stop publishing.
        print(report, file=sys.stderr)
    if stopping := errors(problems):
        raise PluginError(str(DataErrors(stopping)))
    global _spool
    _spool = Path(tempfile.mkdtemp(prefix="transparency-downloads-"))  # removed when the build ends
    _site = Site(ds, now, rows_per_page=int(config.extra.get("rows_per_page", ROWS_PER_PAGE)), spool=_spool)
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


def on_files(files, config):
    for page in _pages.values():
        if page.append and files.get_file_from_path(page.src_uri):
            continue  # staff wrote this page; its generated part is added in on_page_content
        inclusion = InclusionLevel.UNDEFINED if page.in_nav else InclusionLevel.NOT_IN_NAV
        files.append(File.generated(config, page.src_uri, content="", inclusion=inclusion))
    for download in _site.downloads:  # CSV, JSON, 360Giving, OCDS, feeds, calendar under /data/
        files.append(File.generated(config, download.path, abs_src_path=str(download.file)))
    for name, schema in all_schemas().items():  # JSON Schemas for editors, published with the site
        files.append(File.generated(config, f"schemas/{name}", content=schema_json(schema)))
    for path, content in admin_files(_site.org).items():  # the web editor at /admin/
        files.append(File.generated(config, path, content=content))
    for asset in sorted(ASSETS.iterdir()):
        files.append(File.generated(config, f"assets/{asset.name}", abs_src_path=str(asset)))
    return files


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
