"""The monthly attendance log and the month's allowance: due only at the threshold, paid once
through the budget (in proportion for a partial month), a paid month frozen."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from approdo.audit.models import AuditEvent
from approdo.budget import services as budget
from approdo.budget.models import Payment
from approdo.traineeships.attendance import attendance_record, month_pay
from approdo.traineeships.models import AttendanceMonth, Traineeship
from approdo.traineeships.rules import add_months, duration_months, month_due, total_due
from approdo.traineeships.tests.factories import (
    TraineeshipWorld,
    make_world,
    month,
    planned,
    started,
    today,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def tw() -> TraineeshipWorld:
    return make_world()


def log(
    tw: TraineeshipWorld, t: Traineeship, offset: int, attended: str, planned_hours: str = "120"
):
    return attendance_record(
        actor=tw.w.manager,
        traineeship=t,
        month=month(offset),
        hours_planned=Decimal(planned_hours),
        hours_attended=Decimal(attended),
    )


def pay(tw: TraineeshipWorld, row: AttendanceMonth) -> AttendanceMonth:
    return month_pay(actor=tw.w.manager, attendance=row, paid_on=today())


def test_a_month_at_the_threshold_is_paid_once_from_the_budget(tw: TraineeshipWorld):
    t = started(tw)
    row = log(tw, t, -2, "84")  # 70%
    assert row.percent == 70 and row.month == month(-2)
    paid = pay(tw, row)
    payment = Payment.objects.get()
    assert paid.payment == payment and payment.commitment == t.commitment
    assert payment.amount == Decimal("450.00")
    assert AuditEvent.objects.filter(action="traineeships.attendance.paid").exists()
    with pytest.raises(ValidationError, match="già stata pagata"):
        pay(tw, row)
    # A paid month's attendance is frozen.
    with pytest.raises(ValidationError, match="già pagata"):
        log(tw, t, -2, "120")
    assert Payment.objects.count() == 1


def test_below_the_threshold_the_month_is_not_due(tw: TraineeshipWorld):
    t = started(tw)
    row = log(tw, t, -1, "83.9")  # 69.9%: rounded down, below 70%
    assert row.percent == 69
    with pytest.raises(ValidationError) as caught:
        pay(tw, row)
    assert "Presenze al 69%" in caught.value.messages[0]
    assert "sotto il 70% l'indennità del mese non spetta" in caught.value.messages[0]
    assert not Payment.objects.exists()
    corrected = log(tw, t, -1, "100")  # the month corrected while unpaid
    assert corrected.pk == row.pk and corrected.percent == 83
    assert pay(tw, corrected).is_paid


def test_months_outside_the_period_or_to_come_are_refused(tw: TraineeshipWorld):
    t = started(tw, starts_on=month(-1), ends_on=add_months(month(-1), 3) - dt.timedelta(days=1))
    with pytest.raises(ValidationError, match="fuori dal periodo"):
        log(tw, t, -2, "10")
    with pytest.raises(ValidationError, match="mese futuro"):
        log(tw, t, 1, "10")
    with pytest.raises(ValidationError) as caught:
        log(tw, t, -1, "121")
    assert caught.value.message_dict["hours_attended"] == [
        "Le ore svolte non possono superare quelle previste."
    ]
    with pytest.raises(ValidationError, match="un decimale"):
        log(tw, t, -1, "10.25")
    assert log(tw, t, 0, "10").month == month(0)  # the month under way may be logged


def test_attendance_needs_a_started_traineeship_and_the_team(tw: TraineeshipWorld):
    t = planned(tw)
    with pytest.raises(ValidationError, match="avviato"):
        log(tw, t, -2, "100")
    running = started(tw)
    with pytest.raises(PermissionDenied):
        attendance_record(
            actor=tw.w.colleague,
            traineeship=running,
            month=month(-2),
            hours_planned=Decimal("100"),
            hours_attended=Decimal("100"),
        )


def test_a_pending_commitment_is_paid_only_once_approved(tw: TraineeshipWorld):
    tw.budget.approval_above = Decimal("500.00")
    tw.budget.save()
    t = started(tw)
    row = log(tw, t, -2, "120")
    with pytest.raises(ValidationError, match="Si paga solo un impegno approvato"):
        pay(tw, row)
    assert t.commitment is not None
    budget.commitment_decide(
        actor=tw.w.coordinator,
        commitment=t.commitment,
        approve=True,
        note="",
        expected_version=t.commitment.version,
    )
    assert pay(tw, row).is_paid


def test_payment_day_is_checked(tw: TraineeshipWorld):
    t = started(tw)
    row = log(tw, t, -2, "120")
    for day in (today() + dt.timedelta(days=1), month(-2) - dt.timedelta(days=1)):
        with pytest.raises(ValidationError) as caught:
            month_pay(actor=tw.w.manager, attendance=row, paid_on=day)
        assert "paid_on" in caught.value.message_dict


def test_a_partial_month_is_paid_in_proportion():
    allowance = Decimal("450.00")
    start, last = dt.date(2026, 1, 16), dt.date(2026, 4, 15)
    assert month_due(dt.date(2026, 1, 1), start, last, allowance) == Decimal("232.26")
    assert month_due(dt.date(2026, 2, 1), start, last, allowance) == Decimal("450.00")
    assert month_due(dt.date(2026, 4, 1), start, last, allowance) == Decimal("225.00")
    assert total_due(dt.date(2026, 3, 1), dt.date(2026, 5, 31), allowance) == Decimal("1350.00")


def test_months_of_a_traineeship():
    assert duration_months(dt.date(2026, 3, 15), dt.date(2026, 9, 14)) == 6
    assert duration_months(dt.date(2026, 3, 15), dt.date(2026, 9, 15)) == 7
    assert duration_months(dt.date(2026, 1, 31), dt.date(2026, 2, 27)) == 1
    assert add_months(dt.date(2026, 1, 31), 1) == dt.date(2026, 2, 28)
