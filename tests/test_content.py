"""The office's prose in content/ never repeats a figure its data holds.

A sign-off band or the procurement threshold written out in a content page goes stale the day
organisation.yml changes (the example's single tender actions page once said "up to £150,000"
beside the band in the data). The pages link to the generated page that shows the figure.
This runs on the project's own content/ and data/, whichever office's they are.
"""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import yaml

from conftest import ROOT
from transparency.money import format_money


def figures_written_out(content: Path, organisation: Path) -> list[str]:
    org = yaml.load(organisation.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader) or {}
    amounts = [b["up_to"] for b in org.get("single_tender_action_sign_off") or [] if b.get("up_to") is not None]
    if org.get("procurement_threshold") is not None:
        amounts.append(org["procurement_threshold"])
    found = []
    for page in sorted(content.rglob("*.md")):
        text = page.read_text(encoding="utf-8")
        for amount in amounts:
            written = format_money(Decimal(str(amount)))
            if written in text or written.replace(",", "") in text:
                found.append(f"{page.relative_to(content.parent)}: {written}")
    return found


def test_content_repeats_no_figure_from_organisation_yml():
    assert figures_written_out(ROOT / "content", ROOT / "data" / "organisation.yml") == []


def test_a_band_written_into_a_page_is_found(tmp_path):
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "sta.md").write_text("Up to £150,000 the finance officer signs.\n")
    (tmp_path / "organisation.yml").write_text(
        "single_tender_action_sign_off:\n  - up_to: 150000\n    signed_off_by: A\n  - signed_off_by: B\n")
    assert figures_written_out(tmp_path / "content", tmp_path / "organisation.yml") == ["content/sta.md: £150,000"]
