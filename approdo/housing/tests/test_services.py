"""Placements: no bed and no person twice in one night, seasonal periods, moves, exits,
extensions, stale edits; and who may place."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from approdo.audit.models import AuditEvent
from approdo.core.concurrency import StaleEditError
from approdo.housing import services
from approdo.housing.models import BedNight, ExitReason, PlacementStatus, RoomGender
from approdo.housing.tests.factories import (
    HousingWorld,
    beds_of,
    day,
    make_housing_world,
    make_site,
    placed,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def hw() -> HousingWorld:
    return make_housing_world()


def test_a_placement_takes_one_night_per_day_and_is_audited(hw: HousingWorld):
    p = placed(hw, first=0, last=9)
    assert p.status == PlacementStatus.ACTIVE
    assert BedNight.objects.filter(placement=p).count() == 10
    assert AuditEvent.objects.filter(
        action="housing.placement.created", target_id=str(p.pk)
    ).exists()
    assert placed(hw, case=hw.case2, bed=beds_of(hw.casa2)[0], first=5, last=6).status == "planned"


def test_a_bed_is_never_booked_twice(hw: HousingWorld):
    bed = beds_of(hw.casa)[0]
    placed(hw, bed=bed, first=0, last=9)
    with pytest.raises(ValidationError) as refused:
        placed(hw, case=hw.case2, bed=bed, first=8, last=12)
    message = " ".join(refused.value.messages)
    assert "Casa Arpi · Stanza 1 · Letto 1 è già occupato" in message
    assert f"dal {day(8):%d/%m/%Y} al {day(9):%d/%m/%Y}" in message
    # The nights after it are free: the other person starts the day after.
    placed(hw, case=hw.case2, bed=bed, first=10, last=12)


def test_a_person_is_never_in_two_beds_the_same_night(hw: HousingWorld):
    placed(hw, bed=beds_of(hw.casa)[0], first=0, last=9)
    with pytest.raises(ValidationError, match="non può occuparne due"):
        placed(hw, bed=beds_of(hw.casa2)[0], first=9, last=15)


def test_a_seasonal_centre_refuses_nights_outside_its_period(hw: HousingWorld):
    bed = beds_of(hw.seasonal)[0]
    with pytest.raises(ValidationError, match="fuori dal periodo di apertura"):
        placed(hw, bed=bed, first=15, last=25)
    p = placed(hw, bed=bed, first=15, last=20)
    with pytest.raises(ValidationError, match="non si può prorogare oltre"):
        services.placement_extend(
            actor=hw.w.manager, placement=p, ends_on=day(21), expected_version=p.version
        )


def test_only_the_coordinator_places_and_only_in_the_case_hub(hw: HousingWorld):
    with pytest.raises(PermissionDenied):
        services.placement_create(
            actor=hw.w.manager,
            case=hw.w.case,
            bed=beds_of(hw.casa)[0],
            starts_on=day(0),
            ends_on=day(3),
        )
    with pytest.raises(ValidationError, match="serve un altro hub"):
        placed(hw, bed=beds_of(hw.other)[0])


def test_a_room_for_women_refuses_a_man(hw: HousingWorld):
    women = make_site(hw.w.hub_a, name="Casa Iris", gender=RoomGender.WOMEN)
    with pytest.raises(ValidationError, match="è solo donne"):
        placed(hw, bed=beds_of(women)[0])


def test_move_ends_the_night_before_and_links_the_new_placement(hw: HousingWorld):
    old_bed, new_bed = beds_of(hw.casa)[0], beds_of(hw.casa2)[1]
    p = placed(hw, bed=old_bed, first=-5, last=10)
    moved = services.placement_move(
        actor=hw.w.coordinator, placement=p, bed=new_bed, from_day=day(2), expected_version=1
    )
    p.refresh_from_db()
    assert (p.ends_on, p.status) == (day(1), PlacementStatus.ENDED)
    assert (moved.starts_on, moved.ends_on, moved.previous_id) == (day(2), day(10), p.pk)
    assert BedNight.objects.filter(bed=old_bed).count() == 7
    assert BedNight.objects.filter(bed=new_bed).count() == 9
    # The freed nights of the old bed can be taken by someone else.
    placed(hw, case=hw.case2, bed=old_bed, first=2, last=4)


def test_move_to_a_taken_bed_is_refused_and_changes_nothing(hw: HousingWorld):
    taken = beds_of(hw.casa2)[0]
    placed(hw, case=hw.case2, bed=taken, first=0, last=20)
    p = placed(hw, first=-5, last=10)
    with pytest.raises(ValidationError, match="è già occupato"):
        services.placement_move(
            actor=hw.w.coordinator, placement=p, bed=taken, from_day=day(2), expected_version=1
        )
    p.refresh_from_db()
    assert (p.ends_on, p.status, p.version) == (day(10), PlacementStatus.ACTIVE, 1)
    assert BedNight.objects.filter(placement=p).count() == 16


def test_exit_with_a_reason_frees_the_nights_after(hw: HousingWorld):
    p = placed(hw, first=-5, last=10)
    reason = ExitReason.objects.get(code="housing_autonomy")
    with pytest.raises(ValidationError, match="L'ultima notte va dal"):
        services.placement_end(
            actor=hw.w.manager,
            placement=p,
            last_night=day(11),
            exit_reason=reason,
            note="",
            expected_version=1,
        )
    services.placement_end(
        actor=hw.w.manager,
        placement=p,
        last_night=day(0),
        exit_reason=reason,
        note="Ha firmato un contratto a Foggia",
        expected_version=1,
    )
    p.refresh_from_db()
    assert (p.status, p.ends_on, p.planned_ends_on, p.exit_reason) == (
        PlacementStatus.ENDED,
        day(0),
        day(10),
        reason,
    )
    assert BedNight.objects.filter(placement=p).count() == 6
    with pytest.raises(ValidationError, match="già concluso"):
        services.placement_extend(
            actor=hw.w.manager, placement=p, ends_on=day(30), expected_version=2
        )


def test_extend_takes_the_new_nights_and_refuses_taken_ones(hw: HousingWorld):
    bed = beds_of(hw.casa)[0]
    p = placed(hw, bed=bed, first=0, last=5)
    placed(hw, case=hw.case2, bed=bed, first=12, last=14)
    services.placement_extend(actor=hw.w.manager, placement=p, ends_on=day(8), expected_version=1)
    assert BedNight.objects.filter(placement=p).count() == 9
    with pytest.raises(ValidationError, match="già occupato la notte del"):
        services.placement_extend(
            actor=hw.w.manager, placement=p, ends_on=day(12), expected_version=2
        )
    p.refresh_from_db()
    assert p.ends_on == day(8)


def test_a_stale_edit_is_refused(hw: HousingWorld):
    p = placed(hw, first=0, last=5)
    services.placement_extend(actor=hw.w.manager, placement=p, ends_on=day(6), expected_version=1)
    with pytest.raises(StaleEditError):
        services.placement_end(
            actor=hw.w.manager,
            placement=p,
            last_night=day(2),
            exit_reason=ExitReason.objects.first(),
            note="",
            expected_version=1,
        )


def test_cancel_a_planned_placement_frees_its_nights(hw: HousingWorld):
    p = placed(hw, first=3, last=5)
    with pytest.raises(ValidationError, match="motivo"):
        services.placement_cancel(actor=hw.w.manager, placement=p, note=" ", expected_version=1)
    services.placement_cancel(
        actor=hw.w.manager, placement=p, note="Ha trovato lavoro a Latina", expected_version=1
    )
    assert not BedNight.objects.filter(placement=p).exists()
    now = placed(hw, first=0, last=1)
    with pytest.raises(ValidationError, match="già iniziato"):
        services.placement_cancel(actor=hw.w.manager, placement=now, note="x", expected_version=1)
