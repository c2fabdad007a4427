"""The training API: same scoping and rules as the pages, errors as problem+json."""

from __future__ import annotations

import pytest
from django.test import Client

from approdo.api.problems import PROBLEM_CONTENT_TYPE
from approdo.audit.models import AccessLog
from approdo.jobs.models import Certificate
from approdo.people.tests.factories import login
from approdo.training.models import Attendance, Course, OrientationSession
from approdo.training.tests.factories import (
    PRESENT,
    TrainingWorld,
    attend,
    day,
    enrolled,
    make_training_world,
    set_status,
)

pytestmark = pytest.mark.django_db
COURSES = "/api/v1/training/courses/"
JSON = "application/json"


@pytest.fixture
def tw() -> TrainingWorld:
    return make_training_world()


def test_the_catalogue_with_filters_and_a_course_with_its_lessons_but_no_people(
    tw: TrainingWorld,
):
    enrolled(tw)
    client = login(Client(), tw.w.monitor)
    rows = client.get(COURSES, {"kind": "italian"}).json()["results"]
    assert {row["title"] for row in rows} == {
        "Italiano A1 per il lavoro",
        "Italiano A2 a Cerignola",
    }
    a1 = next(row for row in rows if row["id"] == tw.a1.pk)
    assert a1["seats_taken"] == 1 and a1["seats_left"] == 1 and a1["language"] == "it"
    detail = client.get(f"{COURSES}{tw.a1.pk}/").json()
    assert [s["starts_at"] for s in detail["sessions"]] == ["17:00", "17:00", "17:00"]
    assert "enrolments" not in detail and tw.w.person.family_name not in str(detail)
    unknown = client.get(COURSES, {"regione": 1})
    assert unknown.status_code == 400 and unknown["Content-Type"] == PROBLEM_CONTENT_TYPE
    assert client.get(f"{COURSES}999999/").status_code == 404


def test_create_a_course_and_add_a_lesson(tw: TrainingWorld):
    body = {
        "title": "Sicurezza: formazione generale",
        "kind": "safety",
        "provider": "Ente bilaterale",
        "node": tw.w.hub_a.pk,
        "municipality": tw.w.hub_a.municipality.istat_code,
        "starts_on": day(10).isoformat(),
        "ends_on": day(11).isoformat(),
        "total_hours": "4",
        "seats": 20,
        "language": "it",
        "certificate_kinds": ["safety_general"],
        "status": "open",
    }
    assert login(Client(), tw.w.monitor).post(COURSES, body, content_type=JSON).status_code == 403
    client = login(Client(), tw.w.coordinator)
    bad = client.post(COURSES, {**body, "kind": "italian", "language": "xx"}, content_type=JSON)
    assert bad.status_code == 400 and bad["Content-Type"] == PROBLEM_CONTENT_TYPE
    assert "language" in bad.json()["errors"]
    no_level = client.post(COURSES, {**body, "kind": "italian"}, content_type=JSON)
    assert no_level.status_code == 400 and "cefr_target" in no_level.json()["errors"]
    made = client.post(COURSES, body, content_type=JSON)
    assert made.status_code == 201, made.content
    course_id = made.json()["id"]
    assert made.json()["certificate_kinds"] == ["safety_general"]
    lesson = client.post(
        f"{COURSES}{course_id}/sessions/",
        {"date": day(10).isoformat(), "starts_at": "09:00", "ends_at": "13:00"},
        content_type=JSON,
    )
    assert lesson.status_code == 201 and lesson.json()["hours"] == "4.0"
    outside = client.post(
        f"{COURSES}{course_id}/sessions/",
        {"date": day(40).isoformat(), "starts_at": "09:00", "ends_at": "13:00"},
        content_type=JSON,
    )
    assert outside.status_code == 400 and "date" in outside.json()["errors"]
    assert Course.objects.get(pk=course_id).sessions.count() == 1


def test_a_cases_training_record_is_read_through_the_case(tw: TrainingWorld):
    enrolment = enrolled(tw)
    attend(tw, enrolment, PRESENT)
    url = f"/api/v1/training/cases/{tw.case.pk}/"
    client = login(Client(), tw.w.manager)
    record = client.get(url).json()
    assert record["case"] == tw.case.pk and record["orientation"] == []
    assert record["enrolments"][0]["attendance_pct"] == "37.5"
    assert record["enrolments"][0]["attended_hours"] == "3.0"
    assert AccessLog.objects.filter(user=tw.w.manager, purpose="api.training").exists()
    assert login(Client(), tw.w.other_hub).get(url).status_code == 404
    monitor = login(Client(), tw.w.monitor).get(url)
    assert monitor.status_code == 403 and monitor["Content-Type"] == PROBLEM_CONTENT_TYPE


def test_orientation_and_enrolment_through_the_api(tw: TrainingWorld):
    client = login(Client(), tw.w.manager)
    base = f"/api/v1/training/cases/{tw.case.pk}/"
    made = client.post(
        f"{base}orientation/",
        {"held_on": day(0).isoformat(), "kind": "group", "duration_minutes": 90,
         "topics": ["safety", "rights"]},
        content_type=JSON,
    )  # fmt: skip
    assert made.status_code == 201 and made.json()["led_by"] == tw.w.manager.pk
    assert OrientationSession.objects.get().topics == ["rights", "safety"]
    stranger = client.post(
        f"{base}orientation/",
        {"held_on": day(0).isoformat(), "kind": "group", "duration_minutes": 90,
         "topics": ["safety"], "led_by": tw.w.other_body.pk},
        content_type=JSON,
    )  # fmt: skip
    assert stranger.status_code == 400 and "led_by" in stranger.json()["errors"]
    enrolment = client.post(f"{base}enrolments/", {"course": tw.a1.pk}, content_type=JSON)
    assert enrolment.status_code == 201 and enrolment.json()["status"] == "enrolled"
    again = client.post(f"{base}enrolments/", {"course": tw.a1.pk}, content_type=JSON)
    assert again.status_code == 400 and "già iscritta" in again.json()["errors"]["course"][0]
    outsider = login(Client(), tw.w.other_body)
    assert (
        outsider.post(f"{base}enrolments/", {"course": tw.a1.pk}, content_type=JSON).status_code
        == 404
    )
    assessment = client.post(
        f"{base}assessments/",
        {"assessed_on": day(0).isoformat(), "method": "interview", "summary": "Ok",
         "italian_level": 2, "recommended_occupations": ["9211"]},
        content_type=JSON,
    )  # fmt: skip
    assert assessment.status_code == 201 and assessment.json()["recommended_occupations"] == [
        "9211"
    ]


def test_register_and_outcome_through_the_api(tw: TrainingWorld):
    enrolment = enrolled(tw, course=tw.safety)
    set_status(tw.w.coordinator, tw.safety, "running")
    staff = login(Client(), tw.w.coordinator)
    outsider = login(Client(), tw.w.other_body)
    for session in tw.safety.sessions.order_by("date"):
        url = f"/api/v1/training/sessions/{session.pk}/attendance/"
        assert (
            outsider.post(
                url, {"rows": [{"enrolment": enrolment.pk, "status": "present"}]}, content_type=JSON
            ).status_code
            == 403
        )
        wrote = staff.post(
            url, {"rows": [{"enrolment": enrolment.pk, "status": "present"}]}, content_type=JSON
        )
        assert wrote.status_code == 200 and wrote.json()[0]["hours"] == "4.0"
    assert Attendance.objects.filter(enrolment=enrolment).count() == 2
    mixed = staff.post(
        f"/api/v1/training/sessions/{tw.held[0].pk}/attendance/",
        {"rows": [{"enrolment": enrolment.pk, "status": "present"}]},
        content_type=JSON,
    )
    assert mixed.status_code == 400 and "non sono di questo corso" in str(mixed.json()["errors"])

    client = login(Client(), tw.w.manager)
    url = f"/api/v1/training/enrolments/{enrolment.pk}/outcome/"
    stale = client.post(url, {"outcome": "completed", "version": 9}, content_type=JSON)
    assert stale.status_code == 409 and stale["Content-Type"] == PROBLEM_CONTENT_TYPE
    done = client.post(url, {"outcome": "completed", "version": 1}, content_type=JSON)
    assert done.status_code == 200, done.content
    assert sorted(done.json()["certificates"]) == ["safety_general", "safety_specific"]
    assert Certificate.objects.filter(person=tw.w.person).count() == 2
    twice = client.post(url, {"outcome": "completed", "version": 2}, content_type=JSON)
    assert twice.status_code == 400


def test_completion_below_the_minimum_is_a_400_saying_the_attendance(tw: TrainingWorld):
    enrolment = enrolled(tw)
    attend(tw, enrolment, PRESENT)
    client = login(Client(), tw.w.manager)
    refused = client.post(
        f"/api/v1/training/enrolments/{enrolment.pk}/outcome/",
        {"outcome": "completed", "version": 1, "cefr_reached": "A1"},
        content_type=JSON,
    )
    assert refused.status_code == 400
    assert "37,5%" in refused.json()["errors"]["outcome"][0]


# (user, GET of the case's training record) as for every case endpoint
CASE_MATRIX: list[tuple[str | None, int]] = [
    ("manager", 200),  # case manager
    ("legal", 200),  # on the team
    ("coordinator", 200),  # coordinator of the case's hub
    ("colleague", 403),  # same hub, not on the team: existence only
    ("other_hub", 404),  # same body, other hub
    ("other_body", 404),  # other managing body
    ("monitor", 403),  # never people's records
    (None, 401),  # anonymous
]


@pytest.mark.parametrize(("who", "status"), CASE_MATRIX)
def test_case_training_permission_matrix(tw: TrainingWorld, who: str | None, status: int):
    client = login(Client(), getattr(tw.w, who)) if who else Client()
    response = client.get(f"/api/v1/training/cases/{tw.case.pk}/")
    assert response.status_code == status
    if status != 200:
        assert response["Content-Type"] == PROBLEM_CONTENT_TYPE
    write = client.post(
        f"/api/v1/training/cases/{tw.case.pk}/enrolments/", {"course": tw.a1.pk}, content_type=JSON
    )
    assert write.status_code == (201 if status == 200 else status)
