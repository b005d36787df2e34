"""MkDocs hooks: the only code that talks to MkDocs.

Everything else lives in the `transparency` package, free of MkDocs, so the
generator can move to another static-site builder (Material's successor,
Zensical) by rewriting only this file.

Order in a build: on_config loads and checks the data (a problem stops the
build before anything is written) -> on_files adds the generated pages and
assets -> on_pre_page spares them MkDocs' Markdown conversion (they have none) ->
on_page_markdown sets each generated page's title (and a light page's template)
-> on_page_content renders its HTML from the compiled templates (for a page with
a search_template, that template's short HTML, which Material's search plugin
indexes in its on_page_context), gives it its own description where it has one, and
dates it for the sitemap where the day it last changed is known -> on_post_template
splits MkDocs' sitemap.xml when it lists more pages than a search engine reads from
one file (MkDocs writes it before the pages) -> on_page_context, before the search plugin's,
gives it a list page without its excluded tables, and after it, gives each page
its own whole HTML -> on_post_page compacts the written HTML's whitespace, keeps
Material's settings from a page in the nav (for light pages), and lets go of a
generated page's HTML -> on_post_build writes those settings (assets/bundle-config.json).

In `mkdocs serve` a problem does not stop the build: the preview's site is then the
problems page (at every address) and the web editor, so staff can read the problems in
the browser and fix them in the form. A failed build would leave MkDocs' dev server
holding every request until a build succeeds: the preview and /admin/ stopped answering.
"""
from __future__ import annotations

import html
import json
import mimetypes
import re
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from markupsafe import Markup
from mkdocs.exceptions import PluginError
from mkdocs.plugins import CombinedEvent, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.toc import get_toc

from transparency import addresses
from transparency.build import editor_files, output_files, page_meta, replaced_pages, theme_settings
from transparency.build import site as make_site
from transparency.build_date import build_moment
from transparency.dataset import FileCache
from transparency.model import Organisation
from transparency.problems import DataErrors, errors, warnings_report
from transparency.rules import load_checked
from transparency.views.header_script import HEADER_JS, with_search_box
from transparency.views.html_compact import compact_html
from transparency.views.pages import ROWS_PER_PAGE, Page, Site, for_search, without_search_marks
from transparency.views.problems_page import PROBLEMS_JSON, problems_json, problems_page
from transparency.views.sitemap import INDEX as SITEMAP, split_sitemap


@dataclass
class Build:
    """One build: its problems, and when they were none, the site with its pages and the folder
    its downloads are spooled to. Made in on_config, closed when the build ends."""

    problems: list
    began: int  # ms since 1970, telling one build's problems from the next (the real clock)
    site: Site | None = None  # None while the data has problems (`mkdocs serve` only)
    pages: dict[str, Page] = field(default_factory=dict)
    spool: Path | None = None  # the downloads' bytes, written once and copied into the site by MkDocs
    held: str | None = None  # the page being built's own HTML while the search indexes less of it
    bundle_config: dict | None = None  # the theme's __config from a page in the nav, its links from the site's root

    def close(self):
        """Remove the spooled downloads and let go of the pages and figures: under `mkdocs serve`
        this module lives on, and the last build's Site stayed in memory through the next."""
        if self.spool is not None:
            shutil.rmtree(self.spool, ignore_errors=True)
        self.site, self.pages, self.spool = None, {}, None


@dataclass
class Hook:
    """What the hooks hold. MkDocs imports this file once per process, also when `mkdocs serve`
    reloads the config for a rebuild, so a build's state lives in `build` and is closed at its
    end; only the preview's own state outlives a build."""

    serving: bool = False  # `mkdocs serve`: problems are shown in the preview instead of stopping the build
    files: FileCache | None = None  # `mkdocs serve` only: unchanged data files are not read again
    # `mkdocs serve`: the last organisation.yml that could be read, for the editor while that
    # file is broken (its repository, outcomes and name); None until one could be
    last_organisation: Organisation | None = None
    build: Build = field(default_factory=lambda: Build([], 0))

_hook = Hook()


def on_startup(command, dirty):
    _hook.serving = command == "serve"
    _hook.files = FileCache() if _hook.serving else None
    if _hook.serving:
        # MkDocs' dev server types files by Python's mimetypes, which may know no `.yml`
        # (it then sends application/octet-stream), and on this computer the editor gives
        # Decap settings of its own, so Decap ignores a config.yml not sent as YAML: the
        # editor would open with no collections.
        mimetypes.add_type("text/yaml", ".yml")


def on_shutdown():
    _hook.build.close()


def on_config(config):
    _hook.build.close()  # a build stopped before on_post_build (a serve reload) left its own
    data_dir = Path(config.config_file_path).parent / config.extra.get("data_dir", "data")
    now = build_moment()
    ds, problems = load_checked(data_dir, now.date(), _hook.files, history=True)  # "last changed" from git
    if report := warnings_report(problems):
        # Straight to stderr, not through MkDocs' logger: `mkdocs build --strict` fails on
        # any logged warning, and these must not stop publishing.
        print(report, file=sys.stderr)
    build = _hook.build = Build(problems, time.time_ns() // 1_000_000)  # the real clock: SOURCE_DATE_EPOCH is fixed
    if _hook.serving and ds.organisation is not None:
        _hook.last_organisation = ds.organisation
    if stopping := errors(problems):
        if not _hook.serving:
            raise PluginError(str(DataErrors(stopping)))
        print(DataErrors(stopping), file=sys.stderr)  # not logged as an error: --strict would stop the build
        return _showing_problems(config)
    if not _hook.serving:
        ds.forget_lines()  # checked: the rest of a build needs no line numbers (the preview's next build does)
    build.spool = Path(tempfile.mkdtemp(prefix="transparency-downloads-"))  # removed when the build ends
    build.site = make_site(ds, now, rows_per_page=int(config.extra.get("rows_per_page", ROWS_PER_PAGE)), spool=build.spool)
    build.pages = {p.src_uri: p for p in build.site.pages()}
    if report := warnings_report(replaced_pages(build.site, Path(config.docs_dir), Path(config.docs_dir).name)):
        print(report, file=sys.stderr)
    settings = theme_settings(ds.organisation)
    # MkDocs' theme templates print these without escaping: escape them here, once
    # (Markup stops the theme's own `| e` escaping them a second time).
    for name in ("site_name", "site_description", "copyright"):
        config[name] = Markup(html.escape(settings[name]))
    config.extra["organisation"] = settings["organisation"]  # overrides/: config.extra.organisation
    if ds.organisation.site_url and not config.site_url:
        config.site_url = ds.organisation.site_url  # canonical links and the sitemap
    return config


def _showing_problems(config):
    """The preview's config while the data has problems: no pages, no navigation and no theme
    templates (they need the data); on_files gives the problems page and the editor instead."""
    config.nav = None
    config.theme.static_templates.clear()  # the theme's 404.html would replace the problems page
    return config


def on_files(files, config):
    build = _hook.build
    if _hook.serving:
        files.append(File.generated(config, PROBLEMS_JSON, content=problems_json(build.problems, build.began)))
    if build.site is None:  # `mkdocs serve` with problems in the data
        return _problem_files(files, config)
    for page in build.pages.values():
        if page.append and files.get_file_from_path(page.src_uri):
            continue  # staff wrote this page; its generated part is added in on_page_content
        inclusion = InclusionLevel.UNDEFINED if page.in_nav else InclusionLevel.NOT_IN_NAV
        files.append(File.generated(config, page.src_uri, content="", inclusion=inclusion))
    _add(files, config, output_files(build.site))  # downloads, schemas, the editor, assets
    return files


def _add(files, config, outputs):
    for out in outputs:
        if out.source is not None:
            files.append(File.generated(config, out.path, abs_src_path=str(out.source)))
        else:
            files.append(File.generated(config, out.path, content=out.content))


def _problem_files(files, config):
    """The problems page at / and, as 404.html (which MkDocs' dev server sends for any address
    it has no file for), at every other address; and the editor, so the problem can be fixed
    where it was made. With organisation.yml broken, the editor is made from the last one read
    in this preview, else from none (the placeholder repository: the local backend still works)."""
    kept = Files([f for f in files if not f.is_documentation_page()])  # assets, and problems.json
    page = problems_page(_hook.build.problems, _hook.build.began, root=urlsplit(config.site_url or "/").path or "/")
    for path in ("index.html", "404.html"):
        kept.append(File.generated(config, path, content=page))
    _add(kept, config, editor_files(_hook.last_organisation))
    return kept


def on_pre_page(page, config, files):
    generated = _hook.build.pages.get(page.file.src_uri)
    if generated is not None and not generated.append:
        page.render = _render_nothing(page)
    return page


def _render_nothing(page):
    """A page made from the data has no Markdown (its HTML comes in on_page_content): what MkDocs'
    Page.render leaves for an empty source, without making a Markdown converter with every
    extension for each of 10,000 pages (about 0.2 ms each; benchmarks/README.md, "Light pages")."""
    def render(config, files):
        page.content, page.toc, page.present_anchor_ids = "", get_toc([]), set()
    return render


def on_page_markdown(markdown, page, config, files):
    generated = _hook.build.pages.get(page.file.src_uri)
    if generated is not None and not generated.append:
        page.meta.update(page_meta(generated))
        page.meta["light"] = generated.light  # overrides/: the light layout, for pages out of the nav
        if generated.light:
            # MkDocs renders a page with its meta's template: the compact chrome of overrides/light.html.
            # Set here, not in build.page_meta: Zensical has no such template.
            page.meta["template"] = "light.html"
        # Titles come from data: escape them, as MkDocs' theme templates do not.
        page.meta["title"] = Markup(html.escape(page.meta["title"]))
    return markdown


def on_page_content(content, page, config, files):
    generated = _hook.build.pages.get(page.file.src_uri)
    if generated is None:
        return content
    if not _toc_entries(page.toc):
        # The table of contents is made from the page's Markdown, which a generated page has
        # none of (the home page only its title): its empty sidebar would take a quarter of
        # the width the page's tables need (Material's `hide: [toc]`, read when the theme renders).
        page.meta["hide"] = [*page.meta.get("hide", []), "toc"]
    site, context = _hook.build.site, generated.context()
    if description := site.description(context):
        # read by the theme when it renders the page (after this); escaped here, as MkDocs'
        # theme templates do not escape meta
        page.meta["description"] = Markup(html.escape(description))
    if (modified := site.modified(context)) is not None:
        # the sitemap's lastmod, where it is known not to be the build's date (MkDocs writes
        # sitemap.xml from update_date after reading the pages, before writing them)
        page.update_date = modified.isoformat()
    if generated.search_template:  # what the search plugin indexes; the page's own HTML comes in on_page_context
        return site.render(generated, generated.search_template, context)
    rendered = site.render(generated, context=context)
    return content + rendered if generated.append else rendered


def _toc_entries(toc) -> list:
    """What the theme's table of contents lists: when the first heading is an h1 (the page's
    title) only its sub-headings are listed (Material's partials/toc.html)."""
    items = list(toc)
    return list(items[0].children) if items and items[0].level == 1 else items


@event_priority(50)  # before Material's search plugin (priority 0) indexes the page's content
def _before_search(context, page, config, nav):
    generated = _hook.build.pages.get(page.file.src_uri)
    if generated is not None and generated.searchable and not generated.search_template:
        # the search is given the page without its excluded tables, and the page gets its
        # whole HTML back after (the one page being built is held, not every page)
        _hook.build.held = page.content
        page.content = for_search(page.content)
    return context


@event_priority(-50)  # after Material's search plugin (priority 0) has indexed the page's content
def _after_search(context, page, config, nav):
    generated = _hook.build.pages.get(page.file.src_uri)
    if generated is not None and generated.search_template:
        page.content = _hook.build.site.render(generated)
    elif _hook.build.held is not None:
        page.content, _hook.build.held = without_search_marks(_hook.build.held), None
    if page.meta.get("light"):
        # overrides/light.html is written compact, and puts this between two line breaks as it
        # is (on_post_page passes the page by); a whitespace run at either end would be a second
        page.content = compact_html(page.content).strip(" \n")
    return context


on_page_context = CombinedEvent(_before_search, _after_search)


def on_env(env, config, files):
    site = _hook.build.site
    if site is None:  # the problems page: nothing is rendered with the theme
        return env
    env.globals["block_cache"] = {}  # overrides/main.html: navigation rendered once per folder
    env.globals["tab_holds"] = _tab_holds  # overrides/partials/tabs-item.html
    env.filters["compact_html"] = compact_html  # overrides/light.html: what it makes once per folder
    env.globals["material_files"] = _material_files(env)  # overrides/light.html
    env.globals["site_search"] = _searching(config)  # overrides/light.html: the header's search button
    header = files.get_file_from_path(HEADER_JS)
    if header is not None and env.globals["site_search"]:
        # the light pages' search box, carried by header.js (MkDocs copies the assets after on_env)
        box = compact_html(env.get_template("partials/light-search.html").render(config=config)).strip()
        header.content_string = with_search_box(header.content_string, box)
    return env


def _searching(config) -> bool:
    """Whether the site has Material's search on: asked once a build, for the light pages' search
    button (overrides/light.html) and their box (in header.js)."""
    search = config.plugins.get("material/search")
    return search is not None and search.config.enabled


_MATERIAL_FILES = {  # what Material's base.html names, with the hash of the installed version
    "main_css": r"assets/stylesheets/main\.[0-9a-f]+\.min\.css",
    "palette_css": r"assets/stylesheets/palette\.[0-9a-f]+\.min\.css",
    "bundle_js": r"assets/javascripts/bundle\.[0-9a-f]+\.min\.js",
    "generator": r"mkdocs-material-[^\"]+",
}


def _material_files(env) -> dict[str, str]:
    """The names of Material's stylesheets and bundle, and its generator line, read from the
    installed Material's own base.html: overrides/light.html does not extend it, and a newer
    Material (pyproject allows any 9.x) changes the hashes in the names."""
    source, _, _ = env.loader.get_source(env, "base.html")
    return {key: re.search(pattern, source).group() for key, pattern in _MATERIAL_FILES.items()}


def _holds(item, url: str) -> bool:
    """Whether a navigation item is, or holds, the page at `url`."""
    return getattr(item, "url", None) == url or any(_holds(child, url) for child in getattr(item, "children", None) or [])


def _tab_holds(tab, page) -> bool:
    """Whether a page out of the navigation (an award, a tender, a fund) belongs to this tab: the
    one holding its list. Decided by the page's folder, so the tabs rendered once per folder
    (overrides/main.html) stay right."""
    if page is None or not page.file.inclusion.is_not_in_nav():
        return False
    listing = addresses.list_of(page.url)
    return listing is not None and _holds(tab, listing.url)


def on_post_page(output, page, config):
    if page.file.src_uri in _hook.build.pages:
        # MkDocs keeps every page's HTML until the build ends; a generated page's is written now
        # and never read again, and at 100,000 awards they add up to hundreds of megabytes.
        page.content = None
    if _hook.build.bundle_config is None and not page.meta.get("light"):
        _hook.build.bundle_config = _bundle_config(output, page.url)
    if page.meta.get("light"):
        return output  # overrides/light.html: written compact, its page's content compacted above
    return compact_html(output)  # the theme's indentation and blank lines


_BUNDLE_CONFIG = re.compile(r'<script id="__config" type="application/json">(.*?)</script>', re.S)


def _bundle_config(output: str, url: str) -> dict | None:
    """Material's settings for its bundle (`__config`: the site's base, the search Worker, the
    words of its search), as a page in the navigation has them, its two links made from the site's
    root. A light page leaves them out (overrides/light.html, 756 bytes on each of thousands of
    pages) and assets/header.js reads them from BUNDLE_CONFIG when the reader searches."""
    found = _BUNDLE_CONFIG.search(output)
    if found is None:
        return None
    settings = json.loads(found.group(1))
    root = "https://site.invalid/"
    page = urljoin(root, url)
    for key in ("base", "search"):
        if isinstance(settings.get(key), str):
            settings[key] = urljoin(page, settings[key]).removeprefix(root) or "."
    return settings


def on_post_template(output_content, template_name, config):
    """MkDocs' sitemap.xml, split into parts when it lists more addresses than search engines
    read from one file (transparency/views/sitemap.py): the parts are written here, and MkDocs
    writes the index it is given as sitemap.xml (and sitemap.xml.gz)."""
    if template_name != SITEMAP:
        return output_content
    files = split_sitemap(output_content, config.site_url)
    for name, text in files.items():
        if name != SITEMAP:
            (Path(config.site_dir) / name).write_text(text, encoding="utf-8", newline="")
    return files.get(SITEMAP, output_content)


BUNDLE_CONFIG = "assets/bundle-config.json"  # assets/header.js asks for it by this name, beside itself


def on_post_build(config):
    if _hook.build.bundle_config is not None:
        target = Path(config.site_dir) / BUNDLE_CONFIG
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(_hook.build.bundle_config, sort_keys=True, ensure_ascii=False), encoding="utf-8")
    _hook.build.close()


def on_build_error(error):
    _hook.build.close()
