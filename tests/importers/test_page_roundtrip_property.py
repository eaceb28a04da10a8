"""Property: any meeting in normal form survives export --format moderngov and import.

Meetings are generated from an invented vocabulary so that ordinary sentences do not
by chance look like page structure (a "Minutes:" line, an item number, "AGREED …");
the exactly-stated exclusions are those of test_page_roundtrip.
"""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from sspclerk.core.model import (
    AgendaItem,
    Attendance,
    AttendanceStatus,
    Committee,
    Declaration,
    DeclarationCategory,
    Document,
    Meeting,
    MeetingStatus,
    Outcome,
    OutcomeKind,
    Role,
)
from sspclerk.core.outcomes import infer_kind
from sspclerk.export.moderngov import render_moderngov
from sspclerk.importers.page import import_page_text

from .test_page_roundtrip import _page_fields

WORDS = [
    "harbour",
    "lantern",
    "quay",
    "ferry",
    "meadow",
    "orchard",
    "bridge",
    "market",
    "beacon",
    "willow",
    "granary",
]
NAMES = [
    "Ayla",
    "Bram",
    "Cato",
    "Dilys",
    "Efa",
    "Fenn",
    "Gwen",
    "Hollis",
    "Ione",
    "Jory",
    "Kesi",
    "Lorne",
]

word = st.sampled_from(WORDS)
sentence = st.lists(word, min_size=2, max_size=9).map(lambda ws: " ".join(ws).capitalize() + ".")
title = st.lists(word, min_size=1, max_size=5).map(lambda ws: " ".join(w.capitalize() for w in ws))
name = st.tuples(
    st.sampled_from(["Cllr ", "", "Dr "]), st.sampled_from(NAMES), st.sampled_from(NAMES)
).map(lambda t: f"{t[0]}{t[1]} {t[2]}son")
org = st.one_of(st.just(""), title)


@st.composite
def minutes_text(draw: st.DrawFn) -> str:
    blocks: list[str] = []
    last = ""
    for _ in range(draw(st.integers(0, 4))):
        kind = draw(st.sampled_from(["para", "bullets", "numbered"]))
        if kind == last and kind != "para":
            continue  # two lists of one kind in a row are one list in plain text
        last = kind
        if kind == "para":
            blocks.append(draw(sentence))
        elif kind == "bullets":
            blocks.append(
                "\n".join(f"- {s}" for s in draw(st.lists(sentence, min_size=1, max_size=3)))
            )
        else:
            start = draw(st.integers(1, 3))
            entries = draw(st.lists(sentence, min_size=1, max_size=3))
            blocks.append("\n".join(f"{start + i}. {s}" for i, s in enumerate(entries)))
    return "\n\n".join(blocks)


@st.composite
def meetings(draw: st.DrawFn) -> Meeting:
    concluded = draw(st.booleans())
    m = Meeting(
        committee=Committee(name=draw(title) + " Partnership", prefix=""),
        date=draw(st.dates(dt.date(2000, 1, 1), dt.date(2040, 12, 31))),
        start_time=draw(
            st.one_of(st.none(), st.times().map(lambda t: t.replace(second=0, microsecond=0)))
        ),
        venue=draw(st.one_of(st.just(""), title)),
        contact=draw(st.one_of(st.just(""), name)),
        status=MeetingStatus.CONCLUDED if concluded else MeetingStatus.AGENDA_PUBLISHED,
    )
    count = draw(st.integers(1, 6))
    first = draw(st.integers(1, 40))
    for n in range(first, first + count):
        item = AgendaItem(str(n), draw(title), agenda_text=draw(st.one_of(st.just(""), sentence)))
        if draw(st.booleans()):
            item.documents.append(Document(item.title, "", draw(st.integers(0, 5000)) * 1024))
        if concluded:
            item.minutes = draw(minutes_text())
            for _ in range(draw(st.integers(0, 2))):
                verb = draw(
                    st.sampled_from(["AGREED to note", "RESOLVED that the", "Members AGREED that"])
                )
                item.outcomes.append(Outcome(f"{verb} {draw(sentence).lower()}", OutcomeKind.NOTED))
        m.items.append(item)
    people = draw(st.lists(st.tuples(name, org), max_size=5, unique_by=lambda p: p[0]))
    groups = [
        (Role.MEMBER, AttendanceStatus.PRESENT),
        (Role.OFFICER, AttendanceStatus.PRESENT),
        (Role.IN_ATTENDANCE, AttendanceStatus.PRESENT),
        (Role.MEMBER, AttendanceStatus.APOLOGIES),
    ]
    for role, status in groups:
        for person, organisation in people:
            if draw(st.integers(0, 3)) == 0:
                m.attendance.append(Attendance(person, organisation, role, status))
    if people:
        for _ in range(draw(st.integers(0, 2))):
            m.declarations.append(
                Declaration(
                    draw(st.sampled_from(people))[0],
                    draw(st.sampled_from([i.number for i in m.items])),
                    draw(st.sampled_from(list(DeclarationCategory)[:3])),
                    draw(st.one_of(st.just(""), sentence.map(lambda s: s.rstrip(".").lower()))),
                    withdrew=draw(st.booleans()),
                )
            )
    return m


def _dedupe_attendance(m: Meeting) -> None:
    seen = set()
    m.attendance = [a for a in m.attendance if not (a.name in seen or seen.add(a.name))]


@settings(max_examples=150, deadline=None)
@given(meetings())
def test_generated_meetings_round_trip(meeting: Meeting) -> None:
    _dedupe_attendance(meeting)
    for item in meeting.items:
        for outcome in item.outcomes:  # the kind comes back as the words say
            outcome.kind = infer_kind(outcome.text, context=item.minutes)
    back = import_page_text(render_moderngov(meeting), "generated").meeting
    assert _page_fields(back) == _page_fields(meeting)
