"""Writes of the integration budget: commitments (maker-checker), payments, cap raises.

A person's commitments in a region, pending or approved, may never add up to more than the
region's cap (or the cap an administrator raised for them). Requests for the same person are
serialised by locking the person's row, so two at once cannot both pass the cap.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from approdo.accounts.access import access_for
from approdo.accounts.models import User
from approdo.audit.services import record
from approdo.budget.models import (
    HOLDING,
    ZERO,
    CapRaise,
    Category,
    Commitment,
    CommitmentStatus,
    Payment,
    RegionalBudget,
)
from approdo.cases.models import Case
from approdo.cases.permissions import permissions_for
from approdo.core.concurrency import save_if_version
from approdo.network.models import Region
from approdo.people.models import Person
from approdo.plans.models import Goal

CENT = Decimal("0.01")


def money(value: object) -> Decimal:
    """An amount in euros with at most two decimals, above zero."""
    try:
        amount = Decimal(str(value))
    except (InvalidOperation, ValueError) as exc:
        raise ValidationError(_("Importo non valido."), code="amount") from exc
    if not amount.is_finite() or amount <= 0:
        raise ValidationError(_("L'importo deve essere maggiore di zero."), code="amount")
    if amount != amount.quantize(CENT):
        raise ValidationError(_("Al massimo due decimali (centesimi)."), code="amount")
    return amount.quantize(CENT)


def euro(amount: Decimal) -> str:
    """An amount as the user's language writes it (2.000,00 in Italian)."""
    return number_format(amount, 2, force_grouping=True)


def rules_for(region: Region) -> RegionalBudget:
    try:
        return RegionalBudget.objects.get(region=region)
    except RegionalBudget.DoesNotExist as exc:
        raise ValidationError(
            _("La regione %(region)s non ha un budget di integrazione.") % {"region": region},
            code="no_budget",
        ) from exc


def cap_for(*, person: Person, region: Region) -> Decimal:
    """The person's cap in the region: the last raise, or the region's."""
    raised = (
        CapRaise.objects.filter(person=person, region=region)
        .order_by("-created_at", "-pk")
        .values_list("cap", flat=True)
        .first()
    )
    return raised if raised is not None else rules_for(region).cap_per_person


def held(*, person: Person, region: Region) -> Decimal:
    """What the person's pending and approved commitments in the region hold of the cap."""
    total = Commitment.objects.filter(person=person, region=region, status__in=HOLDING).aggregate(
        s=Sum("amount")
    )["s"]
    return (total or ZERO).quantize(CENT)


@transaction.atomic
def commitment_request(
    *,
    actor: User,
    case: Case,
    goal: Goal,
    category: str,
    amount: object,
    description: str,
) -> Commitment:
    """Set money aside for a goal of the person's PAI. Above the region's threshold it waits
    for the coordinator's approval; beyond the cap it is refused."""
    if not permissions_for(actor, case).can_edit:
        raise PermissionDenied
    value = money(amount)
    if category not in Category.values:
        raise ValidationError({"category": _("Voce di spesa non valida.")})
    if goal.plan_version.plan.case_id != case.pk:
        raise ValidationError({"goal": _("L'obiettivo non è del PAI di questo caso.")})
    if case.person_id is None:
        raise ValidationError(_("Registra prima la persona."), code="needs_person")
    person = Person.objects.select_for_update().get(pk=case.person_id)
    region = case.hub.region
    rules = rules_for(region)
    cap = cap_for(person=person, region=region)
    used = held(person=person, region=region)
    if used + value > cap:
        raise ValidationError(
            {
                "amount": _(
                    "Supera il tetto del budget: restano %(left)s € su %(cap)s € per questa "
                    "persona in %(region)s."
                )
                % {"left": euro(cap - used), "cap": euro(cap), "region": region}
            },
            code="over_cap",
        )
    status = CommitmentStatus.PENDING if value > rules.approval_above else CommitmentStatus.APPROVED
    commitment = Commitment.objects.create(
        case=case,
        person=person,
        region=region,
        goal=goal,
        category=category,
        amount=value,
        description=description.strip(),
        status=status,
        requested_by=actor,
    )
    record(
        actor=actor,
        action="budget.commitment.requested",
        target=commitment,
        data={"amount": str(value), "category": category, "status": status},
        node_id=case.hub_id,
    )
    return commitment


@transaction.atomic
def commitment_decide(
    *, actor: User, commitment: Commitment, approve: bool, note: str, expected_version: int
) -> Commitment:
    """The coordinator of the case's hub approves or rejects; never the one who asked."""
    if not permissions_for(actor, commitment.case).is_coordinator:
        raise PermissionDenied
    if commitment.requested_by_id == actor.pk:
        raise ValidationError(
            _("Chi ha chiesto l'impegno non può approvarlo: serve un'altra persona."),
            code="four_eyes",
        )
    if commitment.status != CommitmentStatus.PENDING:
        raise ValidationError(_("L'impegno è già stato deciso."), code="decided")
    if not approve and not note.strip():
        raise ValidationError({"note": _("Indica il motivo del rifiuto.")})
    commitment.status = CommitmentStatus.APPROVED if approve else CommitmentStatus.REJECTED
    commitment.decided_by = actor
    commitment.decided_at = timezone.now()
    commitment.decision_note = note.strip()
    save_if_version(
        commitment,
        expected_version=expected_version,
        fields=["status", "decided_by", "decided_at", "decision_note"],
    )
    record(
        actor=actor,
        action="budget.commitment.decided",
        target=commitment,
        changes={"status": (CommitmentStatus.PENDING, commitment.status)},
        node_id=commitment.case.hub_id,
    )
    return commitment


@transaction.atomic
def payment_record(
    *, actor: User, commitment: Commitment, amount: object, paid_on: dt.date, reference: str = ""
) -> Payment:
    """Pay against an approved commitment, never beyond its amount."""
    if not permissions_for(actor, commitment.case).can_edit:
        raise PermissionDenied
    value = money(amount)
    locked = Commitment.objects.select_for_update().get(pk=commitment.pk)
    if locked.status != CommitmentStatus.APPROVED:
        raise ValidationError(_("Si paga solo un impegno approvato."), code="not_approved")
    paid = (locked.payments.aggregate(s=Sum("amount"))["s"] or ZERO).quantize(CENT)
    if paid + value > locked.amount:
        raise ValidationError(
            {
                "amount": _("Supera l'impegno: restano da pagare %(left)s €.")
                % {"left": euro(locked.amount - paid)}
            }
        )
    payment = Payment.objects.create(
        commitment=locked,
        amount=value,
        paid_on=paid_on,
        reference=reference.strip(),
        recorded_by=actor,
    )
    record(
        actor=actor,
        action="budget.payment.recorded",
        target=payment,
        data={"amount": str(value), "commitment": locked.pk},
        node_id=locked.case.hub_id,
    )
    return payment


@transaction.atomic
def commitment_close(
    *, actor: User, commitment: Commitment, reason: str, expected_version: int
) -> Commitment:
    """Give back to the person's cap what a commitment will not spend. Nothing paid yet: the
    commitment is cancelled. Partly paid: it is closed at what was paid (a deposit that cost
    less than planned). Either way the reason is kept."""
    if not permissions_for(actor, commitment.case).can_edit:
        raise PermissionDenied
    if not reason.strip():
        raise ValidationError({"reason": _("Indica il motivo.")})
    locked = Commitment.objects.select_for_update().get(pk=commitment.pk)
    if locked.status not in HOLDING:
        raise ValidationError(_("L'impegno è già chiuso."), code="closed")
    paid = (locked.payments.aggregate(s=Sum("amount"))["s"] or ZERO).quantize(CENT)
    if paid >= locked.amount:
        raise ValidationError(_("L'impegno è già pagato per intero."), code="paid")
    before = (locked.status, str(locked.amount))
    if paid == ZERO:
        locked.status = CommitmentStatus.CANCELLED
    else:
        locked.amount = paid
    locked.closed_by = actor
    locked.closed_at = timezone.now()
    locked.close_reason = reason.strip()
    save_if_version(
        locked,
        expected_version=expected_version,
        fields=["status", "amount", "closed_by", "closed_at", "close_reason"],
    )
    record(
        actor=actor,
        action="budget.commitment.closed",
        target=locked,
        changes={"status": (before[0], locked.status), "amount": (before[1], str(locked.amount))},
        data={"reason": locked.close_reason},
        node_id=locked.case.hub_id,
    )
    return locked


@transaction.atomic
def cap_raise(*, actor: User, person: Person, region: Region, cap: object, reason: str) -> CapRaise:
    """Only an administrator raises a person's cap, with a reason."""
    if not access_for(actor).is_system_admin:
        raise PermissionDenied
    value = money(cap)
    if not reason.strip():
        raise ValidationError({"reason": _("Indica il motivo.")})
    if value <= cap_for(person=person, region=region):
        raise ValidationError({"cap": _("Il nuovo tetto deve superare quello attuale.")})
    raise_ = CapRaise.objects.create(
        person=person, region=region, cap=value, reason=reason.strip(), raised_by=actor
    )
    record(actor=actor, action="budget.cap.raised", target=raise_, data={"cap": str(value)})
    return raise_
