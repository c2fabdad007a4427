"""Reading outreach sessions with the caller's scope (the nodes whose people they work with).

Monitors get 403 (aggregates only, in monitoring); a session outside the caller's nodes is a
404. Lists are not logged as reads; a session's detail is (it names who was met).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from approdo.accounts.access import access_for
from approdo.accounts.models import User
from approdo.audit.services import log_access
from approdo.network.models import Language, Node
from approdo.outreach.models import (
    AgeBand,
    AwarenessMaterial,
    OnSpotServiceKind,
    OutreachSession,
    Place,
    SessionStatus,
    Sex,
)

FIELD_PAST_DAYS = 14


def field_node_ids(user: User) -> frozenset[int]:
    """The nodes whose sessions the user may read and write; 403 for monitors and roles
    without person data."""
    access = access_for(user)
    if not access.can_see_person_data or access.is_monitor:
        raise PermissionDenied
    return access.person_node_ids


def session_list(
    *,
    user: User,
    node_id: int | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    status: str = "",
) -> QuerySet[OutreachSession]:
    node_ids = field_node_ids(user)
    rows = OutreachSession.objects.filter(node_id__in=node_ids)
    if node_id is not None:
        rows = rows.filter(node_id=node_id)
    if date_from is not None:
        rows = rows.filter(date__gte=date_from)
    if date_to is not None:
        rows = rows.filter(date__lte=date_to)
    if status:
        rows = rows.filter(status=status)
    return rows.select_related("node", "place").prefetch_related("languages", "team")


def session_get(*, user: User, pk: int, purpose: str = "") -> OutreachSession:
    """One session of the caller's nodes (404 outside); the read is logged with a purpose."""
    node_ids = field_node_ids(user)
    session = (
        OutreachSession.objects.select_related("node", "place")
        .prefetch_related("languages", "team", "headcounts", "services", "handouts")
        .filter(pk=pk, node_id__in=node_ids)
        .first()
    )
    if session is None:
        raise Http404
    if purpose:
        log_access(user=user, record=session, node_id=session.node_id, purpose=purpose)
    return session


def sessions_for_field(*, user: User) -> QuerySet[OutreachSession]:
    """The recent and planned sessions of the user's nodes, for the phone."""
    since = timezone.localdate() - dt.timedelta(days=FIELD_PAST_DAYS)
    node_ids = field_node_ids(user)
    return (
        OutreachSession.objects.filter(node_id__in=node_ids, date__gte=since)
        .exclude(status=SessionStatus.CANCELLED)
        .select_related("place")
        .prefetch_related("languages", "headcounts", "services", "handouts")
        .order_by("date", "starts_at", "pk")
    )


def field_nodes(user: User) -> QuerySet[Node]:
    return Node.objects.filter(pk__in=field_node_ids(user)).order_by("kind", "name")


def field_places(user: User) -> QuerySet[Place]:
    """Active places of the user's nodes, and of the hubs and spokes around them."""
    node_ids = field_node_ids(user)
    parents = Node.objects.filter(pk__in=node_ids).values_list("parent_hub_id", flat=True)
    related = set(node_ids) | {pk for pk in parents if pk}
    return (
        Place.objects.filter(active=True)
        .filter(Q(node_id__in=related) | Q(node__parent_hub_id__in=related))
        .select_related("municipality")
        .order_by("name")
    )


def _choices(enum: Any) -> list[dict[str, str]]:
    return [{"value": value, "label": str(label)} for value, label in enum.choices]


def field_context(*, user: User) -> dict[str, Any]:
    """What the offline form needs without network: nodes, places, languages, materials,
    the choices of every list and the recent sessions (counts only, no names)."""
    nodes = list(field_nodes(user))
    places = list(field_places(user))
    sessions = list(sessions_for_field(user=user))
    return {
        "generated_at": timezone.now().isoformat(),
        "today": timezone.localdate().isoformat(),
        "nodes": [
            {
                "id": n.pk,
                "code": n.code,
                "name": n.name,
                "kind": n.kind,
                "parent_hub": n.parent_hub_id,
            }
            for n in nodes
        ],
        "places": [
            {
                "id": p.pk,
                "name": p.name,
                "kind": p.kind,
                "node": p.node_id,
                "municipality": p.municipality.name,
                "latitude": str(p.latitude),
                "longitude": str(p.longitude),
            }
            for p in places
        ],
        "languages": [
            {"code": lang.code, "name_it": lang.name_it, "name_en": lang.name_en}
            for lang in Language.objects.order_by("position", "name_it")
        ],
        "materials": [
            {"id": m.pk, "name": m.name, "kind": m.kind}
            for m in AwarenessMaterial.objects.filter(active=True).order_by("name")
        ],
        "sexes": _choices(Sex),
        "age_bands": _choices(AgeBand),
        "service_kinds": _choices(OnSpotServiceKind),
        "sessions": [session_snapshot(s) for s in sessions],
    }


def session_snapshot(session: OutreachSession) -> dict[str, Any]:
    """A session's current server values (what the phone compares its draft with)."""
    return {
        "id": session.pk,
        "client_id": str(session.client_id),
        "version": session.version,
        "node": session.node_id,
        "place": session.place_id,
        "date": session.date.isoformat(),
        "starts_at": session.starts_at.strftime("%H:%M"),
        "ends_at": session.ends_at.strftime("%H:%M") if session.ends_at else None,
        "status": session.status,
        "with_mediator": session.with_mediator,
        "languages": sorted(lang.code for lang in session.languages.all()),
        "vehicle": session.vehicle,
        "other_team": session.other_team,
        "notes": session.notes,
        "headcounts": [
            {
                "client_id": str(h.client_id),
                "id": h.pk,
                "version": h.version,
                "sex": h.sex,
                "age_band": h.age_band,
                "nationality": h.nationality,
                "count": h.count,
            }
            for h in session.headcounts.all()
        ],
        "services": [
            {
                "client_id": str(s.client_id),
                "id": s.pk,
                "version": s.version,
                "kind": s.kind,
                "people": s.people,
                "note": s.note,
            }
            for s in session.services.all()
        ],
        "handouts": [
            {
                "client_id": str(h.client_id),
                "id": h.pk,
                "version": h.version,
                "material": h.material_id,
                "quantity": h.quantity,
            }
            for h in session.handouts.all()
        ],
    }
