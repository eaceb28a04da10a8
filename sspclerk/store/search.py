"""Finding typed words across every meeting: the FTS5 index and its queries.

Mixed into :class:`sspclerk.store.store.Store`, whose ``_read`` it uses; every
write that changes an item's title, minutes, outcomes or actions calls
``_reindex`` inside its own transaction.

An item is found when every word typed is somewhere in its text.  FTS5's
``snippet()`` and its ranking read every occurrence of the words in a row, so
their cost grows with the row (``snippet()`` with its square: a 1 MB note once
took 25 s).  So a long item (text over ``PIECES_OVER`` characters: a pasted
transcript) is kept differently: its text, cut into pieces of about ``PIECE``
characters, is in ``search_pieces`` (rowid = item id << PIECE_BITS | piece),
``search_long`` lists it, and its ``search_index`` row holds only each field's
first piece.  A search ranks the ordinary rows as before, then asks each long item
whether it holds every word (a seek into its pieces per word) and makes its
snippet from the first piece holding them.  A search, an autosave and a snippet
then cost the same for a 50 MB note as for a short one; what grows is the number
of long items, not their length.  An item number typed as such (``SSP/15/25``)
finds the item with that number.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import zip_longest
from typing import TYPE_CHECKING

from sspclerk.core.numbering import parse_number
from sspclerk.core.text import clean_line

from .common import _date

if TYPE_CHECKING:
    from .store import Store

HIT_START, HIT_END = "\x02", "\x03"

#: Up to this many matching items are ranked by relevance; beyond, newest first.
SEARCH_RANK_CAP = 1000
#: bm25 weights per column: item_id, meeting_id, title, minutes, outcomes, actions.
SEARCH_WEIGHTS = "bm25(0, 0, 4.0, 1.0, 2.0, 1.0)"
#: The most words of a search box used (see fts_query).
MAX_SEARCH_WORDS = 12
#: An item whose indexed text is longer than this gets its snippets from pieces.
PIECES_OVER = 8_000
#: About how long a piece is (cut at a space or line break where there is one).
PIECE = 2_000
#: Piece n of item i has rowid ``i << PIECE_BITS | n`` in search_pieces.
PIECE_BITS = 20
#: The text shown for an item found by its number alone, in characters.
OPENING = 160


@dataclass(frozen=True)
class SearchHit:
    """One item found by a search, with where it is and the words around the match."""

    meeting_id: int
    meeting_date: dt.date
    committee: str
    item_id: int
    item_number: str
    item_title: str
    #: Matched words wrapped in HIT_START / HIT_END (control characters never stored).
    snippet: str

    def snippet_marked(self, start: str = "[", end: str = "]") -> str:
        return self.snippet.replace(HIT_START, start).replace(HIT_END, end)


class SearchOps:
    """Search over the index (mixed into Store)."""

    # ------------------------------------------------------------ indexing

    def _reindex(self: Store, item_id: int) -> None:
        r = self._read("SELECT id, meeting_id, title, minutes FROM items WHERE id = ?", [item_id])[
            0
        ]
        outcomes = " ".join(
            x[0]
            for x in self._read(
                "SELECT text FROM outcomes WHERE item_id = ? ORDER BY position", [item_id]
            )
        )
        actions = " ".join(
            f"{x[0]} {x[1]}"
            for x in self._read(
                "SELECT text, owner FROM actions WHERE item_id = ? ORDER BY position", [item_id]
            )
        )
        index_item(
            self.conn, item_id, r["meeting_id"], (r["title"], r["minutes"], outcomes, actions)
        )

    def _unindex(self: Store, item_id: int) -> None:
        """Take an item that is being deleted out of the index."""
        index_item(self.conn, item_id, None, ())

    # ------------------------------------------------------------ search

    def search(self: Store, text: str, limit: int = 50) -> list[SearchHit]:
        """Items whose title, minutes, outcomes or actions contain every word typed.

        The words are first matched whole (fast even for common words); only if that
        finds fewer than ``limit`` items are they matched as prefixes too, so a word
        still being typed, or clipped, finds its item after the whole-word hits.
        An item number among the words (``SSP/15/25``) first finds the item with
        that number (holding the other words), then any item whose text names it.
        In each pass the ranked items come first (``_search_query``), then long
        items holding every word, newest first.
        """
        hits = self._number_hits(text, limit)
        full = fts_query(text)
        if not full:
            return hits[:limit]
        whole = " ".join(p.removesuffix("*") for p in full.split(" "))
        for query in dict.fromkeys((whole, full)):
            seen = {h.item_id for h in hits}
            if len(hits) < limit:
                hits += [h for h in self._search_query(query, limit) if h.item_id not in seen]
            if len(hits) < limit:
                seen = {h.item_id for h in hits}
                hits += self._long_hits(query, limit - len(hits), seen)
        return hits[:limit]

    def _search_query(self: Store, query: str, limit: int) -> list[SearchHit]:
        """Ranked by relevance (bm25, titles weighted highest).  When the words are so
        common that more than SEARCH_RANK_CAP items match, ranking them all would take
        most of a second on a ten-year store; the newest matches come first instead
        (rowid = item id).  Either way FTS5 hands the rows over in order, so snippets
        are made only for the rows shown (from pieces for a long item).
        """
        many = self._read(
            "SELECT rowid FROM search_index WHERE search_index MATCH ? ORDER BY rowid DESC "
            "LIMIT 1 OFFSET ?",
            [query, SEARCH_RANK_CAP],
        )
        if many:
            order, rank = "s.rowid DESC", ""
        else:
            order, rank = "s.rank", f"AND s.rank MATCH '{SEARCH_WEIGHTS}'"
        rows = self._read(
            f"""SELECT s.rowid AS item_id, i.meeting_id, m.date, c.name, i.number, i.title,
                      b.item_id IS NOT NULL AS long,
                      CASE WHEN b.item_id IS NULL THEN
                          snippet(search_index, -1, '{HIT_START}', '{HIT_END}', '…', 14)
                      END AS snip
               FROM search_index s
               JOIN items i ON i.id = s.rowid
               JOIN meetings m ON m.id = i.meeting_id
               JOIN committees c ON c.id = m.committee_id
               LEFT JOIN search_long b ON b.item_id = s.rowid
               WHERE search_index MATCH ? {rank}
               ORDER BY {order}
               LIMIT ?""",
            [query, limit],
        )
        return [
            self._hit(r, self._piece_snippet(r["item_id"], query) if r["long"] else r["snip"])
            for r in rows
        ]

    def _long_hits(self: Store, query: str, limit: int, seen: set[int]) -> list[SearchHit]:
        """Long items holding every word somewhere in their pieces, newest first."""
        phrases = query.split(" ")
        found = []
        for (item_id,) in self._read("SELECT item_id FROM search_long ORDER BY item_id DESC"):
            if len(found) == limit:
                break
            if item_id not in seen and all(self._holds(item_id, p) for p in phrases):
                found.append(item_id)
        return [self._hit(r, self._piece_snippet(r["item_id"], query)) for r in self._rows(found)]

    def _holds(self: Store, item_id: int, phrase: str) -> bool:
        lo, hi = _piece_range(item_id)
        return bool(
            self._read(
                "SELECT rowid FROM search_pieces WHERE search_pieces MATCH ? "
                "AND rowid BETWEEN ? AND ? LIMIT 1",
                [phrase, lo, hi],
            )
        )

    def _rows(self: Store, item_ids: Sequence[int]) -> list[sqlite3.Row]:
        """What a hit shows of each item, in the order given."""
        if not item_ids:
            return []
        marks = ",".join("?" * len(item_ids))
        rows = self._read(
            f"""SELECT i.id AS item_id, i.meeting_id, m.date, c.name, i.number, i.title
                FROM items i
                JOIN meetings m ON m.id = i.meeting_id
                JOIN committees c ON c.id = m.committee_id
                WHERE i.id IN ({marks})""",
            item_ids,
        )
        by_id = {r["item_id"]: r for r in rows}
        return [by_id[i] for i in item_ids if i in by_id]

    @staticmethod
    def _hit(r: sqlite3.Row, snippet: str) -> SearchHit:
        return SearchHit(
            r["meeting_id"],
            _date(r["date"]),  # type: ignore[arg-type]
            r["name"],
            r["item_id"],
            r["number"],
            r["title"],
            snippet,
        )

    def _piece_snippet(self: Store, item_id: int, query: str) -> str:
        """The words around the match in a long item, from the first piece holding them:
        all the words if one piece has them all, else any of them."""
        lo, hi = _piece_range(item_id)
        phrases = query.split(" ")
        whole = [p.removesuffix("*") for p in phrases]
        # Whole words first: FTS5 seeks to the item's pieces for them.
        for q in dict.fromkeys((" ".join(whole), " OR ".join(whole), " OR ".join(phrases))):
            rows = self._read(
                f"""SELECT snippet(search_pieces, -1, '{HIT_START}', '{HIT_END}', '…', 14)
                    FROM search_pieces WHERE search_pieces MATCH ? AND rowid BETWEEN ? AND ?
                    LIMIT 1""",
                [q, lo, hi],
            )
            if rows:
                return rows[0][0]
        return ""

    def _number_hits(self: Store, text: str, limit: int) -> list[SearchHit]:
        """Items whose number is typed in the search (``SSP/15/25``, any case), holding
        the other words typed too; their opening words as the snippet."""
        numbers, others = [], []
        for word in clean_line(text).split():
            parsed = parse_number(word)
            if parsed is None:
                others.append(word)
            else:
                numbers.append(str(parsed))
        if not numbers:
            return []
        rest = fts_query(" ".join(others))
        marks = ",".join("?" * len(numbers))
        candidates = [
            r[0]
            for r in self._read(
                f"""SELECT i.id FROM items i JOIN meetings m ON m.id = i.meeting_id
                    WHERE i.number COLLATE NOCASE IN ({marks})
                    ORDER BY m.date DESC, i.id DESC""",
                numbers,
            )
        ]
        if rest:
            candidates = [i for i in candidates if self._holds_all(i, rest)]
        hits = []
        for r in self._rows(candidates[:limit]):
            opening = self._opening(r["item_id"])
            hits.append(self._hit(r, f"{HIT_START}{r['number']}{HIT_END} {opening}".rstrip()))
        return hits

    def _holds_all(self: Store, item_id: int, query: str) -> bool:
        if self._read(
            "SELECT rowid FROM search_index WHERE search_index MATCH ? AND rowid = ?",
            [query, item_id],
        ):
            return True
        long = self._read("SELECT 1 FROM search_long WHERE item_id = ?", [item_id])
        return bool(long) and all(self._holds(item_id, p) for p in query.split(" "))

    def _opening(self: Store, item_id: int) -> str:
        """The first words of an item's minutes (else its agenda text), from the index."""
        rows = self._read(
            f"SELECT substr(minutes, 1, {OPENING}) FROM search_index WHERE rowid = ?", [item_id]
        )
        text = rows[0][0] if rows and rows[0][0] else ""
        if not text:
            rows = self._read(
                f"SELECT substr(agenda_text, 1, {OPENING}) FROM items WHERE id = ?", [item_id]
            )
            text = rows[0][0] if rows else ""
        opening = " ".join(text.split())
        return opening.rsplit(" ", 1)[0] + " …" if len(text) >= OPENING else opening


def _piece_range(item_id: int) -> tuple[int, int]:
    return item_id << PIECE_BITS, ((item_id + 1) << PIECE_BITS) - 1


#: One line or sentence end in this many (by a checksum of the words before it)
#: ends a piece.
_SPARSE = 8


def _chosen_break(text: str, start: int, stop: int) -> int:
    """The end of the first line break or ". " in ``text[start:stop]`` whose last 24
    characters pass the checksum test; -1 when there is none.  (str.find, not a
    regular expression: this runs over the whole of a 50 MB note at every save.)"""
    line, stop_mark = text.find("\n", start, stop), text.find(". ", start, stop)
    while line >= 0 or stop_mark >= 0:
        if stop_mark < 0 or 0 <= line < stop_mark:
            end = line + 1
            line = text.find("\n", end, stop)
        else:
            end = stop_mark + 2
            stop_mark = text.find(". ", end, stop)
        words = text[max(0, end - 24) : end].encode("utf-8", "surrogatepass")
        if zlib.crc32(words) % _SPARSE == 0:
            return end
    return -1


def _word_end(text: str, at: int) -> int:
    """Just past the space or line break ending the word at ``at`` (a word is never cut:
    a search for it would find neither half)."""
    ends = [i for i in (text.find(" ", at), text.find("\n", at)) if i >= 0]
    return min(ends) + 1 if ends else len(text)


def split_pieces(text: str, size: int = PIECE) -> list[str]:
    """``text`` in pieces of at most ``size`` characters that join back into it.

    A piece ends at the first chosen break a quarter of ``size`` or more after its
    start: a line end or ". " whose last 24 characters pass a checksum test (one in
    ``_SPARSE``).  The ends depend on the words there, not on where the piece
    began, so typing in one piece leaves the pieces after it as they were and an
    autosave rewrites a piece or two.  With no chosen break in reach a piece ends
    at its last space or line break; a word longer than a piece is its own piece.
    """
    pieces, start, least = [], 0, size // 4
    while len(text) - start > size:
        end = _chosen_break(text, start + least, start + size)
        if end < 0:
            cut = max(
                text.rfind(" ", start + least, start + size),
                text.rfind("\n", start + least, start + size),
            )
            end = cut + 1 if cut >= 0 else _word_end(text, start + size)
        pieces.append(text[start:end])
        start = end
    if start < len(text) or not pieces:
        pieces.append(text[start:])
    return pieces


def index_item(
    conn: sqlite3.Connection, item_id: int, meeting_id: int | None, columns: tuple[str, ...]
) -> None:
    """Index one item's (title, minutes, outcomes, actions); ``columns=()`` takes it out.

    A long item's row in ``search_index`` holds the first piece of each field, and
    ``search_pieces`` all of them; only the pieces that changed are written, so an
    autosave of a long note re-indexes a piece or two, not the note.
    """
    lo, hi = _piece_range(item_id)
    was_long = conn.execute("SELECT 1 FROM search_long WHERE item_id = ?", [item_id]).fetchone()
    new: list[tuple[str, ...]] = []
    if sum(map(len, columns)) > PIECES_OVER:
        split = [split_pieces(c) for c in columns]
        new = list(zip_longest(*split, fillvalue=""))[: 1 << PIECE_BITS]
    conn.execute("DELETE FROM search_index WHERE rowid = ?", [item_id])
    if columns:
        row = new[0] if new else columns
        conn.execute(
            "INSERT INTO search_index (rowid, item_id, meeting_id, title, minutes, outcomes, "
            "actions) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [item_id, item_id, meeting_id, *row],
        )
    old: dict[int, tuple[str, ...]] = {}
    if was_long:
        for piece in conn.execute(
            "SELECT rowid, title, minutes, outcomes, actions FROM search_pieces "
            "WHERE rowid BETWEEN ? AND ?",
            [lo, hi],
        ):
            old[piece[0]] = tuple(piece[1:])
    for n, piece in enumerate(new):
        rowid = lo + n
        if old.pop(rowid, None) == piece:
            continue
        conn.execute("DELETE FROM search_pieces WHERE rowid = ?", [rowid])
        conn.execute(
            "INSERT INTO search_pieces (rowid, title, minutes, outcomes, actions)"
            " VALUES (?, ?, ?, ?, ?)",
            [rowid, *piece],
        )
    for rowid in old:
        conn.execute("DELETE FROM search_pieces WHERE rowid = ?", [rowid])
    if new and not was_long:
        conn.execute("INSERT INTO search_long (item_id) VALUES (?)", [item_id])
    elif was_long and not new:
        conn.execute("DELETE FROM search_long WHERE item_id = ?", [item_id])


def index_long_items(conn: sqlite3.Connection) -> None:
    """Re-index every long item already in the store (the upgrade to version 4)."""
    rows = conn.execute(
        "SELECT rowid, meeting_id, title, minutes, outcomes, actions FROM search_index "
        "WHERE length(title) + length(minutes) + length(outcomes) + length(actions) > ?",
        [PIECES_OVER],
    ).fetchall()
    for row in rows:
        index_item(conn, row[0], row[1], tuple(x or "" for x in row[2:]))


def fts_query(text: str) -> str:
    """Turn what the clerk typed into a safe FTS5 query: every word, prefix-matched.

    Repeated words are dropped and at most ``MAX_SEARCH_WORDS`` kept: FTS5's
    snippet() costs phrases x matches, and a pasted page of notes as the query
    would otherwise hold the window for minutes.
    """
    words: dict[str, None] = {}
    for raw in clean_line(text).split():
        word = raw.replace('"', "")
        if word.strip("*^-+():") and any(ch.isalnum() for ch in word):
            words[f'"{word}"*'] = None
            if len(words) == MAX_SEARCH_WORDS:
                break
    return " ".join(words)
