"""The one place that decides who sees and does what.

Selectors and views ask these functions; nothing else interprets memberships. Rules:

- A node membership covers that node; a hub membership also covers the hub's spokes.
- A managing-body membership covers every node the body runs.
- A region membership covers every node in the region; a programme-wide role covers all.
- Person-level records are for the roles in PERSON_DATA_ROLES only, within their nodes; the
  helpdesk reads its own contacts (helpdesk app) and no node's records.
  Monitors (regional, ministry) see aggregates: any person-level read is a 403.
- Something outside a user's place is a 404 (we do not confirm it exists); a forbidden
  action on something inside it is a 403.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404

from approdo.accounts.models import Membership, User
from approdo.accounts.roles import (
    AUDIT_ROLES,
    HELPDESK_ROLES,
    MONITOR_ROLES,
    NODE_EDITOR_ROLES,
    NODE_PERSON_DATA_ROLES,
    PERSON_DATA_ROLES,
    ROLE_SCOPE,
    STAFF_ADMIN_ROLES,
    Role,
    ScopeKind,
)
from approdo.network.models import Node

_CACHE_ATTR = "_approdo_access"


@dataclass(frozen=True)
class Grant:
    role: str
    node_id: int | None
    managing_body_id: int | None
    region_id: int | None

    @property
    def is_programme_wide(self) -> bool:
        return ROLE_SCOPE.get(self.role) == ScopeKind.PROGRAMME


class Access:
    """What one user may see and do; built once per request from active memberships."""

    def __init__(self, user: User) -> None:
        self.user = user
        self.grants: tuple[Grant, ...] = ()
        self._node_ids_cache: dict[frozenset[Grant], frozenset[int] | None] = {}
        if user.is_authenticated and user.is_active:
            self.grants = tuple(
                Grant(m.role, m.node_id, m.managing_body_id, m.region_id)
                for m in Membership.objects.active().filter(user=user)
            )
            if user.is_superuser:
                self.grants += (Grant(Role.SYSTEM_ADMIN, None, None, None),)

    @cached_property
    def roles(self) -> frozenset[str]:
        return frozenset(g.role for g in self.grants)

    def _node_q(self, grants: Iterable[Grant]) -> Q | None:
        """A filter on Node for the places the given grants cover; None means everything."""
        q = Q(pk__in=[])
        for g in grants:
            if g.is_programme_wide:
                return None
            if g.node_id is not None:
                q |= Q(pk=g.node_id) | Q(parent_hub_id=g.node_id)
            elif g.managing_body_id is not None:
                q |= Q(managing_bodies=g.managing_body_id)
            elif g.region_id is not None:
                q |= Q(region_id=g.region_id)
        return q

    def _node_ids(self, grants: Iterable[Grant]) -> frozenset[int] | None:
        # Several capabilities often rest on the same grants (a case worker's internal and
        # person nodes): one query per distinct set of grants and request.
        key = frozenset(grants)
        if key not in self._node_ids_cache:
            q = self._node_q(key)
            self._node_ids_cache[key] = (
                None
                if q is None
                else frozenset(Node.objects.filter(q).values_list("pk", flat=True).distinct())
            )
        return self._node_ids_cache[key]

    # --- places -------------------------------------------------------------------------
    @cached_property
    def internal_node_ids(self) -> frozenset[int] | None:
        """Nodes whose non-public pages (team, contracts) the user may open; None = all."""
        return self._node_ids(self.grants)

    @cached_property
    def person_node_ids(self) -> frozenset[int]:
        """Nodes whose people's records the user may read (never monitors nor the helpdesk)."""
        grants = [g for g in self.grants if g.role in NODE_PERSON_DATA_ROLES]
        if not grants:
            return frozenset()
        ids = self._node_ids(grants)
        if ids is None:
            return frozenset(Node.objects.values_list("pk", flat=True))
        return ids

    @cached_property
    def editable_node_ids(self) -> frozenset[int] | None:
        grants = [g for g in self.grants if g.role in NODE_EDITOR_ROLES]
        if not grants:
            return frozenset()
        return self._node_ids(grants)

    @cached_property
    def audit_node_ids(self) -> frozenset[int] | None:
        grants = [g for g in self.grants if g.role in AUDIT_ROLES]
        if not grants:
            return frozenset()
        return self._node_ids(grants)

    @cached_property
    def staff_node_ids(self) -> frozenset[int] | None:
        """Nodes where the user may give people accounts and memberships; None = all."""
        grants = [g for g in self.grants if g.role in STAFF_ADMIN_ROLES]
        if not grants:
            return frozenset()
        return self._node_ids(grants)

    @cached_property
    def managing_body_ids(self) -> frozenset[int] | None:
        """Managing bodies whose internal pages the user may open; None = all."""
        from approdo.network.models import ManagingBody

        if any(g.is_programme_wide for g in self.grants):
            return None
        direct = {g.managing_body_id for g in self.grants if g.managing_body_id}
        node_ids = self.internal_node_ids or frozenset()
        via_nodes = ManagingBody.objects.filter(nodes__in=node_ids).values_list("pk", flat=True)
        return frozenset(direct | set(via_nodes))

    # --- capabilities -------------------------------------------------------------------
    @property
    def is_monitor(self) -> bool:
        return bool(self.roles) and self.roles <= MONITOR_ROLES

    @property
    def can_see_person_data(self) -> bool:
        return bool(self.roles & PERSON_DATA_ROLES)

    @property
    def is_helpdesk(self) -> bool:
        return bool(self.roles & HELPDESK_ROLES)

    @property
    def can_manage_staff(self) -> bool:
        return bool(self.roles & STAFF_ADMIN_ROLES)

    @property
    def can_view_audit(self) -> bool:
        return bool(self.roles & AUDIT_ROLES)

    @property
    def is_system_admin(self) -> bool:
        return Role.SYSTEM_ADMIN in self.roles or self.user.is_superuser

    @property
    def requires_mfa(self) -> bool:
        required = set(settings.MFA_REQUIRED_ROLES)
        return self.user.is_superuser or bool(self.roles & required)


def access_for(user: User) -> Access:
    """The Access of a user, memoised on the user object for the request."""
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is None:
        cached = Access(user)
        setattr(user, _CACHE_ATTR, cached)
    return cached


def forget(user: User) -> None:
    """Drop the memoised Access (after memberships change in the same request)."""
    if hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)


def _covers(ids: frozenset[int] | None, node_id: int) -> bool:
    return ids is None or node_id in ids


def require_node_internal(user: User, node: Node) -> None:
    """Non-public pages of a node (team, contracts): 404 outside the user's places."""
    if not _covers(access_for(user).internal_node_ids, node.pk):
        raise Http404


def require_node_edit(user: User, node: Node) -> None:
    access = access_for(user)
    require_node_internal(user, node)
    if not _covers(access.editable_node_ids, node.pk):
        raise PermissionDenied


def require_managing_body(user: User, managing_body_id: int) -> None:
    ids = access_for(user).managing_body_ids
    if ids is not None and managing_body_id not in ids:
        raise Http404


def require_staff_admin(user: User, node_id: int | None = None) -> None:
    """Managing staff accounts: 403 without the role, 404 for a node outside the user's places."""
    access = access_for(user)
    if not access.can_manage_staff:
        raise PermissionDenied
    if node_id is not None and not _covers(access.staff_node_ids, node_id):
        raise Http404


def require_person_access(user: User, node_id: int) -> None:
    """Any person-level record held at `node_id`: monitors get 403, outsiders 404."""
    access = access_for(user)
    if not access.can_see_person_data:
        raise PermissionDenied
    if node_id not in access.person_node_ids:
        raise Http404


def require_audit_access(user: User) -> None:
    if not access_for(user).can_view_audit:
        raise PermissionDenied


def node_queryset_q(ids: frozenset[int] | None) -> Q:
    """A Node filter for a set of ids from Access (None = no restriction)."""
    return Q() if ids is None else Q(pk__in=ids)
