"""JSON output that is exact and byte-stable."""
from __future__ import annotations

import json
from datetime import date, datetime
from decimal import Decimal


def _default(value):
    if isinstance(value, Decimal):
        # Whole pounds as integers; pence as the shortest float that reads back the same,
        # which for two decimal places prints exactly what was typed (1500.5 for 1500.50).
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def to_json_text(obj) -> str:
    """The text of `to_json`, without the final newline."""
    return json.dumps(obj, default=_default, ensure_ascii=False, separators=(",", ":"))


def to_json(obj) -> bytes:
    """Compact UTF-8 JSON with a final newline; key order as given (stable across builds).

    Compact, not indented: with `indent` Python's json falls back to its slow pure-Python
    encoder (its cost: benchmarks/README.md); any JSON viewer re-indents.
    """
    return (to_json_text(obj) + "\n").encode("utf-8")
