"""Monitoring: people oriented (orientation or assessment), in training (an enrolment active in
the period) and trained (a completion in the period, by course kind), each person once, within
the viewer's places; small cells suppressed outside the hub like every people indicator."""

from __future__ import annotations

import pytest

from approdo.monitoring.compute import compute
from approdo.monitoring.frame import Context, Filters
from approdo.training import case_services, enrolments
from approdo.training.tests.factories import (
    PRESENT,
    TrainingWorld,
    attend,
    day,
    enrolled,
    make_training_world,
    set_status,
)

pytestmark = pytest.mark.django_db
CODES = ["people_oriented", "people_in_training", "people_trained"]


@pytest.fixture
def tw() -> TrainingWorld:
    return make_training_world()


def board(first: int = -30, last: int = 0, hide_small: bool = False, **filters: object):
    return compute(
        Context(Filters(day(first), day(last), **filters)), hide_small=hide_small, codes=CODES
    )


def rows(result, index: int) -> dict[str, int]:
    return {key: value for key, _label, value in result.tallies[index].rows}


def _orient(tw: TrainingWorld, case, offset: int) -> None:
    case_services.orientation_create(
        actor=tw.w.manager,
        case=case,
        held_on=day(offset),
        kind="individual",
        led_by=tw.w.manager,
        duration_minutes=45,
        topics=["rights"],
    )


def test_people_oriented_counts_each_person_once_within_the_period(tw: TrainingWorld):
    _orient(tw, tw.case, -3)
    _orient(tw, tw.case, -2)  # the same person twice
    case_services.assessment_create(
        actor=tw.w.manager,
        case=tw.case,
        assessed_on=day(-1),
        method="interview",
        assessed_by=tw.w.manager,
        summary="Ok",
    )
    _orient(tw, tw.case2, -60)  # before the period
    result = board().result("people_oriented")
    assert result is not None and result.value == 1
    assert rows(result, 0) == {"orientation": 1, "assessment": 1}
    assert board(first=-90).result("people_oriented").value == 2
    assert board(sex="female").result("people_oriented").value == 0
    # A viewer whose places are another hub's sees none of them.
    other = compute(
        Context(Filters(day(-30), day(0)), node_ids=frozenset({tw.w.hub_b.pk})),
        hide_small=False,
        codes=CODES,
    )
    assert other.result("people_oriented").value == 0
    suppressed = board(hide_small=True).result("people_oriented")
    assert suppressed is not None and suppressed.value != 1


def test_people_in_training_and_trained_by_course_kind(tw: TrainingWorld):
    done = enrolled(tw, course=tw.safety)
    attend(tw, done, PRESENT, PRESENT)
    enrolled(tw, case=tw.case2)  # in the running A1 course
    withdrawn = enrolled(tw, case=tw.case2, course=tw.other)
    enrolments.enrolment_withdraw(
        actor=tw.w.manager, enrolment=withdrawn, reason="Errore", expected_version=1
    )
    set_status(tw.w.coordinator, tw.safety, "running")
    done.refresh_from_db()
    enrolments.enrolment_outcome(
        actor=tw.w.manager, enrolment=done, outcome="completed", expected_version=done.version
    )
    in_training = board(first=-3).result("people_in_training")
    assert in_training is not None and in_training.value == 2
    assert rows(in_training, 0)["safety"] == 1 and rows(in_training, 0)["italian"] == 1
    trained = board(first=-3).result("people_trained")
    assert trained is not None and trained.value == 1
    assert rows(trained, 0) == {
        "italian": 0,
        "safety": 1,
        "vocational": 0,
        "digital": 0,
        "other": 0,
    }
    # Outside the period nobody was trained, and the running course had not begun a year ago.
    assert board(first=-400, last=-300).result("people_trained").value == 0
    assert board(first=-400, last=-300).result("people_in_training").value == 0
