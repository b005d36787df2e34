"""Summarise a cProfile of a build: where the time goes, ours against MkDocs, Material, Markdown and Jinja.

    cd PROJECT && SOURCE_DATE_EPOCH=1795860000 NO_MKDOCS_2_WARNING=1 \\
        python -m cProfile -o /tmp/prof.out -m mkdocs build --strict -d /tmp/prof-site
    python benchmarks/profile_summary.py /tmp/prof.out [--top 25]

Prints (1) the own time (tottime) of every function grouped by where its code
lives, which adds up to the whole build; (2) the top cumulative costs in our
code (hooks/ and transparency/, templates included); (3) the top cumulative
costs in the libraries. cProfile slows pure-Python code several times over
(Jinja templates most), so read the shares, not the seconds; a sampling
profiler (`python -m pyinstrument -m mkdocs build ...`) gives truer seconds.
"""
from __future__ import annotations

import argparse
import pstats
import re
from collections import defaultdict

GROUPS = [  # (group, pattern on the file name), first match wins
    ("ours: templates (transparency/views/templates)", r"transparency/views/templates/"),
    ("ours: hooks/", r"/hooks/"),
    ("ours: transparency/ (load, convert, yamlfile)", r"transparency/(dataset|convert|yamlfile|model)\.py"),
    ("ours: transparency/exports/", r"transparency/exports/"),
    ("ours: transparency/ (other)", r"/transparency/"),
    ("Material templates (page, nav, header...)", r"material/templates/|overrides/"),
    ("Material search plugin", r"material/plugins/search"),
    ("Material (other)", r"/material/"),
    ("Jinja2 runtime", r"/jinja2/"),
    ("MarkupSafe", r"/markupsafe/"),
    ("Markdown", r"/markdown/|/pymdownx/"),
    ("MkDocs", r"/mkdocs/"),
    ("html.parser (search indexing)", r"html/parser\.py|_markupbase"),
    ("json", r"/json/"),
    ("PyYAML / libyaml", r"/yaml/"),
    ("built-ins (str.join, I/O, regex...)", r"^~$"),
]


def group_of(filename: str) -> str:
    for name, pattern in GROUPS:
        if re.search(pattern, filename):
            return name
    return "Python standard library and other"


def short(key) -> str:
    filename, line, func = key
    filename = re.sub(r".*/site-packages/", "", filename)
    filename = re.sub(r".*/(hooks|transparency|overrides)/", r"\1/", filename)
    return f"{filename}:{line}({func})"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("profile")
    parser.add_argument("--top", type=int, default=25)
    args = parser.parse_args(argv)
    stats = pstats.Stats(args.profile).stats  # key -> (primitive calls, calls, tottime, cumtime, callers)
    total = sum(v[2] for v in stats.values())

    own: dict[str, float] = defaultdict(float)
    for key, v in stats.items():
        own[group_of(key[0])] += v[2]
    print(f"Own time by where the code lives (total {total:.1f} s under cProfile):\n")
    print("| code | own time | share |\n|---|---:|---:|")
    for name, t in sorted(own.items(), key=lambda kv: -kv[1]):
        print(f"| {name} | {t:.1f} s | {100 * t / total:.0f}% |")

    def top(pred, title):
        rows = sorted(((k, v) for k, v in stats.items() if pred(k)), key=lambda kv: -kv[1][3])[:args.top]
        print(f"\n{title}\n\n| function | calls | own s | cumulative s | share |\n|---|---:|---:|---:|---:|")
        for k, v in rows:
            print(f"| `{short(k)}` | {v[1]:,} | {v[2]:.2f} | {v[3]:.2f} | {100 * v[3] / total:.0f}% |")

    ours = re.compile(r"/hooks/|/transparency/")
    top(lambda k: bool(ours.search(k[0])), "Top cumulative costs in our code (hooks/, transparency/):")
    top(lambda k: not ours.search(k[0]) and re.search(r"/(mkdocs|material|markdown|jinja2)/|overrides/", k[0])
        and k[2] not in ("<module>",) and not re.search(r"mkdocs/(__main__|commands/build)\.py", k[0])
        and "click" not in k[0], "Top cumulative costs in MkDocs, Material, Markdown and Jinja:")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
