"""Opening hours of the helpdesk: Mon–Fri 9:30–18:00 (Europe/Rome), Italian holidays closed."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from approdo.helpdesk.hours import is_open, next_opening


def at(year: int, month: int, day: int, hour: int, minute: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime(year, month, day, hour, minute))


def test_open_on_a_weekday_inside_hours() -> None:
    assert is_open(at(2026, 11, 18, 9, 30))  # Wednesday, opening minute
    assert not is_open(at(2026, 11, 18, 18, 0))  # closing minute is closed
    assert not is_open(at(2026, 11, 18, 9, 29))


def test_friday_evening_waits_for_monday_morning() -> None:
    assert next_opening(at(2026, 11, 13, 19, 0)) == at(2026, 11, 16, 9, 30)


def test_early_morning_waits_for_the_same_day() -> None:
    assert next_opening(at(2026, 11, 18, 7, 0)) == at(2026, 11, 18, 9, 30)


def test_when_open_the_next_opening_is_now() -> None:
    now = at(2026, 11, 18, 11, 0)
    assert next_opening(now) == now


def test_holidays_are_skipped() -> None:
    # Tuesday 8 December 2026 (Immacolata) is a holiday: Monday evening waits for Wednesday.
    assert not is_open(at(2026, 12, 8, 11, 0))
    assert next_opening(at(2026, 12, 7, 19, 0)) == at(2026, 12, 9, 9, 30)
    # Christmas Eve evening (Thursday): 25 and 26 December closed, then the weekend.
    assert next_opening(at(2026, 12, 24, 18, 30)) == at(2026, 12, 28, 9, 30)
