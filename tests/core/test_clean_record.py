"""Text is cleaned once, where a meeting comes in: the store's write boundary and the
importers' hand-over (core.text.clean_record) give the same clean meeting."""

from __future__ import annotations

import dataclasses
from enum import Enum

from sspclerk.core.model import Action, Correction, Document, Outcome
from sspclerk.core.text import clean_field, clean_record
from sspclerk.store import Store
from tests.conftest import demo_meeting

#: What Word and broken clipboards paste: a vertical tab, a form feed, NUL, BEL, a C1
#: quote, a lone surrogate, CRLF, a tab, spaces around.
DIRTY = " A\x0bB\x0cC\x00D\x07E\x93F\ud800G\r\nH\tI "


def _text_fields(record, path=""):
    """(path, field name, value) of every text field in ``record``, however deep."""
    if isinstance(record, list):
        for i, entry in enumerate(record):
            yield from _text_fields(entry, f"{path}[{i}]")
        return
    if not dataclasses.is_dataclass(record):
        return
    for f in dataclasses.fields(record):
        value = getattr(record, f.name)
        if isinstance(value, str) and not isinstance(value, Enum):
            yield f"{path}.{f.name}", f.name, value
        else:
            yield from _text_fields(value, f"{path}.{f.name}")


def _dirty_meeting():
    meeting = demo_meeting()
    item = meeting.items[3]
    item.documents.append(Document(title="A paper", filename="paper.pdf"))
    item.outcomes.append(Outcome(text="AGREED"))
    item.actions.append(Action(text="Report back", owner="Ann"))
    meeting.corrections.append(Correction(text="A correction", item=item.number))
    children = (*item.documents, *item.outcomes, *item.actions, *meeting.attendance)
    for record in (meeting, item, *children, *meeting.declarations):
        for f in dataclasses.fields(record):
            value = getattr(record, f.name)
            # A declaration's item must stay an item's number to be stored at all.
            if isinstance(value, str) and not isinstance(value, Enum) and f.name != "item":
                setattr(record, f.name, value + DIRTY)
    return meeting


def test_every_text_field_however_deep_is_cleaned_by_its_kind() -> None:
    raw = _dirty_meeting()
    clean = clean_record(raw)
    raw_fields = {path: (name, value) for path, name, value in _text_fields(raw)}
    clean_fields = {path: value for path, _, value in _text_fields(clean)}
    assert raw_fields.keys() == clean_fields.keys()
    assert len(clean_fields) > 60  # really walked the items, people and children
    for path, (name, value) in raw_fields.items():
        assert clean_fields[path] == clean_field(name, value), path
        for bad in ("\x00", "\x07", "\x0b", "\x0c", "\r", "\ud800", "\x93"):
            assert bad not in clean_fields[path], (path, bad)
    # Kinds: running text keeps its lines, one-line fields do not, numbers are trimmed.
    assert "\n" in clean.items[3].minutes
    assert "\n" not in clean.items[3].title and "\n" not in clean.venue
    assert clean.items[3].number == clean.items[3].number.strip()
    assert "\u201c" in clean.items[3].minutes  # the C1 byte read as Windows-1252's quote
    assert raw.items[3].minutes.endswith(DIRTY)  # the original is left as it was


def test_the_store_gives_back_what_clean_record_gives(db_path) -> None:
    """The store's write boundary and the importers' hand-over agree field by field."""
    raw = _dirty_meeting()
    with Store.open(db_path) as store:
        stored = store.load_meeting(store.add_meeting(raw))
    expected = {path: value for path, _, value in _text_fields(clean_record(raw))}
    got = {path: value for path, _, value in _text_fields(stored)}
    shared = expected.keys() & got.keys()
    assert len(shared) > 60
    assert {p: got[p] for p in shared} == {p: expected[p] for p in shared}
