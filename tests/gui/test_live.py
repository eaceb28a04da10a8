"""The meeting clock and live stamps on the window's copy of the meeting."""

from __future__ import annotations

import datetime as dt

from sspclerk.core.model import AgendaItem, Committee, Meeting, MeetingStatus
from sspclerk.gui import live

T0 = dt.datetime(2025, 7, 23, 9, 0, 5)


def _meeting() -> Meeting:
    items = [AgendaItem(f"SSP/{n}/25", f"Item {n}") for n in (12, 13, 14)]
    return Meeting(
        Committee("Safer Stockton Partnership", "SSP"), dt.date(2025, 7, 23), items=items
    )


def test_clock_runs_from_the_start_and_names_the_item_under_discussion():
    m = _meeting()
    assert live.clock_text(m, T0) == ("Draft", False)
    live.begin(m, T0)
    live.take_up(m, m.items[0], T0)
    live.take_up(m, m.items[1], T0 + dt.timedelta(minutes=7))
    text, running = live.clock_text(m, T0 + dt.timedelta(hours=1, minutes=2, seconds=3))
    assert running and text == "● In session  1:02:03\nSSP/13/25 for 55 min"
    assert m.items[0].ended_at == T0 + dt.timedelta(minutes=7) and m.current_item() is m.items[1]
    live.begin(m, T0 + dt.timedelta(hours=2))  # a restart keeps the first start
    assert m.started_at == T0
    live.end(m, T0 + dt.timedelta(hours=2, minutes=5))
    assert m.status == MeetingStatus.CONCLUDED and m.current_item() is None
    assert live.clock_text(m, T0) == ("Concluded · 9.00 am – 11.05 am", False)
