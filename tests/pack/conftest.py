"""A meeting with real generated papers, and a content source standing in for the store."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from sspclerk.core.model import Document, Meeting
from tests.conftest import demo_meeting as read_demo

from . import samples

CANARY_TITLE = "CANARYTITLE Gang intelligence briefing"
CANARY_FILE = "canaryfile-operation.pdf"
CANARY_TAG = "CANARYTEXT"


@dataclass
class Papers:
    """sha256 -> bytes, like the store's document_files table."""

    blobs: dict[str, bytes] = field(default_factory=dict)

    def add(
        self,
        meeting: Meeting,
        number: str,
        title: str,
        data: bytes,
        *,
        filename: str = "",
        attached_at: dt.datetime | None = None,
    ) -> Document:
        digest = hashlib.sha256(data).hexdigest()
        self.blobs[digest] = data
        doc = Document(
            title=title,
            filename=filename or f"{title}.pdf",
            size_bytes=len(data),
            sha256=digest,
            attached_at=attached_at or dt.datetime(2025, 7, 10, 9, 0),
        )
        meeting.item(number).documents.append(doc)
        return doc

    def content(self, sha256: str) -> bytes:
        return self.blobs[sha256]


def demo_meeting() -> Meeting:
    meeting = read_demo()
    for item in meeting.items:  # the demo's papers are listed without files
        item.documents = []
    return meeting


@pytest.fixture
def papers() -> Papers:
    return Papers()


@pytest.fixture
def meeting(papers: Papers) -> Meeting:
    """The demo meeting with every awkward kind of paper, and one restricted canary."""
    m = demo_meeting()
    papers.add(m, "SSP/15/25", "Recorded Crime & Disorder Report", samples.paper("crime", 3))
    papers.add(m, "SSP/15/25", "Crime figures (landscape)", samples.landscape_paper("land", 2))
    papers.add(m, "SSP/17/25", "Knife Crime Action Plan", samples.a3_paper("a3", 1))
    papers.add(m, "SSP/17/25", "Scanned letter", samples.rotated_paper("rot90", 2, 90))
    papers.add(m, "SSP/17/25", "Upside-down scan", samples.rotated_paper("rot180", 1, 180))
    papers.add(m, "SSP/17/25", "Sideways table", samples.rotated_paper("rot270", 1, 270))
    papers.add(m, "SSP/18/25", "Consultation form", samples.annotated_paper("form"))
    papers.add(m, "SSP/18/25", "Map extract", samples.offset_box_paper("map"))
    secret = m.item("SSP/23/25")
    secret.exempt_paragraph = 7
    papers.add(
        m,
        "SSP/23/25",
        CANARY_TITLE,
        samples.paper(CANARY_TAG, 2, title=CANARY_TITLE),
        filename=CANARY_FILE,
    )
    papers.add(m, "SSP/24/25", "Performance scorecard", samples.paper("perf", 1))
    return m


@pytest.fixture
def out(tmp_path: Path) -> Path:
    folder = tmp_path / "packs"
    folder.mkdir()  # the pack never makes folders (a mistyped path must not leave any)
    return folder / "agenda-pack.pdf"
