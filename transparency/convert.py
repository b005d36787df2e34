"""Turn YAML nodes (with lines) into model objects, by the model's description (describe.py).

Every value is read from the text staff typed, by the type the model asks for:
`NO` in a name stays "NO"; `amount: 1e6` is refused rather than guessed. Every
problem names the file, the line and the dotted field, and says how to fix it.
Each converted record remembers the line of every field (`Where`), so later
rules can point at the right line too.

Any record (a whole file, or a group such as `recipient`) may hold a `private:`
block of notes for staff. It may contain anything YAML can write, is never
read into the model and so is never published (see EDITING.md, "Keeping notes
private"). The file around it is still checked as usual: the YAML reader
refuses tabs, aliases and tags in it like anywhere else.

A fund, award or tender file with the line `draft: true` is a draft, which
staff (or the importer) write before the record is ready: every value it has is
read and checked as usual, but a required field it lacks is only noted, and it
is read as a `Draft` (the record with None for what it lacks), never as a
record to publish. Its problems are warnings: it is not published, so they
cannot stop publishing (see EDITING.md, "Drafts").
"""
from __future__ import annotations

import difflib
import re
import sys
import unicodedata
from dataclasses import dataclass, replace
from typing import Any

from . import describe, orgids
from .describe import Shape
from .dates import DateError, parse_date, parse_datetime, parse_financial_year
from .money import MoneyError, parse_money
from .problems import WARNING, Problem, short
from .yamlfile import Mapping, Node, Scalar, Sequence

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
PLAIN_EMAIL = re.compile(r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$")
_INT = re.compile(r"^-?\d+$", re.ASCII)
# The key of the notes block a record may hold; never read, never published.
PRIVATE = "private"
# The top-level line of a fund, award or tender file that makes it a draft: `draft: true`.
DRAFT = "draft"
# Text may not start with these: spreadsheets read such a CSV cell as a formula.
FORMULA_STARTS = ("=", "+", "-", "@")


class Where:
    """Where each field of one record was written: path and line per dotted field."""

    __slots__ = ("path", "lines")  # one per record file

    def __init__(self, path: str):
        self.path = path
        self.lines: dict[str, int] = {}

    def line(self, field: str) -> int:
        """The line of `field`, or of the nearest enclosing field written."""
        while field:
            if field in self.lines:
                return self.lines[field]
            field = field.rpartition(".")[0] if "." in field else ""
        return self.lines.get("", 0)

    def problem(self, field: str, message: str) -> Problem:
        return Problem(self.path, self.line(field), field, message)


class _Bad(Exception):
    """A value could not be read; the problem is already recorded."""


@dataclass(frozen=True)
class Draft:
    """A file with `draft: true`, read as far as it goes. It is never published."""
    record: Any  # the record, with None for each required field it lacks or could not read
    line: int  # the line of `draft: true`
    missing: tuple[str, ...]  # the required fields not written (dotted: `term.initial_years`)
    unreadable: tuple[str, ...]  # the fields written with a value that could not be read
    readable: bool  # every value written was read without a problem


class _Gaps:
    """What a draft lacks, gathered while it is read (a normal record has none: None)."""

    def __init__(self):
        self.missing: list[str] = []
        self.unreadable: list[str] = []


def read_record(cls: type, node: Node, where: Where, draftable: bool = False,
                **given: Any) -> tuple[Any | None, list[Problem]]:
    """Read a whole file's node as `cls`. `given` supplies fields from outside (the id).
    With `draftable` (funds, awards, tenders), a file with `draft: true` is read as a Draft."""
    problems: list[Problem] = []
    where.lines[""] = node.line
    draft_line = _draft_line(node, where, problems) if draftable else None
    gaps = _Gaps() if draft_line is not None else None
    try:
        obj = _record(describe.record(cls), node, "", where, problems, given, gaps, top=draftable)
    except _Bad:
        obj = None
    if gaps is not None and obj is not None:
        draft = Draft(obj, draft_line, tuple(gaps.missing), tuple(gaps.unreadable), readable=not problems)
        return draft, [replace(p, severity=WARNING) for p in problems]
    if problems:
        return None, problems
    return obj, problems


def _draft_line(node: Node, where: Where, problems: list[Problem]) -> int | None:
    """The line of `draft: true` at the top of a file, or None when it is not a draft
    (`draft: false`, no such line, or a value that is not true or false: reported)."""
    if not isinstance(node, Mapping):
        return None
    for key, value in node.items:
        if key.text == DRAFT:  # the first: a second is reported as written twice
            where.lines[DRAFT] = key.line
            if _is_empty(value):
                return None
            try:
                return key.line if _value(Shape(describe.YES_NO), value, DRAFT, where, problems) else None
            except _Bad:
                return None
    return None


def _record(record: describe.Record, node, path, where, problems, given=None, gaps=None, top=False):
    """A group of fields. With `gaps` (a draft), a required field not written is noted there
    instead of reported, and a value that cannot be read is left None: the draft is read as far
    as it goes. `top`: the file's own fields, which may include `draft:` (read by _draft_line)."""
    if not isinstance(node, Mapping):
        what = "a list" if isinstance(node, Sequence) else f"`{short(node.text)}`"
        problems.append(Problem(where.path, node.line, path, (
            f"expected a set of fields (`name: value` lines), found {what}")))
        raise _Bad
    fields = record.by_name
    values: dict[str, Any] = dict(given or {})
    seen: dict[str, int] = {}
    failed: set[str] = set()  # written but unreadable: already reported
    bad = False
    for key, value in node.items:
        name = key.text
        # interned: every record's line map has the same few hundred field paths as keys, and a
        # fresh string for each was 8 MB of the 100 MB that 10,000 awards take in memory
        dotted = sys.intern(f"{path}.{name}") if path else name
        if name in seen:
            problems.append(Problem(where.path, key.line, dotted, (
                f"`{name}` is written twice (first on line {seen[name]}): keep one")))
            bad = True
            continue
        seen[name] = key.line
        if name == PRIVATE and name not in fields:
            continue  # staff notes: skipped unread, so nothing in them can reach the site
        if top and name == DRAFT and name not in fields:
            continue  # read already (_draft_line)
        if name not in fields:
            if name == "id" and given and "id" in given:
                message = (f"do not write `id` in the file: the id is the file name, "
                           f"so this file's id is `{given['id']}`; remove this line")
            else:
                message = _unknown(name, list(fields), (PRIVATE, DRAFT) if top else (PRIVATE,))
            problems.append(Problem(where.path, key.line, dotted, message))
            failed.update(difflib.get_close_matches(name, list(fields), n=1, cutoff=0.6))  # a typo, not a gap
            bad = True
            continue
        where.lines[dotted] = key.line
        if _is_empty(value):
            continue  # `field:` with nothing after it counts as not written
        try:
            values[name] = _value(fields[name].shape, value, dotted, where, problems, gaps)
        except _Bad:
            failed.add(name)
            bad = True
            if gaps is not None:
                gaps.unreadable.append(dotted)
    for f in record.written:
        if f.name in values or f.name in failed or not f.required:
            continue
        if gaps is not None:  # a draft need not have it yet
            gaps.missing.append(_join(path, f.name))
            continue
        doc = f.doc
        if f.name in seen:
            problems.append(Problem(where.path, seen[f.name], _join(path, f.name), (
                f"`{f.name}` is empty: fill it in ({doc})")))
        else:
            # point at the parent field's own line (`term:`), where the missing one belongs
            problems.append(Problem(where.path, where.lines.get(path, node.line), _join(path, f.name), (
                f"`{f.name}` is missing: add it ({doc})")))
        bad = True
    if gaps is not None:  # a draft: what it lacks, or could not read, is None
        lacking = {f.name: None for f in record.written if f.required and f.name not in values}
        return record.cls(**values, **lacking)
    if bad:
        raise _Bad
    try:
        return record.cls(**values)
    except TypeError:  # pragma: no cover - every required field is checked above
        raise _Bad from None


def _value(shape: Shape, node: Node, path: str, where: Where, problems: list[Problem], gaps=None):
    read = _READERS.get(shape.kind)
    if read is None:  # a list, a mapping, a record, or a word or a record
        return _GROUPS[shape.kind](shape, node, path, where, problems, gaps)
    if not isinstance(node, Scalar):
        found = "a list" if isinstance(node, Sequence) else "a set of fields"
        problems.append(Problem(where.path, node.line, path, (
            f"expected a single value here, found {found}: write one value "
            "(text that starts with `[` or `{` must be in double quotes)")))
        raise _Bad
    return _scalar(read, shape, node, path, where, problems)


def _either(shape: Shape, node: Node, path: str, where: Where, problems: list[Problem], gaps=None):
    """`countywide` or a mapping: chosen by the shape that was written."""
    words = shape.words
    if isinstance(node, Scalar) and node.text not in words:
        fields = ", ".join(f"`{f.name}`" for f in describe.record(shape.group).written)
        problems.append(Problem(where.path, node.line, path, (
            f"`{short(node.text)}` is not allowed: write {', '.join(f'`{w}`' for w in words)}, "
            f"or these fields on the lines below, indented: {fields}")))
        raise _Bad
    for option in shape.options:
        if isinstance(node, Mapping) == (option.kind == describe.RECORD):
            return _value(option, node, path, where, problems, gaps)
    return _value(shape.options[0], node, path, where, problems, gaps)  # pragma: no cover


def _group(shape: Shape, node: Node, path: str, where: Where, problems: list[Problem], gaps=None):
    return _record(describe.record(shape.record), node, path, where, problems, gaps=gaps)


def _list(shape: Shape, node: Node, path: str, where: Where, problems: list[Problem], gaps=None):
    if not isinstance(node, Sequence):
        example = f"[{short(node.text)}]" if isinstance(node, Scalar) else "`- ` before each item"
        problems.append(Problem(where.path, node.line, path, (
            f"expected a list: write {example}, or each item on its own line starting with `- `")))
        raise _Bad
    item = shape.item
    out, bad = [], False
    for i, sub in enumerate(node.items):
        sub_path = f"{path}[{i + 1}]"
        where.lines[sub_path] = sub.line
        try:
            out.append(_value(item, sub, sub_path, where, problems, gaps))
        except _Bad:
            bad = True
    if bad:
        raise _Bad
    return out


def _mapping(shape: Shape, node: Node, path: str, where: Where, problems: list[Problem], gaps=None):
    if not isinstance(node, Mapping):
        problems.append(Problem(where.path, node.line, path, (
            "expected `name: value` lines indented under this field")))
        raise _Bad
    key_shape, value_shape = shape.key, shape.item
    read_key = _READERS[key_shape.kind]
    out, bad, seen = {}, False, {}
    for key, sub in node.items:
        sub_path = f"{path}.{key.text}"
        where.lines[sub_path] = key.line
        if key.text in seen:
            problems.append(Problem(where.path, key.line, sub_path, (
                f"`{key.text}` is written twice (first on line {seen[key.text]}): keep one")))
            bad = True
            continue
        seen[key.text] = key.line
        if key.text == PRIVATE:
            # every entry here is published: notes belong on the record around it
            problems.append(Problem(where.path, key.line, sub_path, (
                f"a `{PRIVATE}` block cannot go here, where every entry is published: "
                "move it to the group or file around it")))
            bad = True
            continue
        try:
            k = _scalar(read_key, key_shape, key, sub_path, where, problems)
            out[k] = _value(value_shape, sub, sub_path, where, problems, gaps)
        except _Bad:
            bad = True
    if bad:
        raise _Bad
    return out


_GROUPS = {describe.RECORD: _group, describe.LIST: _list, describe.MAPPING: _mapping, describe.EITHER: _either}


def _scalar(read, shape: Shape, node: Scalar, path, where, problems):
    """One value, read by `read` (the reader for its kind, from _READERS) once it holds no
    invisible character."""
    text = node.text

    def bad(message: str):
        problems.append(Problem(where.path, node.line, path, message))
        raise _Bad

    # libyaml refuses raw control characters, so plain ASCII text cannot hold one; only
    # quoted text (escapes such as "\x01") or non-ASCII text needs the full check.
    hidden = None if node.plain and text.isascii() else _invisible(text)
    if hidden is not None:
        if unicodedata.category(hidden) == "Cf":
            bad(f"this value contains an invisible character, a {unicodedata.name(hidden, 'format character').lower()} "
                f"(U+{ord(hidden):04X}), which would be published in every download: delete it (it comes from "
                "pasting from Word or a web page; retyping the words around it removes it)")
        bad(f"this value contains an invisible control character (U+{ord(hidden):04X}): delete it "
            "(it comes from pasting, or from a backslash escape in double quotes)")
    return read(shape, node, path, bad)


# --- one reader for each kind of single value: (shape, node, path, bad) -> value -------------


def _parsed(parse, node: Scalar, bad):
    """A value read by a parser that accepts any Unicode digit: the text must be plain ASCII too."""
    text = node.text
    try:
        value = parse(text)
    except (MoneyError, DateError) as e:
        bad(str(e))
    if not text.isascii():
        # Python reads ١٢٣ and １２３ as 123: what is published must be what a reader sees
        bad(f"`{short(text)}` has a character that is not on an ordinary keyboard (such as a digit from "
            "another alphabet): retype it using the digits 0 to 9")
    return value


def _money(shape, node, path, bad):
    if not node.plain:
        bad(f"`{short(node.text)}` is in quotes: write an amount as a plain number without quotes, for example 1500")
    return _parsed(parse_money, node, bad)


def _date(shape, node, path, bad):
    return _parsed(parse_date, node, bad)


def _datetime(shape, node, path, bad):
    return _parsed(parse_datetime, node, bad)


def _financial_year(shape, node, path, bad):
    return _parsed(parse_financial_year, node, bad)


def _choice(shape, node, path, bad):
    text, choices = node.text, shape.choices
    if text in choices:
        return text
    near = difflib.get_close_matches(text, choices, n=1)
    listed = ", ".join(f"`{c}`" for c in choices)
    if near:
        bad(f"`{short(text)}` is not allowed; did you mean `{near[0]}`? Choose one of: {listed}")
    bad(f"`{short(text)}` is not allowed: choose one of {listed}")


def _yes_no(shape, node, path, bad):
    text = node.text
    if node.plain and text in ("true", "false"):
        return text == "true"
    if not node.plain and text.strip() in ("true", "false"):
        bad(f"`{short(text)}` is in quotes: write true or false without quotes")
    bad(f"`{short(text)}` is not true or false: write true or false (without quotes)")


def _whole_number(shape, node, path, bad):
    text = node.text
    if not node.plain and _INT.match(text.strip()):
        bad(f"`{short(text)}` is in quotes: write a whole number without quotes, for example 3")
    if node.plain and _INT.match(text):
        number = int(text)
        if number < 0:
            bad(f"`{text}` is negative: write a whole number of 0 or more")
        return number
    bad(f"`{short(text)}` is not a whole number: write digits only, for example 3")


def _slug(shape, node, path, bad):
    text = node.text.strip()
    if not SLUG.match(text):
        bad(f"`{short(text)}` is not a valid id: use lower-case letters a to z, digits and single hyphens, "
            f"for example `{_slugify(text) or 'victim-support-2017'}`")
    return text


def _url(shape, node, path, bad):
    text = node.text.strip()
    if not text.startswith("https://") or any(c.isspace() for c in text) or len(text) < 12:
        bad(f"`{short(text)}` is not a web address we can publish: links must start with https://")
    return text


def _email(shape, node, path, bad):
    text = node.text.strip()
    if not EMAIL.match(text):
        bad(f"`{short(text)}` is not an email address, for example `funding@example.org`")
    if not PLAIN_EMAIL.match(text):
        # it goes into a mailto: link: no room for extra headers (?cc=) or markup
        bad(f"`{short(text)}` is not a plain email address: write only letters, digits, `.`, `_`, `%`, `+` "
            "and `-` around one @, for example `funding@example.org`")
    return text


def _org_id(shape, node, path, bad):
    text = node.text.strip()
    # the shape, and a list code org-id.guide knows; a top-level org_id is the office's own (organisation.yml)
    message = orgids.problem(text, recipient="." in path)
    if message:
        bad(message)
    return text


def _text(shape, node, path, bad):
    """Text, a statement (no placeholders) or a code (may be only digits): see describe.py."""
    text = node.text.strip()
    kind = shape.kind
    if not text:
        bad("this text is empty: fill it in or remove the field")
    name = _field_name(path)
    if node.plain and len(text) <= 5 and text.casefold() in _YES_NO:
        if kind == describe.STATEMENT:
            bad(f"`{text}` is a yes/no answer, but `{name}` is published as the office's statement: write "
                "what it says in words"
                + (", for example \"Either party may end the contract with 6 months' notice\""
                   if name == "break_clause" else ""))
        bad(f"`{text}` is a yes/no value, but `{name}` is text: write it out in words; if you mean the word "
            "itself, put it in double quotes")
    if node.plain and kind != describe.CODE and text[0] in _NUMBER_STARTS and _NUMBER.match(text):
        bad(f"`{short(text)}` is a number, but `{name}` is text: write it in words; if the text is only a "
            f"number, put it in double quotes, for example \"{short(text)}\"")
    if node.dropped is not None:
        bad(f"YAML reads ` #` and everything after it as a comment, so this would be published as "
            f"`{short(text)}` without `{short(node.dropped)}`: put the whole text in double quotes; "
            "if it is a note for staff, put it on a line of its own")
    if kind == describe.STATEMENT and _placeholder(text):
        bad(PLACEHOLDER_MESSAGE.format(text=short(text), name=name))
    if text[0] in FORMULA_STARTS:
        # every text is in the CSV downloads, and a spreadsheet runs a cell starting
        # with one of these as a formula (`=HYPERLINK(...)`, `@SUM(...)`)
        bad(f"`{short(text)}` starts with {text[0]}, which a spreadsheet would run as a formula when "
            "someone opens the CSV download: start the text with a word or a number")
    return text


_READERS = {
    describe.MONEY: _money, describe.DATE: _date, describe.DATETIME: _datetime,
    describe.FINANCIAL_YEAR: _financial_year, describe.CHOICE: _choice, describe.YES_NO: _yes_no,
    describe.WHOLE_NUMBER: _whole_number, describe.SLUG: _slug, describe.URL: _url, describe.EMAIL: _email,
    describe.ORG_ID: _org_id, describe.TEXT: _text, describe.STATEMENT: _text, describe.CODE: _text,
}


# YAML 1.1's words for yes and no, in any case: a text field holding one was almost always meant
# as an answer (`break_clause: false`), not as the word.
_YES_NO = frozenset(("true", "false", "yes", "no", "on", "off"))
# What YAML would read as a number (with `_` or `,` between digits, as spreadsheets paste them).
_NUMBER = re.compile(r"^[-+]?(\d[\d_,]*(\.\d*)?|\.\d+)([eE][-+]?\d+)?$|^[-+]?\.(inf|nan)$", re.ASCII | re.IGNORECASE)
_NUMBER_STARTS = frozenset("0123456789+-.")  # the cheap test first: this runs for every text value
# Filler that stands in for a statement not yet written (compared without case, spaces or a full stop).
PLACEHOLDERS = frozenset((
    "n/a", "na", "n.a", "n.a.", "none", "nil", "null", "tbc", "tbd", "tba", "to be confirmed", "to be decided",
    "to follow", "not applicable", "not known", "unknown", "pending", "todo", "to do", "see above", "as above",
    "no", "yes", "true", "false", "x", "xx", "xxx", "-", "--", "---", "\u2013", "\u2014", "?", "??", "...", "\u2026",
    "0", "."))


# Why a statement is refused when it is one of them (the web form says the same, through cms.py).
PLACEHOLDER_MESSAGE = ("`{text}` is a placeholder, but `{name}` is published as the office's statement: write the "
                       "real text; if you do not have it yet, wait to add the record (or this field, where it is "
                       "optional) until you do")


def placeholder_pattern() -> str:
    """What `_placeholder` refuses, as one regular expression that matches every other text
    (ECMA-262 too, used without regard to case), for the web form."""
    words = ["\\s+".join(re.escape(w) for w in p.split()) for p in sorted(PLACEHOLDERS)]
    return rf"^(?!\s*(?:{'|'.join(words)})\.*\s*$)"


def _placeholder(text: str) -> bool:
    words = " ".join(text.split()).casefold()
    return words in PLACEHOLDERS or words.rstrip(".") in PLACEHOLDERS


def _field_name(path: str) -> str:
    """`term.break_clause` -> `break_clause`; `outcome_reports[2].activity` -> `activity`."""
    name = path.rpartition(".")[2]
    return name.split("[", 1)[0] or path


def _unknown(name: str, allowed: list[str], extra: tuple[str, ...] = (PRIVATE,)) -> str:
    near = difflib.get_close_matches(name, [*allowed, *extra], n=1, cutoff=0.6)
    if near:
        return f"unknown field `{short(name)}`; did you mean `{near[0]}`?"
    return f"unknown field `{short(name)}`: the fields allowed here are {', '.join(f'`{a}`' for a in allowed)}"


# Control characters other than tab and line feed (Unicode category Cc), surrogates (Cs),
# the non-characters U+FDD0..U+FDEF and U+xFFFE/U+xFFFF of every plane, and the invisible
# format characters that pasting brings in (category Cf: zero-width spaces and joiners, soft
# hyphens, word joiners, byte-order marks, and the direction marks that can reorder what a
# reviewer sees). A published title with a zero-width space in it no longer matches a search.
_INVISIBLE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef"
    "\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb"
    + "".join(chr(plane << 16 | 0xFFFE) + chr(plane << 16 | 0xFFFF) for plane in range(17))
    + "]")


def _invisible(text: str) -> str | None:
    """The first character no one can see or type on purpose: control characters
    (other than line breaks and tabs), invisible format characters and Unicode non-characters. They break the
    XML feeds and the calendar, and can hide text from a reviewer. (One compiled
    pattern: this runs on every value of every file.)"""
    if text.isprintable():
        return None  # every character above is unprintable (Cc, Cs or Cn): the fast answer
    m = _INVISIBLE.search(text)
    return m.group(0) if m else None


def _is_empty(node: Node) -> bool:
    return isinstance(node, Scalar) and node.plain and node.text in ("", "~", "null", "Null", "NULL")


def _join(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


def _slugify(text: str) -> str:
    """An id like the text: `Café Hub` -> `cafe-hub` (accents dropped, not the letters)."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return "-".join(re.findall(r"[a-z0-9]+", plain.lower()))
