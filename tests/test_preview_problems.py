"""While the data has a problem, the preview (`mkdocs serve`) and the web editor keep working.

The real `mkdocs serve` on a scratch project, read with Chromium: every address shows the
problems (file, line, field, message) and turns back into the site by itself once the file is
fixed; /admin/ keeps loading; and with decap-server's local backend against the same preview, a
member of staff saves a bad value in the form, sees the build's problem in the form, and fixes it
there.
"""
from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import time

import pytest

from conftest import make_project
from test_cms import DECAP_SERVER, git
from test_serve import Serve, served  # noqa: F401 (served is a fixture)

AWARD_ID = "youth-boxing-diversion-2026"
AWARD = f"data/awards/{AWARD_ID}.yml"
GOOD, BAD = "charity_number: 9195521", "charity_number: 1187 220"
TITLE = "Boxing and mentoring sessions to divert young people from crime"  # the award's page heading
PROBLEM = ["The data has 1 problem: nothing was published", AWARD, "7", "recipient.charity_number",
           "`1187 220` is not a charity number"]
BACK_WITHIN = 60_000  # ms for the open page to show the site again after the fix (a rebuild takes about 1 s)


@pytest.fixture
def preview(served):
    project, server = served
    assert GOOD in (project / AWARD).read_text(), "the example award changed: update this test"
    return project, server


def break_award(project, server):
    award = project / AWARD
    award.write_text(award.read_text().replace(GOOD, BAD))
    server.page_showing("", PROBLEM[0])  # the rebuild is done


def test_every_address_shows_the_problems_and_the_site_comes_back_by_itself(preview, browser):
    project, server = preview
    break_award(project, server)
    context = browser.new_context()
    pages = {}
    for path in ("", f"awards/{AWARD_ID}/", "no-such-page/"):
        page = pages[path] = context.new_page()
        page.goto(f"http://127.0.0.1:{server.port}/{path}", timeout=30_000)  # answered, not held
        assert page.title() == PROBLEM[0]
        text = page.locator("main").inner_text()
        for part in PROBLEM:
            assert part in text, (path, part, text)
        assert page.get_by_role("heading", level=1).inner_text() == PROBLEM[0]

    award = project / AWARD
    award.write_text(award.read_text().replace(BAD, GOOD))
    # the same pages, never reloaded by the test
    pages[f"awards/{AWARD_ID}/"].get_by_role("heading", name=TITLE).wait_for(timeout=BACK_WITHIN)
    pages[""].get_by_role("heading", name="Funding and commissioning", level=1).wait_for(timeout=BACK_WITHIN)
    pages["no-such-page/"].get_by_role("heading", name="Page not found").wait_for(timeout=BACK_WITHIN)
    for page in pages.values():
        assert "nothing was published" not in page.content()
    context.close()


def test_the_editor_still_loads_while_the_data_has_problems(preview, browser):
    project, server = preview
    assert json.loads(server.page("admin/problems.json"))["problems"] == []
    break_award(project, server)
    # organisation.yml broken too: the editor is made from the last one the preview read
    organisation = project / "data/organisation.yml"
    organisation.write_text(organisation.read_text() + "\nnot yaml: [\n")
    server.page_showing("admin/problems.json", "data/organisation.yml")
    found = json.loads(server.page("admin/problems.json"))
    assert {"path": AWARD, "line": 7, "field": "recipient.charity_number", "severity": "error"}.items() <= \
        next(p for p in found["problems"] if p["path"] == AWARD).items()
    config = server.page("admin/config.yml")
    assert "collections:" in config and "local_backend:" in config
    assert "innovation: Improved outcomes" in config  # the shared outcomes of the last good organisation.yml
    assert 'id="nc-root"' in server.page("admin/")
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"http://127.0.0.1:{server.port}/admin/", timeout=30_000)
    page.get_by_role("button", name="Login").wait_for(timeout=30_000)  # Decap started
    context.close()


# --- the form against the preview ---------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def editor_on_preview(tmp_path, browser):
    """mkdocs serve and decap-server (the local backend, writing the working copy) on one scratch
    git project, and a browser window whose editor talks to that decap-server."""
    node = shutil.which("node")
    if not node or not DECAP_SERVER.exists():
        pytest.fail("decap-server is missing: run `npm ci`") if os.environ.get("REQUIRE_TOOLS") else \
            pytest.skip("decap-server is not installed: run `npm ci`")
    project = make_project(tmp_path / "project")
    (project / ".gitignore").write_text("site/\n__pycache__/\n")
    git(project, "init", "-q")
    git(project, "add", "-A")
    git(project, "-c", "user.name=Test", "-c", "user.email=test@example.org", "commit", "-qm", "start")
    server = Serve(project)
    port = free_port()
    decap = subprocess.Popen(
        [node, str(DECAP_SERVER)], cwd=project, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT,
        env={**os.environ, "PORT": str(port), "BIND_HOST": "127.0.0.1", "MODE": "fs",
             "GIT_REPO_DIRECTORY": str(project), "LOG_LEVEL": "warn"})
    context = browser.new_context(viewport={"width": 1280, "height": 900})

    def to_this_decap_server(route):
        # config.yml names decap-server's usual port; this test's one listens on another
        response = route.fetch()
        route.fulfill(response=response, body=response.text().replace("localhost:8081", f"127.0.0.1:{port}"))

    context.route("**/admin/config.yml", to_this_decap_server)
    try:
        server.wait_for(r"Serving on http://")
        deadline = time.monotonic() + 30
        while socket.socket().connect_ex(("127.0.0.1", port)) != 0:
            assert time.monotonic() < deadline and decap.poll() is None, "decap-server did not start"
            time.sleep(0.1)
        yield project, server, context
    finally:
        context.close()
        decap.terminate()
        decap.wait(timeout=10)
        server.stop()


def open_entry(context, server):
    page = context.new_page()
    page.goto(f"http://127.0.0.1:{server.port}/admin/#/collections/awards/entries/{AWARD_ID}", timeout=30_000)
    login, title = page.get_by_role("button", name="Login"), page.get_by_label("Title", exact=True)
    login.or_(title).first.wait_for(timeout=30_000)
    if login.is_visible():
        login.click()  # the local backend signs in with one click, and is remembered
    title.wait_for(timeout=30_000)
    return page


def save(page):
    """Save, with the local backend's words (the editor says nothing is published from this computer)."""
    page.get_by_role("button", name="Save", exact=True).first.click()
    page.get_by_text("Save to this computer", exact=True).click()


def test_a_save_brings_the_builds_problem_to_the_form_and_it_is_fixed_there(editor_on_preview):
    """A mistake only the build can see (it needs two fields: the description repeats the title)."""
    project, server, context = editor_on_preview
    page = open_entry(context, server)
    description = page.get_by_label("Description", exact=True)
    description.fill(TITLE)  # the form checks each field alone: it cannot see this
    save(page)
    alert = page.locator("#build-problems[role=alert]")
    alert.get_by_text("description").first.wait_for(timeout=BACK_WITHIN)
    text = alert.inner_text()
    # the line of `description:` in the file as the editor saved it (the problem names that line)
    line = next(n for n, row in enumerate((project / AWARD).read_text(encoding="utf-8").splitlines(), 1)
                if row.startswith("description:"))
    assert f"1 problem in {AWARD}" in text and f"Line {line}, description: " in text
    assert "the description repeats the title" in text
    # seen, not only there: the top of the box is not under Decap's own (fixed) editor
    assert page.evaluate("""() => { const box = document.getElementById("build-problems").getBoundingClientRect();
        return document.getElementById("build-problems").contains(
            document.elementFromPoint(box.left + 40, box.top + 10)); }""")
    server.page_showing(f"awards/{AWARD_ID}/", "The data has 1 problem: nothing was published")

    page.close()
    page = open_entry(context, server)  # the editor still opens, and the broken entry in it
    description = page.get_by_label("Description", exact=True)
    assert description.input_value() == TITLE
    description.fill("Free boxing sessions and mentoring for referred young people.")
    save(page)
    page.locator("#build-problems").get_by_text("found no problems").wait_for(timeout=BACK_WITHIN)
    server.page_showing(f"awards/{AWARD_ID}/", TITLE)
    assert "Free boxing sessions and mentoring for referred young people." in (project / AWARD).read_text()


def test_a_record_saved_as_a_draft_leaves_the_preview_and_the_form_says_so(editor_on_preview):
    project, server, context = editor_on_preview
    page = open_entry(context, server)
    page.get_by_label("Draft: not published until this is unticked", exact=False).check()
    save(page)
    box = page.locator("#build-problems[role=alert]")
    box.get_by_text("This is a draft").wait_for(timeout=BACK_WITHIN)
    text = box.inner_text()
    assert "found no problems" in text  # a draft is not a problem
    assert 'This is a draft, so it is not on the site: complete: delete the line "draft: true" to publish it.' in text
    assert "draft: true" in (project / AWARD).read_text()
    deadline = time.monotonic() + BACK_WITHIN / 1000
    while TITLE in server.page(f"awards/{AWARD_ID}/"):
        assert time.monotonic() < deadline, "the draft is still in the preview"
        time.sleep(0.2)
    assert TITLE not in server.page("awards/")
