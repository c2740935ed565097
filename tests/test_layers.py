"""The pipeline's stages import only downstream: sources -> store -> build -> run time.

Read from the code with :mod:`ast` (every ``import`` and ``from ... import``,
also those inside functions), never by importing it:

- the run time (``areaindex.views``, ``areaindex.index``, ``areaindex.uploads``,
  ``areaindex.store.dataset``, ``ui``, ``pages``, ``app.py``) imports neither the raw
  sources nor the build, directly or through anything it imports;
- the committed format (``areaindex.store``) never imports the raw sources, and
  only the build itself is the build;
- the build imports the committed format, never the raw sources.
"""

from __future__ import annotations

import ast
import fnmatch
import re
from collections.abc import Iterable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SOURCES = "areaindex.sources"
STORE = "areaindex.store"
BUILD = "areaindex.store.build"
RUN_TIME = (
    "areaindex.views",
    "areaindex.index",
    "areaindex.uploads",
    "areaindex.store.dataset",
    "ui",
    "pages",
    "app",
)
# Every module of the package sits in one of these rooms (or is one of the small
# shared modules every stage may use).
ROOMS = (
    "areaindex.sources",
    "areaindex.store",
    "areaindex.index",
    "areaindex.views",
    "areaindex.uploads",
    "areaindex.cli",
    "areaindex.texts",
)
SHARED = {
    "areaindex",
    "areaindex.__main__",
    "areaindex.errors",
    "areaindex.data_errors",
    "areaindex.i18n",
    "areaindex.rounding",
}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def project_modules() -> dict[str, Path]:
    files = [ROOT / "app.py"]
    for folder in ("areaindex", "ui", "pages"):
        files += sorted((ROOT / folder).rglob("*.py"))
    return {module_name(path): path for path in files}


MODULES = project_modules()


def imported(path: Path, name: str) -> set[str]:
    """Every project module ``path`` imports (``from a import b`` counts ``a.b`` when a module)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            found.add(module)
            found.update(f"{module}.{alias.name}" for alias in node.names)
    return {m for m in found if m in MODULES}


GRAPH = {name: imported(path, name) for name, path in MODULES.items()}


def within(module: str, prefixes: Iterable[str] | str) -> bool:
    prefixes = (prefixes,) if isinstance(prefixes, str) else tuple(prefixes)
    return any(module == p or module.startswith(p + ".") for p in prefixes)


def reached(start: str) -> dict[str, str]:
    """Every module ``start`` imports, directly or not: module -> the module importing it."""
    seen: dict[str, str] = {}
    todo = [start]
    while todo:
        current = todo.pop()
        for target in GRAPH[current]:
            if target not in seen and target != start:
                seen[target] = current
                todo.append(target)
    return seen


def chain(start: str, end: str, via: dict[str, str]) -> str:
    path = [end]
    while path[-1] != start and path[-1] in via:
        path.append(via[path[-1]])
    return " -> ".join(reversed(path))


def test_the_graph_was_read():
    # A test that finds no imports would pass whatever the code does.
    assert len(MODULES) > 60
    assert "areaindex.store.build" in GRAPH["areaindex.cli.add_indicator"]
    assert "areaindex.store.longtable" in GRAPH["areaindex.store.build"]
    assert "areaindex.sources.official" in GRAPH["areaindex.sources.prepare"]
    assert "areaindex.store.dataset" in GRAPH["ui.core"]


def test_every_module_has_a_room():
    loose = sorted(
        name
        for name in MODULES
        if within(name, "areaindex") and name not in SHARED and not within(name, ROOMS)
    )
    assert not loose, f"modules outside areaindex's sub-packages: {loose}"


@pytest.mark.parametrize("name", sorted(n for n in MODULES if within(n, RUN_TIME)))
def test_run_time_imports_neither_sources_nor_build(name):
    via = reached(name)
    bad = sorted(m for m in via if within(m, SOURCES) or within(m, BUILD))
    assert not bad, [chain(name, m, via) for m in bad]


@pytest.mark.parametrize("name", sorted(n for n in MODULES if within(n, STORE)))
def test_store_and_build_never_import_sources(name):
    bad = sorted(m for m in GRAPH[name] if within(m, SOURCES))
    assert not bad, f"{name} imports {bad}"


@pytest.mark.parametrize("name", sorted(n for n in MODULES if within(n, STORE) and n != BUILD))
def test_only_the_build_is_the_build(name):
    # The committed format is read by the run time; were it to import the build,
    # the run time would carry the build with it.
    assert BUILD not in GRAPH[name], f"{name} imports {BUILD}"


def test_the_checks_catch_a_wrong_import(tmp_path):
    # The parser sees an import inside a function and a relative one.
    source = "def f():\n    from areaindex.sources import prepare\nfrom ..store import build\n"
    probe = tmp_path / "probe.py"
    probe.write_text(source, encoding="utf-8")
    found = imported(probe, "areaindex.views._probe")
    assert found == {
        "areaindex.sources",
        "areaindex.sources.prepare",
        "areaindex.store",
        "areaindex.store.build",
    }


def makefile_db_inputs() -> list[str]:
    """The file patterns of the Makefile's ``DB_INPUTS`` (what rebuilds the database)."""
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    match = re.search(r"^DB_INPUTS :=((?:.*\\\n)*.*)$", text, re.MULTILINE)
    assert match, "DB_INPUTS not found in the Makefile"
    words = re.sub(r"\$\(wildcard ([^)]*)\)", r"\1", match.group(1)).replace("\\", " ").split()
    return words


def test_the_database_is_rebuilt_by_the_build_code_only():
    patterns = makefile_db_inputs()

    def listed(module: str) -> bool:
        path = MODULES[module].relative_to(ROOT).as_posix()
        return any(fnmatch.fnmatchcase(path, p) for p in patterns)

    build_code = {BUILD, *reached(BUILD)}
    assert all(listed(m) for m in build_code), sorted(m for m in build_code if not listed(m))
    # The engine, the views, the raw readers and the pages are not database inputs.
    others = [
        m for m in MODULES if not within(m, STORE) and m not in build_code and m != "areaindex"
    ]
    assert others and not any(listed(m) for m in others), [m for m in others if listed(m)]
    for data in ("data/values_official.csv", "data/sverige/values_official.csv.gz"):
        assert any(fnmatch.fnmatchcase(data, p) for p in patterns), data
