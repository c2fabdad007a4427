"""Monitoring: bed-nights occupied with the average occupancy, and people housed counted once
(small counts suppressed for viewers outside the hub like every people indicator)."""

from __future__ import annotations

import pytest

from approdo.housing import services
from approdo.housing.models import ExitReason
from approdo.housing.tests.factories import HousingWorld, beds_of, day, make_housing_world, placed
from approdo.monitoring.compute import compute
from approdo.monitoring.frame import Context, Filters

pytestmark = pytest.mark.django_db


@pytest.fixture
def hw() -> HousingWorld:
    return make_housing_world()


CODES = ["housing_beds_occupied", "housing_people_housed"]


def board(hw: HousingWorld, hide_small: bool = False, **filters: object):
    ctx = Context(Filters(day(0), day(9), **filters))
    return compute(ctx, hide_small=hide_small, codes=CODES)


def test_bed_nights_and_average_occupancy(hw: HousingWorld):
    p = placed(hw, first=-5, last=4)  # 5 nights in the period
    services.placement_move(
        actor=hw.w.coordinator,
        placement=p,
        bed=beds_of(hw.casa2)[0],
        from_day=day(2),
        expected_version=1,
    )
    placed(hw, case=hw.case2, bed=beds_of(hw.seasonal)[0], first=0, last=9)  # 10 nights
    result = board(hw).result("housing_beds_occupied")
    assert result is not None and result.value == 15
    by_kind = {key: value for key, _label, value in result.tallies[0].rows}
    assert by_kind == {"cohousing": 5, "seasonal": 10, "scattered": 0}
    # Hub A: 5 co-housing beds and 2 seasonal beds, for 10 nights (the centre is open all of
    # them); hub B: 2 beds. 15 of 90 bed-nights.
    assert "17%" in result.note and "90" in result.note
    occupancy = {key: value for key, _label, value in result.tallies[2].rows}
    assert occupancy["seasonal"] == 50


def test_people_housed_count_each_person_once(hw: HousingWorld):
    p = placed(hw, first=-5, last=4)
    services.placement_move(
        actor=hw.w.coordinator,
        placement=p,
        bed=beds_of(hw.casa2)[0],
        from_day=day(2),
        expected_version=1,
    )
    later = placed(hw, case=hw.case2, first=20, last=25)  # outside the period
    result = board(hw).result("housing_people_housed")
    assert result is not None and result.value == 1
    assert {key: value for key, _l, value in result.tallies[2].rows}["male"] == 1
    services.placement_end(
        actor=hw.w.manager,
        placement=later,
        last_night=day(20),
        exit_reason=ExitReason.objects.get(code="other"),
        note="",
        expected_version=1,
    )
    assert board(hw).result("housing_people_housed").value == 1
    assert board(hw, sex="female").result("housing_people_housed").value == 0
    suppressed = board(hw, hide_small=True).result("housing_people_housed")
    assert suppressed is not None and suppressed.value != 1  # a cell below 5 is not published
