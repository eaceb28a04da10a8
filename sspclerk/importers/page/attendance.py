"""The attendance step: "Present:" style lists, attendance tables, a declarations list.

Reading one name or one declaration is ``people``; this step finds the lists on
the page, takes their lines, and sends what does not read as a person to the
unplaced note.
"""

from __future__ import annotations

from . import people
from .state import PageLines


class AttendanceSteps(PageLines):
    """Reads who attended (mixed into the reader)."""

    def _people_blocks(self) -> None:
        for i, line in enumerate(self.lines):
            if self.used[i]:
                continue
            columns = people.attendance_columns(line) if line else None
            # Without an attendance column, only a table above the first item is who came
            # (a "Name | Role" table in an item's minutes is that item's text).
            if columns is not None and ("status" in columns or i < self.top_end):
                self._attendance_table(i, columns)
                continue
            m = people.ATTENDANCE_LABEL.match(line)
            d = None if m else people.DECLARATIONS_LABEL.match(line)
            if not m and not d:
                continue
            self.used[i] = True
            rest = people.rest_of(m) if m else d.group("rest").strip()  # type: ignore[union-attr]
            parts = [rest] if rest else []
            taken = [i]
            j = i + 1
            while j < len(self.lines):
                nxt = self.lines[j]
                if self.used[j] or not nxt:
                    j += 1
                    continue
                if self._structural(nxt):
                    break
                if m and not all(
                    len(e.split()) > 1 and people.read_person(e, "present")
                    for e in people.split_names(nxt)
                ):
                    break  # a one-word line ("Welcome") is a heading, not a person
                if d and not (people.read_declaration(nxt) or people.no_declarations(nxt)):
                    break
                self.used[j] = True
                taken.append(j)
                parts.append(nxt)
                j += 1
            if d and not (parts and all(people.read_declaration(x) for x in parts)):
                # "Declarations of interest: none" in an item's minutes stays where it is.
                for k in taken:
                    self.used[k] = False
                continue
            if m:
                label = people.label_of(m)
                group = people.group_of(label)
                listed = ", ".join(parts)
                if label.lower() in ("councillors", "cllrs") and parts:
                    listed = f"{label} {listed}"  # "Councillors: A, B": each a councillor
                read = people.read_attendance(group, listed)
                if people.CAPACITY_LABEL.fullmatch(label):  # "Lay Member: Mrs Helen Marsh"
                    for person in read.attendance:
                        person.organisation = person.organisation or " ".join(label.split())
                if group == "membership":
                    self.membership.extend(read.attendance)
                else:
                    self.attendance.extend(read.attendance)
                self.unplaced.extend(f"{label}: {e}" for e in read.unread)
            else:
                self.header_declarations.extend(parts)

    def _attendance_table(self, head: int, columns: dict[str, int]) -> None:
        """The rows under an "Attendee | Role | Attendance" heading row, up to the first
        line that is not a row of as many cells."""
        width = len(people.table_cells(self.lines[head]))
        self.used[head] = True
        for j in range(head + 1, len(self.lines)):
            row = self.lines[j]
            if not row or self.used[j]:
                continue
            cells = people.table_cells(row)
            if len(cells) != width:
                break
            self.used[j] = True
            person = people.read_attendance_row(columns, cells)
            if person is None:
                self.unplaced.append(f"Attendance: {row}")
            else:
                self.attendance.append(person)
