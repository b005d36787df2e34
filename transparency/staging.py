"""A build for a builder that runs no MkDocs hooks (Zensical): the generated pages are written into a
staging copy of `content/` before the builder runs, and the downloads, schemas, editor and assets
into its output after, so the builder needs nothing but a config of its own.

The same code makes everything as under the MkDocs hook (hooks/transparency_site.py, the default
path): `build.site` makes the pages and downloads, `build.output_files` lists what is published
beside the pages, `build.page_meta` and `build.theme_settings` say what the theme is told; each page's
HTML comes from `Site.render`, as the hook's does. Only where it is put differs: here in a Markdown
file (metadata as front matter, then the page's HTML, which Markdown passes through as it is),
there in MkDocs' page objects. tests/test_builders.py compares the two sites page by page.

Nothing here imports a builder: it runs as its own process, as cli.build runs MkDocs.
"""
from __future__ import annotations

import html
import shutil
import subprocess
import sys
import tempfile
from datetime import datetime
from pathlib import Path

import yaml

from .build import OutputFile, output_files, page_meta, replaced_pages, theme_settings
from .build import site as make_site
from .problems import DataErrors, errors, warnings_report
from .rules import load_checked
from .views.pages import ROWS_PER_PAGE, Page, Site

# What the MkDocs configuration says that only MkDocs reads: our hooks (which the staged pages
# replace), and the folders `mkdocs serve` watches.
MKDOCS_ONLY = ("hooks", "watch")
# Our copies of Material's own partials that Zensical's theme does differently: its search is its
# own (other markup and script), so Material's search box, copied, would be a box that does nothing.
MATERIAL_ONLY = ("partials/search.html",)
# In the theme folder, the few templates for Zensical alone, laid over the rest for its build.
ZENSICAL_ONLY = "zensical"


def read_config(config: Path) -> dict:
    """The project's mkdocs.yml as plain data."""
    with config.open(encoding="utf-8") as f:
        return yaml.load(f, Loader=yaml.CSafeLoader) or {}


def staged_page(page: Page, body: str, description: str | None = None) -> str:
    """A generated page as a Markdown file: its metadata as front matter (with its own description,
    Site.description, when it has one), then its HTML. The table of contents is hidden, as the hook
    hides it, since a generated page has no headings in Markdown to list."""
    meta = {**page_meta(page), "hide": ["toc"]}
    meta["title"] = html.escape(meta["title"])  # the theme prints titles as they are, and they come from data
    if description:
        meta["description"] = html.escape(description)  # and its meta, the same
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=True) + "---\n\n" + body + "\n"


def stage_pages(built: Site, docs: Path) -> None:
    """Each generated page into the staged `docs` (a copy of content/): a new file, or, for a page
    staff wrote (the home page), its generated part after what they wrote."""
    for page in built.pages():
        target = docs / page.src_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        context = page.context()
        body = built.render(page, context=context)
        if page.append and target.is_file():
            target.write_text(target.read_text(encoding="utf-8").rstrip("\n") + "\n\n" + body + "\n", encoding="utf-8")
        else:
            target.write_text(staged_page(page, body, built.description(context)), encoding="utf-8")


def staged_config(config: dict, built: Site) -> dict:
    """The builder's config, beside the staged `docs` and `overrides` (Zensical wants every folder
    inside the config's own): the project's, without what only MkDocs reads, and with what the hook
    would set from organisation.yml."""
    staged = {k: v for k, v in config.items() if k not in MKDOCS_ONLY}
    settings = theme_settings(built.org)
    staged.update(docs_dir="docs", site_dir="site")
    # The theme prints these as they are in most places (and escapes them in a few: there an `&`
    # shows as `&amp;`): escaped here, so a name from data can never be read as markup.
    staged.update({name: html.escape(settings[name]) for name in ("site_name", "site_description", "copyright")})
    if built.org.site_url and not staged.get("site_url"):
        staged["site_url"] = built.org.site_url
    theme = dict(staged.get("theme") or {})
    if theme.get("custom_dir"):
        theme["custom_dir"] = "overrides"
    # Zensical's look that is Material's: the site's own styles, and the accessibility fixes in
    # them (contrast, focus, the footer's colours), were made against it; its "modern" look has
    # a light footer, where the contact line's white text would not be read.
    theme.setdefault("variant", "classic")
    staged["theme"] = theme
    staged["extra"] = {**(staged.get("extra") or {}), "organisation": settings["organisation"]}
    return staged


def publish(outputs: list[OutputFile], out: Path) -> None:
    """The files published beside the pages, into the built site."""
    for f in outputs:
        target = out / f.path
        target.parent.mkdir(parents=True, exist_ok=True)
        if f.source is not None:
            shutil.copyfile(f.source, target)
        else:
            target.write_bytes(f.content if isinstance(f.content, bytes) else f.content.encode("utf-8"))


def build(config_file: Path, out: Path, now: datetime, builder: str = "zensical") -> int:
    """Check the data, stage the pages, run the builder into `out`, and publish the other files.
    Returns the exit status: 1, having printed the problems, when the data has any."""
    project = config_file.parent
    config = read_config(config_file)
    data_dir = project / (config.get("extra") or {}).get("data_dir", "data")
    ds, problems = load_checked(data_dir, now.date(), history=True)
    if report := warnings_report(problems):
        print(report, file=sys.stderr)
    if stopping := errors(problems):
        print(DataErrors(stopping), file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory(prefix="transparency-stage-") as tmp:
        stage = Path(tmp)
        shutil.copytree(project / config.get("docs_dir", "docs"), stage / "docs")
        (stage / "spool").mkdir()  # the downloads' bytes, as they are made
        built = make_site(ds, now, rows_per_page=int((config.get("extra") or {}).get("rows_per_page", ROWS_PER_PAGE)),
                          spool=stage / "spool")
        docs_dir = config.get("docs_dir", "docs")
        if report := warnings_report(replaced_pages(built, project / docs_dir, docs_dir)):
            print(report, file=sys.stderr)
        stage_pages(built, stage / "docs")
        if (config.get("theme") or {}).get("custom_dir"):
            overrides = stage / "overrides"
            shutil.copytree(project / config["theme"]["custom_dir"], overrides)
            for name in MATERIAL_ONLY:
                (overrides / name).unlink(missing_ok=True)
            if (overrides / ZENSICAL_ONLY).is_dir():
                shutil.copytree(overrides / ZENSICAL_ONLY, overrides, dirs_exist_ok=True)
                shutil.rmtree(overrides / ZENSICAL_ONLY)
        staged = stage / "mkdocs.yml"
        staged.write_text(yaml.safe_dump(staged_config(config, built), allow_unicode=True), encoding="utf-8")
        result = subprocess.run([sys.executable, "-m", builder, "build", "--strict", "-f", str(staged)], cwd=stage)
        if result.returncode != 0:
            return result.returncode
        shutil.copytree(stage / "site", out, dirs_exist_ok=True)
        publish(output_files(built), out)
    return 0
