"""The window's look: calm, high-contrast, large enough to read for two hours.

Every text colour meets WCAG AA against its background (4.5:1), and every control
that can take the keyboard shows it with a 2px blue ring (3:1 or more against what
surrounds it); tests/gui/test_look.py computes the ratios from the colours below.
Read-only fields look it: grey, dashed, no focus ring.
"""

from __future__ import annotations

#: The focus ring: 2px, dark blue (7.0:1 on white, 4.9:1 on the light panes).
FOCUS = "#1d4ed8"
#: Placeholder hints in empty fields (they carry meaning): 5.4:1 on white.
PLACEHOLDER = "#5f6b76"
#: The selected row the agenda draws itself: white on dark blue (6.7:1).
HIGHLIGHT, HIGHLIGHTED_TEXT = "#1d4ed8", "#ffffff"
#: The header's agenda-deadline line, by what is to be done (on the header's #1f2a37).
DEADLINE_COLOURS = {"late": "#fca5a5", "due": "#fde68a", "ok": "#c7d0db"}

STYLE = f"""
QWidget#root {{ background: #f4f5f7; }}
QFrame#header {{ background: #1f2a37; }}
QLabel#committee {{ color: #ffffff; font-size: 15pt; font-weight: 600; }}
QLabel#meetingLine {{ color: #c7d0db; font-size: 10.5pt; }}
QLabel#clock {{ color: #e5e7eb; font-size: 10.5pt; padding: 3px 10px; }}
QLabel#clock[live="true"] {{ color: #ffffff; background: #1b7f3b; border-radius: 6px; font-weight: 600; }}
QPushButton#startButton {{ background: #1b7f3b; color: #ffffff; border: none; border-radius: 6px;
    padding: 7px 16px; font-weight: 600; }}
QPushButton#startButton:hover {{ background: #17703a; }}
QPushButton#closeButton {{ background: #374151; color: #ffffff; border: 1px solid #6b7280; border-radius: 6px;
    padding: 7px 16px; }}
QPushButton#startButton:disabled, QPushButton#closeButton:disabled {{ background: #4b5563; color: #d1d5db; }}
QLabel#banner {{ padding: 9px 18px; font-weight: 600; }}
QLabel#banner[kind="error"] {{ background: #fde2e1; color: #8a1c12; border-bottom: 2px solid #d93025; }}
QLabel#banner[kind="info"] {{ background: #fff4d6; color: #6b4a00; border-bottom: 2px solid #e0a800; }}
QLabel#banner[kind="warning"] {{ background: #ffedd5; color: #7c2d12; border-bottom: 3px solid #c2410c; }}
QLabel#notice {{ background: #fef3c7; color: #713f12; padding: 7px 18px; font-weight: 600;
    border-bottom: 2px solid #b45309; }}
QTreeWidget#navigator {{ background: #eceef1; color: #1f2937; border: none; padding: 4px; font-size: 10pt; }}
QLabel#paneTitle {{ color: #5f6b76; font-size: 9pt; font-weight: 700; letter-spacing: 1px;
    padding: 8px 14px 4px 14px; background: #ffffff; }}
QListWidget {{ background: #ffffff; color: #111827; font-size: 11pt; border: 2px solid transparent; }}
QListWidget::item:selected {{ background: #dbe8fb; color: #111827; }}
QListWidget:focus, QTreeWidget:focus, QTableWidget:focus {{ border: 2px solid {FOCUS}; }}
QListWidget::item:selected:focus {{ background: #bfd4f7; color: #111827; }}
ItemEditor, QWidget#editor {{ background: #ffffff; }}
QScrollArea#records, QScrollArea#records > QWidget > QWidget {{ background: #ffffff; }}
QLabel#itemNumber {{ color: #5f6b76; font-size: 11pt; font-weight: 600; }}
QLabel#restrictedBadge {{ color: #9a3412; background: #ffedd5; border-radius: 4px; padding: 2px 8px;
    font-size: 9pt; font-weight: 700; }}
QPlainTextEdit#itemTitle {{ background: transparent; color: #111827; padding: 0;
    border-bottom: 2px solid transparent; }}
QPlainTextEdit#itemTitle:focus {{ border-bottom: 2px solid {FOCUS}; }}
QPlainTextEdit#agendaText {{ background: #f7f8fa; color: #374151; border: 1px solid #c9ced6;
    border-radius: 4px; font-size: 10.5pt; }}
QPlainTextEdit#agendaText:focus {{ border: 2px solid {FOCUS}; }}
QFrame#restrictionBox {{ background: #fff7ed; border: 1px solid #fdba74; border-radius: 6px; }}
QFrame#restrictionBox QLabel {{ color: #431407; }}
QFrame#restrictionBox QLabel#hint {{ color: #7c2d12; }}
QLabel#section {{ color: #5f6b76; font-size: 9pt; font-weight: 700; letter-spacing: 1px; padding-top: 4px; }}
QLabel#hint {{ color: #5f6b76; font-size: 9pt; }}
QPlainTextEdit#notes {{ background: #ffffff; color: #111827; border: 1px solid #aab4c0; border-radius: 6px;
    padding: 8px 10px; font-size: 12.5pt; selection-background-color: #bcd4f6; selection-color: #111827; }}
QPlainTextEdit#notes:focus {{ border: 2px solid {FOCUS}; padding: 7px 9px; }}
QPlainTextEdit[locked="true"], QPlainTextEdit#notes[locked="true"],
QPlainTextEdit#notes[locked="true"]:focus, QPlainTextEdit#agendaText[locked="true"] {{
    background: #f3f4f6; color: #374151; border: 1px dashed #8a94a3; }}
QPlainTextEdit#itemTitle[locked="true"], QPlainTextEdit#itemTitle[locked="true"]:focus {{
    background: transparent; color: #374151; border: none; }}
QListWidget#outcomes {{ background: #f0f7f2; border: 1px solid #9cc7a9; border-radius: 4px; font-size: 11pt;
    color: #14532d; }}
QListWidget#outcomes:focus {{ border: 2px solid {FOCUS}; }}
QPushButton {{ background: #ffffff; color: #1f2937; border: 1px solid #8a94a3; border-radius: 5px;
    padding: 5px 10px; }}
QPushButton:hover {{ background: #eef2f7; }}
QPushButton:focus {{ border: 2px solid {FOCUS}; padding: 4px 9px; }}
QPushButton:default {{ border: 2px solid #374151; }}
QPushButton:default:focus {{ border: 2px solid {FOCUS}; }}
QPushButton:disabled {{ background: #eceef1; color: #6b7280; border: 1px dashed #a3acb8; }}
QPushButton#phrase {{ padding: 5px 9px; font-size: 9.5pt; }}
QPushButton#audiencePublic, QPushButton#audienceConfidential {{ padding: 8px 12px; font-size: 10.5pt;
    text-align: left; }}
QPushButton#audiencePublic:checked {{ background: #dbeafe; color: #1e3a8a; border: 2px solid #1e3a8a; font-weight: 700; }}
QPushButton#audienceConfidential {{ color: #9a3412; border: 2px solid #c2410c; }}
QPushButton#audienceConfidential:checked {{ background: #9a3412; color: #ffffff; border: 2px solid #7c2d12;
    font-weight: 700; }}
QPushButton#audiencePublic:focus, QPushButton#audienceConfidential:focus {{ border: 3px solid {FOCUS}; }}
QPushButton#exportButton[confidential="true"] {{ background: #9a3412; color: #ffffff; border: 2px solid #7c2d12; }}
QPushButton#exportButton[confidential="true"]:focus {{ border: 3px solid {FOCUS}; }}
QLabel#confidentialWarning {{ background: #fff7ed; color: #7c2d12; border: 1px solid #c2410c;
    border-radius: 4px; padding: 6px 8px; font-weight: 600; }}
QLineEdit, QComboBox, QSpinBox {{ background: #ffffff; color: #111827; border: 1px solid #8a94a3;
    border-radius: 4px; padding: 3px 5px; }}
QLineEdit:focus, QComboBox:focus, QSpinBox:focus {{ border: 2px solid {FOCUS}; padding: 2px 4px; }}
QLineEdit:read-only, QLineEdit:disabled, QComboBox:disabled {{ background: #f3f4f6; color: #4b5563;
    border: 1px dashed #a3acb8; }}
QCheckBox {{ color: #1f2937; padding: 2px 4px; border: 2px solid transparent; border-radius: 4px; }}
QCheckBox:focus {{ border: 2px solid {FOCUS}; }}
QCheckBox:disabled {{ color: #6b7280; }}
QTableWidget {{ background: #ffffff; color: #111827; gridline-color: #e5e7eb; font-size: 10pt;
    border: 2px solid transparent; }}
QTableWidget::item:selected {{ background: #dbe8fb; color: #111827; }}
QTableWidget::item:selected:focus {{ background: #bfd4f7; color: #111827; }}
QHeaderView::section {{ background: #f3f4f6; color: #374151; border: none; border-bottom: 1px solid #e5e7eb;
    padding: 4px 6px; font-weight: 600; }}
QTabWidget::pane {{ border: none; background: #ffffff; }}
QTabBar::tab {{ padding: 7px 16px; background: #e5e7eb; color: #374151; border: none; margin-right: 1px;
    border-bottom: 2px solid transparent; }}
QTabBar::tab:selected {{ background: #ffffff; color: #111827; font-weight: 600; }}
QTabBar::tab:selected:focus {{ border-bottom: 2px solid {FOCUS}; }}
QStatusBar {{ background: #eceef1; color: #1f2937; }}
QLabel#saveState {{ color: #1b5e20; padding: 0 10px; font-weight: 600; }}
QLabel#saveState[kind="warning"] {{ color: #9a3412; }}
QSplitter::handle {{ background: #dde1e6; }}
QSplitter::handle:horizontal {{ width: 1px; }}
QSplitter::handle:vertical {{ height: 1px; }}
"""
