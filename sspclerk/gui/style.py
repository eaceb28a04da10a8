"""The window's look: calm, high-contrast, large enough to read for two hours."""

from __future__ import annotations

STYLE = """
QWidget#root { background: #f4f5f7; }
QFrame#header { background: #1f2a37; }
QLabel#committee { color: #ffffff; font-size: 15pt; font-weight: 600; }
QLabel#meetingLine { color: #c7d0db; font-size: 10.5pt; }
QLabel#clock { color: #e5e7eb; font-size: 11pt; padding: 5px 12px; }
QLabel#clock[live="true"] { color: #ffffff; background: #1b7f3b; border-radius: 6px; font-weight: 600; }
QPushButton#startButton { background: #1b7f3b; color: white; border: none; border-radius: 6px;
    padding: 7px 16px; font-weight: 600; }
QPushButton#startButton:hover { background: #17703a; }
QPushButton#closeButton { background: #374151; color: white; border: 1px solid #6b7280; border-radius: 6px;
    padding: 7px 16px; }
QLabel#banner { padding: 9px 18px; font-weight: 600; }
QLabel#banner[kind="error"] { background: #fde2e1; color: #8a1c12; border-bottom: 2px solid #d93025; }
QLabel#banner[kind="info"] { background: #fff4d6; color: #6b4a00; border-bottom: 2px solid #e0a800; }
QTreeWidget#navigator { background: #eceef1; border: none; padding: 4px; font-size: 10pt; }
QLabel#paneTitle { color: #5f6b76; font-size: 9pt; font-weight: 700; letter-spacing: 1px;
    padding: 8px 14px 4px 14px; background: #ffffff; }
QListWidget { background: #ffffff; font-size: 11pt; outline: none; }
QListWidget::item:selected { background: #dbe8fb; color: #111827; }
ItemEditor, QWidget#editor { background: #ffffff; }
QLabel#itemNumber { color: #5f6b76; font-size: 11pt; font-weight: 600; }
QLabel#restrictedBadge { color: #9a3412; background: #ffedd5; border-radius: 4px; padding: 2px 8px;
    font-size: 9pt; font-weight: 700; }
QLineEdit#itemTitle { background: transparent; color: #111827; padding: 2px 0; }
QPlainTextEdit#agendaText { background: #f7f8fa; color: #374151; border: 1px solid #e3e6ea;
    border-radius: 4px; font-size: 10.5pt; }
QFrame#restrictionBox { background: #fff7ed; border: 1px solid #fed7aa; border-radius: 6px; }
QLabel#section { color: #5f6b76; font-size: 9pt; font-weight: 700; letter-spacing: 1px; padding-top: 6px; }
QLabel#hint { color: #6b7280; font-size: 9pt; }
QPlainTextEdit#notes { background: #ffffff; color: #111827; border: 1px solid #cfd6de; border-radius: 6px;
    padding: 8px 10px; font-size: 12.5pt; selection-background-color: #bcd4f6; selection-color: #111827; }
QPlainTextEdit#notes:focus { border: 2px solid #2563eb; }
QListWidget#outcomes { background: #f0f7f2; border: 1px solid #cfe3d5; border-radius: 4px; font-size: 11pt;
    color: #14532d; }
QPushButton#phrase { background: #ffffff; border: 1px solid #cfd6de; border-radius: 5px; padding: 5px 9px;
    color: #1f2937; font-size: 9.5pt; }
QPushButton#phrase:hover { background: #eef2f7; }
QTableWidget { background: #ffffff; gridline-color: #e5e7eb; font-size: 10pt; }
QHeaderView::section { background: #f3f4f6; color: #4b5563; border: none; border-bottom: 1px solid #e5e7eb;
    padding: 4px 6px; font-weight: 600; }
QTabWidget::pane { border: none; background: #ffffff; }
QTabBar::tab { padding: 7px 16px; background: #e5e7eb; color: #374151; border: none; margin-right: 1px; }
QTabBar::tab:selected { background: #ffffff; color: #111827; font-weight: 600; }
QStatusBar { background: #eceef1; color: #374151; }
QLabel#saveState { color: #1b5e20; padding: 0 10px; font-weight: 600; }
QSplitter::handle { background: #dde1e6; }
QSplitter::handle:horizontal { width: 1px; }
QSplitter::handle:vertical { height: 1px; }
"""
