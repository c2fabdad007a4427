"""Regional rules of traineeships and the calendar arithmetic of the allowance.

**The seeded figures are indicative**, rounded from the regional guidelines in force in 2024-25
for a plausible order of magnitude: administrators set the ones in force in the admin page
«Regole regionali dei tirocini». A region without a row falls back to the national guidelines
(300 € a month, 70% attendance, 6 months).

Months: a traineeship from 15 March to 14 September lasts 6 months (the smallest n such that
15 March + n months is after its last day). The allowance is due per calendar month, in full
for a whole month and in proportion to the days for the first and last ones, so the budget
commitment is the sum of the months' dues: the allowance × the months when they are whole.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from approdo.network.models import Region
from approdo.traineeships.models import (
    DEFAULT_ATTENDANCE_THRESHOLD,
    DEFAULT_MAX_MONTHS,
    NATIONAL_MINIMUM_ALLOWANCE,
    RegionalRule,
)

INDICATIVE = (
    "Importi indicativi (dati dimostrativi): l'amministrazione li imposta dalle linee guida "
    "regionali in vigore."
)
CENT = Decimal("0.01")
# Days a traineeship's dates may take: beyond them a date is a typing error (and the calendar
# arithmetic below would leave the years the date type knows).
EARLIEST = dt.date(2000, 1, 1)
LATEST = dt.date(2099, 12, 31)

# ISTAT region code: (minimum monthly allowance, attendance threshold %, longest in months)
REGIONAL_RULES: dict[str, tuple[str, int, int]] = {
    "03": ("500.00", 70, 6),  # Lombardia
    "15": ("500.00", 70, 6),  # Campania
    "16": ("450.00", 70, 6),  # Puglia
    "17": ("500.00", 70, 6),  # Basilicata
    "18": ("400.00", 70, 6),  # Calabria
    "19": ("300.00", 70, 6),  # Sicilia
}


def ensure_regional_rules(region_model: Any = Region, rule_model: Any = RegionalRule) -> int:
    """Create the seeded rules missing for the regions present; a row an administrator edited
    is left as it is. Returns how many rows were created (used by the migration and the demo:
    regions arrive with the territory, after the migrations of a new database)."""
    created = 0
    for region in region_model.objects.filter(istat_code__in=REGIONAL_RULES):
        minimum, threshold, months = REGIONAL_RULES[region.istat_code]
        _rule, made = rule_model.objects.get_or_create(
            region=region,
            defaults={
                "minimum_allowance": Decimal(minimum),
                "attendance_threshold": threshold,
                "max_months": months,
                "note": INDICATIVE,
            },
        )
        created += int(made)
    return created


@dataclass(frozen=True)
class Rule:
    """The rule that applies in a region (its row, or the national fallback)."""

    region: Region
    minimum_allowance: Decimal
    attendance_threshold: int
    max_months: int
    national: bool  # no regional row: the national guidelines apply


def rule_for(region: Region) -> Rule:
    row = RegionalRule.objects.filter(region=region).first()
    if row is None:
        return Rule(
            region,
            NATIONAL_MINIMUM_ALLOWANCE,
            DEFAULT_ATTENDANCE_THRESHOLD,
            DEFAULT_MAX_MONTHS,
            True,
        )
    return Rule(
        region, row.minimum_allowance, row.attendance_threshold, row.max_months, national=False
    )


# --- calendar -----------------------------------------------------------------------------
def in_calendar(day: dt.date) -> bool:
    return EARLIEST <= day <= LATEST


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later (the month's last day when it has fewer days)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def duration_months(start: dt.date, last: dt.date) -> int:
    """Months from start to last day included, a part of a month counting as one."""
    months = 1
    while add_months(start, months) <= last:
        months += 1
    return months


def latest_end(start: dt.date, max_months: int) -> dt.date:
    """The last day a traineeship starting on `start` may end on."""
    return add_months(start, max_months) - dt.timedelta(days=1)


def first_of_month(day: dt.date) -> dt.date:
    return day.replace(day=1)


def months_between(start: dt.date, last: dt.date) -> list[dt.date]:
    """First days of the calendar months from start's to last's."""
    out: list[dt.date] = []
    month = first_of_month(start)
    while month <= last:
        out.append(month)
        month = add_months(month, 1)
    return out


def month_due(month: dt.date, start: dt.date, last: dt.date, allowance: Decimal) -> Decimal:
    """The allowance of one calendar month: whole, or in proportion to its days inside
    [start, last]."""
    days_in_month = calendar.monthrange(month.year, month.month)[1]
    month_last = month.replace(day=days_in_month)
    first, final = max(start, month), min(last, month_last)
    days = (final - first).days + 1
    if days <= 0:
        return Decimal("0.00")
    if days >= days_in_month:
        return allowance.quantize(CENT)
    return (allowance * days / days_in_month).quantize(CENT, rounding=ROUND_HALF_UP)


def total_due(start: dt.date, last: dt.date, allowance: Decimal) -> Decimal:
    """What the whole traineeship's allowance comes to (the budget commitment)."""
    return sum(
        (month_due(m, start, last, allowance) for m in months_between(start, last)),
        Decimal("0.00"),
    )
