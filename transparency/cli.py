"""`opcc-site validate`, `build`, `serve`, `import`, `new` and `update`; also `python -m transparency ...`.

validate: check the data the way the build does, without building. Prints each
problem as `path:line: field: message` (or as GitHub annotations with --format
github) and exits 1 if there is any. Warnings (`path:line: field: warning: ...`)
are printed among them but do not change the exit status, and so is a line for
each draft (`path:line: draft: not published yet: ...`), which is not published.

build: build the site with MkDocs into a new folder beside the output folder,
and swap it in only when the whole build succeeded, so a failed build leaves
the published site exactly as it was (never half old, half new, or empty).

serve: preview the site at http://127.0.0.1:8000 while you edit (MkDocs' own `serve`),
the same as `make serve`, for computers without `make` (Windows).

due: what is due on the build date (an officer's Monday list): outcome reports overdue and
due soon, contracts ending, extension decisions, notices owed, tenders closing this month,
each with the file to open; `--html FILE` writes the same as a printable page (not published).
"""
from __future__ import annotations

import argparse
import importlib.util
import os
import secrets
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

from . import staging, start
from .build_date import build_date, build_moment
from .dates import format_date
from .due import DueList, due_list
from .problems import WARNING, Problem, drafts, drafts_summary, errors
from .rules import load_checked


def validate(data_dir: Path, today: date | None = None) -> list[Problem]:
    """Every problem and warning in the data, as the build would report it (sorted by file and line)."""
    _, problems = load_checked(data_dir, today or build_date())
    return sorted(problems)


# What can build the site (README, "After Material for MkDocs"; tests/test_builders.py compares their
# sites). MkDocs and ProperDocs (a fork of MkDocs 1.6.1 that keeps hooks and plugins) read mkdocs.yml
# as it is and run our hooks; Zensical runs no hooks, so it is given staged pages (staging.py).
BUILDERS = ("mkdocs", "properdocs", "zensical")
STAGED = ("zensical",)


def builder_missing(builder: str) -> int:
    """2, having said how to install it, when the builder is not installed; 0 when it is."""
    if importlib.util.find_spec(builder) is not None:
        return 0
    print(f"{builder} is not installed here: `make site BUILDER={builder}` installs it, or run "
          f"`python -m pip install -e '.[{builder}]'`.", file=sys.stderr)
    return 2


def build(site: Path, config: Path = Path("mkdocs.yml"), builder: str = "mkdocs") -> int:
    """Build into a fresh folder beside `site`, then swap it in. Returns the exit status.

    The builder (MkDocs unless told) runs as a separate process (`mkdocs build --strict`): the
    domain code never imports it, and however it fails, `site` is untouched.
    """
    site, config = Path(os.path.abspath(site)), Path(os.path.abspath(config))
    if not config.is_file():
        print(f"There is no {config}: run this in the project folder, or give --config.", file=sys.stderr)
        return 2
    if config.parent == site or site in config.parents:
        print(f"The output folder {site} holds the project itself: choose a folder of its own, such as site.",
              file=sys.stderr)
        return 2
    site.parent.mkdir(parents=True, exist_ok=True)
    tag = f"{os.getpid()}-{secrets.token_hex(4)}"
    new = site.parent / f".{site.name}.new-{tag}"  # same folder, so the swap is a rename, never a copy
    old = site.parent / f".{site.name}.old-{tag}"
    new.mkdir()
    env = {**os.environ}
    env.setdefault("NO_MKDOCS_2_WARNING", "1")
    try:
        if builder in STAGED:
            status = staging.build(config, new, build_moment(), builder)
        else:
            status = subprocess.run(
                [sys.executable, "-m", builder, "build", "--strict", "-f", str(config), "-d", str(new)],
                env=env, cwd=config.parent).returncode
        if status != 0:
            print(f"The build failed, so nothing was published: {site} is as it was.", file=sys.stderr)
            return status
        had_site = site.exists() or site.is_symlink()
        if had_site:
            os.replace(site, old)  # move the previous site aside...
        try:
            os.replace(new, site)  # ...and put the new one in its place
        except OSError:
            if had_site:
                os.replace(old, site)  # put the previous site back
            raise
    finally:
        shutil.rmtree(new, ignore_errors=True)
        shutil.rmtree(old, ignore_errors=True)
    print(f"Site built: open {site / 'index.html'}", file=sys.stderr)
    return 0


def serve(config: Path, address: str, builder: str = "mkdocs") -> int:
    """MkDocs' preview server (the domain code never imports MkDocs). On Linux and macOS this
    process becomes the server, so Ctrl+C or a stop signal reaches it directly."""
    env = {**os.environ}
    env.setdefault("NO_MKDOCS_2_WARNING", "1")
    command = [sys.executable, "-m", builder, "serve", "-f", str(config), "-a", address]
    if os.name == "posix":
        os.execve(sys.executable, command, env)
    try:
        return subprocess.run(command, env=env).returncode
    except KeyboardInterrupt:  # Ctrl+C stops the preview: not an error
        return 0


def due_text(listing: DueList) -> str:
    """The due list as the command prints it: each section, its lines and their files, or "none"."""
    out = [f"What is due on {format_date(listing.today)}", ""]
    for section in listing.sections:
        out.append(f"{section.title}:")
        out += [f"  - {line.text}\n    {line.file}" for line in section.lines] or ["  none"]
        out.append("")
    return "\n".join(out)


def due(data_dir: Path, html: Path | None = None, today: date | None = None) -> int:
    """Print the due list for the build date. Exit 0 whatever is due; 1 only when the data
    cannot be read, saying so (validate lists the problems)."""
    today = today or build_date()
    ds, problems = load_checked(data_dir, today)
    if stopping := errors(problems):
        n = len(stopping)
        print(f"The data in {data_dir} has {n} problem{'s' if n != 1 else ''}: run `opcc-site validate` "
              "and fix them first.", file=sys.stderr)
        return 1
    listing = due_list(ds, today)
    print(due_text(listing))
    if html is not None:
        from .views.due_page import due_page  # only --html needs the templates
        html.write_text(due_page(listing, ds.organisation), encoding="utf-8")
        print(f"Written {html} (for staff: do not publish it).", file=sys.stderr)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="opcc-site", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    v = sub.add_parser("validate", help="check every data file against the model and the strategy's rules")
    v.add_argument("--data", type=Path, default=Path("data"), help="the data folder (default: data)")
    v.add_argument("--format", choices=["text", "github"], default="text")
    b = sub.add_parser("build", help="build the site; a failed build leaves the previous site as it was")
    b.add_argument("--site", type=Path, default=Path("site"), help="the output folder (default: site)")
    b.add_argument("--config", type=Path, default=Path("mkdocs.yml"), help="the MkDocs configuration (default: mkdocs.yml)")
    b.add_argument("--builder", choices=BUILDERS, default="mkdocs", help="what builds it (default: mkdocs)")
    s = sub.add_parser("serve", help="preview the site at http://127.0.0.1:8000, rebuilt when a file changes")
    s.add_argument("--config", type=Path, default=Path("mkdocs.yml"), help="the MkDocs configuration (default: mkdocs.yml)")
    s.add_argument("--builder", choices=[b for b in BUILDERS if b not in STAGED], default="mkdocs",
                   help="what builds and serves it (default: mkdocs; a staged builder cannot preview)")
    s.add_argument("--address", default="127.0.0.1:8000", help="where to serve (default: 127.0.0.1:8000)")
    i = sub.add_parser("import", help="bring in awards from a spreadsheet (CSV, XLSX) or a 360Giving file")
    i.add_argument("file", type=Path, help="the .csv, .xlsx or 360Giving .json file")
    i.add_argument("--mapping", type=Path, help="the mapping file (without it, a suggested one is written)")
    i.add_argument("--data", type=Path, default=Path("data"), help="the data folder (default: data)")
    i.add_argument("--overwrite", action="store_true", help="replace award files that exist")
    d = sub.add_parser("due", help="list what is due: outcome reports, contracts ending, decisions, tenders closing")
    d.add_argument("--data", type=Path, default=Path("data"), help="the data folder (default: data)")
    d.add_argument("--html", type=Path, metavar="FILE", help="also write the list as a printable HTML page (not published)")
    start.add_commands(sub)  # new, update
    args = parser.parse_args(argv)

    if hasattr(args, "run"):
        return args.run(args)

    if args.command == "import":
        from .importing.run import main as import_main  # only this command needs the importer (and openpyxl)
        return import_main(args.file, args.mapping, args.data, args.overwrite)
    if args.command == "build":
        return builder_missing(args.builder) or build(args.site, args.config, args.builder)
    if args.command == "serve":
        return builder_missing(args.builder) or serve(args.config, args.address, args.builder)
    if args.command == "due":
        return due(args.data, args.html)
    problems = validate(args.data)
    for p in problems:
        print(p.github() if args.format == "github" else str(p))
    stopping = errors(problems)
    if w := sum(p.severity == WARNING for p in problems):
        what = "likely mistakes to check, which do" if w != 1 else "a likely mistake to check, which does"
        print(f"{w} warning{'s' if w != 1 else ''}: {what} not stop publishing (see EDITING.md, \"Warnings\").",
              file=sys.stderr)
    if d := len(drafts(problems)):
        print(drafts_summary(d), file=sys.stderr)
    if stopping:
        n = len(stopping)
        print(f"{n} problem{'s' if n != 1 else ''} found: fix {'them' if n != 1 else 'it'} and run this again.",
              file=sys.stderr)
        return 1
    print(f"The data in {args.data} is valid.", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
