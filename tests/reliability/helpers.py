"""What the reliability drills share: a store with text in it, the CLI as a child process."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from sspclerk.store import Store
from tests.conftest import cli_env, demo_meeting

#: Text the clerk "typed"; every drill checks it is still there afterwards.
PRECIOUS = "Members AGREED that Cllr Ŵyn Jones's motion be noted — 23ᵗʰ July, £1,200."


def demo_store(path: Path, minutes: str = PRECIOUS) -> tuple[int, int]:
    """A store holding the demo meeting with ``minutes`` typed into its first item."""
    with Store.open(path) as store:
        meeting_id = store.add_meeting(demo_meeting())
        item_id = store.load_meeting(meeting_id).items[0].id
        store.set_item_fields(item_id, minutes=minutes)
    return meeting_id, item_id  # type: ignore[return-value]


def minutes_of(path: Path, item_id: int) -> str:
    with Store.open(path, readonly=True) as store:
        assert store.integrity_check() == ["ok"]
        for item in store.load_meeting(store.latest_meeting_id()).items:  # type: ignore[arg-type]
            if item.id == item_id:
                return item.minutes
    raise AssertionError(f"item {item_id} is gone")


def run_cli(
    *args: str | Path,
    timeout: float = 60,
    preexec: Callable[[], None] | None = None,
    **env: str,
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "sspclerk", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=cli_env(**env),
        preexec_fn=preexec,
        cwd=str(Path(__file__).resolve().parents[2]),
    )


def assert_one_clear_line(proc: subprocess.CompletedProcess[str], *words: str) -> str:
    """Exit 2, one `sspclerk: ...` line on stderr naming the problem, never a traceback."""
    assert "Traceback" not in proc.stderr, proc.stderr
    assert proc.returncode == 2, (proc.returncode, proc.stdout, proc.stderr)
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith("sspclerk: "), lines[0]
    for word in words:
        assert word.lower() in lines[0].lower(), (word, lines[0])
    return lines[0]
