"""Store operations on committees: their wording, municipal year, clerk, membership
and standing items (what every new meeting of the committee starts from).

Mixed into :class:`sspclerk.store.store.Store`, whose helpers (``_tx``, ``_read``,
``db``) it uses.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sspclerk.core.model import Committee, CommitteeKind, Member, Role, StandingItem
from sspclerk.core.text import clean_line, clean_text

from .errors import NotFoundError

if TYPE_CHECKING:
    from .store import Store


class CommitteeOps:
    """Committees and their membership (mixed into Store)."""

    # ------------------------------------------------------------ committees

    def committee_id(self: Store, prefix: str) -> int:
        rows = self._read("SELECT id FROM committees WHERE prefix = ?", [prefix])
        if not rows:
            raise NotFoundError(f"no committee with prefix {prefix!r}")
        return rows[0]["id"]

    def committees(self: Store) -> list[Committee]:
        ids = [r["id"] for r in self._read("SELECT id FROM committees ORDER BY name")]
        return [self.load_committee(i) for i in ids]

    def load_committee(self: Store, committee_id: int) -> Committee:
        rows = self._read("SELECT * FROM committees WHERE id = ?", [committee_id])
        if not rows:
            raise NotFoundError(f"no committee {committee_id}")
        r = rows[0]
        return Committee(
            id=r["id"],
            name=r["name"],
            prefix=r["prefix"],
            outcome_word=r["outcome_word"],
            year_start_month=r["year_start_month"],
            year_start_day=r["year_start_day"],
            organisation=r["organisation"],
            clerk_name=r["clerk_name"],
            kind=CommitteeKind(r["kind"]),
            word_margins_cm=r["word_margins_cm"],
            members=[
                Member(m["name"], m["organisation"], Role(m["role"]))
                for m in self._read(
                    "SELECT * FROM members WHERE committee_id = ? ORDER BY position", [committee_id]
                )
            ],
            standing_items=[
                StandingItem(s["title"], s["agenda_text"])
                for s in self._read(
                    "SELECT * FROM standing_items WHERE committee_id = ? ORDER BY position",
                    [committee_id],
                )
            ],
        )

    def _insert_committee(self: Store, c: Committee) -> int:
        db = self.db
        cid = db["committees"].insert(_committee_values(c)).last_pk
        self._write_committee_lists(cid, c)
        return cid

    def _write_committee_lists(self: Store, cid: int, c: Committee) -> None:
        db = self.db
        self.conn.execute("DELETE FROM members WHERE committee_id = ?", [cid])
        self.conn.execute("DELETE FROM standing_items WHERE committee_id = ?", [cid])
        db["members"].insert_all(
            {
                "committee_id": cid,
                "position": i,
                "name": clean_line(m.name),
                "organisation": clean_line(m.organisation),
                "role": Role(m.role).value,
            }
            for i, m in enumerate(c.members)
        )
        db["standing_items"].insert_all(
            {
                "committee_id": cid,
                "position": i,
                "title": clean_line(s.title),
                "agenda_text": clean_text(s.agenda_text),
            }
            for i, s in enumerate(c.standing_items)
        )

    def save_committee(self: Store, c: Committee) -> int:
        """Create the committee, or update the one with the same id/prefix; returns its id."""
        with self._tx():
            existing = self._read(
                "SELECT id FROM committees WHERE id = ? OR prefix = ?", [c.id, c.prefix]
            )
            if not existing:
                return self._insert_committee(c)
            cid = existing[0]["id"]
            self.db["committees"].update(
                cid,
                _committee_values(c),
            )
            self._write_committee_lists(cid, c)
            return cid


def _committee_values(c: Committee) -> dict[str, object]:
    """The committees row for ``c``, one-line fields cleaned (insert and update alike)."""
    return {
        "name": clean_line(c.name),
        "prefix": clean_line(c.prefix),
        "outcome_word": c.outcome_word,
        "year_start_month": c.year_start_month,
        "year_start_day": c.year_start_day,
        "organisation": clean_line(c.organisation),
        "clerk_name": clean_line(c.clerk_name),
        "kind": CommitteeKind(c.kind).value,
        "word_margins_cm": float(c.word_margins_cm),
    }
