"""The command line as a user runs it: a real process, a real store file."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from sspclerk.export.meeting_json import dumps, meeting_to_json
from sspclerk.resources import resource_path
from sspclerk.store import CURRENT_VERSION, Store
from tests.conftest import cli_env, demo_meeting


def run(*args: str | Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "sspclerk", *map(str, args)],
        capture_output=True,
        text=True,
        env=env or cli_env(),
        timeout=60,
    )


def assert_clear_failure(result: subprocess.CompletedProcess[str], *words: str) -> None:
    assert result.returncode == 2, result
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    for word in words:
        assert word.lower() in lines[0].lower(), lines[0]


def test_demo_then_show_latest_json(db_path: Path) -> None:
    first = run("--db", db_path, "demo")
    assert first.returncode == 0, first.stderr
    again = run("demo", "--db", db_path)  # --db after the command; idempotent
    assert again.stdout == first.stdout
    shown = run("--db", db_path, "show", "latest", "--json")
    assert shown.returncode == 0, shown.stderr
    data = json.loads(shown.stdout)
    assert data["id"] == int(first.stdout)
    seed_titles = [i.title for i in demo_meeting().items]
    assert [i["number"] for i in data["items"]] == [f"SSP/{n}/25" for n in range(12, 25)]
    assert [i["title"] for i in data["items"]] == seed_titles
    assert [i["number"] for i in data["items"] if i["restricted"]] == ["SSP/23/25", "SSP/24/25"]
    outcomes = {i["number"]: [o["text"] for o in i["outcomes"]] for i in data["items"]}
    assert outcomes["SSP/15/25"] == ["AGREED to note the report."]
    assert outcomes["SSP/14/25"] == ["AGREED"]


def test_store_file_written_by_the_cli_is_wal_and_sound(db_path: Path) -> None:
    assert run("--db", db_path, "demo").returncode == 0
    conn = sqlite3.connect(db_path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
    verified = run("--db", db_path, "verify")
    assert verified.returncode == 0
    assert "integrity: ok" in verified.stdout
    assert f"schema version: {CURRENT_VERSION}" in verified.stdout
    assert "synchronous: full" in verified.stdout


def test_sspclerk_db_environment_variable(tmp_path: Path) -> None:
    env = cli_env(SSPCLERK_DB=str(tmp_path / "env.sqlite"))
    assert run("demo", env=env).returncode == 0
    assert (tmp_path / "env.sqlite").exists()


def test_meetings_and_search_json(db_path: Path) -> None:
    mid = int(run("--db", db_path, "demo").stdout)
    meetings = json.loads(run("--db", db_path, "meetings", "--json").stdout)
    assert meetings == [
        {
            "id": mid,
            "committee": "Safer Stockton Partnership",
            "prefix": "SSP",
            "date": "2025-07-23",
            "start_time": "09:00",
            "status": "concluded",
            "items": 13,
        }
    ]
    hits = json.loads(run("--db", db_path, "search", "Clare's Law", "--json").stdout)
    assert hits and hits[0]["meeting_id"] == mid and hits[0]["item"] == "SSP/19/25"
    assert "Clare" in hits[0]["snippet"] and "<mark>" in hits[0]["highlighted"]


def test_import_json_file(db_path: Path, tmp_path: Path) -> None:
    meeting = demo_meeting()
    meeting.date = meeting.date.replace(year=2026)
    src = tmp_path / "m.json"
    src.write_text(dumps(meeting), encoding="utf-8")
    result = run("--db", db_path, "import", src)
    assert result.returncode == 0, result.stderr
    shown = json.loads(run("--db", db_path, "show", result.stdout.strip(), "--json").stdout)
    shown.pop("id")
    assert shown == meeting_to_json(meeting)
    # the same meeting twice is refused, nothing added
    assert_clear_failure(run("--db", db_path, "import", src), "already")
    assert len(json.loads(run("--db", db_path, "meetings", "--json").stdout)) == 1


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        ("bad-date.json", lambda d: d["meeting"].update(date="2025-02-30"), ["2025-02-30"]),
        ("no-title.json", lambda d: d["items"][0].pop("title"), ["title"]),
        ("bad-status.json", lambda d: d["meeting"].update(status="finished"), ["status"]),
        ("bad-format.json", lambda d: d.update(format="something-else"), ["format"]),
        (
            "dup-number.json",
            lambda d: d["items"][1].update(number=d["items"][0]["number"]),
            ["twice"],
        ),
        (
            "bad-decl.json",
            lambda d: d.update(declarations=[{"name": "X", "item": "SSP/99/25"}]),
            ["SSP/99/25"],
        ),
    ],
)
def test_schema_violations_are_refused(db_path: Path, tmp_path: Path, name, content, words) -> None:
    data = json.loads(resource_path("demo-meeting.json").read_text(encoding="utf-8"))
    content(data)
    src = tmp_path / name
    src.write_text(json.dumps(data), encoding="utf-8")
    assert_clear_failure(run("--db", db_path, "import", src), name, *words)
    assert not db_path.exists()  # a refused import makes no store


@pytest.mark.parametrize(
    ("name", "raw"),
    [
        ("broken.json", b'{"format": "sspclerk-meeting", '),
        ("latin1.json", b'{"x": "caf\xe9"}'),
        ("empty.json", b""),
        ("deep.json", b"[" * 100000),
    ],
)
def test_unreadable_json_is_refused(db_path: Path, tmp_path: Path, name: str, raw: bytes) -> None:
    src = tmp_path / name
    src.write_bytes(raw)
    assert_clear_failure(run("--db", db_path, "import", src), name)


def test_unknown_meeting(db_path: Path) -> None:
    run("--db", db_path, "demo")
    assert_clear_failure(run("--db", db_path, "show", "99"), "no meeting", "99")
    assert_clear_failure(run("--db", db_path, "show", "first"), "not a meeting id")
    empty = db_path.with_name("empty.sqlite")
    Store.open(empty).close()
    assert_clear_failure(run("--db", empty, "show", "latest"), "no meetings")


def test_a_store_that_is_not_sqlite(tmp_path: Path) -> None:
    bad = tmp_path / "notes.txt"
    bad.write_text("hello, not a database")
    assert_clear_failure(run("--db", bad, "meetings"), "not an sspclerk store")
    assert bad.read_text() == "hello, not a database"


def test_a_corrupt_store(tmp_path: Path) -> None:
    good = tmp_path / "good.sqlite"
    assert run("--db", good, "demo").returncode == 0
    conn = sqlite3.connect(good)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    cut = tmp_path / "cut.sqlite"
    cut.write_bytes(good.read_bytes()[: 4096 * 3])
    result = run("--db", cut, "show", "latest")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_a_store_from_a_newer_version(db_path: Path) -> None:
    run("--db", db_path, "demo")
    conn = sqlite3.connect(db_path)
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    assert_clear_failure(run("--db", db_path, "meetings"), "newer sspclerk")


def test_a_location_that_cannot_be_created(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("a file where a folder should be")
    assert_clear_failure(run("--db", blocker / "sub" / "x.sqlite", "demo"), str(blocker.name))


def test_backup_uses_the_backup_api(db_path: Path, tmp_path: Path) -> None:
    run("--db", db_path, "demo")
    target = tmp_path / "copy.sqlite"
    result = run("--db", db_path, "backup", "-o", target)
    assert result.returncode == 0, result.stderr
    conn = sqlite3.connect(target)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("SELECT count(*) FROM items").fetchone()[0] == 13
    conn.close()
    assert_clear_failure(
        run("--db", tmp_path / "none.sqlite", "backup", "-o", target), "does not exist"
    )


def test_usage_mistakes_are_one_line(db_path: Path) -> None:
    result = run("--db", db_path, "show")
    assert result.returncode == 2 and len(result.stderr.strip().splitlines()) == 1
    result = run("--db", db_path, "no-such-command")
    assert result.returncode == 2 and len(result.stderr.strip().splitlines()) == 1
