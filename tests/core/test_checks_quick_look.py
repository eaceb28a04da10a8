"""The check's quick look before the placeholder pattern never hides a placeholder.

checks._placeholders skips the slow case-blind ``_PLACEHOLDER`` when the text holds
none of "?", "[", "_", "xxx", "x/", "x.", "x-", "sert" (or "ſert").  These tests prove that skip only
happens when the pattern would have found nothing.
"""

from __future__ import annotations

import re
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from sspclerk.core import checks


def test_only_the_listed_characters_match_the_quick_look_letters_case_blind():
    """Every character of Unicode that the case-blind pattern treats as x, t, b, s, e, r."""
    letters = "xtbser"
    any_letter = re.compile(f"[{letters}]", re.I).fullmatch
    matched = [chr(c) for c in range(sys.maxunicode + 1) if any_letter(chr(c))]
    assert sorted(matched) == sorted(letters + letters.upper() + "ſ")


def _found(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group(0)) for m in checks._placeholders(text)]


def _expected(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group(0)) for m in checks._PLACEHOLDER.finditer(text)]


_PIECES = st.sampled_from(
    [
        "xxx", "XxX", "xx", "TBC", "tbA", "Tb", "??", "?", "[date]", "[ insert name ]",
        "[", "]", "insert the date", "inſert details", "INSERT …", "insert...", "ſ", "K",
        "İ", "ı", " ", "\n", "minutes", "held on", "2025", "é", "😀", "Ελλάδα", "tbc.",
        "___", "_", "xx/", "/xx/", "12/", "/2025", "[NAME OF", " OFFICER]", "[name of",
        "final??", "x.", "x-", "-x", "XX.", "1.", "07-",
    ]
)  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(st.one_of(_PIECES, st.text(max_size=6)), max_size=12))
def test_quick_look_finds_what_the_pattern_finds(pieces):
    text = "".join(pieces)
    assert _found(text) == _expected(text)


def test_quick_look_on_the_demo_texts_and_known_placeholders():
    from sspclerk.importers.meeting_json import read_meeting_file
    from sspclerk.resources import resource_path

    meeting = read_meeting_file(resource_path("demo-meeting.json"))
    texts = [t for item in meeting.items for _, t in checks._texts(item)]
    texts += ["held on xxx", "INSERT DATE HERE", "insert names", "[venue]", "Time: ??"]
    texts += ["held on ____", "xx/xx/2025", "[NAME OF OFFICER]"]
    hits = 0
    for text in texts:
        assert _found(text) == _expected(text)
        hits += bool(_expected(text))
    assert hits >= 9  # the demo's own "held on xxx" and the eight above
