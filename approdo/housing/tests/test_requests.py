"""The waiting list: one request per person, ordered by priority then date; the coordinator
places a request into a free bed; withdrawing needs a reason."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from approdo.accounts.roles import Role
from approdo.accounts.tests.factories import user_with_role
from approdo.housing import request_services, selectors
from approdo.housing.models import BedNight, RequestStatus
from approdo.housing.tests.factories import (
    HousingWorld,
    beds_of,
    confirm_priority,
    day,
    make_housing_world,
    open_case,
    requested,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def hw() -> HousingWorld:
    return make_housing_world()


def test_waiting_list_orders_by_latest_priority_then_request_date(hw: HousingWorld):
    third = open_case(hw.w, family_name="Sow")
    first_asked = requested(hw)  # no screening: last
    second_asked = requested(hw, hw.case2)
    third_asked = requested(hw, third)
    confirm_priority(hw.case2, hw.w.manager, "medium")
    confirm_priority(third, hw.w.manager, "low", held_on=day(-1))
    confirm_priority(third, hw.w.manager, "high", held_on=day(0))  # the latest counts
    rows = list(selectors.waiting_list(user=hw.w.coordinator))
    assert [r.pk for r in rows] == [third_asked.pk, second_asked.pk, first_asked.pk]
    assert [r.priority for r in rows] == ["high", "medium", None]


def test_one_waiting_request_per_person(hw: HousingWorld):
    requested(hw)
    with pytest.raises(ValidationError, match="già in lista d'attesa"):
        requested(hw)


def test_withdraw_needs_a_reason(hw: HousingWorld):
    r = requested(hw)
    with pytest.raises(ValidationError):
        request_services.request_withdraw(
            actor=hw.w.manager, request=r, reason="  ", expected_version=1
        )
    request_services.request_withdraw(
        actor=hw.w.manager, request=r, reason="Ha trovato una stanza da parenti", expected_version=1
    )
    r.refresh_from_db()
    assert r.status == RequestStatus.WITHDRAWN
    assert not selectors.waiting_list(user=hw.w.coordinator).exists()
    requested(hw)  # a new request is possible afterwards


def test_the_coordinator_places_a_request_into_a_free_bed(hw: HousingWorld):
    r = requested(hw, needs_accessible=True)
    free = selectors.free_beds(hub_id=hw.w.hub_a.pk, first=day(0), last=day(30), accessible=True)
    assert [b.room.site for b in free] == [hw.casa]
    with pytest.raises(PermissionDenied):
        request_services.request_place(
            actor=hw.w.manager,
            request=r,
            bed=free[0],
            starts_on=day(0),
            ends_on=day(30),
            expected_version=1,
        )
    with pytest.raises(ValidationError, match="accessibile"):
        request_services.request_place(
            actor=hw.w.coordinator,
            request=r,
            bed=beds_of(hw.casa)[1],
            starts_on=day(0),
            ends_on=day(30),
            expected_version=1,
        )
    p = request_services.request_place(
        actor=hw.w.coordinator,
        request=r,
        bed=free[0],
        starts_on=day(0),
        ends_on=day(30),
        expected_version=1,
    )
    r.refresh_from_db()
    assert (r.status, r.placement) == (RequestStatus.PLACED, p)
    assert BedNight.objects.filter(placement=p).count() == 31
    assert (
        selectors.free_beds(hub_id=hw.w.hub_a.pk, first=day(0), last=day(30), accessible=True) == []
    )


def test_free_beds_respect_the_seasonal_period(hw: HousingWorld):
    inside = selectors.free_beds(hub_id=hw.w.hub_a.pk, first=day(0), last=day(20))
    outside = selectors.free_beds(hub_id=hw.w.hub_a.pk, first=day(0), last=day(21))
    assert hw.seasonal in {b.room.site for b in inside}
    assert hw.seasonal not in {b.room.site for b in outside}


def test_other_hubs_do_not_see_the_waiting_list(hw: HousingWorld):
    r = requested(hw)
    assert not selectors.waiting_list(user=hw.w.other_body).exists()
    assert list(selectors.waiting_list(user=hw.w.spoke_operator)) == [r]
    with pytest.raises(PermissionDenied):
        selectors.waiting_list(user=hw.w.monitor)
    other_coordinator = user_with_role(Role.HUB_COORDINATOR, node=hw.w.hub_b)
    with pytest.raises(Exception):
        selectors.request_get(user=other_coordinator, pk=r.pk)
