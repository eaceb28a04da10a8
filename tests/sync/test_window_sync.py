"""The window's background sync: a real window (offscreen), a real server."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtWidgets import QApplication

from sspclerk.gui import sync_status
from sspclerk.store import Store
from sspclerk.sync import sync_store
from tests.conftest import demo_meeting
from tests.gui.conftest import Windows
from tests.sync.pg import free_port


@pytest.fixture
def windows(qtbot, tmp_path):
    w = Windows(qtbot, tmp_path / "window.sqlite")
    yield w
    for window in reversed(list(w.open_ones)):
        if getattr(window, "team_sync", None) is not None:
            qtbot.waitUntil(lambda win=window: not win.team_sync.running, timeout=30_000)
            window.team_sync.stop()
        if window.autosaver is not None:
            window.autosaver.flush()
        window.autosaver = None
        w.shut(window)


def prepared(path, team=None, clerk="alice") -> None:
    with Store.open(path) as store:
        store.add_meeting(demo_meeting())
        if team is not None:
            sync_store(store, team.address(clerk))


def test_no_server_no_sync(windows, tmp_path) -> None:
    prepared(windows.db_path)
    window = windows.open()
    assert window.team_sync.address is None
    assert window.team_sync.label.isHidden()
    assert not window.store.sync_state().joined  # the single-laptop store journals nothing
    assert "Team server" in window.team_sync_action.text()


def test_synced_in_the_background_and_shows_the_teams_changes(
    windows, team, laptop, qtbot, monkeypatch
) -> None:
    monkeypatch.setattr(sync_status, "QUIET_S", 0.0)
    prepared(windows.db_path, team)
    window = windows.open()
    qtbot.waitUntil(lambda: window.team_sync.label.text().startswith("Synced"), timeout=30_000)
    assert window.team_sync.label.isVisible()
    # Another clerk changes the open meeting's notes elsewhere.
    other = laptop("other")
    sync_store(other, team.address("carol"))
    mid = other.latest_meeting_id()
    target = other.load_meeting(mid).items[4]
    other.set_item_fields(target.id, minutes="Typed by the clerk covering July.")
    sync_store(other, team.address("carol"))
    assert window.team_sync.sync_now()
    qtbot.waitUntil(lambda: not window.team_sync.running, timeout=30_000)
    shown = next(i for i in window.meeting.items if i.title == target.title)
    assert shown.minutes == "Typed by the clerk covering July."
    # And what the clerk types here reaches the other laptop.
    window.go_to_item(window.meeting.items[2].id)
    window.editor.notes.setPlainText("Typed in the window.")
    assert window.save_now()
    assert window.team_sync.sync_now()
    qtbot.waitUntil(lambda: not window.team_sync.running, timeout=30_000)
    sync_store(other, team.address("carol"))
    assert other.load_meeting(mid).items[2].minutes == "Typed in the window."


def test_offline_says_how_much_is_waiting_and_typing_goes_on(windows, qtbot, monkeypatch) -> None:
    prepared(windows.db_path)
    monkeypatch.setenv("SSPCLERK_SERVER", f"postgresql://alice@127.0.0.1:{free_port()}/none")
    window = windows.open()
    qtbot.waitUntil(lambda: window.team_sync.label.text().startswith("Offline"), timeout=30_000)
    assert "changes waiting" in window.team_sync.label.text()
    assert window.banner.isHidden()  # being offline is no problem to shout about
    window.editor.notes.setPlainText("Still typing with no network.")
    assert window.save_now()
    with Store.open(windows.db_path, readonly=True) as store:
        assert "Still typing with no network." in [
            i.minutes for i in store.load_meeting(store.latest_meeting_id()).items
        ]


def test_a_refused_login_is_a_banner(windows, team, qtbot, monkeypatch) -> None:
    prepared(windows.db_path)
    monkeypatch.setenv("SSPCLERK_SERVER", team.url("nobody"))
    window = windows.open()
    qtbot.waitUntil(lambda: window.banner.isVisible(), timeout=30_000)
    assert "Team sync" in window.banner.text() and "nobody" in window.banner.text()
    assert window.team_sync.label.text().startswith("Offline")


def test_the_exchange_runs_off_the_main_thread_while_typing_saves(
    windows, team, qtbot, monkeypatch
) -> None:
    prepared(windows.db_path, team)
    from sspclerk.sync import engine

    real = engine.run_exchange
    inside, release = threading.Event(), threading.Event()
    threads: list[str] = []

    def slow(address, out, on_step=None):
        threads.append(threading.current_thread().name)
        inside.set()
        release.wait(30)
        return real(address, out, on_step)

    monkeypatch.setattr(engine, "run_exchange", slow)
    window = windows.open()
    window.team_sync._soon.stop()
    qtbot.waitUntil(lambda: not window.team_sync.running, timeout=5000)
    assert window.team_sync.sync_now()
    assert inside.wait(10)
    try:
        # The network is "slow": the window still takes and saves what is typed.
        window.editor.notes.setPlainText("Typed during a slow sync.")
        qtbot.waitUntil(lambda: "All changes saved" in window.save_state.text(), timeout=5000)
        assert window.team_sync.label.text() == "Syncing…"
    finally:
        release.set()
    qtbot.waitUntil(lambda: not window.team_sync.running, timeout=30_000)
    assert threads == ["sspclerk-sync"]
    assert QApplication.instance() is not None
    # The change typed during the slow sync was journalled and goes with the next.
    assert window.store.sync_state().waiting >= 1
    assert window.team_sync.sync_now()
    qtbot.waitUntil(lambda: not window.team_sync.running, timeout=30_000)
    assert window.store.sync_state().waiting == 0


def test_a_first_sync_too_big_for_the_background_is_left_to_the_command_line(
    windows, team, laptop, qtbot, monkeypatch
) -> None:
    monkeypatch.setattr(sync_status, "BACKGROUND_ROWS", 5)
    prepared(windows.db_path)  # a store that never synced: every row waits
    monkeypatch.setenv("SSPCLERK_SERVER", team.url("alice"))
    window = windows.open()
    qtbot.waitUntil(lambda: window.banner.isVisible(), timeout=30_000)
    assert "sspclerk sync" in window.banner.text()
    assert window.team_sync.label.text().startswith("Offline")
    # The other way: a record with more rows than the background takes.
    other = laptop("other")
    other.add_meeting(demo_meeting())
    sync_store(other, team.address("carol"))
    from sspclerk.sync.engine import run_exchange
    from sspclerk.sync.errors import SyncTooBig

    fresh = laptop("fresh")
    fresh.sync_join()
    out = fresh.sync_outgoing()
    out.max_rows = 5
    with pytest.raises(SyncTooBig):
        run_exchange(team.address("alice"), out)
    assert fresh.sync_state().cursor == 0
