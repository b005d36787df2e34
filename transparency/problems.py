"""A problem found in the data, said so that a member of staff can fix it."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    path: str  # relative to the project, e.g. data/awards/abc.yml
    line: int  # 1-based; 0 when the problem is about the whole file
    field: str  # dotted, e.g. term.extensions; "" for the whole file
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"

    def github(self) -> str:
        """A GitHub Actions annotation, shown on the changed line of a pull request."""
        msg = (f"{self.field}: {self.message}" if self.field else self.message)
        msg = msg.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        line = f",line={self.line}" if self.line else ""
        return f"::error file={self.path}{line},title=Data problem::{msg}"


def short(text: str) -> str:
    """A value staff typed, as a message quotes it: on one line and at most 40 characters."""
    text = text.replace("\n", " ")
    return text if len(text) <= 40 else text[:37] + "..."


class DataErrors(Exception):
    """Raised by the build when the data has problems: nothing is published."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        n = len(self.problems)
        head = f"{n} problem{'s' if n != 1 else ''} in the data; nothing was published:"
        super().__init__("\n".join([head, *(f"  {p}" for p in self.problems)]))
