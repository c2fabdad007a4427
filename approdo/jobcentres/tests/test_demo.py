"""The job-centre demo on the demo network: the seeded CPIs put back, registrations for about
half of the Foggia hub's open cases, appointments held (with their outcome) and to come with
their reminder tasks; loading twice adds nothing."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.db import transaction
from django.test import override_settings
from django.utils import timezone
from pytest_django import DjangoDbBlocker

from approdo.cases.demo import load_demo_cases
from approdo.cases.models import Case, CaseTask
from approdo.cases.stages import Stage
from approdo.jobcentres.demo import load_jobcentres_demo
from approdo.jobcentres.models import Appointment, AppointmentStatus, JobCentre, Registration
from approdo.jobcentres.reference import SEED_CENTRES
from approdo.network.demo import load_demo

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
        JobCentre.objects.all().delete()  # as a flushed database would be
        yield load_jobcentres_demo()
        transaction.set_rollback(True)


def test_centres_are_put_back(demo: dict[str, int]):
    assert demo["job_centres"] == len(SEED_CENTRES)
    assert JobCentre.objects.filter(province__abbreviation="FG").count() == 7


def test_about_half_of_the_foggia_cases_are_registered(demo: dict[str, int]):
    open_people = (
        Case.objects.filter(
            hub__code="PUG-H01",
            person__isnull=False,
            stage__in=[Stage.SCREENING, Stage.TAKEN_IN_CHARGE, Stage.PLAN_ACTIVE],
        )
        .values("person_id")
        .distinct()
        .count()
    )
    assert demo["registrations"] == Registration.objects.count() >= 3
    assert open_people / 2 - 1 <= demo["registrations"] <= open_people / 2 + 1
    assert Registration.objects.filter(did_status="registered", pact_signed_on__isnull=False)
    assert Registration.objects.filter(did_status="not_registered").exists()


def test_appointments_held_and_to_come_with_reminders(demo: dict[str, int]):
    now = timezone.now()
    assert demo["appointments"] == Appointment.objects.count() >= 5
    held = Appointment.objects.filter(starts_at__lt=now)
    assert held.exists() and not held.filter(status=AppointmentStatus.SCHEDULED).exists()
    assert held.filter(status=AppointmentStatus.MISSED).exists()
    coming = Appointment.objects.filter(starts_at__gt=now, status=AppointmentStatus.SCHEDULED)
    assert coming.count() >= 3
    open_tasks = CaseTask.objects.filter(pk__in=coming.values("task_id"), done_at__isnull=True)
    assert open_tasks.count() == coming.count()
    assert not CaseTask.objects.filter(pk__in=held.values("task_id"), done_at__isnull=True)


def test_loading_twice_adds_nothing(demo: dict[str, int]):
    counts = (Registration.objects.count(), Appointment.objects.count())
    again = load_jobcentres_demo()
    assert again["already_present"] == 1 and again["job_centres"] == 0
    assert (Registration.objects.count(), Appointment.objects.count()) == counts
