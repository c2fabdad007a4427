"""The figures each programme answers for, computed from the registry.

Aggregates only (no person data), so every signed-in user may read them. One query per
figure for all programmes together, whatever the size of the network.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Count, Q
from django.utils import timezone

from approdo.network.models import (
    Contract,
    Node,
    NodeKind,
    Procedure,
    ProfessionalArea,
    Programme,
    Region,
    RegionalTarget,
    TargetIndicator,
    TeamAssignment,
)


@dataclass(frozen=True)
class RegionTotals:
    name: str
    slug: str
    hubs: int
    spokes: int
    target: int | None

    @property
    def nodes(self) -> int:
        return self.hubs + self.spokes


@dataclass(frozen=True)
class AreaShare:
    code: str
    label: str
    count: int
    percent: int


@dataclass(frozen=True)
class ProgrammeTotals:
    programme: Programme
    regions: list[RegionTotals]
    managing_bodies: int
    procedures: int
    contracts: int
    professionals: int
    areas: list[AreaShare]

    @property
    def hubs(self) -> int:
        return sum(r.hubs for r in self.regions)

    @property
    def spokes(self) -> int:
        return sum(r.spokes for r in self.regions)

    @property
    def nodes(self) -> int:
        return self.hubs + self.spokes

    @property
    def target(self) -> int | None:
        """The sum of the regional targets; None when no region has one."""
        values = [r.target for r in self.regions if r.target is not None]
        return sum(values) if values else None


def whole_percent(part: int, whole: int) -> int:
    """A share rounded half up to a whole number (Python's round() rounds half to even)."""
    if not whole:
        return 0
    share = Decimal(100 * part) / Decimal(whole)
    return int(share.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _per_programme(rows: Iterable[Mapping[str, Any]], key: str) -> dict[int, int]:
    return {row[key]: row["n"] for row in rows}


def programme_totals() -> list[ProgrammeTotals]:
    """Every programme with its regional table and its counts, the largest network first.

    Nodes count whatever their active period (the table is the planned network);
    professionals count once per programme if they have an assignment that has not ended.
    """
    programmes = list(Programme.objects.annotate(node_count=Count("nodes")))
    programmes.sort(key=lambda p: (-p.node_count, p.name))

    kind_counts: dict[int, dict[int, dict[str, int]]] = defaultdict(
        lambda: defaultdict(lambda: {NodeKind.HUB.value: 0, NodeKind.SPOKE.value: 0})
    )
    for row in (
        Node.objects.order_by().values("programme_id", "region_id", "kind").annotate(n=Count("pk"))
    ):
        kind_counts[row["programme_id"]][row["region_id"]][row["kind"]] = row["n"]

    targets: dict[int, dict[int, int]] = defaultdict(dict)
    for t in RegionalTarget.objects.filter(indicator=TargetIndicator.TAKEN_IN_CHARGE).values(
        "programme_id", "region_id", "value"
    ):
        targets[t["programme_id"]][t["region_id"]] = t["value"]

    region_ids = {rid for per in kind_counts.values() for rid in per} | {
        rid for per in targets.values() for rid in per
    }
    regions = {r.pk: r for r in Region.objects.filter(pk__in=region_ids)}

    bodies = _per_programme(
        Node.managing_bodies.through.objects.order_by()
        .values("node__programme_id")
        .annotate(n=Count("managingbody_id", distinct=True)),
        "node__programme_id",
    )
    procedures = _per_programme(
        Procedure.objects.order_by().values("programme_id").annotate(n=Count("pk")),
        "programme_id",
    )
    contracts = _per_programme(
        Contract.objects.order_by().values("procedure__programme_id").annotate(n=Count("pk")),
        "procedure__programme_id",
    )
    today = timezone.localdate()
    current = TeamAssignment.objects.filter(Q(ends_on__isnull=True) | Q(ends_on__gte=today))
    professionals = _per_programme(
        current.order_by()
        .values("node__programme_id")
        .annotate(n=Count("professional_id", distinct=True)),
        "node__programme_id",
    )
    area_counts: dict[int, dict[str, int]] = defaultdict(dict)
    for row in (
        current.order_by()
        .values("node__programme_id", "professional__area")
        .annotate(n=Count("professional_id", distinct=True))
    ):
        area_counts[row["node__programme_id"]][row["professional__area"]] = row["n"]

    result = []
    for programme in programmes:
        per_region = kind_counts.get(programme.pk, {})
        region_targets = targets.get(programme.pk, {})
        rows = [
            RegionTotals(
                name=regions[rid].name,
                slug=regions[rid].slug,
                hubs=per_region.get(rid, {}).get(NodeKind.HUB.value, 0),
                spokes=per_region.get(rid, {}).get(NodeKind.SPOKE.value, 0),
                target=region_targets.get(rid),
            )
            for rid in set(per_region) | set(region_targets)
        ]
        rows.sort(key=lambda r: r.name)
        staff = professionals.get(programme.pk, 0)
        by_area = area_counts.get(programme.pk, {})
        shares = [
            AreaShare(
                code=area.value,
                label=str(area.label),
                count=by_area[area.value],
                percent=whole_percent(by_area[area.value], staff),
            )
            for area in ProfessionalArea
            if by_area.get(area.value)
        ]
        shares.sort(key=lambda s: (-s.count, s.label))
        result.append(
            ProgrammeTotals(
                programme=programme,
                regions=rows,
                managing_bodies=bodies.get(programme.pk, 0),
                procedures=procedures.get(programme.pk, 0),
                contracts=contracts.get(programme.pk, 0),
                professionals=staff,
                areas=shares,
            )
        )
    return result
