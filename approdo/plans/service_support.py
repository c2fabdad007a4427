"""Shared steps of the plan services: rights, fresh rows, frozen check, timeline + audit."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from approdo.accounts.models import User
from approdo.audit.services import record
from approdo.cases import permissions as perm
from approdo.cases.models import Case, EventKind
from approdo.cases.services import actor_node, timeline_add
from approdo.core.concurrency import save_if_version
from approdo.plans.models import Plan, PlanVersion, VersionStatus


def edit_perms(actor: User, case: Case) -> perm.CasePermissions:
    perms = perm.permissions_for(actor, case)
    perm.require_edit(perms)
    return perms


def case_of(version: PlanVersion) -> Case:
    return Case.objects.select_related("hub").get(pk=version.plan.case_id)


def fresh(version_id: int) -> PlanVersion:
    """The stored version (the caller's object may be older than the database)."""
    return PlanVersion.objects.select_related("plan").select_for_update().get(pk=version_id)


def require_open(version: PlanVersion) -> None:
    if not version.is_open:
        raise ValidationError(
            _("La versione approvata del PAI è congelata: crea una nuova bozza per modificarla."),
            code="frozen",
        )


def log(
    *,
    actor: User,
    case: Case,
    action: str,
    target: Any,
    summary: str,
    changes: dict[str, tuple[Any, Any]] | None = None,
) -> None:
    timeline_add(
        case=case, actor=actor, kind=EventKind.PLAN, summary=summary, node=actor_node(actor, case)
    )
    record(actor=actor, action=action, target=target, changes=changes, node_id=case.hub_id)


def content_changed(version: PlanVersion) -> None:
    """A content edit: a submitted version goes back to draft and the agreement is cleared."""
    fields: list[str] = []
    if version.status == VersionStatus.SUBMITTED:
        version.status = VersionStatus.DRAFT
        version.submitted_at = None
        fields += ["status", "submitted_at"]
    if version.person_agreed_on is not None:
        version.person_agreed_on = None
        version.agreement_kind = ""
        version.agreement_note = ""
        fields += ["person_agreed_on", "agreement_kind", "agreement_note"]
    if fields:
        save_if_version(version, expected_version=version.version, fields=fields)


def check_date(
    errors: dict[str, str], field: str, value: dt.date | None, plan: Plan, *, required: bool
) -> None:
    if value is None:
        if required:
            errors[field] = _("Indica la data.")
        return
    if value < plan.started_on:
        errors[field] = _("La data non può essere precedente all'avvio del PAI (%(date)s).") % {
            "date": plan.started_on.strftime("%d/%m/%Y")
        }


def check_interval(errors: dict[str, str], weeks: int) -> None:
    if not 1 <= weeks <= 52:
        errors["review_every_weeks"] = _("Indica un intervallo tra 1 e 52 settimane.")
