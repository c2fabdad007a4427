"""Monitoring: people in social-agriculture projects during the period, counted once, by the
outcome of those who left, role and region; scoped to the covered nodes like every indicator."""

from __future__ import annotations

import pytest

from approdo.monitoring.compute import Dashboard, compute
from approdo.monitoring.frame import Context, Filters
from approdo.monitoring.registry import get
from approdo.socialfarming import participants as participation
from approdo.socialfarming.tests.factories import (
    FarmingWorld,
    day,
    make_farming_world,
    make_project,
)

pytestmark = pytest.mark.django_db
CODE = "social_farming_participants"


@pytest.fixture
def fw() -> FarmingWorld:
    return make_farming_world()


def board(start: int = -10, end: int = 0, node_ids: frozenset[int] | None = None) -> Dashboard:
    ctx = Context(Filters(day(start), day(end)), node_ids=node_ids)
    return compute(ctx, hide_small=False, codes=[CODE])


def _rows(dashboard: Dashboard, tally: int) -> dict[str, int]:
    result = dashboard.result(CODE)
    assert result is not None
    return {key: value for key, _label, value in result.tallies[tally].rows}


def test_people_counted_once_by_outcome_role_and_scope(fw: FarmingWorld):
    w = fw.w
    assert get(CODE) is not None  # registered from the app's ready()
    second = make_project(w, code="PU-AS-02", title="Uliveto sociale", farming_kind="olive_growing")
    left = participation.participant_add(
        actor=w.manager, project=fw.project, case=w.case, role="worker", hours_per_week=20,
        joined_on=day(-40),
    )  # fmt: skip
    participation.participant_end(
        actor=w.manager, participant=left, expected_version=1, left_on=day(-5),
        outcome="employed_partner",
    )  # fmt: skip
    # The same person in a second project, still taking part: counted once in the total.
    participation.participant_add(
        actor=w.manager, project=second, case=w.case, role="startup_member", hours_per_week=20,
        joined_on=day(-30),
    )  # fmt: skip
    participation.participant_add(
        actor=w.other_body, project=fw.project, case=fw.case_b, role="trainee",
        hours_per_week=10, joined_on=day(-3),
    )  # fmt: skip
    dashboard = board()
    result = dashboard.result(CODE)
    assert result is not None and result.value == 2
    outcomes = _rows(dashboard, 0)
    assert outcomes["employed_partner"] == 1 and outcomes["ongoing"] == 2
    assert _rows(dashboard, 1) == {"trainee": 1, "worker": 1, "startup_member": 1}
    # Hub A's places only: hub B's person is left out.
    hub_a = board(node_ids=frozenset({w.hub_a.pk, w.spoke_a1.pk})).result(CODE)
    assert hub_a is not None and hub_a.value == 1
    # A period before anyone joined counts nobody; one that ends before the exit counts the
    # person as still taking part.
    empty = board(start=-100, end=-50).result(CODE)
    assert empty is not None and empty.value == 0
    earlier = board(start=-20, end=-10)
    assert _rows(earlier, 0)["ongoing"] == 1 and _rows(earlier, 0)["employed_partner"] == 0
