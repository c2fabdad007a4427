"""The housing demo on the demo network: Puglia's ~150 beds, people placed at Foggia, its
waiting list with a case left to request, one way to autonomy; loading twice adds nothing."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.db import transaction
from django.test import override_settings
from pytest_django import DjangoDbBlocker

from approdo.cases.demo import load_demo_cases
from approdo.cases.models import Case
from approdo.housing.demo import DemoHousingResult, load_housing_demo
from approdo.housing.models import Bed, HousingRequest, Placement, RentalContract, Site
from approdo.network.demo import load_demo

pytestmark = pytest.mark.django_db
FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="module")
def demo(django_db_setup: None, django_db_blocker: DjangoDbBlocker) -> Iterator[DemoHousingResult]:
    with (
        django_db_blocker.unblock(),
        override_settings(PASSWORD_HASHERS=FAST_HASHERS),
        transaction.atomic(),
    ):
        load_demo(cases=False, field=False)
        load_demo_cases(total=40)
        yield load_housing_demo()
        transaction.set_rollback(True)


def test_puglia_has_about_150_beds_and_foggia_a_seasonal_centre(demo: DemoHousingResult):
    assert 140 <= demo.beds <= 160
    assert Bed.objects.filter(room__site__hub__region__name="Puglia").count() == demo.beds
    foggia = Site.objects.filter(hub__code="PUG-H01")
    assert foggia.count() >= 3 and foggia.filter(kind="seasonal").exists()


def test_foggia_has_placements_a_waiting_list_and_a_case_left_to_request(demo: DemoHousingResult):
    assert demo.placements >= 3 and 3 <= demo.requests <= 5
    assert Placement.objects.filter(status="active").count() >= 2
    assert (
        HousingRequest.objects.filter(hub__code="PUG-H01", status="waiting").count()
        == demo.requests
    )
    busy = set(Placement.objects.values_list("case_id", flat=True)) | set(
        HousingRequest.objects.values_list("case_id", flat=True)
    )
    free = Case.objects.filter(
        hub__code="PUG-H01",
        person__isnull=False,
        closed_on__isnull=True,
        team__user__username="assistente.foggia",
        team__until__isnull=True,
    )
    # The demo case worker can still ask a bed for one of their people (the browser journey).
    assert free.exclude(pk__in=busy).exists()
    assert RentalContract.objects.filter(registered=True).count() == 1


def test_loading_twice_adds_nothing(demo: DemoHousingResult):
    counts = (Site.objects.count(), Placement.objects.count(), HousingRequest.objects.count())
    again = load_housing_demo()
    assert again.already_present
    assert (
        Site.objects.count(),
        Placement.objects.count(),
        HousingRequest.objects.count(),
    ) == counts
