"""Previewing edits with `mkdocs serve`, as a member of staff does.

The real `mkdocs serve` on a copy of the project: an edit to an award file shows on
its page after the rebuild; a mistake is reported in the terminal with the file, the
line, the field and how to fix it, and once fixed the preview shows the file again.
(While a mistake stands, every page of the preview shows the problems instead:
tests/test_preview_problems.py.)
"""
from __future__ import annotations

import os
import queue
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from conftest import BUILD_EPOCH, make_project

AWARD = "data/awards/backbeat-youth-music-studio-2025.yml"
WAIT = 120  # seconds for one build of the example site; it takes about 1


class Serve:
    """The preview server as staff start it (`python -m transparency serve`, which `make serve`
    runs and which becomes `mkdocs serve`), in a child process, its log read line by line."""

    def __init__(self, project: Path):
        with socket.socket() as s:  # a free port: the server binds it a moment later
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        env = {**os.environ, "SOURCE_DATE_EPOCH": str(BUILD_EPOCH), "NO_MKDOCS_2_WARNING": "1"}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "transparency", "serve", "--address", f"127.0.0.1:{self.port}"],
            cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        self.lines: queue.Queue[str] = queue.Queue()
        self.log: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for line in self.process.stdout:
            self.lines.put(line)

    def wait_for(self, pattern: str) -> str:
        """The first new log line matching `pattern`; fails after WAIT seconds."""
        deadline = time.monotonic() + WAIT
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=1)
            except queue.Empty:
                assert self.process.poll() is None, "mkdocs serve stopped:\n" + "".join(self.log)
                continue
            self.log.append(line)
            if re.search(pattern, line):
                return line
        raise AssertionError(f"no line matching {pattern!r} in:\n" + "".join(self.log))

    def page(self, path: str) -> str:
        """The page's HTML, also when it is MkDocs' "404 Not Found" page (the problems page, while
        the data has problems and the site has no page at `path`)."""
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/{path}", timeout=30) as response:
                return response.read().decode("utf-8")
        except urllib.error.HTTPError as error:
            return error.read().decode("utf-8")

    def page_showing(self, path: str, text: str) -> str:
        """The page once it shows `text` (after the rebuild). Polled: MkDocs' log cannot tell,
        as it drops a message identical to an earlier one ("Documentation built in 0.52 seconds")."""
        deadline = time.monotonic() + WAIT
        while time.monotonic() < deadline:
            html = self.page(path)  # MkDocs answers once the build in progress, if any, is done
            if text in html:
                return html
            time.sleep(0.2)
        while not self.lines.empty():
            self.log.append(self.lines.get())
        raise AssertionError(f"{path} never showed {text!r}; the server said:\n" + "".join(self.log))

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:  # pragma: no cover
            self.process.kill()


@pytest.fixture
def served(tmp_path):
    project = make_project(tmp_path / "p")
    server = Serve(project)
    try:
        server.wait_for(r"Serving on http://")
        yield project, server
    finally:
        server.stop()


def test_an_edit_shows_after_the_rebuild_and_a_mistake_is_reported_with_its_line(served):
    project, server = served
    award = project / AWARD
    text = award.read_text()
    assert re.search(r"^amount: 8000$", text, re.M), "the example award changed: update this test"
    assert "£8,000" in server.page("awards/backbeat-youth-music-studio-2025/")

    award.write_text(text.replace("amount: 8000", "amount: 8500"))
    page = server.page_showing("awards/backbeat-youth-music-studio-2025/", "£8,500")
    assert "£8,000" not in page

    line = text.splitlines().index("amount: 8000") + 1
    award.write_text(text.replace("amount: 8000", "amount: 8,5OO"))
    error = server.wait_for(rf"{AWARD}:{line}: amount:")
    assert "`8,5OO` is not an amount of money: write pounds as a plain number" in error
    server.page_showing("awards/backbeat-youth-music-studio-2025/", "The data has 1 problem: nothing was published")

    award.write_text(text)
    assert "£8,500" not in server.page_showing("awards/backbeat-youth-music-studio-2025/", "£8,000")


def test_an_edit_to_the_editors_own_files_is_served_after_the_rebuild(tmp_path):
    """The web editor's files are read at every build: an edited editor.js is published by the
    next rebuild of `mkdocs serve`, not the bytes of the first build."""
    project = make_project(tmp_path / "p")
    package = project / "transparency"
    target = package.resolve()
    package.unlink()  # a copy of the generator, which this test may edit
    shutil.copytree(target, package, ignore=shutil.ignore_patterns("__pycache__"))
    server = Serve(project)
    try:
        server.wait_for(r"Serving on http://")
        script = package / "views" / "admin" / "editor.js"
        assert "// an edit made while serving" not in server.page("admin/editor.js")
        script.write_text(script.read_text(encoding="utf-8") + "// an edit made while serving\n", encoding="utf-8")
        server.page_showing("admin/editor.js", "// an edit made while serving")
    finally:
        server.stop()
