"""Bar charts drawn at build time as inline SVG: no chart library in the browser.

Each chart is a picture of a table that sits next to it on the page (the
accessible alternative); the SVG has a title and a description naming that
table. Text from data is escaped: labels are XML text, never markup.
"""
from __future__ import annotations

import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from markupsafe import Markup, escape

from ..money import format_money, format_money_short


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


# Sizes in CSS pixels. The SVG has no viewBox, so nothing is scaled: its text is as large on
# a phone as on a desktop (a scaled chart's 13px text came out at 11.6px on a 390px phone).
# Bars are drawn in percent of the chart's width, so the chart fits any screen.
FONT_PX, LINE_PX, BAR_PX, BAR_GAP_PX, GROUP_GAP_PX, KEY_PX = 16, 22, 18, 4, 16, 34
BAR_MAX_PERCENT = 58  # the longest bar; the rest of the width holds its amount, e.g. "£1,342,000"
LABEL_CHARS = 30  # a label's line: about 270px of bold 16px text, inside a 320px screen's column


def chart_money(values: list[Decimal]) -> Callable[[Decimal], str]:
    """One way of writing money for every figure in a chart, so that no chart mixes
    "£1.9 million" with "£1,723,900": the short form ("£4 million") only when every figure
    can be written so exactly; otherwise every figure in full. Nothing is rounded: the table
    beside the chart has the same figures."""
    if any(v for v in values) and all(not v or format_money_short(v) != format_money(v) for v in values):
        return format_money_short
    return format_money


def label_lines(label: str, width: int = LABEL_CHARS) -> list[str]:
    """A bar's label over as many lines as it needs (SVG text does not wrap by itself)."""
    return textwrap.wrap(_short(label), width) or [""]


def budget_chart(bars: list[Bar], title: str, table_caption: str, chart_id: str) -> Markup:
    """For each label, a budget bar (outline) above an awarded bar (solid), labels above the bars.

    Labels sit on their own lines so the chart stays readable on a phone."""
    values = [b.awarded for b in bars] + [b.budget for b in bars if b.budget is not None]
    money = chart_money(values)
    top_value = _nice_max(max(values + [Decimal(1)]))

    def pct(v: Decimal) -> str:
        return f"{max(round(float(v / top_value) * BAR_MAX_PERCENT, 1), 0.3)}%"

    body = []
    y = KEY_PX
    for b in bars:
        for line in label_lines(b.label):
            y += LINE_PX
            body.append(f'<text x="0" y="{y - 5}" font-weight="700">{escape(line)}</text>')
        y += 2
        for kind, value in (("budget", b.budget), ("awarded", b.awarded)):
            if value is not None:
                body.append(f'<rect x="0" y="{y}" width="{pct(value)}" height="{BAR_PX}" class="bar-{kind}"/>'
                            f'<text x="{pct(value)}" dx="6" y="{y + BAR_PX - 4}">{escape(money(value))}</text>')
            y += BAR_PX + BAR_GAP_PX
        y += GROUP_GAP_PX
    parts = [
        f'<svg class="chart" role="img" aria-labelledby="{chart_id}-t {chart_id}-d" '
        f'width="100%" height="{y}" xmlns="http://www.w3.org/2000/svg" font-size="{FONT_PX}">',
        f'<title id="{chart_id}-t">{escape(title)}</title>',
        f'<desc id="{chart_id}-d">Bar chart of budget and amount awarded. The same figures are in the table '
        f'"{escape(table_caption)}".</desc>',
        f'<rect x="1" y="6" width="16" height="14" class="bar-budget"/><text x="24" y="19">Budget</text>'
        f'<rect x="100" y="6" width="16" height="14" class="bar-awarded"/><text x="123" y="19">Awarded</text>',
        *body,
        "</svg>",
    ]
    return Markup("".join(parts))


def _short(label: str, limit: int = 60) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"
