"""Writes of registrations at the job centre and of appointments there, through a case the
actor may edit, each audited in the same transaction.

Rules: a registered person has a DID date; no DID, pact or change of status is dated in the
future; the pact is not signed before the DID; a DID names its CPI. An appointment is fixed
in the future at an active CPI and puts a reminder task on the day in the case (for whoever
accompanies the person, else for who fixed it); its outcome is recorded once its time has
come, and the reminder is then done.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from approdo.accounts.models import User
from approdo.audit.services import record
from approdo.cases import services as case_services
from approdo.cases.models import Case, CaseTask, EventKind
from approdo.cases.permissions import Level, permissions_for
from approdo.core.concurrency import save_if_version
from approdo.jobcentres.models import (
    DID_ENDED,
    OUTCOMES,
    Appointment,
    AppointmentPurpose,
    AppointmentStatus,
    DidStatus,
    JobCentre,
    ProfilingClass,
    Registration,
)
from approdo.people.models import Person

REGISTRATION_FIELDS = [
    "job_centre",
    "did_status",
    "did_date",
    "status_changed_on",
    "pact_signed_on",
    "profiling_class",
    "siu_reference",
    "notes",
]


def _editable_person(actor: User, case: Case) -> Person:
    """The case's person, locked, if the actor may edit the case."""
    if not permissions_for(actor, case).can_edit:
        raise PermissionDenied
    if case.person_id is None:
        raise ValidationError(_("Registra prima la persona."), code="needs_person")
    return Person.objects.select_for_update().get(pk=case.person_id)


def _day(value: dt.date) -> str:
    return formats.date_format(value, "SHORT_DATE_FORMAT")


def _registration_errors(
    *,
    job_centre: JobCentre | None,
    did_status: str,
    did_date: dt.date | None,
    status_changed_on: dt.date | None,
    pact_signed_on: dt.date | None,
    profiling_class: str,
    today: dt.date,
    current_centre_id: int | None,
) -> dict[str, str]:
    errors: dict[str, str] = {}
    if did_status not in DidStatus.values:
        errors["did_status"] = _("Scegli uno stato dall'elenco.")
        return errors
    if profiling_class and profiling_class not in ProfilingClass.values:
        errors["profiling_class"] = _("Scegli un percorso dall'elenco.")
    if job_centre is None and did_status != DidStatus.NOT_REGISTERED:
        errors["job_centre"] = _("Indica il centro per l'impiego presso cui è stata resa la DID.")
    elif job_centre is not None and not job_centre.active and job_centre.pk != current_centre_id:
        errors["job_centre"] = _("Questo centro per l'impiego non è più attivo.")
    if did_status == DidStatus.NOT_REGISTERED:
        if did_date is not None:
            errors["did_date"] = _("Una persona non iscritta non ha una DID: togli la data.")
        if pact_signed_on is not None:
            errors["pact_signed_on"] = _("Senza DID non c'è un patto di servizio: togli la data.")
    elif did_status == DidStatus.REGISTERED and did_date is None:
        errors["did_date"] = _("Per una persona iscritta la data della DID è obbligatoria.")
    for field, value in (
        ("did_date", did_date),
        ("status_changed_on", status_changed_on),
        ("pact_signed_on", pact_signed_on),
    ):
        if value is not None and value > today and field not in errors:
            errors[field] = _("La data non può essere nel futuro.")
    if pact_signed_on is not None and "pact_signed_on" not in errors:
        if did_date is None:
            errors["pact_signed_on"] = _("Indica anche la data della DID: il patto viene dopo.")
        elif pact_signed_on < did_date:
            errors["pact_signed_on"] = _(
                "Il patto di servizio non può precedere la DID (resa il %(day)s)."
            ) % {"day": _day(did_date)}
    if status_changed_on is not None and "status_changed_on" not in errors:
        if did_status not in DID_ENDED:
            errors["status_changed_on"] = _("Solo per una DID sospesa o decaduta.")
        elif did_date is not None and status_changed_on < did_date:
            errors["status_changed_on"] = _("La DID non può cambiare stato prima di essere resa.")
    return errors


@transaction.atomic
def registration_save(
    *,
    actor: User,
    case: Case,
    expected_version: int,
    did_status: str,
    job_centre: JobCentre | None = None,
    did_date: dt.date | None = None,
    status_changed_on: dt.date | None = None,
    pact_signed_on: dt.date | None = None,
    profiling_class: str = "",
    siu_reference: str = "",
    notes: str = "",
    today: dt.date | None = None,
) -> Registration:
    """Create the person's registration (expected_version 0) or update it if nobody changed
    it since; see the module's rules."""
    person = _editable_person(actor, case)
    existing = Registration.objects.filter(person=person).first()
    errors = _registration_errors(
        job_centre=job_centre,
        did_status=did_status,
        did_date=did_date,
        status_changed_on=status_changed_on,
        pact_signed_on=pact_signed_on,
        profiling_class=profiling_class,
        today=today or timezone.localdate(),
        current_centre_id=existing.job_centre_id if existing else None,
    )
    if errors:
        raise ValidationError(errors)
    values: dict[str, Any] = {
        "job_centre": job_centre,
        "did_status": did_status,
        "did_date": did_date,
        "status_changed_on": status_changed_on,
        "pact_signed_on": pact_signed_on,
        "profiling_class": profiling_class,
        "siu_reference": siu_reference.strip(),
        "notes": notes.strip(),
    }
    if existing is None:
        if expected_version != 0:
            raise ValidationError(_("L'iscrizione non esiste più: ricarica la pagina."), "stale")
        registration = Registration(person=person, updated_by=actor, **values)
        registration.full_clean(exclude=["person", "updated_by"], validate_unique=False)
        registration.save()
        action, changes = "created", {k: (None, v) for k, v in values.items()}
    else:
        registration = existing
        changes = {
            k: (getattr(registration, k), v)
            for k, v in values.items()
            if getattr(registration, k) != v
        }
        for key, value in values.items():
            setattr(registration, key, value)
        registration.updated_by = actor
        registration.full_clean(exclude=["person", "updated_by"], validate_unique=False)
        # Someone created it while this form was open: version 0 is stale too.
        save_if_version(
            registration,
            expected_version=expected_version or -1,
            fields=[*REGISTRATION_FIELDS, "updated_by"],
        )
        action = "updated"
    record(
        actor=actor,
        action=f"jobcentres.registration.{action}",
        target=registration,
        changes=changes,
        node_id=case.hub_id,
        data={"case": case.pk},
    )
    return registration


def _purpose_title(centre: JobCentre, purpose: str, details: str) -> str:
    label = str(AppointmentPurpose(purpose).label)
    what = f"{label}: {details}" if details else label
    return _("Appuntamento al %(centre)s – %(what)s") % {"centre": centre.name, "what": what}


@transaction.atomic
def appointment_schedule(
    *,
    actor: User,
    case: Case,
    job_centre: JobCentre,
    starts_at: dt.datetime,
    purpose: str,
    details: str = "",
    accompanied_by: User | None = None,
    now: dt.datetime | None = None,
) -> Appointment:
    """Fix an appointment at an active CPI, in the future; a reminder task for the day goes
    to whoever accompanies the person (a member of the case's team), else to the actor.

    `now` lets the demo write appointments fixed in the past; pages and the API never pass it.
    """
    _editable_person(actor, case)
    moment = now or timezone.now()
    details = details.strip()
    errors: dict[str, str] = {}
    if starts_at <= moment:
        errors["starts_at"] = _("Non si può fissare un appuntamento nel passato.")
    if purpose not in AppointmentPurpose.values:
        errors["purpose"] = _("Scegli un motivo dall'elenco.")
    elif purpose == AppointmentPurpose.OTHER and not details:
        errors["details"] = _("Scrivi il motivo dell'appuntamento.")
    if not job_centre.active:
        errors["job_centre"] = _("Questo centro per l'impiego non è più attivo.")
    if accompanied_by is not None and permissions_for(accompanied_by, case).level < Level.FULL:
        errors["accompanied_by"] = _("Chi accompagna deve far parte dell'équipe del caso.")
    if errors:
        raise ValidationError(errors)
    day = timezone.localdate(starts_at)
    today = timezone.localdate(moment)
    task = case_services.task_add(
        actor=actor,
        case=case,
        title=_purpose_title(job_centre, purpose, details)[:200],
        assignee=accompanied_by or actor,
        due_on=day,
        # The day before, so there is time to remind the person and book the transport.
        remind_on=max(today, day - dt.timedelta(days=1)),
        details=_("Alle %(time)s.") % {"time": formats.time_format(timezone.localtime(starts_at))},
    )
    node = case_services.actor_node(actor, case)
    appointment = Appointment.objects.create(
        case=case,
        node=node,
        job_centre=job_centre,
        starts_at=starts_at,
        purpose=purpose,
        details=details,
        accompanied_by=accompanied_by,
        task=task,
        created_by=actor,
    )
    when = formats.date_format(timezone.localtime(starts_at), "SHORT_DATETIME_FORMAT")
    case_services.timeline_add(
        case=case,
        actor=actor,
        kind=EventKind.APPOINTMENT,
        summary=_("Fissato per il %(when)s al %(centre)s: %(purpose)s")
        % {"when": when, "centre": job_centre.name, "purpose": appointment.purpose_label},
        node=node,
    )
    record(
        actor=actor,
        action="jobcentres.appointment.scheduled",
        target=appointment,
        node_id=case.hub_id,
        data={
            "case": case.pk,
            "job_centre": job_centre.code,
            "starts_at": starts_at.isoformat(),
            "purpose": purpose,
            "task": task.pk,
        },
    )
    return appointment


def _close(
    *,
    actor: User,
    appointment: Appointment,
    status: str,
    notes: str,
    expected_version: int,
) -> Appointment:
    """Write the closing status, finish the reminder, note it in the timeline, audit it."""
    case = appointment.case
    old = appointment.status
    appointment.status = status
    appointment.outcome_notes = notes
    appointment.closed_at = timezone.now()
    appointment.closed_by = actor
    save_if_version(
        appointment,
        expected_version=expected_version,
        fields=["status", "outcome_notes", "closed_at", "closed_by"],
    )
    task = (
        CaseTask.objects.filter(pk=appointment.task_id, done_at__isnull=True).first()
        if appointment.task_id is not None
        else None
    )
    if task is not None:
        case_services.task_complete(actor=actor, task=task, expected_version=task.version)
    case_services.timeline_add(
        case=case,
        actor=actor,
        kind=EventKind.APPOINTMENT,
        summary=f"{appointment.get_status_display()}: {appointment.job_centre.name}, "
        f"{appointment.purpose_label}",
        node=case_services.actor_node(actor, case),
    )
    record(
        actor=actor,
        action=f"jobcentres.appointment.{status}",
        target=appointment,
        changes={"status": (old, status)},
        node_id=case.hub_id,
        data={"case": case.pk},
    )
    return appointment


def _editable_appointment(actor: User, appointment: Appointment) -> None:
    if not permissions_for(actor, appointment.case).can_edit:
        raise PermissionDenied
    if appointment.status != AppointmentStatus.SCHEDULED:
        raise ValidationError(
            {"status": _("L'esito di questo appuntamento è già registrato.")}, code="closed"
        )


@transaction.atomic
def appointment_record_outcome(
    *,
    actor: User,
    appointment: Appointment,
    status: str,
    expected_version: int,
    outcome_notes: str = "",
    now: dt.datetime | None = None,
) -> Appointment:
    """Record that the person went (attended) or did not (missed), once the time has come."""
    _editable_appointment(actor, appointment)
    if status not in OUTCOMES:
        raise ValidationError({"status": _("L'esito è «svolto» o «mancato».")})
    if appointment.starts_at > (now or timezone.now()):
        raise ValidationError(
            {"status": _("L'appuntamento non c'è ancora stato: l'esito si registra dopo.")},
            code="future",
        )
    return _close(
        actor=actor,
        appointment=appointment,
        status=status,
        notes=outcome_notes.strip(),
        expected_version=expected_version,
    )


@transaction.atomic
def appointment_cancel(
    *, actor: User, appointment: Appointment, reason: str, expected_version: int
) -> Appointment:
    """Cancel a scheduled appointment, saying why (the CPI moved it, the person found work…)."""
    _editable_appointment(actor, appointment)
    if not reason.strip():
        raise ValidationError({"reason": _("Scrivi perché l'appuntamento è annullato.")})
    return _close(
        actor=actor,
        appointment=appointment,
        status=AppointmentStatus.CANCELLED,
        notes=reason.strip(),
        expected_version=expected_version,
    )
