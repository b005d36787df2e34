"""A problem found in the data, said so that a member of staff can fix it.

Most problems are errors: the data is wrong and nothing is published until it
is fixed. A warning is a likely mistake that may still be right (two awards
alike in recipient, amount and date; a contract of £64): it is shown
everywhere an error is, but publishing goes ahead. `errors()` is the one place
that decides what stops publishing.

A note is neither: it says where a draft stands (a fund, award or tender file
with `draft: true`, never published; EDITING.md, "Drafts"), and is shown with
the warnings. A draft's own problems are warnings, since it is not published.
"""
from __future__ import annotations

from dataclasses import dataclass

ERROR = "error"
WARNING = "warning"
NOTE = "note"


@dataclass(frozen=True, order=True)
class Problem:
    path: str  # relative to the project, e.g. data/awards/abc.yml
    line: int  # 1-based; 0 when the problem is about the whole file
    field: str  # dotted, e.g. term.extensions; "" for the whole file
    message: str
    severity: str = ERROR  # ERROR, WARNING or NOTE

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        message = f"warning: {self.message}" if self.severity == WARNING else self.message
        return f"{where}: {self.field}: {message}" if self.field else f"{where}: {message}"

    def github(self) -> str:
        """A GitHub Actions annotation, shown on the changed line of a pull request."""
        msg = (f"{self.field}: {self.message}" if self.field else self.message)
        msg = msg.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        line = f",line={self.line}" if self.line else ""
        if self.severity == WARNING:
            return f"::warning file={self.path}{line},title=Data warning::{msg}"
        if self.severity == NOTE:
            return f"::notice file={self.path}{line},title=Draft::{msg}"
        return f"::error file={self.path}{line},title=Data problem::{msg}"


def short(text: str) -> str:
    """A value staff typed, as a message quotes it: on one line and at most 40 characters."""
    text = text.replace("\n", " ")
    return text if len(text) <= 40 else text[:37] + "..."


def errors(problems: list[Problem]) -> list[Problem]:
    """The problems that stop publishing: every one but the warnings and the notes."""
    return [p for p in problems if p.severity == ERROR]


def drafts(problems: list[Problem]) -> list[Problem]:
    """The notes among `problems`: one for each draft, saying what it still needs."""
    return [p for p in problems if p.severity == NOTE]


def drafts_summary(n: int) -> str:
    """How many drafts are not published, as validate ends with it."""
    return f"{n} draft{'s are' if n != 1 else ' is'} not published (see EDITING.md, \"Drafts\")."


def warnings_report(problems: list[Problem]) -> str:
    """The warnings and the drafts among `problems` as the build prints them, or "" when there are none."""
    found = sorted(p for p in problems if p.severity == WARNING)
    notes = sorted(drafts(problems))
    lines = []
    if found:
        n = len(found)
        lines += [f"{n} warning{'s' if n != 1 else ''} in the data (published all the same; see EDITING.md, \"Warnings\"):",
                  *(f"  {p}" for p in found)]
    if notes:
        lines += [f"{len(notes)} draft{'s' if len(notes) != 1 else ''} in the data, not published "
                  "(see EDITING.md, \"Drafts\"):", *(f"  {p}" for p in notes)]
    return "\n".join(lines)


class DataErrors(Exception):
    """Raised by the build when the data has problems: nothing is published."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        n = len(self.problems)
        head = f"{n} problem{'s' if n != 1 else ''} in the data; nothing was published:"
        super().__init__("\n".join([head, *(f"  {p}" for p in self.problems)]))
