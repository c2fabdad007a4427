"""Reads of awareness campaigns and events, scoped by accounts.access.

Campaigns and events hold no personal data: they are read by every user whose places
(`internal_node_ids`, None = all) cover the node, monitors included, so monitoring can count
them. Writing is for person-data roles of the node (a hub membership covers its spokes),
coordinators included: 404 outside the user's places, 403 for other roles inside them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, QuerySet, Sum
from django.http import Http404

from approdo.accounts.access import access_for
from approdo.accounts.models import User
from approdo.network.models import Node
from approdo.outreach.models import AwarenessEvent, Campaign


@dataclass(frozen=True)
class AwarenessFilters:
    node: int | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    audience: str = ""


@dataclass(frozen=True)
class NodeTotals:
    node: Node
    events: int
    people: int


def _scope(user: User) -> Q:
    ids = access_for(user).internal_node_ids
    return Q() if ids is None else Q(node_id__in=ids)


def require_awareness_reader(user: User) -> None:
    if not access_for(user).grants:
        raise PermissionDenied


def require_awareness_writer(user: User, node_id: int) -> None:
    """404 for a node outside the user's places, 403 for roles that may not write there."""
    access = access_for(user)
    ids = access.internal_node_ids
    if ids is not None and node_id not in ids:
        raise Http404
    if node_id not in access.person_node_ids:
        raise PermissionDenied


def can_write(user: User) -> bool:
    return bool(access_for(user).person_node_ids)


def event_list(*, user: User, filters: AwarenessFilters | None = None) -> QuerySet[AwarenessEvent]:
    f = filters or AwarenessFilters()
    qs = AwarenessEvent.objects.filter(_scope(user)).select_related(
        "node", "campaign", "place", "municipality__province"
    )
    if f.node:
        qs = qs.filter(Q(node_id=f.node) | Q(node__parent_hub_id=f.node))
    if f.date_from:
        qs = qs.filter(date__gte=f.date_from)
    if f.date_to:
        qs = qs.filter(date__lte=f.date_to)
    if f.audience:
        qs = qs.filter(audience=f.audience)
    return qs


def event_totals(events: QuerySet[AwarenessEvent]) -> list[NodeTotals]:
    """Events and people reached per node, over the filtered events."""
    rows = (
        events.order_by()
        .values("node_id")
        .annotate(events=Count("pk"), people=Sum("people_reached"))
        .order_by("node_id")
    )
    nodes = Node.objects.in_bulk([row["node_id"] for row in rows])
    totals = [
        NodeTotals(node=nodes[row["node_id"]], events=row["events"], people=row["people"] or 0)
        for row in rows
    ]
    return sorted(totals, key=lambda t: t.node.name)


def event_get(*, user: User, pk: int) -> AwarenessEvent:
    require_awareness_reader(user)
    event = event_list(user=user).prefetch_related("materials", "languages").filter(pk=pk).first()
    if event is None:
        raise Http404
    return event


def campaign_list(*, user: User, filters: AwarenessFilters | None = None) -> QuerySet[Campaign]:
    """Campaigns overlapping the period, with their events' totals."""
    f = filters or AwarenessFilters()
    qs = (
        Campaign.objects.filter(_scope(user))
        .select_related("node")
        .annotate(event_count=Count("events", distinct=True))
        .order_by("-starts_on", "name", "pk")
    )
    if f.node:
        qs = qs.filter(Q(node_id=f.node) | Q(node__parent_hub_id=f.node))
    if f.date_to:
        qs = qs.filter(starts_on__lte=f.date_to)
    if f.date_from:
        qs = qs.filter(Q(ends_on__isnull=True) | Q(ends_on__gte=f.date_from))
    if f.audience:
        qs = qs.filter(events__audience=f.audience).distinct()
    return qs


def campaign_get(*, user: User, pk: int) -> Campaign:
    require_awareness_reader(user)
    campaign = (
        Campaign.objects.filter(_scope(user))
        .select_related("node")
        .prefetch_related("materials", "languages")
        .filter(pk=pk)
        .first()
    )
    if campaign is None:
        raise Http404
    return campaign


def campaign_events(campaign: Campaign) -> QuerySet[AwarenessEvent]:
    return campaign.events.select_related("node", "place", "municipality").order_by("-date")


def campaign_choices(user: User) -> QuerySet[Campaign]:
    """Campaigns an event can belong to: those of the nodes the user writes for."""
    return Campaign.objects.filter(node_id__in=access_for(user).person_node_ids).order_by(
        "-starts_on", "name"
    )
