"""The indicators the programme answers for, registered by the apps that hold their records.

Each app declares its indicators in its own `indicators.py` and registers them from its
AppConfig.ready(), so a new app (housing, transport, jobs) adds figures to every dashboard,
export, snapshot and API without touching monitoring or any other app.

An indicator is a definition (what is counted, from which records, when a record counts) and a
function that computes its figures for a `Context` (the filters and the viewer's places): a
headline value and tallies (counts by one category each). Indicators counting people are
suppressed in small cells for viewers outside the hub (see suppression.py); the others count
events (services, referrals) that point at nobody by themselves.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from approdo.monitoring.frame import Context


class Group(models.TextChoices):
    REALISATION = "realisation", _("Realizzazione")
    ACTIVITY = "activity", _("Attività")
    FSE = "fse", _("FSE+: partecipanti")
    FAMI = "fami", _("FAMI: output")


class Unit(models.TextChoices):
    PEOPLE = "people", _("persone")
    HEADCOUNT = "headcount", _("presenze anonime")
    CASES = "cases", _("prese in carico")
    RECORDS = "records", _("registrazioni")
    DAYS = "days", _("giorni")
    EUROS = "euros", _("euro")
    PERCENT = "percent", _("%")


# Units that count people: their small cells are suppressed outside the hub.
PEOPLE_UNITS = frozenset({Unit.PEOPLE, Unit.HEADCOUNT})


@dataclass
class Tally:
    """Counts by one category: rows of (key, label, value) and the total over the rows.

    `total` is given, not added up, when a person can fall in more than one row (a person taken
    in charge in two regions counts in each, once in the total)."""

    code: str
    title: str
    rows: list[tuple[str, str, int]]
    total: int | None = None
    chart: str = "bar"  # "bar", "line" (time series) or "" (table only)

    def __post_init__(self) -> None:
        if self.total is None:
            self.total = sum(value for _key, _label, value in self.rows)


@dataclass
class Figure:
    """What an indicator computes: its headline value and its tallies."""

    value: float | int | None
    tallies: list[Tally] = field(default_factory=list)
    note: str = ""


@dataclass(frozen=True)
class Indicator:
    code: str
    group: str
    title: Promise | str
    unit: str
    counts: Promise | str  # what is counted
    source: Promise | str  # from which records
    when: Promise | str  # when a record counts (the period's rule)
    compute: Callable[[Context], Figure]
    order: int = 100
    # The headline is a share or a duration, not a count of people (never suppressed itself;
    # the counts it is made of are).
    derived: bool = False

    @property
    def counts_people(self) -> bool:
        return self.unit in PEOPLE_UNITS


_REGISTRY: dict[str, Indicator] = {}


def register(*indicators: Indicator) -> None:
    """Add indicators; a code registered twice is a programming error."""
    for indicator in indicators:
        if indicator.code in _REGISTRY and _REGISTRY[indicator.code] is not indicator:
            raise ValueError(f"indicator {indicator.code!r} registered twice")
        _REGISTRY[indicator.code] = indicator


def all_indicators() -> list[Indicator]:
    groups = list(Group.values)
    return sorted(
        _REGISTRY.values(),
        key=lambda i: (groups.index(i.group) if i.group in groups else len(groups), i.order),
    )


def get(code: str) -> Indicator | None:
    return _REGISTRY.get(code)


def group_label(code: str) -> str:
    try:
        return str(Group(code).label)
    except ValueError:
        return code
