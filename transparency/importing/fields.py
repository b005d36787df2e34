"""The award fields a spreadsheet column can fill, walked from the model's description (describe.py).

A field inside a group is dotted (`recipient.charity_number`, `term.start`). A list of single
values (`outcomes`) takes a cell of items separated by commas. Lists of groups (outcome reports,
co-commissioners) and `name: value` groups do not fit in one cell: they are added by hand.
`id` is the file name: a column of identifiers may give it.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from .. import describe
from ..describe import Shape
from ..model import Award

ID = "id"


@dataclass(frozen=True)
class Target:
    """One field a column can fill."""
    name: str  # dotted
    shape: Shape  # of the value (for a list: of the list)
    doc: str
    required: bool  # required in its group (a group's own fields are needed only when it is given)

    @property
    def words(self) -> str:
        """The name as a title might say it: `recipient.charity_number` -> `recipient charity number`."""
        return self.name.replace(".", " ").replace("_", " ")


@cache
def targets() -> dict[str, Target]:
    """Every field a column can fill, by dotted name, in the model's order."""
    out = {ID: Target(ID, Shape(describe.SLUG), "The file name (the award's id), from an id column.", False)}

    def walk(cls: type, prefix: str) -> None:
        for f in describe.record(cls).written:
            name = f"{prefix}{f.name}"
            shape = f.shape
            if shape.kind == describe.RECORD:
                walk(shape.record, name + ".")
            elif shape.kind == describe.EITHER:
                out[name] = Target(name, shape, f.doc, f.required)  # the word (`countywide`)...
                walk(shape.group, name + ".")  # ...or the group's fields
            elif shape.kind == describe.LIST and shape.item.kind in {*describe.SCALARS.values(), describe.CHOICE}:
                out[name] = Target(name, shape, f.doc, f.required)
            elif shape.kind not in (describe.LIST, describe.MAPPING):
                out[name] = Target(name, shape, f.doc, f.required)

    walk(Award, "")
    return out


def group_of(name: str) -> str:
    """`recipient.name` -> `recipient`; `title` -> ``."""
    return name.rpartition(".")[0]
