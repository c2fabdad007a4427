"""When the helpdesk is open: Mon–Fri 9:30–18:00 (Europe/Rome), closed on Italian public
holidays. Messages received when it is closed get a call-back task for the next opening."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

import holidays
from django.conf import settings
from django.utils import timezone


def _hours() -> tuple[dt.time, dt.time]:
    opens, closes = settings.HELPDESK_HOURS
    return dt.time.fromisoformat(opens), dt.time.fromisoformat(closes)


@lru_cache(maxsize=16)
def _holidays(year: int) -> frozenset[dt.date]:
    return frozenset(holidays.country_holidays("IT", years=year).keys())


def is_working_day(day: dt.date) -> bool:
    return day.weekday() in settings.HELPDESK_WEEKDAYS and day not in _holidays(day.year)


def is_open(at: dt.datetime) -> bool:
    local = timezone.localtime(at)
    opens, closes = _hours()
    return is_working_day(local.date()) and opens <= local.time() < closes


def next_opening(at: dt.datetime) -> dt.datetime:
    """The first opening time at or after `at` (itself when the helpdesk is open)."""
    if is_open(at):
        return at
    local = timezone.localtime(at)
    opens, _closes = _hours()
    day = local.date()
    if local.time() >= opens:
        day += dt.timedelta(days=1)
    for _attempt in range(31):
        if is_working_day(day):
            naive = dt.datetime.combine(day, opens)
            return timezone.make_aware(naive, timezone.get_current_timezone())
        day += dt.timedelta(days=1)
    raise RuntimeError("HELPDESK_WEEKDAYS leaves no working day in a month")
