"""Monitoring of work: people placed in the period, and people in work at the six-month check
(the programme's result indicator), with the checks not yet done shown as such."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from approdo.jobs import placements
from approdo.jobs.models import ContractType, FollowUp, JobPlacement
from approdo.jobs.tests.factories import day, today
from approdo.jobs.tests.placement_factories import MatchWorld, make_match_world, other_case
from approdo.monitoring.compute import compute
from approdo.monitoring.frame import Context, Filters

pytestmark = pytest.mark.django_db

CODES = ["jobs_people_placed", "jobs_employed_at_6_months"]


@pytest.fixture
def w() -> MatchWorld:
    return make_match_world()


def _job(w: MatchWorld, case: object, start: dt.date, actor: object) -> JobPlacement:
    return placements.placement_create(
        actor=actor,
        case=case,
        employer=w.farm,
        occupation=w.crop,
        contract_type=ContractType.AGRICULTURAL_OPEN,
        starts_on=start,
        hours_per_week=39,
        gross_hourly_pay=Decimal("9.50"),
    )


def _board(start: dt.date, end: dt.date):
    return compute(Context(Filters(start, end)), hide_small=False, codes=CODES)


def test_people_placed_in_the_period_by_contract(w):
    _job(w, w.case, today(), w.cw.manager)
    second = other_case(w.cw, w.foggia)
    _job(w, second, day(-400), w.cw.coordinator)  # long before the period
    result = _board(day(-10), day(10)).result("jobs_people_placed")
    assert result is not None and result.value == 1
    by_contract = {key: n for key, _label, n in result.tallies[0].rows}
    assert by_contract["oti"] == 1 and by_contract["otd"] == 0


def test_employed_at_six_months_counts_the_checks_that_say_so(w):
    first = _job(w, w.case, day(-185), w.cw.manager)
    second = other_case(w.cw, w.foggia)
    _job(w, second, day(-183), w.cw.coordinator)  # due too, not checked yet
    placements.placement_follow_up(
        actor=w.cw.manager,
        placement=first,
        expected_version=first.version,
        outcome=FollowUp.EMPLOYED_OTHER,
        checked_on=today(),
    )
    result = _board(day(-10), day(10)).result("jobs_employed_at_6_months")
    assert result is not None and result.value == 1
    outcomes = {key: n for key, _label, n in result.tallies[0].rows}
    assert outcomes["other"] == 1 and outcomes["unchecked"] == 1 and outcomes["none"] == 0
    assert "1" in result.note and "2" in result.note
