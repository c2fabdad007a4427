"""The social-agriculture demo on the demo network: two Foggia projects with a partner farm of
the jobs demo, people of Foggia and one of another hub, activities with attendance, results;
loading twice adds nothing."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.db import transaction
from django.test import override_settings
from pytest_django import DjangoDbBlocker

from approdo.cases.demo import load_demo_cases
from approdo.jobs.demo import load_jobs_demo
from approdo.network.demo import load_demo
from approdo.socialfarming.demo import load_socialfarming_demo
from approdo.socialfarming.models import Attendance, Participant, Partner, PilotProject, Result

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
        load_demo_cases(total=60)
        load_jobs_demo()
        yield load_socialfarming_demo()
        transaction.set_rollback(True)


def test_two_foggia_projects_with_partners_people_activities_results(demo: dict[str, int]):
    assert demo["projects"] == 2 and demo["skipped"] == 0
    projects = PilotProject.objects.filter(lead_hub__code="PUG-H01", region__name="Puglia")
    assert set(projects.values_list("code", flat=True)) == {"PUG-AS-01", "PUG-AS-02"}
    assert projects.get(code="PUG-AS-02").aims_at_startup
    farm = Partner.objects.get(employer__isnull=False, project__code="PUG-AS-01")
    assert farm.employer is not None and not farm.employer.is_flagged
    assert demo["participants"] == Participant.objects.count() >= 6
    assert Participant.objects.exclude(node__code="PUG-H01").exists()  # someone of another hub
    assert Participant.objects.filter(outcome="employed_partner").count() == 1
    assert Attendance.objects.count() > 10 and demo["results"] == Result.objects.count() == 8


def test_loading_twice_adds_nothing(demo: dict[str, int]):
    counts = (PilotProject.objects.count(), Participant.objects.count(), Result.objects.count())
    again = load_socialfarming_demo()
    assert again["already_present"] == 1 and again["projects"] == 0
    assert (
        PilotProject.objects.count(),
        Participant.objects.count(),
        Result.objects.count(),
    ) == counts
