"""tools/keyboard_drill.sh: a whole meeting from the keyboard alone in a real X session
(Xvfb + xdotool, the xcb platform, a real window manager-less display), answering the
window's questions and handing the keyboard back, with undo and redo along the way;
then SIGKILL, and the store is read."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from sspclerk.store import Store
from tests.conftest import ROOT, cli_env, demo_meeting

DRILL = ROOT / "tools" / "keyboard_drill.sh"


@pytest.mark.slow
def test_a_whole_meeting_from_the_keyboard_with_undo_survives_kill_9(tmp_path: Path) -> None:
    missing = [tool for tool in ("Xvfb", "xdotool") if shutil.which(tool) is None]
    if missing:
        pytest.skip(f"needs {' and '.join(missing)} (.ci/run installs xvfb and xdotool)")
    env = cli_env(DRILL_DIR=str(tmp_path))
    env.pop("QT_QPA_PLATFORM", None)  # the drill runs the window on the X display
    done = subprocess.run(
        ["bash", str(DRILL), str(tmp_path / "drill.png"), sys.executable],
        env=env,
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert "status: concluded" in done.stdout, done.stdout + done.stderr[-3000:]
    demo = demo_meeting()
    with Store.open(tmp_path / "drill.sqlite", readonly=True) as store:
        assert store.integrity_check() == ["ok"]
        m = store.load_meeting(1)
        journal = store.operations(1)
    items = {i.number: i for i in m.items}
    before = {i.number: i for i in demo.items}
    assert m.started_at is not None and m.ended_at is not None
    assert [a.name for a in m.attendance] == [
        "Cllr Jane Ashby",
        "Supt. Mark Ellwood",
        "Tom Rennard",
    ]
    # Typing reached the store, in the right items.
    assert items["SSP/12/25"].minutes.endswith(" The chair reminded members of the fire exits.")
    assert items["SSP/15/25"].minutes.endswith("- shop theft down 12%\n- rise in cycle theft\n")
    # Ctrl+4 undone; "noted" again refused at the question; a second "noted" meant (Yes).
    for number in ("SSP/15/25", "SSP/16/25"):
        assert [o.text for o in items[number].outcomes] == [o.text for o in before[number].outcomes]
    assert [o.text for o in items["SSP/24/25"].outcomes][-1] == "AGREED that the report be noted."
    # The declaration undone then redone; Alt+Down in its form moved nothing.
    assert [(d.name, d.item) for d in m.declarations] == [("Cllr Jane Ashby", "SSP/16/25")]
    assert [(i.number, i.title) for i in m.items] == [(i.number, i.title) for i in demo.items]
    # Restricted by mistake and taken back; the action kept.
    assert items["SSP/17/25"].restricted is False
    assert [a.text for a in items["SSP/17/25"].actions] == ["Circulate the plan to partners"]
    # Looking ahead stamped nothing: SSP/17/25 began where SSP/16/25 ended.
    assert items["SSP/17/25"].started_at == items["SSP/16/25"].ended_at
    undone = [op.label for op in journal if op.undone]
    assert undone == []  # a later change ended the redo of each undo
    labels = [op.label for op in journal]
    assert "outcome ‘AGREED that the recommendations be approved.’ on SSP/15/25" not in labels
    assert "declaration by Cllr Jane Ashby on SSP/16/25" in labels
