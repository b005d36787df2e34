"""The project's own office: its data/, content/ and mkdocs.yml, whichever office's they are.

Every other test uses the tests' own office (tests/fixtures/office), so the suite passes with
any office's files. These checks are the ones that hold for ANY office's valid data, and they
run on the project's real data/, content/ and mkdocs.yml (ROOT), at the moment the publish
build would use (SOURCE_DATE_EPOCH when set, else now): the data validates (warnings allowed),
the strict build succeeds, every internal link and anchor resolves, axe finds nothing on one
page of each generated page type the data has, and the open data validates against the real
360Giving and OCDS schemas and every data file against our own JSON Schemas (schemas/).
An office with no funds, awards or tenders at all passes too: the checks of record pages
check the records there are.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from decimal import Decimal

import pytest

from conftest import ROOT, build, make_project
from schemacheck import data_files, giving360_errors, kind_of, ocds_code_errors, ocds_errors, schema_errors
from sitecheck import axe_violations, broken_links, served
from transparency import addresses
from transparency.dataset import load
from transparency.exports.catalogue import releases_exist
from transparency.identifiers import recipient_org_id

DATA = ROOT / "data"
# the moment the publish workflow builds at: its SOURCE_DATE_EPOCH, or now (the live site's date)
EPOCH = int(os.environ.get("SOURCE_DATE_EPOCH") or time.time())
EVERY_OFFICE = [addresses.HOME, addresses.FUNDING, addresses.AWARDS, addresses.TENDERS, addresses.SCORING,
                addresses.OPEN_DATA, addresses.CONTRACTS, addresses.SINGLE_TENDER_ACTIONS, addresses.RECIPIENTS]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def office_site(tmp_path_factory):
    """The project's own office (its config, content and data) built once, strictly."""
    project = make_project(tmp_path_factory.mktemp("office"), office=ROOT)
    result = build(project, epoch=EPOCH)
    assert result.ok, "the strict build of the project's own data/, content/ and mkdocs.yml failed:\n" + result.output
    return result


@pytest.fixture(scope="module")
def dataset():
    ds, problems = load(DATA)
    assert not problems, [str(p) for p in problems]
    return ds


def test_the_data_validates():
    result = subprocess.run([sys.executable, "-m", "transparency", "validate", "--data", str(DATA)],
                            capture_output=True, text=True, env={**os.environ, "SOURCE_DATE_EPOCH": str(EPOCH)},
                            cwd=ROOT, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr  # warnings are printed, but pass


def test_the_strict_build_succeeds(office_site):
    assert (office_site.site / "index.html").is_file()


def test_internal_links_and_anchors_resolve(office_site):
    broken, checked = broken_links(office_site.site)
    assert broken == []
    assert checked > 50  # the checker really looked (the fixed pages alone have more)


def page_types(site, ds) -> dict[str, str]:
    """One page of each generated page type this office's data has: name -> URL. Of the fixed
    pages, those built (the list of awarded tenders is there only once a tender is awarded)."""
    pages = {a.source.removesuffix(".md"): a.url for a in addresses.FIXED if (site / a.url / "index.html").is_file()}
    kinds = {}
    for id, award in sorted(ds.awards.items()):
        kinds.setdefault(award.kind, id)
    pages |= {f"award ({kind})": addresses.award(id).url for kind, id in sorted(kinds.items())}
    recipients = sorted({recipient_org_id(a.recipient) for a in ds.awards.values()} - {""})
    if recipients:
        pages["recipient"] = addresses.recipient(recipients[0]).url
    for name, records, address in [("fund", ds.funds, addresses.fund), ("tender", ds.tenders, addresses.tender)]:
        if records:
            pages[name] = address(min(records)).url
    # the lists of one financial year, overall and of one fund: the first the build wrote
    for name, pattern in [("year", f"{addresses.YEAR_PAGES}/*/index.html"),
                          ("fund year", f"{addresses.FUND_PAGES}/*/*/index.html")]:
        found = sorted(p for p in site.glob(pattern) if "page-" not in p.parent.name)
        if found:
            pages[name] = found[0].parent.relative_to(site).as_posix() + "/"
    return pages


def test_every_page_type_there_is_was_built(office_site, dataset):
    pages = page_types(office_site.site, dataset)
    missing = [url for url in pages.values() if not (office_site.site / url / "index.html").is_file()]
    assert missing == []
    # every office has these, records or none
    assert {a.url for a in EVERY_OFFICE} <= set(pages.values())
    assert ("fund" in pages, "tender" in pages, "recipient" in pages) == (
        bool(dataset.funds), bool(dataset.tenders), bool(dataset.awards))
    assert {name for name in pages if name.startswith("award (")} == {f"award ({a.kind})" for a in dataset.awards.values()}


def test_no_accessibility_violations_on_any_page_type(office_site, dataset, browser):
    pytest.importorskip("axe_playwright_python")
    failures = []
    with served(office_site.site) as base:
        for viewport in (DESKTOP, PHONE):
            context = browser.new_context(viewport=viewport)
            for name, url in page_types(office_site.site, dataset).items():
                page = context.new_page()
                page.goto(base + url)
                page.wait_for_load_state("load")
                failures += axe_violations(page, f"{name} ({url}) at {viewport['width']}px: ")
                page.close()
            context.close()
    assert failures == []


def published(site, name: str, **how) -> dict:
    """A published open-data file, read back as a reader gets it."""
    return json.loads((site / addresses.data_file(name)).read_text(encoding="utf-8"), **how)


def test_the_360giving_package_is_valid(office_site, dataset):
    if not any(a.kind == "grant" for a in dataset.awards.values()):  # the schema needs at least one grant
        assert not (office_site.site / addresses.data_file(addresses.GIVING360_JSON)).exists()
        return
    # amounts as exact decimals, as tests/test_export_360giving.py reads them
    assert giving360_errors(published(office_site.site, addresses.GIVING360_JSON, parse_float=Decimal)) == []


def test_the_ocds_package_is_valid_with_every_code_in_its_codelist(office_site, dataset):
    if not releases_exist(dataset):  # the schema needs at least one release
        assert not (office_site.site / addresses.data_file(addresses.OCDS_JSON)).exists()
        return
    package = published(office_site.site, addresses.OCDS_JSON)
    assert ocds_errors(package) == []
    assert ocds_code_errors(package) == []


def test_every_data_file_is_valid_against_its_json_schema():
    files = data_files(DATA)
    assert {p.name for p in files} >= {"organisation.yml", "scoring.yml"}
    errors = [f"data/{p.relative_to(DATA).as_posix()}: {e}" for p in files
              for e in schema_errors(kind_of(p, DATA), p.read_text(encoding="utf-8"))]
    assert errors == []
