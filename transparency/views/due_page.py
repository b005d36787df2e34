"""The due list as a printable HTML page (`opcc-site due --html FILE`): for staff, never
published, so it needs nothing of the site's theme (plain, accessible, one file)."""
from __future__ import annotations

from ..due import DueList
from ..model import Organisation
from .pages import make_environment


def due_page(due: DueList, org: Organisation) -> str:
    return make_environment().get_template("due.html").render(due=due, org=org)
