"""The package layout stays true: imports only go down the stages, no module imports itself in a circle.

Every import in cleaner/ counts, also those inside functions: a lazy import still ties two modules.
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "cleaner"

LAYERS = [
    ["cleaner.__main__"],
    ["cleaner.cli"],
    ["cleaner"],  # the public API: clean, clean_many, Config, Result, errors
    ["cleaner.run"],
    ["cleaner.pipeline", "cleaner.catalogue"],
    ["cleaner.html", "cleaner.model", "cleaner.corpus", "cleaner.report"],
    ["cleaner.text"],
    ["cleaner.io"],
    ["cleaner.config", "cleaner.document", "cleaner.workers", "cleaner.data"],
]
"""Top to bottom: a module may import its own package and the layers below it, never a layer above,
nor another package of its own layer."""

_PAGE_TYPE_TRAINING = ("the page-type model is trained on the facts the HTML stage reads (extract.page_facts) "
                       "and written in its format (page_type.TypeModel): training must see what inference sees")
UPWARD_ALLOWED: dict[tuple[str, str], str] = {
    ("cleaner.model.training.page_type_fit", "cleaner.html.extract"): _PAGE_TYPE_TRAINING,
    ("cleaner.model.training.page_type_fit", "cleaner.html.page_type"): _PAGE_TYPE_TRAINING,
}
"""Known exceptions, each with its reason. Keep this empty or short."""


def _module_name(path: Path) -> str:
    parts = ["cleaner", *path.relative_to(PACKAGE).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def _imports(name: str) -> set[str]:
    """The cleaner modules (or packages) that module `name` imports, anywhere in its body."""
    path = MODULES[name]
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                parts = parts[:len(parts) - node.level + 1]
                base = ".".join(parts + ([node.module] if node.module else []))
            for alias in node.names:  # `from . import batch` imports the module cleaner.batch
                found.add(f"{base}.{alias.name}" if f"{base}.{alias.name}" in MODULES else base)
    return {target for target in found if target == "cleaner" or target.startswith("cleaner.")} - {name}


def _unit(name: str) -> str:
    """The layer entry a module belongs to: the longest listed name it is or lies under."""
    units = [unit for layer in LAYERS for unit in layer if name == unit or name.startswith(unit + ".")]
    if not units:
        raise AssertionError(f"{name} is in no layer of tests/test_layout.py: add it to LAYERS")
    return max(units, key=len)


def _layer(unit: str) -> int:
    return next(i for i, layer in enumerate(LAYERS) if unit in layer)


IMPORTS = {name: _imports(name) for name in MODULES}


@pytest.mark.parametrize("name", sorted(MODULES))
def test_imports_go_down_the_layers(name):
    unit = _unit(name)
    wrong = []
    for target in sorted(IMPORTS[name]):
        other = _unit(target)
        if other == unit or (name, target) in UPWARD_ALLOWED:
            continue
        if _layer(other) <= _layer(unit):
            where = "above" if _layer(other) < _layer(unit) else "beside"
            wrong.append(f"{name} imports {target}: {other} is {where} {unit} in LAYERS")
    assert not wrong, "\n".join(wrong)


def test_no_import_circles():
    """Between modules, counting lazy imports too (only the UPWARD_ALLOWED edges are left out)."""
    graph = {name: {t for t in targets if t in MODULES and (name, t) not in UPWARD_ALLOWED}
             for name, targets in IMPORTS.items()}
    graph = {name: {t for t in targets if t != "cleaner" and not name.startswith(t + ".")}
             for name, targets in graph.items()}  # a submodule always runs its package's __init__ first
    done: set[str] = set()

    def visit(name: str, path: list[str]) -> None:
        if name in path:
            raise AssertionError("import circle: " + " -> ".join([*path[path.index(name):], name]))
        if name in done:
            return
        for target in sorted(graph[name]):
            visit(target, [*path, name])
        done.add(name)

    for name in sorted(graph):
        visit(name, [])


def test_the_layers_name_every_package():
    """A new package must be placed in LAYERS, so the direction of its imports is checked."""
    packages = {_module_name(path.parent) for path in PACKAGE.glob("*/__init__.py")}
    listed = {unit for layer in LAYERS for unit in layer}
    assert packages <= listed, f"packages missing from LAYERS: {sorted(packages - listed)}"



def test_no_module_is_too_long_to_read_in_one_sitting():
    long = {name: n for name, path in MODULES.items() if (n := len(path.read_text("utf-8").splitlines())) > 400}
    assert not long, f"modules over 400 lines: {long}"


READERS = ("cleaner.text.rules", "cleaner.text.decide", "cleaner.text.meta_features", "cleaner.text.meta_tagger",
           "cleaner.text.structure", "cleaner.text.metadata", "cleaner.model")
"""The stages that read the line table (cleaner/text/table.py)."""
LINE_FACTS = {"prepare", "count_words", "match_prepared", "find_date", "compute_all"}


def test_per_line_facts_are_made_once_in_the_line_table():
    """The rules, the learned model and the metadata tagger read each line's facts from the table: none of
    them prepares a line for the patterns, counts its words, matches a pattern concept or looks for a date
    on its own (the issue: the same facts were made three times)."""
    made = {}
    for name, path in MODULES.items():
        if not name.startswith(READERS) or name.startswith(("cleaner.model.training", "cleaner.text.rules.patterns")):
            continue  # training makes its own data; patterns.py is the pattern data the table itself applies
        tree = ast.parse(path.read_text("utf-8"))
        imported = {alias.name for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) for alias in node.names}
        called = {node.func.attr for node in ast.walk(tree)
                  if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)}
        if (imported | called) & LINE_FACTS:
            made[name] = sorted((imported | called) & LINE_FACTS)
    assert not made, f"per-line facts made outside the table: {made}"
