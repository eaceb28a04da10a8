"""Random interleavings of edits and syncs on three laptops (hypothesis).

Whatever the order, once every laptop has synced until nothing moves: the stores are
equal, every item any clerk added is there, and no number is given twice in the
committee's municipal year.
"""

from __future__ import annotations

import datetime as dt
import itertools
import shutil
import tempfile
from pathlib import Path

import psycopg
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from sspclerk.core.model import AgendaItem, Outcome
from sspclerk.store import Store
from sspclerk.sync import ServerAddress, sync_store
from tests.conftest import demo_meeting
from tests.sync.conftest import TEMPLATE

LAPTOPS = {"a": "alice", "b": "carol", "c": "alice"}
_dbs = itertools.count(1)

laptop = st.sampled_from(sorted(LAPTOPS))
words = st.text(alphabet="abcdefghij ŵłż", min_size=1, max_size=12)
step = st.one_of(
    st.tuples(st.just("sync"), laptop),
    st.tuples(st.just("notes"), laptop, st.integers(0, 40), words),
    st.tuples(st.just("title"), laptop, st.integers(0, 40), words),
    st.tuples(st.just("outcome"), laptop, st.integers(0, 40), words),
    st.tuples(st.just("urgent"), laptop),
    st.tuples(st.just("draft_item"), laptop, st.integers(0, 5)),
    st.tuples(st.just("move"), laptop, st.integers(0, 40), st.integers(0, 5)),
    st.tuples(st.just("remove"), laptop, st.integers(0, 40)),
    st.tuples(st.just("publish"), laptop),
)


class Run:
    """Three laptops on a fresh team record, for one example."""

    def __init__(self, cluster) -> None:
        self.cluster = cluster
        self.db = f"mix_{next(_dbs)}"
        with psycopg.connect(cluster.admin(), autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {self.db} TEMPLATE {TEMPLATE} STRATEGY FILE_COPY")
        self.folder = Path(tempfile.mkdtemp(prefix="sspclerk-mix-"))
        self.stores = {name: Store.open(self.folder / f"{name}.sqlite") for name in LAPTOPS}
        self.added: set[str] = set()
        self.counter = itertools.count(1)

    def address(self, name: str) -> ServerAddress:
        return ServerAddress.parse(
            f"postgresql://{LAPTOPS[name]}@127.0.0.1:{self.cluster.port}/{self.db}"
        )

    def sync(self, name: str) -> None:
        sync_store(self.stores[name], self.address(name))

    def close(self) -> None:
        for store in self.stores.values():
            store.close()
        shutil.rmtree(self.folder, ignore_errors=True)
        with psycopg.connect(self.cluster.admin(), autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {self.db} WITH (FORCE)")

    def meetings(self, name: str) -> tuple[int, int | None]:
        """The demo meeting (published) and the draft September meeting, if there."""
        store = self.stores[name]
        ms = {m.date: m.id for m in store.list_meetings()}
        return ms[dt.date(2025, 7, 23)], ms.get(dt.date(2025, 9, 24))

    def item(self, name: str, k: int, draft: bool = False):
        published, later = self.meetings(name)
        meeting_id = later if draft and later else published
        items = self.stores[name].load_meeting(meeting_id).items
        return items[k % len(items)] if items else None

    def do(self, s: tuple) -> None:
        kind, name = s[0], s[1]
        store = self.stores[name]
        if kind == "sync":
            self.sync(name)
        elif kind in ("notes", "title"):
            item = self.item(name, s[2], draft=s[2] % 2 == 1)
            if item and item.title not in self.added:
                store.set_item_fields(item.id, **{"minutes" if kind == "notes" else "title": s[3]})
        elif kind == "outcome":
            item = self.item(name, s[2])
            if item:
                store.add_outcome(item.id, Outcome(f"AGREED {s[3]}"))
        elif kind == "urgent":
            title = f"Urgent {name}{next(self.counter)}"
            store.add_item(self.meetings(name)[0], AgendaItem("", title, urgent_reason="Chair"))
            self.added.add(title)
        elif kind == "draft_item":
            later = self.meetings(name)[1]
            if later is not None and not store.load_meeting(later).agenda_published_on:
                title = f"Draft {name}{next(self.counter)}"
                store.add_item(later, AgendaItem("", title), position=s[2])
                self.added.add(title)
        elif kind == "move":
            item = self.item(name, s[2], draft=True)
            later = self.meetings(name)[1]
            if item and later and not store.load_meeting(later).agenda_published_on:
                store.move_item(item.id, s[3])
        elif kind == "remove":
            item = self.item(name, s[2])
            if item and item.title not in self.added and not item.number.endswith("/25"):
                store.remove_item(item.id)
        elif kind == "publish":
            later = self.meetings(name)[1]
            if later is not None and not store.load_meeting(later).agenda_published_on:
                store.publish_agenda(later, on=dt.date(2025, 9, 10))


@settings(
    max_examples=10,
    deadline=None,
    derandomize=True,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(steps=st.lists(step, max_size=12))
def test_any_interleaving_of_edits_and_syncs_ends_equal(cluster, steps) -> None:
    run = Run(cluster)
    try:
        a = run.stores["a"]
        a.add_meeting(demo_meeting())
        a.create_meeting("SSP", dt.date(2025, 9, 24))
        for name in LAPTOPS:
            run.sync(name)
        for s in steps:
            run.do(s)
        for _ in range(3):
            for name in LAPTOPS:
                run.sync(name)
        snaps = [store.shared_snapshot() for store in run.stores.values()]
        assert snaps[0] == snaps[1] == snaps[2]
        for name, store in run.stores.items():
            assert store.sync_state().waiting == 0, name
            titles = {
                i.title for m in store.list_meetings() for i in store.load_meeting(m.id).items
            }
            assert run.added <= titles, run.added - titles
            numbers = [
                i.number
                for m in store.list_meetings()
                for i in store.load_meeting(m.id).items
                if i.number
            ]
            assert len(numbers) == len(set(numbers)), sorted(numbers)
            for m in store.list_meetings():
                assert store.provisional_numbers(m.id) == []
    finally:
        run.close()
