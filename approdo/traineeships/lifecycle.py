"""The life of a traineeship after it is planned: start (which asks the integration budget
for the whole allowance), suspend, resume, and close with the outcome. Each move is one of
the allowed transitions (models.TRANSITIONS), atomic, checked against the version the user
read, and audited.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from approdo.accounts.models import User
from approdo.audit.services import record
from approdo.budget.models import Category
from approdo.budget.services import commitment_request, euro
from approdo.cases.models import Case
from approdo.core.concurrency import StaleEditError, save_if_version
from approdo.plans.models import Goal, VersionStatus
from approdo.traineeships.models import (
    TRANSITIONS,
    ContractType,
    InterruptedBy,
    Result,
    Traineeship,
    TraineeshipStatus,
)
from approdo.traineeships.rules import total_due
from approdo.traineeships.services import day_label, host_refusal, require_edit


def _require_move(traineeship: Traineeship, to: str) -> None:
    if to not in TRANSITIONS[traineeship.status]:
        raise ValidationError(
            _("Un tirocinio «%(status)s» non può passare a «%(to)s».")
            % {
                "status": traineeship.get_status_display(),
                "to": TraineeshipStatus(to).label,
            },
            code="transition",
        )


def _approved_goal(case: Case, goal: Goal | None) -> Goal:
    if (
        goal is None
        or goal.plan_version.plan.case_id != case.pk
        or goal.plan_version.status != VersionStatus.APPROVED
    ):
        raise ValidationError(
            {"goal": _("Scegli un obiettivo del PAI approvato di questo caso.")}, code="goal"
        )
    return goal


@transaction.atomic
def traineeship_start(
    *, actor: User, traineeship: Traineeship, goal: Goal | None, expected_version: int
) -> Traineeship:
    """Start the traineeship and ask the integration budget for its whole allowance (the
    months' dues, see rules.py), towards a goal of the approved PAI. Above the region's
    threshold the commitment waits for the coordinator; beyond the person's cap the budget
    refuses, and so the start is refused with the budget's words."""
    case = traineeship.case
    require_edit(actor, case)
    # Checked before asking the budget: a stale form must not reach the budget's refusals.
    current = Traineeship.objects.select_for_update().get(pk=traineeship.pk)
    if current.version != expected_version:
        raise StaleEditError(current)
    _require_move(current, TraineeshipStatus.ACTIVE)
    chosen = _approved_goal(case, goal)
    refusal = host_refusal(traineeship.employer)
    if refusal:  # flagged since it was planned
        raise ValidationError(refusal, code="host_flagged")
    amount = total_due(traineeship.starts_on, traineeship.ends_on, traineeship.monthly_allowance)
    commitment = commitment_request(
        actor=actor,
        case=case,
        goal=chosen,
        category=Category.TRAINEESHIP,
        amount=amount,
        description=(
            _(
                "Indennità di tirocinio presso %(host)s dal %(start)s al %(end)s "
                "(%(allowance)s € al mese)"
            )
            % {
                "host": traineeship.employer.legal_name,
                "start": day_label(traineeship.starts_on),
                "end": day_label(traineeship.ends_on),
                "allowance": euro(traineeship.monthly_allowance),
            }
        )[:300],
    )
    before = traineeship.status
    traineeship.status = TraineeshipStatus.ACTIVE
    traineeship.started_at = timezone.now()
    traineeship.goal = chosen
    traineeship.commitment = commitment
    save_if_version(
        traineeship,
        expected_version=expected_version,
        fields=["status", "started_at", "goal", "commitment"],
    )
    record(
        actor=actor,
        action="traineeships.traineeship.started",
        target=traineeship,
        changes={"status": (before, traineeship.status)},
        data={
            "commitment": commitment.pk,
            "amount": commitment.amount,
            "commitment_status": commitment.status,
        },
        node_id=case.hub_id,
    )
    return traineeship


def _move(
    actor: User,
    traineeship: Traineeship,
    to: str,
    expected_version: int,
    reason: str,
    action: str,
) -> Traineeship:
    require_edit(actor, traineeship.case)
    _require_move(traineeship, to)
    before = traineeship.status
    traineeship.status = to
    traineeship.suspension_reason = reason
    save_if_version(
        traineeship, expected_version=expected_version, fields=["status", "suspension_reason"]
    )
    record(
        actor=actor,
        action=action,
        target=traineeship,
        changes={"status": (before, to)},
        data={"reason": reason} if reason else None,
        node_id=traineeship.case.hub_id,
    )
    return traineeship


@transaction.atomic
def traineeship_suspend(
    *, actor: User, traineeship: Traineeship, reason: str, expected_version: int
) -> Traineeship:
    """Suspend a running traineeship (illness, the host's closure...), with the reason."""
    if not reason.strip():
        raise ValidationError({"reason": _("Indica il motivo della sospensione.")})
    return _move(
        actor,
        traineeship,
        TraineeshipStatus.SUSPENDED,
        expected_version,
        reason.strip()[:300],
        "traineeships.traineeship.suspended",
    )


@transaction.atomic
def traineeship_resume(
    *, actor: User, traineeship: Traineeship, expected_version: int
) -> Traineeship:
    return _move(
        actor,
        traineeship,
        TraineeshipStatus.ACTIVE,
        expected_version,
        "",
        "traineeships.traineeship.resumed",
    )


@transaction.atomic
def traineeship_close(
    *,
    actor: User,
    traineeship: Traineeship,
    status: str,
    ended_on: dt.date,
    result: str,
    expected_version: int,
    interrupted_by: str = "",
    end_reason: str = "",
    contract_type: str = "",
) -> Traineeship:
    """Close with the outcome: completed, or interrupted (by whom and why); the result (hired
    by the host with the contract type, another job, further training, none) and the day it
    ended, within its period. Months logged after that day must be corrected first."""
    require_edit(actor, traineeship.case)
    if status not in (TraineeshipStatus.COMPLETED, TraineeshipStatus.INTERRUPTED):
        raise ValidationError({"status": _("Scegli concluso o interrotto.")})
    _require_move(traineeship, status)
    errors: dict[str, list[str]] = {}
    if not traineeship.starts_on <= ended_on <= traineeship.ends_on:
        errors["ended_on"] = [
            _("La fine effettiva va dal %(start)s al %(end)s.")
            % {"start": day_label(traineeship.starts_on), "end": day_label(traineeship.ends_on)}
        ]
    elif traineeship.attendance.filter(month__gt=ended_on).exists():
        errors["ended_on"] = [
            _(
                "Ci sono presenze registrate nei mesi dopo questa data: correggi la data o le "
                "presenze."
            )
        ]
    interrupted = status == TraineeshipStatus.INTERRUPTED
    if interrupted and interrupted_by not in InterruptedBy.values:
        errors["interrupted_by"] = [_("Indica chi ha interrotto il tirocinio.")]
    if interrupted and not end_reason.strip():
        errors["end_reason"] = [_("Indica il motivo dell'interruzione.")]
    if result not in Result.values:
        errors["result"] = [_("Indica l'esito del tirocinio.")]
    hired = result == Result.HIRED_BY_HOST
    if hired and contract_type not in ContractType.values:
        errors["contract_type"] = [_("Indica il tipo di contratto dell'assunzione.")]
    if errors:
        raise ValidationError(errors)
    before = traineeship.status
    traineeship.status = status
    traineeship.ended_on = ended_on
    traineeship.interrupted_by = interrupted_by if interrupted else ""
    traineeship.end_reason = end_reason.strip()
    traineeship.result = result
    traineeship.contract_type = contract_type if hired else ""
    traineeship.suspension_reason = ""
    save_if_version(
        traineeship,
        expected_version=expected_version,
        fields=[
            "status",
            "ended_on",
            "interrupted_by",
            "end_reason",
            "result",
            "contract_type",
            "suspension_reason",
        ],
    )
    record(
        actor=actor,
        action="traineeships.traineeship.closed",
        target=traineeship,
        changes={"status": (before, status)},
        data={
            "ended_on": ended_on,
            "result": result,
            "contract_type": traineeship.contract_type,
            "interrupted_by": traineeship.interrupted_by,
        },
        node_id=traineeship.case.hub_id,
    )
    return traineeship
