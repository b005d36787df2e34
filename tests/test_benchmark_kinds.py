"""benchmarks/run.py sorts a built site's pages by kind, for issue 20's figures per kind of page: each
kind of address the site has (as a 10,000-award site lays them out) goes to its own kind."""
from __future__ import annotations

import sys

import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
import first_visit  # noqa: E402
import run  # noqa: E402

KINDS = {
    "awards/youth-fund-abbeyford-2025/index.html": "award pages",
    "awards/index.html": "award lists",
    "awards-by-year/2025-26/index.html": "award lists",
    "awards-by-year/2025-26/page-2/index.html": "award lists",
    "funding/youth-fund/2025-26/index.html": "award lists",
    "funding/youth-fund/2025-26/page-2/index.html": "award lists",
    "recipients/gb-chc-9000472/index.html": "recipient pages",
    "recipients/index.html": "registers",
    "recipients/page-3/index.html": "registers",
    "awards/page-2/index.html": "award lists",
    "tenders/hate-crime-advocacy-2026-002/index.html": "tender pages",
    "tenders/index.html": "registers",
    "tenders/awarded/index.html": "registers",
    "tenders/awarded/page-2/index.html": "registers",
    "funding/youth-fund/index.html": "fund pages",
    "funding/index.html": "other pages",
    "funding/statistics/index.html": "other pages",
    "funding-rounds/youth-fund-2026-27/index.html": "funding rounds",
    "funding-rounds/index.html": "registers",
    "registers/contracts/index.html": "registers",
    "registers/contracts/page-11/index.html": "registers",
    "how-we-commission/index.html": "promise pages",
    "how-we-commission/countywide/index.html": "promise pages",
    "how-we-commission/upstream/2017-18/page-3/index.html": "promise pages",
    "strategy/key-principles/index.html": "other pages",
    "index.html": "other pages",
    "404.html": "other pages",
    "p/page-00001/index.html": "plain pages",
}


@pytest.mark.parametrize("path, kind", KINDS.items())
def test_each_address_has_its_kind(path, kind):
    assert run.page_kind(path) == kind
    # a search entry's location: the folder's address, with or without an anchor
    assert run.page_kind(path.removesuffix("index.html") + "#key-facts") == kind


def test_survey_counts_each_kind_and_its_largest_page(tmp_path):
    sizes = {"awards/a/index.html": 300, "awards/b/index.html": 500, "awards/index.html": 900,
             "recipients/r/index.html": 200, "search/search_index.json": 70, "data/awards.csv": 40}
    for rel, size in sizes.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_bytes(b"x" * size)
    found = run.survey(tmp_path)
    assert found.pages == 4
    assert found.largest == (900, "awards/index.html")
    assert list(found.kinds) == ["award pages", "recipient pages", "award lists"]  # in PAGE_KINDS order
    awards = found.kinds["award pages"]
    assert (awards.pages, awards.average, awards.largest) == (2, 400, (500, "awards/b/index.html"))
    assert found.output_split["search index"] == 70
    assert found.output_split["downloads (data/)"] == 40


def test_a_kind_counts_its_pages_over_the_award_page_limit():
    kind = run.Kind()
    for size in (run.AWARD_PAGE_MAX - 1, run.AWARD_PAGE_MAX, run.AWARD_PAGE_MAX + 1, 3 * run.AWARD_PAGE_MAX):
        kind.add(size, "awards/x/index.html")
    assert (kind.pages, kind.over) == (4, 2)


def test_first_visit_compresses_text_and_counts_images_as_they_are():
    text = b"<p>award</p>" * 500
    assert first_visit.compressed_size("awards/a/", text) < len(text) / 10
    assert first_visit.compressed_size("assets/site.css", text) < len(text) / 10
    assert first_visit.compressed_size("assets/images/favicon.png", text) == len(text)
