"""Bar charts drawn at build time as inline SVG: no chart library in the browser.

Each chart is a picture of a table that sits next to it on the page (the
accessible alternative); the SVG has a title and a description naming that
table. Text from data is escaped: labels are XML text, never markup.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from markupsafe import Markup, escape

from ..money import format_money_short


@dataclass(frozen=True)
class Bar:
    label: str  # e.g. "2026/27" or a fund's name
    budget: Decimal | None
    awarded: Decimal


def _nice_max(value: Decimal) -> Decimal:
    """A round top for the scale (1, 2 or 5 times a power of ten) at or above value."""
    if value <= 0:
        return Decimal(1)
    magnitude = Decimal(10) ** (len(str(int(value))) - 1)
    for step in (1, 2, 5, 10):
        if value <= step * magnitude:
            return step * magnitude
    return 10 * magnitude  # pragma: no cover


def budget_chart(bars: list[Bar], title: str, table_caption: str, chart_id: str) -> Markup:
    """For each label, a budget bar (outline) above an awarded bar (solid), labels above the bars.

    Labels sit on their own line so the chart stays readable when a phone shrinks it.
    """
    bar_h, label_h, gap, chart_w, top = 16, 20, 14, 290, 30
    width = chart_w + 110
    height = top + len(bars) * (label_h + 2 * bar_h + 4 + gap)
    top_value = _nice_max(max([b.awarded for b in bars] + [b.budget or 0 for b in bars] + [Decimal(1)]))

    def w(v: Decimal) -> float:
        return max(round(float(v / top_value) * chart_w, 1), 1.0)

    parts = [
        f'<svg class="chart" role="img" aria-labelledby="{chart_id}-t {chart_id}-d" '
        f'viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg" font-size="13">',
        f'<title id="{chart_id}-t">{escape(title)}</title>',
        f'<desc id="{chart_id}-d">Bar chart of budget and amount awarded. The same figures are in the table '
        f'"{escape(table_caption)}".</desc>',
        '<rect x="0" y="6" width="14" height="12" class="bar-budget"/><text x="20" y="17">Budget</text>'
        '<rect x="90" y="6" width="14" height="12" class="bar-awarded"/><text x="110" y="17">Awarded</text>',
    ]
    y = top
    for b in bars:
        parts.append(f'<text x="0" y="{y + 14}" font-weight="700">{escape(_short(b.label))}</text>')
        y += label_h
        if b.budget is not None:
            parts.append(f'<rect x="0" y="{y}" width="{w(b.budget)}" height="{bar_h}" class="bar-budget"/>'
                         f'<text x="{w(b.budget) + 6}" y="{y + 13}">{escape(format_money_short(b.budget))}</text>')
        y += bar_h + 4
        parts.append(f'<rect x="0" y="{y}" width="{w(b.awarded)}" height="{bar_h}" class="bar-awarded"/>'
                     f'<text x="{w(b.awarded) + 6}" y="{y + 13}">{escape(format_money_short(b.awarded))}</text>')
        y += bar_h + gap
    parts.append("</svg>")
    return Markup("".join(parts))


def _short(label: str, limit: int = 48) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"
