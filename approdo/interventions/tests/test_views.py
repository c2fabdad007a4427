"""The services page of a case: permission matrix, logging, cancelling, appointments."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from approdo.audit.models import AccessLog
from approdo.cases.tests.factories import CaseWorld, login, make_case_world
from approdo.interventions.models import Appointment, AppointmentStatus, ServiceDelivered
from approdo.interventions.tests.factories import log_service, schedule, service_type

pytestmark = pytest.mark.django_db


@pytest.fixture
def world() -> CaseWorld:
    return make_case_world()


def page(world: CaseWorld) -> str:
    return reverse("interventions:case", args=[world.case.pk])


def service_post(world: CaseWorld, **overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "service-service_type": service_type().pk,
        "service-date": timezone.localdate().isoformat(),
        "service-duration_minutes": "50",
        "service-place": "hub",
        "service-notes": "Prima consulenza",
    }
    data.update({f"service-{k}": v for k, v in overrides.items()})
    return data


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("manager", 200),
        ("legal", 200),
        ("coordinator", 200),
        ("colleague", 403),
        ("other_hub", 404),
        ("other_body", 404),
        ("worker_c", 404),
        ("monitor", 403),
    ],
)
def test_page_permission_matrix(client: Client, world: CaseWorld, who: str, status: int) -> None:
    login(client, getattr(world, who))
    assert client.get(page(world)).status_code == status


@pytest.mark.parametrize(
    ("who", "status"),
    [("colleague", 403), ("other_hub", 404), ("other_body", 404), ("monitor", 403)],
)
def test_writes_refused_outside_team(
    client: Client, world: CaseWorld, who: str, status: int
) -> None:
    row = log_service(world.manager, world.case)
    appointment = schedule(world.manager, world.case)
    login(client, getattr(world, who))
    base = f"/prestazioni/caso/{world.case.pk}"
    posts = {
        f"{base}/registra/": service_post(world),
        f"{base}/prestazioni/{row.pk}/annulla/": {"reason": "x", "version": "1"},
        f"{base}/appuntamenti/nuovo/": {"appointment-purpose": "x"},
        f"{base}/appuntamenti/{appointment.pk}/stato/": {"status": "cancelled", "version": "1"},
    }
    for url, data in posts.items():
        assert client.post(url, data).status_code == status, url
    assert ServiceDelivered.objects.count() == 1
    row.refresh_from_db()
    assert not row.is_cancelled
    appointment.refresh_from_db()
    assert appointment.status == AppointmentStatus.SCHEDULED


def test_page_shows_log_totals_and_logs_the_read(client: Client, world: CaseWorld) -> None:
    log_service(world.manager, world.case, duration_minutes=90, notes="Diffida al datore")
    login(client, world.manager)
    response = client.get(page(world))
    body = response.content.decode()
    assert "Diffida al datore" in body
    assert 'data-testid="total-legal"' in body
    assert "1,5" in body or "1.5" in body
    assert 'data-testid="service-form"' in body
    assert AccessLog.objects.filter(user=world.manager).exists()


def test_area_filter(client: Client, world: CaseWorld) -> None:
    log_service(world.manager, world.case, notes="Legale")
    health = service_type(code="health_escort_t", area="health", name_it="Accompagnamento")
    log_service(world.manager, world.case, service_type=health, notes="Sanitario")
    login(client, world.manager)
    body = client.get(page(world), {"area": health.area_id}).content.decode()
    assert "Sanitario" in body
    assert "<td>Legale" not in body


def test_log_service_through_the_form(client: Client, world: CaseWorld) -> None:
    login(client, world.manager)
    response = client.post(
        reverse("interventions:service_log", args=[world.case.pk]), service_post(world)
    )
    assert response.status_code == 302
    row = ServiceDelivered.objects.get()
    assert (row.duration_minutes, row.notes, row.operator) == (
        50,
        "Prima consulenza",
        world.manager,
    )


def test_future_date_shows_a_field_error(client: Client, world: CaseWorld) -> None:
    login(client, world.manager)
    tomorrow = (timezone.localdate() + dt.timedelta(days=1)).isoformat()
    response = client.post(
        reverse("interventions:service_log", args=[world.case.pk]),
        service_post(world, date=tomorrow),
    )
    assert response.status_code == 200
    assert "La data non può essere nel futuro." in response.content.decode()
    assert not ServiceDelivered.objects.exists()


def test_duration_out_of_range_shows_a_field_error(client: Client, world: CaseWorld) -> None:
    login(client, world.manager)
    response = client.post(
        reverse("interventions:service_log", args=[world.case.pk]),
        service_post(world, duration_minutes="601"),
    )
    assert response.status_code == 200
    assert 'id="id_service-duration_minutes_error"' in response.content.decode()
    assert not ServiceDelivered.objects.exists()


def test_cancel_through_the_page_and_stale_refused(client: Client, world: CaseWorld) -> None:
    row = log_service(world.manager, world.case)
    login(client, world.manager)
    url = reverse("interventions:service_cancel", args=[world.case.pk, row.pk])
    response = client.post(url, {"reason": "Doppione", "version": "5"}, follow=True)
    assert "Qualcun altro ha modificato" in response.content.decode()
    row.refresh_from_db()
    assert not row.is_cancelled
    response = client.post(url, {"reason": "Doppione", "version": "1"}, follow=True)
    row.refresh_from_db()
    assert row.is_cancelled
    assert 'data-testid="service-cancelled"' in response.content.decode()


def test_schedule_and_mark_done_prefills_the_service_form(client: Client, world: CaseWorld) -> None:
    login(client, world.manager)
    start = timezone.localtime() + dt.timedelta(days=1)
    response = client.post(
        reverse("interventions:appointment_schedule", args=[world.case.pk]),
        {
            "appointment-starts_at": start.strftime("%Y-%m-%dT%H:%M"),
            "appointment-duration_minutes": "40",
            "appointment-purpose": "Accompagnamento in Questura",
            "appointment-place": "external",
            "appointment-external_place": "Questura di Foggia",
        },
    )
    assert response.status_code == 302
    appointment = Appointment.objects.get()
    assert appointment.external_place == "Questura di Foggia"
    Appointment.objects.filter(pk=appointment.pk).update(
        starts_at=timezone.now() - dt.timedelta(hours=1)
    )
    response = client.post(
        reverse("interventions:appointment_status", args=[world.case.pk, appointment.pk]),
        {"status": "done", "version": "1"},
    )
    assert response.status_code == 302
    assert f"from_appointment={appointment.pk}" in response["Location"]
    appointment.refresh_from_db()
    assert appointment.status == AppointmentStatus.DONE
    body = client.get(response["Location"]).content.decode()
    assert "Accompagnamento in Questura</textarea>" in body
    assert 'value="40"' in body


def test_schedule_errors_are_shown(client: Client, world: CaseWorld) -> None:
    login(client, world.manager)
    past = timezone.localtime() - dt.timedelta(days=1)
    response = client.post(
        reverse("interventions:appointment_schedule", args=[world.case.pk]),
        {
            "appointment-starts_at": past.strftime("%Y-%m-%dT%H:%M"),
            "appointment-duration_minutes": "30",
            "appointment-purpose": "Colloquio",
            "appointment-place": "hub",
        },
    )
    assert response.status_code == 200
    assert "L&#x27;appuntamento deve essere nel futuro." in response.content.decode()
    assert not Appointment.objects.exists()


def test_unknown_plan_action_error_is_shown(client: Client, world: CaseWorld) -> None:
    login(client, world.manager)
    response = client.post(
        reverse("interventions:service_log", args=[world.case.pk]),
        service_post(world, plan_action_id="987654"),
    )
    assert response.status_code == 200
    assert "PAI di questo caso" in response.content.decode()
    assert not ServiceDelivered.objects.exists()
