"""core.numbering: municipal years, the PREFIX/N/YY format and numbers that follow dates."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sspclerk.core.numbering import (
    SeriesMeeting,
    duplicate_numbers,
    format_number,
    municipal_year,
    next_free_number,
    parse_number,
    renumber_series,
    suffix,
)

D = dt.date


@pytest.mark.parametrize(
    ("day", "year", "yy"),
    [
        (D(2025, 7, 23), 2025, 25),
        (D(2025, 1, 15), 2024, 24),  # a January meeting is still in the year begun in May
        (D(2025, 4, 30), 2024, 24),
        (D(2025, 5, 1), 2025, 25),
        (D(2000, 3, 1), 1999, 99),
        (D(2009, 6, 1), 2009, 9),
    ],
)
def test_municipal_year_and_suffix(day, year, yy):
    assert municipal_year(day) == year
    assert suffix(day) == yy


def test_year_start_is_configurable():
    # A committee whose year starts on 1 April.
    assert municipal_year(D(2025, 4, 15), 4, 1) == 2025
    assert municipal_year(D(2025, 4, 15)) == 2024
    assert format_number("SSP", 3, 9) == "SSP/3/09"


def test_parse_is_strict_about_typed_mistakes():
    assert parse_number("SSP/47/24").n == 47
    assert parse_number("SSP / 47 / 24", "SSP").yy == 24
    assert parse_number("SSP/4724") is None  # the council's own typing mistake
    assert parse_number("12.") is None
    assert parse_number("C 08/042") is None
    assert parse_number("CAB/12/25", "SSP") is None


def _m(key, day, n_items, frozen=False, numbers=None):
    return SeriesMeeting(key, day, frozen, numbers if numbers is not None else [""] * n_items)


def test_numbers_continue_through_the_year_and_restart_in_may():
    july = _m(1, D(2025, 7, 23), 0, frozen=True, numbers=[f"SSP/{n}/25" for n in range(12, 25)])
    sept = _m(2, D(2025, 9, 24), 4)
    jan = _m(3, D(2026, 1, 21), 2)
    may = _m(4, D(2026, 5, 20), 3)
    changes = renumber_series([may, jan, july, sept], "SSP")
    assert changes[2] == ["SSP/25/25", "SSP/26/25", "SSP/27/25", "SSP/28/25"]
    assert changes[3] == ["SSP/29/25", "SSP/30/25"]  # January: still /25
    assert changes[4] == ["SSP/1/26", "SSP/2/26", "SSP/3/26"]
    assert 1 not in changes  # a published agenda is never renumbered


def test_a_meeting_inserted_earlier_pushes_later_unpublished_ones_on():
    sept = _m(2, D(2025, 9, 24), 2, numbers=["SSP/1/25", "SSP/2/25"])
    aug = _m(5, D(2025, 8, 20), 3)
    changes = renumber_series([sept, aug], "SSP")
    assert changes[5] == ["SSP/1/25", "SSP/2/25", "SSP/3/25"]
    assert changes[2] == ["SSP/4/25", "SSP/5/25"]


def test_next_free_number_ignores_later_meetings_and_other_years():
    meetings = [
        _m(1, D(2025, 7, 23), 0, True, ["SSP/12/25", "SSP/24/25"]),
        _m(2, D(2025, 9, 24), 0, True, ["SSP/25/25", "SSP/28/25"]),
        _m(3, D(2025, 11, 19), 0, False, ["SSP/29/25", "SSP/30/25"]),
        _m(4, D(2025, 3, 19), 0, True, ["SSP/40/24"]),
    ]
    assert next_free_number(meetings, D(2025, 9, 24), "SSP") == "SSP/29/25"
    assert next_free_number(meetings, D(2025, 3, 19), "SSP") == "SSP/41/24"


def test_duplicates_are_found():
    a = _m(1, D(2025, 7, 1), 0, True, ["SSP/1/25", "SSP/2/25"])
    b = _m(2, D(2025, 8, 1), 0, True, ["SSP/2/25"])
    assert duplicate_numbers([a, b]) == {"SSP/2/25": [1, 2]}


@settings(deadline=None, max_examples=60)
@given(
    st.lists(
        st.tuples(st.dates(D(2023, 1, 1), D(2027, 12, 31)), st.integers(0, 6), st.booleans()),
        min_size=1,
        max_size=12,
    )
)
def test_unpublished_numbers_are_unique_and_gapless_per_year(spec):
    meetings = [_m(i, day, n) for i, (day, n, _) in enumerate(spec)]
    changes = renumber_series(meetings, "SSP")
    by_year: dict[int, list[int]] = {}
    for m in meetings:
        numbers = changes.get(m.key, list(m.item_numbers))
        assert len(numbers) == len(m.item_numbers)
        for text in numbers:
            parsed = parse_number(text, "SSP")
            assert parsed is not None and parsed.yy == suffix(m.date)
            by_year.setdefault(municipal_year(m.date), []).append(parsed.n)
    for ns in by_year.values():
        assert sorted(ns) == list(range(1, len(ns) + 1))
