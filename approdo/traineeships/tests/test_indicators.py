"""Monitoring: people in a started traineeship during the period, counted once, with the
outcome of those that ended in it; planned ones count nowhere."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from approdo.monitoring.compute import compute
from approdo.monitoring.frame import Context, Filters
from approdo.monitoring.registry import get
from approdo.traineeships import lifecycle
from approdo.traineeships.rules import add_months
from approdo.traineeships.tests.factories import (
    TraineeshipWorld,
    make_world,
    month,
    planned,
    started,
)

pytestmark = pytest.mark.django_db
CODE = "people_in_traineeship"


@pytest.fixture
def tw() -> TraineeshipWorld:
    return make_world()


def figure(start: dt.date, end: dt.date, **filters: object):
    result = compute(
        Context(Filters(start, end, **filters)), hide_small=False, codes=[CODE]
    ).result(CODE)
    assert result is not None
    return result


def rows(result: Any, index: int) -> dict[str, int]:
    return {key: value for key, _label, value in result.tallies[index].rows}


def test_people_in_traineeship_and_outcomes(tw: TraineeshipWorld):
    assert get(CODE) is not None
    first = started(tw)  # two months ago, three months long
    later = planned(tw, starts_on=month(1), ends_on=add_months(month(1), 2) - dt.timedelta(days=1))
    period = (month(-2), add_months(month(1), 1) - dt.timedelta(days=1))
    result = figure(*period)
    assert result.value == 1  # the planned one has not started
    assert rows(result, 0)["orientation"] == 1 and rows(result, 1)["male"] == 1
    assert sum(rows(result, 2).values()) == 0  # nothing ended yet

    lifecycle.traineeship_close(
        actor=tw.w.manager,
        traineeship=first,
        status="completed",
        ended_on=first.ends_on,
        result="hired_by_host",
        contract_type="fixed_term",
        expected_version=first.version,
    )
    result = figure(*period)
    assert result.value == 1 and rows(result, 2)["hired_by_host"] == 1
    # A period after it ended: not counted; before it started: not counted either.
    assert figure(month(1), add_months(month(1), 1)).value == 0
    assert figure(month(-6), month(-3)).value == 0
    assert figure(*period, sex="female").value == 0
    assert later.started_at is None
