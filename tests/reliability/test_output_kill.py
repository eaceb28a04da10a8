"""Export and pack killed half-way: the old file or a whole new one, never half of one.

A child ``python -m sspclerk export … -o TARGET`` (a 1,000-item meeting from the
bad-input corpus, about 140 PDF pages) or ``python -m sspclerk pack … -o TARGET``
(three 150-page papers, a 451-page pack) is killed with SIGKILL at a random moment
between its start and a little after the time a whole run takes.  After each kill:

* the store passes ``integrity_check`` and its content is unchanged (a dump's hash);
* TARGET is byte-for-byte the previous good file, or (the child finished first) a
  whole new one: it opens, has the expected pages or paragraphs, and ends as it should;
* anything else left in the folder is a temporary file named as one
  (``.TARGET.<random>.tmp`` / ``.partial``) — counted and printed — and the
  clean-up of the next write removes every one of them once it is an hour old.

``SSPCLERK_OUTPUT_KILL_ROUNDS`` sets the rounds per output (default 7).
"""

from __future__ import annotations

import hashlib
import os
import random
import re
import secrets
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from sspclerk.store import Store
from tests.badinput.corpus import meeting_with_items
from tests.conftest import cli_env, demo_meeting
from tests.pack.samples import paper

ROUNDS = int(os.environ.get("SSPCLERK_OUTPUT_KILL_ROUNDS", "7"))
ROOT = Path(__file__).resolve().parents[2]


def _cli(*args: str | Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "sspclerk", *map(str, args)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=cli_env(),
        cwd=str(ROOT),
    )


def _store_state(db: Path) -> str:
    with Store.open(db, readonly=True) as store:
        assert store.integrity_check() == ["ok"]
        dump = "\n".join(store.conn.iterdump())
    return hashlib.sha256(dump.encode("utf-8", "surrogatepass")).hexdigest()


def _pdf_shape(path: Path) -> tuple[int, str]:
    from pypdf import PdfReader

    reader = PdfReader(path)
    return len(reader.pages), reader.pages[-1].extract_text()


def _docx_shape(path: Path) -> tuple[int, str]:
    import docx

    doc = docx.Document(str(path))
    texts = [p.text for p in doc.paragraphs]
    return len(texts), texts[-1]


def _strays(folder: Path, target: Path, keep: set[str]) -> tuple[list[str], list[str]]:
    """(temporary files named as sspclerk.files names them, anything else).

    Only the names the clean-up knows: the pack once left pikepdf's own temporary
    (".pikepdf." + our name + letters), which nothing ever removed.
    """
    temp = re.compile(rf"^\.{re.escape(target.name)}\.[A-Za-z0-9_]+\.(tmp|partial)$")
    named, other = [], []
    for entry in folder.iterdir():
        if entry.name == target.name or entry.name in keep:
            continue
        (named if temp.match(entry.name) else other).append(entry.name)
    return named, other


def _cleaned_up(folder: Path, target: Path, named: list[str]) -> None:
    """Once an hour old, every temporary a kill left is removed by the next write."""
    from sspclerk.files import STALE_AFTER_S, remove_stale_temps

    old = time.time() - STALE_AFTER_S - 60
    for name in named:
        os.utime(folder / name, (old, old))
    for suffix in (".tmp", ".partial"):
        remove_stale_temps(target, suffix)
    assert not [n for n in named if (folder / n).exists()], named


def _drill(
    tmp_path: Path,
    db: Path,
    command: list[str | Path],
    target: Path,
    shape: Callable[[Path], tuple[int, str]],
    seed: int,
) -> tuple[int, int, int]:
    """(kills that left the old file, runs that finished first, temporary files left)."""
    rnd = random.Random(seed)
    before = _store_state(db)
    start = time.monotonic()
    whole = _cli(*command, "-o", target)
    assert whole.wait(timeout=120) == 0, f"seed {seed}: the first run failed"
    full_time = time.monotonic() - start
    expected = shape(target)
    assert expected[0] > 0
    good = target.read_bytes()
    # The store and what SQLite keeps beside it (a killed reader leaves its -wal/-shm).
    keep = {p.name for p in tmp_path.iterdir()} - {target.name}
    keep |= {f"{db.name}{suffix}" for suffix in ("-wal", "-shm", "-journal", ".lock")}
    old_kept = finished = 0
    for round_no in range(ROUNDS):
        proc = _cli(*command, "-o", target)
        try:
            time.sleep(rnd.uniform(0.05, full_time * 1.1))
            proc.send_signal(signal.SIGKILL)
            proc.wait(timeout=30)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait(timeout=30)
        where = f"seed {seed} round {round_no} ({' '.join(map(str, command[:3]))})"
        assert proc.returncode in (0, -signal.SIGKILL), (where, proc.returncode)
        assert _store_state(db) == before, f"{where}: the store changed"
        now = target.read_bytes()
        if now == good:
            old_kept += proc.returncode != 0
            finished += proc.returncode == 0
        else:  # must be a whole new file, written by a run that got to the end
            assert shape(target) == expected, f"{where}: TARGET is neither old nor whole"
            good = now
            finished += 1
        named, other = _strays(tmp_path, target, keep)
        assert not other, f"{where}: files left that are not named as temporary: {other}"
    named, _ = _strays(tmp_path, target, keep)
    _cleaned_up(tmp_path, target, named)
    return old_kept, finished, len(named)


@pytest.fixture
def seed() -> int:
    value = int(os.environ.get("SSPCLERK_DRILL_SEED", secrets.randbits(32)))
    print(f"output kill drill seed {value}")
    return value


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_export_killed_half_way_leaves_the_old_file_or_a_whole_new_one(tmp_path, seed, fmt):
    db = tmp_path / "meetings.sqlite"
    with Store.open(db) as store:
        meeting_id = store.add_meeting(meeting_with_items(1000))
    shape = _pdf_shape if fmt == "pdf" else _docx_shape
    target = tmp_path / f"minutes.{fmt}"
    old, finished, temps = _drill(
        tmp_path,
        db,
        ["--db", db, "export", str(meeting_id), "--format", fmt],
        target,
        shape,
        seed,
    )
    print(
        f"export {fmt}: {ROUNDS} kills, {old} left the old file, {finished} finished; "
        f"{temps} temporary files left"
    )
    assert old + finished == ROUNDS
    assert old >= 1, f"seed {seed}: no kill landed before the end of the write"


def test_pack_killed_half_way_leaves_the_old_file_or_a_whole_new_one(tmp_path, seed):
    import shutil

    db = tmp_path / "meetings.sqlite"
    papers = tmp_path / "papers"
    papers.mkdir()
    with Store.open(db) as store:
        meeting_id = store.add_meeting(demo_meeting())
    for tag in "ABC":
        pdf = papers / f"paper{tag}.pdf"
        pdf.write_bytes(paper(f"KILL{tag}", 150, body_lines=30))
        attach = _cli("--db", db, "attach", str(meeting_id), "SSP/15/25", pdf)
        assert attach.wait(timeout=60) == 0
    shutil.rmtree(papers)
    target = tmp_path / "agenda-pack.pdf"
    old, finished, temps = _drill(
        tmp_path, db, ["--db", db, "pack", str(meeting_id)], target, _pdf_shape, seed
    )
    pages, last = _pdf_shape(target)
    assert pages == 451 and "MARK-KILLC-p150" in last
    print(
        f"pack: {ROUNDS} kills, {old} left the old file, {finished} finished; "
        f"{temps} temporary files left"
    )
    assert old + finished == ROUNDS
    assert old >= 1, f"seed {seed}: no kill landed before the end of the write"


@pytest.mark.parametrize("kind", ["export", "pack"])
def test_the_next_run_removes_temporaries_a_killed_writer_left(tmp_path, kind):
    """Only this target's own temporary names, and only when older than an hour."""
    db = tmp_path / "meetings.sqlite"
    with Store.open(db) as store:
        meeting_id = store.add_meeting(demo_meeting())
    target = tmp_path / ("minutes.pdf" if kind == "export" else "agenda-pack.pdf")
    suffix = ".tmp" if kind == "export" else ".partial"
    stale = tmp_path / f".{target.name}.k1ll3d_x{suffix}"
    fresh = tmp_path / f".{target.name}.st1llrunn1ng{suffix}"  # a writer running now
    other = tmp_path / f".other.pdf.k1ll3d_x{suffix}"  # another target's
    look_alike = tmp_path / f"{target.name}.k1ll3d{suffix}"  # not our name pattern
    hour_ago = time.time() - 2 * 3600
    for path in (stale, fresh, other, look_alike):
        path.write_bytes(b"half a file")
    for path in (stale, other, look_alike):
        os.utime(path, (hour_ago, hour_ago))
    if kind == "export":
        command = ["--db", db, "export", str(meeting_id), "--format", "pdf", "-o", target]
    else:
        command = ["--db", db, "pack", str(meeting_id), "-o", target]
    assert _cli(*command).wait(timeout=120) == 0
    assert target.exists()
    assert not stale.exists()
    assert fresh.exists() and other.exists() and look_alike.exists()
