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


CORPUS = PAGES / "corpus"


def test_a_page_without_its_committee_and_date_says_which_options_to_give(
    db_path: Path,
) -> None:
    page = CORPUS / "zennor-no-heading-other-dates.txt"
    for command in ("import", "read-page"):
        result = run("--db", db_path, command, page)
        assert result.returncode == 2, result.stdout
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1, result.stderr
        assert "has 3 items but does not say the committee or the date" in lines[0]
        assert "give --committee NAME --date YYYY-MM-DD (and --time HH:MM" in lines[0]
        assert lines[0].endswith("nothing was imported") and "Traceback" not in result.stderr
    assert (
        not db_path.exists() or json.loads(run("--db", db_path, "meetings", "--json").stdout) == []
    )


def test_once_committee_and_date_are_given_the_page_is_imported(db_path: Path) -> None:
    page = CORPUS / "zennor-no-heading-other-dates.txt"
    given = ("--committee", "Zennor Cross Allotments Committee", "--date", "2025-03-11")
    shown = run("--db", db_path, "read-page", page, *given)
    assert shown.returncode == 0, shown.stderr
    assert "Read " in shown.stdout and "Zennor Cross Allotments Committee – " in shown.stdout
    result = run("--db", db_path, "import", page, *given, "--time", "19:00")
    assert result.returncode == 0, result.stderr
    stored = json.loads(run("--db", db_path, "show", result.stdout.strip(), "--json").stdout)
    assert stored["committee"]["name"] == "Zennor Cross Allotments Committee"
    assert (stored["meeting"]["date"], stored["meeting"]["start_time"]) == ("2025-03-11", "19:00")
    assert [i["number"] for i in stored["items"]] == ["21", "22", "23"]
    again = run("--db", db_path, "import", page, *given)
    assert again.returncode == 2 and "already has" in again.stderr


def test_a_stored_committee_named_by_its_prefix_takes_the_meeting(db_path: Path) -> None:
    assert run("--db", db_path, "demo").returncode == 0
    page = CORPUS / "glenford-single-item.txt"
    result = run("--db", db_path, "import", page, "--committee", "ssp", "--date", "2025-09-17")
    assert result.returncode == 0, result.stderr
    assert "Committee: the store's Safer Stockton Partnership (SSP)" in result.stderr
    listed = json.loads(run("--db", db_path, "meetings", "--json").stdout)
    assert sorted(m["committee"] for m in listed) == ["Safer Stockton Partnership"] * 2


def test_an_issue_history_page_is_imported_for_the_meeting_chosen_by_its_date(
    db_path: Path,
) -> None:
    page = CORPUS / "glenford-issue-history.txt"
    asked = run("--db", db_path, "import", page)
    assert asked.returncode == 2
    assert "Glenford Cabinet on Tuesday 4th March 2025 (2025-03-04)" in asked.stderr
    assert "give --date YYYY-MM-DD" in asked.stderr and "--committee" not in asked.stderr
    result = run("--db", db_path, "import", page, "--date", "2025-03-04")
    assert result.returncode == 0, result.stderr
    stored = json.loads(run("--db", db_path, "show", result.stdout.strip(), "--json").stdout)
    assert stored["committee"]["name"] == "Glenford Cabinet"
    assert [i["number"] for i in stored["items"]] == ["81"]
    assert (
        "another meeting (Glenford Overview and Scrutiny Committee"
        in stored["meeting"]["unplaced_text"]
    )


def test_wrong_details_are_one_line_each(db_path: Path, tmp_path: Path) -> None:
    page = CORPUS / "glenford-single-item.txt"
    bad_date = run("--db", db_path, "import", page, "--committee", "X", "--date", "2025-02-30")
    assert bad_date.returncode == 2 and bad_date.stderr.startswith("sspclerk: --date:")
    bad_time = run("--db", db_path, "import", page, "--date", "2025-02-03", "--time", "25:00")
    assert bad_time.returncode == 2 and bad_time.stderr.startswith("sspclerk: --time:")
    meeting_file = tmp_path / "m.json"
    meeting_file.write_text("{}", encoding="utf-8")
    on_json = run("--db", db_path, "import", meeting_file, "--date", "2025-02-03")
    assert on_json.returncode == 2 and "says its own committee, date and time" in on_json.stderr
    for result in (bad_date, bad_time, on_json):
        assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
