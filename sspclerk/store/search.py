"""Finding typed words across every meeting: the FTS5 index and its queries.

Mixed into :class:`sspclerk.store.store.Store`, whose ``_read`` it uses; every
write that changes an item's title, minutes, outcomes or actions calls
``_reindex`` inside its own transaction.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

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

    # ------------------------------------------------------------ search

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
        self.conn.execute("DELETE FROM search_index WHERE rowid = ?", [item_id])
        self.conn.execute(
            "INSERT INTO search_index (rowid, item_id, meeting_id, title, minutes, outcomes, actions)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            [r["id"], r["id"], r["meeting_id"], r["title"], r["minutes"], outcomes, actions],
        )

    def search(self: Store, text: str, limit: int = 50) -> list[SearchHit]:
        """Items whose title, minutes, outcomes or actions contain every word typed.

        The words are first matched whole (fast even for common words); only if that
        finds fewer than ``limit`` items are they matched as prefixes too, so a word
        still being typed, or clipped, finds its item after the whole-word hits.
        See ``_search_query`` for the ranking.
        """
        full = fts_query(text)
        if not full:
            return []
        whole = " ".join(p.removesuffix("*") for p in full.split(" "))
        hits = self._search_query(whole, limit)
        if whole != full and len(hits) < limit:
            seen = {h.item_id for h in hits}
            hits += [h for h in self._search_query(full, limit) if h.item_id not in seen]
        return hits[:limit]

    def _search_query(self: Store, query: str, limit: int) -> list[SearchHit]:
        """Ranked by relevance (bm25, titles weighted highest).  When the words are so
        common that more than SEARCH_RANK_CAP items match, ranking them all would take
        most of a second on a ten-year store; the newest matches come first instead
        (rowid = item id).  Either way FTS5 hands the rows over in order, so snippets
        are made only for the rows shown.
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
            f"""SELECT s.item_id, s.meeting_id, m.date, c.name, i.number, i.title,
                      snippet(search_index, -1, '{HIT_START}', '{HIT_END}', '…', 14) AS snip
               FROM search_index s
               JOIN items i ON i.id = s.item_id
               JOIN meetings m ON m.id = s.meeting_id
               JOIN committees c ON c.id = m.committee_id
               WHERE search_index MATCH ? {rank}
               ORDER BY {order}
               LIMIT ?""",
            [query, limit],
        )
        return [
            SearchHit(
                r["meeting_id"],
                _date(r["date"]),
                r["name"],
                r["item_id"],
                r["number"],  # type: ignore[arg-type]
                r["title"],
                r["snip"],
            )
            for r in rows
        ]


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
