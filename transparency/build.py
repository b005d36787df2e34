"""One build of the site from a checked Dataset, in the order each part needs the last:
data -> figures -> downloads -> pages; and what a builder is given of it.

The downloads are made here, not by the pages: the pages only link to them, and
the builder publishes their bytes. Nothing here knows MkDocs: the MkDocs hook and
the staged build for builders that run no hooks (staging.py) both ask these
functions, so each file and setting is made in one place whichever builds the site.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from . import figures as fig
from . import promises
from .cms import admin_files
from .dataset import Dataset
from .exports.catalogue import downloads
from .model import Organisation
from .problems import WARNING, Problem
from .schemas import all_schemas, schema_json
from .views.pages import ASSETS, ROWS_PER_PAGE, Page, Site


def site(ds: Dataset, now: datetime, rows_per_page: int = ROWS_PER_PAGE, spool: Path | None = None) -> Site:
    """Everything generated from `ds` at `now`. With `spool`, each download's bytes are
    written to that folder as they are made (catalogue.downloads)."""
    figures = fig.compute(ds)
    measured = promises.measure(ds, now.date())  # the promises page and promises.csv show the same
    files = downloads(ds, figures, measured, now, spool)
    return Site(ds, now, figures, measured, files, rows_per_page)


@dataclass(frozen=True)
class OutputFile:
    """A file the site publishes as it is, not a page: its path in the site, and its bytes
    (`content`) or the file that holds them (`source`)."""

    path: str
    content: bytes | str | None = None
    source: Path | None = None


def output_files(built: Site) -> list[OutputFile]:
    """Every file published beside the pages: the downloads under /data/ (CSV, JSON, 360Giving,
    OCDS, feeds, calendar), the JSON Schemas for editors, the web editor at /admin/, and the
    site's own CSS and JavaScript."""
    out = [OutputFile(d.path, source=d.file) for d in built.downloads]
    out += [OutputFile(f"schemas/{name}", content=schema_json(schema)) for name, schema in all_schemas().items()]
    out += editor_files(built.org)
    out += [OutputFile(f"assets/{asset.name}", source=asset) for asset in sorted(ASSETS.iterdir())]
    return out


def editor_files(organisation: Organisation | None) -> list[OutputFile]:
    """The web editor at /admin/ (made from the organisation, or from none while it cannot be read)."""
    return [OutputFile(path, content=content) for path, content in admin_files(organisation).items()]


def theme_settings(org: Organisation) -> dict:
    """What the theme shows from organisation.yml, as plain text for a builder's config: the site's
    name, description and footer, and `organisation`, which the templates in overrides/ read as
    `config.extra.organisation` (every builder gives templates its config)."""
    return {
        "site_name": org.short_name,
        "site_description": f"Funding and commissioning by the {org.name}",
        "copyright": f"{org.name}. Data published under the {org.licence.name}.",
        "organisation": {"name": org.name, "email": org.email, "website": org.website,
                         "example_notice": org.example_notice},
    }


def page_meta(page: Page) -> dict:
    """What a generated page tells the theme (Material's page metadata): its title, and, for a
    page the site search leaves out, so."""
    meta: dict = {"title": page.title}
    if not page.searchable:
        meta["search"] = {"exclude": True}
    return meta


def replaced_pages(built: Site, docs_dir: Path, shown_as: str = "content") -> list[Problem]:
    """A warning for each page staff wrote in `docs_dir` at an address the site now makes from the
    data (an office's own how-we-commission.md, from before the promises were measured): the
    generated page takes its place, so what they wrote would be lost from the site unsaid."""
    return [Problem(f"{shown_as}/{page.src_uri}", 0, "", (
                "this page is now made from the data at every build, so what is written here is not "
                "published: move anything you want to keep to a page of its own (and its line in "
                "mkdocs.yml's nav), then delete this file"), WARNING)
            for page in built.pages() if not page.append and (docs_dir / page.src_uri).is_file()]
