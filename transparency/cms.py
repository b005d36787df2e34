"""The web editor at /admin/: Decap CMS, configured from the model.

Staff who would rather not write YAML or use git edit funds, awards, tenders, funding
rounds and the scoring system in a web form. Saving proposes the change as a pull request
(Decap's editorial workflow on the GitHub backend), where the same checks as for
a hand-edited file run before anything is published.

Everything the form knows comes from the model's description (`describe.py`),
which `schemas.py` reads too (and with its patterns and labels): each field's
widget, label, hint (the field's `doc`), required flag, choices, the folder an
id refers to and whether it takes a paragraph. Nothing about a field is written
twice.

Decap's own YAML writer drops every comment and rewrites the whole file (key
order, `>-` blocks, flow lists). The editor therefore registers its own file
format (`views/admin/editor.js`): it keeps the text of every field that was not
changed, with its comments (inside groups too), writes changed fields in the
layout the example files use, and writes new files in the model's field order
with the `# yaml-language-server` first line. `shape()` tells it the model's
shape (embedded in index.html).

    admin_files(organisation)  ->  {"admin/index.html": b"...", "admin/config.yml": b"...", ...}

The editor's code is vendored in `views/admin/` (see VENDORED.json): the site
build needs no Node, and the page loads nothing from another site.
"""
from __future__ import annotations

import base64
import dataclasses
import hashlib
import json
from pathlib import Path
from typing import Any

import jinja2
import yaml
from markupsafe import Markup

from . import addresses, convert, describe, model, money, orgids, rules, vocabulary
from .describe import Field, Shape
from .schemas import FILES, PATTERNS, label_of

ADMIN = Path(__file__).parent / "views" / "admin"
# What `admin_files` writes until the repository is set (Organisation.repository).
PLACEHOLDER_REPO = "OWNER/REPOSITORY"
# Where Decap looks for `npx decap-server` when the editor is opened on localhost
# (ignored on any other host, so it is safe to publish).
LOCAL_PROXY = "http://localhost:8081/api/v1"
# What each choice is called on the site, for the editor's drop-downs (no value is in two vocabularies).
CHOICE_LABELS: dict[str, str] = {value: said for choice in vocabulary.CHOICES for value, said in choice.items()}
# Decap's widgets editor.js adds the build's checks to, as `transparency-<widget>` (registerChecks).
CHECKED_WIDGETS = ("string", "text", "object", "datetime")
# The key under which the editor's file format keeps a file's original text (editor.js).
SOURCE_KEY = "__transparency_source"
DATE_FORMAT = "YYYY-MM-DD"  # moment.js tokens, as Decap's datetime widget takes them
DATETIME_FORMAT = "YYYY-MM-DD HH:mm"
# The box at the top of a fund's, award's or tender's form that makes it a draft (`draft: true`,
# convert.py): never published while ticked. editor.js writes the line only while it is ticked.
DRAFT_LABEL = "Draft: not published until this is unticked"
DRAFT_HINT = ("Tick it to keep the record off the site until it is ready (see EDITING.md, \"Drafts\"). "
              "The form still asks for every required field.")


@dataclasses.dataclass(frozen=True)
class Collection:
    name: str  # Decap's collection name, also the format name's tail
    cls: type
    label: str
    label_singular: str
    path: str  # the folder (folder collection) or the file (file collection)
    identifier: str | None = None  # the field the new file's name is made from
    sortable: tuple[str, ...] = ()
    page: str | None = None  # the record's page on the site, for "View Live" (views/pages.py names them)

    @property
    def is_folder(self) -> bool:
        return not self.path.endswith(".yml")

    @property
    def schema_line(self) -> str:
        """The first line of every file of this collection."""
        (name,) = [n for n, (cls, _) in FILES.items() if cls is self.cls]
        depth = self.path.count("/") + (1 if self.is_folder else 0)  # data/awards/x.yml: 2
        return f"# yaml-language-server: $schema={'../' * depth}schemas/{name}"


COLLECTIONS = (
    Collection("funds", model.Fund, "Funds", "Fund", "data/funds", "name", ("name",), addresses.fund("{{slug}}").url),
    Collection("awards", model.Award, "Awards", "Award", "data/awards", "title", ("title", "award_date", "amount"),
               addresses.award("{{slug}}").url),
    Collection("tenders", model.Tender, "Tenders", "Tender", "data/tenders", "title", ("title", "submission_deadline"),
               addresses.tender("{{slug}}").url),
    Collection("rounds", model.Round, "Funding rounds", "Funding round", "data/rounds", "name", ("name", "opens", "closes"),
               addresses.funding_round("{{slug}}").url),
    Collection("scoring", model.Scoring, "Scoring system", "Scoring system", "data/scoring.yml"),
)


# --- what admin_files publishes --------------------------------------------------


def admin_files(organisation: model.Organisation | None = None, repo: str | None = None,
                branch: str = "main", sign_in_url: str | None = None,
                local_proxy: str | None = LOCAL_PROXY) -> dict[str, bytes]:
    """The editor's files, by their path in the built site.

    `repo` is the GitHub repository the editor proposes changes to (`owner/name`);
    without it, `organisation.repository` when the model has that field, else a
    placeholder (signing in then fails with GitHub's "not found").
    `sign_in_url` is the GitHub OAuth proxy (Decap's `base_url`), else
    `organisation.editor_sign_in_url` if the model has it, else Netlify's.
    """
    repo = repo or getattr(organisation, "repository", None) or PLACEHOLDER_REPO
    sign_in_url = sign_in_url or getattr(organisation, "editor_sign_in_url", None)
    files = {
        "admin/index.html": index_html(organisation).encode("utf-8"),
        "admin/config.yml": config_yml(organisation, repo=repo, branch=branch, sign_in_url=sign_in_url,
                                       local_proxy=local_proxy),
    }
    for name in ("decap-cms.js", "decap-cms.js.LICENSE.txt", "js-yaml.min.js", "js-yaml.LICENSE.txt", "editor.js", "editor.css"):
        files[f"admin/{name}"] = _read(name)
    return files


def _read(name: str) -> bytes:
    # read at every build, never kept: under `mkdocs serve` an edited editor.js is published
    # by the next rebuild (a cache kept the first bytes for as long as the server ran)
    return (ADMIN / name).read_bytes()


def vendored() -> dict[str, dict]:
    """VENDORED.json: each third-party file's package, version and hashes."""
    return json.loads(_read("VENDORED.json"))["files"]


def sri(content: bytes) -> str:
    """A Subresource Integrity value (sha384) for `content`."""
    return "sha384-" + base64.b64encode(hashlib.sha384(content).digest()).decode()


def index_html(organisation: model.Organisation | None = None) -> str:
    template = jinja2.Environment(autoescape=True, keep_trailing_newline=True).from_string(
        _read("index.html").decode("utf-8"))
    shapes = json.dumps({c.name: {"schema_line": c.schema_line, "shape": _entry_shape(c), "needs": needs(c.cls)}
                         for c in COLLECTIONS},
                        ensure_ascii=False, sort_keys=False)
    return template.render(
        site_name=organisation.short_name if organisation else "Funding and commissioning",
        decap_sri=sri(_read("decap-cms.js")),
        yaml_sri=sri(_read("js-yaml.min.js")),
        editor_sri=sri(_read("editor.js")),
        css_sri=sri(_read("editor.css")),
        # safe inside <script type="application/json">: no `</` can end the element early
        shapes=Markup(shapes.replace("</", "<\\/")),
        source_key=SOURCE_KEY,
    )


def config_yml(organisation: model.Organisation | None = None, **kw) -> bytes:
    text = yaml.safe_dump(config(organisation, **kw), sort_keys=False, allow_unicode=True, width=100)
    head = ("# Generated from transparency/model.py by transparency/cms.py at every build: do not edit.\n"
            "# Decap CMS configuration: https://decapcms.org/docs/configuration-options/\n")
    return (head + text).encode("utf-8")


def config(organisation: model.Organisation | None = None, *, repo: str = PLACEHOLDER_REPO,
           branch: str = "main", sign_in_url: str | None = None, local_proxy: str | None = LOCAL_PROXY) -> dict:
    """Decap CMS's configuration (config.yml), as a dict."""
    site_url = getattr(organisation, "site_url", None)
    out: dict[str, Any] = {
        "backend": {
            "name": "github",
            "repo": repo,
            "branch": branch,
            "squash_merges": True,
            "commit_messages": {
                "create": "Add {{collection}} {{slug}} (web editor)",
                "update": "Change {{collection}} {{slug}} (web editor)",
                "delete": "Remove {{collection}} {{slug}} (web editor)",
                "uploadMedia": "Upload {{path}} (web editor)",
                "deleteMedia": "Remove {{path}} (web editor)",
            },
        },
        # Every save becomes a pull request, checked like any other change before it is merged.
        "publish_mode": "editorial_workflow",
        "locale": "en",
        # Decap insists on a media folder; nothing in the form uploads files.
        "media_folder": "content/assets/uploads",
        "public_folder": "/assets/uploads",
        # New files are named from the title: lower-case ASCII letters, digits and hyphens.
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
    }
    if sign_in_url:
        out["backend"]["base_url"] = sign_in_url.rstrip("/")
    if local_proxy:
        out["local_backend"] = {"url": local_proxy}
    if site_url:
        out["site_url"] = out["display_url"] = site_url
    out["collections"] = [_collection(c, organisation) for c in COLLECTIONS]
    return out


def _collection(c: Collection, organisation) -> dict:
    fields = _fields(c.cls, organisation, parents_required=True, record=c.cls)
    if c.is_folder:  # a fund, award or tender may be a draft
        fields = [{"name": convert.DRAFT, "label": DRAFT_LABEL, "hint": DRAFT_HINT, "required": False,
                   "widget": "boolean", "default": False}, *fields]
    common = {"name": c.name, "label": c.label, "label_singular": c.label_singular,
              "format": f"transparency-{c.name}", "extension": "yml", "editor": {"preview": False}}
    if c.is_folder:
        return {**common, "folder": c.path, "create": True, "delete": False, "slug": "{{slug}}",
                "identifier_field": c.identifier, "summary": "{{" + c.identifier + "}}",
                "sortable_fields": list(c.sortable), "fields": fields,
                **({"preview_path": c.page} if c.page else {})}
    return {**common, "files": [{"name": c.name, "label": c.label, "file": c.path, "fields": fields}]}


# --- the form's fields, from the model's description ---------------------------------------


def _fields(cls: type, organisation, parents_required: bool, record: type | None = None, at: str = "") -> list[dict]:
    """The form's fields for `cls`; `record` and `at` say where they are (Award, `term.`), for
    the fields the rules require of some records (rules.REQUIREMENTS)."""
    out = []
    for f in describe.record(cls).written:  # not the id: the file name, made from the title
        # A required part of an optional group is checked by the build, not the form:
        # otherwise leaving the whole group out would be impossible.
        required = f.required and parents_required
        field = _field(f, required, organisation, record, at)
        out.append(_required_by_rules(field, record, at + f.name, parents_required))
    return out


def _required_by_rules(field: dict, record: type | None, path: str, parents_required: bool) -> dict:
    """A field the rules require of some records: labelled so, and checked by editor.js
    (`needed_when`, and editor.js's checkNeeds with `needs()` below) when the form is saved."""
    (req, *_) = [r for r in rules.REQUIREMENTS if r.record is record and r.field == path] or [None]
    if req is None or field["required"]:
        return field
    if not req.when and not req.fund_flag and parents_required:  # every such record needs it
        return {**field, "required": True}
    # `required` drops Decap's "(optional)"; editor.js turns Decap's own check of an empty field
    # off for it and checks, just before saving, whether this record needs it (checkNeeds).
    # The form does not know the fund's flags: whether a fund's grants need one, the build checks.
    widget = field["widget"] if field["widget"].startswith("transparency-") else f"transparency-{field['widget']}"
    if widget.removeprefix("transparency-") not in CHECKED_WIDGETS:
        raise TypeError(f"{path}: editor.js cannot check a {field['widget']} widget: add it to CHECKED_WIDGETS there")
    return {**field, "label": f"{field['label']} ({req.label})", "required": True, "widget": widget,
            "needed_when": {"values": [[k, list(v) if isinstance(v, tuple) else v] for k, v in req.when], "fund_flag": req.fund_flag}}


def _checks(*pairs) -> list[dict]:
    """Patterns a typed value must match, with the build's words when it does not (`{text}`:
    what was typed); editor.js checks them in order and shows the first that fails."""
    return [{"pattern": pattern, "message": message, **({"flags": flags} if flags else {})}
            for pattern, message, flags in pairs]


def _field(f: Field, required: bool, organisation, record: type | None = None, at: str = "") -> dict:
    name, shape, doc = f.name, f.shape, f.doc
    kind = shape.kind
    base = {"name": name, "label": label_of(name), "hint": doc, "required": required}
    if kind == describe.EITHER:  # `"countywide"` or an Area
        (word,) = shape.words
        return {**base, "widget": "object", "required": False, "collapsed": True,
                "hint": f"{doc} Leave every part empty for `{word}`.",
                "fields": _fields(shape.group, organisation, parents_required=False)}
    if kind == describe.RECORD:
        return {**base, "widget": "object", "collapsed": not required,
                "fields": _fields(shape.record, organisation, parents_required=required, record=record, at=f"{at}{name}.")}
    if kind == describe.LIST:
        item = shape.item
        if f.refers_to:
            return {**base, **_relation(f.refers_to), "multiple": True}
        if name == "outcomes" and organisation is not None:
            return {**base, "widget": "select", "multiple": True, "options": [
                {"label": f"{o.id}: {o.text}", "value": o.id} for o in organisation.shared_outcomes]}
        each = dataclasses.replace(f, shape=item)  # an item is read as the list's field
        if item.kind == describe.CHOICE:  # several of a few choices (`not_a_mistake`): ticked in one list
            return {**_field(each, required, organisation), "multiple": True}
        out = {**base, "widget": "list", "label_singular": _singular(label_of(name))}
        if item.kind == describe.RECORD:
            return {**out, "fields": _fields(item.record, organisation, parents_required=True),
                    "summary": "{{fields." + describe.record(item.record).fields[0].name + "}}"}
        return {**out, "field": _field(each, True, organisation) | {"label": label_of(name)}}
    if kind == describe.MAPPING:
        key_label = "Financial year" if shape.key.kind == describe.FINANCIAL_YEAR else "Name"
        key_field = _field(Field("key", shape.key), True, organisation) | {"label": key_label}
        value_kind = shape.item.kind
        value_label = ("Amount" if value_kind == describe.MONEY
                       else "Number" if value_kind == describe.WHOLE_NUMBER else "Text")
        value_field = _field(Field("value", shape.item), True, organisation) | {"label": value_label}
        for part in (key_field, value_field):
            part.pop("hint", None)
        return {**base, "widget": "list", "label_singular": key_label.lower(), "summary": "{{fields.key}}: {{fields.value}}",
                "fields": [key_field, value_field]}
    if kind == describe.CHOICE:
        # Staff choose by the words the site shows ("Grant application"); the file gets the value.
        return {**base, "widget": "select",
                "options": [{"label": CHOICE_LABELS.get(v, label_of(v)), "value": v} for v in shape.choices]}
    if f.refers_to:
        return {**base, **_relation(f.refers_to)}
    if kind == describe.MONEY:
        # Text, never a number in the browser: kept exactly as typed (1500.50 keeps its 0),
        # checked with parse_money's own patterns and words, written without quotes by editor.js.
        return {**base, "widget": "transparency-string", "checks": _checks(*((p, m, "") for p, m in money.CHECKS))}
    if kind == describe.WHOLE_NUMBER:
        return {**base, "widget": "number", "value_type": "int", "min": 0, "step": 1}
    if kind == describe.YES_NO:
        return {**base, "widget": "boolean", "default": False}
    if kind == describe.DATE:
        return {**base, "widget": "datetime", "format": DATE_FORMAT, "date_format": DATE_FORMAT,
                "time_format": False, "picker_utc": True}
    if kind == describe.DATETIME:
        return {**base, "widget": "datetime", "format": DATETIME_FORMAT, "date_format": DATE_FORMAT,
                "time_format": "HH:mm", "hint": doc + " The form shows your computer's clock: use UK time."}
    if name == "charity_number":
        return {**base, "widget": "transparency-string", "checks": _checks(
            (orgids.charity_number_pattern(), orgids.NOT_A_CHARITY_NUMBER, ""))}
    if name == "company_number":
        return {**base, "widget": "transparency-string", "checks": _checks(
            (f"^{orgids.COMPANY_NUMBER.pattern}$", orgids.NOT_A_COMPANY_NUMBER, ""))}
    if kind == describe.STATEMENT:  # published as the office's statement: no placeholders
        message = convert.PLACEHOLDER_MESSAGE.replace("{name}", name)
        return {**base, "widget": "transparency-text" if f.long_text else "transparency-string",
                "checks": _checks((convert.placeholder_pattern(), message, "i"))}
    if kind in (describe.TEXT, describe.CODE):
        return {**base, "widget": "text" if f.long_text else "string"}
    if kind in PATTERNS:
        pattern, message = PATTERNS[kind]
        return {**base, "widget": "string", "pattern": [pattern, message]}
    raise TypeError(f"no editor widget for a {kind}: add it to transparency/cms.py")  # a model bug


def _singular(label: str) -> str:
    """`Agencies` -> `Agency`, `Outcome reports` -> `Outcome report` (for "Add ..." buttons)."""
    if label.endswith("ies"):
        return label[:-3] + "y"
    return label[:-1] if label.endswith("s") else label


def _relation(folder: str) -> dict:
    """A drop-down of the ids of the files in data/<folder>/, each shown by the field its
    file name is made from."""
    (c,) = [c for c in COLLECTIONS if c.path == f"data/{folder}"]
    return {"widget": "relation", "collection": c.name, "value_field": "{{slug}}",
            "search_fields": [c.identifier], "display_fields": [c.identifier], "options_length": 500}


def needs(record: type) -> list[dict]:
    """The fields the rules require of some of these records (rules.REQUIREMENTS), for editor.js
    to check when the form is saved: the field, the values that need it, the build's words."""
    return [{"field": r.field, "values": [[k, list(v) if isinstance(v, tuple) else v] for k, v in r.when], "fund_flag": r.fund_flag, "message": r.message}
            for r in rules.REQUIREMENTS if r.record is record]


# --- the shape editor.js needs to write files -------------------------------------------


def shape(tp) -> dict:
    """How editor.js turns form values into file values and back, and the key order.

    {"t": "map", "keys": [...]} fields in the model's order; {"t": "list", "item": ...};
    {"t": "dict", "value": ...} a name -> value list (shown as rows of key and value);
    {"t": "either", "word": "countywide", "map": ...} a word or a group; {"t": "money"};
    {"t": "flag"} a yes/no written only when yes (FLAG); {"t": "scalar"}.
    """
    return _shape(describe.shape_of(tp))


def _entry_shape(c: Collection) -> dict:
    """The shape of a collection's file: its record's, with the draft line first for a folder's."""
    out = shape(c.cls)
    if c.is_folder:
        out = {**out, "keys": [convert.DRAFT, *out["keys"]], "fields": {convert.DRAFT: FLAG, **out["fields"]}}
    return out


# A yes/no that is no unless the file says otherwise (`light_touch`, the draft box): the form
# shows an unticked box, and editor.js writes no line for it rather than adding `false`.
FLAG = {"t": "flag"}


def _shape(s: Shape, flag: bool = False) -> dict:
    kind = s.kind
    if kind == describe.RECORD:
        fields = describe.record(s.record).written
        return {"t": "map", "keys": [f.name for f in fields],
                "fields": {f.name: _shape(f.shape, flag=not f.required) for f in fields}}
    if kind == describe.YES_NO and flag:
        return FLAG
    if kind == describe.EITHER:
        return {"t": "either", "word": s.words[0], "map": shape(s.group)}
    if kind == describe.LIST:
        return {"t": "list", "item": _shape(s.item)}
    if kind == describe.MAPPING:
        return {"t": "dict", "value": _shape(s.item)}
    if kind == describe.MONEY:
        return {"t": "money"}
    return {"t": "scalar"}
