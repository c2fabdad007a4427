"""Helpers shared by the writes between nodes: referrals, transfers and inquiries."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from approdo.accounts import access
from approdo.accounts.models import User
from approdo.audit.services import record
from approdo.cases.models import Case, PersonInquiry, Referral, Transfer
from approdo.cases.services import timeline_add
from approdo.network.models import Node


def require_staff_of(actor: User, node_id: int) -> None:
    """The actor works with people's records at the node (403 otherwise, monitors too)."""
    acc = access.access_for(actor)
    if not acc.can_see_person_data:
        raise PermissionDenied
    if node_id not in acc.person_node_ids:
        raise PermissionDenied


def require_status(obj: Referral | Transfer | PersonInquiry, expected: str, message: str) -> None:
    """Refuse a step the record's current status does not allow."""
    if obj.status != expected:
        raise ValidationError(message, code="status")


def required_text(value: str, *, field: str, message: str) -> str:
    """The stripped text, or a field error when it is empty."""
    text = value.strip()
    if not text:
        raise ValidationError({field: message})
    return text


def save_status(obj: Referral | Transfer | PersonInquiry, status: str, **values: Any) -> None:
    """Set the new status and the fields that go with it; save only those."""
    obj.status = status
    for name, value in values.items():
        setattr(obj, name, value)
    obj.save(update_fields=["status", *values, "updated_at"])


def save_decision(obj: Referral | Transfer, *, actor: User, status: str, **values: Any) -> None:
    """The receiving node's decision: the status, who decided and when."""
    save_status(obj, status, **values, decided_by=actor, decided_at=timezone.now())


def log_write(
    *,
    actor: User,
    case: Case,
    kind: str,
    node: Node,
    summary: str,
    action: str,
    target: Referral | Transfer | Case,
    node_id: int | None,
    changes: dict[str, tuple[Any, Any]] | None = None,
    data: dict[str, Any] | None = None,
) -> None:
    """The case timeline line and the audit row of one write."""
    timeline_add(case=case, actor=actor, kind=kind, node=node, summary=summary)
    record(actor=actor, action=action, target=target, changes=changes, node_id=node_id, data=data)
