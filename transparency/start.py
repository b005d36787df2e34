"""`opcc-site new FOLDER` starts an office's own site; `opcc-site update --from CHECKOUT` takes the generator's fixes.

new: asks for what organisation.yml needs (as options, or at a prompt when run in a
terminal), checks the answers with the data's own reader and rules (the same messages
`validate` gives, said about the option), and only then writes a whole project: the
generator's parts copied from this generator's project, and the office's own parts made
from transparency/starter/ (project.py says which is which).

update: copies the generator's parts from a newer checkout of the generator over the
project's, and never touches the office's own parts. When the newer generator's mkdocs.yml
has settings the office's does not, it says so: mkdocs.yml is the office's file.
"""
from __future__ import annotations

import argparse
import ast
import filecmp
import fnmatch
import json
import os
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace

import jinja2
import yaml

from . import describe
from .build_date import build_date
from .dates import format_date
from .model import Link, Organisation
from .money import MoneyError, format_money, parse_money
from .problems import Problem, errors
from .project import GENERATOR_PARTS, IGNORED, MANIFEST, OFFICE_PARTS
from .rules import load_checked

# The running generator's project: the folder holding transparency/, hooks/, overrides/...
GENERATOR = Path(__file__).resolve().parent.parent
STARTER = Path(__file__).resolve().parent / "starter"
ORGANISATION = "data/organisation.yml"
# mkdocs.yml settings that are the office's to change: `update` compares every other one.
OFFICE_SETTINGS = ("nav", "site_name")


@dataclass(frozen=True)
class Question:
    field: str  # in organisation.yml, dotted: etendering_portal.url
    option: str  # --portal-url
    ask: str  # the prompt, before the model's help text
    required: bool = True  # False: Enter at the prompt leaves it out
    many: str | None = None  # a repeated option: how one is written, "VALUE=JOB TITLE"

    @property
    def dest(self) -> str:
        return self.option.removeprefix("--").replace("-", "_")

    @property
    def doc(self) -> str:
        """The field's help text, from the model (the one place it is written)."""
        *groups, name = self.field.split(".")
        cls = {"": Organisation, "etendering_portal": Link}[".".join(groups)]
        return describe.record(cls).by_name[name].doc


# Every field of Organisation that a new office must (or may) give, in the order they are asked.
# Left out: `licence` (the Open Government Licence unless changed) and `editor_sign_in_url` and
# `example_notice` (rarely needed: EDITING.md explains them; add them to organisation.yml later).
QUESTIONS: tuple[Question, ...] = (
    Question("name", "--name", "The office's full name"),
    Question("short_name", "--short-name", "A short name"),
    Question("area", "--area", "The area the office serves"),
    Question("force_area_code", "--force-area-code",
             "The ONS code of your police force area (Enter to add it later)", required=False),
    Question("org_id", "--org-id", "The office's org-id.guide identifier"),
    Question("grant_id_prefix", "--grant-id-prefix", "The office's 360Giving prefix"),
    Question("ocid_prefix", "--ocid-prefix", "The office's Open Contracting (OCDS) prefix"),
    Question("website", "--website", "The office's main website"),
    Question("site_url", "--site-url", "Where this site will be published (Enter to add it later)", required=False),
    Question("email", "--email", "The public email address for funding questions"),
    Question("repository", "--repository", "The GitHub repository for the web editor, owner/name (Enter to add it later)",
             required=False),
    Question("etendering_portal.name", "--portal-name", "The eTendering portal's name"),
    Question("etendering_portal.url", "--portal-url", "The eTendering portal's address"),
    Question("procurement_threshold", "--threshold", "The procurement threshold in pounds"),
    Question("single_tender_action_sign_off", "--sign-off", "Who signs off a single tender action",
             many="VALUE=JOB TITLE"),
    Question("shared_outcomes", "--outcome", "The Police and Crime Plan's shared outcomes", many="ID=TEXT"),
)
BY_FIELD = {q.field: q for q in QUESTIONS}
STA = "single_tender_action_sign_off"
EXAMPLES = {
    "--sign-off": '--sign-off "150000=Chief Finance Officer" --sign-off "=Police and Crime Commissioner" '
                  "(the value is the band's upper limit in pounds; leave it out for the top band)",
    "--outcome": '--outcome "victims=Victims get the support they need"',
}


class Refused(Exception):
    """The answers cannot start a site; the message says why in plain English."""


# --- the answers ----------------------------------------------------------------------


def answers_from(args: argparse.Namespace) -> dict[str, object]:
    """The options given: text by field, and the repeated options as lists of their texts."""
    out: dict[str, object] = {}
    for q in QUESTIONS:
        value = getattr(args, q.dest)
        if value not in (None, [], ""):
            out[q.field] = value
    return out


def missing(answers: dict[str, object]) -> list[Question]:
    return [q for q in QUESTIONS if q.required and q.field not in answers]


def split_pair(q: Question, text: str) -> tuple[str, str]:
    """`150000=Chief Finance Officer` -> ("150000", "Chief Finance Officer")."""
    if "=" not in text:
        raise Refused(f"{q.option}: `{text}` is not written as {q.many}: for example {EXAMPLES[q.option]}")
    left, right = text.split("=", 1)
    return left.strip(), right.strip()


def ask(answers: dict[str, object], questions: list[Question], read=input, say=print) -> None:
    """Ask for each of `questions` at the prompt (the model's help text shown with it)."""
    for q in questions:
        say(f"\n{q.ask}: {q.doc}")
        if q.option == "--sign-off":
            answers[q.field] = ask_bands(read, say)
        elif q.option == "--outcome":
            answers[q.field] = ask_outcomes(read, say)
        else:
            while True:
                text = read(f"{q.ask}: ").strip()
                if text or not q.required:
                    break
                say(f"This is needed: type it, or stop with Ctrl+C and give {q.option} instead.")
            if text:
                answers[q.field] = text
            else:
                answers.pop(q.field, None)


def ask_bands(read, say) -> list[str]:
    say("One band at a time, lowest value first. For the top band (no upper limit) leave the value empty.")
    bands = []
    while True:
        n = len(bands) + 1
        up_to = read(f"Band {n}: the highest contract value in pounds (Enter for the top band): ").strip()
        who = ""
        while not who:
            who = read(f"Band {n}: who signs off, as a job title: ").strip()
        bands.append(f"{up_to}={who}")
        if not up_to:
            return bands


def ask_outcomes(read, say) -> list[str]:
    say("One at a time; press Enter on an empty line when there are no more.")
    outcomes = []
    while True:
        text = read(f"Outcome {len(outcomes) + 1} as the Plan words it (Enter to finish): ").strip()
        if not text:
            if outcomes:
                return outcomes
            say("Give at least one: award files name the outcomes they serve.")
            continue
        id = read(f"Outcome {len(outcomes) + 1}: a short id for award files, for example `victims`: ").strip()
        outcomes.append(f"{id}={text}")


# --- checking the answers with the data's own reader and rules ---------------------------


def _plain_money(q: Question, text: str, which: str = "") -> str:
    """An amount as it can be written in YAML without quotes; anything else cannot be an amount,
    and money.parse_money says why in the words the data's reader uses."""
    if re.fullmatch(r"-?[0-9][0-9A-Za-z.,£ ]*", text) and not text.endswith(" "):
        return text
    try:
        parse_money(text)
    except MoneyError as e:
        raise Refused(f"{q.option}{which}: {e}") from None
    return text  # pragma: no cover - an amount always matches the pattern above


def _ordinal(n: int) -> str:
    return f"{n}{'th' if 10 <= n % 100 <= 20 else {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')}"


def organisation_values(answers: dict[str, object]) -> tuple[SimpleNamespace, dict[str, list[str]]]:
    """The answers shaped as organisation.yml holds them (still the text as typed), and what is
    wrong with any answer that cannot even be written there, by field: that field is left out."""
    bad: dict[str, list[str]] = {}

    def pairs(field: str) -> list[tuple[str, str]] | None:
        q, out = BY_FIELD[field], []
        for text in answers.get(field, []):
            try:
                out.append(split_pair(q, text))
            except Refused as e:
                bad.setdefault(field, []).append(str(e))
        return None if field in bad else out

    def money(field: str, text: str, which: str = "") -> str | None:
        try:
            return _plain_money(BY_FIELD[field], text, which)
        except Refused as e:
            bad.setdefault(field, []).append(str(e))
            return None

    bands = [SimpleNamespace(up_to=money(STA, up_to, f" (the {_ordinal(i)})") if up_to else None, signed_off_by=who)
             for i, (up_to, who) in enumerate(pairs(STA) or [], 1)]
    outcomes = [SimpleNamespace(id=id, text=words) for id, words in pairs("shared_outcomes") or []]
    threshold = answers.get("procurement_threshold")
    values = SimpleNamespace(
        **{q.field: answers.get(q.field) for q in QUESTIONS
           if "." not in q.field and not q.many and q.field != "procurement_threshold"},
        procurement_threshold=money("procurement_threshold", threshold) if threshold else None,
        etendering_portal=SimpleNamespace(name=answers.get("etendering_portal.name"),
                                          url=answers.get("etendering_portal.url")),
        single_tender_action_sign_off=None if STA in bad else bands,
        shared_outcomes=None if "shared_outcomes" in bad else outcomes)
    return values, bad


def said_about_options(problem: Problem) -> tuple[Question | None, str]:
    """A problem in the organisation.yml made from the answers, said about the option it came from."""
    if problem.path != ORGANISATION or not problem.field:
        return None, str(problem)
    head, _, rest = problem.field.partition(".")
    name, _, index = head.partition("[")
    q = BY_FIELD.get(f"{name}.{rest.split('.')[0]}" if name == "etendering_portal" and rest else name)
    if q is None:
        return None, f"{problem.field}: {problem.message}"
    which = f" (the {_ordinal(int(index.rstrip(']')))})" if index else ""
    return q, f"{q.option}{which}: {problem.message}"


def checked(answers: dict[str, object], env: jinja2.Environment) -> tuple[str, Organisation, SimpleNamespace]:
    """organisation.yml's text, the Organisation it reads as and the answers shaped for the
    starter's files; or Refused with every problem, found by the data's own reader and rules on
    a scratch data folder of the new office, each said about its option."""
    values, bad = organisation_values(answers)
    text = env.get_template("data/organisation.yml").render(org=values)
    with tempfile.TemporaryDirectory() as scratch:
        data = Path(scratch) / "data"
        for folder in ("funds", "awards", "tenders"):
            (data / folder).mkdir(parents=True)
        (data / "organisation.yml").write_text(text, encoding="utf-8")
        (data / "scoring.yml").write_text(env.get_template("data/scoring.yml").render(org=values), encoding="utf-8")
        ds, problems = load_checked(data, build_date())
    order = {q.field: i for i, q in enumerate(QUESTIONS)}
    found = [(order[field], message) for field, messages in bad.items() for message in messages]
    for p in sorted(errors(problems)):
        q, message = said_about_options(p)
        if q is None or q.field not in bad:  # a field left out as unwritable is reported once, above
            found.append((order[q.field] if q else len(order), message))
    if found:
        n = len(found)
        raise Refused("\n".join([*(m for _, m in sorted(found, key=lambda f: f[0])),
                                 f"{n} problem{'s' if n != 1 else ''}: nothing was written. "
                                 "Fix the value and run this again."]))
    return text, ds.organisation, values


# --- writing the project ---------------------------------------------------------------


def _markdown_text(value):
    """Every value put into a page is text, never Markdown or HTML: a name with `*` or `<` in it
    reads as typed. (Numbers and money reach the template already formatted.)"""
    if value is None:
        return ""
    text = str(value)
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return re.sub(r"([\\`*_\[\]#|!{}])", r"\\\1", text)


def starter_env(markdown: bool) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(STARTER), undefined=jinja2.StrictUndefined, autoescape=False,
        keep_trailing_newline=True, trim_blocks=False, finalize=_markdown_text if markdown else None)
    env.filters.update(q=yaml_text, money=format_money)
    return env


# Text YAML reads back as the same text when written without quotes: it starts with a letter,
# holds no `: ` or ` #`, and is not one of YAML 1.1's words for yes, no or nothing.
_PLAIN = re.compile(r"[A-Za-z][A-Za-z0-9 ,.'()/&@+:%_~-]*", re.ASCII)
_YAML_WORDS = frozenset("y n yes no on off true false null".split())


def yaml_text(value) -> str:
    """A text for organisation.yml: as typed where YAML reads it back unchanged, else in double
    quotes (JSON's quoting is valid YAML), so no answer can change the file's shape. The reader
    then checks it as it checks any file staff write."""
    text = str(value)
    if (_PLAIN.fullmatch(text) and ": " not in text and " #" not in text and not text.endswith((":", " "))
            and text.lower() not in _YAML_WORDS):
        return text
    return json.dumps(text, ensure_ascii=False)


def generator_files(root: Path, parts: tuple[str, ...] = GENERATOR_PARTS) -> list[str]:
    """Every file of the generator's parts in `root`, as project-relative POSIX paths, sorted."""
    out = []
    for part in parts:
        path = root / part
        if path.is_file():
            out.append(part)
        elif path.is_dir():
            for dirpath, dirnames, filenames in os.walk(path):
                dirnames[:] = sorted(d for d in dirnames if not _ignored(d))
                for name in filenames:
                    if not _ignored(name):
                        out.append((Path(dirpath) / name).relative_to(root).as_posix())
    return sorted(out)


def _ignored(name: str) -> bool:
    return any(fnmatch.fnmatch(name, pattern) for pattern in IGNORED)


def _copy(src: Path, dest: Path) -> None:
    dest.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(src, dest)
    shutil.copymode(src, dest)  # .ci/run stays executable


def office_mkdocs_yml(generator: Path) -> str:
    """The office's mkdocs.yml: the generator's own, word for word (its nav lists the pages the
    starter writes and the pages the generator makes), so no second copy of the theme's settings
    is kept here. It is the office's from then on; `update` says when the generator's changes."""
    text = (generator / "mkdocs.yml").read_text(encoding="utf-8")
    return ("# The office's own MkDocs settings, started as a copy of the generator's mkdocs.yml.\n"
            "# `python -m transparency update` never changes this file: it says when the newer generator's\n"
            "# settings differ, for you to copy across (README.md, \"Taking the generator's later fixes\").\n"
            + text)


def write_project(folder: Path, org_text: str, org: Organisation, values: SimpleNamespace,
                  generator: Path = GENERATOR) -> None:
    md, plain = starter_env(markdown=True), starter_env(markdown=False)
    # no figure from organisation.yml goes into a page: it would go stale (tests/test_content.py)
    context = dict(org=org, today=format_date(build_date()))
    for rel in generator_files(generator):
        _copy(generator / rel, folder / rel)
    (folder / MANIFEST).write_text(manifest(generator_files(generator), generator), encoding="utf-8")
    for src in sorted(STARTER.rglob("*")):
        rel = src.relative_to(STARTER).as_posix()
        if src.is_dir() or src.name.startswith("_") or _ignored(src.name):
            continue
        dest = folder / rel
        dest.parent.mkdir(parents=True, exist_ok=True)
        if rel == ORGANISATION:
            dest.write_text(org_text, encoding="utf-8")
        elif rel.endswith(".md") and rel.startswith("content/"):
            dest.write_text(md.get_template(rel).render(**context), encoding="utf-8")
        else:
            dest.write_text(plain.get_template(rel).render({**context, "org": values}), encoding="utf-8")
    (folder / "mkdocs.yml").write_text(office_mkdocs_yml(generator), encoding="utf-8")


def manifest(files: list[str], generator: Path) -> str:
    commit = _commit(generator)
    return ("# The generator's files in this project, written by `python -m transparency new` and `update`\n"
            "# (from " + (f"commit {commit}" if commit else "a generator with no git history") + "). `update` "
            "removes a file listed here that the newer generator no longer has.\n"
            + "".join(f"{f}\n" for f in files))


def _commit(generator: Path) -> str | None:
    try:
        result = subprocess.run(["git", "-C", str(generator), "rev-parse", "HEAD"], capture_output=True, text=True)
    except OSError:
        return None
    return result.stdout.strip() or None if result.returncode == 0 else None


def new(folder: Path, answers: dict[str, object], interactive: bool = False, read=input, say=print,
        generator: Path = GENERATOR) -> int:
    folder = Path(os.path.abspath(folder))
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        print(f"{folder} already exists and is not empty: give the name of a new folder "
              "(nothing was written).", file=sys.stderr)
        return 2
    for part in ("hooks", "overrides", "mkdocs.yml", "pyproject.toml"):
        if not (generator / part).exists():
            print(f"The generator at {generator} has no {part}: run this from a checkout of the generator's "
                  "project (the installed package alone cannot start a site).", file=sys.stderr)
            return 2
    env = starter_env(markdown=False)
    gaps = missing(answers)
    if gaps and not interactive:
        options = ", ".join(q.option for q in gaps)
        print(f"Missing: {options}. Give {'them' if len(gaps) > 1 else 'it'} as options "
              f"(python -m transparency new --help says what each is), or run this in a terminal to be "
              "asked. Nothing was written.", file=sys.stderr)
        return 2
    if interactive:  # the optional ones too: Enter leaves them out
        gaps = [q for q in QUESTIONS if q.field not in answers]
    if gaps:
        say("To start the site, answer these questions. They fill in data/organisation.yml, which you can "
            "edit later.")
    while True:
        try:
            ask(answers, gaps, read, say)
        except (EOFError, KeyboardInterrupt):
            print("\nStopped: nothing was written.", file=sys.stderr)
            return 1
        try:
            org_text, org, values = checked(answers, env)
            break
        except Refused as e:
            print(e, file=sys.stderr)
            wrong = {line.split(":", 1)[0].split(" (")[0] for line in str(e).splitlines()}
            gaps = [q for q in QUESTIONS if q.option in wrong]
            if not interactive or not gaps:
                return 1  # without a terminal, or a problem no answer can fix (a generator's own file)
            say("\nAnswer these again:")
    # Written beside the folder and renamed into place, so a failure leaves no half-made project.
    scratch = folder.parent / f".{folder.name}.new-{os.getpid()}-{secrets.token_hex(4)}"
    try:
        write_project(scratch, org_text, org, values, generator)
        if folder.exists():
            folder.rmdir()  # empty: checked above
        os.replace(scratch, folder)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    print(f"Started the site of the {org.name} in {folder}.\n"
          f"Next: cd {folder}, then `make site` (Windows: py -m transparency build) and read README.md.\n"
          "The strategy pages in content/ are templates: rewrite them (validate warns until you do).",
          file=sys.stderr)
    return 0


# --- update ---------------------------------------------------------------------------


def parts_of(checkout: Path) -> tuple[str, ...]:
    """The newer generator's list of its parts (its own project.py), read without running it;
    never one of the office's parts, whatever it says."""
    parts = GENERATOR_PARTS
    source = checkout / "transparency" / "project.py"
    if source.is_file():
        for node in ast.parse(source.read_text(encoding="utf-8")).body:
            target = node.target if isinstance(node, ast.AnnAssign) else (
                node.targets[0] if isinstance(node, ast.Assign) and len(node.targets) == 1 else None)
            if isinstance(target, ast.Name) and target.id == "GENERATOR_PARTS" and node.value is not None:
                parts = tuple(ast.literal_eval(node.value))
    return tuple(p for p in parts if not _is_office_part(p))


def _is_office_part(rel: str) -> bool:
    return any(rel == o or rel.startswith(f"{o}/") or o.startswith(f"{rel}/") for o in OFFICE_PARTS)


class _AnyTag(yaml.SafeLoader):
    """Reads any mkdocs.yml, `!!python/name:` and `!ENV` tags too, without running anything."""


_AnyTag.add_multi_constructor("", lambda loader, suffix, node: f"{suffix} {getattr(node, 'value', '')}")


def _settings(path: Path) -> dict:
    try:
        loaded = yaml.load(path.read_text(encoding="utf-8"), Loader=_AnyTag)
    except (OSError, yaml.YAMLError):
        return {}
    return loaded if isinstance(loaded, dict) else {}


def settings_differences(office: Path, newer: Path) -> list[str]:
    """The top-level settings of the newer generator's mkdocs.yml that differ from the office's,
    other than the office's own (nav, site_name)."""
    mine, theirs = _settings(office), _settings(newer)
    return sorted(k for k in mine.keys() | theirs.keys()
                  if k not in OFFICE_SETTINGS and mine.get(k) != theirs.get(k))


def _nav_pages(nav) -> list[str]:
    """Every page a nav names, in order: `- Home: index.md`, sections, bare `- funding/index.md`."""
    if isinstance(nav, str):
        return [nav]
    if isinstance(nav, list):
        return [page for item in nav for page in _nav_pages(item)]
    if isinstance(nav, dict):
        return [page for value in nav.values() for page in _nav_pages(value)]
    return []


def new_nav_pages(office: Path, newer: Path) -> list[str]:
    """Pages the newer generator's nav lists that the office's does not (a page the generator
    has started to make, perhaps): the office's nav is its own, so they are only named."""
    mine = set(_nav_pages(_settings(office).get("nav")))
    return [page for page in _nav_pages(_settings(newer).get("nav")) if page not in mine]


def update(project: Path, source: Path) -> int:
    project, source = Path(os.path.abspath(project)), Path(os.path.abspath(source))
    if not (source / "transparency").is_dir() or not (source / "hooks").is_dir():
        print(f"{source} is not a checkout of the generator (it has no transparency/ and hooks/ folders): "
              "give the folder you cloned the newer generator into.", file=sys.stderr)
        return 2
    if not (project / "mkdocs.yml").is_file() or not (project / "data").is_dir():
        print(f"{project} is not an office's project (it has no mkdocs.yml and data/): run this in your "
              "office's project folder, or give --project.", file=sys.stderr)
        return 2
    if source == project:
        print("The newer generator is this project itself: give the folder of another checkout.", file=sys.stderr)
        return 2
    parts = parts_of(source)
    new_files = generator_files(source, parts)
    listed = project / MANIFEST
    old_files = ([line for line in listed.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
                 if listed.is_file() else [])
    added, changed, removed = [], [], []
    for rel in new_files:
        dest = project / rel
        if not dest.exists():
            added.append(rel)
        elif dest.is_dir() or not filecmp.cmp(source / rel, dest, shallow=False):
            changed.append(rel)
        else:
            continue
        if dest.is_dir():
            shutil.rmtree(dest)
        _copy(source / rel, dest)
    present = [p for p in parts if (source / p).exists()]
    for rel in sorted(set(old_files) - set(new_files)):
        dest = project / rel
        # only from a part the newer checkout has: a part missing from it is left as it is
        if _is_office_part(rel) or not dest.is_file() or not any(rel == p or rel.startswith(f"{p}/") for p in present):
            continue
        dest.unlink()
        removed.append(rel)
        for parent in dest.parents:  # folders the generator emptied
            if parent == project or any(parent.iterdir()):
                break
            parent.rmdir()
    kept = [rel for rel in old_files if (project / rel).is_file() and not any(
        rel == p or rel.startswith(f"{p}/") for p in present)]  # still the generator's, from a part not updated
    listed.write_text(manifest(sorted({*new_files, *kept}), source), encoding="utf-8")
    for word, files in (("Updated", changed), ("Added", added), ("Removed", removed)):
        for rel in files:
            print(f"{word} {rel}")
    if added or changed or removed:
        print(f"{len(changed)} updated, {len(added)} added, {len(removed)} removed, from {source}.")
    else:
        print(f"The generator's parts are already the same as in {source}: nothing changed.")
    print("Your office's own files (" + ", ".join(f"{p}/" if (project / p).is_dir() else p for p in OFFICE_PARTS)
          + ") were not touched.")
    differ = settings_differences(project / "mkdocs.yml", source / "mkdocs.yml")
    if differ:
        print("The newer generator's mkdocs.yml differs from yours in " + ", ".join(f"`{k}`" for k in differ)
              + f": your mkdocs.yml is your own, so it was not changed. Compare it with {source / 'mkdocs.yml'} "
              "and copy across what you want (README.md, \"Taking the generator's later fixes\").")
    if pages := new_nav_pages(project / "mkdocs.yml", source / "mkdocs.yml"):
        them = "them" if len(pages) > 1 else "it"
        print(f"The newer generator's nav also lists {', '.join(pages)}: add {them} to the nav in your "
              f"mkdocs.yml if you want {them} in your site's menu.")
    print("Next: run `make test` and `make site` (Windows: py -m pytest, py -m transparency build), then commit.")
    return 0


# --- the commands ----------------------------------------------------------------------


def add_commands(sub) -> None:
    """Add `new` and `update` to the command line's subcommands (cli.py)."""
    n = sub.add_parser("new", help="start a new office's site in a new folder",
                       description="Start a new office's site: the generator's parts and a starting point for "
                                   "the office's own (data/organisation.yml from these answers, template pages "
                                   "to rewrite). Each missing value is asked for when run in a terminal.")
    n.add_argument("folder", type=Path, help="the new project's folder (new, or empty)")
    for q in QUESTIONS:
        help = (q.doc if "." not in q.field else f"{q.ask}. {q.doc}").replace("%", "%%")
        if q.many:
            n.add_argument(q.option, dest=q.dest, action="append", metavar=q.many,
                           help=f"{help} Repeat the option for each one, for example {EXAMPLES[q.option]}.")
        else:
            n.add_argument(q.option, dest=q.dest, metavar=q.dest.upper(),
                           help=help + ("" if q.required else " Optional."))
    n.set_defaults(run=lambda args: new(args.folder, answers_from(args), interactive=sys.stdin.isatty()))
    u = sub.add_parser("update", help="take the generator's later fixes from a newer checkout of it",
                       description="Replace the generator's parts of this project (" + ", ".join(GENERATOR_PARTS)
                                   + ") with those of a newer checkout of the generator. Never touches the "
                                   "office's own: " + ", ".join(OFFICE_PARTS) + ".")
    u.add_argument("--from", dest="source", type=Path, required=True, metavar="PATH_TO_NEWER_GENERATOR_CHECKOUT")
    u.add_argument("--project", type=Path, default=Path("."), help="the office's project (default: this folder)")
    u.set_defaults(run=lambda args: update(args.project, args.source))
