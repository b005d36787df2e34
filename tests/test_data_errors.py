"""Mistakes in data files: each gives the exact message, file and line staff see."""
from __future__ import annotations

import pytest

from conftest import copy_data
from staffdata import CONTRACT, GRANT, TENDER, TODAY, edit, problems
from transparency.cli import validate

A = "data/awards/test.yml"


def test_the_base_files_are_valid(tmp_path):
    assert problems(tmp_path, {"awards/test.yml": CONTRACT, "awards/test-grant.yml": GRANT,
                               "tenders/test-tender.yml": TENDER}) == []


@pytest.mark.parametrize("old, new, expected", [
    ("amount: 1000", 'amount: "£1,000"',
     f"{A}:7: amount: `£1,000` is in quotes: write an amount as a plain number without quotes, for example 1500"),
    ("amount: 1000", "amount: £1,000",
     f"{A}:7: amount: `£1,000` is not an amount of money: write pounds as a plain number, without £, commas or spaces, for example 1500 or 1500.50"),
    ("amount: 1000", "amount: 1e6",
     f"{A}:7: amount: `1e6` is not an amount of money: write pounds as a plain number, without £, commas or spaces, for example 1500 or 1500.50"),
    ("amount: 1000", "amount: -5",
     f"{A}:7: amount: `-5` is negative: an amount of money cannot be less than 0"),
    ("amount: 1000", "amount: 12.345",
     f"{A}:7: amount: `12.345` has more than 2 decimal places: amounts are in pounds and pence, for example 1500.50"),
    ("award_date: 2026-05-01", "award_date: 2017-02-30",
     f"{A}:8: award_date: `2017-02-30` is not a real date: check the day and month (YYYY-MM-DD)"),
    ("award_date: 2026-05-01", "award_date: 1 May 2026",
     f"{A}:8: award_date: `1 May 2026` is not a date: write dates as YYYY-MM-DD, for example 2017-04-01"),
    ("kind: contract", "kind: contrat",
     f"{A}:2: kind: `contrat` is not allowed; did you mean `contract`? Choose one of: `grant`, `contract`"),
    ("amount: 1000", "ammount: 1000",
     f"{A}:7: ammount: unknown field `ammount`; did you mean `amount`?"),
    ("  initial_years: 3", "  initial_years: three",
     f"{A}:14: term.initial_years: `three` is not a whole number: write digits only, for example 3"),
    ("  extensions: [1]", "  extensions: 1",
     f"{A}:15: term.extensions: expected a list: write [1], or each item on its own line starting with `- `"),
    ("fund: victims-services-grant", "fund: Victims Services",
     f"{A}:3: fund: `Victims Services` is not a valid id: use lower-case letters a to z, digits and single hyphens, for example `victims-services`"),
    ("fund: victims-services-grant", "fund: ../../etc",
     f"{A}:3: fund: `../../etc` is not a valid id: use lower-case letters a to z, digits and single hyphens, for example `etc`"),
    ("status: active\n", "status: active\nstatus: ended\n",
     f"{A}:12: status: `status` is written twice (first on line 11): keep one"),
    ('recipient:\n  name: Test Provider\n  charity_number: "9000001"\n', "recipient: Test Provider\n",
     f"{A}:4: recipient: expected a set of fields (`name: value` lines), found `Test Provider`"),
])
def test_type_errors(tmp_path, old, new, expected):
    assert problems(tmp_path, {"awards/test.yml": edit(CONTRACT, old, new)}) == [expected]


def test_missing_and_empty_fields(tmp_path):
    text = edit(edit(CONTRACT, "amount: 1000\n", ""), "description: An advocacy service used by the tests.", "description:")
    assert problems(tmp_path, {"awards/test.yml": text}) == [
        f"{A}:1: amount: `amount` is missing: add it (The amount awarded, in pounds, counted against the fund's budget for the award's financial year.)",
        f"{A}:8: description: `description` is empty: fill it in (What the money pays for, in plain English.)",
    ]


def test_yaml_1_1_surprises_are_read_as_typed(tmp_path):
    """`NO` in a name, `1:30` and `"yes"` stay the text staff typed; a boolean must be true or false;
    a bare yes/no where text belongs is refused rather than published as the word."""
    text = edit(CONTRACT, "  name: Test Provider", "  name: NO Limits")
    text = edit(text, "title: Test advocacy service", "title: 1:30")
    assert problems(tmp_path, {"awards/test.yml": text}) == []
    quoted = edit(CONTRACT, "  name: Test Provider", '  name: "No"')
    assert problems(tmp_path, {"awards/test.yml": quoted}) == []
    bare = edit(CONTRACT, "  name: Test Provider", "  name: NO")
    assert problems(tmp_path, {"awards/test.yml": bare}) == [
        f"{A}:5: recipient.name: `NO` is a yes/no value, but `name` is text: write it out in words; "
        "if you mean the word itself, put it in double quotes"]
    tender = edit(TENDER, "service_users: true", "service_users: yes")
    assert problems(tmp_path, {"tenders/test.yml": tender}) == [
        "data/tenders/test.yml:21: evaluation.service_users: `yes` is not true or false: write true or false (without quotes)"]


@pytest.mark.parametrize("content, expected", [
    ("", f"{A}: the file is empty: fill it in or delete it"),
    ("- title: x\n- kind: grant\n", f"{A}:1: expected a set of fields (`name: value` lines), found a list"),
    ("title: x\n\tkind: grant\n", f"{A}:2: a tab character: YAML needs spaces for indentation; replace the tab with spaces"),
    ('title: "unclosed\nkind: grant\n', f"{A}:1: the file is not valid YAML (found unexpected end of stream): a quote opened on this line is never closed: add the closing quote"),
    ("title: x\n  kind: grant\n", f"{A}:2: the file is not valid YAML (mapping values are not allowed in this context): a colon and a space where no field can start: put text that contains `: ` in double quotes or a `>-` block, and check that this line is indented like the fields around it"),
    ('a: &a ["x","x"]\nb: &b [*a,*a]\nc: [*b,*b]\n', f"{A}:2: anchors and aliases (& and *) are not allowed in data files: write the value out"),
])
def test_malformed_files(tmp_path, content, expected):
    assert problems(tmp_path, {"awards/test.yml": content}) == [expected]


def test_not_utf8(tmp_path):
    text = CONTRACT.replace("Test Provider", "Café Provider").encode("cp1252")
    assert problems(tmp_path, {"awards/test.yml": text}) == [
        f"{A}:5: the file is not saved as UTF-8 text: save it again choosing UTF-8 encoding"]


def test_byte_order_mark_is_accepted(tmp_path):
    assert problems(tmp_path, {"awards/test.yml": b"\xef\xbb\xbf" + CONTRACT.encode()}) == []


def test_huge_file_fails_fast(tmp_path):
    big = CONTRACT + "# " + "x" * 1_100_000 + "\n"
    assert problems(tmp_path, {"awards/test.yml": big}) == [
        f"{A}: the file is {len(big.encode()):,} bytes, larger than the 1,000,000 bytes a data file may be: "
        "split it up or remove what does not belong in it"]


@pytest.mark.parametrize("name, expected", [
    ("awards/Test Award.yml", "data/awards/Test Award.yml: the file name `Test Award.yml` is not a valid id: use lower-case letters a to z, digits and single hyphens, for example `victim-hub-2017.yml`"),
    ("awards/test.txt", "data/awards/test.txt: not read: data files must end in .yml; rename it to test.yml or move it out of the data folder"),
])
def test_bad_file_names(tmp_path, name, expected):
    assert problems(tmp_path, {name: CONTRACT}) == [expected]


def test_same_id_twice(tmp_path):
    assert problems(tmp_path, {"awards/test.yml": CONTRACT, "awards/test.yaml": CONTRACT}) == [
        "data/awards/test.yml: the id `test` is already used by data/awards/test.yaml: every file in a folder needs its own name"]


def test_every_problem_in_one_run(tmp_path):
    found = problems(tmp_path, {
        "awards/test.yml": edit(CONTRACT, "amount: 1000", "amount: -1"),
        "awards/test-grant.yml": edit(GRANT, "kind: grant", "kind: gift"),
    })
    assert len(found) == 2
    assert found[0].startswith("data/awards/test-grant.yml:2: kind:")
    assert found[1].startswith("data/awards/test.yml:7: amount:")


def test_missing_organisation_file(tmp_path):
    found = problems(tmp_path, {"organisation.yml": None})
    assert found == ["data/organisation.yml: the file is missing: create data/organisation.yml (see EDITING.md)"]


@pytest.mark.parametrize("name, expected", [
    ("funds/statistics.yml", "data/funds/statistics.yml: `statistics` is a name the site uses for its own pages: give the file another name"),
    ("awards/index.yml", "data/awards/index.yml: `index` is a name the site uses for its own pages: give the file another name"),
    ("tenders/awarded.yml", "data/tenders/awarded.yml: `awarded` is a name the site uses for its own pages: give the file another name"),
    ("award.yml", "data/award.yml: not read: the data folder holds organisation.yml, scoring.yml and the folders funds, awards, tenders, rounds; move this into one of them or out of the data folder"),
    ("awards/old/test.yml", "data/awards/old: not read: data/awards/ holds one .yml file per record, not folders; move the files in it up into the folder"),
])
def test_files_the_build_would_not_read_are_reported(tmp_path, name, expected):
    data = copy_data(tmp_path)
    (data / name).parent.mkdir(parents=True, exist_ok=True)
    (data / name).write_text(CONTRACT)
    assert [str(p) for p in validate(data, TODAY)] == [expected]
