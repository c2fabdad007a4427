"""Reads about accounts, scoped through accounts.access."""

from __future__ import annotations

from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from django.shortcuts import get_object_or_404
from django.utils import timezone

from approdo.accounts import access
from approdo.accounts.models import Membership, User
from approdo.network.models import Node


def staff_nodes(*, user: User) -> QuerySet[Node]:
    """Nodes where `user` may give people accounts (403 without the role)."""
    access.require_staff_admin(user)
    ids = access.access_for(user).staff_node_ids
    nodes = Node.objects.select_related("region").order_by("region__name", "kind", "name")
    return nodes if ids is None else nodes.filter(pk__in=ids)


def staff_memberships(*, user: User) -> QuerySet[Membership]:
    """Memberships at the nodes `user` administers: current ones first, then ended ones."""
    today = timezone.localdate()
    active = Q(valid_from__lte=today) & (Q(valid_until__isnull=True) | Q(valid_until__gte=today))
    return (
        Membership.objects.filter(node__in=staff_nodes(user=user))
        .select_related("user", "node")
        .annotate(
            is_current=Case(
                When(active, then=Value(1)), default=Value(0), output_field=IntegerField()
            )
        )
        .order_by("-is_current", "node__name", "user__last_name", "user__first_name")
    )


def staff_membership_get(*, user: User, pk: int) -> Membership:
    """One membership at a node `user` administers; 404 otherwise."""
    membership = get_object_or_404(Membership.objects.select_related("user", "node"), pk=pk)
    access.require_staff_admin(user, membership.node_id)
    return membership
