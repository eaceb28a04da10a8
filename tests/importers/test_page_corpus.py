"""The corpus: invented pages in the layouts councils publish, read against expected.json.

Prints the table of what each page read as (``pytest -s``, or ``python -m
tests.importers.corpus``) and holds the importer to reading at least 90 % of the
pages exactly: committee, date, time, item numbers and titles, restricted items,
and for a page that does not say which meeting it is, asking for exactly what is
missing.  Every page with items must import once the committee and date are
given, lose no word, and come back the same through the moderngov export.
"""

from __future__ import annotations

import pytest

from sspclerk.importers.page import (
    MeetingDetails,
    PageNeedsDetails,
    decode_page,
    import_page_file,
)

from .corpus import CORPUS, EXPECTED, details, rate_table, read_corpus
from .lostwords import lost_words
from .test_page_roundtrip import assert_page_round_trips

WITH_ITEMS = sorted(name for name, want in EXPECTED.items() if "refused" not in want)


def test_the_corpus_is_large_and_varied() -> None:
    assert len(WITH_ITEMS) >= 30
    assert len({want["layout"] for want in EXPECTED.values()}) == len(EXPECTED)


def test_at_least_ninety_percent_of_the_corpus_reads_exactly() -> None:
    results = read_corpus()
    table = rate_table(results)
    print("\n" + table)
    exact = sum(r.exact for r in results)
    assert exact >= 0.9 * len(results), table


@pytest.mark.parametrize("name", WITH_ITEMS)
def test_every_page_with_items_imports_once_committee_and_date_are_given(name: str) -> None:
    want = EXPECTED[name]
    given = details({"committee": want["committee"], "date": want["date"]})
    meeting = import_page_file(CORPUS / name, given).meeting
    assert meeting.items
    assert (meeting.committee.name, meeting.date.isoformat()) == (want["committee"], want["date"])


def _read(name: str):
    try:
        return import_page_file(CORPUS / name)
    except PageNeedsDetails:
        return import_page_file(CORPUS / name, details(EXPECTED[name].get("supply")))


@pytest.mark.parametrize("name", WITH_ITEMS)
def test_every_word_of_a_corpus_page_is_placed_or_unplaced(name: str) -> None:
    path = CORPUS / name
    assert lost_words(decode_page(path.read_bytes(), name), _read(name)) == []


@pytest.mark.parametrize("name", WITH_ITEMS)
def test_every_corpus_page_round_trips_through_the_export(name: str) -> None:
    assert_page_round_trips(_read(name).meeting)


def test_a_question_is_one_line_naming_what_to_give() -> None:
    with pytest.raises(PageNeedsDetails) as asked:
        import_page_file(CORPUS / "zennor-no-heading-other-dates.txt")
    message = str(asked.value)
    assert "\n" not in message and message.endswith("nothing was imported")
    assert "has 3 items but does not say the committee or the date" in message
    assert asked.value.missing == ("committee", "date")
    assert asked.value.found == MeetingDetails()  # neither the previous nor the next meeting
