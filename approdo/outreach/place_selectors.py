"""Reads of the place registry and of the sessions' figures per place, scoped by accounts.access.

Places are not personal data: every signed-in user with a membership reads the places of the
nodes their memberships cover (`internal_node_ids`; programme-wide roles, the helpdesk and
ministry monitoring, see them all). Monitors see places and anonymous counts only; sessions'
pages are for `person_node_ids` staff (see views_sessions). Writing a place is for person-data
roles of its node (a hub membership covers its spokes), coordinators included.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Max, Q, QuerySet, Sum
from django.http import Http404
from django.utils import timezone

from approdo.accounts.access import access_for
from approdo.accounts.models import User
from approdo.network.models import Municipality, Node
from approdo.outreach.models import Headcount, OutreachSession, Place, SessionStatus

# Italy's bounding box (the same the maps fit): a coordinate outside is a typing mistake.
LAT_RANGE = (35.4, 47.1)
LON_RANGE = (6.6, 18.6)
RECENT_SESSIONS = 10
PERIODS = (30, 90)


@dataclass(frozen=True)
class PlaceFilters:
    """The place list's filters; every field is optional."""

    q: str = ""
    kind: str = ""
    region: int | None = None
    province: int | None = None
    node: int | None = None
    in_season: int | None = None  # a month 1-12
    include_inactive: bool = False


@dataclass(frozen=True)
class PlaceFigures:
    """What the map and the list show of a place's recent sessions (done sessions only)."""

    sessions: int = 0
    people: int = 0
    last_session: dt.date | None = None


def require_place_reader(user: User) -> None:
    """Signed-in users without any membership have no place in the network: 403."""
    if not access_for(user).grants:
        raise PermissionDenied


def _readable_nodes_q(user: User, prefix: str = "node_id") -> Q:
    ids = access_for(user).internal_node_ids
    return Q() if ids is None else Q(**{f"{prefix}__in": ids})


def reader_nodes(user: User) -> QuerySet[Node]:
    """The nodes whose places the user reads (the node filter's choices)."""
    ids = access_for(user).internal_node_ids
    nodes = Node.objects.order_by("name")
    return nodes if ids is None else nodes.filter(pk__in=ids)


def writer_nodes(user: User) -> QuerySet[Node]:
    """The nodes the user may add places (and plan sessions) for."""
    return Node.objects.filter(pk__in=access_for(user).person_node_ids).order_by("name")


def writer_municipalities(user: User) -> QuerySet[Municipality]:
    """Municipalities of the regions of the user's writable nodes (the form's choices)."""
    regions = writer_nodes(user).values("region_id")
    return (
        Municipality.objects.filter(province__region_id__in=regions)
        .select_related("province")
        .order_by("name")
    )


def can_write_place(user: User, node_id: int) -> bool:
    return node_id in access_for(user).person_node_ids


def require_place_writer(user: User, node_id: int) -> None:
    """404 for a node outside the user's places, 403 for roles that may not write there."""
    ids = access_for(user).internal_node_ids
    if ids is not None and node_id not in ids:
        raise Http404
    if not can_write_place(user, node_id):
        raise PermissionDenied


def place_list(*, user: User, filters: PlaceFilters | None = None) -> QuerySet[Place]:
    """Places the user reads, filtered, with what a list row shows loaded up front."""
    f = filters or PlaceFilters()
    qs = Place.objects.filter(_readable_nodes_q(user)).select_related(
        "municipality__province__region", "node"
    )
    if not f.include_inactive:
        qs = qs.filter(active=True)
    if f.q:
        qs = qs.filter(
            Q(name__icontains=f.q)
            | Q(municipality__name__icontains=f.q)
            | Q(access_notes__icontains=f.q)
        )
    if f.kind:
        qs = qs.filter(kind=f.kind)
    if f.region:
        qs = qs.filter(municipality__province__region_id=f.region)
    if f.province:
        qs = qs.filter(municipality__province_id=f.province)
    if f.node:
        qs = qs.filter(node_id=f.node)
    if f.in_season:
        # Months live in a JSON list (JSON containment is not portable to SQLite): the
        # filtered set is small, so the season test runs in Python on the ids.
        month = f.in_season
        rows = qs.select_related(None).values_list("pk", "season_months")
        ids = [pk for pk, months in rows if not months or month in months]
        qs = qs.filter(pk__in=ids)
    return qs


def place_get(*, user: User, pk: int) -> Place:
    """One place the user reads (inactive ones too); 404 outside the user's places."""
    require_place_reader(user)
    place = (
        Place.objects.filter(_readable_nodes_q(user))
        .select_related("municipality__province__region", "node")
        .filter(pk=pk)
        .first()
    )
    if place is None:
        raise Http404
    return place


def place_figures(place_ids: list[int], *, days: int) -> dict[int, PlaceFigures]:
    """Done sessions and people met (anonymous headcounts) per place in the last `days` days."""
    since = timezone.localdate() - dt.timedelta(days=days)
    done = Q(status=SessionStatus.DONE)
    sessions = (
        OutreachSession.objects.filter(done, place_id__in=place_ids, date__gte=since)
        .values("place_id")
        .annotate(n=Count("pk"))
    )
    last = (
        OutreachSession.objects.filter(done, place_id__in=place_ids)
        .values("place_id")
        .annotate(last=Max("date"))
    )
    people = (
        Headcount.objects.filter(
            session__place_id__in=place_ids,
            session__status=SessionStatus.DONE,
            session__date__gte=since,
        )
        .values("session__place_id")
        .annotate(total=Sum("count"))
    )
    counts = {row["place_id"]: row["n"] for row in sessions}
    lasts = {row["place_id"]: row["last"] for row in last}
    totals = {row["session__place_id"]: row["total"] for row in people}
    return {
        pk: PlaceFigures(
            sessions=counts.get(pk, 0), people=totals.get(pk, 0) or 0, last_session=lasts.get(pk)
        )
        for pk in place_ids
    }


def place_recent_sessions(place: Place) -> QuerySet[OutreachSession]:
    """The place's latest sessions (any status) with the people met in each."""
    return (
        OutreachSession.objects.filter(place=place)
        .select_related("node")
        .annotate(people=Sum("headcounts__count"))
        .order_by("-date", "-starts_at")[:RECENT_SESSIONS]
    )
