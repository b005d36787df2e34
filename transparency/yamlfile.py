"""Read one YAML file into nodes that know their line numbers.

We build the nodes ourselves from libyaml's event stream (we never "construct"):
every node keeps its line, duplicate keys stay visible, and no value is typed by
YAML 1.1's guesses (`NO` as false, `1:30` as a number). The model decides what
each value means.

A data file is text a member of staff typed, so anything that only an attacker
or an accident would write is refused with a plain message before it can cost
memory or time: files over 1 MB, aliases (a "billion laughs" file), tags, more
than one document, and nesting deeper than any data file needs (libyaml's own
composer recurses, and a file of 100,000 `[` crashes it).
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from .problems import Problem, short

try:  # libyaml is in PyYAML's wheels; fall back so nothing breaks without it
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover
    _Loader = yaml.SafeLoader

# A data file is a page of text. Anything far bigger is a mistake (or an attack):
# refuse it before reading it into memory.
MAX_BYTES = 1_000_000
# Groups inside groups: the deepest data file needs 4 (an award's outcome_reports[].outputs).
MAX_DEPTH = 20
_TOO_DEEP = (f"groups and lists are nested more than {MAX_DEPTH} deep, far more than any data file needs: "
             "check the indentation and the brackets")


@dataclass
class Scalar:
    text: str
    line: int
    plain: bool  # written without quotes (so `true`, `12` mean what they look like)
    # A plain value followed by ` #` on its line: YAML drops the rest as a comment, so
    # `title: Service #2` reads as "Service". The dropped words, for the reader to warn about.
    dropped: str | None = None


@dataclass
class Mapping:
    items: list[tuple[Scalar, "Node"]]  # in file order, duplicates kept
    line: int


@dataclass
class Sequence:
    items: list["Node"]
    line: int


Node = Scalar | Mapping | Sequence


def read(path: str | Path, shown_as: str) -> tuple[Node | None, list[Problem]]:
    """Parse `path`; problems name it as `shown_as` (its path in the repository)."""
    raw, problems = read_bytes(path, shown_as)
    if raw is None:
        return None, problems
    return parse_bytes(raw, shown_as)


def read_bytes(path: str | Path, shown_as: str) -> tuple[bytes | None, list[Problem]]:
    """The file's bytes, or why they cannot be read (never more than MAX_BYTES are read)."""
    try:
        with open(path, "rb") as f:
            raw = f.read(MAX_BYTES + 1)  # never more than the limit, however big the file
            size = os.fstat(f.fileno()).st_size if len(raw) > MAX_BYTES else len(raw)
    except OSError as e:
        return None, [Problem(shown_as, 0, "", f"cannot be read: {e.strerror}")]
    if len(raw) > MAX_BYTES:
        return None, [Problem(shown_as, 0, "", (
            f"the file is {max(size, len(raw)):,} bytes, larger than the {MAX_BYTES:,} bytes a data file may be: "
            "split it up or remove what does not belong in it"))]
    return raw, []


def parse_bytes(raw: bytes, shown_as: str) -> tuple[Node | None, list[Problem]]:
    """Nodes from a file's bytes: UTF-8, with or without a byte-order mark."""
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
    """Nodes from YAML text; never raises for any text (every fault is a Problem)."""
    if "\t" in text:
        line = text[: text.index("\t")].count("\n") + 1
        return None, [Problem(shown_as, line, "", (
            "a tab character: YAML needs spaces for indentation; replace the tab with spaces"))]
    last: list = [None]  # the last event read, for a syntax error's advice
    try:
        return _compose(_events(text), shown_as, last, text)
    except yaml.MarkedYAMLError as e:
        return None, [_syntax_problem(e, shown_as, last[0], text)]
    except yaml.reader.ReaderError as e:
        # e.position counts bytes of the UTF-8 text that libyaml was given
        line = text.encode("utf-8", "surrogatepass")[: e.position].count(b"\n") + 1
        return None, [Problem(shown_as, line, "", (
            f"an invisible control character (U+{e.character:04X}) that YAML does not allow: "
            "delete it (retyping the line removes it)"))]
    except UnicodeError:  # only text that did not come from a file: read() decodes strictly
        return None, [Problem(shown_as, 0, "", "the file is not saved as UTF-8 text: save it again choosing UTF-8 encoding")]
    except yaml.YAMLError as e:  # pragma: no cover - libyaml reports marks
        return None, [Problem(shown_as, 0, "", f"the file is not valid YAML ({_one_line(str(e))})")]


def _events(text: str):
    """libyaml's events, one at a time (what `yaml.parse` yields, with one call per event
    instead of two: this runs 600,000 times for 10,000 awards)."""
    loader = _Loader(text)
    try:
        get = loader.get_event
        while (event := get()) is not None:
            yield event
    finally:
        loader.dispose()


ScalarEvent, MappingStartEvent, SequenceStartEvent = yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent
MappingEndEvent, SequenceEndEvent = yaml.MappingEndEvent, yaml.SequenceEndEvent


def _tag_message(tag: str) -> str:
    return (f"a YAML tag (`{_tag(tag)}`) is not allowed in data files: remove it, "
            "or put text that starts with ! in double quotes")


def _compose(events, shown_as: str, last: list, text: str = "") -> tuple[Node | None, list[Problem]]:
    """Nodes from events, without recursion, so no file can exhaust the stack."""
    problems: list[Problem] = []
    # Lines with ` #` after something else, where a comment may have cut a value short
    # (worked out once per file, and only for files that have one).
    lines = text.split("\n") if " #" in text else None
    stack: list[list] = []  # open collections: [node, key waiting for its value (or _SKIP)]
    root: Node | None = None
    documents = 0

    def refuse(event, message: str):
        return None, [Problem(shown_as, event.start_mark.line + 1, "", message)]

    # Dispatch on the exact event class (`is`), not isinstance chains: this loop runs
    # for every event of every file, 600,000 times for 10,000 awards.
    for event in events:
        last[0] = event
        kind = type(event)
        if kind is ScalarEvent:
            if event.tag is not None:
                return refuse(event, _tag_message(event.tag))
            node: Node | None = Scalar(event.value, event.start_mark.line + 1, not event.style)  # "" is plain
            if lines is not None and node.plain and event.value:
                node.dropped = _comment_after(lines, event.end_mark)
        elif kind is MappingStartEvent or kind is SequenceStartEvent:
            if event.tag is not None:
                return refuse(event, _tag_message(event.tag))
            if len(stack) >= MAX_DEPTH:
                return refuse(event, _TOO_DEEP)
            line = event.start_mark.line + 1
            stack.append([Mapping([], line) if kind is MappingStartEvent else Sequence([], line), None])
            continue
        elif kind is MappingEndEvent or kind is SequenceEndEvent:
            node = stack.pop()[0]
        elif kind is yaml.DocumentStartEvent:
            documents += 1
            if documents > 1:
                return refuse(event, (
                    "a second document (after a `---` line): a data file holds one record; "
                    "move the rest into a file of its own"))
            continue
        elif kind is yaml.AliasEvent:
            return refuse(event, "anchors and aliases (& and *) are not allowed in data files: write the value out")
        else:
            continue  # stream and document ends
        if not stack:
            root = node
            continue
        parent = stack[-1]
        if type(parent[0]) is Sequence:
            parent[0].items.append(node)
        elif parent[1] is None:  # a key
            if isinstance(node, Scalar):
                if node.plain and node.text[:1] in _ODD_SPACES:
                    problems.append(Problem(shown_as, node.line, "", _ODD_INDENT))
                parent[1] = node
            else:
                problems.append(Problem(shown_as, node.line, "", "a field name must be plain text"))
                parent[1] = _SKIP
        else:
            if parent[1] is not _SKIP:
                parent[0].items.append((parent[1], node))
            parent[1] = None
    if root is None or (isinstance(root, Scalar) and root.plain and root.text == ""):
        return None, [Problem(shown_as, 0, "", "the file is empty: fill it in or delete it")]
    return (None if problems else root), problems


_SKIP = Scalar("", 0, True)  # the value of a key that could not be read

# Spaces that look like spaces but are not to YAML: a line indented with them (pasted from
# Word or a web page) is read as a field whose name starts with them, or not at all.
_ODD_SPACES = frozenset("\u00a0\u2007\u202f\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2008\u2009\u200a\u3000")
_ODD_INDENT = ("this line is indented with a non-breaking space (it comes from pasting from Word or a web page), "
               "which YAML does not count as indentation: delete the spaces at the start of the line and type "
               "them again with the space bar")


def _comment_after(lines: list[str], end) -> str | None:
    """What follows a plain value as a comment on the same line (`#2, 2026/27` in
    `title: Service #2, 2026/27`), or None."""
    rest = lines[end.line][end.column:] if end.line < len(lines) else ""
    stripped = rest.lstrip(" ")
    if stripped.startswith("#") and len(stripped) < len(rest):
        return stripped.rstrip("\r")
    return None


def _odd_space_line(text: str) -> tuple[int, str] | None:
    """The first line with a space YAML does not count where it needs one (in the indentation,
    or after a field name's colon), and which of the two; or None."""
    for number, line in enumerate(text.split("\n"), 1):
        start = line[: len(line) - len(line.lstrip(" " + "".join(_ODD_SPACES)))]
        if any(c in _ODD_SPACES for c in start):
            return number, _ODD_INDENT
        glued = _FIELD_COLON.match(line)
        if glued and line[glued.end():glued.end() + 1] in _ODD_SPACES:
            return number, (f"the space after `{glued.group(1)}:` is a non-breaking space (it comes from pasting "
                            "from Word or a web page), which YAML does not count as a space: delete it and type "
                            "an ordinary space")
    return None


_FIELD_COLON = re.compile(r"^[ ]*-?[ ]*([A-Za-z_][A-Za-z0-9_]*):")


_NO_SPACE_AFTER_COLON = re.compile(r"^\s*([A-Za-z_][A-Za-z0-9_]*):(?![ \t]|$)(\S*)")

# libyaml's words for a mistake, and what a member of staff should do about it.
# (problem, context) -> (use the context's line, advice); None matches anything.
_ADVICE: list[tuple[str | None, str | None, bool, str]] = [
    ("found unexpected end of stream", "while scanning a quoted scalar", True,
     "a quote opened on this line is never closed: add the closing quote"),
    (None, "while parsing a quoted scalar", False,
     "inside double quotes a backslash starts an escape such as \\n: write \\\\ for a backslash, "
     "or use single quotes"),
    (None, "while parsing a flow sequence", True,
     "the list opened with `[` on this line is not closed with `]`, or its items are not separated by commas "
     "(text that starts with `[` must be in double quotes)"),
    (None, "while parsing a flow mapping", True,
     "the `{` on this line is not closed with `}` (text that starts with `{` must be in double quotes)"),
    ("mapping values are not allowed in this context", None, False,
     "a colon and a space where no field can start: put text that contains `: ` in double quotes "
     "or a `>-` block, and check that this line is indented like the fields around it"),
    ("block sequence entries are not allowed in this context", None, False,
     "a `-` after a field's name starts a list, which cannot go here: write the value in words "
     "(text that starts with `-` must be in double quotes)"),
    ("did not find expected key", None, False,
     "this line is not indented like the fields around it, or text follows a closing quote: "
     "fields in one group start in the same column"),
    ("could not find expected ':'", None, True,
     "this line is neither `field: value` nor part of the text above it: add the colon after the field "
     "name, or check the indentation"),
    ("found character that cannot start any token", None, False,
     "a value starts with a character YAML keeps for itself (such as ` @ or %): put the text in double quotes"),
    (None, "while scanning an alias", False,
     "a value starts with `*`, which YAML keeps for aliases: put the text in double quotes"),
    (None, "while scanning an anchor", False,
     "a value starts with `&`, which YAML keeps for anchors: put the text in double quotes"),
    ("found undefined tag handle", None, False,
     "a value starts with `!`, which YAML keeps for tags: put the text in double quotes"),
    (None, "while scanning a block scalar", False,
     "`>-` or `|` must end its line: write the text on the lines below, indented"),
]


_YAML_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


def _syntax_problem(e: yaml.MarkedYAMLError, shown_as: str, last=None, text: str = "") -> Problem:
    what = _one_line(e.problem or "unreadable")
    mark = e.problem_mark or e.context_mark
    if "nesting depth" in what:
        # Newer libyaml (PyYAML 6.0.4) stops deep nesting itself, before our own limit.
        return Problem(shown_as, mark.line + 1 if mark else 0, "", _TOO_DEEP)
    odd = _odd_space_line(text)
    if odd is not None and mark is not None and odd[0] <= mark.line + 1:
        return Problem(shown_as, odd[0], "", odd[1])
    if e.problem == "could not find expected ':'" and e.context_mark is not None:
        # libyaml counts lines by YAML's line breaks, which include U+0085, U+2028 and U+2029
        # (pasted from Word): split by the same, or its line number is past the text's end
        lines = _YAML_BREAK.split(text) if text else []
        line = lines[e.context_mark.line] if e.context_mark.line < len(lines) else ""
        glued = _NO_SPACE_AFTER_COLON.match(line)
        if glued:
            name, value = glued.groups()
            return Problem(shown_as, e.context_mark.line + 1, "", (
                f"there is no space after the colon in `{short(name + ':' + value)}`: YAML needs one, "
                f"so write `{short(name + ': ' + value)}`"))
    if (isinstance(last, yaml.ScalarEvent) and last.style in ("'", '"') and mark is not None
            and last.start_mark.line < last.end_mark.line == mark.line):
        # A quote left open reads on to the next quote, lines later, and fails there:
        # the mistake is where the text began.
        return Problem(shown_as, last.start_mark.line + 1, "", (
            f"the file is not valid YAML ({what} on line {mark.line + 1}): the quote ({last.style}) opened on "
            f"this line is not closed on this line, so everything up to line {mark.line + 1} was read as one "
            "text: add the closing quote (for a long text over several lines, use a `>-` block)"))
    if (isinstance(last, yaml.ScalarEvent) and last.style == "'" and mark is not None
            and last.end_mark.line == mark.line and _char_at(text, last.end_mark).isalpha()):
        # `title: 'Women's centre'`: the apostrophe closes the quotes
        return Problem(shown_as, mark.line + 1, "", (
            f"the text in single quotes ends at the apostrophe after `{short(last.value)}`, and YAML cannot read "
            "the rest: put text that has an apostrophe in double quotes, for example "
            "\"Women's Aid\", or leave out the quotes"))
    if (isinstance(last, yaml.ScalarEvent) and last.style == '"' and mark is not None
            and last.end_mark.line == mark.line and _rest_of_line(text, last.end_mark).lstrip(" ")[:1] not in ("", "#")):
        return Problem(shown_as, mark.line + 1, "", (
            f"the text in double quotes ends at its closing `\"` (after `{short(last.value)}`), and more text "
            "follows on the line: put the whole text in double quotes, or leave the quotes out (inside double "
            "quotes, write \\\" for a double quote)"))
    if (isinstance(last, (yaml.SequenceEndEvent, yaml.MappingEndEvent)) and mark is not None
            and last.start_mark.line == mark.line and _char_at(text, last.start_mark) in ("]", "}")):
        # `title: [Draft] report` is read as a list, then the rest of the line makes no sense
        return Problem(shown_as, mark.line + 1, "", (
            f"the file is not valid YAML ({what}): YAML read a list or group in brackets on this line, "
            "then found more after it: text that starts with `[` or `{` must be in double quotes"))
    advice = "check the indentation and that every quote that is opened is closed"
    for problem, context, at_context, words in _ADVICE:
        if (problem is None or e.problem == problem) and (context is None or e.context == context):
            advice = words
            if at_context and e.context_mark is not None:
                mark = e.context_mark
            break
    return Problem(shown_as, mark.line + 1 if mark else 0, "", f"the file is not valid YAML ({what}): {advice}")


def _rest_of_line(text: str, mark) -> str:
    """The text of the mark's line from the mark on ("" past the end)."""
    lines = text.split("\n")
    return lines[mark.line][max(mark.column, 0):] if 0 <= mark.line < len(lines) else ""


def _char_at(text: str, mark) -> str:
    return _rest_of_line(text, mark)[:1]


def _tag(tag: str) -> str:
    tag = tag.replace("tag:yaml.org,2002:", "!!")
    return tag if len(tag) <= 40 else tag[:37] + "..."


def _one_line(text: str) -> str:
    return " ".join(text.split())
