"""A dashboard: every registered indicator computed for one context, progress against the
regional targets with a projection to the programme's end, and small cells suppressed for
viewers outside the hub.

The result is plain data (`Dashboard.as_dict`) so the page, the exports, the API and the
snapshots all show the same figures.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Hashable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Min
from django.utils import timezone
from django.utils.translation import gettext as _

from approdo.monitoring import registry
from approdo.monitoring.frame import Context, Filters, PeopleRows
from approdo.monitoring.indicators import taken_in_charge, taken_rows
from approdo.monitoring.registry import Figure, Indicator, Tally
from approdo.monitoring.suppression import MIN_CELL, breakdown_of, suppress
from approdo.network.models import Programme, Region, RegionalTarget, TargetIndicator

FORMAT = 1  # the shape of Dashboard.as_dict; snapshots keep the one they were made with


@dataclass
class Shown:
    """A tally as shown: a value of None is a suppressed cell."""

    code: str
    title: str
    rows: list[tuple[str, str, int | None]]
    total: int | None
    chart: str

    def as_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "title": self.title,
            "rows": [list(row) for row in self.rows],
            "total": self.total,
            "chart": self.chart,
        }


@dataclass
class Result:
    code: str
    group: str
    title: str
    unit: str
    value: float | int | None
    tallies: list[Shown]
    note: str = ""
    suppressed: bool = False

    def as_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "group": self.group,
            "title": self.title,
            "unit": self.unit,
            "value": self.value,
            "tallies": [t.as_dict() for t in self.tallies],
            "note": self.note,
            "suppressed": self.suppressed,
        }


@dataclass
class RegionProgress:
    region_id: int | None
    name: str
    target: int
    achieved: int | None
    projected: int | None

    @property
    def percent(self) -> float | None:
        if self.achieved is None or not self.target:
            return None
        return round(100 * self.achieved / self.target, 1)

    @property
    def projected_percent(self) -> float | None:
        if self.projected is None or not self.target:
            return None
        return round(100 * self.projected / self.target, 1)

    def as_dict(self) -> dict[str, Any]:
        return {
            "region_id": self.region_id,
            "name": self.name,
            "target": self.target,
            "achieved": self.achieved,
            "percent": self.percent,
            "projected": self.projected,
            "projected_percent": self.projected_percent,
        }


@dataclass
class Progress:
    starts_on: dt.date | None
    ends_on: dt.date | None
    as_of: dt.date
    regions: list[RegionProgress] = field(default_factory=list)
    total: RegionProgress | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "starts_on": self.starts_on.isoformat() if self.starts_on else None,
            "ends_on": self.ends_on.isoformat() if self.ends_on else None,
            "as_of": self.as_of.isoformat(),
            "regions": [r.as_dict() for r in self.regions],
            "total": self.total.as_dict() if self.total else None,
        }


@dataclass
class Dashboard:
    filters: Filters
    computed_at: dt.datetime
    suppressed: bool
    results: list[Result]
    progress: Progress

    def result(self, code: str) -> Result | None:
        return next((r for r in self.results if r.code == code), None)

    def as_dict(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "filters": self.filters.as_dict(),
            "computed_at": self.computed_at.isoformat(),
            "small_cells_suppressed": self.suppressed,
            "min_cell": MIN_CELL,
            "progress": self.progress.as_dict(),
            "indicators": [r.as_dict() for r in self.results],
        }


def definitions() -> list[dict[str, str]]:
    """What each indicator counts, from which records and when (exports, snapshots)."""
    return [
        {
            "code": i.code,
            "group": registry.group_label(i.group),
            "title": str(i.title),
            "unit": str(registry.Unit(i.unit).label) if i.unit in registry.Unit.values else i.unit,
            "counts": str(i.counts),
            "source": str(i.source),
            "when": str(i.when),
        }
        for i in registry.all_indicators()
    ]


def _shown(tally: Tally, hide: bool) -> tuple[Shown, bool]:
    """The tally with its small cells (and their complements) hidden when `hide`."""
    if not hide:
        return Shown(tally.code, tally.title, list(tally.rows), tally.total, tally.chart), False
    counts: dict[Hashable, int] = {key: value for key, _label, value in tally.rows}
    table = suppress(breakdown_of(counts, total=tally.total))
    rows = [(key, label, table.cell(key, "n")) for key, label, _value in tally.rows]
    return Shown(tally.code, tally.title, rows, table.total, tally.chart), bool(table.hidden)


def present(indicator: Indicator, figure: Figure, hide_small: bool) -> Result:
    hide = hide_small and indicator.counts_people
    shown: list[Shown] = []
    any_hidden = False
    for tally in figure.tallies:
        item, hidden = _shown(tally, hide)
        shown.append(item)
        any_hidden |= hidden
    value = figure.value
    if hide and isinstance(value, int):
        small = 0 < value < MIN_CELL
        # A total hidden in one tally (as a complement) is hidden everywhere it appears.
        complement = any(t.total is None for t in shown)
        if small or complement:
            value = None
            for item in shown:
                item.total = None
            any_hidden = True
    return Result(
        code=indicator.code,
        group=indicator.group,
        title=str(indicator.title),
        unit=indicator.unit,
        value=value,
        tallies=shown,
        note=figure.note,
        suppressed=any_hidden,
    )


def _programme_window(region_ids: list[int]) -> tuple[dt.date | None, dt.date | None]:
    programmes = Programme.objects.filter(targets__region_id__in=region_ids).distinct()
    dates = programmes.aggregate(start=Min("starts_on"), end=Min("ends_on"))
    ends = list(programmes.values_list("ends_on", flat=True))
    return dates["start"], max(ends) if ends else None


def compute_progress(ctx: Context, hide_small: bool) -> Progress:
    """People taken in charge since the programme began, per region with a target, against
    it, with a straight-line projection of the pace so far to the programme's end."""
    regions = ctx.region_ids()
    targets_q = RegionalTarget.objects.filter(indicator=TargetIndicator.TAKEN_IN_CHARGE)
    if regions is not None:
        targets_q = targets_q.filter(region_id__in=regions)
    targets: dict[int, int] = {}
    for region_id, value in targets_q.values_list("region_id", "value"):
        targets[region_id] = targets.get(region_id, 0) + value
    as_of = min(ctx.end, ctx.today)
    start, end = _programme_window(list(targets))
    progress = Progress(starts_on=start, ends_on=end, as_of=as_of)
    if not targets or start is None or end is None:
        return progress
    names = dict(Region.objects.filter(pk__in=targets).values_list("pk", "name"))
    in_targets = set(targets)
    if (start, as_of) == (ctx.start, ctx.end):
        # The period is the programme so far: the rows the realisation indicator read.
        region = taken_rows(ctx).column("region")
        people = taken_rows(ctx).subset(lambda row: region(row) in in_targets)
    else:
        since_start = Context(
            filters=Filters(**{**ctx.filters.__dict__, "date_from": start, "date_to": as_of}),
            node_ids=ctx.node_ids,
            today=ctx.today,
        )
        rows = taken_in_charge(since_start).filter(hub__region_id__in=list(targets))
        people = PeopleRows(rows, {"region": "hub__region_id"})
    by_region = people.tally("region", names, code="region", title="")
    shown, _hidden = _shown(by_region, hide_small)
    elapsed = max((as_of - start).days + 1, 1)
    length = max((end - start).days + 1, 1)

    def project(achieved: int | None) -> int | None:
        if achieved is None or as_of < start:
            return None
        return round(achieved * length / elapsed) if as_of < end else achieved

    for key, name, achieved in shown.rows:
        target = targets[int(key)]
        progress.regions.append(RegionProgress(int(key), name, target, achieved, project(achieved)))
    progress.regions.sort(key=lambda r: r.name)
    progress.total = RegionProgress(
        None,
        _("Totale (persone distinte)"),
        sum(targets.values()),
        shown.total,
        project(shown.total),
    )
    return progress


def compute(ctx: Context, *, hide_small: bool, codes: list[str] | None = None) -> Dashboard:
    results = []
    for indicator in registry.all_indicators():
        if codes is not None and indicator.code not in codes:
            continue
        results.append(present(indicator, indicator.compute(ctx), hide_small))
    return Dashboard(
        filters=ctx.filters,
        computed_at=timezone.now(),
        suppressed=hide_small,
        results=results,
        progress=compute_progress(ctx, hide_small),
    )
