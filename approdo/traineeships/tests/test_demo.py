"""The traineeships demo on the demo network: a few people at Foggia in traineeships at
employers that are not flagged, with attendance and allowances paid from the budget, one
completed and hired by the host; loading twice adds nothing."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.db import transaction
from django.test import override_settings
from pytest_django import DjangoDbBlocker

from approdo.budget.demo import load_budget_demo
from approdo.budget.models import Category, Payment
from approdo.cases.demo import load_demo_cases
from approdo.jobs.demo import load_jobs_demo
from approdo.network.demo import load_demo
from approdo.traineeships.demo import load_traineeships_demo
from approdo.traineeships.models import AttendanceMonth, RegionalRule, Traineeship

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
        load_budget_demo()
        load_jobs_demo()
        yield load_traineeships_demo()
        transaction.set_rollback(True)


def test_foggia_has_traineeships_at_hosts_that_are_not_flagged(demo: dict[str, int]):
    assert 3 <= demo["traineeships"] <= 5, demo
    rows = Traineeship.objects.select_related("employer", "case__hub")
    assert rows.count() == demo["traineeships"]
    assert all(not t.employer.is_flagged and t.case.hub.code == "PUG-H01" for t in rows)
    assert RegionalRule.objects.get(region__name="Puglia").minimum_allowance == 450


def test_attendance_payments_and_a_hire(demo: dict[str, int]):
    assert demo["months"] == AttendanceMonth.objects.count() >= 4
    paid = Payment.objects.filter(commitment__category=Category.TRAINEESHIP)
    assert paid.count() == demo["paid"] >= 3
    hired = Traineeship.objects.get(status="completed")
    assert hired.result == "hired_by_host" and hired.contract_type
    assert Traineeship.objects.filter(status="planned", commitment__isnull=True).exists()
    # One month below the threshold, one left for the user to pay.
    unpaid = AttendanceMonth.objects.filter(payment__isnull=True)
    assert any(row.percent < 70 for row in unpaid) and any(row.percent >= 70 for row in unpaid)


def test_loading_twice_adds_nothing(demo: dict[str, int]):
    count = Traineeship.objects.count()
    assert load_traineeships_demo()["already_present"] == 1
    assert Traineeship.objects.count() == count
