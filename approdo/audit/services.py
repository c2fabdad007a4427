"""Writing the audit trail. Every service calls `record` inside its own transaction."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import models

from approdo.accounts.models import User
from approdo.audit.models import AccessLog, AuditEvent
from approdo.core.requests import current_ip

# Values of fields whose name contains one of these are never written into the trail, only
# the fact that they changed (password1/password2 of the admin's add-user form, too).
MASKED_MARKERS = ("password", "secret", "token")


def _masked(name: str) -> bool:
    return any(marker in name.lower() for marker in MASKED_MARKERS)


def _jsonable(value: Any) -> Any:
    if isinstance(value, models.Model):
        return str(value.pk)
    if isinstance(value, dt.date | dt.time | dt.datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, list | tuple | set | frozenset):
        return [_jsonable(v) for v in value]
    if isinstance(value, models.QuerySet):
        return [str(pk) for pk in value.values_list("pk", flat=True)]
    return value


def describe_changes(changes: dict[str, tuple[Any, Any]]) -> dict[str, dict[str, Any]]:
    """{"field": (old, new)} -> JSON with sensitive values masked."""
    out: dict[str, dict[str, Any]] = {}
    for name, (old, new) in changes.items():
        if _masked(name):
            out[name] = {"old": "***", "new": "***"}
        else:
            out[name] = {"old": _jsonable(old), "new": _jsonable(new)}
    return out


def record(
    *,
    actor: User | None,
    action: str,
    target: models.Model | None = None,
    changes: dict[str, tuple[Any, Any]] | None = None,
    node_id: int | None = None,
    data: dict[str, Any] | None = None,
    keep_ip: bool = True,
) -> AuditEvent:
    """Append one audit event. `action` is a dotted code such as `network.node.updated`.

    `keep_ip=False` for writes whose author must stay anonymous (reports to the helpdesk).
    """
    payload: dict[str, Any] = describe_changes(changes or {})
    if data:
        payload.update({key: _jsonable(val) for key, val in data.items()})
    authenticated = actor is not None and actor.is_authenticated
    return AuditEvent.objects.create(
        actor=actor if authenticated else None,
        actor_label=(actor.get_username() if authenticated and actor else ""),
        action=action,
        target_type=target._meta.label_lower if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        target_label=str(target)[:255] if target is not None else "",
        changes=payload,
        node_id=node_id,
        ip_address=current_ip() if keep_ip else None,
    )


def log_access(*, user: User, record: models.Model, node_id: int | None, purpose: str = "") -> None:
    """Append one read of a person-level record."""
    AccessLog.objects.create(
        user=user,
        record_type=record._meta.label_lower,
        record_id=str(record.pk),
        node_id=node_id,
        purpose=purpose,
        ip_address=current_ip(),
    )
