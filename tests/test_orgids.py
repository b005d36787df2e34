"""org-id.guide's list of registers as shipped, and the identifiers made from what staff write."""
from __future__ import annotations

import json
import re
import tomllib

import pytest

from conftest import ROOT
from transparency import orgids

SHIPPED = ROOT / "transparency" / "org-id-guide"


def test_the_shipped_list_is_org_id_guides_whole_list():
    data = json.loads((SHIPPED / "registers.json").read_text(encoding="utf-8"))
    assert "org-id 0.1.1" in data["source"] and "ODbL" in data["licence"]
    codes = [r["code"] for r in data["registers"]]
    assert len(codes) == 552 and len(set(codes)) == 552 and codes == sorted(codes)
    assert all(set(r) <= {"code", "name", "deprecated"} and r["name"] for r in data["registers"])
    assert {"GB-CHC", "GB-SC", "GB-NIC", "GB-COH", "GB-LAE", "GB-GOR"} <= set(orgids.registers())
    assert orgids.registers()["GB-GOVUK"].deprecated and not orgids.registers()["GB-SC"].deprecated
    readme = (SHIPPED / "README.md").read_text(encoding="utf-8")
    assert "0.1.1" in readme and "Open Database License" in readme


def test_the_list_is_installed_with_the_package():
    package_data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["package-data"]
    shipped = {p.relative_to(ROOT / "transparency").as_posix() for p in SHIPPED.iterdir()}
    installed = {p.relative_to(ROOT / "transparency").as_posix()
                 for pattern in package_data["transparency"] for p in (ROOT / "transparency").glob(pattern)}
    assert shipped == {"org-id-guide/registers.json", "org-id-guide/README.md"} and shipped <= installed


@pytest.mark.parametrize("written, org_id", [
    ("1123456", "GB-CHC-1123456"), ("112345", "GB-CHC-112345"),  # England and Wales: 6 or 7 digits
    ("SC012345", "GB-SC-SC012345"),  # Scotland: OSCR's number, SC and all
    ("NIC100001", "GB-NIC-100001"),  # Northern Ireland: the register's 6 digits
    ("100001", "GB-CHC-100001"),  # 6 digits alone are the Charity Commission's
    ("sc012345", None), ("SC01234", None), ("NIC10001", None), ("NIC 100001", None), ("12345", None),
    ("1123456\n", None), ("٩٠٠٠٠٠١", None),
])
def test_charity_numbers_as_staff_write_them(written, org_id):
    assert orgids.charity_org_id(written) == org_id


@pytest.mark.parametrize("org_id, ok", [
    ("GB-LAE-CAM", True), ("GB-GOR-EXAMPLE1", True), ("CA_AB-ABT-1", True), ("GB-SC-SC012345", True),
    ("GB-NIC-100001", True), ("GB-COH-SC123456", True), ("360G-example-opcc-org-1", True),
    ("GB-UNREG-x", False), ("XX-FOO-1", False), ("GB-GOVUK-D1198", False), ("GB-SC-012345", False),
    ("GB-NIC-NIC100001", False), ("GB-CHC-12345", False), ("GB-COH-1234567", False), ("360G-", False),
    ("360G-example", False), ("gb-chc-1123456", False), ("GB-LAE-CAM\n", False), ("GB-LAE-C M", False),
])
def test_the_schema_pattern_says_what_the_reader_says(org_id, ok):
    assert (orgids.problem(org_id) is None) is ok
    # ECMA-262's `$` is the very end; Python's also allows a "\n" before it, so fullmatch instead
    ecma = orgids.pattern().removeprefix("^").removesuffix("$")
    assert bool(re.fullmatch(ecma, org_id)) is ok


def test_the_nearest_list_code_is_suggested():
    assert "did you mean `GB-CHC`" in orgids.problem("GB-CHX-1123456")
    assert "did you mean `GB-NIC`" in orgids.problem("GB-NIX-100001")
    assert "did you mean" not in orgids.problem("XX-FOO-1")
