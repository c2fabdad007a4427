"""The catalogue's pages: everyone with a place reads it, the organising node's staff write it,
bad input comes back with the values and status 400, and a course shows a person's name only to
who may read their case."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from approdo.accounts.tests.factories import UserFactory
from approdo.people.tests.factories import login
from approdo.training.models import Attendance, Course, CourseSession
from approdo.training.tests.factories import (
    TrainingWorld,
    day,
    enrolled,
    italian,
    make_training_world,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def tw() -> TrainingWorld:
    return make_training_world()


def _course_post(tw: TrainingWorld, **over: object) -> dict[str, object]:
    data: dict[str, object] = {
        "title": "Italiano B1",
        "kind": "italian",
        "provider": "CPIA 1 Foggia",
        "node": tw.w.hub_a.pk,
        "municipality": tw.w.hub_a.municipality_id,
        "address": "Via Gramsci 21",
        "starts_on": day(30).isoformat(),
        "ends_on": day(90).isoformat(),
        "total_hours": "60",
        "seats": "12",
        "language": italian().pk,
        "cefr_target": "B1",
        "min_attendance_pct": "70",
        "status": "open",
    }
    data.update(over)
    return data


def test_the_catalogue_filters_and_shows_the_seats_left(client: Client, tw: TrainingWorld):
    enrolled(tw)
    login(client, tw.w.monitor)  # shared reference data: monitors read it too
    page = client.get(reverse("training:courses"))
    html = page.content.decode()
    assert page.status_code == 200 and 'data-testid="jobs-subnav"' in html
    assert f'data-testid="course-seats-left-{tw.a1.pk}">1 / 2' in html
    safety_only = client.get(reverse("training:courses"), {"kind": "safety"}).content.decode()
    assert "Sicurezza sul lavoro" in safety_only and "Italiano A1" not in safety_only
    bad = client.get(reverse("training:courses"), {"region": "999999"})
    assert bad.status_code == 400
    assert login(Client(), UserFactory.create()).get(reverse("training:courses")).status_code == 403


def test_a_coordinator_adds_a_course_and_bad_input_keeps_the_values(
    client: Client, tw: TrainingWorld
):
    login(client, tw.w.coordinator)
    assert client.get(reverse("training:course_create")).status_code == 200
    bad = client.post(
        reverse("training:course_create"),
        _course_post(tw, cefr_target="", ends_on=day(10).isoformat(), certificate_kinds=["other"]),
    )
    html = bad.content.decode()
    assert bad.status_code == 400
    assert "indica il livello QCER di arrivo" in html and "La fine del corso viene prima" in html
    assert "Scrivi quale attestato" in html and 'value="Italiano B1"' in html
    made = client.post(reverse("training:course_create"), _course_post(tw))
    assert made.status_code == 302
    course = Course.objects.get(title="Italiano B1")
    assert course.status == "open" and course.created_by == tw.w.coordinator
    assert login(Client(), tw.w.monitor).get(reverse("training:course_create")).status_code == 403


def test_a_course_shows_names_only_to_who_may_read_the_case(client: Client, tw: TrainingWorld):
    enrolment = enrolled(tw)
    login(client, tw.w.manager)
    html = client.get(reverse("training:course", args=[tw.a1.pk])).content.decode()
    assert tw.w.person.full_name in html
    assert reverse("training:case", args=[tw.case.pk]) in html
    colleague = login(Client(), tw.w.colleague)  # same hub, not on the team
    html = colleague.get(reverse("training:course", args=[tw.a1.pk])).content.decode()
    assert tw.w.person.full_name not in html and "seguita da altri operatori" in html
    other = login(Client(), tw.w.other_body)
    page = other.get(reverse("training:course", args=[tw.a1.pk]))
    html = page.content.decode()
    assert page.status_code == 200 and "1 persona di un altro nodo" in html
    assert tw.w.person.full_name not in html and tw.case.reference not in html
    assert f'data-testid="course-enrolment-{enrolment.pk}"' in html
    assert 'data-testid="course-edit-link"' not in html


def test_only_the_organising_nodes_staff_edit_and_a_stale_edit_shows_the_current_values(
    client: Client, tw: TrainingWorld
):
    url = reverse("training:course_edit", args=[tw.a1.pk])
    assert login(Client(), tw.w.other_body).get(url).status_code == 403
    login(client, tw.w.coordinator)
    form = client.get(url)
    assert form.status_code == 200 and 'name="version"' in form.content.decode()
    version = tw.a1.version
    dates = {"starts_on": day(-10).isoformat(), "ends_on": day(20).isoformat()}
    lessons_out = client.post(url, {**_course_post(tw, cefr_target="A1"), "version": version})
    assert lessons_out.status_code == 400 and "lezioni fuori" in lessons_out.content.decode()
    saved = client.post(url, {**_course_post(tw, **dates), "version": version})
    assert saved.status_code == 302
    stale = client.post(url, {**_course_post(tw, seats="9", **dates), "version": version})
    html = stale.content.decode()
    assert stale.status_code == 400 and 'data-testid="current-values"' in html
    assert "Qualcun altro ha modificato" in html
    tw.a1.refresh_from_db()
    assert tw.a1.seats == 12 and tw.a1.title == "Italiano B1"


def test_lessons_and_the_register_from_the_pages(client: Client, tw: TrainingWorld):
    enrolment = enrolled(tw)
    login(client, tw.w.coordinator)
    bad = client.post(
        reverse("training:session_add", args=[tw.a1.pk]),
        {"date": day(60).isoformat(), "starts_at": "17:00", "ends_at": "16:00", "topic": "Verbi"},
    )
    html = bad.content.decode()
    assert bad.status_code == 400 and "finisce prima di cominciare" in html and "Verbi" in html
    added = client.post(
        reverse("training:session_add", args=[tw.a1.pk]),
        {"date": day(1).isoformat(), "starts_at": "17:00", "ends_at": "19:30", "topic": ""},
    )
    assert added.status_code == 302
    assert CourseSession.objects.get(course=tw.a1, date=day(1)).hours == 2.5

    session = tw.held[0]
    url = reverse("training:session", args=[session.pk])
    page = client.get(url)
    assert page.status_code == 200 and 'data-testid="register-form"' in page.content.decode()
    wrong = client.post(url, {f"status_{enrolment.pk}": "present", f"hours_{enrolment.pk}": "9"})
    assert wrong.status_code == 400 and not Attendance.objects.exists()
    saved = client.post(url, {f"status_{enrolment.pk}": "present", f"hours_{enrolment.pk}": "2"})
    assert saved.status_code == 302
    assert Attendance.objects.get(enrolment=enrolment).hours == 2
    other = login(Client(), tw.w.other_body)
    assert other.post(url, {f"status_{enrolment.pk}": "absent"}).status_code == 403


def test_the_status_form_moves_a_course_and_refuses_without_a_reason(
    client: Client, tw: TrainingWorld
):
    login(client, tw.w.coordinator)
    url = reverse("training:course_status", args=[tw.safety.pk])
    refused = client.post(url, {"status": "cancelled", "reason": "", "version": tw.safety.version})
    assert refused.status_code == 400 and "Indica il motivo" in refused.content.decode()
    moved = client.post(url, {"status": "running", "reason": "", "version": tw.safety.version})
    assert moved.status_code == 302
    tw.safety.refresh_from_db()
    assert tw.safety.status == "running"
