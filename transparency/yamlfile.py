"""Read one YAML file into nodes that know their line numbers.

We compose (not construct) with libyaml: every node keeps its line, duplicate
keys stay visible, and no value is typed by YAML 1.1's guesses (`NO` as false,
`1:30` as a number). The model decides what each value means.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from .problems import Problem

try:  # libyaml is in PyYAML's wheels; fall back so nothing breaks without it
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover
    _Loader = yaml.SafeLoader

# A data file is a page of text. Anything far bigger is a mistake (or an attack):
# refuse it before reading it into memory.
MAX_BYTES = 1_000_000


class _AliasFound(Exception):
    pass


@dataclass
class Scalar:
    text: str
    line: int
    plain: bool  # written without quotes (so `true`, `12` mean what they look like)


@dataclass
class Mapping:
    items: list[tuple[Scalar, "Node"]]  # in file order, duplicates kept
    line: int


@dataclass
class Sequence:
    items: list["Node"]
    line: int


Node = Scalar | Mapping | Sequence


def read(path: Path, shown_as: str) -> tuple[Node | None, list[Problem]]:
    """Parse `path`; problems name it as `shown_as` (its path in the repository)."""
    try:
        size = path.stat().st_size
    except OSError as e:
        return None, [Problem(shown_as, 0, "", f"cannot be read: {e.strerror}")]
    if size > MAX_BYTES:
        return None, [Problem(shown_as, 0, "", (
            f"the file is {size:,} bytes, larger than the {MAX_BYTES:,} bytes a data file may be: "
            "split it up or remove what does not belong in it"))]
    raw = path.read_bytes()
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]  # a byte-order mark some Windows editors add: harmless, ignore it
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        return None, [Problem(shown_as, line, "", (
            "the file is not saved as UTF-8 text: save it again choosing UTF-8 encoding"))]
    return parse(text, shown_as)


def parse(text: str, shown_as: str) -> tuple[Node | None, list[Problem]]:
    if "\t" in text:
        line = text[: text.index("\t")].count("\n") + 1
        return None, [Problem(shown_as, line, "", (
            "a tab character: YAML needs spaces for indentation; replace the tab with spaces"))]
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        line = mark.line + 1 if mark else 0
        what = e.problem or "the file is not valid YAML"
        return None, [Problem(shown_as, line, "", (
            f"the file is not valid YAML ({what}): check the indentation and that every "
            "quote that is opened is closed"))]
    except yaml.YAMLError as e:  # pragma: no cover - libyaml reports marks
        return None, [Problem(shown_as, 0, "", f"the file is not valid YAML ({e})")]
    if root is None:
        return None, [Problem(shown_as, 0, "", "the file is empty: fill it in or delete it")]
    problems: list[Problem] = []
    try:
        node = _convert(root, set(), shown_as, problems)
    except _AliasFound:
        return None, [Problem(shown_as, _alias_line(text), "", (
            "anchors and aliases (& and *) are not allowed in data files: write the value out"))]
    return (None if problems else node), problems


def _convert(node: yaml.Node, seen: set[int], shown_as: str, problems: list[Problem]) -> Node:
    line = node.start_mark.line + 1
    # An alias makes libyaml hand back the same node object again. Staff never
    # need aliases, and expanding them is how a "billion laughs" file eats memory.
    if not isinstance(node, yaml.ScalarNode):
        if id(node) in seen:
            raise _AliasFound

        seen.add(id(node))
    if isinstance(node, yaml.ScalarNode):
        return Scalar(node.value, line, not node.style)  # libyaml gives "" for plain
    if isinstance(node, yaml.SequenceNode):
        return Sequence([_convert(n, seen, shown_as, problems) for n in node.value], line)
    items = []
    for k, v in node.value:
        key = _convert(k, seen, shown_as, problems)
        if not isinstance(key, Scalar):
            problems.append(Problem(shown_as, key.line, "", "a field name must be plain text"))
            continue
        items.append((key, _convert(v, seen, shown_as, problems)))
    return Mapping(items, line)


def _alias_line(text: str) -> int:
    """Where the first alias is written (compose only tells us where its anchor is)."""
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.AliasEvent):
            return event.start_mark.line + 1
    return 0  # pragma: no cover - only called when compose met an alias
