"""Writes of referrals between nodes, and what a referral may share.

Every service is atomic, checks the actor's rights (cases.permissions / accounts.access),
appends a line to the case timeline and writes the audit trail in the same transaction.
Transfers live in transfer_services.py, inquiries in inquiry_services.py; the helpers the
three share in exchange.py.

Rules: spoke (the case's origin) -> hub, hub -> another hub, hub -> external service. The
data shared is fixed when sent, from what consent allows (see allowed_fields), and the
receiver reads only those fields.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from approdo.accounts.models import User
from approdo.cases import permissions as perm
from approdo.cases.exchange import (
    log_write,
    require_staff_of,
    require_status,
    required_text,
    save_decision,
    save_status,
)
from approdo.cases.models import (
    AccessChannel,
    Case,
    CaseTeamMember,
    EventKind,
    ExternalService,
    InternalSource,
    Referral,
    ReferralStatus,
    TeamRole,
)
from approdo.cases.services import actor_node, timeline_add
from approdo.cases.stages import ClosureOutcome, Stage
from approdo.network.models import Language, Node, NodeKind, ServiceArea
from approdo.people.selectors import has_taking_charge_consent, sharing_allowed

logger = logging.getLogger(__name__)

DEFAULT_DUE_DAYS = 7

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
    log_write(
        actor=actor,
        case=case,
        kind=EventKind.REFERRAL,
        node=from_node,
        summary=_("Invio a %(to)s") % {"to": referral.destination},
        action="cases.referral.sent",
        target=referral,
        node_id=case.hub_id,
        data={"to": referral.destination, "shared_fields": referral.shared_fields},
    )
    return referral


def _lock_referral(referral: Referral) -> Referral:
    # Only the referral row is locked: PostgreSQL cannot lock the nullable side of the outer
    # join to from_node (a helpdesk referral has no sending node).
    return (
        Referral.objects.select_for_update(of=("self",))
        .select_related("case", "from_node")
        .get(pk=referral.pk)
    )


def _require_receiver(actor: User, referral: Referral) -> None:
    """Internal referrals are decided at the receiving node; external ones by the sender."""
    if referral.to_node_id is not None:
        require_staff_of(actor, referral.to_node_id)
    else:
        perm.require_edit(perm.permissions_for(actor, referral.case))


def _log_answer(
    referral: Referral,
    actor: User,
    *,
    action: str,
    old: str,
    summary: str,
    node_id: int | None,
    data: dict[str, str] | None = None,
) -> None:
    """The receiver's answer (accepted, declined, completed), on the receiver's node."""
    log_write(
        actor=actor,
        case=referral.case,
        kind=EventKind.REFERRAL,
        node=referral.to_node or referral.from_node or referral.case.hub,
        summary=summary,
        action=action,
        target=referral,
        changes={"status": (old, referral.status)},
        node_id=node_id,
        data=data,
    )


@transaction.atomic
def referral_accept(*, actor: User, referral: Referral) -> Referral:
    """The receiving node accepts. A spoke's first contact sent to a hub becomes the hub's:
    the accepter becomes case manager (and the case moves to that hub if it was elsewhere)."""
    referral = _lock_referral(referral)
    _require_receiver(actor, referral)
    require_status(referral, ReferralStatus.SENT, _("Si può accettare solo un invio in attesa."))
    save_decision(referral, actor=actor, status=ReferralStatus.ACCEPTED)
    case = Case.objects.select_for_update().get(pk=referral.case_id)
    to_node = referral.to_node
    from_first_contact = referral.from_helpdesk or (
        referral.from_node is not None and referral.from_node.kind == NodeKind.SPOKE
    )
    if to_node is not None and from_first_contact and case.stage == Stage.FIRST_CONTACT:
        _take_over(actor=actor, case=case, hub=to_node)
    _log_answer(
        referral,
        actor,
        action="cases.referral.accepted",
        old=ReferralStatus.SENT,
        summary=_("Invio accettato da %(node)s") % {"node": referral.destination},
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
    log_write(
        actor=actor,
        case=case,
        kind=EventKind.TEAM,
        node=hub,
        summary=f"+ {_user_name(actor)} ({TeamRole.CASE_MANAGER.label})",
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
    require_status(referral, ReferralStatus.SENT, _("Si può rifiutare solo un invio in attesa."))
    text = required_text(reason, field="reason", message=_("Scrivi il motivo del rifiuto."))
    save_decision(referral, actor=actor, status=ReferralStatus.DECLINED, decline_reason=text)
    if referral.from_helpdesk:
        _close_unclaimed(actor=actor, referral=referral, reason=text)
    _log_answer(
        referral,
        actor,
        action="cases.referral.declined",
        old=ReferralStatus.SENT,
        summary=_("Invio rifiutato da %(node)s: %(reason)s")
        % {"node": referral.destination, "reason": text},
        node_id=referral.to_node_id or referral.case.hub_id,
        data={"reason": text},
    )
    return referral


@transaction.atomic
def referral_complete(*, actor: User, referral: Referral, outcome_note: str) -> Referral:
    """Record the outcome of an accepted referral (the receiver; the sender for externals)."""
    referral = _lock_referral(referral)
    _require_receiver(actor, referral)
    require_status(
        referral, ReferralStatus.ACCEPTED, _("Si può concludere solo un invio accettato.")
    )
    text = required_text(
        outcome_note, field="outcome_note", message=_("Scrivi l'esito dell'invio.")
    )
    save_status(referral, ReferralStatus.COMPLETED, outcome_note=text, completed_at=timezone.now())
    _log_answer(
        referral,
        actor,
        action="cases.referral.completed",
        old=ReferralStatus.ACCEPTED,
        summary=_("Invio concluso: %(outcome)s") % {"outcome": text},
        node_id=referral.to_node_id or referral.case.hub_id,
    )
    return referral


@transaction.atomic
def referral_cancel(*, actor: User, referral: Referral) -> Referral:
    """The sending team withdraws a referral that has not been answered yet."""
    referral = _lock_referral(referral)
    perm.require_edit(perm.permissions_for(actor, referral.case))
    require_status(referral, ReferralStatus.SENT, _("Si può annullare solo un invio in attesa."))
    save_status(referral, ReferralStatus.CANCELLED)
    log_write(
        actor=actor,
        case=referral.case,
        kind=EventKind.REFERRAL,
        node=referral.from_node or referral.case.hub,
        summary=_("Invio a %(to)s annullato") % {"to": referral.destination},
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
            "from": referral.sender_name,
            "to": referral.destination,
            "due": referral.due_on.strftime("%d/%m/%Y"),
        }
        subject = _("Approdo: invio %(ref)s in attesa di risposta") % values
        send_mail(str(subject), str(body % values), None, recipients)
        sent += 1
    return sent


# --- the helpdesk ---------------------------------------------------------------------------
@transaction.atomic
def referral_from_helpdesk(
    *,
    actor: User,
    hub: Node,
    reason: str,
    contact_name: str,
    contact_phone: str = "",
    contact_language: Language | None = None,
    contact_place: str = "",
    contact_needs: str = "",
    shared_fields: list[str] | None = None,
    area: ServiceArea | None = None,
    due_on: dt.date | None = None,
) -> Referral:
    """The helpdesk refers someone to a PSI (*invio interno*): a first-contact case at the
    hub, with no team yet, and a referral in the hub's inbox. Accepting it makes the accepter
    case manager; declining it closes the unclaimed case (the helpdesk triages again).

    The helpdesk operator is a participant of the referral, never a reader of the case file.
    """
    from approdo.accounts.access import access_for

    if not access_for(actor).is_helpdesk:
        raise PermissionDenied
    errors: dict[str, str] = {}
    if hub.kind != NodeKind.HUB or not hub.is_active_on():
        errors["hub"] = _("Scegli un hub (PSI) attivo.")
    text = reason.strip()
    if not text:
        errors["reason"] = _("Scrivi il motivo dell'invio.")
    if not contact_name.strip():
        errors["contact_name"] = _("Indica almeno un nome, un soprannome o un riferimento.")
    today = timezone.localdate()
    due = due_on or today + dt.timedelta(days=DEFAULT_DUE_DAYS)
    if due < today:
        errors["due_on"] = _("La data di risposta attesa non può essere nel passato.")
    fields = list(FIRST_CONTACT_FIELDS if shared_fields is None else shared_fields)
    refused = [name for name in fields if name not in FIRST_CONTACT_FIELDS]
    if refused:
        errors["shared_fields"] = _("Dati non previsti: %(fields)s.") % {
            "fields": ", ".join(refused)
        }
    if errors:
        raise ValidationError(errors)
    case = Case(
        reference=f"tmp-{timezone.now().timestamp()}-{actor.pk}",
        hub=hub,
        origin_node=hub,
        access_channel=AccessChannel.INTERNAL,
        internal_source=InternalSource.HELPDESK,
        contact_name=contact_name.strip()[:120],
        contact_phone=contact_phone.strip()[:32],
        contact_language=contact_language,
        contact_place=contact_place.strip()[:200],
        contact_needs=contact_needs.strip(),
        opened_on=today,
        opened_by=actor,
    )
    case.full_clean(exclude=["reference"])
    case.save()
    case.reference = f"{hub.code}-{today.year}-{case.pk:06d}"
    case.save(update_fields=["reference"])
    timeline_add(
        case=case,
        actor=actor,
        kind=EventKind.OPENED,
        node=hub,
        to_stage=Stage.FIRST_CONTACT,
        summary=f"{case.get_access_channel_display()}: {InternalSource.HELPDESK.label}",
    )
    referral = Referral.objects.create(
        case=case,
        from_node=None,
        from_helpdesk=True,
        to_node=hub,
        area=area,
        reason=text,
        shared_fields=[name for name in SHAREABLE_FIELDS if name in fields],
        due_on=due,
        sent_by=actor,
    )
    log_write(
        actor=actor,
        case=case,
        kind=EventKind.REFERRAL,
        node=hub,
        summary=_("Invio dall'helpdesk a %(to)s") % {"to": hub.name},
        action="cases.referral.sent",
        target=referral,
        node_id=hub.pk,
        data={"to": hub.name, "from": "helpdesk", "shared_fields": referral.shared_fields},
    )
    return referral


def _close_unclaimed(*, actor: User, referral: Referral, reason: str) -> None:
    """A declined helpdesk referral leaves a case nobody took: it is closed, not left open."""
    case = Case.objects.select_for_update().get(pk=referral.case_id)
    if case.stage != Stage.FIRST_CONTACT or case.team.exists():
        return
    open_elsewhere = case.referrals.exclude(pk=referral.pk).filter(
        status__in=[ReferralStatus.SENT, ReferralStatus.ACCEPTED]
    )
    if open_elsewhere.exists():
        return
    case.stage = Stage.CLOSED
    case.closure_outcome = ClosureOutcome.NOT_TAKEN
    case.closure_note = reason
    case.closed_on = timezone.localdate()
    case.version += 1
    case.save(update_fields=["stage", "closure_outcome", "closure_note", "closed_on", "version"])
    timeline_add(
        case=case,
        actor=actor,
        kind=EventKind.STAGE,
        node=referral.to_node,
        from_stage=Stage.FIRST_CONTACT,
        to_stage=Stage.CLOSED,
        summary=f"{ClosureOutcome.NOT_TAKEN.label}: {reason}",
    )
