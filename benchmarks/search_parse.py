"""CPU Material's search plugin spends indexing the generated pages, measured in-process (less noisy
than a whole build on a shared machine).

    PYTHONPATH=. python benchmarks/search_parse.py /tmp/data-10k            # the working tree
    PYTHONPATH=/tmp/old-source python benchmarks/search_parse.py /tmp/data-10k   # another generator

Renders every searchable generated page as the hook gives it to MkDocs (a page's search_template,
if it has one, else the page), then times Material's SearchIndex.add_entry_from_context on each, as
its on_page_context does (best of 3). Staff's Markdown pages are left out: the same either way.
"""
from __future__ import annotations

import gc
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path
from types import SimpleNamespace

from material.plugins.search.plugin import SearchIndex

from transparency import build
from transparency.dataset import load

EPOCH = 1795860000


def main(data: Path) -> None:
    ds, _ = load(data)
    now = datetime.fromtimestamp(EPOCH, timezone.utc)
    with tempfile.TemporaryDirectory() as spool:
        site = build.site(ds, now, spool=Path(spool))
        pages = [p for p in site.pages() if p.searchable and not p.append]
        search = [getattr(p, "search_template", None) for p in pages]  # older generators have none
        html = [site.render(p, t) if t else site.render(p) for p, t in zip(pages, search)]
    best, entries = None, 0
    for _ in range(3):
        index = SearchIndex(lang=["en"], separator="", pipeline=[], fields={})
        gc.collect()
        start = time.process_time()
        for p, h in zip(pages, html):
            index.add_entry_from_context(SimpleNamespace(content=h, meta={}, toc=[], url=p.url, title=p.title))
        took = time.process_time() - start
        best, entries = min(best or took, took), len(index.entries)
    print(f"{len(pages):,} searchable generated pages, {sum(map(len, html)) / 1e6:.1f} MB of HTML given to "
          f"search: indexed in {best:.2f} s CPU (best of 3), {entries:,} entries")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
