"""A fresh store per test, with the demo meeting (23 July 2025, SSP/12/25–SSP/24/25)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from sspclerk.store import Store
from tests.conftest import demo_meeting


class Clock:
    """An injected clock the test moves on by hand."""

    def __init__(self, start: dt.datetime) -> None:
        self.now = start

    def __call__(self) -> dt.datetime:
        return self.now

    def tick(self, **delta: float) -> None:
        self.now += dt.timedelta(**delta)


@pytest.fixture
def clock() -> Clock:
    return Clock(dt.datetime(2025, 9, 1, 10, 0))


@pytest.fixture
def store(db_path: Path, clock: Clock):
    s = Store.open(db_path, clock=clock)
    yield s
    s.close()


@pytest.fixture
def demo_id(store: Store) -> int:
    return store.add_meeting(demo_meeting())


def _snapshot(store: Store) -> str:
    return "\n".join(store.conn.iterdump())


@pytest.fixture
def snapshot():
    """Every row of every table, to prove that a refused action changed nothing."""
    return _snapshot
