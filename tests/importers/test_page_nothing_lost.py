"""The invariant: no word of a page is lost by an import.

Every word of every sample page (the seed too) that is not website clutter turns
up in the imported meeting or in its "Unplaced text" note; see lostwords.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from sspclerk.importers.page import decode_page, import_page_file, import_page_text

from .lostwords import lost_words
from .pagefiles import SAMPLES


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.name)
def test_every_word_of_a_sample_page_is_placed_or_unplaced(sample: Path) -> None:
    result = import_page_file(sample)
    assert lost_words(decode_page(sample.read_bytes(), str(sample)), result) == []


def test_every_word_of_the_seed_is_placed_or_unplaced(seed_path: Path) -> None:
    result = import_page_file(seed_path)
    assert lost_words(seed_path.read_text(encoding="utf-8"), result) == []


def test_the_check_notices_a_dropped_line() -> None:
    """The check itself can fail: a line the import never saw is reported."""
    sample = next(p for p in SAMPLES if p.suffix == ".txt")  # a line after </html> is not text
    page = decode_page(sample.read_bytes(), str(sample))
    result = import_page_text(page, "x")
    extra = page + "\n\nThe quartermaster counted seventeen lanterns.\n"
    assert lost_words(extra, result) == [
        "'The quartermaster counted seventeen lanterns.' (missing "
        "['quartermaster', 'counted', 'seventeen', 'lanterns'])"
    ]
