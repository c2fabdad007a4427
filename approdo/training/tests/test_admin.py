"""The admin: the catalogue is editable there (each save audited), people's training records
are only shown."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.test import Client

from approdo.accounts.tests.factories import UserFactory, give_totp
from approdo.audit.models import AuditEvent
from approdo.core.admin import AuditedModelAdmin
from approdo.training.models import Course, Enrolment
from approdo.training.tests.factories import TrainingWorld, enrolled, make_training_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def tw() -> TrainingWorld:
    return make_training_world()


@pytest.fixture
def admin_client(client: Client, tw: TrainingWorld) -> Client:
    superuser = UserFactory.create(is_staff=True, is_superuser=True)
    give_totp(superuser)
    client.force_login(superuser)
    return client


def test_pages_open_and_records_of_people_are_read_only(admin_client: Client, tw: TrainingWorld):
    assert isinstance(admin.site._registry.get(Course), AuditedModelAdmin)
    enrolment = enrolled(tw)
    for name in ("course", "enrolment", "orientationsession", "skillsassessment"):
        assert admin_client.get(f"/admin/training/{name}/").status_code == 200, name
    assert admin_client.get(f"/admin/training/course/{tw.a1.pk}/change/").status_code == 200
    assert admin_client.get(f"/admin/training/enrolment/{enrolment.pk}/change/").status_code == 200
    assert admin_client.get("/admin/training/enrolment/add/").status_code == 403
    refused = admin_client.post(
        f"/admin/training/enrolment/{enrolment.pk}/delete/", {"post": "yes"}
    )
    assert refused.status_code == 403 and Enrolment.objects.filter(pk=enrolment.pk).exists()


def test_a_course_saved_in_the_admin_is_audited(admin_client: Client, tw: TrainingWorld):
    course = tw.safety
    sessions = list(course.sessions.order_by("date"))
    data = {
        "title": "Sicurezza: generale e specifica (rischio basso)",
        "kind": course.kind,
        "provider": course.provider,
        "node": course.node_id,
        "municipality": course.municipality_id,
        "address": course.address,
        "starts_on": course.starts_on.isoformat(),
        "ends_on": course.ends_on.isoformat(),
        "total_hours": "8.0",
        "seats": course.seats,
        "language": course.language_id,
        "cefr_target": "",
        "certificate_kinds": '["safety_general", "safety_specific"]',
        "certificate_other": "",
        "min_attendance_pct": 90,
        "status": course.status,
        "cancel_reason": "",
        "description": "",
        "loaded_version": course.version,
        "sessions-TOTAL_FORMS": len(sessions),
        "sessions-INITIAL_FORMS": len(sessions),
        "sessions-MIN_NUM_FORMS": 0,
        "sessions-MAX_NUM_FORMS": 1000,
    }
    for index, s in enumerate(sessions):
        data.update(
            {
                f"sessions-{index}-id": s.pk,
                f"sessions-{index}-course": course.pk,
                f"sessions-{index}-date": s.date.isoformat(),
                f"sessions-{index}-starts_at": s.starts_at.strftime("%H:%M"),
                f"sessions-{index}-ends_at": s.ends_at.strftime("%H:%M"),
                f"sessions-{index}-hours": str(s.hours),
                f"sessions-{index}-topic": "",
            }
        )
    response = admin_client.post(f"/admin/training/course/{course.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    course.refresh_from_db()
    assert course.title.endswith("(rischio basso)") and course.version == 2
    event = AuditEvent.objects.get(action="training.course.updated")
    assert event.node_id == tw.w.hub_a.pk and "title" in event.changes
