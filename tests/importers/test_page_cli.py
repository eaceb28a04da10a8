"""`sspclerk import PAGE` and `read-page` as the clerk runs them: a real process and store."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from sspclerk.export.meeting_json import meeting_to_json
from sspclerk.importers.page import import_page_file
from tests.conftest import cli_env

from .pagefiles import PAGES


def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "sspclerk", *map(str, args)],
        capture_output=True,
        text=True,
        env=cli_env(),
        timeout=120,
    )


def _without_ids(data: dict) -> dict:
    data.pop("id", None)
    return data


def test_import_text_page_stores_what_the_importer_reads(db_path: Path) -> None:
    page = PAGES / "harbourside-dot-numbers.txt"
    result = run("--db", db_path, "import", page)
    assert result.returncode == 0, result.stderr
    meeting_id = int(result.stdout)
    assert "Items: 7 (1 to 7)" in result.stderr
    assert "Restricted items flagged" in result.stderr
    shown = run("--db", db_path, "show", str(meeting_id), "--json")
    assert shown.returncode == 0, shown.stderr
    stored = _without_ids(json.loads(shown.stdout))
    assert stored == meeting_to_json(import_page_file(page).meeting)


def test_import_html_page(db_path: Path) -> None:
    result = run("--db", db_path, "import", PAGES / "kestrel-saved-page.html")
    assert result.returncode == 0, result.stderr
    shown = json.loads(run("--db", db_path, "show", "latest", "--json").stdout)
    assert [i["number"] for i in shown["items"]] == ["8", "9", "10"]
    assert shown["committee"]["name"] == "Kestrel Fields Scrutiny Panel"


def test_import_seed_page(db_path: Path, seed_path: Path) -> None:
    result = run("--db", db_path, "import", seed_path)
    assert result.returncode == 0, result.stderr
    shown = json.loads(run("--db", db_path, "show", "latest", "--json").stdout)
    assert [i["number"] for i in shown["items"] if i["restricted"]] == ["SSP/23/25", "SSP/24/25"]


def test_not_an_agenda_is_one_line_and_stores_nothing(db_path: Path, tmp_path: Path) -> None:
    novel = PAGES / "not-an-agenda" / "novel-chapter.txt"
    result = run("--db", db_path, "import", novel)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "not a committee agenda" in lines[0]
    binary = tmp_path / "photo.txt"
    binary.write_bytes(bytes(range(256)) * 4)
    result = run("--db", db_path, "import", binary)
    assert result.returncode == 2 and "binary" in result.stderr
    assert not db_path.exists()  # a refused import makes no store


def test_read_page_reports_and_stores_nothing(db_path: Path) -> None:
    result = run("--db", db_path, "read-page", PAGES / "linnet-unnumbered.txt")
    assert result.returncode == 0, result.stderr
    assert "Items: 3; 3 without a number on the page" in result.stdout
    assert result.stdout.rstrip().endswith("every line of the page was placed.")
    as_json = run("--db", db_path, "read-page", "--json", PAGES / "westmere-decimal-decisions.txt")
    assert json.loads(as_json.stdout)["committee"]["name"] == "Westmere Partnership Board"
    assert (
        not db_path.exists() or json.loads(run("--db", db_path, "meetings", "--json").stdout) == []
    )


def test_import_a_windows_1252_saved_page_from_another_council(db_path: Path) -> None:
    page = PAGES / "harbourside-licensing-saved.html"
    result = run("--db", db_path, "import", page)
    assert result.returncode == 0, result.stderr
    assert "Items: 5 (1 to 5)" in result.stderr
    assert "Restricted items flagged from their text (check them): 5" in result.stderr
    shown = run("--db", db_path, "show", result.stdout.strip(), "--json")
    assert shown.returncode == 0, shown.stderr
    stored = json.loads(shown.stdout)
    assert stored["committee"]["name"] == "Harbourside Licensing Sub-Committee"
    assert [i["number"] for i in stored["items"]] == ["1", "2", "3", "4", "5"]
    assert stored["meeting"]["contact"].startswith("Licensing Clerk – Rosé O’Callaghan")
