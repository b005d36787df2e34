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

# What is copied as it is: a raw element with its contents, a comment, a tag (quoted
# attribute values may hold ">"). Everything between them is text. One capturing group, round
# the whole: re.split then gives the text and the kept parts in turn.
_IN_TAG = r"""[^'">]*(?:(?:"[^"]*"|'[^']*')[^'">]*)*"""  # up to the tag's end, quoted values whole
_KEPT = re.compile(
    "(" + "|".join(rf"<{name}\b{_IN_TAG}>.*?</{name}\s*>" for name in ("pre", "textarea", "script", "style"))
    + r"|<!--.*?-->"
    + rf"|<[!/?a-zA-Z]{_IN_TAG}>)",
    re.S | re.I,
)
# HTML's whitespace only: Python's \s also matches the no-break space (U+00A0), which is text.
# Each pattern starts with a character it must match, so the search skips ahead to one (a
# pattern that can start with nothing is tried at every character: twice as slow over a site).
_FROM_NEWLINE = re.compile(r"[\r\n][ \t\n\r\f]*")  # a newline and the whitespace after it
_BEFORE_NEWLINE = re.compile(r"[ \t\f]+\n")  # what is left before it
# a run of two or more, or a tab or form feed alone: a whitespace character after a tab or form
# feed (the lookbehind) or before another whitespace character, and the rest of the run
_WITHOUT = re.compile(r"[ \t\f](?:(?<=[\t\f])|[ \t\f])[ \t\f]*")
_APART = "\0"  # joins the text parts, so the whole page's text is collapsed at once


def _collapsed(text: str) -> str:
    return _WITHOUT.sub(" ", _BEFORE_NEWLINE.sub("\n", _FROM_NEWLINE.sub("\n", text)))


def compact_html(page: str) -> str:
    """The page with each run of whitespace in its text made one newline or one space."""
    parts = _KEPT.split(page)  # text, kept, text, ..., text
    if _APART in page:
        parts[0::2] = [_collapsed(text) for text in parts[0::2]]
    else:
        parts[0::2] = _collapsed(_APART.join(parts[0::2])).split(_APART)
    return "".join(parts)
