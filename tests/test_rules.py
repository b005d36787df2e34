"""The strategy's rules: a bad file for each, and the exact message staff see."""
from __future__ import annotations

import pytest

import staffdata
from staffdata import CONTRACT, GRANT, TENDER, edit, problems

A = "data/awards/test.yml"
T = "data/tenders/test.yml"


@pytest.mark.parametrize("shape", [("3", "[1]"), ("2", "[1]"), ("1", "[1]"), ("3", "[]"), ("2", "[1, 1]")])
def test_extensions_up_to_the_initial_period_are_allowed(tmp_path, shape):
    initial, ext = shape
    text = edit(edit(CONTRACT, "initial_years: 3", f"initial_years: {initial}"), "extensions: [1]", f"extensions: {ext}")
    assert problems(tmp_path, {"awards/test.yml": text}) == []


def test_rule_1_extensions_longer_than_initial_period(tmp_path):
    text = edit(edit(CONTRACT, "initial_years: 3", "initial_years: 1"), "extensions: [1]", "extensions: [2]")
    assert problems(tmp_path, {"awards/test.yml": text}) == [
        f"{A}:15: term.extensions: the extensions add up to 2 years, longer than the first period of 1 year "
        "(1 plus 2): the strategy allows extensions that together are no longer than the first period, "
        "such as 3 plus 1; shorten the extensions or lengthen `initial_years`"]


def test_rule_1_in_a_tender_too(tmp_path):
    text = edit(TENDER, "extensions: [1]", "extensions: [2, 2]")
    assert problems(tmp_path, {"tenders/test.yml": text}) == [
        f"{T}:13: term.extensions: the extensions add up to 4 years, longer than the first period of 3 years "
        "(3 plus 2 plus 2): the strategy allows extensions that together are no longer than the first period, "
        "such as 3 plus 1; shorten the extensions or lengthen `initial_years`"]


def test_rule_2_contract_without_break_clause(tmp_path):
    text = edit(CONTRACT, "  break_clause: Either party may end it with 6 months' notice.\n", "")
    assert problems(tmp_path, {"awards/test.yml": text}) == [
        f"{A}:12: term.break_clause: every contract must have a break clause for both parties (the strategy says "
        "one is always included): add `break_clause`, for example \"Either party may end the contract with 6 months' notice\""]


def test_rule_2_contract_without_term(tmp_path):
    text = CONTRACT[: CONTRACT.index("term:")]
    assert problems(tmp_path, {"awards/test.yml": text}) == [
        f"{A}:1: term: a contract needs a `term`: add `start`, `initial_years`, `extensions` and `break_clause`"]


def test_rule_3_split_must_add_up_to_100(tmp_path):
    text = edit(TENDER, "cost: 30", "cost: 40")
    assert problems(tmp_path, {"tenders/test.yml": text}) == [
        f"{T}:8: quality_cost_split: quality 70 and cost 40 add up to 110, not 100: the split is in percentages"]


def test_rule_3_envelope_is_required(tmp_path):
    text = edit(TENDER, "funding_envelope:\n  amount: 100000\n  covers: per year\n", "")
    assert problems(tmp_path, {"tenders/test.yml": text}) == [
        f"{T}:1: funding_envelope: `funding_envelope` is missing: add it (How much money is available.)"]


def test_rule_3_links_to_the_etendering_portal(tmp_path):
    text = edit(TENDER, "https://www.bluelight.eu-supply.com/test", "https://tenders.example.com/test")
    assert problems(tmp_path, {"tenders/test.yml": text}) == [
        f"{T}:18: portal_url: every tender is posted on Bluelight eTendering: link to the notice there "
        "(an address starting https://www.bluelight.eu-supply.com/)"]


def test_rule_3_portal_link_must_be_https(tmp_path):
    text = edit(TENDER, "https://www.bluelight.eu-supply.com/test", "javascript:alert(1)")
    assert problems(tmp_path, {"tenders/test.yml": text}) == [
        f"{T}:18: portal_url: `javascript:alert(1)` is not a web address we can publish: links must start with https://"]


STA = """\
procurement_route: single-tender-action
single_tender_action:
  ground: only-supplier
  reason: Only this provider holds the live case data.
  value: {value}
  signed_off_by: {who}
"""


def sta_award(value: int, who: str) -> str:
    return edit(CONTRACT, "procurement_route: competitive-tender\n", STA.format(value=value, who=who))


def test_rule_4_single_tender_action_signed_off_by_the_right_band(tmp_path):
    assert problems(tmp_path, {"awards/test.yml": sta_award(150000, "Chief Finance Officer of the Constabulary")}) == []
    assert problems(tmp_path, {"awards/test.yml": sta_award(150001, "Chief Finance Officer of the Constabulary")}) == [
        f"{A}:15: single_tender_action.signed_off_by: a single tender action of £150,001 is up to £500,000 and must "
        "be signed off by the Chief Executive of the Office of the Police and Crime Commissioner, not "
        "`Chief Finance Officer of the Constabulary` (bands are in data/organisation.yml)"]


def test_rule_4_single_tender_action_ground(tmp_path):
    text = edit(sta_award(1000, "Chief Finance Officer of the Constabulary"), "ground: only-supplier", "ground: cheapest")
    assert problems(tmp_path, {"awards/test.yml": text}) == [
        f"{A}:12: single_tender_action.ground: `cheapest` is not allowed: choose one of `only-supplier`, `continuity-of-supply`"]


def test_rule_4_route_and_details_agree(tmp_path):
    text = edit(CONTRACT, "procurement_route: competitive-tender", "procurement_route: single-tender-action")
    assert problems(tmp_path, {"awards/test.yml": text}) == [
        f"{A}:1: single_tender_action: the procurement route is a single tender action: add `single_tender_action` "
        "with `ground`, `reason`, `value` and `signed_off_by`"]


def test_rule_5_local_provision_needs_a_reason(tmp_path):
    ok = CONTRACT + "coverage:\n  area: Fenland\n  reason: pilot\n  explanation: Testing a new model.\n"
    assert problems(tmp_path, {"awards/test.yml": ok}) == []
    no_reason = CONTRACT + "coverage:\n  area: Fenland\n"
    assert problems(tmp_path, {"awards/test.yml": no_reason}) == [
        f"{A}:17: coverage.explanation: `explanation` is missing: add it (A sentence explaining the pilot or the local need.)",
        f"{A}:17: coverage.reason: `reason` is missing: add it (Why it is not countywide: `pilot` (proof of concept) or `local-need` (a need found only there).)",
    ]
    bad_reason = CONTRACT + "coverage:\n  area: Fenland\n  reason: preference\n  explanation: We like it.\n"
    assert problems(tmp_path, {"awards/test.yml": bad_reason}) == [
        f"{A}:19: coverage.reason: `preference` is not allowed: choose one of `pilot`, `local-need`"]
    word = CONTRACT + "coverage: Fenland\n"
    assert problems(tmp_path, {"awards/test.yml": word}) == [
        f"{A}:17: coverage: `Fenland` is not allowed: write `countywide`, or these fields on the lines below, "
        "indented: `area`, `reason`, `explanation`, `code`"]


def test_rule_6_references_resolve(tmp_path):
    text = edit(CONTRACT, "fund: victims-services-grant", "fund: victim-services-grant")
    assert problems(tmp_path, {"awards/test.yml": text}) == [
        f"{A}:3: fund: there is no fund `victim-services-grant` (no file data/funds/victim-services-grant.yml); "
        "did you mean `victims-services-grant`?"]


def test_rule_6_award_and_tender_name_each_other(tmp_path):
    award = CONTRACT + "tender: test\n"
    assert problems(tmp_path, {"awards/test.yml": award, "tenders/test.yml": TENDER}) == [
        f"{A}:17: tender: the tender `test` does not list this award: add `test` to `awarded` in data/tenders/test.yml"]
    tender = TENDER + "awarded: [test, nothing-here]\n"
    assert problems(tmp_path, {"awards/test.yml": CONTRACT, "tenders/test.yml": tender}) == [
        f"{A}:1: tender: a tender is also called `test`: give this award's file a different name, or, if it came "
        "from that tender, add `tender: test`",
        f"{T}:26: awarded[1]: the award `test` does not name this tender: add `tender: test` to data/awards/test.yml",
        f"{T}:26: awarded[2]: there is no award `nothing-here` (no file data/awards/nothing-here.yml): check the file name in data/awards/",
    ]
    assert problems(tmp_path, {"awards/test.yml": award, "tenders/test.yml": TENDER + "awarded: [test]\n"}) == []


def test_rule_6_outcomes_refer_to_shared_outcomes(tmp_path):
    text = CONTRACT + "outcomes: [victim]\n"
    assert problems(tmp_path, {"awards/test.yml": text}) == [
        f"{A}:17: outcomes[1]: there is no shared outcome `victim`; did you mean `victims`?"]


def test_rule_7_deadlines_in_order(tmp_path):
    text = edit(TENDER, "submission_deadline: 2027-01-22 12:00", "submission_deadline: 2027-01-08 11:00")
    assert problems(tmp_path, {"tenders/test.yml": text}) == [
        f"{T}:17: submission_deadline: the submission deadline must be after the clarification deadline (and so after publication)"]
    text = edit(TENDER, "clarification_deadline: 2027-01-08 12:00", "clarification_deadline: 2026-11-01 12:00")
    assert problems(tmp_path, {"tenders/test.yml": text}) == [
        f"{T}:16: clarification_deadline: the clarification deadline must be after the notice is published"]


def test_rule_7_over_budget(tmp_path):
    # The crime and disorder fund's 2026/27 budget has some headroom; a huge grant breaks it.
    text = edit(GRANT, "amount: 500", "amount: 9000000")
    found = problems(tmp_path, {"awards/test.yml": text})
    assert len(found) == 1
    assert found[0].startswith("data/funds/crime-and-disorder-reduction-grants.yml:")
    assert ": budgets.2026/27: awards in 2026/27 add up to £" in found[0]
    assert found[0].endswith("correct the amounts or the budget, or explain it under `over_budget_explanations`")


def test_rule_7_over_budget_explained(tmp_path):
    from conftest import FIXTURE_DATA
    fund = (FIXTURE_DATA / "funds/crime-and-disorder-reduction-grants.yml").read_text()
    fund += "over_budget_explanations:\n  2026/27: Underspend carried forward from 2025/26.\n"
    text = edit(GRANT, "amount: 500", "amount: 9000000")
    assert problems(tmp_path, {"awards/test.yml": text, "funds/crime-and-disorder-reduction-grants.yml": fund}) == []


def test_rule_7_year_without_budget(tmp_path):
    text = edit(GRANT, "award_date: 2026-06-01", "award_date: 2020-06-01")
    assert problems(tmp_path, {"awards/test.yml": text}) == [
        f"{A}:8: award_date: the fund `crime-and-disorder-reduction-grants` has no budget for 2020/21: add `2020/21:` "
        "under `budgets` in data/funds/crime-and-disorder-reduction-grants.yml, or correct the award's date or financial year"]


def test_rule_8_data_quality(tmp_path):
    text = edit(CONTRACT, "amount: 1000", "amount: 0")
    assert problems(tmp_path, {"awards/test.yml": text}) == [
        f"{A}:7: amount: an award of £0 is not an award: enter the amount awarded, or delete the file"]
    text = edit(CONTRACT, "title: Test advocacy service", "title: " + "x" * 140)
    assert problems(tmp_path, {"awards/test.yml": text}) == [
        f"{A}:1: title: the title is 140 characters: keep it under 140 and put detail in `description`"]
    text = edit(CONTRACT, "description: An advocacy service used by the tests.", "description: Test advocacy service")
    assert problems(tmp_path, {"awards/test.yml": text}) == [
        f"{A}:9: description: the description repeats the title: say what the money pays for"]
    text = edit(CONTRACT, "award_date: 2026-05-01", "award_date: 2026-11-29")
    assert problems(tmp_path, {"awards/test.yml": text}) == [
        f"{A}:8: award_date: 29 November 2026 is after today (28 November 2026): record an award once it is made"]


CHARITY_FORMS = ("write a Charity Commission number as its 6 or 7 digits (for example 1123456, leaving out "
                 "any suffix like -1), a Scottish one as OSCR writes it, SC and 6 digits (for example "
                 "SC012345), or a Northern Ireland one as NIC and its 6 digits (for example NIC100001)")
UNREGISTERED = ("for a group with no registered number, write our 360Giving prefix (`grant_id_prefix` in "
                "organisation.yml), a hyphen and our own id for the group, for example `360G-exampleopcc-org-1`")


@pytest.mark.parametrize("field, value, expected", [
    ("charity_number", '"12345"', f"`12345` is not a charity number: {CHARITY_FORMS}"),
    ("charity_number", '"1234567-1"', f"`1234567-1` is not a charity number: {CHARITY_FORMS}"),
    ("charity_number", "sc012345", f"`sc012345` is not a charity number: {CHARITY_FORMS}"),
    ("charity_number", "SC01234", f"`SC01234` is not a charity number: {CHARITY_FORMS}"),
    ("charity_number", '"NIC 100001"', f"`NIC 100001` is not a charity number: {CHARITY_FORMS}"),
    ("company_number", '"1234567"', "`1234567` is not a company number: it has 8 characters, for example 01234567 or SC123456"),
])
def test_rule_8_registration_numbers(tmp_path, field, value, expected):
    text = edit(CONTRACT, '  charity_number: "9000001"', f"  {field}: {value}")
    assert problems(tmp_path, {"awards/test.yml": text}) == [f"{A}:6: recipient.{field}: {expected}"]


@pytest.mark.parametrize("field, value", [
    ("charity_number", "1123456"), ("charity_number", '"112345"'),  # England and Wales
    ("charity_number", "SC012345"),  # Scotland, as OSCR writes it
    ("charity_number", "NIC100001"),  # Northern Ireland
    ("company_number", "SC123456"),
    ("org_id", "GB-LAE-CAM"), ("org_id", "GB-SC-SC012345"), ("org_id", "GB-NIC-100001"),
    ("org_id", "360G-example-opcc-org-lantern-lane"),  # a group registered nowhere, with our 360Giving prefix
])
def test_rule_8_registration_numbers_accepted(tmp_path, field, value):
    text = edit(CONTRACT, '  charity_number: "9000001"', f"  {field}: {value}")
    assert problems(tmp_path, {"awards/test.yml": text}) == []


def test_rule_8_identifiers_without_slashes(tmp_path):
    text = edit(CONTRACT, '  charity_number: "9000001"', "  org_id: GB-LAE/CAM")
    assert problems(tmp_path, {"awards/test.yml": text}) == [
        f"{A}:6: recipient.org_id: `GB-LAE/CAM` is not an org-id.guide identifier: write the list code and the number, "
        f"for example `GB-CHC-1234567` or `GB-COH-01234567` (no spaces or slashes); {UNREGISTERED}"]


@pytest.mark.parametrize("org_id, expected", [
    ("GB-UNREG-x", "`GB-UNREG` is not a register org-id.guide knows (did you mean `GB-REV`, HM Revenue and Customs?): "
                   f"check the list code at https://org-id.guide; {UNREGISTERED}"),
    ("XX-FOO-1", f"`XX-FOO` is not a register org-id.guide knows: check the list code at https://org-id.guide; {UNREGISTERED}"),
    ("GB-CHX-1123456", "`GB-CHX` is not a register org-id.guide knows (did you mean `GB-CHC`, Charity Commission/Comisiwn "
                       f"Elusennau?): check the list code at https://org-id.guide; {UNREGISTERED}"),
    ("GB-NIC-NIC100001", "`GB-NIC-NIC100001` is not a `GB-NIC` identifier: a Northern Ireland charity number has 6 digits, "
                         "for example `GB-NIC-100001`"),
    ("360G-otherfunder-grp1", "`360G-otherfunder-grp1` is a 360Giving identifier that does not start with our prefix "
                              "`360G-example-opcc-` (`grant_id_prefix` in organisation.yml): for a group with no registered "
                              "number, write our prefix, a hyphen and our own id for the group, for example "
                              "`360G-example-opcc-org-1`"),
    ("360G-example-opcc-test", "`360G-example-opcc-test` is also the 360Giving identifier of the award `test`: put `org-` "
                               "before our id for the group, for example `360G-example-opcc-org-test`"),
])
def test_rule_8_org_ids_from_registers_org_id_guide_knows(tmp_path, org_id, expected):
    text = edit(CONTRACT, '  charity_number: "9000001"', f"  org_id: {org_id}")
    assert problems(tmp_path, {"awards/test.yml": text}) == [f"{A}:6: recipient.org_id: {expected}"]


def test_grants_say_purpose_conditions_and_crime_reduction_reasons(tmp_path):
    text = edit(edit(GRANT, "conditions: Report every six months.\n", ""),
                "crime_reduction_reasons: Young people are busy on the evenings when disorder peaks.\n", "")
    assert problems(tmp_path, {"awards/test.yml": text}) == [
        f"{A}:1: conditions: a grant must say its `conditions`: add it (the law requires it to be published)",
        f"{A}:1: crime_reduction_reasons: a crime and disorder reduction grant must say why it is expected to reduce "
        "crime and disorder: add `crime_reduction_reasons`",
    ]


def test_de_commissioned_needs_a_reason(tmp_path):
    text = edit(CONTRACT, "status: active", "status: de-commissioned")
    assert problems(tmp_path, {"awards/test.yml": text}) == [
        f"{A}:1: status_note: say why the status changed (why the service was de-commissioned, the award withdrawn, "
        "or the money given back): add `status_note`; it is published"]


def test_co_commissioned_names_partners(tmp_path):
    text = edit(CONTRACT, "procurement_route: competitive-tender", "procurement_route: co-commissioned")
    assert problems(tmp_path, {"awards/test.yml": text}) == [
        f"{A}:1: co_commissioners: a co-commissioned award must name its partners and what each puts in: add `co_commissioners`"]


def test_three_quotes_only_below_the_threshold(tmp_path):
    text = edit(edit(CONTRACT, "procurement_route: competitive-tender", "procurement_route: three-quotes"),
                "amount: 1000", "amount: 250000")
    found = problems(tmp_path, {"awards/test.yml": text})
    assert f"{A}:10: procurement_route: a contract of £250,000 is above the procurement threshold of £214,904: " \
           "it must be tendered, not bought with three quotes" in found


def scale(scores, labels=None, points=None) -> str:
    """A scoring.yml with these scores (and labels), for the scale rules."""
    return staffdata.scale(scores, labels or [f"Level {n}" for n in scores], points)


@pytest.mark.parametrize("scores", [[0, 1, 2, 3, 4], [1, 2, 3, 4, 5], [0, 1, 2, 3, 4, 5]])
def test_an_office_scale_of_its_own_is_accepted(tmp_path, scores):
    assert problems(tmp_path, {"scoring.yml": scale(scores)}) == []


def test_the_strategy_promise_of_five_points_is_five_levels(tmp_path):
    assert problems(tmp_path, {"scoring.yml": scale([1, 2, 3, 4, 5], points=5)}) == []
    found = problems(tmp_path, {"scoring.yml": scale([0, 1, 2, 3, 4, 5], points=5)})
    assert found == ["data/scoring.yml:2: scores: `points` says the scale has 5 points, but `scores` has 6 "
                     "(0, 1, 2, 3, 4, 5): add or remove scores, or change `points`"]


@pytest.mark.parametrize("scores", [[0, 2, 3, 4, 5], [4, 3, 2, 1, 0], [3]])
def test_scores_go_up_by_one_lowest_first(tmp_path, scores):
    found = problems(tmp_path, {"scoring.yml": scale(scores)})
    assert found == ["data/scoring.yml:2: scores: the scores go up by one from the lowest, lowest first, for "
                     f"example 0, 1, 2, 3, 4 or 1, 2, 3, 4, 5; found {', '.join(map(str, scores))}"]


def test_each_score_has_its_own_label(tmp_path):
    found = problems(tmp_path, {"scoring.yml": scale([1, 2, 3], labels=["Poor", "Good", "good"])})
    assert found == ["data/scoring.yml:10: scores[3].label: the label `good` is also the label of score 2: "
                     "give each score its own label"]

def test_fund_via_partner_names_the_partner(tmp_path):
    from conftest import FIXTURE_DATA
    text = (FIXTURE_DATA / "funds/youth-fund.yml").read_text()
    start = text.index("partner:")
    end = text.index("\n", text.index("url:", start))
    found = problems(tmp_path, {"funds/youth-fund.yml": text[:start] + text[end + 1:]})
    assert found == ["data/funds/youth-fund.yml:2: partner: a fund run `via-partner` must name the partner: "
                     "add `partner` with `name` and `url`"]


def test_recipient_needs_an_official_identifier(tmp_path):
    text = edit(CONTRACT, '  charity_number: "9000001"\n', "")
    assert problems(tmp_path, {"awards/test.yml": text}) == [
        f"{A}:4: recipient: say who the recipient is officially: add `charity_number`, `company_number` or `org_id`"]


def test_single_tender_action_details_need_the_route(tmp_path):
    text = sta_award(1000, "Chief Finance Officer of the Constabulary").replace(
        "procurement_route: single-tender-action", "procurement_route: competitive-tender")
    assert problems(tmp_path, {"awards/test.yml": text}) == [
        f"{A}:10: procurement_route: this award has a `single_tender_action`: set `procurement_route: single-tender-action`"]


def test_sign_off_bands_lowest_first(tmp_path):
    from conftest import FIXTURE_DATA
    text = (FIXTURE_DATA / "organisation.yml").read_text()
    swapped = text.replace("up_to: 150000", "up_to: 999999", 1)
    found = problems(tmp_path, {"organisation.yml": swapped})
    assert len(found) == 1 and found[0].endswith(
        "single_tender_action_sign_off: list the bands from the lowest value to the highest, "
        "with `up_to` on every band but the last")


def test_an_untendered_contract_does_not_share_a_tenders_id(tmp_path):
    # In OCDS both would be the contracting process <ocid_prefix>-test.
    assert problems(tmp_path, {"awards/test.yml": CONTRACT, "tenders/test.yml": TENDER}) == [
        f"{A}:1: tender: a tender is also called `test`: give this award's file a different name, or, if it came "
        "from that tender, add `tender: test`"]
