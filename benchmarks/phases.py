"""Time the generator's own phases on a data folder, without MkDocs and without a profiler.

    python benchmarks/phases.py DATA_DIR [--repeat 3]

Loads the data, checks it, builds the Site (figures and every download) and
renders every generated page, timing each step (best of --repeat). It also
reports what a profiler cannot show well:

- per-page render time by template, so a page whose cost grows with the number
  of awards (quadratic work when it is a per-award page) stands out when this is
  run at two sizes;
- how many times each template is compiled and how many macro modules are made
  (an `{% import %}` re-runs the imported template for every page that imports it);
- the bytes of every download held in memory for the whole build;
- the largest generated pages (the generated HTML only; MkDocs adds about 18 KB of
  theme around each page).

Run it at two sizes to see what grows faster than the data:

    python benchmarks/make_data.py 1000 /tmp/d1k && python benchmarks/phases.py /tmp/d1k
    python benchmarks/make_data.py 10000 /tmp/d10k && python benchmarks/phases.py /tmp/d10k
"""
from __future__ import annotations

import argparse
import gc
import os
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
os.environ.setdefault("SOURCE_DATE_EPOCH", "1795860000")


def best(fn, repeat: int):
    """(fastest seconds, last result)."""
    times, result = [], None
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return min(times), result


def count_calls(owner, name: str, counter: dict, key: str):
    original = getattr(owner, name)

    def wrapper(*args, **kwargs):
        counter[key] += 1
        return original(*args, **kwargs)

    setattr(owner, name, wrapper)
    return lambda: setattr(owner, name, original)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--source", type=Path, default=ROOT,
                        help="the folder holding the `transparency` package to time (default: this checkout)")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(args.source.resolve()))
    global jinja2, fig, build_moment, load, check, build
    import jinja2
    from transparency import figures as fig
    from transparency.build_date import build_moment
    from transparency.dataset import load
    from transparency.rules import check
    from transparency import build

    r = args.repeat
    now = build_moment()
    rows: list[tuple[str, float, str]] = []

    t, (ds, problems) = best(lambda: load(args.data), r)
    n = len(ds.awards)
    rows.append(("load the data folder (dataset.load)", t, f"{len(ds.awards):,} awards, {len(ds.tenders):,} tenders"))
    if problems:
        print(f"{len(problems)} problems in {args.data}: run `python -m transparency validate` first", file=sys.stderr)
        return 1
    t, found = best(lambda: check(ds, now.date()), r)
    rows.append(("check the rules (rules.check)", t, f"{len(found)} problems"))
    t, _ = best(lambda: fig.compute(ds), r)
    rows.append(("figures.compute", t, ""))

    # the downloads, one maker at a time (what build.site() does once per build)
    from transparency.exports import calendar, feeds, giving360, ocds
    from transparency.exports.catalogue import downloads
    from transparency.exports.tables import tables
    from transparency import promises
    figures = fig.compute(ds)
    t, measured = best(lambda: promises.measure(ds, now.date()), r)
    rows.append(("promises.measure", t, f"{len(measured)} promises"))
    t, made = best(lambda: tables(ds, figures, measured, now), r)
    rows.append(("  exports: make the tables (rows and columns)", t, f"{len(made)} tables"))
    # each row's CSV line and JSON object are made once and shared by the tables that show it
    # (tables.RowText), so time fresh tables, both formats together
    t, _ = best(lambda: [(tb.csv(), tb.json()) for tb in tables(ds, figures, measured, now)], r)
    rows.append(("  exports: every table as CSV and JSON", t, ""))
    t, package = best(lambda: giving360.grants(ds, now), r)
    rows.append(("  exports: the 360Giving package (made once for JSON and CSV)", t, ""))
    t, _ = best(lambda: giving360.grants_json(ds, now, package), r)
    rows.append(("  exports: 360giving.json", t, ""))
    t, _ = best(lambda: giving360.grants_csv(ds, now, package), r)
    rows.append(("  exports: 360giving.csv", t, ""))
    t, _ = best(lambda: ocds.release_package_json(ds, now, figures), r)
    rows.append(("  exports: ocds.json", t, ""))
    t, _ = best(lambda: (feeds.tenders_feed(ds, figures), feeds.awards_feed(ds), calendar.tender_calendar(ds)), r)
    rows.append(("  exports: feeds and calendar", t, ""))
    t, dl = best(lambda: downloads(ds, figures, measured, now), r)
    held = sum(len(d.content) for d in dl)
    rows.append(("all downloads (catalogue.downloads)", t, f"{len(dl)} files, {held / 1e6:.1f} MB held in memory"))

    t, site = best(lambda: build.site(ds, now), r)
    rows.append(("build.site(ds, now): figures + downloads", t, ""))
    pages = site.pages()
    rows.append(("Site.pages()", best(site.pages, r)[0], f"{len(pages):,} pages"))

    # render every page once, counting template compiles and macro-module builds
    counts: dict[str, int] = defaultdict(int)
    undo = [count_calls(jinja2.Environment, "compile", counts, "compile"),
            count_calls(jinja2.Template, "make_module", counts, "make_module")]
    by_template: dict[str, list[float]] = defaultdict(list)
    sizes: list[tuple[int, str]] = []
    gc.collect()
    start = time.perf_counter()
    for page in pages:
        s = time.perf_counter()
        html = site.render(page)
        by_template[page.template].append(time.perf_counter() - s)
        sizes.append((len(html.encode("utf-8")), page.src_uri))
    total_render = time.perf_counter() - start
    for u in undo:
        u()
    rows.append(("render every generated page (Site.render)", total_render,
                 f"{counts['compile']} template compiles, {counts['make_module']} macro modules made"))

    width = max(len(name) for name, _, _ in rows)
    print(f"Data: {args.data} ({n:,} awards); generator in {args.source}; best of {r} runs; "
          f"Python {sys.version.split()[0]}\n")
    print(f"| {'phase'.ljust(width)} | seconds | notes |")
    print(f"|{'-' * (width + 2)}|--------:|-------|")
    for name, secs, note in rows:
        print(f"| {name.ljust(width)} | {secs:7.3f} | {note} |")

    print("\n| template | pages | total s | ms per page | largest page (generated HTML) |")
    print("|---|---:|---:|---:|---|")
    largest: dict[str, tuple[int, str]] = {}
    for (size, uri), page in zip(sizes, pages):
        if size > largest.get(page.template, (0, ""))[0]:
            largest[page.template] = (size, uri)
    for template, times in sorted(by_template.items(), key=lambda kv: -sum(kv[1])):
        size, uri = largest[template]
        print(f"| {template} | {len(times):,} | {sum(times):.3f} | {1000 * sum(times) / len(times):.2f} "
              f"| {size / 1000:,.0f} KB `{uri}` |")
    big = [(s, u) for s, u in sorted(sizes, reverse=True) if s > 300_000]
    if big:
        print("\nGenerated HTML over 300 KB (before the theme is added): "
              + ", ".join(f"`{u}` {s / 1000:,.0f} KB" for s, u in big))
    print("\nLargest downloads held in memory: " + ", ".join(
        f"{d.name} {len(d.content) / 1e6:.1f} MB" for d in sorted(dl, key=lambda d: -len(d.content))[:6]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
