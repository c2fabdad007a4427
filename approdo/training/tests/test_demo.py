"""The training demo around Foggia: courses in every state, registers, outcomes written into
the skills profiles, a case of `assistente.foggia` left for the browser journey to enrol in an
Italian course; loading twice adds nothing."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.db import transaction
from django.test import Client, override_settings
from pytest_django import DjangoDbBlocker

from approdo.accounts.models import User
from approdo.cases.demo import load_demo_cases
from approdo.jobs.demo_people import journey_case
from approdo.jobs.models import Certificate, LanguageSkill
from approdo.network.demo import load_demo
from approdo.people.tests.factories import login
from approdo.training.demo import load_training_demo
from approdo.training.models import (
    Attendance,
    Course,
    Enrolment,
    OrientationSession,
    SkillsAssessment,
)

pytestmark = pytest.mark.django_db
FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="module")
def demo(django_db_setup: None, django_db_blocker: DjangoDbBlocker) -> Iterator[dict[str, int]]:
    with (
        django_db_blocker.unblock(),
        override_settings(PASSWORD_HASHERS=FAST_HASHERS),
        transaction.atomic(),
    ):
        load_demo(cases=False, field=False)
        load_demo_cases(total=40)
        yield load_training_demo()
        transaction.set_rollback(True)


def test_courses_in_every_state_around_foggia(demo: dict[str, int]):
    assert demo["courses"] == 5 and demo["enrolments"] >= 12
    by_title = {c.title: c for c in Course.objects.filter(node__code="PUG-H01")}
    statuses: dict[str, set[str]] = {c.kind: set() for c in by_title.values()}
    for course in by_title.values():
        statuses[course.kind].add(course.status)
    assert statuses["italian"] == {"finished", "running", "open"}
    assert statuses["safety"] == {"finished"} and statuses["vocational"] == {"open"}
    safety = next(c for c in by_title.values() if c.kind == "safety")
    assert safety.total_hours == 8 and safety.certificate_kinds == [
        "safety_general",
        "safety_specific",
    ]
    running = next(c for c in by_title.values() if c.status == "running")
    assert running.sessions.count() == 24
    assert Attendance.objects.filter(session__course=running).exists()


def test_outcomes_are_in_the_profiles_and_orientation_in_the_cases(demo: dict[str, int]):
    assert demo["completed"] == 5
    assert Enrolment.objects.filter(status="completed").count() == 5
    assert LanguageSkill.objects.filter(language__code="it", level="A1").count() >= 2
    assert Certificate.objects.filter(kind="safety_general").count() == 3
    assert OrientationSession.objects.count() == demo["orientation"] >= 6
    assert SkillsAssessment.objects.count() == demo["assessments"] >= 4


def test_a_case_of_the_demo_case_worker_is_left_to_enrol_in_italian(demo: dict[str, int]):
    italian = Enrolment.objects.filter(course__kind="italian").values_list("person_id", flat=True)
    free = journey_case()
    assert free is not None and free.person_id not in set(italian)


def test_loading_twice_adds_nothing(demo: dict[str, int]):
    counts = (Course.objects.count(), Enrolment.objects.count(), Attendance.objects.count())
    assert load_training_demo() == {"already_present": 1}
    assert (Course.objects.count(), Enrolment.objects.count(), Attendance.objects.count()) == counts


def training_pages() -> list[str]:
    """The pages of the accessibility check (e2e/test_accessibility.py has the same list)."""
    running = Course.objects.get(node__code="PUG-H01", status="running")
    lesson = running.sessions.filter(attendance__isnull=False).distinct().order_by("date").first()
    enrolment = Enrolment.objects.filter(course=running).order_by("pk").first()
    orientation = OrientationSession.objects.order_by("pk").first()
    assert lesson is not None and enrolment is not None and orientation is not None
    return [
        "/lavoro/formazione/corsi/",
        "/lavoro/formazione/corsi/nuovo/",
        f"/lavoro/formazione/corsi/{running.pk}/",
        f"/lavoro/formazione/corsi/{running.pk}/modifica/",
        f"/lavoro/formazione/lezioni/{lesson.pk}/",
        f"/lavoro/formazione/casi/{enrolment.case_id}/",
        f"/lavoro/formazione/orientamenti/{orientation.pk}/",
    ]


def test_the_hubs_coordinator_opens_every_page_of_the_demo(demo: dict[str, int]):
    coordinator = User.objects.get(username="coordinatore.foggia")
    client = login(Client(), coordinator)
    pages = {path: client.get(path) for path in training_pages()}
    assert {path: page.status_code for path, page in pages.items()} == dict.fromkeys(pages, 200)
    html = {path: page.content.decode() for path, page in pages.items()}
    for path in list(html)[:5]:  # the catalogue's pages carry the area's sub-navigation
        assert 'data-testid="jobs-subnav"' in html[path], path
    case_page = html[training_pages()[5]]
    assert 'data-testid="case-tab-training"' in case_page
    assert 'data-testid="training-enrolment"' in case_page
