"""What the preview (`mkdocs serve`) shows instead of the site while the data has problems.

A member of staff previewing an edit sees the problems in the browser, on whatever page
they asked for, and the page turns back into the site by itself once the data is fixed.
The web editor reads the same problems from PROBLEMS_JSON after a save (views/admin/editor.js).
"""
from __future__ import annotations

import json

from ..problems import WARNING, Problem, errors
from .pages import make_environment

# Where the preview publishes its problems, inside the editor's folder: editor.js fetches it as
# "problems.json", relative to the editor's page.
PROBLEMS_JSON = "admin/problems.json"


def problems_json(problems: list[Problem], built: int) -> str:
    """The build's problems for the editor: `built` (milliseconds since 1970, when the build began)
    tells one build's list from the next; `problems` is empty when the data is fine."""
    return json.dumps({"built": built, "problems": [
        {"path": p.path, "line": p.line, "field": p.field, "message": p.message, "severity": p.severity}
        for p in sorted(problems)]}, ensure_ascii=False, indent=1)


def problems_page(problems: list[Problem], built: int, root: str = "/") -> str:
    """A whole HTML page, needing nothing else from the site (the site could not be built).
    `root` is the address of the site's top, where PROBLEMS_JSON is found."""
    stopping = sorted(errors(problems))
    likely = sorted(p for p in problems if p.severity == WARNING)
    template = make_environment().get_template("problems.html")
    return template.render(problems=stopping, warnings=likely, built=built,
                           problems_url=root + PROBLEMS_JSON, editor_url=root + "admin/")
