"""Reads for monitoring: which places a viewer's figures cover, whether small cells are hidden
from them, the dashboard, and the snapshots they may open.

Everyone with a membership sees aggregates of their places (accounts.access.internal_node_ids):
a hub's staff their hub and spokes, a managing body's administrator the body's nodes, a
regional monitor the region, the Ministry and system administrators the whole programme.
Small cells are shown only to a viewer inside the hub: someone who works with the people's
records of every node the figures cover. Monitoring never reads a person's record.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from django.utils import translation

from approdo.accounts.access import access_for
from approdo.accounts.models import User
from approdo.monitoring.compute import FORMAT, compute
from approdo.monitoring.frame import Context, Filters
from approdo.monitoring.models import Snapshot
from approdo.monitoring.registry import all_indicators


def viewer_node_ids(user: User) -> frozenset[int] | None:
    """The nodes whose aggregates the user may see (None: all); 403 with no place at all."""
    access = access_for(user)
    ids = access.internal_node_ids
    if ids is not None and not ids:
        raise PermissionDenied
    return ids


def can_see_monitoring(user: User) -> bool:
    access = access_for(user)
    return access.internal_node_ids is None or bool(access.internal_node_ids)


def hides_small_cells(user: User, ctx: Context) -> bool:
    """True unless the user reads people's records at every node the figures cover."""
    covered = ctx.nodes
    if covered is None:
        return True
    return not covered <= access_for(user).person_node_ids


def context_for(user: User, filters: Filters) -> Context:
    return Context(filters=filters, node_ids=viewer_node_ids(user))


def dashboard_for(
    user: User, filters: Filters, codes: list[str] | None = None, *, fresh: bool = False
) -> dict[str, Any]:
    """The figures (Dashboard.as_dict) the user sees for the filters. Whole dashboards are
    kept for MONITORING_CACHE_SECONDS, shared by everyone who sees the same nodes the same
    way (a network-sized dashboard takes seconds to compute); `fresh` computes them again."""
    ctx = context_for(user, filters)
    hide = hides_small_cells(user, ctx)
    seconds = settings.MONITORING_CACHE_SECONDS
    if codes is not None or not seconds:
        return compute(ctx, hide_small=hide, codes=codes).as_dict()
    key = cache_key(ctx, hide)
    figures: dict[str, Any] | None = None if fresh else cache.get(key)
    if figures is None:
        figures = compute(ctx, hide_small=hide).as_dict()
        cache.set(key, figures, seconds)
    return figures


def cache_key(ctx: Context, hide: bool) -> str:
    nodes = sorted(ctx.nodes) if ctx.nodes is not None else None
    identity = {
        "format": FORMAT,
        "filters": ctx.filters.as_dict(),
        "nodes": nodes,
        "hide": hide,
        "language": translation.get_language() or "it",
        "indicators": [i.code for i in all_indicators()],
    }
    digest = hashlib.sha256(json.dumps(identity, sort_keys=True).encode()).hexdigest()
    return f"monitoring:dashboard:{digest}"


def snapshots_for(user: User) -> QuerySet[Snapshot]:
    """Snapshots whose nodes all lie within the user's places."""
    ids = viewer_node_ids(user)
    rows = Snapshot.objects.select_related("region", "created_by")
    if ids is None:
        return rows
    visible = [s.pk for s in rows.exclude(node_ids__isnull=True) if set(s.node_ids or []) <= ids]
    return rows.filter(pk__in=visible)


def snapshot_for(user: User, pk: int) -> Snapshot:
    try:
        return snapshots_for(user).get(pk=pk)
    except Snapshot.DoesNotExist as exc:
        raise Http404 from exc
