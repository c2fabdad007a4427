"""Writes of transfers: a case moves to another hub (any region).

The team at the old hub ends and keeps read access to what its node wrote
(permissions.Level.PAST). Every service is atomic, checks the actor's rights, appends a line
to the case timeline and writes the audit trail in the same transaction.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from approdo.accounts.models import User
from approdo.audit.services import record
from approdo.cases import permissions as perm
from approdo.cases.exchange import (
    log_write,
    require_staff_of,
    require_status,
    required_text,
    save_decision,
    save_status,
)
from approdo.cases.models import Case, CaseTeamMember, EventKind, TeamRole, Transfer, TransferStatus
from approdo.cases.services import timeline_add
from approdo.network.models import Node, NodeKind


@transaction.atomic
def transfer_propose(*, actor: User, case: Case, to_hub: Node, handover: str) -> Transfer:
    """The case manager or coordinator proposes handing the case to another hub."""
    perm.require_manage(perm.permissions_for(actor, case))
    errors: dict[str, str] = {}
    if to_hub.kind != NodeKind.HUB:
        errors["to_hub"] = _("Si trasferisce solo a un hub (PSI).")
    elif to_hub.pk == case.hub_id:
        errors["to_hub"] = _("Scegli un hub diverso da quello attuale.")
    text = handover.strip()
    if not text:
        errors["handover"] = _("Scrivi la sintesi per il passaggio di consegne.")
    if Transfer.objects.filter(case=case, status=TransferStatus.PROPOSED).exists():
        errors["to_hub"] = _("C'è già un trasferimento in attesa per questa presa in carico.")
    if errors:
        raise ValidationError(errors)
    transfer = Transfer.objects.create(
        case=case, from_hub=case.hub, to_hub=to_hub, handover=text, requested_by=actor
    )
    log_write(
        actor=actor,
        case=case,
        kind=EventKind.TRANSFER,
        node=case.hub,
        summary=_("Trasferimento proposto a %(hub)s") % {"hub": to_hub.name},
        action="cases.transfer.proposed",
        target=transfer,
        node_id=case.hub_id,
        data={"to_hub": to_hub.pk},
    )
    return transfer


def _lock_transfer(transfer: Transfer) -> Transfer:
    return (
        Transfer.objects.select_for_update()
        .select_related("case", "from_hub", "to_hub")
        .get(pk=transfer.pk)
    )


@transaction.atomic
def transfer_accept(*, actor: User, transfer: Transfer) -> Transfer:
    """The receiving hub takes the case over, with its history.

    The old team ends today: they keep reading what their node wrote (Level.PAST). The
    accepter becomes the case manager at the new hub.
    """
    transfer = _lock_transfer(transfer)
    require_staff_of(actor, transfer.to_hub_id)
    require_status(
        transfer, TransferStatus.PROPOSED, _("Si può accettare solo un trasferimento in attesa.")
    )
    case = Case.objects.select_for_update().get(pk=transfer.case_id)
    if not case.is_open:
        raise ValidationError(_("La presa in carico è chiusa."), code="closed")
    today = timezone.localdate()
    save_decision(transfer, actor=actor, status=TransferStatus.ACCEPTED)
    Case.objects.filter(pk=case.pk).update(
        hub=transfer.to_hub, version=F("version") + 1, updated_at=timezone.now()
    )
    CaseTeamMember.objects.filter(case=case, until__isnull=True).update(until=today)
    CaseTeamMember.objects.create(
        case=case, user=actor, role=TeamRole.CASE_MANAGER, node=transfer.to_hub, since=today
    )
    for node, summary in (
        (transfer.from_hub, _("Trasferita a %(hub)s") % {"hub": transfer.to_hub.name}),
        (transfer.to_hub, _("Ricevuta da %(hub)s") % {"hub": transfer.from_hub.name}),
    ):
        timeline_add(case=case, actor=actor, kind=EventKind.TRANSFER, node=node, summary=summary)
    record(
        actor=actor,
        action="cases.transfer.accepted",
        target=transfer,
        changes={
            "status": (TransferStatus.PROPOSED, TransferStatus.ACCEPTED),
            "hub": (transfer.from_hub_id, transfer.to_hub_id),
        },
        node_id=transfer.to_hub_id,
    )
    return transfer


@transaction.atomic
def transfer_decline(*, actor: User, transfer: Transfer, reason: str) -> Transfer:
    transfer = _lock_transfer(transfer)
    require_staff_of(actor, transfer.to_hub_id)
    require_status(
        transfer, TransferStatus.PROPOSED, _("Si può rifiutare solo un trasferimento in attesa.")
    )
    text = required_text(reason, field="reason", message=_("Scrivi il motivo del rifiuto."))
    save_decision(transfer, actor=actor, status=TransferStatus.DECLINED, decline_reason=text)
    log_write(
        actor=actor,
        case=transfer.case,
        kind=EventKind.TRANSFER,
        node=transfer.from_hub,
        summary=_("Trasferimento rifiutato da %(hub)s: %(reason)s")
        % {"hub": transfer.to_hub.name, "reason": text},
        action="cases.transfer.declined",
        target=transfer,
        changes={"status": (TransferStatus.PROPOSED, TransferStatus.DECLINED)},
        node_id=transfer.to_hub_id,
        data={"reason": text},
    )
    return transfer


@transaction.atomic
def transfer_cancel(*, actor: User, transfer: Transfer) -> Transfer:
    transfer = _lock_transfer(transfer)
    perm.require_manage(perm.permissions_for(actor, transfer.case))
    require_status(
        transfer, TransferStatus.PROPOSED, _("Si può annullare solo un trasferimento in attesa.")
    )
    save_status(transfer, TransferStatus.CANCELLED)
    log_write(
        actor=actor,
        case=transfer.case,
        kind=EventKind.TRANSFER,
        node=transfer.from_hub,
        summary=_("Trasferimento a %(hub)s annullato") % {"hub": transfer.to_hub.name},
        action="cases.transfer.cancelled",
        target=transfer,
        changes={"status": (TransferStatus.PROPOSED, TransferStatus.CANCELLED)},
        node_id=transfer.from_hub_id,
    )
    return transfer
