"""Writes for monitoring: freezing a report as a snapshot, and the monthly regional ones."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from approdo.accounts.models import User
from approdo.audit.services import record
from approdo.monitoring.compute import compute, definitions
from approdo.monitoring.frame import Context, Filters
from approdo.monitoring.models import Snapshot, SnapshotKind
from approdo.monitoring.selectors import viewer_node_ids
from approdo.network.models import Node, Region


def checksum(figures: dict[str, Any]) -> str:
    canonical = json.dumps(figures, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def _freeze(
    *,
    ctx: Context,
    title: str,
    kind: str,
    actor: User | None,
    region: Region | None = None,
) -> Snapshot:
    dashboard = compute(ctx, hide_small=True)
    figures = dashboard.as_dict()
    nodes = ctx.nodes
    snapshot = Snapshot.objects.create(
        title=title,
        kind=kind,
        region=region,
        date_from=ctx.filters.date_from,
        date_to=ctx.filters.date_to,
        filters=ctx.filters.as_dict(),
        node_ids=sorted(nodes) if nodes is not None else None,
        figures=figures,
        definitions=definitions(),
        computed_at=dashboard.computed_at,
        checksum=checksum(figures),
        created_by=actor,
        language=translation.get_language() or "it",
    )
    record(
        actor=actor,
        action="monitoring.snapshot.created",
        target=snapshot,
        data={"kind": kind, "filters": snapshot.filters, "checksum": snapshot.checksum},
    )
    return snapshot


@transaction.atomic
def snapshot_create(*, actor: User, filters: Filters, title: str) -> Snapshot:
    """Freeze the dashboard the user sees now (small cells always suppressed)."""
    ctx = Context(filters=filters, node_ids=viewer_node_ids(actor))
    return _freeze(ctx=ctx, title=title.strip(), kind=SnapshotKind.MANUAL, actor=actor)


def previous_month(today: dt.date) -> tuple[dt.date, dt.date]:
    last = today.replace(day=1) - dt.timedelta(days=1)
    return last.replace(day=1), last


def monthly_snapshots(*, month: tuple[dt.date, dt.date] | None = None) -> list[Snapshot]:
    """One snapshot per region with nodes for the month (by default the last complete one).
    Idempotent: a region whose snapshot for that month exists is skipped, so the job can run
    daily and a missed run is made up the next day."""
    start, end = month or previous_month(timezone.localdate())
    made: list[Snapshot] = []
    with translation.override("it"):
        for region in Region.objects.filter(nodes__isnull=False).distinct().order_by("name"):
            if Snapshot.objects.filter(
                kind=SnapshotKind.MONTHLY, region=region, date_from=start
            ).exists():
                continue
            nodes = frozenset(Node.objects.filter(region=region).values_list("pk", flat=True))
            ctx = Context(filters=Filters(date_from=start, date_to=end), node_ids=nodes)
            title = _("%(region)s — mese %(month)s") % {
                "region": region.name,
                "month": start.strftime("%m/%Y"),
            }
            try:
                with transaction.atomic():
                    made.append(
                        _freeze(
                            ctx=ctx,
                            title=title,
                            kind=SnapshotKind.MONTHLY,
                            actor=None,
                            region=region,
                        )
                    )
            except IntegrityError:
                continue  # made meanwhile by another run
    return made


def live_figures(snapshot: Snapshot) -> dict[str, Any]:
    """The snapshot's report computed again now, on the same filters and nodes (suppressed
    like the snapshot), to show what late data entry changed."""
    nodes = frozenset(snapshot.node_ids) if snapshot.node_ids is not None else None
    ctx = Context(filters=Filters.from_dict(snapshot.filters), node_ids=nodes)
    with translation.override(snapshot.language):
        return compute(ctx, hide_small=True).as_dict()


def warm_dashboards() -> int:
    """Compute and keep the dashboards monitors open first: the whole programme and each
    region, for the default period, so their page opens at once. Returns how many."""
    from django.conf import settings
    from django.core.cache import cache

    from approdo.monitoring.forms import default_period
    from approdo.monitoring.selectors import cache_key

    start, end = default_period()
    filters = Filters(date_from=start, date_to=end)
    scopes: list[frozenset[int] | None] = [None]
    for region in Region.objects.filter(nodes__isnull=False).distinct():
        scopes.append(frozenset(Node.objects.filter(region=region).values_list("pk", flat=True)))
    seconds = settings.MONITORING_CACHE_SECONDS
    with translation.override("it"):
        for nodes in scopes:
            ctx = Context(filters=filters, node_ids=nodes)
            cache.set(cache_key(ctx, True), compute(ctx, hide_small=True).as_dict(), seconds)
    return len(scopes)
