"""Services of the interventions app: rules, timeline, audit, concurrency, reminders."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from approdo.audit.models import AuditEvent
from approdo.cases.models import CaseEvent, EventKind
from approdo.cases.tests.factories import CaseWorld, make_case_world
from approdo.core.concurrency import StaleEditError
from approdo.interventions import selectors, services
from approdo.interventions.catalogue import SERVICE_TYPES
from approdo.interventions.models import (
    Appointment,
    AppointmentPlace,
    AppointmentStatus,
    ServiceDelivered,
    ServiceType,
)
from approdo.interventions.tests.factories import log_service, schedule, service_type

pytestmark = pytest.mark.django_db


@pytest.fixture
def world() -> CaseWorld:
    return make_case_world()


def test_catalogue_is_seeded_with_areas() -> None:
    codes = set(ServiceType.objects.values_list("code", flat=True))
    assert {code for code, *_rest in SERVICE_TYPES} <= codes
    assert len(SERVICE_TYPES) >= 25
    assert ServiceType.objects.get(code="cpi_registration").area.code == "training_work"


def test_log_service_writes_row_timeline_and_audit(world: CaseWorld) -> None:
    row = log_service(world.manager, world.case, with_mediator=True, language=world.arabic)
    assert row.operator == world.manager
    assert row.node == world.hub_a
    assert row.language == world.arabic
    event = CaseEvent.objects.filter(case=world.case, kind=EventKind.SERVICE).get()
    assert "Consulenza legale" in event.summary
    assert AuditEvent.objects.filter(action="interventions.service.logged").count() == 1


def test_future_date_is_refused_on_the_field(world: CaseWorld) -> None:
    with pytest.raises(ValidationError) as exc:
        log_service(world.manager, world.case, date=timezone.localdate() + dt.timedelta(days=1))
    assert "date" in exc.value.error_dict
    assert not ServiceDelivered.objects.exists()


@pytest.mark.parametrize("minutes", [0, 601])
def test_duration_out_of_bounds_is_refused(world: CaseWorld, minutes: int) -> None:
    with pytest.raises(ValidationError) as exc:
        log_service(world.manager, world.case, duration_minutes=minutes)
    assert "duration_minutes" in exc.value.error_dict


@pytest.mark.parametrize("minutes", [1, 600])
def test_duration_bounds_are_accepted(world: CaseWorld, minutes: int) -> None:
    assert log_service(world.manager, world.case, duration_minutes=minutes).pk


def test_inactive_type_and_mediator_rules(world: CaseWorld) -> None:
    old = service_type(code="old_type", area="legal", active=False)
    with pytest.raises(ValidationError) as exc:
        log_service(world.manager, world.case, service_type=old, mediator=world.legal)
    assert {"service_type", "mediator"} <= set(exc.value.error_dict)
    with pytest.raises(ValidationError) as exc:
        log_service(world.manager, world.case, with_mediator=True)
    assert "language" in exc.value.error_dict


def test_operator_must_be_on_the_team(world: CaseWorld) -> None:
    with pytest.raises(ValidationError) as exc:
        log_service(world.manager, world.case, operator=world.colleague)
    assert "operator" in exc.value.error_dict
    assert log_service(world.manager, world.case, operator=world.legal).operator == world.legal


def test_outsiders_cannot_log(world: CaseWorld) -> None:
    for user in (world.colleague, world.monitor):
        with pytest.raises(PermissionDenied):
            log_service(user, world.case)
    assert log_service(world.coordinator, world.case).pk


def test_cancel_keeps_the_row_with_reason(world: CaseWorld) -> None:
    row = log_service(world.manager, world.case)
    services.service_cancel(
        actor=world.manager, service=row, reason="Registrata due volte", expected_version=1
    )
    row.refresh_from_db()
    assert ServiceDelivered.objects.count() == 1
    assert row.is_cancelled and row.cancel_reason == "Registrata due volte"
    assert row.cancelled_by == world.manager
    assert AuditEvent.objects.filter(action="interventions.service.cancelled").exists()
    with pytest.raises(ValidationError):
        services.service_cancel(actor=world.manager, service=row, reason="x", expected_version=2)


def test_cancel_needs_a_reason_and_a_fresh_version(world: CaseWorld) -> None:
    row = log_service(world.manager, world.case)
    with pytest.raises(ValidationError) as exc:
        services.service_cancel(actor=world.manager, service=row, reason=" ", expected_version=1)
    assert "reason" in exc.value.error_dict
    with pytest.raises(StaleEditError):
        services.service_cancel(actor=world.manager, service=row, reason="x", expected_version=7)
    row.refresh_from_db()
    assert not row.is_cancelled


def test_totals_by_area_skip_cancelled(world: CaseWorld) -> None:
    log_service(world.manager, world.case, duration_minutes=90)
    log_service(world.manager, world.case, duration_minutes=30)
    gone = log_service(world.manager, world.case, duration_minutes=300)
    services.service_cancel(actor=world.manager, service=gone, reason="Errore", expected_version=1)
    from approdo.cases.permissions import permissions_for

    [total] = selectors.service_totals(permissions_for(world.manager, world.case))
    assert (total.area.code, total.count, total.hours) == ("legal", 2, 2.0)


def test_schedule_appointment_rules(world: CaseWorld) -> None:
    now = timezone.now()
    with pytest.raises(ValidationError) as exc:
        schedule(
            world.manager,
            world.case,
            starts_at=now - dt.timedelta(hours=1),
            place=AppointmentPlace.EXTERNAL,
            needs_mediator=True,
        )
    assert {"starts_at", "external_place", "language"} <= set(exc.value.error_dict)
    start = now + dt.timedelta(days=1)
    with pytest.raises(ValidationError) as exc:
        schedule(world.manager, world.case, starts_at=start, remind_at=start)
    assert "remind_at" in exc.value.error_dict
    row = schedule(world.manager, world.case, remind_at=now + dt.timedelta(hours=1))
    assert row.status == AppointmentStatus.SCHEDULED
    assert CaseEvent.objects.filter(case=world.case, kind=EventKind.APPOINTMENT).exists()
    assert AuditEvent.objects.filter(action="interventions.appointment.scheduled").exists()


def test_status_moves_once_and_refuses_stale(world: CaseWorld) -> None:
    row = schedule(world.manager, world.case)
    Appointment.objects.filter(pk=row.pk).update(starts_at=timezone.now() - dt.timedelta(hours=1))
    row.refresh_from_db()
    with pytest.raises(StaleEditError):
        services.appointment_set_status(
            actor=world.manager, appointment=row, status="done", expected_version=9
        )
    row.refresh_from_db()
    assert row.status == AppointmentStatus.SCHEDULED
    services.appointment_set_status(
        actor=world.manager, appointment=row, status="done", expected_version=1
    )
    row.refresh_from_db()
    assert row.status == AppointmentStatus.DONE
    assert AuditEvent.objects.filter(action="interventions.appointment.done").exists()
    with pytest.raises(ValidationError):
        services.appointment_set_status(
            actor=world.manager, appointment=row, status="missed", expected_version=2
        )


def test_future_appointment_cannot_be_done(world: CaseWorld) -> None:
    row = schedule(world.manager, world.case, starts_at=timezone.now() + dt.timedelta(days=3))
    with pytest.raises(ValidationError) as exc:
        services.appointment_set_status(
            actor=world.manager, appointment=row, status="done", expected_version=1
        )
    assert "status" in exc.value.error_dict


def test_reminders_are_sent_once(world: CaseWorld) -> None:
    world.manager.email = "manager@psi.example"
    world.manager.save(update_fields=["email"])
    now = timezone.now()
    due = schedule(world.manager, world.case, remind_at=now + dt.timedelta(minutes=1))
    schedule(world.manager, world.case, remind_at=now + dt.timedelta(days=1))  # not yet due
    gone = schedule(world.manager, world.case, remind_at=now + dt.timedelta(minutes=1))
    gone.status = AppointmentStatus.CANCELLED
    gone.save()
    later = now + dt.timedelta(minutes=2)
    assert services.send_due_reminders(now=later) == 1
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["manager@psi.example"]
    assert "Promemoria" in message.subject
    assert world.case.reference in message.body
    assert world.person.family_name not in message.body
    assert services.send_due_reminders(now=later) == 0
    assert len(mail.outbox) == 1
    due.refresh_from_db()
    assert due.reminded_at == later


def test_appointments_for_user(world: CaseWorld) -> None:
    now = timezone.now()
    mine = schedule(world.manager, world.case, starts_at=now + dt.timedelta(days=1))
    schedule(world.manager, world.case, operator=world.legal)
    far = schedule(world.manager, world.case, starts_at=now + dt.timedelta(days=40))
    rows = list(
        selectors.appointments_for_user(
            user=world.manager, start=now, end=now + dt.timedelta(days=7)
        )
    )
    assert rows == [mine]
    assert far not in rows
    assert not selectors.appointments_for_user(
        user=world.colleague, start=now, end=now + dt.timedelta(days=7)
    ).exists()
