"""How long `make serve` takes to show an edited award, as staff see it.

    python benchmarks/serve_edit.py                      # 10,000 awards, three edits
    python benchmarks/serve_edit.py --sizes 1000,10000 --edits 3 --work /dev/shm/serve

For each N: a scratch project with make_data.py's N awards (as run.py makes it), the real
preview (`python -m transparency serve`, which `make serve` runs), and then, --edits times:
one award file's title gets a new word (its original title and one word each time), and the
clock runs from the save until the
award's page, fetched from the preview every 0.1 s, holds the word. Also printed: MkDocs'
own "Documentation built in" figure for each rebuild, so what the rebuild costs can be told
from what the file watcher and the server add, and the preview's resident memory after it.
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import run  # noqa: E402  (the same scratch projects as the build benchmark)

WAIT = 900  # seconds for the first build at 100,000 awards


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            return r.read().decode("utf-8", "replace")
    except (urllib.error.URLError, OSError):
        return None


def resident_mb(pid: int) -> int | None:
    """The preview's resident memory in MB (Linux /proc): `transparency serve` runs MkDocs in a
    child process, so the largest of the process and its children."""
    children = Path(f"/proc/{pid}/task/{pid}/children")
    pids = [pid, *(int(c) for c in children.read_text().split())] if children.exists() else [pid]
    sizes = []
    for p in pids:
        try:
            status = Path(f"/proc/{p}/status").read_text()
        except OSError:
            continue
        sizes += [int(line.split()[1]) // 1024 for line in status.splitlines() if line.startswith("VmRSS:")]
    return max(sizes, default=None)


def measure(project: Path, edits: int) -> list[tuple[float, str, int | None]]:
    port = free_port()
    env = {**run.ENV}
    proc = subprocess.Popen([sys.executable, "-m", "transparency", "serve", "--address", f"127.0.0.1:{port}"],
                            cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    log: list[str] = []
    threading.Thread(target=lambda: log.extend(iter(proc.stdout.readline, "")), daemon=True).start()
    award_file = sorted((project / "data" / "awards").glob("*.yml"))[0]
    url = f"http://127.0.0.1:{port}/awards/{award_file.stem}/"
    try:
        deadline = time.monotonic() + WAIT
        while fetch(url) is None:
            if proc.poll() is not None or time.monotonic() > deadline:
                sys.exit("the preview did not start:\n" + "".join(log[-40:]))
            time.sleep(0.5)
        time.sleep(2)  # let the watcher settle after the first build
        out = []
        original = award_file.read_text(encoding="utf-8")
        for k in range(edits):
            word = f"Edited{k}x{int(time.time())}"
            # the title, a line of its own in every make_data.py file, shown as the page's heading;
            # one word added to the original each time (words added up would pass the title's
            # 140 characters by the sixth edit, and the preview rightly shows the problems page)
            text = re.sub(r"^(title: *)(.*)$", lambda m: f"{m[1]}{m[2].rstrip()} {word}", original, count=1, flags=re.M)
            mark = len(log)
            start = time.perf_counter()
            award_file.write_text(text, encoding="utf-8")
            while word not in (fetch(url) or ""):
                if time.perf_counter() - start > WAIT:
                    sys.exit("the edit never showed:\n" + "".join(log[-40:]))
                time.sleep(0.1)
            seconds = time.perf_counter() - start
            time.sleep(1)
            built = [line for line in log[mark:] if "Documentation built in" in line]
            out.append((seconds, built[0].strip() if built else "(no build line)", resident_mb(proc.pid)))
            time.sleep(2)
        return out
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000")
    parser.add_argument("--edits", type=int, default=3)
    parser.add_argument("--work", type=Path)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args(argv)
    work = args.work or Path(tempfile.mkdtemp(prefix="transparency-serve-"))
    work.mkdir(parents=True, exist_ok=True)
    print(f"Machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}, {run.versions()}; {run.git_state()}.\n")
    print("| N | edit | saved to shown | MkDocs' own figure | preview's memory after |")
    print("|---:|---:|---:|---|---:|")
    try:
        for n in [int(s) for s in args.sizes.split(",")]:
            project = work / f"serve-{n}"
            shutil.rmtree(project, ignore_errors=True)
            run.real_project(project, n, args.seed)
            for k, (seconds, line, rss) in enumerate(measure(project, args.edits), 1):
                figure = re.search(r"built in [\d.]+ seconds", line)
                memory = f"{rss:,} MB" if rss else "(not read)"
                print(f"| {n:,} | {k} | {seconds:.1f} s | {figure[0] if figure else line} | {memory} |", flush=True)
    finally:
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
