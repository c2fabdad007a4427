"""Reads of the audit trail, limited to the places the reader coordinates or administers."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from approdo.accounts import access
from approdo.accounts.models import User
from approdo.audit.models import AuditEvent


@dataclass(frozen=True)
class AuditFilters:
    action: str = ""
    actor: str = ""
    target: str = ""
    node: int | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None


def audit_event_list(*, user: User, filters: AuditFilters | None = None) -> QuerySet[AuditEvent]:
    """Events of the user's places; events tied to no node are for system administrators."""
    access.require_audit_access(user)
    f = filters or AuditFilters()
    ids = access.access_for(user).audit_node_ids
    qs = AuditEvent.objects.select_related("node")
    if ids is not None:
        qs = qs.filter(node_id__in=ids)
    if f.action:
        qs = qs.filter(action__startswith=f.action)
    if f.actor:
        qs = qs.filter(actor_label__icontains=f.actor)
    if f.target:
        qs = qs.filter(Q(target_label__icontains=f.target) | Q(target_id=f.target))
    if f.node:
        qs = qs.filter(node_id=f.node)
    if f.date_from:
        qs = qs.filter(occurred_at__date__gte=f.date_from)
    if f.date_to:
        qs = qs.filter(occurred_at__date__lte=f.date_to)
    return qs.order_by("-occurred_at", "-id")
