"""The committee editor: name, prefix, wording, municipal year, clerk, membership and
standing items.

Returns a ``Committee`` (``committee()``); ``series_actions`` saves it through
``store.save_committee``.  One committee is edited at a time; choosing another in
the list at the top saves the changes to the one shown first (nothing typed is
dropped), and stays put if the store refuses them.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from sspclerk.core.dates import MONTHS
from sspclerk.core.model import OUTCOME_WORDS, Committee, Member, Role, StandingItem

from .keys import delete_key
from .new_meeting_dialog import Submit, _SubmitDialog


def _table(columns: list[str], name: str) -> QTableWidget:
    t = QTableWidget(0, len(columns))
    t.setAccessibleName(name)
    t.setHorizontalHeaderLabels(columns)
    t.verticalHeader().hide()
    t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    t.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    t.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
    return t


def _button(text: str, name: str, handler) -> QPushButton:
    b = QPushButton(text)
    b.setAccessibleName(name)
    b.clicked.connect(handler)
    return b


class CommitteeDialog(_SubmitDialog):
    """Edit one committee; OK saves it (through ``submit``)."""

    def __init__(
        self,
        committee: Committee | None = None,
        submit: Submit | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("Committee", submit, parent)
        self.committee_id = committee.id if committee else None
        self.name = QLineEdit()
        self.name.setAccessibleName("Committee name")
        self.prefix = QLineEdit()
        self.prefix.setAccessibleName("Item number prefix")
        self.prefix.setPlaceholderText("SSP")
        self.prefix.setMaxLength(12)
        self.outcome_word = QComboBox()
        self.outcome_word.setAccessibleName("Outcome word")
        for w in OUTCOME_WORDS:
            self.outcome_word.addItem(w, w)
        year = QHBoxLayout()
        self.year_day = QSpinBox()
        self.year_day.setRange(1, 31)
        self.year_day.setAccessibleName("Municipal year starts: day")
        self.year_month = QComboBox()
        self.year_month.setAccessibleName("Municipal year starts: month")
        for n, m in enumerate(MONTHS, 1):
            self.year_month.addItem(m, n)
        year.addWidget(self.year_day)
        year.addWidget(self.year_month)
        year.addStretch(1)
        self.clerk = QLineEdit()
        self.clerk.setAccessibleName("Clerk's name")
        self.organisation = QLineEdit()
        self.organisation.setAccessibleName("Organisation")
        self.form.addRow("&Name", self.name)
        self.form.addRow("&Prefix", self.prefix)
        self.form.addRow("&Outcome word", self.outcome_word)
        year_label = QLabel("Municipal &year starts")
        year_label.setBuddy(self.year_day)
        self.form.addRow(year_label, year)
        self.form.addRow("C&lerk", self.clerk)
        self.form.addRow("Or&ganisation", self.organisation)

        self.members = _table(["Name", "Organisation", "Role"], "Membership")
        delete_key(self.members, self.remove_member)
        self.layout_.addWidget(
            QLabel("<b>Membership</b> (attendance of a new meeting starts here)")
        )
        self.layout_.addWidget(self.members, 1)
        row = QHBoxLayout()
        row.addWidget(_button("&Add member", "Add a member", lambda: self.add_member()))
        row.addWidget(_button("Remove member", "Remove the selected member", self.remove_member))
        row.addStretch(1)
        self.layout_.addLayout(row)

        self.standing = _table(["Standing item", "Default agenda wording"], "Standing items")
        delete_key(self.standing, self.remove_standing)
        self.layout_.addWidget(QLabel("<b>Standing items</b> (every new agenda starts with them)"))
        self.layout_.addWidget(self.standing, 1)
        row = QHBoxLayout()
        row.addWidget(
            _button("Add standing &item", "Add a standing item", lambda: self.add_standing())
        )
        row.addWidget(_button("Remove", "Remove the selected standing item", self.remove_standing))
        row.addWidget(
            _button("Move &up", "Move the standing item up", lambda: self.move_standing(-1))
        )
        row.addWidget(
            _button("Move &down", "Move the standing item down", lambda: self.move_standing(+1))
        )
        row.addStretch(1)
        self.layout_.addLayout(row)
        self.finish_layout()
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("&Save")
        self.show_committee(committee or Committee("", ""))
        self.resize(760, 720)

    # ------------------------------------------------------------ showing

    def show_committee(self, c: Committee) -> None:
        self.committee_id = c.id
        self.name.setText(c.name)
        self.prefix.setText(c.prefix)
        self.prefix.setReadOnly(c.id is not None)  # item numbers already use it
        if c.id is not None:
            self.prefix.setToolTip("The prefix of a committee with meetings cannot change")
        self.outcome_word.setCurrentIndex(max(0, self.outcome_word.findData(c.outcome_word)))
        self.year_day.setValue(c.year_start_day)
        self.year_month.setCurrentIndex(c.year_start_month - 1)
        self.clerk.setText(c.clerk_name)
        self.organisation.setText(c.organisation)
        self.members.setRowCount(0)
        for m in c.members:
            self.add_member(m, focus=False)
        self.standing.setRowCount(0)
        for s in c.standing_items:
            self.add_standing(s, focus=False)

    def add_member(self, m: Member | None = None, focus: bool = True) -> None:
        m = m or Member("")
        r = self.members.rowCount()
        self.members.insertRow(r)
        self.members.setItem(r, 0, QTableWidgetItem(m.name))
        self.members.setItem(r, 1, QTableWidgetItem(m.organisation))
        role = QComboBox()
        role.setAccessibleName("Role")
        for value in Role:
            role.addItem(value.value, value.value)
        role.setCurrentIndex(max(0, role.findData(Role(m.role).value)))
        self.members.setCellWidget(r, 2, role)
        if focus:
            self.members.setFocus()
            self.members.setCurrentCell(r, 0)
            self.members.editItem(self.members.item(r, 0))

    def remove_member(self) -> None:
        r = self.members.currentRow()
        if r >= 0:
            self.members.removeRow(r)

    def add_standing(self, s: StandingItem | None = None, focus: bool = True) -> None:
        s = s or StandingItem("")
        r = self.standing.rowCount()
        self.standing.insertRow(r)
        self.standing.setItem(r, 0, QTableWidgetItem(s.title))
        self.standing.setItem(r, 1, QTableWidgetItem(s.agenda_text))
        if focus:
            self.standing.setFocus()
            self.standing.setCurrentCell(r, 0)
            self.standing.editItem(self.standing.item(r, 0))

    def remove_standing(self) -> None:
        r = self.standing.currentRow()
        if r >= 0:
            self.standing.removeRow(r)

    def move_standing(self, step: int) -> None:
        r = self.standing.currentRow()
        target = r + step
        if r < 0 or not 0 <= target < self.standing.rowCount():
            return
        rows = self._standing_items()
        rows.insert(target, rows.pop(r))
        self.standing.setRowCount(0)
        for s in rows:
            self.add_standing(s, focus=False)
        self.standing.setCurrentCell(target, 0)

    # ------------------------------------------------------------ reading back

    def _cell(self, table: QTableWidget, r: int, c: int) -> str:
        cell = table.item(r, c)
        return cell.text().strip() if cell is not None else ""

    def _standing_items(self) -> list[StandingItem]:
        return [
            StandingItem(self._cell(self.standing, r, 0), self._cell(self.standing, r, 1))
            for r in range(self.standing.rowCount())
        ]

    def committee(self) -> Committee:
        """The committee as edited; ValueError names what is missing."""
        self.members.setCurrentCell(-1, -1)  # an open cell editor hands its text over
        self.standing.setCurrentCell(-1, -1)
        name, prefix = self.name.text().strip(), self.prefix.text().strip()
        if not name:
            raise ValueError("the committee needs a name")
        if not prefix or not prefix.isalnum() or not prefix[0].isalpha():
            raise ValueError("the prefix is letters and digits, starting with a letter (e.g. SSP)")
        members = []
        for r in range(self.members.rowCount()):
            who = self._cell(self.members, r, 0)
            if not who:
                continue  # an empty row added by mistake
            role = self.members.cellWidget(r, 2)
            members.append(Member(who, self._cell(self.members, r, 1), Role(role.currentData())))
        standing = [s for s in self._standing_items() if s.title]
        return Committee(
            name=name,
            prefix=prefix,
            outcome_word=self.outcome_word.currentData(),
            year_start_month=self.year_month.currentData(),
            year_start_day=self.year_day.value(),
            organisation=self.organisation.text().strip(),
            clerk_name=self.clerk.text().strip(),
            members=members,
            standing_items=standing,
            kind=getattr(self.known.get(self.committee_id), "kind", None),  # kept as it was
            word_margins_cm=getattr(self.known.get(self.committee_id), "word_margins_cm", 2.54),
            id=self.committee_id,
        )

    def request(self) -> Committee:
        return self.committee()


def committee_chooser(committees: list[Committee]) -> QComboBox:
    """The list of committees at the top of the editor, with "New committee…" last."""
    box = QComboBox()
    box.setAccessibleName("Committee to edit")
    for c in committees:
        box.addItem(f"{c.name} ({c.prefix})", c.id)
    box.addItem("New committee…", None)
    return box


class CommitteesDialog(CommitteeDialog):
    """The committee editor with a chooser: edit any committee or add a new one."""

    def __init__(
        self,
        committees: list[Committee],
        current_id: int | None = None,
        submit: Submit | None = None,
        parent: QWidget | None = None,
    ) -> None:
        self.known = {c.id: c for c in committees}
        first = self.known.get(current_id) or (committees[0] if committees else None)
        super().__init__(first, submit, parent)
        self.setWindowTitle("Committees")
        self.chooser = committee_chooser(committees)
        self.chooser.setCurrentIndex(max(0, self.chooser.findData(first.id if first else None)))
        self.chooser.activated.connect(self._chosen)
        top = QVBoxLayout()
        top.addWidget(self.chooser)
        self.layout_.insertLayout(0, top)

    def _chosen(self, _index: int) -> None:
        cid = self.chooser.currentData()
        shown = self.known.get(self.committee_id) or Committee("", "")
        try:
            edited = self.committee()
        except ValueError:
            edited = None  # a half-filled new committee: nothing worth keeping yet
        if edited is not None and edited != shown and self.submit is not None:
            problem = self.submit(edited)
            if problem:
                self.chooser.setCurrentIndex(self.chooser.findData(self.committee_id))
                self.show_error(problem)
                return
            self.known[self.committee_id] = edited
        self.show_committee(self.known.get(cid) or Committee("", ""))
        (self.name if cid is None else self.clerk).setFocus()
