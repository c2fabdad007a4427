"""Nights as dates: runs of nights and the clash message that names bed and dates."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.utils.translation import gettext as _

from approdo.housing.models import Bed

# Dates users may type anywhere in housing: wide enough for history and plans, narrow enough
# that date arithmetic never leaves the calendar.
EARLIEST = dt.date(2000, 1, 1)
LATEST = dt.date(2100, 12, 31)


def nights_between(first: dt.date, last: dt.date) -> list[dt.date]:
    return [first + dt.timedelta(days=i) for i in range((last - first).days + 1)]


def runs(nights: Iterable[dt.date]) -> list[tuple[dt.date, dt.date]]:
    """Consecutive nights grouped into (first, last) runs."""
    out: list[tuple[dt.date, dt.date]] = []
    for night in sorted(set(nights)):
        if out and night == out[-1][1] + dt.timedelta(days=1):
            out[-1] = (out[-1][0], night)
        else:
            out.append((night, night))
    return out


def describe_runs(nights: Iterable[dt.date]) -> str:
    parts = []
    for first, last in runs(nights):
        if first == last:
            parts.append(_("la notte del %(day)s") % {"day": f"{first:%d/%m/%Y}"})
        else:
            parts.append(
                _("dal %(first)s al %(last)s")
                % {"first": f"{first:%d/%m/%Y}", "last": f"{last:%d/%m/%Y}"}
            )
    return ", ".join(parts)


def clash_message(*, bed: Bed, nights: list[dt.date], person: bool = False) -> str:
    if person:
        return _(
            "La persona ha già un posto letto (%(bed)s) %(dates)s: non può occuparne due "
            "nella stessa notte."
        ) % {"bed": bed, "dates": describe_runs(nights)}
    return _("Il posto letto %(bed)s è già occupato %(dates)s.") % {
        "bed": bed,
        "dates": describe_runs(nights),
    }
