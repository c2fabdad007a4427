"""Writes of services delivered and appointments.

Every service is atomic, checks the actor may write to the case (cases.permissions), appends a
line to the case timeline and writes the audit trail. Rows are never deleted: a service logged
by mistake is cancelled with a reason; an appointment ends as done, missed or cancelled.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.apps import apps
from django.conf import settings
from django.core.exceptions import FieldError, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from approdo.accounts.models import User
from approdo.audit.services import record
from approdo.cases import permissions as perm
from approdo.cases.models import Case, EventKind
from approdo.cases.services import actor_node, timeline_add
from approdo.core.concurrency import save_if_version
from approdo.interventions.models import (
    MAX_DURATION_MINUTES,
    Appointment,
    AppointmentPlace,
    AppointmentStatus,
    Place,
    ServiceDelivered,
    ServiceType,
)
from approdo.network.models import Language

logger = logging.getLogger(__name__)

# How a plans.Action reaches its case (the plans app is still settling its field names; the
# tests fail if none of these paths matches, so a rename there is noticed).
PLAN_ACTION_CASE_PATHS = ("goal__plan_version__plan__case", "goal__version__plan__case")

# Which status an appointment may move to from which (finished appointments stay finished).
APPOINTMENT_MOVES: dict[str, frozenset[str]] = {
    AppointmentStatus.SCHEDULED: frozenset(
        {AppointmentStatus.DONE, AppointmentStatus.MISSED, AppointmentStatus.CANCELLED}
    ),
    AppointmentStatus.DONE: frozenset(),
    AppointmentStatus.MISSED: frozenset(),
    AppointmentStatus.CANCELLED: frozenset(),
}


def _duration_error(minutes: int | None) -> str | None:
    if minutes is None or not 1 <= minutes <= MAX_DURATION_MINUTES:
        return _("La durata va da 1 a %(max)d minuti.") % {"max": MAX_DURATION_MINUTES}
    return None


def _require_writer(actor: User, case: Case) -> None:
    perm.require_edit(perm.permissions_for(actor, case))


def _can_work_on(user: User, case: Case) -> bool:
    return perm.permissions_for(user, case).level >= perm.Level.FULL


def _plan_action_of_case(action_id: int, case: Case) -> bool:
    """Whether the plan action belongs to the case's plan.

    The plans app is referenced lazily (by id) so the two apps do not depend on each other's
    migrations; where its models are not there, any positive id is accepted.
    """
    if action_id < 1:
        return False
    try:
        action_model = apps.get_model("plans", "Action")
    except LookupError:
        return True
    actions = action_model._default_manager.filter(pk=action_id)
    for path in PLAN_ACTION_CASE_PATHS:
        try:
            return bool(actions.filter(**{path: case}).exists())
        except FieldError:
            continue
    return True


@transaction.atomic
def service_log(
    *,
    actor: User,
    case: Case,
    service_type: ServiceType,
    date: dt.date,
    duration_minutes: int,
    place: str,
    with_mediator: bool = False,
    language: Language | None = None,
    plan_action_id: int | None = None,
    notes: str = "",
    operator: User | None = None,
    mediator: User | None = None,
) -> ServiceDelivered:
    """Log a service delivered to the case's person.

    The date cannot be in the future, the duration is 1..600 minutes, the type must be
    active in the catalogue; the operator (the actor unless named) works on the case; a
    mediator is named only when the service was mediated.
    """
    _require_writer(actor, case)
    operator = operator or actor
    errors: dict[str, str] = {}
    if not service_type.active:
        errors["service_type"] = _("Questo tipo di prestazione non è più attivo.")
    if date > timezone.localdate():
        errors["date"] = _("La data non può essere nel futuro.")
    if date < case.opened_on:
        errors["date"] = _("La data è precedente all'apertura della presa in carico.")
    if message := _duration_error(duration_minutes):
        errors["duration_minutes"] = message
    if place not in Place.values:
        errors["place"] = _("Scegli un luogo dall'elenco.")
    if operator != actor and not _can_work_on(operator, case):
        errors["operator"] = _("L'operatore deve far parte dell'équipe del caso.")
    if mediator is not None and not with_mediator:
        errors["mediator"] = _("Indica il mediatore solo se la prestazione era mediata.")
    if with_mediator and language is None:
        errors["language"] = _("Indica la lingua usata con il mediatore.")
    if plan_action_id is not None and not _plan_action_of_case(plan_action_id, case):
        errors["plan_action_id"] = _("L'azione indicata non fa parte del PAI di questo caso.")
    if errors:
        raise ValidationError(errors)
    node = actor_node(actor, case)
    row = ServiceDelivered.objects.create(
        case=case,
        service_type=service_type,
        date=date,
        duration_minutes=duration_minutes,
        operator=operator,
        node=node,
        place=place,
        with_mediator=with_mediator,
        mediator=mediator,
        language=language,
        plan_action_id=plan_action_id,
        notes=notes.strip(),
        recorded_by=actor,
    )
    summary = _("%(type)s, %(minutes)d min") % {
        "type": service_type.name_it,
        "minutes": duration_minutes,
    }
    timeline_add(case=case, actor=actor, kind=EventKind.SERVICE, summary=summary, node=node)
    record(
        actor=actor,
        action="interventions.service.logged",
        target=row,
        node_id=case.hub_id,
        data={"type": service_type.code, "date": date.isoformat(), "minutes": duration_minutes},
    )
    return row


@transaction.atomic
def service_cancel(
    *, actor: User, service: ServiceDelivered, reason: str, expected_version: int
) -> ServiceDelivered:
    """Cancel a service logged by mistake. The row stays (struck through), with the reason."""
    case = service.case
    _require_writer(actor, case)
    if service.is_cancelled:
        raise ValidationError(_("La prestazione è già stata annullata."), code="cancelled")
    if not reason.strip():
        raise ValidationError({"reason": _("Scrivi perché la prestazione viene annullata.")})
    service.cancelled_at = timezone.now()
    service.cancelled_by = actor
    service.cancel_reason = reason.strip()
    save_if_version(
        service,
        expected_version=expected_version,
        fields=["cancelled_at", "cancelled_by", "cancel_reason"],
    )
    timeline_add(
        case=case,
        actor=actor,
        kind=EventKind.SERVICE,
        summary=_("Annullata: %(type)s del %(date)s")
        % {"type": service.service_type.name_it, "date": formats.date_format(service.date)},
        node=actor_node(actor, case),
    )
    record(
        actor=actor,
        action="interventions.service.cancelled",
        target=service,
        changes={"cancel_reason": ("", service.cancel_reason)},
        node_id=case.hub_id,
    )
    return service


@transaction.atomic
def appointment_schedule(
    *,
    actor: User,
    case: Case,
    starts_at: dt.datetime,
    purpose: str,
    place: str,
    duration_minutes: int = 60,
    operator: User | None = None,
    external_place: str = "",
    needs_mediator: bool = False,
    language: Language | None = None,
    remind_at: dt.datetime | None = None,
) -> Appointment:
    """Schedule an appointment. It starts in the future; the reminder, when set, comes before
    it and not in the past; an appointment at an external service names the place."""
    _require_writer(actor, case)
    operator = operator or actor
    now = timezone.now()
    errors: dict[str, str] = {}
    if starts_at <= now:
        errors["starts_at"] = _("L'appuntamento deve essere nel futuro.")
    if remind_at is not None:
        if remind_at >= starts_at:
            errors["remind_at"] = _("Il promemoria deve arrivare prima dell'appuntamento.")
        elif remind_at < now - dt.timedelta(minutes=5):
            errors["remind_at"] = _("Il promemoria non può essere nel passato.")
    if message := _duration_error(duration_minutes):
        errors["duration_minutes"] = message
    if not purpose.strip():
        errors["purpose"] = _("Scrivi il motivo dell'appuntamento.")
    if place not in AppointmentPlace.values:
        errors["place"] = _("Scegli un luogo dall'elenco.")
    elif place == AppointmentPlace.EXTERNAL and not external_place.strip():
        errors["external_place"] = _("Indica il servizio esterno o l'indirizzo.")
    if needs_mediator and language is None:
        errors["language"] = _("Indica la lingua per cui serve il mediatore.")
    if operator != actor and not _can_work_on(operator, case):
        errors["operator"] = _("L'operatore deve far parte dell'équipe del caso.")
    if errors:
        raise ValidationError(errors)
    node = actor_node(actor, case)
    row = Appointment.objects.create(
        case=case,
        node=node,
        starts_at=starts_at,
        duration_minutes=duration_minutes,
        operator=operator,
        place=place,
        external_place=external_place.strip(),
        purpose=purpose.strip(),
        needs_mediator=needs_mediator,
        language=language,
        remind_at=remind_at,
        created_by=actor,
    )
    when = formats.date_format(timezone.localtime(starts_at), "SHORT_DATETIME_FORMAT")
    timeline_add(
        case=case,
        actor=actor,
        kind=EventKind.APPOINTMENT,
        summary=_("Fissato per il %(when)s: %(purpose)s") % {"when": when, "purpose": row.purpose},
        node=node,
    )
    record(
        actor=actor,
        action="interventions.appointment.scheduled",
        target=row,
        node_id=case.hub_id,
        data={"starts_at": starts_at.isoformat(), "operator": operator.pk},
    )
    return row


@transaction.atomic
def appointment_set_status(
    *,
    actor: User,
    appointment: Appointment,
    status: str,
    expected_version: int,
    note: str = "",
) -> Appointment:
    """Close a scheduled appointment as done, missed or cancelled (a scheduled one only).

    Done and missed are for appointments whose time has come; a cancelled one needs no reason
    but keeps the note given.
    """
    case = appointment.case
    _require_writer(actor, case)
    old = appointment.status
    if status not in APPOINTMENT_MOVES.get(old, frozenset()):
        raise ValidationError(
            {"status": _("Un appuntamento già concluso non cambia più stato.")}, code="finished"
        )
    if status in (AppointmentStatus.DONE, AppointmentStatus.MISSED) and (
        timezone.localdate(appointment.starts_at) > timezone.localdate()
    ):
        raise ValidationError({"status": _("L'appuntamento non c'è ancora stato.")})
    appointment.status = status
    appointment.status_note = note.strip()[:300]
    save_if_version(
        appointment, expected_version=expected_version, fields=["status", "status_note"]
    )
    timeline_add(
        case=case,
        actor=actor,
        kind=EventKind.APPOINTMENT,
        summary=f"{appointment.get_status_display()}: {appointment.purpose}",
        node=actor_node(actor, case),
    )
    record(
        actor=actor,
        action=f"interventions.appointment.{status}",
        target=appointment,
        changes={"status": (old, status)},
        node_id=case.hub_id,
    )
    return appointment


def _reminder_text(appointment: Appointment) -> tuple[str, str]:
    # E-mail leaves the system: the case reference, never the person's name or the purpose.
    with translation.override("it"):
        when = formats.date_format(
            timezone.localtime(appointment.starts_at), "SHORT_DATETIME_FORMAT"
        )
        subject = _("Promemoria: appuntamento del %(when)s") % {"when": when}
        link = reverse("interventions:case", args=[appointment.case_id])
        body = _(
            "Buongiorno,\n\nti ricordiamo l'appuntamento del %(when)s per la presa in carico "
            "%(reference)s (%(place)s).\n\nI dettagli sono in Approdo: %(link)s\n"
        ) % {
            "when": when,
            "reference": appointment.case.reference,
            "place": appointment.get_place_display(),
            "link": f"{getattr(settings, 'SITE_URL', '')}{link}",
        }
    return subject, body


def send_due_reminders(now: dt.datetime | None = None) -> int:
    """E-mail the operator of every scheduled appointment whose reminder is due; return how
    many were sent.

    Each reminder is claimed with a conditional UPDATE (reminded_at still empty), so several
    workers running at once never send the same reminder twice.
    """
    now = now or timezone.now()
    due = Appointment.objects.filter(
        status=AppointmentStatus.SCHEDULED,
        remind_at__lte=now,
        reminded_at__isnull=True,
        starts_at__gt=now,
    ).values_list("pk", flat=True)
    sent = 0
    for pk in list(due):
        claimed = Appointment.objects.filter(pk=pk, reminded_at__isnull=True).update(
            reminded_at=now
        )
        if not claimed:
            continue
        appointment = Appointment.objects.select_related("case", "operator").get(pk=pk)
        if not appointment.operator.email:
            continue
        subject, body = _reminder_text(appointment)
        try:
            send_mail(subject, body, None, [appointment.operator.email])
        except OSError:
            # Claimed but not delivered: log it rather than risk sending twice.
            logger.exception("Reminder e-mail for appointment %s failed", pk)
            continue
        sent += 1
    return sent
