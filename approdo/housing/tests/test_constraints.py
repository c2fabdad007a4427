"""The database itself refuses a double booking: a direct clashing insert fails, and two
coordinators placing two people in the same bed at the same moment get one placement and one
clear refusal (PostgreSQL, where requests really run in parallel)."""

from __future__ import annotations

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction

from approdo.housing.models import BedNight, Placement
from approdo.housing.tests.factories import HousingWorld, beds_of, day, make_housing_world, placed


@pytest.mark.django_db
def test_the_database_refuses_a_second_placement_in_the_same_bed_night():
    hw = make_housing_world()
    p = placed(hw, first=0, last=2)
    with pytest.raises(IntegrityError), transaction.atomic():
        BedNight.objects.create(bed=p.bed, night=day(1), placement=p, person=hw.case2.person)
    with pytest.raises(IntegrityError), transaction.atomic():
        BedNight.objects.create(
            bed=beds_of(hw.casa2)[0], night=day(1), placement=p, person=p.person
        )


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite serialises every write: two transactions never insert at the same moment, "
    "so the race only exists (and is only tested) on PostgreSQL.",
)
@pytest.mark.django_db(transaction=True)
def test_two_coordinators_racing_for_one_bed_get_one_placement_and_one_refusal():
    hw: HousingWorld = make_housing_world()
    bed = beds_of(hw.casa)[0]
    barrier = threading.Barrier(2)
    outcomes: list[str] = []
    lock = threading.Lock()

    def place(case_index: int) -> None:
        case = [hw.w.case, hw.case2][case_index]
        try:
            barrier.wait(timeout=10)
            placed(hw, case=case, bed=bed, first=case_index, last=5 + case_index)
            result = "placed"
        except ValidationError as exc:
            result = " ".join(exc.messages)
        except Exception as exc:  # an IntegrityError here would be the bug under test
            result = f"error: {exc!r}"
        finally:
            connection.close()
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=place, args=(i,)) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert sorted(outcomes)[1] == "placed", outcomes
    assert "è già occupato" in sorted(outcomes)[0] or "appena occupato" in sorted(outcomes)[0], (
        outcomes
    )
    assert Placement.objects.count() == 1
    assert BedNight.objects.filter(bed=bed).count() == 6
