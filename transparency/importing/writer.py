"""An imported award as a data file, in the model's field order, that the project's loader reads back.

How a value is written is chosen so that the loader (yamlfile.py and convert.py) reads
exactly that value: dates as YYYY-MM-DD, money as a plain number (pence only when not zero),
whole numbers and yes/no plain, and text in double quotes whenever YAML or our reader would
take it for something else (digits such as "1145337", yes/no, a colon, a leading `#`, a
` #` that would start a comment...). Long text is folded with `>-` as in the example files.
"""
from __future__ import annotations

import json
import re
import textwrap
from datetime import date
from decimal import Decimal
from typing import Any

import yaml

from .. import describe
from ..convert import FORMULA_STARTS
from ..model import Award
from ..money import plain_number

SCHEMA_LINE = "# yaml-language-server: $schema=../../schemas/award.schema.json"
DRAFT_LINE = "draft: true"
_WIDTH = 100
_YES_NO = frozenset(("true", "false", "yes", "no", "on", "off", "y", "n", "null", "~"))
_RESOLVER = yaml.resolver.Resolver()  # asked directly: parsing a document per value is 10 times slower
_STR = "tag:yaml.org,2002:str"
_PLAIN_START = re.compile(r"^[A-Za-z0-9(£\"'$]")  # then checked with the YAML reader itself


def nest(values: dict[str, Any]) -> dict[str, Any]:
    """{"recipient.name": x} -> {"recipient": {"name": x}}."""
    out: dict[str, Any] = {}
    for dotted, value in values.items():
        *groups, name = dotted.split(".")
        holder = out
        for g in groups:
            holder = holder.setdefault(g, {})
        holder[name] = value
    return out


def render(values: dict[str, Any], source: str, draft: bool) -> str:
    """The file's text: values by dotted field (no `id`), written in the model's order."""
    lines = [SCHEMA_LINE, f"# Imported from {source}."]
    if draft:
        lines.append(DRAFT_LINE)
    _record(describe.record(Award), nest(values), 0, lines)
    return "\n".join(lines) + "\n"


def body(text: str) -> str:
    """The file without the draft line: what the loader reads as the award itself."""
    return text.replace(f"\n{DRAFT_LINE}\n", "\n", 1)


def _record(record: describe.Record, values: dict[str, Any], indent: int, lines: list[str]) -> None:
    pad = " " * indent
    for f in record.written:
        if f.name not in values:
            continue
        value = values[f.name]
        shape = f.shape
        if isinstance(value, dict):
            group = shape.group if shape.kind == describe.EITHER else shape.record
            lines.append(f"{pad}{f.name}:")
            _record(describe.record(group), value, indent + 2, lines)
        elif isinstance(value, list):
            lines.append(f"{pad}{f.name}: [{', '.join(_scalar(v, inline=True) for v in value)}]")
        else:
            text = _scalar(value)
            if isinstance(value, str) and _foldable(text, value, indent):
                lines.append(f"{pad}{f.name}: >-")
                lines += [f"{pad}  {part}" for part in _fold(value, _WIDTH - indent - 2)]
            else:
                lines.append(f"{pad}{f.name}: {text}")


def _scalar(value: Any, inline: bool = False) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return plain_number(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    return value if _plain_ok(value, inline) else _quoted(value)


def _plain_ok(text: str, inline: bool) -> bool:
    """Whether `text` written without quotes reads back as exactly this text, and as text."""
    if not _PLAIN_START.match(text) or text[0] in "\"'" or text[0] in FORMULA_STARTS:
        return False
    if text.casefold() in _YES_NO or text[0].isdigit() or "\n" in text or " #" in text or ": " in text:
        return False
    if any(c in text for c in "\t\r") or text.endswith(":") or text != text.strip() or "  " in text:
        return False
    if inline and any(c in text for c in ",[]{}"):
        return False
    # the rest is what YAML's own resolver decides: text, or a number, a date, a yes/no...
    return _RESOLVER.resolve(yaml.ScalarNode, text, (True, False)) == _STR


def _quoted(text: str) -> str:
    # a JSON string is a YAML double-quoted one: the same escapes (\n, \", \\, \uXXXX)
    return json.dumps(text, ensure_ascii=False)


def _foldable(text: str, value: str, indent: int) -> bool:
    """Long plain text, folded over lines with `>-`: reading it back joins the lines with one space."""
    return (len(value) + indent > _WIDTH - 20 and text == value and "  " not in value
            and "\t" not in value and not value.startswith(("#", "-", " ")))


def _fold(text: str, width: int) -> list[str]:
    return textwrap.wrap(text, width=width, break_long_words=False, break_on_hyphens=False)
