"""One build of the site from a checked Dataset, in the order each part needs the last:
data -> figures -> downloads -> pages.

The downloads are made here, not by the pages: the pages only link to them, and
the hook publishes their bytes. Nothing here knows MkDocs.
"""
from __future__ import annotations

from datetime import datetime
from pathlib import Path

from . import figures as fig
from .dataset import Dataset
from .exports.catalogue import downloads
from .views.pages import ROWS_PER_PAGE, Site


def site(ds: Dataset, now: datetime, rows_per_page: int = ROWS_PER_PAGE, spool: Path | None = None) -> Site:
    """Everything generated from `ds` at `now`. With `spool`, each download's bytes are
    written to that folder as they are made (catalogue.downloads)."""
    figures = fig.compute(ds)
    files = downloads(ds, figures, now, spool)
    return Site(ds, now, figures, files, rows_per_page)
