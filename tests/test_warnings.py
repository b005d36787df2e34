"""Warnings: likely mistakes that may be right. Shown like problems, but the site is published.

The exact lines for each warning are in the corpus (tests/corpus/warning-*); these
tests cover what the corpus cannot: the real build, the thresholds' edges, who counts
as the same recipient, and what a silence silences.
"""
from __future__ import annotations

import typing
from pathlib import Path

import pytest

from conftest import ROOT, build, make_project
from staffdata import CONTRACT, GRANT, edit, problems
from transparency import model
from transparency.money import format_money
from transparency.rules import SMALLEST_LIKELY

X = "data/awards/x.yml"
SMALL = (f"{X}:7: amount: warning: £64 is very little for a contract (less than £1,000): check the amount is in "
         "pounds and has all its digits; if it is right, add `not_a_mistake: [small-amount]` to this file")


def test_a_warning_does_not_stop_the_build_and_is_printed(tmp_path):
    project = make_project(tmp_path / "project")
    (project / "data" / "awards" / "x.yml").write_text(edit(CONTRACT, "amount: 1000", "amount: 64"), encoding="utf-8")
    result = build(project)  # mkdocs build --strict: a logged warning would fail it
    assert result.ok, result.output
    assert "Test advocacy service" in result.page("awards/x/")
    assert "1 warning in the data (published all the same; see EDITING.md, \"Warnings\"):" in result.result.stderr
    assert f"  {SMALL}" in result.result.stderr.splitlines()


def test_an_error_beside_a_warning_still_stops_the_build(tmp_path):
    project = make_project(tmp_path / "project")
    text = edit(edit(CONTRACT, "amount: 1000", "amount: 64"), "kind: contract", "kind: contrat")
    (project / "data" / "awards" / "x.yml").write_text(text, encoding="utf-8")
    result = build(project)
    assert not result.ok
    assert "1 problem in the data; nothing was published:" in result.output
    assert not (project / "site" / "awards" / "x").exists()


@pytest.mark.parametrize("kind, base, amount, warned", [
    ("grant", GRANT, "99.99", True), ("grant", GRANT, "100", False),
    ("contract", CONTRACT, "999.99", True), ("contract", CONTRACT, "1000", False),
    ("contract", CONTRACT, "0.01", True),
])
def test_small_amounts_are_below_the_smallest_likely_amount_for_their_kind(tmp_path, kind, base, amount, warned):
    old = "amount: 500" if kind == "grant" else "amount: 1000"
    found = problems(tmp_path, {"awards/x.yml": edit(base, old, f"amount: {amount}")})
    assert len(found) == warned and all("`not_a_mistake: [small-amount]`" in p for p in found)


def test_an_award_of_0_is_an_error_not_also_a_warning(tmp_path):
    found = problems(tmp_path, {"awards/x.yml": edit(CONTRACT, "amount: 1000", "amount: 0")})
    assert found == [f"{X}:7: amount: an award of £0 is not an award: enter the amount awarded, or delete the file"]


def test_the_thresholds_are_the_ones_editing_md_gives():
    text = (ROOT / "EDITING.md").read_text(encoding="utf-8")
    assert set(SMALLEST_LIKELY) == set(typing.get_args(typing.get_type_hints(model.Award)["kind"]))
    for kind, smallest in SMALLEST_LIKELY.items():
        assert f"{kind} of less than {format_money(smallest)}" in text, kind


def duplicate(text: str, **changes: str) -> str:
    """`text` as another award: its own title and description, and `changes` (old=new lines)."""
    out = edit(edit(text, "title: Test advocacy service", "title: Another award"),
               "description: An advocacy service used by the tests.", "description: Another award, for the tests.")
    for old, new in changes.items():
        out = edit(out, old.replace("_", " "), new)
    return out


def warned(found: list[str]) -> list[str]:
    return [p.split(":")[0] for p in found if "`not_a_mistake: [likely-duplicate]`" in p]


def test_the_same_charity_number_is_the_same_recipient_whatever_the_name(tmp_path):
    y = duplicate(CONTRACT).replace("name: Test Provider", "name: Test Provider Ltd (trading as TPL)")
    assert warned(problems(tmp_path, {"awards/x.yml": CONTRACT, "awards/y.yml": y})) == [X, "data/awards/y.yml"]


def test_different_numbers_are_different_recipients_whatever_the_name(tmp_path):
    y = duplicate(CONTRACT).replace('charity_number: "9000001"', 'charity_number: "9000009"')
    assert problems(tmp_path, {"awards/x.yml": CONTRACT, "awards/y.yml": y}) == []


def test_another_date_or_amount_is_not_a_duplicate(tmp_path):
    other_day = duplicate(CONTRACT).replace("award_date: 2026-05-01", "award_date: 2026-05-02")
    other_amount = duplicate(CONTRACT).replace("amount: 1000", "amount: 1000.01")
    assert problems(tmp_path, {"awards/x.yml": CONTRACT, "awards/y.yml": other_day, "awards/z.yml": other_amount}) == []


def test_the_same_amount_written_with_pence_is_the_same_amount(tmp_path):
    y = duplicate(CONTRACT).replace("amount: 1000", "amount: 1000.00")
    assert warned(problems(tmp_path, {"awards/x.yml": CONTRACT, "awards/y.yml": y})) == [X, "data/awards/y.yml"]


def test_without_any_number_the_name_is_compared_ignoring_case(tmp_path):
    # no number is an error of its own, but a likely duplicate is still worth saying
    bare = CONTRACT.replace('  charity_number: "9000001"\n', "")
    y = duplicate(bare).replace("name: Test Provider", "name: TEST PROVIDER ")
    assert warned(problems(tmp_path, {"awards/x.yml": bare, "awards/y.yml": y})) == [X, "data/awards/y.yml"]


def test_a_silence_silences_its_own_warning_in_its_own_file_only(tmp_path):
    small = edit(CONTRACT, "amount: 1000", "amount: 64")
    assert problems(tmp_path, {"awards/x.yml": small + "not_a_mistake: [likely-duplicate]\n"}) == [SMALL]
    assert problems(tmp_path, {"awards/x.yml": small + "not_a_mistake: [small-amount]\n"}) == []
    both = small + "not_a_mistake:\n  - small-amount\n  - likely-duplicate\n"
    assert problems(tmp_path, {"awards/x.yml": both, "awards/y.yml": duplicate(small)}) == [
        "data/awards/y.yml:1: warning: data/awards/x.yml has the same recipient, amount and date (Test Provider, "
        "£64, 1 May 2026): if this is the same award recorded twice, delete one file; if both are right, add "
        "`not_a_mistake: [likely-duplicate]` to this file",
        "data/awards/y.yml:7: amount: warning: £64 is very little for a contract (less than £1,000): check the "
        "amount is in pounds and has all its digits; if it is right, add `not_a_mistake: [small-amount]` to this file",
    ]


def test_a_silence_for_a_warning_that_is_not_given_is_harmless(tmp_path):
    assert problems(tmp_path, {"awards/x.yml": CONTRACT + "not_a_mistake: [likely-duplicate, before-first-budget]\n"}) == []


NEW_FUND = """\
name: New Fund
summary: A fund that starts in 2026/27.
legal_basis: Section 9 of the Police Reform and Social Responsibility Act 2011.
status: open
route: grants
budgets:
  2026/27: 100000
"""
NEW_GRANT = edit(edit(GRANT, "fund: crime-and-disorder-reduction-grants", "fund: new-fund"),
                 "crime_reduction_reasons: Young people are busy on the evenings when disorder peaks.\n", "")


def test_dated_before_the_first_budget_but_paid_from_it_is_a_warning(tmp_path):
    grant = edit(NEW_GRANT, "award_date: 2026-06-01", "award_date: 2026-03-31\nfinancial_year: 2026/27")
    assert problems(tmp_path, {"funds/new-fund.yml": NEW_FUND, "awards/x.yml": grant}) == [
        f"{X}:8: award_date: warning: 31 March 2026 is before the first year the fund `new-fund` has a budget for "
        "(2026/27, from 1 April 2026): check the date and `financial_year`; if it is right, add "
        "`not_a_mistake: [before-first-budget]` to this file"]
    on_the_day = edit(NEW_GRANT, "award_date: 2026-06-01", "award_date: 2026-04-01\nfinancial_year: 2026/27")
    assert problems(tmp_path, {"funds/new-fund.yml": NEW_FUND, "awards/x.yml": on_the_day}) == []


def test_a_year_without_a_budget_is_an_error_not_also_a_warning(tmp_path):
    grant = edit(NEW_GRANT, "award_date: 2026-06-01", "award_date: 2026-03-31")
    assert problems(tmp_path, {"funds/new-fund.yml": NEW_FUND, "awards/x.yml": grant}) == [
        f"{X}:8: award_date: the fund `new-fund` has no budget for 2025/26: add `2025/26:` under `budgets` in "
        "data/funds/new-fund.yml, or correct the award's date or financial year"]


def test_every_warning_code_is_explained_and_has_a_corpus_case():
    codes = typing.get_args(model.WarningCode)
    doc = next(f for f in model.file_fields(model.Award) if f.name == "not_a_mistake").metadata["doc"]
    editing = (ROOT / "EDITING.md").read_text(encoding="utf-8")
    corpus = "".join(p.read_text(encoding="utf-8") for p in (Path(__file__).parent / "corpus").glob("warning-*/expected.txt"))
    for code in codes:
        assert f"`{code}`" in doc and f"`{code}`" in editing, code
        assert f"`not_a_mistake: [{code}]`" in corpus, f"no corpus case gives the warning {code}"
