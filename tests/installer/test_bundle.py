"""The desktop bundle, built from build_installer.spec and run the way a clerk runs it.

Slow (a real PyInstaller build: 35 s on two idle cores, up to a minute and a half on
busy ones), so marked ``slow``; `.ci/run` runs it. The bundle is built once for the module into a temporary
folder, then moved to a folder with a space, an apostrophe and a non-ASCII letter in
its name (it must find its resources wherever it is unpacked), and every run uses an
environment with no Python in it: PATH holds only decoy ``python`` programs that leave
a mark if anything calls them, and PYTHONPATH, PYTHONHOME and the working folder hold a
decoy ``sspclerk`` package that stops the program if it is ever imported.

What a feature branch has not merged yet is decided from the source tree, never by
skipping: with an `export` command the bundle must export PDF and DOCX, with `attach`
and `pack` it must make an agenda pack, with the page importer it must read published
pages as the checkout does, with a window in sspclerk/gui it must open offscreen and
close; without them it must refuse in one plain line.
"""

from __future__ import annotations

import ast
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tomllib
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent
SPEC = ROOT / "build_installer.spec"
EXE = "sspclerk.exe" if sys.platform == "win32" else "sspclerk"
RUN_TIMEOUT = 120  # seconds; a hung bundle fails the test instead of hanging CI

pytestmark = [pytest.mark.slow, pytest.mark.timeout(1200)]


def _defines(path: Path, name: str) -> bool:
    """Whether a module in the source tree defines ``name`` (without importing it)."""
    if not path.is_file():
        return False
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return any(
        isinstance(node, ast.FunctionDef | ast.ClassDef) and node.name == name for node in tree.body
    )


def _cli_commands() -> set[str]:
    """The command names the CLI registers, read from the modules listed in ``_AREAS``."""
    cli = ROOT / "sspclerk" / "cli"
    areas: list[str] = []
    for node in ast.parse((cli / "__init__.py").read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "_AREAS" for t in node.targets
        ):
            areas = ast.literal_eval(node.value)
    commands = set()
    for area in areas:
        for node in ast.walk(ast.parse((cli / f"{area}.py").read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "add_parser"
                and node.args
                and isinstance(node.args[0], ast.Constant)
            ):
                commands.add(node.args[0].value)
    return commands


COMMANDS = _cli_commands()


def test_the_features_the_bundle_tests_drive_are_in_the_package() -> None:
    """The tests below run these through the bundled command. They once stepped aside
    while a feature had not landed; every one has, so a missing one is a failure."""
    assert {"export", "pack", "attach", "import"} <= COMMANDS
    assert _defines(ROOT / "sspclerk/export/__init__.py", "export_meeting")
    assert _defines(ROOT / "sspclerk/importers/page/__init__.py", "import_page_file")
    assert _defines(ROOT / "sspclerk/gui/app.py", "run_window")


def _snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    """Every file and folder in the bundle with its size and modification time."""
    found = {}
    for dirpath, dirnames, filenames in os.walk(folder):
        for name in dirnames + filenames:
            path = Path(dirpath, name)
            info = path.lstat()
            found[path.relative_to(folder).as_posix()] = (info.st_size, info.st_mtime_ns)
    return found


@dataclass
class Bundle:
    folder: Path  # the unpacked bundle, e.g. ".../Clerk's laptop ü/sspclerk"
    home: Path  # the clerk's home folder; a fresh one for each test (clerk_home)
    decoys: Path  # decoy python programs and package
    pristine: dict[str, tuple[int, int]]

    @property
    def exe(self) -> Path:
        return self.folder / EXE

    @property
    def data_dir(self) -> Path:
        """Where the user's data folder is for these runs (platformdirs' rules)."""
        if sys.platform == "win32":
            return self.home / "AppData" / "Local" / "sspclerk"
        if sys.platform == "darwin":
            return self.home / "Library" / "Application Support" / "sspclerk"
        return self.home / "data" / "sspclerk"

    def env(self, **extra: str) -> dict[str, str]:
        """A clean environment: the clerk's folders in tmp, no Python anywhere on it."""
        env = {
            "HOME": str(self.home),
            "USERPROFILE": str(self.home),
            "APPDATA": str(self.home / "AppData" / "Roaming"),
            "LOCALAPPDATA": str(self.home / "AppData" / "Local"),
            "XDG_DATA_HOME": str(self.home / "data"),
            "XDG_CONFIG_HOME": str(self.home / "config"),
            "XDG_CACHE_HOME": str(self.home / "cache"),
            "XDG_RUNTIME_DIR": str(self.home / "runtime"),
            "PATH": str(self.decoys / "bin"),
            "PYTHONPATH": str(self.decoys),
            "PYTHONHOME": str(self.decoys),
            "QT_QPA_PLATFORM": "offscreen",
            "LANG": "C.UTF-8",
        }
        for name in ("SYSTEMROOT", "WINDIR", "TEMP", "TMP"):  # Windows cannot start without
            if name in os.environ:
                env[name] = os.environ[name]
        env.update(extra)
        return env

    def run(self, *args: str, **extra: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(self.exe), *args],
            cwd=self.decoys,  # a decoy sspclerk package sits in the working folder too
            env=self.env(**extra),
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=RUN_TIMEOUT,
        )

    def check_untouched(self) -> None:
        """Nothing was written inside the bundle, and no outside Python was called."""
        assert _snapshot(self.folder) == self.pristine, "the bundle wrote inside its own folder"
        assert not (self.decoys / "PYTHON-WAS-CALLED").exists(), "a python on PATH was run"


def _make_decoys(decoys: Path) -> None:
    bin_dir = decoys / "bin"
    bin_dir.mkdir(parents=True)
    if sys.platform != "win32":
        for name in ("python", "python3", f"python3.{sys.version_info.minor}"):
            script = bin_dir / name
            script.write_text(f'#!/bin/sh\ntouch "{decoys}/PYTHON-WAS-CALLED"\nexit 97\n')
            script.chmod(0o755)
    for package in ("sspclerk", "reportlab", "PySide6"):
        (decoys / package).mkdir()
        (decoys / package / "__init__.py").write_text(
            f'raise SystemExit("DECOY: {package} imported from outside the bundle")\n'
        )


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Bundle:
    tmp = tmp_path_factory.mktemp("bundle")
    build = subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--distpath",
            str(tmp / "dist"),
            "--workpath",
            str(tmp / "build"),
            "--noconfirm",
            "--log-level",
            "WARN",
            str(SPEC),
        ],
        cwd=tmp,
        capture_output=True,
        text=True,
    )
    assert build.returncode == 0, f"PyInstaller failed:\n{build.stderr[-4000:]}"
    unpacked = tmp / "Clerk's laptop ü" / "sspclerk"
    unpacked.parent.mkdir()
    shutil.move(tmp / "dist" / "sspclerk", unpacked)
    shutil.rmtree(tmp / "build")  # nothing of the build is left to fall back on
    home = tmp / "home"
    home.mkdir()
    _make_decoys(tmp / "decoys")
    size = sum(f.lstat().st_size for f in unpacked.rglob("*") if not f.is_symlink())
    print(f"\nbundle: {size / 2**20:.0f} MiB in {unpacked}")
    return Bundle(unpacked, home, tmp / "decoys", _snapshot(unpacked))


@pytest.fixture(autouse=True)
def clerk_home(bundle: Bundle, tmp_path: Path) -> Path:
    """A fresh home folder per test: a store found there was made by that test's runs."""
    bundle.home = tmp_path / "home"
    bundle.home.mkdir()
    return bundle.home


def test_bundle_carries_the_package_resources_and_version(bundle: Bundle) -> None:
    internal = bundle.folder / "_internal"
    source = ROOT / "resources"
    for path in source.rglob("*"):
        if path.is_file() and "__pycache__" not in path.parts:
            copy = internal / "resources" / path.relative_to(source)
            assert copy.is_file(), f"{path.relative_to(ROOT)} is missing from the bundle"
            assert copy.read_bytes() == path.read_bytes()
    version = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"][
        "version"
    ]
    metadata = internal / f"sspclerk-{version}.dist-info" / "METADATA"
    assert f"Version: {version}" in metadata.read_text(encoding="utf-8")


def test_bundle_is_trimmed_of_unused_qt(bundle: Bundle) -> None:
    files = [p.relative_to(bundle.folder).as_posix() for p in bundle.folder.rglob("*")]
    assert not [f for f in files if f.endswith(".qm")], "Qt translations were bundled"
    for unused in ("QtQml", "QtQuick", "QtNetwork", "QtWebEngine", "QtMultimedia", "Qt3D"):
        assert not [f for f in files if f"PySide6/{unused}" in f], f"{unused} was bundled"
    plugins = {f.split("/plugins/")[1].split("/")[0] for f in files if "/plugins/" in f}
    assert "platforms" in plugins
    assert not plugins & {"sqldrivers", "qmltooling", "tls", "networkinformation", "designer"}
    offscreen = [f for f in files if "/plugins/platforms/" in f and "offscreen" in f]
    assert offscreen, "the offscreen platform plugin is missing"


def test_demo_loads_and_store_stays_in_the_user_data_folder(bundle: Bundle, tmp_path: Path) -> None:
    db = tmp_path / "given.sqlite"
    first = bundle.run("--db", str(db), "demo")
    assert first.returncode == 0, first.stderr
    meeting_id = first.stdout.strip()
    assert meeting_id.isdigit(), first.stdout
    again = bundle.run("demo", "--db", str(db))  # --db after the command; loads once
    assert again.stdout.strip() == meeting_id

    store = bundle.data_dir / "meetings.sqlite"
    assert not store.exists(), "--db was given, yet a store appeared in the data folder"

    # No --db: the store is made in the user's data folder, nowhere else.
    shown = bundle.run("demo")
    assert shown.returncode == 0, shown.stderr
    assert store.is_file(), f"no store in the data folder {bundle.data_dir}"
    assert not list(bundle.decoys.glob("*.sqlite")), "a store appeared in the working folder"
    with closing(sqlite3.connect(store)) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    listed = bundle.run("meetings", "--json")
    assert listed.returncode == 0, listed.stderr
    meetings = json.loads(listed.stdout)
    assert [m["committee"] for m in meetings] == ["Safer Stockton Partnership"]
    assert meetings[0]["date"] == "2025-07-23"
    bundle.check_untouched()


def test_exports_pdf_and_docx_from_the_bundle(bundle: Bundle, tmp_path: Path) -> None:
    db = tmp_path / "m.sqlite"
    assert bundle.run("--db", str(db), "demo").returncode == 0
    from docx import Document
    from pypdf import PdfReader

    pdf, docx_file = tmp_path / "minutes.pdf", tmp_path / "minutes.docx"
    for fmt, target in (("pdf", pdf), ("docx", docx_file)):
        out = bundle.run("--db", str(db), "export", "latest", "--format", fmt, "-o", str(target))
        assert out.returncode == 0, out.stderr
        assert "Traceback" not in out.stderr

    reader = PdfReader(pdf)
    text = "\n".join(page.extract_text() or "" for page in reader.pages)
    assert "Safer Stockton Partnership" in text
    assert "SSP/12/25" in text
    fonts = {
        str(font["/BaseFont"])
        for page in reader.pages
        for font in (page["/Resources"].get("/Font") or {}).values()
    }
    if list((ROOT / "resources" / "fonts").glob("DejaVu*.ttf")):
        # The fonts shipped in resources/ were found inside the bundle and embedded.
        assert any("DejaVu" in f for f in fonts), fonts

    words = "\n".join(p.text for p in Document(str(docx_file)).paragraphs)
    assert "Safer Stockton Partnership" in words
    assert "SSP/12/25" in words
    bundle.check_untouched()


def test_agenda_pack_with_a_paper_from_the_bundle(bundle: Bundle, tmp_path: Path) -> None:
    """attach + pack run pikepdf inside the bundle: its native library must be there."""
    db, paper, pack = tmp_path / "p.sqlite", tmp_path / "crime report.pdf", tmp_path / "pack.pdf"
    assert bundle.run("--db", str(db), "demo").returncode == 0
    from pypdf import PdfReader
    from reportlab.pdfgen import canvas

    sheet = canvas.Canvas(str(paper))
    sheet.drawString(72, 720, "Recorded crime paper written by the bundle test")
    sheet.showPage()
    sheet.save()
    attached = bundle.run("--db", str(db), "attach", "latest", "SSP/15/25", str(paper))
    assert attached.returncode == 0, attached.stderr
    made = bundle.run("--db", str(db), "pack", "latest", "-o", str(pack))
    assert made.returncode == 0, made.stderr
    reader = PdfReader(pack)
    text = "\n".join(page.extract_text() or "" for page in reader.pages)
    assert len(reader.pages) >= 2
    assert "Safer Stockton Partnership" in text
    assert "Recorded crime paper written by the bundle test" in text
    bundle.check_untouched()


def test_published_pages_import_as_they_do_from_source(bundle: Bundle, tmp_path: Path) -> None:
    """The bundled page importer reads a saved page exactly as the checkout does."""
    pages = sorted((ROOT / "tests" / "importers" / "pages").glob("*.*"))
    from sspclerk.export.meeting_json import meeting_to_json
    from sspclerk.importers.page import import_page_file

    html = [p for p in pages if p.suffix == ".html"][:1]
    text = [p for p in pages if p.suffix == ".txt"][:1]
    assert html and text, "no sample pages to import"
    for page in html + text:
        db = tmp_path / f"{page.stem}.sqlite"
        imported = bundle.run("--db", str(db), "import", str(page))
        assert imported.returncode == 0, imported.stderr
        shown = bundle.run("--db", str(db), "show", imported.stdout.strip(), "--json")
        stored = json.loads(shown.stdout)
        stored.pop("id", None)
        assert stored == meeting_to_json(import_page_file(page).meeting), page.name
    bundle.check_untouched()


def test_window_opens_offscreen_and_closes(bundle: Bundle, tmp_path: Path) -> None:
    """`sspclerk` with no command opens the window; Ctrl+Q (typed for real) closes it.

    The window's own test hooks do the driving: SSPCLERK_REPORT_READY prints a line
    once the notes editor has the keyboard, SSPCLERK_TYPE_SCRIPT plays key presses.
    No --db: on first run the window makes its store in the user's data folder.
    """
    script = tmp_path / "quit.json"
    script.write_text(json.dumps([{"wait": 300}, {"key": "Ctrl+Q"}]), encoding="utf-8")
    home_store = bundle.data_dir / "meetings.sqlite"
    assert not home_store.exists()
    result = bundle.run(SSPCLERK_REPORT_READY="1", SSPCLERK_TYPE_SCRIPT=str(script))
    assert result.returncode == 0, result.stderr
    assert "SSPCLERK-READY" in result.stdout, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    # The window made its store in the data folder and loaded the demo there (first run).
    assert home_store.is_file()
    listed = bundle.run("meetings", "--json")
    assert [m["date"] for m in json.loads(listed.stdout)] == ["2025-07-23"]
    bundle.check_untouched()
