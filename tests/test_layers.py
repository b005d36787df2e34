"""The code's layers run one way, and no module reaches into another's private names.

Data flows: data files -> load -> model (and the addresses made from its ids) -> rules -> figures -> labels ->
exports -> views -> build -> the MkDocs hook. A module may import from its own layer or
below, never above; only the hook imports MkDocs. Read from the source with `ast`, so the
test sees every import, also those inside functions.
"""
from __future__ import annotations

import ast
from pathlib import Path


from conftest import ROOT

PACKAGE = ROOT / "transparency"

# Lowest first. A module not named here fails the test: say where it sits.
LAYERS: list[tuple[str, set[str]]] = [
    ("base", {"problems", "money", "dates", "build_date", "vocabulary", "yamlfile", "history", "orgids", "places", "project"}),
    ("model", {"model", "describe", "identifiers", "addresses"}),
    ("reading", {"convert", "schemas", "dataset"}),
    ("rules", {"rules", "notices"}),
    ("figures", {"figures", "due", "promises"}),
    ("labels", {"labels"}),
    ("exports", {"exports"}),
    ("views", {"views", "cms"}),
    ("build", {"build", "staging", "cli", "__main__", "importing", "start"}),
    ("hook", {"hooks"}),
]
RANK = {name: rank for rank, (_, names) in enumerate(LAYERS) for name in names}
LAYER_NAME = {name: layer for layer, names in LAYERS for name in names}


def modules(root: Path = ROOT) -> dict[str, Path]:
    """Every module of the generator by dotted name, and the hook."""
    found = {".".join(p.relative_to(root).with_suffix("").parts): p for p in (root / "transparency").rglob("*.py")}
    hook = root / "hooks" / "transparency_site.py"
    if hook.exists():
        found["hooks.transparency_site"] = hook
    return {name.removesuffix(".__init__"): path for name, path in sorted(found.items())}


def home(module: str) -> str:
    """The name a module's layer is given by: `transparency.exports.ocds` -> `exports`."""
    parts = module.split(".")
    return parts[1] if parts[0] == "transparency" and len(parts) > 1 else parts[0]


def imports(module: str, path: Path, known: set[str]) -> list[tuple[int, str, str | None]]:
    """(line, the module imported, the name taken from it or None) for each import of our own code."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out += [(node.lineno, a.name, None) for a in node.names if a.name.split(".")[0] in ("transparency", "hooks")]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = ".".join(package[:len(package) - node.level + 1] + ([node.module] if node.module else []))
            elif (node.module or "").split(".")[0] == "transparency":
                base = node.module
            else:
                continue
            for a in node.names:
                # `from . import convert` imports a module; `from .money import parse_money` a name
                out.append((node.lineno, f"{base}.{a.name}", None) if f"{base}.{a.name}" in known
                           else (node.lineno, base, a.name))
    return out


def upward_imports(root: Path) -> list[str]:
    mods = modules(root)
    upward = []
    for module, path in mods.items():
        if module == "transparency":
            continue
        for line, target, _ in imports(module, path, set(mods)):
            if target != "transparency" and RANK[home(target)] > RANK[home(module)]:
                upward.append(f"{path.relative_to(root)}:{line}: {LAYER_NAME[home(module)]} imports "
                              f"{target} ({LAYER_NAME[home(target)]})")
    return upward


def private_uses(root: Path) -> list[str]:
    mods = modules(root)
    private = []
    for module, path in mods.items():
        taken = {}
        for line, target, name in imports(module, path, set(mods)):
            if name is not None and name.startswith("_") and target != module:
                private.append(f"{path.relative_to(root)}:{line}: imports {target}.{name}")
            if name is None:
                taken[target.rsplit(".", 1)[-1]] = target
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):  # `feeds._host(...)`
            if (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id in taken
                    and node.attr.startswith("_") and not node.attr.startswith("__")):
                private.append(f"{path.relative_to(root)}:{node.lineno}: reads {taken[node.value.id]}.{node.attr}")
    return private


def test_every_module_has_a_layer():
    unplaced = sorted(m for m in modules() if home(m) not in RANK and m != "transparency")
    assert unplaced == [], f"put these in a layer in tests/test_layers.py: {unplaced}"


def test_no_module_imports_from_a_higher_layer():
    assert upward_imports(ROOT) == []


def test_no_module_imports_or_reads_another_modules_private_names():
    assert private_uses(ROOT) == []


def test_only_the_hook_imports_mkdocs():
    for module, path in modules().items():
        if module.startswith("hooks."):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names = [a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names]
        names += [n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)]
        assert not [n for n in names if n.split(".")[0] in ("mkdocs", "material")], path


def test_the_checks_see_an_upward_import_and_a_private_name(tmp_path):
    (tmp_path / "transparency" / "views").mkdir(parents=True)
    for name in ("__init__.py", "views/__init__.py", "views/pages.py", "feeds.py"):
        (tmp_path / "transparency" / name).write_text("")
    (tmp_path / "transparency" / "model.py").write_text(
        "from .views.pages import Site\nfrom . import dates as d\n\ndef f():\n    from .money import _PATTERN\n")
    (tmp_path / "transparency" / "labels.py").write_text("from . import model\nmodel._private()\n")
    assert upward_imports(tmp_path) == ["transparency/model.py:1: model imports transparency.views.pages (views)"]
    assert private_uses(tmp_path) == ["transparency/labels.py:2: reads transparency.model._private",
                                      "transparency/model.py:5: imports transparency.money._PATTERN"]
