"""Who sees and runs a hub's transport, on top of accounts.access.

Shuttles, stops and trips carry no person data: anyone whose places cover the hub sees them
(internal_node_ids). Bookings, boardings, ride requests and plans name people: they are for
person-data roles at the hub (person_node_ids); a person's name shows only where the user may
read their case.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404

from approdo.accounts.access import access_for
from approdo.accounts.models import User
from approdo.network.models import Node


def hub_q(user: User, path: str = "hub_id") -> Q:
    """Rows whose hub is among the user's places."""
    ids = access_for(user).internal_node_ids
    return Q() if ids is None else Q(**{f"{path}__in": ids})


def visible_hubs(user: User) -> list[Node]:
    ids = access_for(user).internal_node_ids
    hubs = Node.objects.filter(kind="hub")
    if ids is not None:
        hubs = hubs.filter(pk__in=ids)
    return list(hubs.order_by("name"))


def operator_hubs(user: User) -> list[Node]:
    """Hubs whose bookings, boardings and plans the user may handle."""
    ids = access_for(user).person_node_ids
    return list(Node.objects.filter(kind="hub", pk__in=ids).order_by("name"))


def require_visible(user: User, hub_id: int) -> None:
    ids = access_for(user).internal_node_ids
    if ids is not None and hub_id not in ids:
        raise Http404


def is_operator(user: User, hub_id: int) -> bool:
    return hub_id in access_for(user).person_node_ids


def require_operator(user: User, hub_id: int) -> None:
    """404 outside the user's places, 403 without person data at the hub (monitors)."""
    require_visible(user, hub_id)
    if not is_operator(user, hub_id):
        if not access_for(user).can_see_person_data:
            raise PermissionDenied
        raise Http404
