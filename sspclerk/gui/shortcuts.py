"""Every command of the window with its key, in one table.

Menus, toolbar buttons and the F1 sheet are all built from this table, so a key
shown to the clerk is always the key that works.  The table also says which
commands change the record (off in a read-only window) and which change the open
meeting (off while its minutes are approved), so no other list has to.
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
    writes: bool = False  # changes the store: off in a read-only window
    locked_off: bool = False  # changes the open meeting: off while its minutes are approved
    live: bool = False  # used while the meeting runs: first on the F1 sheet
    #: "agenda": the key works only while the agenda list has the keyboard (the menu
    #: entry works always), so a key pressed elsewhere cannot reorder the agenda.
    scope: str = "window"


#: Flags shared by the commands that change the open meeting during the meeting.
_LIVE_WRITE = {"writes": True, "locked_off": True, "live": True}

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
        writes=True,
    ),
    Command(
        "start_meeting",
        "&Start meeting",
        ("F5",),
        "&Meeting",
        "Stamp the start time and take up the item in view (a closed meeting asks first)",
        **_LIVE_WRITE,
    ),
    Command(
        "take_item",
        "&Take up this item",
        ("Ctrl+T",),
        "&Meeting",
        "Make the item in view the one under discussion (stamps its start)",
        **_LIVE_WRITE,
    ),
    Command(
        "current_item",
        "Go to &current item",
        ("Ctrl+G",),
        "&Meeting",
        "Back to the item under discussion",
        live=True,
    ),
    Command(
        "close_meeting",
        "&Close meeting",
        ("Shift+F5",),
        "&Meeting",
        "Stamp the end time of the meeting",
        **_LIVE_WRITE,
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
        "Print preview of the last pack built (or build one first)",
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
        "Undo the last change, wherever it was (typing, outcome, action, person, agenda…)",
        **_LIVE_WRITE,
    ),
    Command(
        "redo",
        "&Redo",
        ("Ctrl+Shift+Z", "Ctrl+Y"),
        "&Edit",
        "Redo what was undone",
        **_LIVE_WRITE,
    ),
    # Item
    Command(
        "next_item",
        "&Next item",
        ("Ctrl+PgDown",),
        "&Item",
        "During the meeting: take up the next item (stamps the times); otherwise the next item",
        live=True,
    ),
    Command(
        "previous_item",
        "&Previous item",
        ("Ctrl+PgUp",),
        "&Item",
        "Look at the previous item (never changes the times)",
        live=True,
    ),
    Command(
        "peek_next",
        "Look &ahead",
        ("Alt+PgDown",),
        "&Item",
        "Look at the next item without moving the meeting on",
        live=True,
    ),
    Command(
        "peek_previous",
        "Look &back",
        ("Alt+PgUp",),
        "&Item",
        "Look at the previous item without moving the meeting on",
        live=True,
    ),
    # Not Ctrl+E: on Linux a text field takes Ctrl+E as "end of line".
    Command(
        "focus_notes",
        "Back to the &notes",
        ("Esc", "F6"),
        "&Item",
        "Put the cursor back in the notes, from anywhere",
        live=True,
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
        "Mark the item restricted (not for publication), or public again; Ctrl+Z undoes it",
        **_LIVE_WRITE,
    ),
    Command(
        "outcome_1",
        "Outcome: note the &report",
        ("Ctrl+1",),
        "&Outcome",
        "“AGREED to note the report.” (in the committee's own word)",
        **_LIVE_WRITE,
    ),
    Command(
        "outcome_2",
        "Outcome: note the &update",
        ("Ctrl+2",),
        "&Outcome",
        "“AGREED to note the update.”",
        **_LIVE_WRITE,
    ),
    Command(
        "outcome_3",
        "Outcome: report be &noted",
        ("Ctrl+3",),
        "&Outcome",
        "“AGREED that the report be noted.”",
        **_LIVE_WRITE,
    ),
    Command(
        "outcome_4",
        "Outcome: &approved",
        ("Ctrl+4",),
        "&Outcome",
        "Recommendations approved",
        **_LIVE_WRITE,
    ),
    Command(
        "outcome_5",
        "Outcome: &deferred",
        ("Ctrl+5",),
        "&Outcome",
        "Deferred to the next meeting",
        **_LIVE_WRITE,
    ),
    Command(
        "outcome_6",
        "Outcome: &withdrawn",
        ("Ctrl+6",),
        "&Outcome",
        "The item was withdrawn",
        **_LIVE_WRITE,
    ),
    Command(
        "outcome_vote",
        "Outcome: record a &vote…",
        ("Ctrl+7",),
        "&Outcome",
        "Record a vote with for / against / abstentions",
        **_LIVE_WRITE,
    ),
    Command(
        "outcome_text",
        "Outcome: &type wording",
        ("Ctrl+Shift+O",),
        "&Outcome",
        "Type your own outcome wording",
        live=True,
    ),
    Command(
        "add_action",
        "Add a&ction",
        ("Ctrl+Shift+A",),
        "&Outcome",
        "Add an action row (text, owner, due date)",
        **_LIVE_WRITE,
    ),
    Command(
        "attach_paper",
        "Attach a &paper (PDF)…",
        ("Ctrl+Alt+A",),
        "&Item",
        "Attach a PDF to the item in view (or drop the PDF on the item in the agenda)",
        writes=True,
        locked_off=True,
    ),
    # People
    Command(
        "attendance",
        "&Attendance",
        ("Ctrl+Shift+P",),
        "&People",
        "Tick who is present; add a person",
        live=True,
    ),
    Command(
        "declarations",
        "&Declarations",
        ("Ctrl+Shift+D",),
        "&People",
        "Record a declaration of interest",
        live=True,
    ),
    Command(
        "arrived",
        "Person &arrived",
        ("Ctrl+Shift+R",),
        "&People",
        "Stamp the selected person's arrival at this item",
        **_LIVE_WRITE,
    ),
    Command(
        "left",
        "Person &left",
        ("Ctrl+Shift+L",),
        "&People",
        "Stamp the selected person's departure at this item",
        **_LIVE_WRITE,
    ),
    # Across meetings: committees, agenda building, approval, log, search
    Command(
        "committees",
        "Co&mmittees…",
        ("Ctrl+Shift+M",),
        "&Committee",
        "Edit a committee: name, prefix, wording, year start, members, standing items",
        writes=True,
    ),
    Command(
        "new_meeting",
        "&New meeting…",
        ("Ctrl+Shift+N",),
        "&Committee",
        "Create the committee's next meeting (attendance, standing items, numbers)",
        writes=True,
    ),
    Command(
        "publish_agenda",
        "&Publish agenda…",
        ("Ctrl+Shift+B",),
        "&Committee",
        "Record the agenda as published (numbers freeze); shows the deadline",
        writes=True,
        locked_off=True,
    ),
    Command(
        "approve_minutes",
        "&Approve previous minutes…",
        ("Ctrl+Shift+Y",),
        "&Committee",
        "Agree the previous meeting's minutes as a true record (optionally subject to …)",
        writes=True,
        locked_off=True,
    ),
    Command(
        "record_correction",
        "Record a &correction…",
        ("Ctrl+Shift+C",),
        "&Committee",
        "Record a correction to approved (locked) minutes",
        writes=True,
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
        writes=True,
        locked_off=True,
    ),
    Command(
        "remove_item",
        "&Remove item…",
        ("Ctrl+Shift+Del",),
        "A&genda",
        "Remove the item in view from the agenda (asks first; Ctrl+Z brings it back)",
        writes=True,
        locked_off=True,
    ),
    Command(
        "move_item_up",
        "Move item &up",
        ("Alt+Up",),
        "A&genda",
        "In the agenda list: move the item up (renumbered until the agenda is published)",
        writes=True,
        locked_off=True,
        scope="agenda",
    ),
    Command(
        "move_item_down",
        "Move item &down",
        ("Alt+Down",),
        "A&genda",
        "In the agenda list: move the item down (or drag it); asks during the meeting",
        writes=True,
        locked_off=True,
        scope="agenda",
    ),
    Command(
        "item_history",
        "Item &history…",
        ("Ctrl+Shift+H",),
        "A&genda",
        "Earlier versions of the item's notes, agenda text or title; restore one",
    ),
    # Help
    Command("help_keys", "&Keyboard shortcuts", ("F1",), "&Help", "This list", live=True),
)

BY_NAME = {c.name: c for c in COMMANDS}


#: The F1 sheet's heading for the keys used while the meeting runs (listed first).
DURING_THE_MEETING = "During the meeting"


def shortcut_rows() -> list[tuple[str, str, str]]:
    """(where, keys, what it does) for the F1 sheet: the live-meeting keys first."""
    live = [c for c in COMMANDS if c.live]
    rest = [c for c in COMMANDS if not c.live]
    return [(DURING_THE_MEETING, " or ".join(c.keys), c.help) for c in live] + [
        (c.menu.replace("&", ""), " or ".join(c.keys), c.help) for c in rest
    ]
