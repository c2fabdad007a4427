"""The database refuses bad traineeship rows even when the services are bypassed."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.db import IntegrityError, transaction

from approdo.traineeships.models import AttendanceMonth, Traineeship
from approdo.traineeships.tests.factories import TraineeshipWorld, make_world, month, started

pytestmark = pytest.mark.django_db


@pytest.fixture
def tw() -> TraineeshipWorld:
    return make_world()


def refused(model: Any, pk: int, **fields: Any) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        model.objects.filter(pk=pk).update(**fields)


def test_traineeship_rows_the_database_refuses(tw: TraineeshipWorld):
    t = started(tw)
    refused(Traineeship, t.pk, ends_on=t.starts_on)
    refused(Traineeship, t.pk, hours_per_week=41)
    refused(Traineeship, t.pk, hours_per_week=0)
    refused(Traineeship, t.pk, monthly_allowance=Decimal("-1"))
    refused(Traineeship, t.pk, status="lost")
    refused(Traineeship, t.pk, started_at=None)  # running but never started
    refused(Traineeship, t.pk, status="suspended")  # without a reason
    refused(Traineeship, t.pk, status="completed")  # without an end date and a result
    refused(Traineeship, t.pk, promoter_node=None, promoter_name="")
    refused(Traineeship, t.pk, project="")
    refused(
        Traineeship,
        t.pk,
        status="completed",
        ended_on=t.ends_on,
        result="hired_by_host",  # hired without the contract type
    )
    refused(
        Traineeship,
        t.pk,
        status="interrupted",
        ended_on=t.ends_on,
        result="none",  # interrupted without who and why
    )
    refused(
        Traineeship,
        t.pk,
        status="completed",
        ended_on=t.ends_on + dt.timedelta(days=1),
        result="none",
    )


def test_attendance_rows_the_database_refuses(tw: TraineeshipWorld):
    t = started(tw)
    row = AttendanceMonth.objects.create(
        traineeship=t,
        month=month(-2),
        hours_planned=Decimal("100"),
        hours_attended=Decimal("80"),
        recorded_by=tw.w.manager,
    )
    refused(AttendanceMonth, row.pk, hours_attended=Decimal("100.1"))
    refused(AttendanceMonth, row.pk, hours_planned=Decimal("0"), hours_attended=Decimal("0"))
    with pytest.raises(IntegrityError), transaction.atomic():
        AttendanceMonth.objects.create(
            traineeship=t,
            month=month(-2),
            hours_planned=Decimal("100"),
            hours_attended=Decimal("10"),
            recorded_by=tw.w.manager,
        )
