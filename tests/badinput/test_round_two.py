"""Hostile input, round two: the corpus's new cases against every entry point.

Output paths that would destroy something (the store and its companions, its
backups folder, devices, a FIFO, a read-only file, a folder, a missing folder)
through every writer on the command line and through the functions the window
calls; integers and dates beyond any meeting's; commands that must never make a
store; a store damaged in the middle; item numbers with spaces; a FIFO to
attach; the pack's temporary files; and two messages that read badly.  Every
refusal is one line and exit status 2, and leaves the store, the target and the
folders as they were.  The command line runs in-process here (``main``); the
few cases that could hang or need a real process run as children.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from sspclerk.cli import main
from sspclerk.core.model import Document
from sspclerk.store import Store, StoreCorruptError, StoreError
from tests.conftest import cli_env, demo_meeting
from tests.pack.samples import paper

from .corpus import BAD_IDS, BAD_NUMBERS, FAR_DATES, hostile_outputs, meeting_json

ROOT = Path(__file__).resolve().parents[2]


def cli(capsys, *args: str | Path) -> tuple[int, str, str]:
    try:
        code = main([str(a) for a in args])
    except SystemExit as exc:  # a usage mistake: argparse's one line
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def one_line(result: tuple[int, str, str], *words: str) -> str:
    """Exit 2 and one ``sspclerk…`` line on stderr naming the problem."""
    code, out, err = result
    lines = err.strip().splitlines()
    assert code == 2, (code, out, err)
    assert len(lines) == 1 and lines[0].startswith("sspclerk"), err
    assert "Traceback" not in err and "unexpected error" not in err, err
    for word in words:
        assert word.lower() in lines[0].lower(), (word, lines[0])
    return lines[0]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _state(path: Path) -> tuple:
    """What is at ``path`` now: kind, and for a regular file its bytes and mode."""
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return ("nothing",)
    if stat.S_ISREG(st.st_mode):
        return ("file", digest(path), stat.S_IMODE(st.st_mode))
    return (stat.S_IFMT(st.st_mode),)


# ------------------------------------------------------------------ output paths


@pytest.fixture
def desk(tmp_path: Path) -> tuple[Path, Path]:
    """A folder with a store (the demo, with one paper) and every hostile target."""
    db = tmp_path / "meetings.sqlite"
    with Store.open(db) as store:
        meeting = store.load_meeting(store.add_meeting(demo_meeting()))
        item = meeting.item("SSP/17/25")
        store.attach_document(item.id, Document("Plan", "plan.pdf", page_count=2), paper("Plan", 2))  # type: ignore[arg-type]
    return tmp_path, db


#: Every command that writes a file the clerk names, with -o last.
WRITERS = {
    "export-txt": ["export", "1", "-f", "txt", "-o"],
    "export-pdf": ["export", "1", "-f", "pdf", "-o"],
    "export-docx": ["export", "1", "-f", "docx", "-o"],
    "export-json": ["export", "1", "-f", "json", "-o"],
    "pack": ["pack", "1", "-o"],
    "actions-csv": ["actions", "--format", "csv", "-o"],
    "actions-pdf": ["actions", "--format", "pdf", "-o"],
    "actions-json": ["actions", "--format", "json", "-o"],
    "backup": ["backup", "-o"],
}


def _snapshot(folder: Path, db: Path, targets: list[tuple[str, Path]]) -> dict:
    with Store.open(db, readonly=True) as store:
        assert store.integrity_check() == ["ok"]
        dump = "\n".join(store.conn.iterdump())
    return {
        "store": hashlib.sha256(dump.encode("utf-8", "surrogatepass")).hexdigest(),
        "files": sorted(str(p.relative_to(folder)) for p in folder.rglob("*")),
        "targets": {name: _state(path) for name, path in targets},
    }


@pytest.mark.parametrize("writer", list(WRITERS))
def test_no_writer_replaces_the_store_a_device_a_read_only_file_or_makes_a_folder(
    desk, capsys, writer
):
    folder, db = desk
    targets = hostile_outputs(folder, db)
    before = _snapshot(folder, db, targets)
    for name, target in targets:
        line = one_line(
            cli(capsys, "--db", db, *WRITERS[writer], target),
            "cannot write" if name != "a-folder" else "folder",
        )
        assert str(target.name) in line or name == "dot-dot-to-store", line
    after = _snapshot(folder, db, targets)
    # The store, every target and the folder tree are as they were: no file replaced,
    # no device turned into a file, no folder made, no temporary file left.
    assert after == before


def child(*args: str | Path) -> tuple[int, str, str]:
    """``python ARGS`` in a child process (what could hang, or needs a process of its own)."""
    proc = subprocess.run(
        [sys.executable, *map(str, args)],
        capture_output=True,
        text=True,
        env=cli_env(),
        cwd=str(ROOT),
        timeout=60,
    )
    return proc.returncode, proc.stdout, proc.stderr


def test_the_issue_s_own_case_in_a_real_process(desk):
    folder, db = desk
    before = digest(db)
    one_line(
        child("-m", "sspclerk", "--db", db, "export", "1", "-f", "txt", "-o", db), "is the store"
    )
    assert digest(db) == before


def test_the_window_s_writers_refuse_the_same_paths(desk):
    """The window exports, packs, writes the action log and backs up through these."""
    from sspclerk.export import ExportError, export_meeting
    from sspclerk.export.action_log import ActionLogWriteError, write_action_log
    from sspclerk.export.pack import PackError, build_pack, plan_pack

    folder, db = desk
    targets = hostile_outputs(folder, db)
    before = _snapshot(folder, db, targets)
    with Store.open(db) as store:  # as the window holds it
        meeting = store.load_meeting(1)
        entries = store.action_log(False, None, "public")
        for _name, target in targets:
            with pytest.raises(ExportError):
                export_meeting(meeting, "pdf", "public", target)
            with (
                plan_pack(meeting, "public", store.document_content) as plan,
                pytest.raises(PackError),
            ):
                build_pack(plan, target)
            with pytest.raises(ActionLogWriteError):
                write_action_log(entries, target, "csv")
            with pytest.raises(StoreError):
                store.backup(target)
    assert _snapshot(folder, db, targets) == before


@pytest.mark.parametrize("writer", list(WRITERS))
def test_a_replaced_file_keeps_its_mode_and_a_new_one_is_0644(desk, capsys, writer):
    folder, db = desk
    old = os.umask(0o022)
    try:
        fresh = folder / f"fresh-{writer}.out"
        assert cli(capsys, "--db", db, *WRITERS[writer], fresh)[0] == 0
        assert stat.S_IMODE(fresh.stat().st_mode) == 0o644
        kept = folder / f"kept-{writer}.out"
        kept.write_bytes(b"yesterday's")
        kept.chmod(0o640)
        assert cli(capsys, "--db", db, *WRITERS[writer], kept)[0] == 0
        assert stat.S_IMODE(kept.stat().st_mode) == 0o640
        assert kept.read_bytes() != b"yesterday's"
    finally:
        os.umask(old)


def test_backup_o_may_replace_an_earlier_copy_but_never_another_document(desk, capsys):
    folder, db = desk
    copy = folder / "copy.sqlite"
    assert cli(capsys, "--db", db, "backup", "-o", copy)[0] == 0
    assert cli(capsys, "--db", db, "backup", "-o", copy)[0] == 0  # yesterday's copy
    # …while a document is never written over a database, nor into its companions.
    one_line(cli(capsys, "--db", db, "export", "1", "-f", "txt", "-o", copy), "database")
    one_line(cli(capsys, "--db", db, "backup", "-o", f"{copy}-wal"), "belongs to the database")


# ------------------------------------------------------------------ numbers, ids, dates


def _demo_json(tmp_path: Path, name: str, number_text: str | None = None, **meeting) -> Path:
    data = meeting_json(demo_meeting())
    data["meeting"].update(meeting)
    text = json.dumps(data)
    if number_text is not None:
        data["items"][3]["outcomes"][0]["votes_for"] = 424242
        text = json.dumps(data).replace("424242", number_text)
    path = tmp_path / f"{name}.json"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("name, number", BAD_NUMBERS, ids=[b[0] for b in BAD_NUMBERS])
def test_numbers_no_field_can_hold_are_one_line(tmp_path, capsys, name, number):
    db = tmp_path / "meetings.sqlite"
    Store.open(db).close()
    before = digest(db)
    one_line(cli(capsys, "--db", db, "import", _demo_json(tmp_path, name, number)), name[:0])
    with Store.open(db, readonly=True) as store:
        assert store.list_meetings() == []
    assert digest(db) == before
    # The same number as a paper's size.
    data = meeting_json(demo_meeting())
    data["items"][3]["documents"] = [{"title": "Plan", "size_bytes": 7}]
    path = tmp_path / f"{name}-size.json"
    path.write_text(json.dumps(data).replace('"size_bytes": 7', f'"size_bytes": {number}'))
    one_line(cli(capsys, "--db", db, "import", path))


@pytest.mark.parametrize("bad", BAD_IDS)
def test_ids_beyond_any_the_store_gives_are_one_line(tmp_path, capsys, bad):
    db = tmp_path / "meetings.sqlite"
    assert cli(capsys, "--db", db, "demo")[0] == 0
    one_line(cli(capsys, "--db", db, "action-status", bad, "done"), "id")
    one_line(cli(capsys, "--db", db, "restore", bad), "version")
    one_line(cli(capsys, "--db", db, "show", bad), "no meeting")
    one_line(cli(capsys, "--db", db, "history", "1", bad))
    code, out, _ = cli(capsys, "--db", db, "search", "knife", "--limit", bad)
    assert code == 0 and "SSP/" in out
    with Store.open(db) as store, pytest.raises(StoreError):  # the store API's backstop
        store.set_action_status(int(bad), "done")


@pytest.mark.parametrize("day", FAR_DATES)
def test_dates_no_meeting_has_are_one_line_that_names_the_date(tmp_path, capsys, day):
    db = tmp_path / "meetings.sqlite"
    assert cli(capsys, "--db", db, "demo")[0] == 0
    line = one_line(
        cli(capsys, "--db", db, "new-meeting", "--committee", "SSP", "--date", day), day
    )
    assert "05-01" not in line and "month and day" not in line
    one_line(cli(capsys, "--db", db, "publish-agenda", "1", "--on", day), day)
    other = "2025-08-01" if day != "2025-08-01" else "2025-08-02"
    one_line(cli(capsys, "--db", db, "import", _demo_json(tmp_path, "far", date=day)), day)
    one_line(
        cli(
            capsys,
            "--db",
            db,
            "import",
            _demo_json(tmp_path, "far2", date=other, started_at=f"{day}T10:00:00"),
        ),
        day,
    )
    with Store.open(db, readonly=True) as store:
        assert [m.id for m in store.list_meetings()] == [1]


@pytest.mark.parametrize("day", ["0001-01-01", "0001-01-03", "9999-12-31"])
def test_the_deadline_of_a_meeting_at_the_calendar_s_end_is_one_line(tmp_path, capsys, day):
    """A meeting dated so by an older sspclerk (the store API does not check dates)."""
    import datetime as dt

    db = tmp_path / "meetings.sqlite"
    meeting = demo_meeting()
    meeting.date = dt.date.fromisoformat(day)
    meeting.agenda_published_on = None
    with Store.open(db) as store:
        store.add_meeting(meeting)
    code, out, err = cli(capsys, "--db", db, "deadline", "1")
    assert code in (0, 2) and "Traceback" not in err and "unexpected" not in err
    if code == 2:
        one_line((code, out, err), "deadline")


# ------------------------------------------------------------------ making a store


READERS = [
    ["meetings"],
    ["show", "1"],
    ["search", "knife"],
    ["export", "1", "-f", "txt", "-o", "{out}"],
    ["check", "1"],
    ["deadline", "1"],
    ["history", "1", "1"],
    ["actions"],
    ["committees"],
    ["committee", "SSP"],
    ["verify"],
    ["backup"],
    ["backup", "-o", "{out}"],
    ["pack", "1", "-o", "{out}"],
]
WRITERS_NOT_CREATORS = [
    ["add-item", "1", "--title", "New item"],
    ["publish-agenda", "1"],
    ["action-status", "1", "done"],
    ["correct-minutes", "1", "A correction"],
    ["approve-minutes", "1"],
    ["detach", "1", "SSP/15/25", "1"],
    ["restore", "1"],
]


@pytest.mark.parametrize("place", ["missing", "zero-bytes", "missing-folders"])
def test_commands_that_do_not_make_a_store_never_do(tmp_path, capsys, place):
    db = {
        "missing": tmp_path / "meetings.sqlite",
        "zero-bytes": tmp_path / "meetings.sqlite",
        "missing-folders": tmp_path / "a" / "b" / "c" / "meetings.sqlite",
    }[place]
    if place == "zero-bytes":
        db.write_bytes(b"")
    out = tmp_path / "out.txt"
    for command in READERS + WRITERS_NOT_CREATORS:
        args = [a.format(out=out) for a in command]
        one_line(
            cli(capsys, "--db", db, *args), "empty" if place == "zero-bytes" else "does not exist"
        )
        assert sorted(p.name for p in tmp_path.iterdir()) == (
            ["meetings.sqlite"] if place == "zero-bytes" else []
        ), args
    if place == "zero-bytes":
        assert db.read_bytes() == b""


def test_the_commands_that_make_a_store_say_so_and_leave_none_when_they_fail(tmp_path, capsys):
    db = tmp_path / "meetings.sqlite"
    # A failing import, new meeting or committee edit leaves no store behind…
    bad = tmp_path / "bad.json"
    bad.write_text("{}", encoding="utf-8")
    one_line(cli(capsys, "--db", db, "import", bad))
    one_line(
        cli(capsys, "--db", db, "new-meeting", "--committee", "SSP", "--date", "2025-09-17"), "SSP"
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.json"]
    # …and an empty file stays empty.
    db.write_bytes(b"")
    one_line(cli(capsys, "--db", db, "new-meeting", "--committee", "SSP", "--date", "2025-09-17"))
    assert db.read_bytes() == b""
    db.unlink()
    # A store the clerk names in a folder that is not there: refused, no folder made.
    one_line(cli(capsys, "--db", tmp_path / "x" / "y" / "m.sqlite", "demo"), "does not exist")
    assert not (tmp_path / "x").exists()
    # The creators say where they made it.
    code, out, err = cli(capsys, "--db", db, "demo")
    assert code == 0 and out.strip() == "1" and f"made a new store at {db}" in err
    code, out, err = cli(capsys, "--db", db, "demo")
    assert code == 0 and "made a new store" not in err


def test_the_default_store_s_folder_is_made_on_first_use(tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("SSPCLERK_DB", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("HOME", str(tmp_path))
    one_line(cli(capsys, "meetings"), "does not exist")
    assert not (tmp_path / "data").exists()
    code, _, err = cli(capsys, "demo")
    assert code == 0 and "made a new store" in err
    assert (tmp_path / "data" / "sspclerk" / "meetings.sqlite").is_file()


# ------------------------------------------------------------------ a store damaged in the middle


def _damaged(tmp_path: Path) -> Path:
    db = tmp_path / "meetings.sqlite"
    with Store.open(db) as store:
        store.add_meeting(demo_meeting())
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = bytearray(db.read_bytes())
    page = 4096
    for n in (4, 7, 11):  # interior b-tree pages, not the header
        data[n * page : (n + 1) * page] = bytes((n * 37 + i * 11) % 256 for i in range(page))
    db.write_bytes(bytes(data))
    for extra in ("-wal", "-shm"):
        Path(f"{db}{extra}").unlink(missing_ok=True)
    return db


def test_a_store_damaged_in_the_middle_is_never_written_to(tmp_path, capsys):
    db = _damaged(tmp_path)
    before = digest(db)
    good = _demo_json(tmp_path, "good", date="2025-09-17")
    for command in (
        ["import", good],
        ["new-meeting", "--committee", "SSP", "--date", "2025-09-17"],
        ["add-item", "1", "--title", "x"],
        ["correct-minutes", "1", "x"],
        ["demo"],
    ):
        one_line(cli(capsys, "--db", db, *command), "damaged", "restore a backup")
        assert digest(db) == before, command
    with pytest.raises(StoreCorruptError, match="restore a backup"):
        Store.open(db)
    assert digest(db) == before


def test_verify_backup_and_restore_of_a_damaged_store_say_one_line(tmp_path, capsys):
    db = _damaged(tmp_path)
    one_line(cli(capsys, "--db", db, "verify"), "damaged")
    one_line(cli(capsys, "--db", db, "backup"), "damaged")
    one_line(cli(capsys, "--db", db, "backup", "-o", tmp_path / "copy.sqlite"), "damaged")
    assert not (tmp_path / "backups").exists() and not (tmp_path / "copy.sqlite").exists()
    # A damaged file offered as the backup to restore.
    good = tmp_path / "good.sqlite"
    with Store.open(good) as store:
        store.add_meeting(demo_meeting())
    one_line(cli(capsys, "--db", good, "restore", db), "damaged")
    # And restoring a sound backup over the damaged store works (it is kept first).
    copy = tmp_path / "sound.sqlite"
    assert cli(capsys, "--db", good, "backup", "-o", copy)[0] == 0
    code, out, _ = cli(capsys, "--db", db, "restore", copy)
    assert code == 0 and "kept as" in out
    assert cli(capsys, "--db", db, "verify")[0] == 0


# ------------------------------------------------------------------ item numbers, FIFOs, temporaries


def test_item_numbers_differing_only_by_spaces_are_one_item(tmp_path, capsys):
    data = meeting_json(demo_meeting())
    data["items"][1]["number"] = data["items"][0]["number"] + " "
    path = tmp_path / "spaces.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    db = tmp_path / "meetings.sqlite"
    one_line(cli(capsys, "--db", db, "import", path), "appears twice")
    data = meeting_json(demo_meeting())
    data["items"][3]["number"] = " SSP/15/25\t"
    data["declarations"] = [{"name": "Cllr A", "item": "SSP/15/25 "}]
    path.write_text(json.dumps(data), encoding="utf-8")
    assert cli(capsys, "--db", db, "import", path)[0] == 0
    with Store.open(db) as store:
        meeting = store.load_meeting(1)
        assert meeting.items[3].number == "SSP/15/25"
        assert [d.item for d in meeting.declarations] == ["SSP/15/25"]
        store.set_item_fields(meeting.items[4].id, number=" SSP/16/25 ")  # type: ignore[arg-type]
        assert store.load_meeting(1).items[4].number == "SSP/16/25"


def test_attaching_a_fifo_is_refused_without_waiting(tmp_path):
    db = tmp_path / "meetings.sqlite"
    with Store.open(db) as store:
        store.add_meeting(demo_meeting())
    fifo = tmp_path / "paper.pdf"
    os.mkfifo(fifo)
    # It used to wait for a writer for ever (the child's timeout is 60 s).
    one_line(child("-m", "sspclerk", "--db", db, "attach", "1", "SSP/15/25", fifo), "pipe")
    # The function the window's attach calls, too.
    code, out, _ = child(
        "-c",
        "import sys; from sspclerk.export.pdfcheck import PdfRefused, inspect_pdf\n"
        "try:\n    inspect_pdf(sys.argv[1])\nexcept PdfRefused as e:\n    print(e)",
        fifo,
    )
    assert code == 0 and "device or pipe" in out, out


def test_the_pack_is_saved_without_a_temporary_file_of_pikepdf_s_own(desk, monkeypatch):
    """Given a path that exists, pikepdf saves through a ``.pikepdf.<name>…`` file of
    its own, which a kill -9 left for ever (the clean-up never knew its name); given
    our open handle it writes straight into our temporary file."""
    import pikepdf
    import pikepdf._io

    from sspclerk.export.pack import build_pack, plan_pack

    folder, db = desk
    handed: list[object] = []
    own_temporaries: list[str] = []
    real_save, real_temporary = pikepdf.Pdf.save, pikepdf._io.NamedTemporaryFile

    def save(self, target, *args, **kwargs):
        handed.append(target)
        return real_save(self, target, *args, **kwargs)

    def temporary(*args, **kwargs):
        made = real_temporary(*args, **kwargs)
        own_temporaries.append(made.name)
        return made

    monkeypatch.setattr(pikepdf.Pdf, "save", save)
    monkeypatch.setattr(pikepdf._io, "NamedTemporaryFile", temporary)
    (folder / "packs").mkdir()
    with (
        Store.open(db) as store,
        plan_pack(store.load_meeting(1), "public", store.document_content) as plan,
    ):
        build_pack(plan, folder / "packs" / "pack.pdf")
    assert handed and not any(isinstance(t, str | Path) for t in handed), handed
    assert own_temporaries == []
    assert sorted(p.name for p in (folder / "packs").iterdir()) == ["pack.pdf"]


def test_stale_temporaries_are_removed_including_pikepdf_s_old_ones(tmp_path):
    from sspclerk.files import STALE_AFTER_S, remove_stale_temps

    target = tmp_path / "pack.pdf"
    old = [
        tmp_path / ".pack.pdf.k2x9_a1.partial",
        tmp_path / ".pikepdf..pack.pdf.k2x9_a1.partialq8z1m3",
    ]
    young = tmp_path / ".pack.pdf.zz99.partial"
    others = [tmp_path / ".other.pdf.k2x9.partial", tmp_path / "pack.pdf.partial"]
    for path in (*old, young, *others):
        path.write_bytes(b"x")
    stale = os.stat(young).st_mtime - STALE_AFTER_S - 60
    for path in (*old, *others):
        os.utime(path, (stale, stale))
    assert sorted(remove_stale_temps(target, ".partial")) == sorted(old)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in (young, *others))


# ------------------------------------------------------------------ messages


def test_a_control_character_in_json_is_said_once(tmp_path, capsys):
    path = tmp_path / "ctl.json"
    path.write_bytes(b'{"format": "sspclerk-meeting", "committee": {"name": "A\x01B"}}')
    line = one_line(cli(capsys, "--db", tmp_path / "m.sqlite", "import", path), "control character")
    assert "at at" not in line and "on line 1" in line


def test_a_full_disk_on_opening_says_the_disk_is_full(monkeypatch, tmp_path):
    from sspclerk.store import connection

    monkeypatch.setattr(connection, "disk_full", lambda path: True)
    for error in (
        sqlite3.OperationalError("unable to open database file"),
        sqlite3.OperationalError("disk I/O error"),
    ):
        message = str(connection.translate(error, tmp_path / "m.sqlite"))
        assert "full" in message and "drive there" not in message
    monkeypatch.setattr(connection, "disk_full", lambda path: False)
    message = str(
        connection.translate(
            sqlite3.OperationalError("unable to open database file"), tmp_path / "m.sqlite"
        )
    )
    assert "drive there" in message


def test_a_really_full_disk_on_opening(tmp_path, capsys):
    from tests.reliability.mechanisms import fill_disk, small_disk

    folder = tmp_path / "stick"
    with small_disk(folder, "1m") as mounted:
        if not mounted:
            pytest.skip("no tmpfs mount here (needs root); the translation is tested above")
        db = folder / "meetings.sqlite"
        with Store.open(db) as store:
            store.add_meeting(demo_meeting())
        for extra in ("-wal", "-shm"):
            Path(f"{db}{extra}").unlink(missing_ok=True)
        fill_disk(folder)
        for command in (["meetings"], ["add-item", "1", "--title", "x"]):
            line = one_line(cli(capsys, "--db", db, *command), "full")
            assert "drive there" not in line
        shutil.rmtree(folder, ignore_errors=True)
