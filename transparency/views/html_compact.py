"""Shorter HTML: runs of whitespace in a page's text collapsed to one character.

The theme's templates indent every line and leave blank lines where their tags were, and a
page out of the navigation (an award) was more whitespace than award. Browsers render a run of
whitespace between words or tags as one space (or none, between blocks), so one character
keeps what the page shows: a run becomes a newline if it held one (the source stays readable
line by line), else a space. Never removed, so "<strong>a</strong> <a>b</a>" keeps its space.

Left as they are: the contents of <pre> and <textarea> (whitespace shown as written), of
<script> and <style> (not HTML), comments, and everything inside a tag (attribute values).
"""
from __future__ import annotations

import re

# HTML's whitespace only: Python's \s also matches the no-break space (U+00A0), which is text.
_WHITESPACE = re.compile(r"[ \t\n\r\f]+")
# What is copied as it is: a raw element with its contents, a comment, a tag (quoted
# attribute values may hold ">"). Everything between them is text.
_KEPT = re.compile(
    r"<(pre|textarea|script|style)\b(?:\"[^\"]*\"|'[^']*'|[^'\">])*>.*?</\1\s*>"
    r"|<!--.*?-->"
    r"|<[!/?a-zA-Z](?:\"[^\"]*\"|'[^']*'|[^'\">])*>",
    re.S | re.I,
)


def _one(run: re.Match) -> str:
    return "\n" if "\n" in run.group() or "\r" in run.group() else " "


def compact_html(page: str) -> str:
    """The page with each run of whitespace in its text made one newline or one space."""
    out, at = [], 0
    for kept in _KEPT.finditer(page):
        out.append(_WHITESPACE.sub(_one, page[at:kept.start()]))
        out.append(kept.group())
        at = kept.end()
    out.append(_WHITESPACE.sub(_one, page[at:]))
    return "".join(out)
