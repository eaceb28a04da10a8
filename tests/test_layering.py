"""The house rules of style.md, proved on the source: who may import what.

core imports nothing of the project and no outside library; only store touches
SQLite; only export touches the document libraries; only gui touches Qt; only sync
talks to the team's PostgreSQL server (psycopg); nothing imports gui except the one
launcher function in the command line; the one atomic writer (files.py) imports
nothing of the project, so store and export can both use it; export does not read
through importers (the JSON writer is export's own); the use cases both front ends
share (meetings.py) sit below them and only they call it; gui never imports cli;
only ``python -m sspclerk`` (__main__) imports the launcher.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "sspclerk"

SQLITE = {"sqlite3", "sqlite_utils"}
DOCUMENTS = {"docx", "reportlab", "pikepdf", "pypdf", "fitz"}
QT = {"PySide6", "shiboken6", "PyQt5", "PyQt6"}
POSTGRES = {"psycopg", "psycopg_binary", "psycopg_c", "psycopg_pool", "psycopg2"}
#: The launcher: `sspclerk` with no command opens the window.
GUI_LAUNCHERS = {("cli/__init__.py", "sspclerk.gui.app")}
#: Modules every layer may use, so they import nothing of the project themselves.
FOUNDATIONS = {"files", "resources"}
#: The two front ends; only they call the shared use cases (meetings.py).
FRONT_ENDS = {"cli", "gui"}


def _imports(path: Path, root: Path = PACKAGE) -> list[tuple[str, int]]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(alias.name, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: resolve against the module's package
                parts = path.relative_to(root.parent).with_suffix("").parts[: -node.level]
                base = ".".join(parts)
                module = f"{base}.{node.module}" if node.module else base
            else:
                module = node.module or ""
            if module == "sspclerk":  # `from sspclerk import gui`: the names are modules
                found += [(f"sspclerk.{alias.name}", node.lineno) for alias in node.names]
            else:
                found.append((module, node.lineno))
    return found


def _modules():
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE).as_posix()
        layer = rel.split("/")[0].removesuffix(".py")
        yield rel, layer, _imports(path)


def _top(name: str) -> str:
    return name.split(".")[0]


def _problems(rel: str, layer: str, imports: list[tuple[str, int]]) -> list[str]:
    problems = []
    for name, line in imports:
        where = f"sspclerk/{rel}:{line} imports {name}"
        top = _top(name)
        inner = name.split(".")[1] if name.startswith("sspclerk.") else ""
        if layer == "core" and top == "sspclerk" and inner != "core":
            problems.append(f"{where} (core must stay pure)")
        if layer == "core" and top in SQLITE | DOCUMENTS | QT | POSTGRES | {
            "jsonschema",
            "platformdirs",
        }:
            problems.append(f"{where} (core must not use outside libraries)")
        if top in SQLITE and layer != "store":
            problems.append(f"{where} (only store talks to SQLite)")
        if top in DOCUMENTS and layer != "export":
            problems.append(f"{where} (only export writes documents)")
        if top in QT and layer != "gui":
            problems.append(f"{where} (only gui uses Qt)")
        if top in POSTGRES and layer != "sync":
            problems.append(f"{where} (only sync talks to the team server)")
        if inner == "gui" and layer != "gui" and (rel, name) not in GUI_LAUNCHERS:
            problems.append(f"{where} (nothing imports gui)")
        if layer == "store" and inner in {"export", "importers", "cli", "gui"}:
            problems.append(f"{where} (store sits under everything but core)")
        if layer in FOUNDATIONS and top == "sspclerk":
            problems.append(f"{where} (a foundation imports nothing of the project)")
        if layer == "export" and inner == "importers":
            problems.append(f"{where} (export writes; it does not read through importers)")
        if layer == "meetings" and inner in FRONT_ENDS | {"launch", "sync"}:
            problems.append(f"{where} (the shared use cases sit below both front ends)")
        if inner == "meetings" and layer not in FRONT_ENDS | {"meetings"}:
            problems.append(f"{where} (only the front ends call the shared use cases)")
        if layer == "gui" and inner == "cli":
            problems.append(f"{where} (the window does not go through the command line)")
        if inner == "launch" and layer != "__main__":
            problems.append(f"{where} (only __main__ imports the launcher)")
    return problems


def test_layers_import_only_what_they_may() -> None:
    problems = [p for rel, layer, imports in _modules() for p in _problems(rel, layer, imports)]
    assert problems == []


def test_the_rules_would_catch_a_violation() -> None:
    """The checker itself reports each kind of violation."""
    assert (
        len(_problems("core/x.py", "core", [("PySide6.QtWidgets", 1), ("sspclerk.store", 2)])) == 3
    )
    assert _problems("export/docx.py", "export", [("sqlite3", 1)])
    assert _problems("cli/base.py", "cli", [("sspclerk.gui.main_window", 1)])
    assert _problems("store/x.py", "store", [("sspclerk.export", 1)])
    assert _problems("gui/sync_status.py", "gui", [("psycopg", 1)])
    assert not _problems("sync/exchange.py", "sync", [("psycopg.rows", 1), ("sspclerk.store", 2)])
    assert _problems("export/moderngov.py", "export", [("sspclerk.importers.page.people", 1)])
    assert not _problems("store/x.py", "store", [("sqlite_utils", 1), ("sspclerk.core.model", 2)])
    assert _problems("files.py", "files", [("sspclerk.core.text", 1)])
    assert not _problems("store/x.py", "store", [("sspclerk.files", 1)])
    assert not _problems("export/x.py", "export", [("sspclerk.files", 1)])
    assert _problems("export/__init__.py", "export", [("sspclerk.importers.meeting_json", 1)])
    assert _problems("meetings.py", "meetings", [("sspclerk.cli.common", 1)])
    assert _problems("export/x.py", "export", [("sspclerk.meetings", 1)])
    assert not _problems("cli/base.py", "cli", [("sspclerk.meetings", 1)])
    assert not _problems("meetings.py", "meetings", [("sspclerk.store", 1)])
    assert _problems("gui/app.py", "gui", [("sspclerk.cli.base", 1)])
    assert _problems("cli/__init__.py", "cli", [("sspclerk.launch", 1)])
    assert not _problems("__main__.py", "__main__", [("sspclerk.launch", 1)])


def test_a_broken_rule_fails_the_suite(tmp_path) -> None:
    """A module written against the rules is found when it is on disk, not only in a list."""
    bad = tmp_path / "sspclerk" / "gui" / "bad.py"
    bad.parent.mkdir(parents=True)
    bad.write_text(
        "from sspclerk.cli.base import run_demo\nimport sqlite3\n"
        "from sspclerk import cli\nfrom .. import cli as again\n",
        encoding="utf-8",
    )
    found = _problems("gui/bad.py", "gui", _imports(bad, root=tmp_path / "sspclerk"))
    assert [f.split(" (")[1] for f in found] == [
        "the window does not go through the command line)",
        "only store talks to SQLite)",
        "the window does not go through the command line)",
        "the window does not go through the command line)",
    ]
