"""assets/header.js with the light pages' search box written into it (issue 20).

A light page (an award, a recipient, a list's later page) has no search box of its own: the box is
the same on every page, 1.3 KB of each of thousands of them, and is only of use with JavaScript
(without it the theme hides the box and its button). So the box is made once a build and carried
by header.js, which every page already loads and the browser keeps; header.js puts it after the
header's search button as the page is read. The builder renders the box (it needs the theme's words
and icons); this holds where it goes in the script.
"""
from __future__ import annotations

import json

HEADER_JS = "assets/header.js"
_SLOT = "var SEARCH_BOX = null;"  # in assets/header.js: no box, until a build gives one


def with_search_box(script: str, box: str) -> str:
    """header.js's text, carrying `box` (HTML) for the light pages."""
    if script.count(_SLOT) != 1:
        raise ValueError(f"{HEADER_JS} must say {_SLOT!r} once, where the light pages' search box is written")
    return script.replace(_SLOT, f"var SEARCH_BOX = {json.dumps(box)};")
