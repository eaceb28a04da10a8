"""Every command of the window with its key, in one table.

Menus, toolbar buttons and the F1 sheet are all built from this table, so a key
shown to the clerk is always the key that works.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Command:
    name: str  # the id the window connects a handler to
    label: str  # menu text, with & accelerator
    keys: tuple[str, ...]  # QKeySequence strings; the first is shown
    menu: str
    help: str
    new_group: bool = False  # a separator above it in its menu


COMMANDS: tuple[Command, ...] = (
    # Meeting
    Command(
        "open_meeting",
        "&Open meeting…",
        ("Ctrl+O",),
        "&File",
        "Go to the list of committees and meetings",
    ),
    Command(
        "import_meeting",
        "&Import meeting…",
        ("Ctrl+I",),
        "&File",
        "Import a meeting: a saved agenda page (.txt, .html) or a meeting JSON file",
    ),
    Command(
        "start_meeting",
        "&Start meeting",
        ("F5",),
        "&Meeting",
        "Stamp the start time and take up the item in view",
    ),
    Command(
        "take_item",
        "&Take up this item",
        ("Ctrl+T",),
        "&Meeting",
        "Make the item in view the one under discussion (stamps its start)",
    ),
    Command(
        "current_item",
        "Go to &current item",
        ("Ctrl+G",),
        "&Meeting",
        "Back to the item under discussion",
    ),
    Command(
        "close_meeting",
        "&Close meeting",
        ("Shift+F5",),
        "&Meeting",
        "Stamp the end time of the meeting",
    ),
    Command(
        "save_now",
        "Save &now",
        ("Ctrl+S",),
        "&File",
        "Write everything at once (it is saved automatically anyway)",
        new_group=True,
    ),
    Command(
        "export",
        "E&xport minutes…",
        ("Ctrl+Shift+E",),
        "&File",
        "Check the minutes, then export them (Word, PDF, web page, text)",
        new_group=True,
    ),
    # Agenda packs and import (gui/pack_actions.py, gui/import_actions.py)
    Command(
        "agenda_pack",
        "Agenda &pack…",
        ("Ctrl+Shift+K",),
        "&File",
        "Build the agenda pack PDF (public, Part B or supplementary)",
        new_group=True,
    ),
    Command(
        "print_pack",
        "P&rint agenda pack…",
        ("Ctrl+P",),
        "&File",
        "Build the agenda pack and show it in the print preview",
    ),
    Command(
        "open_pack",
        "Open pac&k",
        ("Ctrl+Alt+K",),
        "&File",
        "Open the last pack built in the PDF viewer",
    ),
    Command("quit", "&Quit", ("Ctrl+Q",), "&File", "Save and close the window", new_group=True),
    # Edit
    Command(
        "undo",
        "&Undo",
        ("Ctrl+Z",),
        "&Edit",
        "Undo the last edit, going back to its item if needed",
    ),
    Command("redo", "&Redo", ("Ctrl+Shift+Z", "Ctrl+Y"), "&Edit", "Redo what was undone"),
    # Item
    Command(
        "next_item",
        "&Next item",
        ("Ctrl+PgDown",),
        "&Item",
        "Next item, cursor in its notes (moves the meeting on when on the current item)",
    ),
    Command(
        "previous_item",
        "&Previous item",
        ("Ctrl+PgUp",),
        "&Item",
        "Previous item, cursor in its notes",
    ),
    # Not Ctrl+E: on Linux a text field takes Ctrl+E as "end of line".
    Command(
        "focus_notes",
        "Back to the &notes",
        ("Esc", "F6"),
        "&Item",
        "Put the cursor back in the notes, from anywhere",
    ),
    Command(
        "focus_agenda", "&Agenda list", ("Ctrl+L",), "&Item", "Put the cursor in the agenda list"
    ),
    Command("focus_title", "Item &title", ("Ctrl+Shift+T",), "&Item", "Edit the item's title"),
    Command(
        "toggle_restricted",
        "&Restricted item",
        ("Ctrl+R",),
        "&Item",
        "Mark the item restricted (not for publication)",
    ),
    Command(
        "outcome_1",
        "Outcome: note the &report",
        ("Ctrl+1",),
        "&Outcome",
        "“AGREED to note the report.” (in the committee's own word)",
    ),
    Command(
        "outcome_2",
        "Outcome: note the &update",
        ("Ctrl+2",),
        "&Outcome",
        "“AGREED to note the update.”",
    ),
    Command(
        "outcome_3",
        "Outcome: report be &noted",
        ("Ctrl+3",),
        "&Outcome",
        "“AGREED that the report be noted.”",
    ),
    Command("outcome_4", "Outcome: &approved", ("Ctrl+4",), "&Outcome", "Recommendations approved"),
    Command(
        "outcome_5", "Outcome: &deferred", ("Ctrl+5",), "&Outcome", "Deferred to the next meeting"
    ),
    Command("outcome_6", "Outcome: &withdrawn", ("Ctrl+6",), "&Outcome", "The item was withdrawn"),
    Command(
        "outcome_vote",
        "Outcome: record a &vote…",
        ("Ctrl+7",),
        "&Outcome",
        "Record a vote with for / against / abstentions",
    ),
    Command(
        "outcome_text",
        "Outcome: &type wording",
        ("Ctrl+Shift+O",),
        "&Outcome",
        "Type your own outcome wording",
    ),
    Command(
        "add_action",
        "Add a&ction",
        ("Ctrl+Shift+A",),
        "&Outcome",
        "Add an action row (text, owner, due date)",
    ),
    Command(
        "attach_paper",
        "Attach a &paper (PDF)…",
        ("Ctrl+Alt+A",),
        "&Item",
        "Attach a PDF to the item in view (or drop the PDF on the item in the agenda)",
    ),
    # People
    Command(
        "attendance",
        "&Attendance",
        ("Ctrl+Shift+P",),
        "&People",
        "Tick who is present; add a person",
    ),
    Command(
        "declarations",
        "&Declarations",
        ("Ctrl+Shift+D",),
        "&People",
        "Record a declaration of interest",
    ),
    Command(
        "arrived",
        "Person &arrived",
        ("Ctrl+Shift+R",),
        "&People",
        "Stamp the selected person's arrival at this item",
    ),
    Command(
        "left",
        "Person &left",
        ("Ctrl+Shift+L",),
        "&People",
        "Stamp the selected person's departure at this item",
    ),
    # Across meetings (gui-series): committees, agenda building, approval, log, search
    Command(
        "committees",
        "Co&mmittees…",
        ("Ctrl+Shift+M",),
        "&Committee",
        "Edit a committee: name, prefix, wording, year start, members, standing items",
    ),
    Command(
        "new_meeting",
        "&New meeting…",
        ("Ctrl+Shift+N",),
        "&Committee",
        "Create the committee's next meeting (attendance, standing items, numbers)",
    ),
    Command(
        "publish_agenda",
        "&Publish agenda…",
        ("Ctrl+Shift+B",),
        "&Committee",
        "Record the agenda as published (numbers freeze); shows the deadline",
    ),
    Command(
        "approve_minutes",
        "&Approve previous minutes…",
        ("Ctrl+Shift+Y",),
        "&Committee",
        "Agree the previous meeting's minutes as a true record (optionally subject to …)",
    ),
    Command(
        "record_correction",
        "Record a &correction…",
        ("Ctrl+Shift+C",),
        "&Committee",
        "Record a correction to approved (locked) minutes",
    ),
    Command(
        "action_log",
        "Action &log…",
        ("Ctrl+Shift+J",),
        "&Committee",
        "Actions of every meeting: open ones, status, export CSV / Word / PDF",
    ),
    Command(
        "search",
        "&Search all meetings…",
        ("Ctrl+Shift+F",),
        "&Committee",
        "Find words in every meeting; Enter opens the meeting at that item",
    ),
    Command(
        "add_item",
        "&Add item…",
        ("Ctrl+Shift+I",),
        "A&genda",
        "Add an agenda item (after publication: urgent, with the chair's reason)",
    ),
    Command(
        "remove_item",
        "&Remove item…",
        ("Ctrl+Shift+Del",),
        "A&genda",
        "Remove the item in view from the agenda (asks first)",
    ),
    Command(
        "move_item_up",
        "Move item &up",
        ("Alt+Up",),
        "A&genda",
        "Move the item up the agenda (renumbered until the agenda is published)",
    ),
    Command(
        "move_item_down",
        "Move item &down",
        ("Alt+Down",),
        "A&genda",
        "Move the item down the agenda (or drag it in the list)",
    ),
    Command(
        "item_history",
        "Item &history…",
        ("Ctrl+Shift+H",),
        "A&genda",
        "Earlier versions of the item's notes, agenda text or title; restore one",
    ),
    # Help
    Command("help_keys", "&Keyboard shortcuts", ("F1",), "&Help", "This list"),
)

BY_NAME = {c.name: c for c in COMMANDS}


def shortcut_rows() -> list[tuple[str, str, str]]:
    """(menu, keys, what it does) for the F1 sheet."""
    return [(c.menu.replace("&", ""), " or ".join(c.keys), c.help) for c in COMMANDS]
