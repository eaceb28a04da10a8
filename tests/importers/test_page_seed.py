"""The published seed page imports to the demo meeting, field for field."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from sspclerk.export.meeting_json import meeting_to_json
from sspclerk.importers.meeting_json import read_meeting_file
from sspclerk.importers.page import format_report, import_page_file, import_page_text
from sspclerk.resources import resource_path

#: Committee settings the page does not carry: the council behind the partnership,
#: the clerk's own name and the standing items offered for new agendas are
#: configuration entered in sspclerk, so the import cannot (and must not) guess them.
NOT_ON_THE_PAGE = ("organisation", "clerk_name", "standing_items")


def _comparable(meeting) -> dict:
    data = meeting_to_json(meeting)
    for key in NOT_ON_THE_PAGE:
        data["committee"].pop(key)
    return data


def test_seed_imports_to_the_demo_meeting(seed_path: Path) -> None:
    result = import_page_file(seed_path)
    demo = read_meeting_file(resource_path("demo-meeting.json"))
    assert _comparable(result.meeting) == _comparable(demo)
    assert result.unplaced == []
    assert result.meeting.unplaced_text == ""


def test_seed_details_that_matter_to_the_clerk(seed_path: Path) -> None:
    meeting = import_page_file(seed_path).meeting
    assert [i.number for i in meeting.items][:2] == ["SSP/12/25", "SSP/13/25"]
    assert meeting.item("SSP/23/25").title == "IQaunta"  # published typo kept
    assert meeting.item("SSP/12/25").documents[0].size_bytes == 112 * 1024
    # "Officers agreed to share ..." inside a paragraph is not an outcome.
    item18 = meeting.item("SSP/18/25")
    assert "Officers agreed to share" in item18.minutes
    assert [o.text for o in item18.outcomes] == ["Members AGREED to Note the report."]
    # "presented with a restricted report" is not the reason; the next paragraph is.
    item23 = meeting.item("SSP/23/25")
    assert item23.restricted
    assert item23.restriction_reason.startswith("This report was a restricted document")
    assert item23.minutes.startswith("Members were presented with a restricted report")
    assert [i.number for i in meeting.items if i.restricted] == ["SSP/23/25", "SSP/24/25"]


def test_seed_report_names_items_and_restrictions(seed_path: Path) -> None:
    report = format_report(import_page_file(seed_path))
    text = "\n".join(report)
    assert "Items: 13 (SSP/12/25 to SSP/24/25)" in text
    assert "SSP/23/25, SSP/24/25" in text
    assert report[-1].startswith("Unplaced text: none")


def _variants(seed: str) -> dict[str, str]:
    """The same page as other browsers, saves and councils lay it out."""
    return {
        "windows line ends": seed.replace("\n", "\r\n"),
        "no blank lines": "\n".join(line for line in seed.split("\n") if line.strip()),
        "number and title on one line": re.sub(r"^(SSP/\d+/25)\n\n", r"\1 ", seed, flags=re.M),
        "text after Minutes:": re.sub(r"^Minutes:\n\n", "Minutes: ", seed, flags=re.M),
        "saved as HTML paragraphs": "<!DOCTYPE html><html><body>"
        + "".join(f"<p>{html.escape(line)}</p>" for line in seed.split("\n"))
        + "</body></html>",
        "tabs for no-break spaces": seed.replace("\u00a0", "\t"),
        "share links before each Minutes:": re.sub(
            r"^(Minutes:)$", r"Share this item\n\n\1", seed, flags=re.M
        ),
    }


@pytest.mark.parametrize(
    "variant",
    [
        "windows line ends",
        "no blank lines",
        "number and title on one line",
        "text after Minutes:",
        "saved as HTML paragraphs",
        "tabs for no-break spaces",
        "share links before each Minutes:",
    ],
)
def test_seed_laid_out_differently_gives_the_same_meeting(seed_path: Path, variant: str) -> None:
    seed = seed_path.read_text(encoding="utf-8")
    text = _variants(seed)[variant]
    assert text != seed
    expected = meeting_to_json(import_page_file(seed_path).meeting)
    assert meeting_to_json(import_page_text(text, variant).meeting) == expected
