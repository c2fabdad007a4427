"""Registration and appointment services: the DID and pact rules, the stale edit refused, the
reminder task put in the case and done with the outcome, outsiders refused, and the database
refusing bad rows by itself."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from approdo.audit.models import AuditEvent
from approdo.cases.models import CaseEvent, CaseTask
from approdo.core.concurrency import StaleEditError
from approdo.jobcentres import services
from approdo.jobcentres.models import (
    Appointment,
    AppointmentPurpose,
    AppointmentStatus,
    DidStatus,
    JobCentreMunicipality,
    Registration,
)
from approdo.jobcentres.tests.factories import (
    CentreWorld,
    at,
    day,
    make_centre_world,
    register,
    schedule,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def cw() -> CentreWorld:
    return make_centre_world()


def _errors(exc: pytest.ExceptionInfo[ValidationError]) -> dict[str, list[str]]:
    return exc.value.message_dict


# --- registration -------------------------------------------------------------------------------
def test_registration_created_then_updated_with_the_version_and_audited(cw: CentreWorld):
    row = register(cw)
    assert row.version == 1 and row.job_centre == cw.foggia and row.updated_by == cw.w.manager
    assert AuditEvent.objects.filter(action="jobcentres.registration.created").count() == 1
    services.registration_save(
        actor=cw.w.coordinator,
        case=cw.w.case,
        expected_version=1,
        did_status=DidStatus.SUSPENDED,
        job_centre=cw.foggia,
        did_date=day(-30),
        status_changed_on=day(-2),
    )
    row.refresh_from_db()
    assert row.did_status == DidStatus.SUSPENDED and row.version == 2
    assert row.pact_signed_on is None and row.updated_by == cw.w.coordinator
    event = AuditEvent.objects.get(action="jobcentres.registration.updated")
    assert "did_status" in event.changes


def test_stale_registration_is_refused_and_nothing_changes(cw: CentreWorld):
    register(cw)
    with pytest.raises(StaleEditError):
        register(cw, notes="creata in un'altra scheda")  # version 0, but it exists now
    with pytest.raises(StaleEditError):
        services.registration_save(
            actor=cw.w.manager,
            case=cw.w.case,
            expected_version=7,
            did_status=DidStatus.LAPSED,
            job_centre=cw.foggia,
            did_date=day(-30),
        )
    row = Registration.objects.get()
    assert row.did_status == DidStatus.REGISTERED and row.version == 1 and row.notes == ""


@pytest.mark.parametrize(
    ("values", "field", "message"),
    [
        ({"did_date": None, "pact_signed_on": None}, "did_date", "obbligatoria"),
        ({"did_date": day(1), "pact_signed_on": None}, "did_date", "nel futuro"),
        ({"pact_signed_on": day(-40)}, "pact_signed_on", "non può precedere la DID"),
        ({"pact_signed_on": day(2)}, "pact_signed_on", "nel futuro"),
        ({"did_status": DidStatus.LAPSED, "did_date": None}, "pact_signed_on", "data della DID"),
        ({"job_centre": None}, "job_centre", "Indica il centro"),
        ({"status_changed_on": day(-1)}, "status_changed_on", "sospesa o decaduta"),
        (
            {"did_status": DidStatus.LAPSED, "status_changed_on": day(-31)},
            "status_changed_on",
            "prima di essere resa",
        ),
        (
            {"did_status": DidStatus.NOT_REGISTERED, "pact_signed_on": None},
            "did_date",
            "non iscritta",
        ),
    ],
)
def test_registration_rules(cw: CentreWorld, values: dict[str, object], field: str, message: str):
    with pytest.raises(ValidationError) as exc:
        register(cw, **values)
    assert message in " ".join(_errors(exc)[field])
    assert not Registration.objects.exists()


def test_a_closed_cpi_is_refused_for_a_new_registration(cw: CentreWorld):
    with pytest.raises(ValidationError) as exc:
        register(cw, job_centre=cw.closed)
    assert "non è più attivo" in _errors(exc)["job_centre"][0]


def test_not_registered_may_name_the_cpi_they_belong_to(cw: CentreWorld):
    row = register(cw, did_status=DidStatus.NOT_REGISTERED, did_date=None, pact_signed_on=None)
    assert row.job_centre == cw.foggia and row.did_date is None


def test_outsiders_and_monitors_cannot_register(cw: CentreWorld):
    for user in (cw.w.other_body, cw.w.monitor, cw.w.colleague):
        with pytest.raises(PermissionDenied):
            services.registration_save(
                actor=user,
                case=cw.w.case,
                expected_version=0,
                did_status=DidStatus.NOT_REGISTERED,
            )
    assert not Registration.objects.exists()


def test_database_refuses_bad_registrations(cw: CentreWorld):
    base: dict[str, Any] = {
        "person": cw.w.person,
        "updated_by": cw.w.manager,
        "job_centre": cw.foggia,
    }
    bad_rows: list[dict[str, Any]] = [
        {"did_status": DidStatus.REGISTERED},  # no DID date
        {"did_status": DidStatus.REGISTERED, "did_date": day(-5), "pact_signed_on": day(-9)},
        {"did_status": DidStatus.NOT_REGISTERED, "did_date": day(-5)},
        {"did_status": DidStatus.REGISTERED, "did_date": day(-5), "job_centre": None},
        {"did_status": "bogus"},
    ]
    for values in bad_rows:
        with pytest.raises(IntegrityError), transaction.atomic():
            Registration.objects.create(**{**base, **values})
    with pytest.raises(IntegrityError), transaction.atomic():
        # A municipality belongs to one CPI only.
        JobCentreMunicipality.objects.create(
            job_centre=cw.ragusa, municipality=cw.w.hub_a.municipality
        )


# --- appointments -------------------------------------------------------------------------------
def test_scheduling_puts_a_reminder_for_whoever_accompanies(cw: CentreWorld):
    row = schedule(cw, 5, accompanied_by=cw.w.legal, purpose=AppointmentPurpose.DID)
    task = CaseTask.objects.get(pk=row.task_id)
    assert task.case == cw.w.case and task.assignee == cw.w.legal
    assert task.due_on == day(5) and task.remind_on == day(4)
    assert "Centro per l'Impiego di Foggia" in task.title and task.done_at is None
    assert row.node == cw.w.hub_a and row.status == AppointmentStatus.SCHEDULED
    assert CaseEvent.objects.filter(case=cw.w.case, kind="appointment").exists()
    assert AuditEvent.objects.filter(action="jobcentres.appointment.scheduled").exists()
    alone = schedule(cw, 1)
    assert CaseTask.objects.get(pk=alone.task_id).assignee == cw.w.manager


def test_scheduling_refusals(cw: CentreWorld):
    cases: list[tuple[dict[str, object], str, str]] = [
        ({"starts_at": at(-1)}, "starts_at", "nel passato"),
        ({"purpose": AppointmentPurpose.OTHER}, "details", "Scrivi il motivo"),
        ({"job_centre": cw.closed}, "job_centre", "non è più attivo"),
        ({"accompanied_by": cw.w.colleague}, "accompanied_by", "équipe del caso"),
    ]
    for values, field, message in cases:
        with pytest.raises(ValidationError) as exc:
            schedule(cw, 3, **values)
        assert message in " ".join(_errors(exc)[field])
    with pytest.raises(PermissionDenied):
        services.appointment_schedule(
            actor=cw.w.other_body,
            case=cw.w.case,
            job_centre=cw.foggia,
            starts_at=at(2),
            purpose=AppointmentPurpose.DID,
        )
    assert not Appointment.objects.exists() and not CaseTask.objects.exists()


def test_outcome_of_a_future_appointment_is_refused(cw: CentreWorld):
    row = schedule(cw, 2)
    with pytest.raises(ValidationError) as exc:
        services.appointment_record_outcome(
            actor=cw.w.manager,
            appointment=row,
            status=AppointmentStatus.ATTENDED,
            expected_version=row.version,
        )
    assert "non c'è ancora stato" in _errors(exc)["status"][0]
    row.refresh_from_db()
    assert row.status == AppointmentStatus.SCHEDULED and row.closed_at is None


def test_outcome_closes_the_appointment_and_its_reminder(cw: CentreWorld):
    row = schedule(cw, -2)
    services.appointment_record_outcome(
        actor=cw.w.manager,
        appointment=row,
        status=AppointmentStatus.MISSED,
        outcome_notes="  Era al lavoro.  ",
        expected_version=row.version,
    )
    row.refresh_from_db()
    assert row.status == AppointmentStatus.MISSED and row.outcome_notes == "Era al lavoro."
    assert row.closed_by == cw.w.manager and row.closed_at is not None
    assert CaseTask.objects.get(pk=row.task_id).done_at is not None
    assert AuditEvent.objects.filter(action="jobcentres.appointment.missed").exists()
    with pytest.raises(ValidationError) as exc:  # an outcome is recorded once
        services.appointment_record_outcome(
            actor=cw.w.manager,
            appointment=row,
            status=AppointmentStatus.ATTENDED,
            expected_version=row.version,
        )
    assert "già registrato" in _errors(exc)["status"][0]


def test_stale_outcome_is_refused(cw: CentreWorld):
    row = schedule(cw, -1)
    with pytest.raises(StaleEditError):
        services.appointment_record_outcome(
            actor=cw.w.manager,
            appointment=row,
            status=AppointmentStatus.ATTENDED,
            expected_version=row.version + 3,
        )
    assert Appointment.objects.get().status == AppointmentStatus.SCHEDULED


def test_cancel_needs_a_reason_and_finishes_the_reminder(cw: CentreWorld):
    row = schedule(cw, 4)
    with pytest.raises(ValidationError) as exc:
        services.appointment_cancel(
            actor=cw.w.manager, appointment=row, reason=" ", expected_version=row.version
        )
    assert "perché" in _errors(exc)["reason"][0]
    services.appointment_cancel(
        actor=cw.w.coordinator,
        appointment=row,
        reason="Il CPI ha spostato l'appuntamento.",
        expected_version=row.version,
    )
    row.refresh_from_db()
    assert row.status == AppointmentStatus.CANCELLED
    assert CaseTask.objects.get(pk=row.task_id).done_at is not None


def test_database_refuses_bad_appointments(cw: CentreWorld):
    base: dict[str, Any] = {
        "case": cw.w.case,
        "node": cw.w.hub_a,
        "job_centre": cw.foggia,
        "starts_at": at(3),
        "purpose": AppointmentPurpose.DID,
        "created_by": cw.w.manager,
    }
    now = timezone.now()
    bad_rows: list[dict[str, Any]] = [
        {"purpose": AppointmentPurpose.OTHER},  # other, unexplained
        {"status": AppointmentStatus.ATTENDED},  # an outcome without its date
        {"status": AppointmentStatus.CANCELLED, "closed_at": now},  # cancelled without reason
        {"closed_at": now},  # still scheduled, yet closed
    ]
    for values in bad_rows:
        with pytest.raises(IntegrityError), transaction.atomic():
            Appointment.objects.create(**{**base, **values})
