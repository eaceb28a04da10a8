"""Store operations on the rows under an agenda item or a meeting: outcomes,
actions, papers (documents), attendance and declarations.

Rows are changed and removed through ``_update_row`` / ``_remove_row``, so the
edit-lock of approved minutes and the search index are looked after in one place.
Mixed into :class:`sspclerk.store.store.Store`, whose helpers (``_tx``, ``_read``,
``_require_meeting``, ``_item_meeting``, ``_reindex``) it uses.
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING, Any

from sspclerk.core.model import (
    Action,
    ActionStatus,
    Attendance,
    AttendanceStatus,
    Declaration,
    DeclarationCategory,
    Document,
    Outcome,
    OutcomeKind,
    Role,
)
from sspclerk.core.text import clean_line, clean_number, clean_text

from .common import Changed, _iso
from .errors import NotFoundError, RuleError

if TYPE_CHECKING:
    from .store import Store

#: Tables whose rows belong to a meeting; outcomes and actions belong to an item.
MEETING_CHILD_TABLES = ("attendance", "declarations")


class RowOps:
    """Outcomes, actions, papers, attendance and declarations (mixed into Store)."""

    # ------------------------------------------------------------ outcomes and actions

    @staticmethod
    def _outcome_values(o: Outcome) -> dict[str, Any]:
        return {
            "kind": OutcomeKind(o.kind).value,
            "text": clean_text(o.text),
            "votes_for": o.votes_for,
            "votes_against": o.votes_against,
            "abstentions": o.abstentions,
        }

    @classmethod
    def _outcome_row(cls, item_id: int, position: int, o: Outcome) -> dict[str, Any]:
        return {"item_id": item_id, "position": position, **cls._outcome_values(o)}

    @staticmethod
    def _action_values(a: Action) -> dict[str, Any]:
        return {
            "text": clean_text(a.text),
            "owner": clean_line(a.owner),
            "due": _iso(a.due),
            "status": ActionStatus(a.status).value,
        }

    @classmethod
    def _action_row(cls, item_id: int, position: int, a: Action) -> dict[str, Any]:
        return {"item_id": item_id, "position": position, **cls._action_values(a)}

    def _next_position(self: Store, table: str, key: str, value: int) -> int:
        return self._read(
            f"SELECT coalesce(max(position) + 1, 0) FROM {table} WHERE {key} = ?", [value]
        )[0][0]

    def add_outcome(self: Store, item_id: int, outcome: Outcome) -> int:
        with self._tx():
            self._item_meeting(item_id)
            pos = self._next_position("outcomes", "item_id", item_id)
            oid = self.db["outcomes"].insert(self._outcome_row(item_id, pos, outcome)).last_pk
            self._reindex(item_id)
            return oid

    def update_outcome(self: Store, outcome_id: int, outcome: Outcome) -> Changed:
        return self._update_row("outcomes", outcome_id, self._outcome_values(outcome))

    def remove_outcome(self: Store, outcome_id: int) -> Changed:
        return self._remove_row("outcomes", outcome_id)

    def add_action(self: Store, item_id: int, action: Action) -> int:
        with self._tx():
            self._item_meeting(item_id)
            pos = self._next_position("actions", "item_id", item_id)
            aid = self.db["actions"].insert(self._action_row(item_id, pos, action)).last_pk
            self._reindex(item_id)
            return aid

    def update_action(self: Store, action_id: int, action: Action) -> Changed:
        """Change an action; in approved minutes only its status may change (the log
        follows an action long after the minutes that set it were signed)."""
        return self._update_row("actions", action_id, self._action_values(action), free=("status",))

    def remove_action(self: Store, action_id: int) -> Changed:
        return self._remove_row("actions", action_id)

    def _child_item(self: Store, table: str, row_id: int, *, change: bool | None = None) -> int:
        rows = self._read(f"SELECT item_id FROM {table} WHERE id = ?", [row_id])
        if not rows:
            raise NotFoundError(f"no {table[:-1]} with id {row_id}")
        self._item_meeting(rows[0][0], change=change)  # the edit-lock when changing
        return rows[0][0]

    def _update_row(
        self: Store, table: str, row_id: int, values: dict[str, Any], *, free: tuple[str, ...] = ()
    ) -> Changed:
        """Change one outcome, action, attendance or declaration row.

        The edit-lock applies, except that a change to ``free`` fields alone is
        allowed in approved minutes.  Item rows feed the search index, so it follows.
        """
        with self._tx():
            if table in MEETING_CHILD_TABLES:
                meeting_id = self._child_meeting(table, row_id)
                self.db[table].update(row_id, values)
                return Changed(meeting_id, None, table)
            item_id = self._child_item(table, row_id, change=False if free else None)
            if free:
                old = self._read(f"SELECT * FROM {table} WHERE id = ?", [row_id])[0]
                if any(old[k] != v for k, v in values.items() if k not in free):
                    self._item_meeting(item_id, change=True)
            self.db[table].update(row_id, values)
            self._reindex(item_id)
        return Changed(self._item_meeting(item_id), item_id, table)

    def _remove_row(self: Store, table: str, row_id: int) -> Changed:
        """Delete one outcome, action, attendance or declaration row (edit-lock applies)."""
        with self._tx():
            if table in MEETING_CHILD_TABLES:
                meeting_id = self._child_meeting(table, row_id)
                self.conn.execute(f"DELETE FROM {table} WHERE id = ?", [row_id])
                return Changed(meeting_id, None, table)
            item_id = self._child_item(table, row_id)
            self.conn.execute(f"DELETE FROM {table} WHERE id = ?", [row_id])
            self._reindex(item_id)
        return Changed(self._item_meeting(item_id), item_id, table)

    # ------------------------------------------------------------ attendance and declarations

    def _insert_attendance(self: Store, meeting_id: int, position: int, a: Attendance) -> int:
        return (
            self.db["attendance"]
            .insert({"meeting_id": meeting_id, "position": position, **self._attendance_values(a)})
            .last_pk
        )

    @staticmethod
    def _attendance_values(a: Attendance) -> dict[str, Any]:
        return {
            "name": clean_line(a.name),
            "organisation": clean_line(a.organisation),
            "role": Role(a.role).value,
            "status": AttendanceStatus(a.status).value,
            "substitute_for": clean_line(a.substitute_for),
            "arrived_at_item": clean_number(a.arrived_at_item),
            "left_at_item": clean_number(a.left_at_item),
        }

    def add_attendance(self: Store, meeting_id: int, person: Attendance) -> int:
        if not clean_line(person.name).strip():
            raise ValueError("a person in the attendance needs a name")
        with self._tx():
            self._require_meeting(meeting_id)
            pos = self._next_position("attendance", "meeting_id", meeting_id)
            return self._insert_attendance(meeting_id, pos, person)

    def update_attendance(self: Store, attendance_id: int, person: Attendance) -> Changed:
        return self._update_row("attendance", attendance_id, self._attendance_values(person))

    def remove_attendance(self: Store, attendance_id: int) -> Changed:
        return self._remove_row("attendance", attendance_id)

    def _insert_declaration(self: Store, meeting_id: int, position: int, d: Declaration) -> int:
        return (
            self.db["declarations"]
            .insert({"meeting_id": meeting_id, "position": position, **self._declaration_values(d)})
            .last_pk
        )

    @staticmethod
    def _declaration_values(d: Declaration) -> dict[str, Any]:
        return {
            "name": clean_line(d.name),
            "item_number": clean_number(d.item),
            "category": DeclarationCategory(d.category).value,
            "nature": clean_text(d.nature),
            "withdrew": int(d.withdrew),
            "dispensation": int(d.dispensation),
        }

    def add_declaration(self: Store, meeting_id: int, declaration: Declaration) -> int:
        with self._tx():
            self._require_meeting(meeting_id)
            pos = self._next_position("declarations", "meeting_id", meeting_id)
            return self._insert_declaration(meeting_id, pos, declaration)

    def update_declaration(self: Store, declaration_id: int, declaration: Declaration) -> Changed:
        return self._update_row(
            "declarations", declaration_id, self._declaration_values(declaration)
        )

    def remove_declaration(self: Store, declaration_id: int) -> Changed:
        return self._remove_row("declarations", declaration_id)

    def _child_meeting(self: Store, table: str, row_id: int) -> int:
        rows = self._read(f"SELECT meeting_id FROM {table} WHERE id = ?", [row_id])
        if not rows:
            raise NotFoundError(f"no {table} entry with id {row_id}")
        self._require_meeting(rows[0][0])  # the edit-lock inside a write
        return rows[0][0]

    # ------------------------------------------------------------ documents

    def attach_document(
        self: Store,
        item_id: int,
        document: Document,
        content: bytes,
        *,
        fill: int | None = None,
    ) -> int:
        """Keep a copy of the file in the store, so packs never depend on its old path;
        returns the paper's document id.

        A paper the item already lists without a file (an imported agenda lists its
        papers so) is filled rather than listed twice: the one named by ``fill``, else
        the one whose title matches ``document.title``.  The same file twice on one item
        (a second drop, a double click) would print twice in the pack: it is refused,
        naming the paper it already is.
        """
        digest = hashlib.sha256(content).hexdigest()
        with self._tx():
            self._item_meeting(item_id)
            same = self._read(
                """SELECT d.title, i.number FROM documents d JOIN items i ON i.id = d.item_id
                   WHERE d.item_id = ? AND d.sha256 = ?""",
                [item_id, digest],
            )
            if same:
                name = clean_line(document.filename) or "this file"
                raise RuleError(
                    f"{name} is already attached to {same[0][1]} as “{same[0][0]}”; "
                    "not attached again"
                )
            listed = self._listed_paper(item_id, document.title, fill)
            self.conn.execute(
                "INSERT OR IGNORE INTO document_files (sha256, content) VALUES (?, ?)",
                [digest, content],
            )
            values = {
                "filename": clean_line(document.filename),
                "size_bytes": len(content),
                "page_count": document.page_count,
                "sha256": digest,
                "attached_at": _iso(document.attached_at or self.clock()),
            }
            if listed is not None:
                self.db["documents"].update(listed, values)
                return listed
            pos = self._next_position("documents", "item_id", item_id)
            return (
                self.db["documents"]
                .insert(
                    {
                        "item_id": item_id,
                        "position": pos,
                        "title": clean_line(document.title),
                        **values,
                    }
                )
                .last_pk
            )

    def _listed_paper(self: Store, item_id: int, title: str, fill: int | None) -> int | None:
        """The item's paper listed without a file that an attach fills: ``fill`` (refused
        unless it is such a paper of this item), else the one titled ``title``."""
        rows = self._read(
            "SELECT id, title, sha256 FROM documents WHERE item_id = ? ORDER BY position",
            [item_id],
        )
        if fill is not None:
            row = next((r for r in rows if r["id"] == fill), None)
            if row is None:
                raise NotFoundError(f"document {fill} is not a paper of this item")
            if row["sha256"]:
                raise RuleError(f"“{row['title']}” already has its file; detach it first")
            return fill
        wanted = " ".join(clean_line(title).split()).casefold()
        for row in rows:
            if not row["sha256"] and " ".join(row["title"].split()).casefold() == wanted:
                return row["id"]
        return None

    def detach_document(self: Store, document_id: int) -> Changed:
        with self._tx():
            item_id = self._child_item("documents", document_id)
            self.conn.execute("DELETE FROM documents WHERE id = ?", [document_id])
            self._drop_unused_files()
        return Changed(self._item_meeting(item_id), item_id, "documents")

    def document_content(self: Store, sha256: str) -> bytes:
        rows = self._read("SELECT content FROM document_files WHERE sha256 = ?", [sha256])
        if not rows:
            raise NotFoundError(f"the store holds no file with hash {sha256[:12]}…")
        return bytes(rows[0][0])

    def _drop_unused_files(self: Store) -> None:
        """Forget file contents no paper names, nor any change that can still be undone."""
        self.conn.execute(
            """DELETE FROM document_files
               WHERE sha256 NOT IN (SELECT sha256 FROM documents WHERE sha256 IS NOT NULL)
               AND sha256 NOT IN (
                   SELECT json_extract(coalesce(before, after), '$.sha256') FROM operation_rows
                   WHERE table_name = 'documents'
                   AND json_extract(coalesce(before, after), '$.sha256') IS NOT NULL)"""
        )
