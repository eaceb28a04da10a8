"""What the clerk sees: WCAG AA contrast from the style sheet's own colours, a focus
ring on every control the keyboard reaches, read-only that looks read-only, and a
layout that keeps eight lines of notes and cuts nothing off on a laptop screen."""

from __future__ import annotations

import re

from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QLabel,
    QWidget,
)

from sspclerk.core.model import Action, Document
from sspclerk.gui import agenda_view, attendance_panel, item_records, series_actions, style
from sspclerk.gui.keys import ElidedLabel

RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")
COLOUR = re.compile(r"#[0-9a-fA-F]{6}\b")

#: Where the rules that set only a text colour are drawn: their background(s).
DRAWN_ON = {
    "QLabel#committee": ["#1f2a37"],
    "QLabel#meetingLine": ["#1f2a37"],
    "QLabel#clock": ["#1f2a37"],
    "QPlainTextEdit#itemTitle": ["#ffffff"],
    'QPlainTextEdit#itemTitle[locked="true"]': ["#ffffff"],
    'QPlainTextEdit#itemTitle[locked="true"]:focus': ["#ffffff"],
    "QLabel#itemNumber": ["#ffffff"],
    "QLabel#section": ["#ffffff", "#f4f5f7"],
    "QLabel#hint": ["#ffffff", "#f4f5f7"],
    "QFrame#restrictionBox QLabel": ["#fff7ed"],
    "QFrame#restrictionBox QLabel#hint": ["#fff7ed"],
    "QLabel#saveState": ["#eceef1"],
    'QLabel#saveState[kind="warning"]': ["#eceef1"],
    "QPushButton#audienceConfidential": ["#ffffff", "#f4f5f7"],
    "QCheckBox": ["#ffffff", "#f4f5f7", "#fff7ed"],
    "QCheckBox:disabled": [],  # an inactive control: exempt from the ratio (WCAG 1.4.3)
    "QLabel#lockText": ["#e8eefc"],
}


def luminance(hex_colour: str) -> float:
    def channel(v: int) -> float:
        c = v / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a: str, b: str) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def rules():
    for sheet in (style.STYLE, series_actions.LOCK_STYLE):
        for selectors, body in RULE.findall(sheet.replace("{{", "{").replace("}}", "}")):
            props = dict(
                (k.strip(), v.strip()) for k, v in re.findall(r"([a-z-]+)\s*:\s*([^;]+);?", body)
            )
            for selector in selectors.split(","):
                yield " ".join(selector.split()), props


def test_every_text_colour_in_the_style_sheet_meets_wcag_aa():
    checked, failures, uncovered = 0, [], []
    for selector, props in rules():
        fg = COLOUR.search(props.get("color", ""))
        bg = COLOUR.search(props.get("background", props.get("background-color", "")))
        if fg is None:
            continue
        if selector.endswith(":disabled"):
            continue  # inactive controls are exempt; they are greyed on purpose
        backgrounds = [bg.group()] if bg else DRAWN_ON.get(selector)
        if backgrounds is None:
            uncovered.append(selector)
            continue
        for back in backgrounds:
            checked += 1
            ratio = contrast(fg.group(), back)
            if ratio < 4.5:
                failures.append(f"{selector}: {fg.group()} on {back} is {ratio:.2f}:1")
    assert not uncovered, f"say what these are drawn on in DRAWN_ON: {uncovered}"
    assert not failures
    assert checked > 40


def test_focus_rings_placeholders_and_painted_colours_are_readable():
    # The focus ring: 3:1 against every background a focusable control sits on.
    for back in ("#ffffff", "#f4f5f7", "#eceef1", "#f0f7f2", "#fff7ed", "#f7f8fa", "#dbeafe"):
        assert contrast(style.FOCUS, back) >= 3, back
    focus_rules = [s for s, p in rules() if ":focus" in s and "border" in "".join(p)]
    assert len(focus_rules) >= 10
    for selector, props in rules():
        if 'locked="true"' in selector:
            continue  # read-only fields show no ring: nothing can be typed there
        if ":focus" in selector and "border" in props and "transparent" not in props["border"]:
            assert style.FOCUS in props["border"], selector
    # Hints in empty fields say what goes there: read as text (4.5:1).
    for back in ("#ffffff", "#f7f8fa"):
        assert contrast(style.PLACEHOLDER, back) >= 4.5
    # Colours the window paints itself rather than through the style sheet.
    painted = [
        (agenda_view.MUTED.name(), "#ffffff"),
        (agenda_view.MUTED.name(), agenda_view.LIVE_ROW.name()),
        (agenda_view.LIVE_GREEN.name(), agenda_view.LIVE_ROW.name()),
        (agenda_view.RESTRICTED_RED.name(), "#ffffff"),
        (agenda_view.DONE_TEXT.name(), "#ffffff"),
        (style.HIGHLIGHTED_TEXT, style.HIGHLIGHT),
        (attendance_panel.NOT_PRESENT, "#ffffff"),
        (item_records.HINT_COLOUR, "#f0f7f2"),
        (item_records.BAD_DATE_COLOUR, "#ffffff"),
        *((c, "#1f2a37") for c in style.DEADLINE_COLOURS.values()),
    ]
    for fg, bg in painted:
        assert contrast(fg, bg) >= 4.5, (fg, bg)


def test_every_list_shows_where_the_keyboard_is(open_window, qtbot):
    """The outcome, papers and findings lists used to hide their focus (outline: none)."""
    window = open_window()
    assert "outline: none" not in style.STYLE
    outcomes = window.editor.outcomes
    window.go_to_item(window.meeting.items[4].id)  # an item with an outcome
    outcomes.setFocus()
    qtbot.waitUntil(outcomes.hasFocus, timeout=1000)
    assert outcomes.currentRow() == 0  # Delete has a row to act on
    ring = outcomes.grab().toImage()
    assert ring.pixelColor(0, ring.height() // 2).name() == style.FOCUS


def _visible_widgets(window, kind):
    return [w for w in window.findChildren(kind) if w.isVisibleTo(window) and w.isVisible()]


def _cut_off(window) -> list[str]:
    """Buttons and one-line labels narrower than their text."""
    cut = []
    for b in _visible_widgets(window, QAbstractButton):
        if b.text() and b.width() < b.minimumSizeHint().width():
            cut.append(f"button {b.text()!r} {b.width()} < {b.minimumSizeHint().width()}")
    for label in _visible_widgets(window, QLabel):
        if isinstance(label, ElidedLabel) or label.wordWrap() or not label.text():
            continue
        if label.sizePolicy().horizontalPolicy().name == "Ignored":
            continue
        if label.width() < label.minimumSizeHint().width():
            cut.append(f"label {label.text()!r}")
    return cut


def _notes_lines(window) -> int:
    notes = window.editor.notes
    return notes.viewport().height() // notes.fontMetrics().lineSpacing()


def test_a_laptop_screen_keeps_eight_lines_of_notes_on_every_item(windows, qtbot, read_store):
    # The busiest item: restricted, an outcome, two actions and a paper.
    window = windows.open()
    busy = window.meeting.items[11]
    window.store.add_action(busy.id, Action("Share the comparison", "Community Safety"))
    window.store.add_action(busy.id, Action("Report back on the Q2 figures", "Police"))
    window.store.attach_document(busy.id, Document("IQuanta", "iq.pdf", page_count=5), b"%PDF")
    windows.shut(window)
    window = windows.open()
    # 1280 x 720 less a taskbar and a title bar; then a full-HD screen.
    for size in ((1280, 650), (1400, 880)):
        window.fit_to_screen(QRect(0, 0, *size))
        window.resize(*size)
        qtbot.waitUntil(lambda s=size: (window.width(), window.height()) == s, timeout=2000)
        hint = window.minimumSizeHint()
        assert hint.width() <= size[0] and hint.height() <= size[1], (size, hint)
        for item in window.meeting.items:
            window.go_to_item(item.id)
            QApplication.processEvents()
            assert _notes_lines(window) >= 8, (size, item.number, _notes_lines(window))
            assert (window.width(), window.height()) == size  # never pushed past the screen
            assert not _cut_off(window), (size, item.number, _cut_off(window))
        # Everything under the notes is reachable: Tab brings it into view.
        window.go_to_item(busy.id)
        area = window.editor.records_area
        papers = window.editor.papers.list
        for field in (papers, window.editor.outcome_text):
            field.setFocus(Qt.FocusReason.TabFocusReason)
            qtbot.waitUntil(field.hasFocus, timeout=1000)
            top = field.mapTo(area.viewport(), field.rect().topLeft()).y()
            assert 0 <= top < area.viewport().height(), (size, top)
    assert window.compact is False and window.editor.phrase_buttons[0].isVisible()
    window.fit_to_screen(QRect(0, 0, 1280, 650))
    assert window.compact and window.editor.records.phrase_menu_button.isVisibleTo(window)


def test_a_second_window_looks_read_only(windows, qtbot):
    first = windows.open()
    window = windows.open("1")
    assert window.read_only and not first.read_only
    editor = window.editor
    assert window.banner.property("kind") == "warning"  # not the calm yellow of a note
    assert window.save_state.text() == "Read-only" and window.save_state.property("kind")
    assert editor.notes.isReadOnly() and editor.notes.property("locked") is True
    assert "saved as you type" not in editor.notes.placeholderText()
    assert not editor.notes_hint.isVisibleTo(window)
    for w in (
        editor.add_action_button,
        editor.vote_button,
        editor.outcome_text,
        editor.papers.attach_button,
        editor.restricted,
        *editor.phrase_buttons,
        window.attendance.name,
        window.declarations.nature,
    ):
        assert not w.isEnabled(), w
    for name in ("outcome_1", "undo", "toggle_restricted", "move_item_down", "add_action"):
        assert not window.actions_by_name[name].isEnabled(), name
    for name in ("next_item", "peek_next", "export", "help_keys"):
        assert window.actions_by_name[name].isEnabled(), name


def test_the_keys_sheet_lists_the_live_meeting_keys_first(open_window):
    from sspclerk.gui.keys import KeysDialog
    from sspclerk.gui.shortcuts import DURING_THE_MEETING

    window = open_window()
    dialog = KeysDialog(window)
    table = dialog.table
    where = [table.item(r, 0).text() for r in range(table.rowCount())]
    live = where.count(DURING_THE_MEETING)
    assert live >= 15 and where[:live] == [DURING_THE_MEETING] * live
    keys = [table.item(r, 1).text() for r in range(live)]
    assert "Ctrl+PgDown" in keys and "Ctrl+1" in keys and "Ctrl+Z" in keys
    assert "Ctrl+Shift+N" not in keys  # a new meeting is not made mid-meeting
    dialog.deleteLater()


def test_no_widget_is_wider_than_its_room(open_window):
    """Combo boxes and long titles never push the window wider than a laptop."""
    window = open_window()
    window.go_to_item(window.meeting.items[9].id)  # a long title
    window.fit_to_screen(QRect(0, 0, 1280, 650))
    assert window.minimumSizeHint().width() <= 1280
    title = window.editor.title
    title.setText("A very long agenda item title " * 6)
    QApplication.processEvents()
    assert title.document().size().height() > 1  # it wraps instead of running off
    for w in window.findChildren(QWidget):
        assert w.minimumSizeHint().width() <= 1280, w


def test_visible_focus_moves_with_tab_through_the_editor(open_window, qtbot):
    window = open_window()
    window.editor.title.setFocus()
    qtbot.waitUntil(window.editor.title.hasFocus, timeout=1000)
    seen = set()
    for _ in range(12):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        seen.add(type(QApplication.focusWidget()).__name__)
    assert {"NotesEdit", "QListWidget", "QLineEdit"} <= seen
