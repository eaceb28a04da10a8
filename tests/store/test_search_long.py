"""Search over huge notes and by item number (store version 4, store/search.py).

A long item's text is in pieces, its main index row holds only the first piece of
each field, and a search asks it word by word: these tests prove what is found
(every word anywhere, prefixes, words pages apart), what is shown (the words
around the match), that the pieces always equal the text after edits, shrinking
and deletion, that an edit rewrites a piece or two (not the note), that an item
number finds its item, and that a version 3 store with a long note is upgraded.
Speed is bench/bench_search.py's, never asserted here.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from sspclerk.store import Store
from sspclerk.store.schema import CURRENT_VERSION, MIGRATIONS
from sspclerk.store.search import PIECE, PIECE_BITS, PIECES_OVER, split_pieces
from tests.conftest import demo_meeting

WORDS = [
    "partners",
    "noted",
    "the",
    "figures",
    "and",
    "the",
    "police",
    "update",
    "on",
    "town",
    "centre",
    "patrols",
]


def long_note(size: int, seed: int = 1) -> str:
    """Lines of partnership words, each different (a counter and a varying order)."""
    out, n, i, line_no = [], 0, seed, 0
    while n < size:
        i = (i * 7919 + 13) % 104729
        line_no += 1
        words = [WORDS[(i * (k + 3)) % len(WORDS)] for k in range(4 + i % 9)]
        line = f"Line {line_no}: " + " ".join(words) + (".\n" if i % 3 else ". ")
        out.append(line)
        n += len(line)
    return "".join(out)


@pytest.fixture
def store(tmp_path: Path):
    with Store.open(tmp_path / "meetings.sqlite") as s:
        s.add_meeting(demo_meeting())
        yield s


def _item(store: Store, number: str) -> int:
    return store.load_meeting(1).item(number).id  # type: ignore[return-value]


def _pieces(store: Store, item_id: int) -> list[tuple[int, str]]:
    lo = item_id << PIECE_BITS
    return [
        (r[0] - lo, r[1])
        for r in store._read(
            "SELECT rowid, minutes FROM search_pieces WHERE rowid BETWEEN ? AND ? ORDER BY rowid",
            [lo, lo + (1 << PIECE_BITS) - 1],
        )
    ]


def test_a_word_deep_in_a_long_note_is_found_with_the_words_around_it(store):
    item = _item(store, "SSP/15/25")
    note = long_note(300_000) + "The marmalade contract was noted.\n" + long_note(50_000, 2)
    store.set_item_fields(item, minutes=note)
    hits = store.search("marmalade")
    assert [h.item_id for h in hits] == [item]
    assert "[marmalade] contract" in hits[0].snippet_marked()
    # Every word anywhere in the item: one in the title, one 300 KB into the notes.
    title_word = store.load_meeting(1).item("SSP/15/25").title.split()[-1]
    assert [h.item_id for h in store.search(f"{title_word} marmalade")] == [item]
    assert store.search("marmalade nothingmatchesthis") == []
    # A clipped word (matched as a prefix once whole words find too few).
    assert item in [h.item_id for h in store.search("marmal")]
    # The long item's main row holds its first piece only: its cost does not grow.
    row = store._read("SELECT minutes FROM search_index WHERE rowid = ?", [item])[0][0]
    assert len(row) <= PIECE and note.startswith(row)


def test_the_pieces_are_the_text_through_edits_shrinking_and_deleting(store):
    item = _item(store, "SSP/16/25")
    note = long_note(120_000)
    store.set_item_fields(item, minutes=note)
    before = _pieces(store, item)
    assert "".join(p for _, p in before) == note
    assert all(len(p) <= PIECE for _, p in before)
    # Typing in the middle rewrites the piece typed in (and seldom the next), not all.
    middle = len(note) // 2
    edited = note[:middle] + " the clerk's words " + note[middle:]
    store.set_item_fields(item, minutes=edited)
    after = _pieces(store, item)
    assert "".join(p for _, p in after) == edited
    changed = [n for (n, p), (_, q) in zip(before, after, strict=False) if p != q]
    assert 1 <= len(changed) <= 2, changed
    assert store.search("clerk's words")[0].item_id == item
    # Back under the threshold: no pieces, an ordinary row again.
    store.set_item_fields(item, minutes="A short note about patrols.")
    assert _pieces(store, item) == []
    assert store._read("SELECT count(*) FROM search_long")[0][0] == 0
    assert store.search("patrols")[0].item_id == item
    # Long again, then the item goes: its pieces go with it.
    store.set_item_fields(item, minutes=note)
    store.remove_item(item)
    assert _pieces(store, item) == []
    assert store._read("SELECT count(*) FROM search_long")[0][0] == 0
    assert store.search("partners") == [] or item not in {
        h.item_id for h in store.search("partners")
    }


def test_deleting_a_meeting_takes_its_long_items_pieces(store):
    item = _item(store, "SSP/16/25")
    store.set_item_fields(item, minutes=long_note(30_000))
    store.delete_meeting(1)
    assert store._read("SELECT count(*) FROM search_pieces")[0][0] == 0
    assert store._read("SELECT count(*) FROM search_long")[0][0] == 0


def test_split_pieces_keeps_every_character_and_never_cuts_a_word():
    long_word = "x" * 9_000
    for text in ("", "short", long_note(50_000), long_word, f"word {long_word} word " * 300):
        pieces = split_pieces(text)
        assert "".join(pieces) == text
        assert all(len(p) <= PIECE or long_word in p for p in pieces)
        assert all(p.endswith((" ", "\n")) for p in pieces[:-1])
    assert split_pieces(long_word) == [long_word]


def test_a_word_longer_than_a_piece_is_still_found(store):
    item = _item(store, "SSP/17/25")
    word = "y" * 20_000
    store.set_item_fields(item, minutes=f"{long_note(20_000)} {word} end")
    assert [h.item_id for h in store.search(word)] == [item]


def test_an_item_number_finds_its_item_first(store):
    item = _item(store, "SSP/15/25")
    other = _item(store, "SSP/20/25")
    store.set_item_fields(other, minutes="As reported under SSP/15/25, the figures fell.")
    found = [h.item_id for h in store.search("SSP/15/25")]
    assert found[0] == item and other in found
    assert store.search("ssp/15/25")[0].item_id == item
    assert store.search("SSP/15/25")[0].snippet_marked().startswith("[SSP/15/25]")
    # With other words: the item only if it holds them too.
    title_word = store.load_meeting(1).item("SSP/15/25").title.split()[0]
    assert store.search(f"SSP/15/25 {title_word}")[0].item_id == item
    assert item not in [h.item_id for h in store.search("SSP/15/25 nothingmatchesthis")]


def test_a_version_3_store_with_a_long_note_is_upgraded(tmp_path):
    path = tmp_path / "old.sqlite"
    conn = sqlite3.connect(path)
    from sspclerk.store.schema import V1, V2, V3

    conn.executescript(V1 + V2 + V3)
    conn.execute("PRAGMA application_id = 1397968963")
    conn.execute("PRAGMA user_version = 3")
    note = long_note(PIECES_OVER * 5) + "zephyrine\n"
    conn.execute("INSERT INTO committees (id, name, prefix) VALUES (1, 'Test', 'T')")
    conn.execute("INSERT INTO meetings (id, committee_id, date) VALUES (1, 1, '2025-07-23')")
    conn.execute(
        "INSERT INTO items (id, meeting_id, position, number, title, minutes)"
        " VALUES (4, 1, 0, 'T/1/25', 'Long one', ?)",
        [note],
    )
    conn.execute(
        "INSERT INTO search_index (rowid, item_id, meeting_id, title, minutes, outcomes, actions)"
        " VALUES (4, 4, 1, 'Long one', ?, '', '')",
        [note],
    )
    conn.commit()
    conn.close()
    assert len(MIGRATIONS) == CURRENT_VERSION
    with Store.open(path) as s:
        assert s.schema_version == CURRENT_VERSION
        assert "".join(p for _, p in _pieces(s, 4)) == note
        assert [h.item_id for h in s.search("zephyrine")] == [4]
        assert [h.item_id for h in s.search("T/1/25")] == [4]
