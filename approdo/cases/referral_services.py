"""Writes of referrals, transfers and "ask that node" inquiries between nodes.

Every service is atomic, checks the actor's rights (cases.permissions / accounts.access),
appends a line to the case timeline and writes the audit trail in the same transaction.

Rules:
- Referrals: spoke (the case's origin) -> hub, hub -> another hub, hub -> external service.
  The data shared is fixed when sent, from what consent allows (see allowed_fields), and
  the receiver reads only those fields.
- Transfers: the case moves to another hub (any region); the team at the old hub ends and
  keeps read access to what its node wrote (permissions.Level.PAST).
- Inquiries: a duplicate outside the asker's scope is raised with its node through a signed
  token; the asker never learns who the person is.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from approdo.accounts import access
from approdo.accounts.models import User
from approdo.audit.services import record
from approdo.cases import permissions as perm
from approdo.cases.models import (
    Case,
    CaseTeamMember,
    EventKind,
    ExternalService,
    InquiryKind,
    InquiryStatus,
    PersonInquiry,
    Referral,
    ReferralStatus,
    TeamRole,
    Transfer,
    TransferStatus,
)
from approdo.cases.services import actor_node, timeline_add
from approdo.cases.stages import Stage
from approdo.network.models import Node, NodeKind, ServiceArea
from approdo.people.models import Person
from approdo.people.selectors import has_taking_charge_consent, sharing_allowed

logger = logging.getLogger(__name__)

DEFAULT_DUE_DAYS = 7
INQUIRY_SALT = "cases.inquiry"
INQUIRY_TOKEN_MAX_AGE = 7 * 24 * 3600

# The fixed catalogue of what a referral may carry (reason and area are always on it).
SHAREABLE_FIELDS: dict[str, Promise] = {
    "name": gettext_lazy("Nome"),
    "birth_date": gettext_lazy("Data di nascita"),
    "nationality": gettext_lazy("Cittadinanza"),
    "languages": gettext_lazy("Lingue parlate"),
    "phone": gettext_lazy("Telefono"),
    "documents": gettext_lazy("Documenti e permesso di soggiorno"),
    "place": gettext_lazy("Luogo di vita o del contatto"),
    "needs": gettext_lazy("Bisogni espressi"),
    "priority": gettext_lazy("Priorità dello screening"),
}
# Shared without any consent: nothing here identifies the person.
NON_IDENTIFYING = frozenset({"languages"})
# What a first contact told the operator for this purpose (no registered person yet).
FIRST_CONTACT_FIELDS = frozenset({"name", "phone", "languages", "place", "needs"})


def allowed_fields(
    case: Case, *, to_node: Node | None = None, to_external: ExternalService | None = None
) -> frozenset[str]:
    """The fields consent allows to share with this destination."""
    person = case.person
    if to_external is not None:
        if person is not None and sharing_allowed(person, to_external.name):
            return frozenset(SHAREABLE_FIELDS)
        return NON_IDENTIFYING
    if person is None:
        return FIRST_CONTACT_FIELDS
    if has_taking_charge_consent(person):
        return frozenset(SHAREABLE_FIELDS)
    return NON_IDENTIFYING


def _screening_priority(case: Case) -> str:
    """The priority confirmed by the latest completed screening, as its label."""
    from approdo.screening.models import Priority
    from approdo.screening.selectors import latest_priority

    value = latest_priority(case)
    return str(Priority(value).label) if value in Priority.values else ""


def shared_value(case: Case, name: str) -> str:
    """The current value of one shareable field (read live from the case and the person)."""
    from approdo.people.forms import country_name

    person = case.person
    if name == "name":
        return case.display_name
    if name == "phone":
        if person is None:
            return case.contact_phone
        return ", ".join(person.phones.values_list("number", flat=True))
    if name == "languages":
        if person is None:
            return str(case.contact_language or "")
        return ", ".join(str(row.language) for row in person.languages.select_related("language"))
    if name == "place":
        if person is None:
            return case.contact_place
        return person.living_place or case.contact_place
    if name == "needs":
        return case.contact_needs
    if name == "priority":
        return _screening_priority(case)
    if person is None:
        return ""
    if name == "birth_date":
        if person.birth_date is None:
            return ""
        if person.birth_date_is_placeholder:
            return str(person.birth_date.year)
        return date_format(person.birth_date, "SHORT_DATE_FORMAT")
    if name == "nationality":
        return country_name(person.nationality)
    if name == "documents":
        parts = []
        for doc in person.documents.all():
            text = doc.get_kind_display()
            if doc.permit_type:
                text += f" ({doc.get_permit_type_display()})"
            if doc.number:
                text += f" {doc.number}"
            if doc.expires_on:
                text += " " + _("scade il %(date)s") % {
                    "date": date_format(doc.expires_on, "SHORT_DATE_FORMAT")
                }
            parts.append(str(text))
        return "; ".join(parts)
    return ""


def _user_name(user: User) -> str:
    return user.get_full_name() or user.get_username()


def _require_staff_of(actor: User, node_id: int) -> None:
    """The actor works with people's records at the node (404 otherwise, 403 monitors)."""
    acc = access.access_for(actor)
    if not acc.can_see_person_data:
        raise PermissionDenied
    if node_id not in acc.person_node_ids:
        raise PermissionDenied


# --- referrals ------------------------------------------------------------------------------
@transaction.atomic
def referral_send(
    *,
    actor: User,
    case: Case,
    reason: str,
    shared_fields: list[str],
    to_node: Node | None = None,
    to_external: ExternalService | None = None,
    area: ServiceArea | None = None,
    due_on: dt.date | None = None,
) -> Referral:
    """Send a case from a spoke to a hub, from a hub to another hub or to an external service.

    Only the fields consent allows may be shared; asking for others is an error that names
    them, so the operator knows what to ask the person first.
    """
    perm.require_edit(perm.permissions_for(actor, case))
    from_node = actor_node(actor, case)
    errors: dict[str, str] = {}
    if (to_node is None) == (to_external is None):
        errors["to_node"] = _("Scegli un nodo della rete oppure un servizio esterno.")
    elif to_node is not None:
        if to_node.kind != NodeKind.HUB:
            errors["to_node"] = _("Si può inviare solo a un hub (PSI).")
        elif to_node.pk == from_node.pk:
            errors["to_node"] = _("Scegli un hub diverso dal tuo.")
        elif from_node.kind == NodeKind.HUB and to_node.pk == case.hub_id:
            errors["to_node"] = _("La presa in carico è già in questo hub.")
    elif from_node.kind != NodeKind.HUB:
        errors["to_external"] = _("Ai servizi esterni invia l'hub, non lo spoke.")
    text = reason.strip()
    if not text:
        errors["reason"] = _("Scrivi il motivo dell'invio.")
    today = timezone.localdate()
    due = due_on or today + dt.timedelta(days=DEFAULT_DUE_DAYS)
    if due < today:
        errors["due_on"] = _("La data di risposta attesa non può essere nel passato.")
    unknown = [name for name in shared_fields if name not in SHAREABLE_FIELDS]
    if unknown:
        errors["shared_fields"] = _("Dati non previsti: %(fields)s.") % {
            "fields": ", ".join(unknown)
        }
    elif not errors:
        allowed = allowed_fields(case, to_node=to_node, to_external=to_external)
        refused = [name for name in shared_fields if name not in allowed]
        if refused:
            labels = ", ".join(str(SHAREABLE_FIELDS[name]) for name in refused)
            errors["shared_fields"] = _(
                "Il consenso della persona non permette di condividere: %(fields)s."
            ) % {"fields": labels}
    if not errors and to_node is not None:
        pending = Referral.objects.filter(
            case=case, to_node=to_node, status__in=[ReferralStatus.SENT, ReferralStatus.ACCEPTED]
        )
        if pending.exists():
            errors["to_node"] = _("C'è già un invio aperto verso questo hub.")
    if errors:
        raise ValidationError(errors)
    referral = Referral.objects.create(
        case=case,
        from_node=from_node,
        to_node=to_node,
        to_external=to_external,
        area=area,
        reason=text,
        shared_fields=[name for name in SHAREABLE_FIELDS if name in shared_fields],
        due_on=due,
        sent_by=actor,
    )
    timeline_add(
        case=case,
        actor=actor,
        kind=EventKind.REFERRAL,
        node=from_node,
        summary=_("Invio a %(to)s") % {"to": referral.destination},
    )
    record(
        actor=actor,
        action="cases.referral.sent",
        target=referral,
        node_id=case.hub_id,
        data={"to": referral.destination, "shared_fields": referral.shared_fields},
    )
    return referral


def _lock_referral(referral: Referral) -> Referral:
    return (
        Referral.objects.select_for_update().select_related("case", "from_node").get(pk=referral.pk)
    )


def _require_receiver(actor: User, referral: Referral) -> None:
    """Internal referrals are decided at the receiving node; external ones by the sender."""
    if referral.to_node_id is not None:
        _require_staff_of(actor, referral.to_node_id)
    else:
        perm.require_edit(perm.permissions_for(actor, referral.case))


def _decided(referral: Referral, actor: User, status: str, summary: str) -> None:
    node = referral.to_node or referral.from_node
    timeline_add(
        case=referral.case, actor=actor, kind=EventKind.REFERRAL, node=node, summary=summary
    )


@transaction.atomic
def referral_accept(*, actor: User, referral: Referral) -> Referral:
    """The receiving node accepts. A spoke's first contact sent to a hub becomes the hub's:
    the accepter becomes case manager (and the case moves to that hub if it was elsewhere)."""
    referral = _lock_referral(referral)
    _require_receiver(actor, referral)
    if referral.status != ReferralStatus.SENT:
        raise ValidationError(_("Si può accettare solo un invio in attesa."), code="status")
    referral.status = ReferralStatus.ACCEPTED
    referral.decided_by = actor
    referral.decided_at = timezone.now()
    referral.save(update_fields=["status", "decided_by", "decided_at", "updated_at"])
    case = Case.objects.select_for_update().get(pk=referral.case_id)
    to_node = referral.to_node
    if (
        to_node is not None
        and referral.from_node.kind == NodeKind.SPOKE
        and case.stage == Stage.FIRST_CONTACT
    ):
        _take_over(actor=actor, case=case, hub=to_node)
    _decided(
        referral,
        actor,
        ReferralStatus.ACCEPTED,
        _("Invio accettato da %(node)s") % {"node": referral.destination},
    )
    record(
        actor=actor,
        action="cases.referral.accepted",
        target=referral,
        changes={"status": (ReferralStatus.SENT, ReferralStatus.ACCEPTED)},
        node_id=referral.to_node_id or case.hub_id,
    )
    return referral


def _take_over(*, actor: User, case: Case, hub: Node) -> None:
    """The accepter becomes the case manager; the case belongs to the accepting hub."""
    today = timezone.localdate()
    old_hub = case.hub_id
    if case.hub_id != hub.pk:
        Case.objects.filter(pk=case.pk).update(
            hub=hub, version=F("version") + 1, updated_at=timezone.now()
        )
    CaseTeamMember.objects.filter(case=case, user=actor, until__isnull=True).update(until=today)
    CaseTeamMember.objects.filter(case=case, role=TeamRole.CASE_MANAGER, until__isnull=True).update(
        role=TeamRole.OTHER
    )
    CaseTeamMember.objects.create(
        case=case, user=actor, role=TeamRole.CASE_MANAGER, node=hub, since=today
    )
    timeline_add(
        case=case,
        actor=actor,
        kind=EventKind.TEAM,
        node=hub,
        summary=f"+ {_user_name(actor)} ({TeamRole.CASE_MANAGER.label})",
    )
    record(
        actor=actor,
        action="cases.team.added",
        target=case,
        changes={"hub": (old_hub, hub.pk)} if old_hub != hub.pk else None,
        node_id=hub.pk,
        data={"user": actor.pk, "role": TeamRole.CASE_MANAGER.value},
    )


@transaction.atomic
def referral_decline(*, actor: User, referral: Referral, reason: str) -> Referral:
    referral = _lock_referral(referral)
    _require_receiver(actor, referral)
    if referral.status != ReferralStatus.SENT:
        raise ValidationError(_("Si può rifiutare solo un invio in attesa."), code="status")
    text = reason.strip()
    if not text:
        raise ValidationError({"reason": _("Scrivi il motivo del rifiuto.")})
    referral.status = ReferralStatus.DECLINED
    referral.decline_reason = text
    referral.decided_by = actor
    referral.decided_at = timezone.now()
    referral.save(
        update_fields=["status", "decline_reason", "decided_by", "decided_at", "updated_at"]
    )
    _decided(
        referral,
        actor,
        ReferralStatus.DECLINED,
        _("Invio rifiutato da %(node)s: %(reason)s")
        % {"node": referral.destination, "reason": text},
    )
    record(
        actor=actor,
        action="cases.referral.declined",
        target=referral,
        changes={"status": (ReferralStatus.SENT, ReferralStatus.DECLINED)},
        node_id=referral.to_node_id or referral.case.hub_id,
        data={"reason": text},
    )
    return referral


@transaction.atomic
def referral_complete(*, actor: User, referral: Referral, outcome_note: str) -> Referral:
    """Record the outcome of an accepted referral (the receiver; the sender for externals)."""
    referral = _lock_referral(referral)
    _require_receiver(actor, referral)
    if referral.status != ReferralStatus.ACCEPTED:
        raise ValidationError(_("Si può concludere solo un invio accettato."), code="status")
    text = outcome_note.strip()
    if not text:
        raise ValidationError({"outcome_note": _("Scrivi l'esito dell'invio.")})
    referral.status = ReferralStatus.COMPLETED
    referral.outcome_note = text
    referral.completed_at = timezone.now()
    referral.save(update_fields=["status", "outcome_note", "completed_at", "updated_at"])
    _decided(
        referral,
        actor,
        ReferralStatus.COMPLETED,
        _("Invio concluso: %(outcome)s") % {"outcome": text},
    )
    record(
        actor=actor,
        action="cases.referral.completed",
        target=referral,
        changes={"status": (ReferralStatus.ACCEPTED, ReferralStatus.COMPLETED)},
        node_id=referral.to_node_id or referral.case.hub_id,
    )
    return referral


@transaction.atomic
def referral_cancel(*, actor: User, referral: Referral) -> Referral:
    """The sending team withdraws a referral that has not been answered yet."""
    referral = _lock_referral(referral)
    perm.require_edit(perm.permissions_for(actor, referral.case))
    if referral.status != ReferralStatus.SENT:
        raise ValidationError(_("Si può annullare solo un invio in attesa."), code="status")
    referral.status = ReferralStatus.CANCELLED
    referral.save(update_fields=["status", "updated_at"])
    timeline_add(
        case=referral.case,
        actor=actor,
        kind=EventKind.REFERRAL,
        node=referral.from_node,
        summary=_("Invio a %(to)s annullato") % {"to": referral.destination},
    )
    record(
        actor=actor,
        action="cases.referral.cancelled",
        target=referral,
        changes={"status": (ReferralStatus.SENT, ReferralStatus.CANCELLED)},
        node_id=referral.case.hub_id,
    )
    return referral


def send_overdue_referral_reminders(now: dt.datetime | None = None) -> int:
    """E-mail one reminder per overdue referral; returns how many were sent.

    Each row is claimed with a conditional UPDATE on reminded_at, so several workers never
    send the same reminder twice. The mail names the case reference and the nodes only.
    """
    from approdo.cases.selectors import node_coordinator_emails, referrals_overdue

    now = now or timezone.now()
    sent = 0
    candidates = referrals_overdue(today=timezone.localdate(now)).filter(reminded_at__isnull=True)
    for referral in candidates.select_related("case", "from_node", "to_node", "to_external"):
        claimed = Referral.objects.filter(pk=referral.pk, reminded_at__isnull=True).update(
            reminded_at=now
        )
        if claimed != 1:
            continue
        if referral.to_node_id is not None:
            recipients = node_coordinator_emails(referral.to_node_id)
            body = _(
                "L'invio della presa in carico %(ref)s da %(from)s attende una risposta "
                "dal %(due)s. Aprilo in Approdo, Invii ricevuti."
            )
        else:
            recipients = [referral.sent_by.email] if referral.sent_by.email else []
            body = _(
                "L'invio della presa in carico %(ref)s a %(to)s attende una risposta dal "
                "%(due)s: registra la risposta del servizio in Approdo."
            )
        if not recipients:
            continue
        values = {
            "ref": referral.case.reference,
            "from": referral.from_node.name,
            "to": referral.destination,
            "due": referral.due_on.strftime("%d/%m/%Y"),
        }
        subject = _("Approdo: invio %(ref)s in attesa di risposta") % values
        send_mail(str(subject), str(body % values), None, recipients)
        sent += 1
    return sent


# --- transfers ------------------------------------------------------------------------------
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
    timeline_add(
        case=case,
        actor=actor,
        kind=EventKind.TRANSFER,
        node=case.hub,
        summary=_("Trasferimento proposto a %(hub)s") % {"hub": to_hub.name},
    )
    record(
        actor=actor,
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
    _require_staff_of(actor, transfer.to_hub_id)
    if transfer.status != TransferStatus.PROPOSED:
        raise ValidationError(_("Si può accettare solo un trasferimento in attesa."), code="status")
    case = Case.objects.select_for_update().get(pk=transfer.case_id)
    if not case.is_open:
        raise ValidationError(_("La presa in carico è chiusa."), code="closed")
    today = timezone.localdate()
    transfer.status = TransferStatus.ACCEPTED
    transfer.decided_by = actor
    transfer.decided_at = timezone.now()
    transfer.save(update_fields=["status", "decided_by", "decided_at", "updated_at"])
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
    _require_staff_of(actor, transfer.to_hub_id)
    if transfer.status != TransferStatus.PROPOSED:
        raise ValidationError(_("Si può rifiutare solo un trasferimento in attesa."), code="status")
    text = reason.strip()
    if not text:
        raise ValidationError({"reason": _("Scrivi il motivo del rifiuto.")})
    transfer.status = TransferStatus.DECLINED
    transfer.decline_reason = text
    transfer.decided_by = actor
    transfer.decided_at = timezone.now()
    transfer.save(
        update_fields=["status", "decline_reason", "decided_by", "decided_at", "updated_at"]
    )
    timeline_add(
        case=transfer.case,
        actor=actor,
        kind=EventKind.TRANSFER,
        node=transfer.from_hub,
        summary=_("Trasferimento rifiutato da %(hub)s: %(reason)s")
        % {"hub": transfer.to_hub.name, "reason": text},
    )
    record(
        actor=actor,
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
    if transfer.status != TransferStatus.PROPOSED:
        raise ValidationError(_("Si può annullare solo un trasferimento in attesa."), code="status")
    transfer.status = TransferStatus.CANCELLED
    transfer.save(update_fields=["status", "updated_at"])
    timeline_add(
        case=transfer.case,
        actor=actor,
        kind=EventKind.TRANSFER,
        node=transfer.from_hub,
        summary=_("Trasferimento a %(hub)s annullato") % {"hub": transfer.to_hub.name},
    )
    record(
        actor=actor,
        action="cases.transfer.cancelled",
        target=transfer,
        changes={"status": (TransferStatus.PROPOSED, TransferStatus.CANCELLED)},
        node_id=transfer.from_hub_id,
    )
    return transfer


# --- inquiries ------------------------------------------------------------------------------
def inquiry_token(*, person_id: int, node_id: int) -> str:
    """The signed reference the duplicate panel posts: never the person's data."""
    return signing.dumps({"p": person_id, "n": node_id}, salt=INQUIRY_SALT)


def inquiry_target(token: str) -> tuple[Person, Node]:
    """The person and node a token names, or a ValidationError (tampered, expired, stale)."""
    try:
        data = signing.loads(token, salt=INQUIRY_SALT, max_age=INQUIRY_TOKEN_MAX_AGE)
        person_id, node_id = int(data["p"]), int(data["n"])
    except (signing.BadSignature, KeyError, TypeError, ValueError) as exc:
        raise ValidationError(
            {"token": _("Richiesta non valida o scaduta: ripeti il controllo dei doppioni.")}
        ) from exc
    person = Person.objects.filter(pk=person_id, registered_at_id=node_id).first()
    node = Node.objects.filter(pk=node_id).first()
    if person is None or node is None:
        raise ValidationError(
            {"token": _("Richiesta non valida o scaduta: ripeti il controllo dei doppioni.")}
        )
    return person, node


def _asker_node(actor: User) -> Node:
    from approdo.people.selectors import default_node_for

    node = default_node_for(user=actor)
    if node is None:
        raise PermissionDenied
    return node


@transaction.atomic
def inquiry_send(*, actor: User, token: str, kind: str, message: str) -> PersonInquiry:
    """Ask the node holding a possible duplicate for a referral or a transfer."""
    acc = access.access_for(actor)
    if not acc.can_see_person_data:
        raise PermissionDenied
    person, node = inquiry_target(token)
    if node.pk in acc.person_node_ids:
        raise ValidationError(
            {"token": _("Questa scheda è già visibile nel tuo nodo: aprila direttamente.")}
        )
    errors: dict[str, str] = {}
    if kind not in InquiryKind.values:
        errors["kind"] = _("Scegli che cosa chiedi.")
    text = message.strip()
    if not text:
        errors["message"] = _("Scrivi un messaggio per il nodo.")
    if errors:
        raise ValidationError(errors)
    inquiry = PersonInquiry.objects.create(
        person=person,
        from_node=_asker_node(actor),
        to_node=node,
        kind=kind,
        message=text,
        asked_by=actor,
    )
    record(
        actor=actor,
        action="cases.inquiry.sent",
        target=inquiry,
        node_id=node.pk,
        data={"kind": kind},
    )
    return inquiry


@transaction.atomic
def inquiry_answer(
    *, actor: User, inquiry: PersonInquiry, status: str, answer: str
) -> PersonInquiry:
    """The receiving node answers (it may then send a referral or propose a transfer)."""
    inquiry = PersonInquiry.objects.select_for_update().get(pk=inquiry.pk)
    _require_staff_of(actor, inquiry.to_node_id)
    if inquiry.status != InquiryStatus.OPEN:
        raise ValidationError(_("Questa richiesta ha già una risposta."), code="status")
    errors: dict[str, str] = {}
    if status not in (InquiryStatus.ANSWERED, InquiryStatus.DECLINED):
        errors["status"] = _("Scegli la risposta.")
    text = answer.strip()
    if not text:
        errors["answer"] = _("Scrivi la risposta per il nodo che chiede.")
    if errors:
        raise ValidationError(errors)
    inquiry.status = status
    inquiry.answer = text
    inquiry.answered_by = actor
    inquiry.answered_at = timezone.now()
    inquiry.save(update_fields=["status", "answer", "answered_by", "answered_at", "updated_at"])
    record(
        actor=actor,
        action="cases.inquiry.answered",
        target=inquiry,
        changes={"status": (InquiryStatus.OPEN, status)},
        node_id=inquiry.to_node_id,
    )
    return inquiry
