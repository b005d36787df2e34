"""The web editor at /admin/ (Decap CMS): configured from the model, files written as staff write them.

Three layers:
- the configuration and the vendored files, in Python (always run);
- the editor's file format (views/admin/editor.js) on every example file, in Node
  (skips without node_modules, unless REQUIRE_TOOLS=1);
- staff using the form in Debian's Chromium through Playwright, with Decap's local
  backend (`decap-server` from node_modules, which reads and writes the working copy)
  on a scratch copy of the project (skips without Chromium or node_modules, unless
  REQUIRE_BROWSER=1 or REQUIRE_TOOLS=1).
"""
from __future__ import annotations

import dataclasses
import difflib
import functools
import http.server
import json
import os
import shutil
import socket
import subprocess
import sys
import tarfile
import threading
import time
import types
import typing
from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from conftest import BUILD_EPOCH, FIXTURE, FIXTURE_DATA, ROOT, build, copy_data, make_project, missing
from sitecheck import axe_violations
from transparency import cms, convert, describe, model, orgids, rules
from transparency.dataset import load
from transparency import money
from transparency.money import MoneyError, format_money, parse_money
from transparency.schemas import label_of

NODE_MODULES = ROOT / "node_modules"
DECAP_SERVER = NODE_MODULES / "decap-server/dist/index.js"

VALIDATE_EPOCH = str(BUILD_EPOCH)  # the example data's "today"
SHOTS = Path(os.environ.get("CMS_SCREENSHOTS", "")) if os.environ.get("CMS_SCREENSHOTS") else None


@functools.cache
def organisation() -> model.Organisation:
    ds, problems = load(FIXTURE_DATA)
    assert not problems
    return ds.organisation


def collection_config(name: str) -> dict:
    (c,) = [c for c in cms.config(organisation())["collections"] if c["name"] == name]
    return c if "fields" in c else c["files"][0]


def field(fields: list[dict], name: str) -> dict:
    (f,) = [f for f in fields if f["name"] == name]
    return f


# --- the configuration comes from the model ------------------------------------------------


@pytest.mark.parametrize("c", cms.COLLECTIONS, ids=lambda c: c.name)
def test_every_model_field_is_in_the_form_with_its_label_and_help(c):
    by_rules = {r.field: r for r in rules.REQUIREMENTS if r.record is c.cls}

    def walk(cls, fields, parents_required, at):
        hints = typing.get_type_hints(cls)
        names = [f.name for f in dataclasses.fields(cls) if not f.metadata.get("from_filename")]
        assert [f["name"] for f in fields] == names  # the model's order
        for f in dataclasses.fields(cls):
            if f.metadata.get("from_filename"):
                continue
            got = field(fields, f.name)
            required = f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
            rule = by_rules.get(at + f.name)
            if rule and not got.get("needed_when"):  # every such record needs it: simply required
                assert got["required"] and not rule.when and got["label"] == label_of(f.name), f.name
            elif rule:  # some records need it: labelled so, and checked by editor.js
                assert got["label"] == f"{label_of(f.name)} ({rule.label})" and got["required"], f.name
                assert got["needed_when"]["values"] == [[k, list(v) if isinstance(v, tuple) else v] for k, v in rule.when]
            else:
                assert got["label"] == label_of(f.name)
                assert got["required"] == (required and parents_required), f.name
            assert got["hint"].startswith(f.metadata["doc"])
            tp = hints[f.name]
            options = [a for a in typing.get_args(tp) if a is not type(None)]
            if typing.get_origin(tp) in (typing.Union, types.UnionType) and len(options) == 1:
                tp = options[0]  # `X | None`
            if dataclasses.is_dataclass(tp):
                walk(tp, got["fields"], required and parents_required, f"{at}{f.name}.")
            elif typing.get_origin(tp) is list and dataclasses.is_dataclass(typing.get_args(tp)[0]):
                walk(typing.get_args(tp)[0], got["fields"], True, "[]")

    fields = collection_config(c.name)["fields"]
    if c.is_folder:  # the draft box first, then the model's fields
        draft, *fields = fields
        assert draft == {"name": convert.DRAFT, "label": "Draft: not published until this is unticked",
                         "hint": cms.DRAFT_HINT, "required": False, "widget": "boolean", "default": False}
    walk(c.cls, fields, True, "")
    assert {r.field for r in rules.REQUIREMENTS if r.record is c.cls} <= set(by_rules)


def test_the_names_the_description_lists_are_fields_of_the_model():
    names = {f.name for cls in vars(model).values() if dataclasses.is_dataclass(cls) for f in dataclasses.fields(cls)}
    assert describe.LONG_TEXT <= names and set(describe.REFERENCES) <= names
    # every folder an id refers to is a collection of the form (its drop-down lists that folder's files)
    assert set(describe.REFERENCES.values()) <= {c.path.removeprefix("data/") for c in cms.COLLECTIONS if c.is_folder}
    agencies = field(field(collection_config("tenders")["fields"], "evaluation")["fields"], "agencies")
    assert agencies["label_singular"] == "Agency"


def test_every_choice_in_the_model_has_the_words_the_site_uses():
    """A choice added to the model needs a label in cms.CHOICE_LABELS (from vocabulary.py)."""
    choices = set()
    for cls in vars(model).values():
        if dataclasses.is_dataclass(cls):
            for tp in typing.get_type_hints(cls).values():
                for part in (typing.get_args(tp) if typing.get_origin(tp) in (typing.Union, types.UnionType) else (tp,)):
                    if typing.get_origin(part) is typing.Literal:
                        choices.update(typing.get_args(part))
    assert choices and choices - set(cms.CHOICE_LABELS) == set()


def test_choices_relations_dates_money_and_the_term():
    fields = collection_config("awards")["fields"]
    assert field(fields, "kind") | {} == {**field(fields, "kind"), "widget": "select", "options": [
        {"label": "Grant", "value": "grant"}, {"label": "Contract", "value": "contract"}]}
    assert field(fields, "status")["options"] == [
        {"label": "Active", "value": "active"}, {"label": "Ended", "value": "ended"},
        {"label": "De-commissioned", "value": "de-commissioned"}, {"label": "Withdrawn", "value": "withdrawn"},
        {"label": "Returned", "value": "returned"}]
    assert field(fields, "fund")["widget"] == "relation" and field(fields, "fund")["collection"] == "funds"
    assert field(fields, "fund")["value_field"] == "{{slug}}" and field(fields, "fund")["required"]
    assert field(fields, "tender")["collection"] == "tenders" and not field(fields, "tender")["required"]
    outcomes = field(fields, "outcomes")
    assert outcomes["widget"] == "select" and outcomes["multiple"]
    assert [o["value"] for o in outcomes["options"]] == [o.id for o in organisation().shared_outcomes]
    silenced = field(fields, "not_a_mistake")  # a list of a few choices: ticked in one drop-down
    assert silenced["widget"] == "select" and silenced["multiple"] and not silenced["required"]
    assert [o["value"] for o in silenced["options"]] == list(typing.get_args(model.WarningCode))
    assert all(o["label"] == cms.CHOICE_LABELS[o["value"]] for o in silenced["options"])
    award_date = field(fields, "award_date")
    assert (award_date["widget"], award_date["format"], award_date["time_format"]) == ("datetime", "YYYY-MM-DD", False)
    amount = field(fields, "amount")  # text, never a number: kept exactly as typed
    assert amount["widget"] == "transparency-string" and [c["pattern"] for c in amount["checks"]] == [
        p for p, _ in money.CHECKS]
    term = field(fields, "term")  # required for contracts only: editor.js checks it
    assert term["widget"] == "transparency-object" and term["needed_when"]["values"] == [["kind", "contract"]]
    assert [f["name"] for f in term["fields"]] == ["initial_years", "start", "extensions", "break_clause"]
    assert field(term["fields"], "initial_years")["value_type"] == "int"
    extensions = field(term["fields"], "extensions")
    assert extensions["widget"] == "list" and extensions["field"]["value_type"] == "int"
    assert field(term["fields"], "break_clause")["widget"] == "transparency-text"  # a statement: placeholders refused
    coverage = field(fields, "coverage")
    assert coverage["widget"] == "object" and "`countywide`" in coverage["hint"]
    website = field(field(fields, "recipient")["fields"], "website")
    assert website["pattern"][0].startswith("^https://")

    tender = collection_config("tenders")["fields"]
    deadline = field(tender, "submission_deadline")
    assert (deadline["format"], deadline["time_format"]) == ("YYYY-MM-DD HH:mm", "HH:mm")
    assert field(tender, "awarded")["collection"] == "awards" and field(tender, "awarded")["multiple"]
    assert field(tender, "term")["required"] and field(field(tender, "term")["fields"], "initial_years")["required"]
    budgets = field(collection_config("funds")["fields"], "budgets")
    assert [f["name"] for f in budgets["fields"]] == ["key", "value"]


def test_publishing_goes_through_pull_requests_and_new_files_are_named_from_the_title():
    config = cms.config(organisation())
    assert config["publish_mode"] == "editorial_workflow"
    assert config["backend"]["name"] == "github" and config["backend"]["repo"] == cms.PLACEHOLDER_REPO
    assert config["slug"] == {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"}
    awards = collection_config("awards")
    assert (awards["folder"], awards["slug"], awards["identifier_field"]) == ("data/awards", "{{slug}}", "title")
    assert awards["create"] and not awards["delete"]
    assert collection_config("scoring")["file"] == "data/scoring.yml"
    files = cms.admin_files(organisation(), repo="example-opcc/funding-data")
    assert yaml.safe_load(files["admin/config.yml"])["backend"]["repo"] == "example-opcc/funding-data"
    assert sorted(files) == sorted(f"admin/{n}" for n in [
        "index.html", "config.yml", "decap-cms.js", "decap-cms.js.LICENSE.txt", "js-yaml.min.js",
        "js-yaml.LICENSE.txt", "editor.js", "editor.css"])


def test_the_repository_and_sign_in_can_come_from_organisation_yml(tmp_path):
    data = copy_data(tmp_path)
    path = data / "organisation.yml"
    path.write_text(path.read_text() + "repository: example-opcc/funding-data\n"
                    "editor_sign_in_url: https://sign-in.example.org/\n")
    ds, problems = load(data)
    assert problems == []
    backend = yaml.safe_load(cms.admin_files(ds.organisation)["admin/config.yml"])["backend"]
    assert (backend["repo"], backend["base_url"]) == ("example-opcc/funding-data", "https://sign-in.example.org")
    assert "base_url" not in cms.config(organisation())["backend"]  # Netlify's sign-in by default


# --- the vendored editor ----------------------------------------------------------------------


def test_vendored_files_match_their_recorded_hashes_and_the_page_checks_them():
    index = cms.index_html(organisation())
    for name, entry in cms.vendored().items():
        content = (cms.ADMIN / name).read_bytes()
        assert cms.sri(content) == entry["sha384"], f"{name} is not the file VENDORED.json describes"
        assert f'src="{name}" integrity="{entry["sha384"]}"' in index
    package = json.loads((ROOT / "package.json").read_text())
    assert package["devDependencies"]["js-yaml"] == cms.vendored()["js-yaml.min.js"]["version"]


def test_vendored_js_yaml_is_the_npm_package_file():
    installed = NODE_MODULES / "js-yaml/dist/js-yaml.min.js"
    if not installed.exists():
        missing("node_modules is missing: run `npm ci`")
    assert installed.read_bytes() == (cms.ADMIN / "js-yaml.min.js").read_bytes()


def test_vendored_decap_cms_is_the_npm_package_file(tmp_path):
    """decap-cms pulls 700 packages (400 MB) when installed, so it is not a dev dependency:
    `npm pack` fetches its tarball alone (from npm's cache when it is there)."""
    entry = cms.vendored()["decap-cms.js"]
    npm = shutil.which("npm")
    if not npm:
        missing("npm is not installed")
    result = subprocess.run([npm, "pack", f"{entry['package']}@{entry['version']}", "--json",
                             "--pack-destination", str(tmp_path)], capture_output=True, text=True, timeout=300)
    if result.returncode != 0:
        missing(f"`npm pack` could not fetch {entry['package']}@{entry['version']}: {result.stderr[-500:]}")
    (packed,) = json.loads(result.stdout)
    assert packed["integrity"] == entry["npm_integrity"]
    with tarfile.open(tmp_path / packed["filename"]) as tar:
        content = tar.extractfile(f"package/{entry['path_in_package']}").read()
    assert content == (cms.ADMIN / "decap-cms.js").read_bytes()


# --- the file format, in Node, on every example file -----------------------------------------

HARNESS = r"""
// Loads editor.js with a stand-in page and CMS, then runs the jobs given on stdin.
const fs = require('fs'), path = require('path');
const [,, root, indexFile] = process.argv;
const html = fs.readFileSync(indexFile, 'utf8');
const m = html.match(/id="transparency-shapes" data-source-key="([^"]+)">([\s\S]*?)<\/script>/);
const formats = {};
global.window = { jsyaml: require(path.join(root, 'node_modules/js-yaml')),
  CMS: { registerCustomFormat: (n, e, f) => { formats[n] = f; }, init: () => {} } };
global.document = { getElementById: () => ({ textContent: m[2], getAttribute: () => m[1] }) };
global.MutationObserver = class { observe() {} };
require(path.join(root, 'transparency/views/admin/editor.js'));
const jobs = JSON.parse(fs.readFileSync(0, 'utf8'));
const out = jobs.map(job => {
  const format = formats['transparency-' + job.collection];
  let data = job.text === null ? {} : format.fromFile(job.text);
  if (job.fresh) delete data[m[1]];
  for (const [dotted, value] of job.set || []) {
    const keys = dotted.split('.'); let at = data;
    keys.slice(0, -1).forEach(k => { at = at[k] = at[k] || {}; });
    if (value === null) delete at[keys[keys.length - 1]]; else at[keys[keys.length - 1]] = value;
  }
  return format.toFile(JSON.parse(JSON.stringify(data)));
});
process.stdout.write(JSON.stringify(out));
"""


@pytest.fixture(scope="module")
def write_files(tmp_path_factory):
    node = shutil.which("node")
    if not node:
        missing("node is not installed")
    if not (NODE_MODULES / "js-yaml").exists():
        missing("node_modules is missing: run `npm ci`")
    folder = tmp_path_factory.mktemp("format")
    (folder / "harness.js").write_text(HARNESS)
    (folder / "index.html").write_text(cms.index_html(organisation()))

    def run(jobs: list[dict]) -> list[str]:
        result = subprocess.run([node, str(folder / "harness.js"), str(ROOT), str(folder / "index.html")],
                                input=json.dumps(jobs), capture_output=True, text=True, timeout=120)
        assert result.returncode == 0, result.stderr
        return json.loads(result.stdout)
    return run


def collection_of(path: Path) -> str:
    return path.parent.name if path.parent.name in ("awards", "funds", "tenders") else "scoring"


EXAMPLE_FILES = sorted([*FIXTURE_DATA.glob("*/*.yml"), FIXTURE_DATA / "scoring.yml"])


def changed_lines(before: str, after: str) -> list[str]:
    return [line for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
            if line[:1] in "+-" and not line.startswith(("+++", "---"))]


def test_saving_an_unchanged_file_gives_back_the_same_bytes(write_files):
    texts = [p.read_text(encoding="utf-8") for p in EXAMPLE_FILES]
    out = write_files([{"collection": collection_of(p), "text": t} for p, t in zip(EXAMPLE_FILES, texts)])
    assert [p.name for p, t, o in zip(EXAMPLE_FILES, texts, out) if o != t] == []


def test_changing_an_amount_changes_that_line_only_and_keeps_the_comments(write_files):
    awards = sorted(FIXTURE_DATA.glob("awards/*.yml"))
    texts = [p.read_text(encoding="utf-8") for p in awards]
    amounts = [yaml.safe_load(t)["amount"] for t in texts]
    out = write_files([{"collection": "awards", "text": t, "set": [["amount", a + 1]]} for t, a in zip(texts, amounts)])
    for path, before, after, amount in zip(awards, texts, out, amounts):
        assert changed_lines(before, after) == [f"-amount: {amount}", f"+amount: {amount + 1}"], path.name


def test_changes_inside_a_group_change_that_line_and_new_fields_go_in_model_order(write_files):
    hospital = (FIXTURE_DATA / "awards/hospital-domestic-abuse-advisers-2026.yml").read_text()
    cycle = (FIXTURE_DATA / "awards/cycle-theft-prevention-2026.yml").read_text()
    term_changed, note_added, outcomes_cleared, typed_money = write_files([
        {"collection": "awards", "text": hospital, "set": [["term.extensions", [2]]]},
        {"collection": "awards", "text": cycle, "set": [["status_note", "Events paused over the winter."]]},
        {"collection": "awards", "text": cycle, "set": [["outcomes", []]]},
        {"collection": "awards", "text": cycle, "set": [["amount", "16000.50"]]},
    ])
    # inside a group too, only the changed line is written anew (the group keeps its order)
    assert changed_lines(hospital, term_changed) == ["-  extensions: [1]", "+  extensions: [2]"]
    assert term_changed.splitlines()[1].startswith("# Co-commissioned")
    assert changed_lines(cycle, note_added) == ["+status_note: Events paused over the winter."]
    assert note_added.index("status_note:") < note_added.index("purpose:")  # the model's order
    assert changed_lines(cycle, outcomes_cleared) == ["-outcomes: [communities]"]
    assert changed_lines(cycle, typed_money) == ["-amount: 16000", "+amount: 16000.50"]  # pence kept as typed


def test_notes_the_form_does_not_know_are_kept(write_files):
    text = ("# yaml-language-server: $schema=../../schemas/award.schema.json\n"
            + (FIXTURE_DATA / "awards/cycle-theft-prevention-2026.yml").read_text().split("\n", 1)[1]
            + "private:\n  note: >-\n    Check the second year with finance.\n  to do:\n    - Ask for the agreement.\n")
    (out,) = write_files([{"collection": "awards", "text": text, "set": [["amount", 17000]]}])
    assert changed_lines(text, out) == ["-amount: 16000", "+amount: 17000"]


DRAFT_AWARD = """\
# yaml-language-server: $schema=../../schemas/award.schema.json
# From the finance sheet: still needs its purpose and conditions.
draft: true
title: Test youth grant
kind: grant
amount: 500
"""


def test_the_draft_box_writes_the_draft_line_only_while_ticked(write_files):
    cycle = (FIXTURE_DATA / "awards/cycle-theft-prevention-2026.yml").read_text()
    said_false = cycle + "draft: false\n"
    kept, unticked, ticked, untouched, new_draft, new_normal, said = write_files([
        {"collection": "awards", "text": DRAFT_AWARD},
        {"collection": "awards", "text": DRAFT_AWARD, "set": [["draft", False]]},
        {"collection": "awards", "text": cycle, "set": [["draft", True]]},
        {"collection": "awards", "text": cycle, "set": [["draft", False]]},  # a new form's default
        {"collection": "awards", "text": DRAFT_AWARD, "fresh": True},
        {"collection": "awards", "text": DRAFT_AWARD, "fresh": True, "set": [["draft", False]]},
        {"collection": "awards", "text": said_false, "set": [["amount", 17000]]},
    ])
    assert kept == DRAFT_AWARD
    assert changed_lines(DRAFT_AWARD, unticked) == ["-draft: true"]  # published: the line goes
    assert changed_lines(cycle, ticked) == ["+draft: true"]
    assert ticked.splitlines()[1] == "draft: true"  # at the top, under the schema line
    assert untouched == cycle
    assert new_draft.splitlines()[:2] == ["# yaml-language-server: $schema=../../schemas/award.schema.json",
                                          "draft: true"]
    assert "draft" not in new_normal
    assert changed_lines(said_false, said) == ["-amount: 16000", "+amount: 17000"]


def test_files_written_from_scratch_hold_the_same_data_and_pass_validation(write_files, tmp_path):
    texts = [p.read_text(encoding="utf-8") for p in EXAMPLE_FILES]
    out = write_files([{"collection": collection_of(p), "text": t, "fresh": True} for p, t in zip(EXAMPLE_FILES, texts)])
    data = copy_data(tmp_path)
    for path, text, fresh in zip(EXAMPLE_FILES, texts, out):
        assert yaml.safe_load(fresh) == yaml.safe_load(text), path.name
        assert fresh.startswith("# yaml-language-server: $schema=")
        # text is folded at 80 columns; only a word too long to fold (a web address) goes past
        assert [line for line in fresh.splitlines() if len(line) > 80 and " " in line.split(": ", 1)[-1]] == []
        (data / path.relative_to(FIXTURE_DATA)).write_text(fresh, encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "transparency", "validate", "--data", str(data)],
                            capture_output=True, text=True, env={**os.environ, "SOURCE_DATE_EPOCH": VALIDATE_EPOCH})
    assert result.returncode == 0, result.stdout + result.stderr


# --- staff using the form in a real browser -----------------------------------------------------



def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for_port(port: int, process: subprocess.Popen, seconds: float = 30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"decap-server stopped: {process.stdout.read() if process.stdout else ''}")
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise RuntimeError(f"decap-server did not listen on port {port}")


class _Quiet(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, ".yml": "text/yaml"}

    def log_message(self, *args):
        pass


def git(project: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=project, capture_output=True, text=True, check=True).stdout


class Editor:
    """A scratch project, its built site served on one port and decap-server on another."""

    def __init__(self, project: Path, url: str):
        self.project, self.url = project, url

    def changes(self) -> list[str]:
        return sorted(git(self.project, "status", "--porcelain", "--untracked-files=all").splitlines())


@pytest.fixture
def editor(tmp_path, browser):
    node = shutil.which("node")
    if not node or not DECAP_SERVER.exists():
        missing("decap-server is not installed: run `npm ci`")
    if not shutil.which("git"):
        missing("git is not installed")
    project = make_project(tmp_path / "project")
    (project / ".gitignore").write_text("site/\n__pycache__/\n")
    git(project, "init", "-q")
    git(project, "add", "-A")
    git(project, "-c", "user.name=Test", "-c", "user.email=test@example.org", "commit", "-qm", "start")
    built = build(project, site=tmp_path / "site")
    assert built.ok, built.output
    index = built.site / "admin/index.html"
    if not index.exists():
        pytest.fail("hook wiring missing: the built site has no admin/index.html. hooks/transparency_site.py's "
                    "on_files must add cms.admin_files(...) (see transparency/cms.py)")
    # The site's server takes its port first (port 0: the system picks, no race); the editor
    # server's port is picked while that one is held, so the two can never be the same.
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(built.site)))
    site_port = server.server_address[1]
    server_port = _free_port()
    config = built.site / "admin/config.yml"
    config.write_text(config.read_text().replace(cms.LOCAL_PROXY, f"http://127.0.0.1:{server_port}/api/v1"))
    process = subprocess.Popen(
        [node, str(DECAP_SERVER)], cwd=project, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        env={**os.environ, "PORT": str(server_port), "BIND_HOST": "127.0.0.1", "MODE": "fs",
             "GIT_REPO_DIRECTORY": str(project), "LOG_LEVEL": "warn"})
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        _wait_for_port(server_port, process)
        yield Editor(project, f"http://127.0.0.1:{site_port}/admin/")
    finally:
        server.shutdown()
        server.server_close()
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture
def open_editor(browser, editor):
    contexts = []

    def at(hash_path: str | None, viewport=None):
        """A new browser window at a view of the editor (None: the sign-in page)."""
        context = browser.new_context(viewport=viewport or {"width": 1280, "height": 900})
        contexts.append(context)
        page = context.new_page()
        page.goto(editor.url)
        login = page.get_by_role("button", name="Login")
        login.wait_for()
        if hash_path is None:
            return page
        login.click()  # the local backend signs in with one click
        page.get_by_text("Awards", exact=True).first.wait_for()
        page.goto(editor.url + hash_path)
        if "/new" in hash_path or "/entries/" in hash_path:
            page.locator('[id^="title-field-"], [id^="name-field-"]').first.wait_for()  # funds have a name
        else:
            page.get_by_role("heading", name="Awards").wait_for()
            page.get_by_text("Sort by").wait_for()
        return page

    yield at
    for context in contexts:
        context.close()


def choose(page, label: str, option: str):
    box = page.get_by_label(label, exact=True)
    box.click()
    box.press_sequentially(option)
    page.get_by_role("option", name=option).first.click()


NEW_AWARD = """\
# yaml-language-server: $schema=../../schemas/award.schema.json
title: Bike marking & safe parking, 2027/28
kind: grant
fund: crime-and-disorder-reduction-grants
recipient:
  name: Safe Spokes Cycle Marking
  charity_number: 9193386
amount: 1500
award_date: 2026-10-20
description: >-
  Free cycle marking events at stations and colleges, with advice on locks,
  where to park and how to register a bike with the national register.
procurement_route: grant-application
status: active
outcomes: [communities]
purpose: "Note: to run 12 marking events."
conditions: The events must be arranged with the neighbourhood policing teams.
crime_reduction_reasons: >-
  Marked and registered bikes are harder to sell and easier to return to their
  owners.
"""


def fill_new_award(page, title: str = "Bike marking & safe parking, 2027/28"):
    if title:
        page.get_by_label("Title", exact=True).fill(title)
    choose(page, "Kind", "Grant")
    choose(page, "Fund", "Crime and disorder reduction grants")
    page.get_by_label("Name", exact=True).first.fill("Safe Spokes Cycle Marking")
    page.get_by_label("Charity number (optional)").fill("9193386")
    page.get_by_label("Amount", exact=True).fill("1500")
    page.get_by_label("Award date", exact=True).fill("2026-10-20")
    page.get_by_label("Description", exact=True).fill(
        "Free cycle marking events at stations and colleges, with advice on locks, where to park and "
        "how to register a bike with the national register.")
    choose(page, "Procurement route", "Grant application")
    choose(page, "Status", "Active")
    choose(page, "Outcomes (optional)", "communities")
    page.get_by_label("Purpose (required for grants)").fill("Note: to run 12 marking events.")
    page.get_by_label("Conditions (required for grants)").fill("The events must be arranged with the neighbourhood policing teams.")
    page.get_by_label("Crime reduction reasons (required for crime and disorder reduction grants)").fill(
        "Marked and registered bikes are harder to sell and easier to return to their owners.")


def wait_for_file(path: Path, before: str = "", seconds: float = 30) -> str:
    """The file's text once decap-server has finished writing it. Its writes truncate and then
    write, so a read can land on an empty or half-written file: wait until the text differs from
    `before`, is not empty, and reads the same twice a quarter of a second apart."""
    deadline = time.monotonic() + seconds
    last = None
    while time.monotonic() < deadline:
        text = path.read_text(encoding="utf-8") if path.exists() else ""
        if text and text != before and text == last:
            return text
        last = text
        time.sleep(0.25)
    raise AssertionError(f"{path} was not written")


def test_create_a_grant_award_in_the_form(open_editor, editor, tmp_path):
    page = open_editor("#/collections/awards/new")
    fill_new_award(page)
    publish(page)
    slug = "bike-marking-safe-parking-2027-28"
    new = editor.project / f"data/awards/{slug}.yml"
    assert wait_for_file(new) == NEW_AWARD  # typed values, the model's key order, the house layout
    assert editor.changes() == [f"?? data/awards/{slug}.yml"]  # nothing else in the repository changed

    result = subprocess.run([sys.executable, "-m", "transparency", "validate", "--data", str(editor.project / "data")],
                            capture_output=True, text=True, env={**os.environ, "SOURCE_DATE_EPOCH": VALIDATE_EPOCH})
    assert result.returncode == 0, result.stdout + result.stderr
    built = build(editor.project, site=tmp_path / "after")
    assert built.ok, built.output
    html = built.page(f"awards/{slug}/")
    assert "Bike marking &amp; safe parking, 2027/28" in html
    assert "Safe Spokes Cycle Marking" in html and format_money(Decimal(1500)) in html


def test_a_record_saved_with_the_draft_box_ticked_is_a_draft_and_not_published(open_editor, editor, tmp_path):
    page = open_editor("#/collections/awards/new")
    page.get_by_label("Draft: not published until this is unticked", exact=False).check()
    fill_new_award(page)
    publish(page)
    slug = "bike-marking-safe-parking-2027-28"
    text = wait_for_file(editor.project / f"data/awards/{slug}.yml")
    assert text == NEW_AWARD.replace("\ntitle:", "\ndraft: true\ntitle:", 1)
    result = subprocess.run([sys.executable, "-m", "transparency", "validate", "--data", str(editor.project / "data")],
                            capture_output=True, text=True, env={**os.environ, "SOURCE_DATE_EPOCH": VALIDATE_EPOCH})
    assert result.returncode == 0, result.stdout + result.stderr
    assert f'data/awards/{slug}.yml:2: draft: complete: delete the line "draft: true" to publish it' in result.stdout
    built = build(editor.project, site=tmp_path / "after")
    assert built.ok, built.output
    assert not (built.site / "awards" / slug).exists()


def test_edit_an_amount_changes_only_that_line(open_editor, editor):
    path = editor.project / "data/awards/hospital-domestic-abuse-advisers-2026.yml"
    before = path.read_text(encoding="utf-8")
    page = open_editor("#/collections/awards/entries/hospital-domestic-abuse-advisers-2026")
    amount = page.get_by_label("Amount", exact=True)
    assert amount.input_value() == "180000"
    amount.fill("185000")
    publish(page)
    after = wait_for_file(path, before)
    assert changed_lines(before, after) == ["-amount: 180000", "+amount: 185000"]
    # the schema line and the staff comment under it survive
    assert after.splitlines()[:2] == before.splitlines()[:2]
    assert editor.changes() == [" M data/awards/hospital-domestic-abuse-advisers-2026.yml"]


def test_the_form_refuses_to_save_without_a_required_field(open_editor, editor):
    page = open_editor("#/collections/awards/new")
    fill_new_award(page, title="")
    publish(page)
    page.get_by_text("Title is required.").wait_for()
    page.get_by_text("missed a required field").first.wait_for()
    time.sleep(1)
    assert editor.changes() == []


def test_the_editor_passes_the_same_axe_run_as_the_site(open_editor, editor):
    """Decap's own markup needs editor.css (contrast) and editor.js (names for icon buttons,
    help and errors tied to their fields) to pass; what axe cannot see is in the statement."""
    pytest.importorskip("axe_playwright_python")
    views = {
        "sign-in": None,
        "collection": "#/collections/awards",
        "new award": "#/collections/awards/new",
        "award with list items": "#/collections/awards/entries/hospital-domestic-abuse-advisers-2026",
        "tender": "#/collections/tenders/entries/restorative-justice-service-2027",
    }
    failures = []
    for viewport in ({"width": 1280, "height": 900}, {"width": 390, "height": 844}):
        for name, hash_path in views.items():
            page = open_editor(hash_path, viewport)
            page.wait_for_timeout(500)  # editor.js names controls on the next animation frame
            # axe's best-practice `region` rule (all content in landmarks) is not run here: it
            # finds Decap's loading bar, a <canvas> its topbar script appends to <body>, and on
            # the collection view the visually hidden <h1> that is left outside Decap's own
            # <main> (editor.js drops index.html's role=main there). Both are the editor's (Decap's
            # markup), not the site's; every other best-practice rule runs.
            failures += axe_violations(page, f"{name} at {viewport['width']}px: ", skip_rules=("region",))
            scroll, width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
            if scroll > width:
                failures.append(f"{name} at {viewport['width']}px: the page is {scroll}px wide (sideways scrolling)")
            if SHOTS and name == "new award":
                fill_new_award(page)
                page.get_by_label("Title", exact=True).focus()  # back to the top of the form
                page.screenshot(path=str(SHOTS / f"cms-award-{'desktop' if viewport['width'] > 600 else 'phone'}.png"))
    assert failures == []
    statement = (FIXTURE / "content/accessibility.md").read_text(encoding="utf-8")
    assert "web editor" in statement


def test_the_editor_page_is_valid_html(tmp_path):
    vnu = NODE_MODULES / "vnu-jar/build/dist/vnu.jar"
    java = shutil.which("java")
    if not vnu.exists() or not java:
        missing("vnu-jar (npm ci) or java is not installed")
    page = tmp_path / "index.html"
    page.write_bytes(cms.admin_files(organisation())["admin/index.html"])
    result = subprocess.run([java, "-jar", str(vnu), "--errors-only", "--format", "gnu", str(page)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


# --- money, the rules and the numbers the build checks, in the form ------------------------------

MONEY_FIELDS = {  # kind of money field -> (the entry, the field's name in the form, the file, its line before)
    "award amount": ("awards/entries/hospital-domestic-abuse-advisers-2026", "amount",
                     "data/awards/hospital-domestic-abuse-advisers-2026.yml", "amount: 180000"),
    "fund budget": ("funds/entries/youth-fund", "value", "data/funds/youth-fund.yml", "  2025/26: 60000"),
    "co-commissioner contribution": ("awards/entries/hospital-domestic-abuse-advisers-2026", "contribution",
                                     "data/awards/hospital-domestic-abuse-advisers-2026.yml", "    contribution: 180000"),
    "single tender action value": ("awards/entries/victim-care-case-management-system-2026", "value",
                                   "data/awards/victim-care-case-management-system-2026.yml", "  value: 95000"),
    "tender envelope": ("tenders/entries/restorative-justice-service-2027", "amount",
                        "data/tenders/restorative-justice-service-2027.yml", "  amount: 165000"),
}


OPEN_GROUP = """name => {
  // the first shown toggle, not already open, of a group or list item that holds the field
  const box = document.querySelector(`[id^="${name}-field-"]`);
  const toggles = [...document.querySelectorAll('button[aria-label="Show or hide this item"], button[data-testid="expand-button"]')];
  const toggle = toggles.find(b => b.offsetParent !== null && b.getAttribute("aria-label") !== "Collapse" &&
                                   b.closest('[class*="ControlContainer"]').contains(box));
  if (toggle) toggle.click();
  return !!toggle;
}"""


def field_input(page, name: str):
    """The first input of the field called `name` in the model, opening the group or list item it
    is in. After each click the form is given time to show the field: clicking again too soon, on
    a slow machine, would close what the first click opened while the test types into it."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
    box = page.locator(f'[id^="{name}-field-"]').first
    box.wait_for(state="attached")
    for _ in range(4):
        if box.is_visible() or not page.evaluate(OPEN_GROUP, name):
            break
        try:
            box.wait_for(state="visible", timeout=10_000)
        except PlaywrightTimeout:
            continue  # a group inside the one just opened is still closed
    return box


def type_into(box, text: str):
    """Empty a field and type into it key by key, as a person does, and see the form hold it."""
    from playwright.sync_api import expect
    box.click()
    box.fill("")
    # Each key, and the emptied field, is given until the form has shown it before the next key,
    # as a person's next key comes after the screen shows the last: Decap's text box is controlled
    # by its store, and on a machine short of CPU a key typed within the same few milliseconds was
    # overwritten by the store's late update for the one before (runs that saved 500.50 and 150.50
    # for 1500.50, with a key every 20 ms). Two animation frames are after that update has rendered.
    shown = "() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))"
    box.page.evaluate(shown)
    for key in text:
        box.press_sequentially(key)
        box.page.evaluate(shown)
    expect(box).to_have_value(text)


def publish(page):
    """Save, with the local backend's words (editor.js: nothing is published from this computer)."""
    page.get_by_role("button", name="Save", exact=True).first.click()
    page.get_by_text("Save to this computer", exact=True).click()


@pytest.mark.parametrize("typed", ["1500.50", "1500"])
@pytest.mark.parametrize("kind", MONEY_FIELDS)
def test_money_typed_key_by_key_is_saved_exactly(open_editor, editor, kind, typed):
    entry, name, file, line = MONEY_FIELDS[kind]
    path = editor.project / file
    before = path.read_text(encoding="utf-8")
    page = open_editor(f"#/collections/{entry}")
    type_into(field_input(page, name), typed)
    publish(page)
    after = wait_for_file(path, before)
    assert changed_lines(before, after) == [f"-{line}", f"+{line.rsplit(' ', 1)[0]} {typed}"]


def build_words(text: str) -> str:
    with pytest.raises(MoneyError) as e:
        parse_money(text)
    return str(e.value)


def retype(box, text: str):
    """Replace what a field holds (Decap's text box puts its cursor back at the end when it is
    focused, so one `fill` would add to the text)."""
    box.fill("")
    box.fill(text)


def refused(page, editor, message: str, before: dict[Path, str] | None = None):
    """The form shows the build's words and saves nothing."""
    publish(page)
    page.get_by_text(message).first.wait_for()  # under the field, or for a rule at the top
    time.sleep(1)
    assert editor.changes() == []


@pytest.mark.parametrize("typed", ["£1,500", "1500.505"])
def test_money_the_build_would_refuse_is_refused_in_the_form_with_its_words(open_editor, editor, typed):
    page = open_editor("#/collections/awards/new")
    fill_new_award(page)
    retype(page.get_by_label("Amount", exact=True), typed)
    refused(page, editor, build_words(typed))
    if SHOTS:
        page.get_by_label("Amount", exact=True).scroll_into_view_if_needed()
        page.screenshot(path=str(SHOTS / f"cms-award-amount-refused-{'pounds' if '£' in typed else 'pence'}.png"))


def test_a_charity_number_with_a_space_is_refused_in_the_form_with_the_builds_words(open_editor, editor):
    page = open_editor("#/collections/awards/new")
    fill_new_award(page)
    retype(page.get_by_label("Charity number (optional)"), "1187 220")
    refused(page, editor, orgids.NOT_A_CHARITY_NUMBER.format(text="1187 220"))


def test_a_placeholder_statement_is_refused_in_the_form(open_editor, editor):
    page = open_editor("#/collections/awards/new")
    fill_new_award(page)
    page.get_by_label("Conditions (required for grants)").fill("TBC")
    refused(page, editor, convert.PLACEHOLDER_MESSAGE.format(text="TBC", name="conditions"))


def rule(field: str, record=model.Award) -> rules.Requirement:
    (r,) = [r for r in rules.REQUIREMENTS if r.record is record and r.field == field]
    return r


HOSPITAL = "#/collections/awards/entries/hospital-domestic-abuse-advisers-2026"  # a contract with a term


def _new_grant_without(field):
    def act(page):
        fill_new_award(page)
        page.get_by_label(f"{label_of(field)} ({rule(field).label})").fill("")
    return "#/collections/awards/new", act


def _new_contract(page):
    fill_new_award(page)
    choose(page, "Kind", "Contract")


def _emptied(name):
    def act(page):
        field_input(page, name).fill("")
    return act


RULE_CASES = {  # the rule's field -> (the form, what staff do)
    "purpose": _new_grant_without("purpose"),
    "conditions": _new_grant_without("conditions"),
    "term": ("#/collections/awards/new", _new_contract),
    "term.start": (HOSPITAL, _emptied("start")),
    "term.break_clause": (HOSPITAL, _emptied("break_clause")),
    "status_note": (HOSPITAL, lambda page: choose(page, "Status", "De-commissioned")),
}


@pytest.mark.parametrize("field", RULE_CASES)
def test_a_field_the_rules_require_is_labelled_required_and_refused_when_empty(open_editor, editor, field):
    where, act = RULE_CASES[field]
    page = open_editor(where)
    act(page)
    label = f"{label_of(field.rsplit('.', 1)[-1])} ({rule(field).label})"
    assert page.locator("label", has_text=label).count() >= 1, label
    refused(page, editor, rule(field).message)
    if SHOTS and field == "purpose":
        page.locator("label", has_text=label).first.scroll_into_view_if_needed()
        page.screenshot(path=str(SHOTS / "cms-award-purpose-refused.png"))


def test_every_field_the_rules_require_of_some_records_has_a_test_or_a_reason():
    not_in_the_form = {"crime_reduction_reasons": "needs the fund's crime_and_disorder_reduction flag, which the form does not know"}
    needed = {r.field for r in rules.REQUIREMENTS if r.when or r.fund_flag or "." in r.field and r.record is model.Award}
    assert needed == set(RULE_CASES) | set(not_in_the_form)
    label = field(collection_config("awards")["fields"], "crime_reduction_reasons")["label"]
    assert label == "Crime reduction reasons (required for crime and disorder reduction grants)"


def test_the_local_editor_does_not_say_it_publishes_and_view_opens_this_site(open_editor, editor):
    page = open_editor("#/collections/awards")
    new = page.get_by_text("New Award", exact=True)  # not "＋ Award": Debian's fonts have no ＋
    new.wait_for()
    new.click()
    page.get_by_label("Title", exact=True).wait_for()
    assert page.get_by_text("Changes saved", exact=False).count() == 0  # a blank form has saved nothing
    page.get_by_text("No unsaved changes").first.wait_for()
    fill_new_award(page)
    assert page.get_by_role("button", name="Publish").count() == 0
    publish(page)
    page.get_by_text("Saved in the data folder on this computer: not yet published.").first.wait_for()
    assert page.get_by_text("Published", exact=True).count() == 0
    slug = "bike-marking-safe-parking-2027-28"
    page = open_editor(f"#/collections/awards/entries/{slug}")
    view = page.get_by_role("link", name="View on this computer's site")  # not the public address
    view.wait_for()
    assert view.get_attribute("href") == editor.url.removesuffix("admin/") + f"awards/{slug}/"

