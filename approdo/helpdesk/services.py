"""Writes of the helpdesk after intake: taking a contact, editing it, triage, tasks, closing.

Every service is keyword-only with `actor`, atomic, checks that the actor is a helpdesk
operator, writes the audit trail in the same transaction and refuses stale edits
(optimistic concurrency on Contact.version and HelpdeskTask.version).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from approdo.accounts.models import User
from approdo.audit.services import record
from approdo.cases.models import ExternalService, Referral
from approdo.cases.referral_services import FIRST_CONTACT_FIELDS, referral_from_helpdesk
from approdo.core.concurrency import save_if_version
from approdo.helpdesk.hours import next_opening
from approdo.helpdesk.intake import MESSAGE_MAX
from approdo.helpdesk.models import (
    Authority,
    Channel,
    Contact,
    ContactNeed,
    ContactStatus,
    HelpdeskTask,
    Need,
    ReporterContact,
    TaskKind,
    Triage,
    TriageOutcome,
    Urgency,
)
from approdo.helpdesk.selectors import helpdesk_operators, require_helpdesk
from approdo.network.models import Language, Municipality, Node, Region, ServiceArea

FOLLOW_UP_DAYS = 7
NOTE_MAX = 300


def _require_open(contact: Contact) -> None:
    if contact.status == ContactStatus.CLOSED:
        raise ValidationError(_("Il contatto è chiuso: non si può più modificare."))


def _bump(contact: Contact, *, expected_version: int, fields: list[str]) -> None:
    save_if_version(contact, expected_version=expected_version, fields=fields)


def _note(text: str, *, field: str = "note", message: str | None = None) -> str:
    value = text.strip()
    if not value:
        raise ValidationError({field: message or _("Scrivi una nota.")})
    return value


def _follow_up_due(now: dt.datetime, days: int = FOLLOW_UP_DAYS) -> dt.datetime:
    return next_opening(now + dt.timedelta(days=days))


@transaction.atomic
def contact_take(*, actor: User, contact: Contact, expected_version: int) -> Contact:
    """ "Prendi in carico": the contact is assigned to the actor."""
    require_helpdesk(actor)
    _require_open(contact)
    old = contact.assigned_to_id
    contact.assigned_to = actor
    _bump(contact, expected_version=expected_version, fields=["assigned_to"])
    record(
        actor=actor,
        action="helpdesk.contact.taken",
        target=contact,
        changes={"assigned_to": (old, actor.pk)},
    )
    return contact


@transaction.atomic
def contact_update(
    *,
    actor: User,
    contact: Contact,
    expected_version: int,
    channel: str,
    message: str,
    needs: list[str],
    urgency: str,
    anonymous: bool,
    name: str = "",
    language: Language | None = None,
    language_other: str = "",
    region: Region | None = None,
    municipality: Municipality | None = None,
    place: str = "",
) -> Contact:
    """Correct what was recorded. Making a contact anonymous erases its name."""
    require_helpdesk(actor)
    _require_open(contact)
    errors: dict[str, str] = {}
    if channel not in Channel.values:
        errors["channel"] = _("Scegli il canale da cui è arrivato il contatto.")
    text = message.strip()
    if not text:
        errors["message"] = _("Scrivi la richiesta o la segnalazione.")
    elif len(text) > MESSAGE_MAX:
        errors["message"] = _("Il testo è troppo lungo (massimo %(max)d caratteri).") % {
            "max": MESSAGE_MAX
        }
    if urgency not in Urgency.values:
        errors["urgency"] = _("Scegli l'urgenza.")
    unknown = [need for need in needs if need not in Need.values]
    if unknown:
        errors["needs"] = _("Bisogni non previsti: %(needs)s.") % {"needs": ", ".join(unknown)}
    if anonymous and name.strip():
        errors["name"] = _("Una segnalazione anonima non ha un nome: lascia vuoto il campo.")
    if errors:
        raise ValidationError(errors)
    if municipality is not None and region is None:
        region = municipality.province.region
    values: dict[str, Any] = {
        "channel": channel,
        "message": text,
        "urgency": urgency,
        "anonymous": anonymous,
        "name": "" if anonymous else name.strip()[:120],
        "language": language,
        "language_other": language_other.strip()[:60],
        "region": region,
        "municipality": municipality,
        "place": place.strip()[:200],
    }
    changes = {}
    for field, new in values.items():
        old = getattr(contact, field)
        if old != new:
            # Names and free text are not copied into the trail: only that they changed.
            shown = field not in {"name", "message", "place"}
            changes[field] = (old if shown else "…", new if shown else "…")
        setattr(contact, field, new)
    old_needs = set(ContactNeed.objects.filter(contact=contact).values_list("need", flat=True))
    new_needs = set(needs)
    _bump(contact, expected_version=expected_version, fields=list(values))
    if old_needs != new_needs:
        ContactNeed.objects.filter(contact=contact).exclude(need__in=new_needs).delete()
        ContactNeed.objects.bulk_create(
            [ContactNeed(contact=contact, need=need) for need in sorted(new_needs - old_needs)]
        )
        changes["needs"] = (sorted(old_needs), sorted(new_needs))
    record(actor=actor, action="helpdesk.contact.updated", target=contact, changes=changes)
    return contact


def _close(contact: Contact, *, actor: User, note: str, now: dt.datetime) -> bool:
    """Set the closing fields (the caller saves) and erase the way to call back."""
    contact.status = ContactStatus.CLOSED
    contact.closed_at = now
    contact.closing_note = note
    erased, _detail = ReporterContact.objects.filter(contact=contact).delete()
    HelpdeskTask.objects.filter(contact=contact, done_at__isnull=True).update(
        done_at=now, done_by=actor, outcome=_("Contatto chiuso.")[:NOTE_MAX]
    )
    return bool(erased)


@transaction.atomic
def contact_close(*, actor: User, contact: Contact, expected_version: int, note: str) -> Contact:
    """Close with a note. The way to call back is erased: it is not kept once not needed."""
    require_helpdesk(actor)
    _require_open(contact)
    text = _note(note, field="note", message=_("Scrivi una nota di chiusura."))
    old = contact.status
    erased = _close(contact, actor=actor, note=text, now=timezone.now())
    _bump(
        contact, expected_version=expected_version, fields=["status", "closed_at", "closing_note"]
    )
    record(
        actor=actor,
        action="helpdesk.contact.closed",
        target=contact,
        changes={"status": (old, ContactStatus.CLOSED)},
        data={"reporter_erased": erased},
    )
    return contact


def _triage_saved(
    *,
    actor: User,
    contact: Contact,
    expected_version: int,
    triage: Triage,
    status: str,
    data: dict[str, Any],
    note_for_close: str = "",
) -> Triage:
    """Save a triage decision, move the contact and write the audit row."""
    old = contact.status
    now = timezone.now()
    fields = ["status"]
    erased = False
    if status == ContactStatus.CLOSED:
        erased = _close(contact, actor=actor, note=note_for_close, now=now)
        fields += ["closed_at", "closing_note"]
    else:
        contact.status = status
    if contact.assigned_to_id is None:
        contact.assigned_to = actor
        fields.append("assigned_to")
    _bump(contact, expected_version=expected_version, fields=fields)
    triage.save()
    record(
        actor=actor,
        action="helpdesk.contact.triaged",
        target=contact,
        changes={"status": (old, contact.status)},
        data={"outcome": triage.outcome, "triage": triage.pk, **data}
        | ({"reporter_erased": erased} if status == ContactStatus.CLOSED else {}),
    )
    return triage


@transaction.atomic
def triage_answer(
    *,
    actor: User,
    contact: Contact,
    expected_version: int,
    note: str,
    close: bool = False,
    outcome: str = TriageOutcome.ANSWERED,
) -> Triage:
    """(a) The operator answered directly, or (d) no action is possible: a note, and the
    contact stays in progress or is closed, as the operator chooses."""
    require_helpdesk(actor)
    _require_open(contact)
    if outcome not in (TriageOutcome.ANSWERED, TriageOutcome.NO_ACTION):
        raise ValidationError({"outcome": _("Esito non previsto.")})
    text = _note(note)
    triage = Triage(contact=contact, outcome=outcome, note=text, decided_by=actor)
    return _triage_saved(
        actor=actor,
        contact=contact,
        expected_version=expected_version,
        triage=triage,
        status=ContactStatus.CLOSED if close else ContactStatus.IN_PROGRESS,
        data={"closed": close},
        note_for_close=text,
    )


def _shared_values(contact: Contact, fields: list[str]) -> dict[str, Any]:
    """What the hub receives: only the ticked fields; an anonymous contact sends its
    reference as the name."""
    if contact.anonymous or "name" not in fields or not contact.name:
        name = contact.reference
    else:
        name = contact.name
    phone = ""
    if "phone" in fields:
        reporter = ReporterContact.objects.filter(contact=contact).first()
        phone = reporter.phone if reporter is not None else ""
    place = ""
    if "place" in fields:
        parts = [contact.place, str(contact.municipality or ""), str(contact.region or "")]
        place = ", ".join(part for part in parts if part)
    needs = ""
    if "needs" in fields:
        labels = [
            str(Need(row).label)
            for row in ContactNeed.objects.filter(contact=contact)
            .order_by("pk")
            .values_list("need", flat=True)
        ]
        needs = ", ".join(labels)
    return {
        "contact_name": name,
        "contact_phone": phone,
        "contact_language": contact.language if "languages" in fields else None,
        "contact_place": place,
        "contact_needs": needs,
    }


@transaction.atomic
def triage_refer_psi(
    *,
    actor: User,
    contact: Contact,
    expected_version: int,
    hub: Node | None,
    reason: str,
    shared_fields: list[str],
    area: ServiceArea | None = None,
) -> Triage:
    """(b) Refer to a PSI: a referral lands in the hub's inbox; a follow-up task checks the
    hub's answer in a week."""
    require_helpdesk(actor)
    _require_open(contact)
    if hub is None:
        raise ValidationError({"hub": _("Scegli il PSI a cui inviare.")})
    unknown = [name for name in shared_fields if name not in FIRST_CONTACT_FIELDS]
    if unknown:
        raise ValidationError(
            {"shared_fields": _("Dati non previsti: %(fields)s.") % {"fields": ", ".join(unknown)}}
        )
    referral: Referral = referral_from_helpdesk(
        actor=actor,
        hub=hub,
        reason=reason,
        shared_fields=shared_fields,
        area=area,
        **_shared_values(contact, shared_fields),
    )
    triage = Triage(
        contact=contact,
        outcome=TriageOutcome.REFERRED_PSI,
        note=reason.strip(),
        hub=hub,
        referral=referral,
        decided_by=actor,
    )
    saved = _triage_saved(
        actor=actor,
        contact=contact,
        expected_version=expected_version,
        triage=triage,
        status=ContactStatus.REFERRED,
        data={"hub": hub.pk, "referral": referral.pk, "shared_fields": referral.shared_fields},
    )
    HelpdeskTask.objects.create(
        contact=contact,
        kind=TaskKind.FOLLOW_UP,
        due_at=_follow_up_due(timezone.now()),
        note=(_("Verificare la risposta di %(hub)s all'invio.") % {"hub": hub.name})[:NOTE_MAX],
        assigned_to=actor,
        automatic=True,
    )
    return saved


@transaction.atomic
def triage_refer_authority(
    *,
    actor: User,
    contact: Contact,
    expected_version: int,
    authority: str,
    note: str,
    external_service: ExternalService | None = None,
    follow_up_days: int = FOLLOW_UP_DAYS,
) -> Triage:
    """(c) Report to an authority, optionally naming the office from the directory; a
    follow-up task checks what happened."""
    require_helpdesk(actor)
    _require_open(contact)
    errors: dict[str, str] = {}
    if authority not in Authority.values:
        errors["authority"] = _("Scegli l'autorità.")
    if not note.strip():
        errors["note"] = _("Scrivi cosa è stato segnalato e come.")
    if not 1 <= follow_up_days <= 90:
        errors["follow_up_days"] = _("La verifica va fissata tra 1 e 90 giorni.")
    if external_service is not None and not external_service.active:
        errors["external_service"] = _("Questo ufficio non è più attivo nell'elenco.")
    if errors:
        raise ValidationError(errors)
    triage = Triage(
        contact=contact,
        outcome=TriageOutcome.REFERRED_AUTHORITY,
        note=note.strip(),
        authority=authority,
        external_service=external_service,
        decided_by=actor,
    )
    saved = _triage_saved(
        actor=actor,
        contact=contact,
        expected_version=expected_version,
        triage=triage,
        status=ContactStatus.REFERRED,
        data={
            "authority": authority,
            "external_service": external_service.pk if external_service else None,
        },
    )
    office = external_service.name if external_service else Authority(authority).label
    HelpdeskTask.objects.create(
        contact=contact,
        kind=TaskKind.FOLLOW_UP,
        due_at=_follow_up_due(timezone.now(), follow_up_days),
        note=(_("Verificare l'esito della segnalazione a %(office)s.") % {"office": office})[
            :NOTE_MAX
        ],
        assigned_to=actor,
        automatic=True,
    )
    return saved


def _check_assignee(user: User | None) -> None:
    if user is not None and not helpdesk_operators().filter(pk=user.pk).exists():
        raise ValidationError(
            {"assigned_to": _("Si può assegnare solo a un operatore dell'helpdesk.")}
        )


@transaction.atomic
def task_add(
    *,
    actor: User,
    contact: Contact,
    kind: str,
    due_at: dt.datetime,
    note: str = "",
    assigned_to: User | None = None,
) -> HelpdeskTask:
    require_helpdesk(actor)
    _require_open(contact)
    errors: dict[str, str] = {}
    if kind not in TaskKind.values:
        errors["kind"] = _("Scegli il tipo di attività.")
    if due_at < timezone.now() - dt.timedelta(minutes=5):
        errors["due_at"] = _("La scadenza non può essere nel passato.")
    if len(note.strip()) > NOTE_MAX:
        errors["note"] = _("La nota è troppo lunga (massimo %(max)d caratteri).") % {
            "max": NOTE_MAX
        }
    if errors:
        raise ValidationError(errors)
    _check_assignee(assigned_to)
    task = HelpdeskTask.objects.create(
        contact=contact,
        kind=kind,
        due_at=due_at,
        note=note.strip(),
        assigned_to=assigned_to,
    )
    record(
        actor=actor,
        action="helpdesk.task.added",
        target=task,
        data={
            "contact": contact.pk,
            "kind": kind,
            "due_at": due_at,
            "assigned_to": assigned_to.pk if assigned_to else None,
        },
    )
    return task


@transaction.atomic
def task_complete(
    *, actor: User, task: HelpdeskTask, expected_version: int, outcome: str
) -> HelpdeskTask:
    """Mark a task done with what came of it (a stale form is refused)."""
    require_helpdesk(actor)
    if task.done_at is not None:
        raise ValidationError(_("Questa attività è già conclusa."))
    text = _note(outcome, field="outcome", message=_("Scrivi l'esito dell'attività."))
    if len(text) > NOTE_MAX:
        raise ValidationError(
            {
                "outcome": _("L'esito è troppo lungo (massimo %(max)d caratteri).")
                % {"max": NOTE_MAX}
            }
        )
    task.done_at = timezone.now()
    task.done_by = actor
    task.outcome = text
    save_if_version(
        task, expected_version=expected_version, fields=["done_at", "done_by", "outcome"]
    )
    record(
        actor=actor,
        action="helpdesk.task.completed",
        target=task,
        data={"contact": task.contact_id, "kind": task.kind},
    )
    return task
