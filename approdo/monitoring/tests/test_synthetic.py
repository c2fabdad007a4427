"""`generate_synthetic`: a small synthetic network that monitoring can count."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.models import Count
from django.utils import timezone

from approdo.cases.models import Case
from approdo.cases.stages import Stage
from approdo.interventions.models import ServiceDelivered
from approdo.linkage.models import PersonCluster
from approdo.monitoring.compute import compute
from approdo.monitoring.frame import Context, Filters
from approdo.network.models import Programme
from approdo.people.models import Person

PEOPLE = 300


@pytest.fixture
def generated(db: None) -> None:
    call_command("generate_synthetic", people=PEOPLE, seed=1, verbosity=0)


def test_every_row_points_at_rows_that_exist(generated: None) -> None:
    connection.check_constraints()  # foreign keys, checked now rather than at commit


def test_people_include_duplicates_of_one_another(generated: None) -> None:
    assert Person.objects.count() == PEOPLE
    assert PersonCluster.objects.count() == PEOPLE
    distinct = PersonCluster.objects.values("cluster_id").distinct().count()
    assert 250 < distinct < PEOPLE


def test_cases_reach_every_stage_with_their_dates(generated: None) -> None:
    by_stage = dict(Case.objects.values_list("stage").annotate(n=Count("pk")))
    assert set(by_stage) == set(Stage.values)
    assert not Case.objects.filter(stage=Stage.TAKEN_IN_CHARGE, taken_in_charge_on=None).exists()
    assert not Case.objects.filter(stage=Stage.CLOSED, closed_on=None).exists()
    per_person = Case.objects.count() / PEOPLE
    assert 1.1 < per_person < 1.4
    # Some people are followed at more than one hub.
    assert Case.objects.values("person").annotate(h=Count("hub", distinct=True)).filter(h__gt=1)


def test_about_ten_services_per_person(generated: None) -> None:
    assert 9 * PEOPLE <= ServiceDelivered.objects.count() <= 11 * PEOPLE


def test_the_programme_dashboard_counts_them(generated: None) -> None:
    start = Programme.objects.order_by("starts_on").values_list("starts_on", flat=True).first()
    today = timezone.localdate()
    ctx = Context(filters=Filters(date_from=start or dt.date(2023, 1, 1), date_to=today))
    dashboard = compute(ctx, hide_small=True)
    taken = dashboard.result("people_taken_in_charge")
    assert taken is not None and isinstance(taken.value, int) and taken.value > 0
    services = dashboard.result("services_delivered")
    assert services is not None and services.value
