"""Bank holidays of England and Wales and the five-clear-working-day deadline."""

from __future__ import annotations

import datetime as dt

import pytest

from sspclerk.core.bank_holidays import ENGLAND_AND_WALES, bank_holidays, easter_sunday
from sspclerk.core.deadlines import agenda_deadline, clear_working_days, published_late

D = dt.date


@pytest.mark.parametrize(
    ("year", "easter"),
    [
        (2019, D(2019, 4, 21)),
        (2020, D(2020, 4, 12)),
        (2024, D(2024, 3, 31)),
        (2025, D(2025, 4, 20)),
        (2026, D(2026, 4, 5)),
        (2030, D(2030, 4, 21)),
        (2038, D(2038, 4, 25)),
        (2285, D(2285, 3, 22)),
    ],
)
def test_easter(year, easter):
    assert easter_sunday(year) == easter


def test_2022_with_jubilee_funeral_and_substitute_days():
    assert sorted(bank_holidays(2022)) == [
        D(2022, 1, 3),  # New Year's Day was a Saturday
        D(2022, 4, 15),
        D(2022, 4, 18),
        D(2022, 5, 2),
        D(2022, 6, 2),
        D(2022, 6, 3),  # spring holiday moved, Platinum Jubilee added
        D(2022, 8, 29),
        D(2022, 9, 19),  # State Funeral
        D(2022, 12, 26),
        D(2022, 12, 27),  # Christmas on a Sunday
    ]


@pytest.mark.parametrize(
    ("day", "holiday"),
    [
        (D(2020, 5, 8), True),
        (D(2020, 5, 4), False),  # VE Day move
        (D(2020, 12, 28), True),  # Boxing Day on a Saturday
        (D(2021, 12, 27), True),
        (D(2021, 12, 28), True),  # Christmas on a Saturday
        (D(2023, 1, 2), True),  # New Year's Day on a Sunday
        (D(2023, 5, 8), True),  # Coronation
        (D(2027, 12, 27), True),
        (D(2027, 12, 28), True),
        (D(2025, 12, 25), True),
        (D(2025, 12, 26), True),
        (D(2025, 12, 24), False),
    ],
)
def test_known_days(day, holiday):
    assert (day in ENGLAND_AND_WALES) is holiday


def test_every_table_year_has_eight_regular_holidays():
    for year in range(2020, 2031):
        extra = {2022: 2, 2023: 1}.get(year, 0)
        assert len(bank_holidays(year)) == 8 + extra, year


def test_the_demo_meeting_deadline():
    # Clear days 16, 17, 18, 21, 22 July: out by Tuesday 15th.
    assert agenda_deadline(D(2025, 7, 23)) == D(2025, 7, 15)
    assert not published_late(D(2025, 7, 15), D(2025, 7, 23))
    assert published_late(D(2025, 7, 16), D(2025, 7, 23))


def test_easter_is_skipped():
    # Wednesday 23 April 2025: 22, 17, 16, 15, 14 April are the clear days
    # (Good Friday 18th and Easter Monday 21st do not count).
    assert agenda_deadline(D(2025, 4, 23)) == D(2025, 4, 11)
    assert clear_working_days(D(2025, 4, 11), D(2025, 4, 23)) == 5


def test_christmas_and_new_year_are_skipped():
    # Tuesday 6 January 2026: 5 Jan, 2 Jan, 31, 30, 29 Dec; the day before is a Sunday,
    # Boxing Day and Christmas Day, so the last working day is Wednesday 24 December.
    assert agenda_deadline(D(2026, 1, 6)) == D(2025, 12, 24)
    assert not published_late(D(2025, 12, 24), D(2026, 1, 6))
    assert published_late(D(2025, 12, 29), D(2026, 1, 6))


def test_monday_meeting_and_a_weekend_publication():
    # Monday 8 Sept 2025: clear days 1–5 Sept; the deadline is Friday 29 August.
    assert agenda_deadline(D(2025, 9, 8)) == D(2025, 8, 29)
    # Publishing on the Sunday before still leaves five clear working days.
    assert not published_late(D(2025, 8, 31), D(2025, 9, 8))


def test_custom_holidays_and_clear_days():
    local = {D(2025, 7, 22)}
    assert agenda_deadline(D(2025, 7, 23), holidays=local) == D(2025, 7, 14)
    assert agenda_deadline(D(2025, 7, 23), clear_days=3) == D(2025, 7, 17)
