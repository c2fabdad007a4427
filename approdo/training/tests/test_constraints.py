"""The database refuses bad rows whatever the services do, and two case workers enrolling two
people in the last seat at the same moment get one enrolment and one clear refusal
(PostgreSQL, where requests really run in parallel)."""

from __future__ import annotations

import threading
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction

from approdo.housing.tests.factories import open_case
from approdo.training.models import Attendance, Enrolment
from approdo.training.tests.factories import (
    TrainingWorld,
    day,
    enrolled,
    make_training_world,
)


@pytest.mark.django_db
def test_the_database_refuses_inconsistent_enrolments_and_register_lines():
    tw = make_training_world()
    enrolment = enrolled(tw)
    bad_updates = [
        {"status": "withdrawn"},  # a withdrawal without date and reason
        {"status": "completed"},  # an outcome without its date
        {"cefr_reached": "A1"},  # a level for a live enrolment
        {"status": "bogus"},
    ]
    for values in bad_updates:
        with pytest.raises(IntegrityError), transaction.atomic():
            Enrolment.objects.filter(pk=enrolment.pk).update(**values)
    with pytest.raises(IntegrityError), transaction.atomic():
        Attendance.objects.create(
            session=tw.held[0],
            enrolment=enrolment,
            status="absent",
            hours=Decimal(2),
            recorded_by=tw.w.coordinator,
        )
    Attendance.objects.create(
        session=tw.held[0],
        enrolment=enrolment,
        status="present",
        hours=Decimal(3),
        recorded_by=tw.w.coordinator,
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        Attendance.objects.create(
            session=tw.held[0],
            enrolment=enrolment,
            status="present",
            hours=Decimal(1),
            recorded_by=tw.w.coordinator,
        )


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite serialises every write: two transactions never insert at the same moment, "
    "so the race only exists (and is only tested) on PostgreSQL.",
)
@pytest.mark.django_db(transaction=True)
def test_two_case_workers_racing_for_the_last_seat_get_one_enrolment_and_one_refusal():
    tw: TrainingWorld = make_training_world()
    enrolled(tw)  # one of the two seats is taken
    rivals = [tw.case2, open_case(tw.w, family_name="Sow")]
    barrier = threading.Barrier(2)
    outcomes: list[str] = []
    lock = threading.Lock()

    def enrol(index: int) -> None:
        try:
            barrier.wait(timeout=10)
            enrolled(tw, case=rivals[index])
            result = "enrolled"
        except ValidationError as exc:
            result = " ".join(exc.messages)
        except Exception as exc:  # an IntegrityError or a third seat here would be the bug
            result = f"error: {exc!r}"
        finally:
            connection.close()
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=enrol, args=(i,)) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert sorted(outcomes)[1] == "enrolled", outcomes
    assert "al completo" in sorted(outcomes)[0], outcomes
    assert Enrolment.objects.filter(course=tw.a1).count() == 2
    assert day(0) >= Enrolment.objects.order_by("pk").first().enrolled_on
