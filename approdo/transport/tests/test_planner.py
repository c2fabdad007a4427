"""The planners on small instances: every plan passes the independent checker, riders who
cannot be carried are reported with the reason, and OR-Tools drives less than the greedy
baseline. verify() is trusted, the solver never is."""

from __future__ import annotations

import dataclasses

import pytest

from approdo.transport.baseline import nearest_neighbour
from approdo.transport.geo import Roads, haversine_m
from approdo.transport.planner import plan_routes
from approdo.transport.routing import CAPACITY, WINDOW, Rider, Shuttle, build_route
from approdo.transport.verify import verify

H = 3600
DEPOT = (41.4622, 15.5446)  # Foggia
BORGO = (41.5128, 15.8270)  # Borgo Mezzanone
TORRETTA = (41.6020, 15.5090)
FARMS = [(41.42, 15.70), (41.55, 15.68), (41.39, 15.60), (41.57, 15.45), (41.25, 15.88)]


def rider(i: int, pickup=BORGO, dropoff=FARMS[0], earliest=5 * H, latest=8 * H) -> Rider:
    return Rider(
        id=i, pickup=pickup, dropoff=dropoff, earliest_pickup=earliest, latest_arrival=latest
    )


def van(i: int, seats: int = 4, start: int = 4 * H, end: int = 12 * H) -> Shuttle:
    return Shuttle(id=i, seats=seats, depot=DEPOT, start=start, end=end)


def mixed(n: int) -> list[Rider]:
    return [
        rider(
            i + 1,
            pickup=(BORGO, TORRETTA)[i % 2],
            dropoff=FARMS[i % len(FARMS)],
            earliest=5 * H + (i % 4) * 900,
            latest=5 * H + (i % 4) * 900 + 2 * H,
        )
        for i in range(n)
    ]


def test_haversine_foggia_to_borgo_mezzanone_is_about_24_km():
    assert 23_000 < haversine_m(*DEPOT, *BORGO) < 25_500
    assert Roads().metres(DEPOT, BORGO) == round(haversine_m(*DEPOT, *BORGO) * 1.3)


def test_everyone_is_carried_within_their_window_and_the_plan_verifies():
    riders, shuttles = mixed(10), [van(1), van(2), van(3)]
    plan = plan_routes(riders, shuttles, time_limit=1)
    assert verify(plan, riders, shuttles) == []
    assert sorted(plan.served) == list(range(1, 11))
    times = plan.pickup_times()
    assert all(times[r.id] >= r.earliest_pickup for r in riders)


def test_seats_split_riders_across_shuttles():
    riders = [rider(i, latest=5 * H + 4200) for i in range(1, 6)]  # 5 people, one loop only
    shuttles = [van(1, seats=3), van(2, seats=3)]
    plan = plan_routes(riders, shuttles, time_limit=1)
    assert verify(plan, riders, shuttles) == []
    assert len(plan.served) == 5
    assert all(len(route.riders) <= 3 for route in plan.routes)
    assert sum(1 for route in plan.routes if route.riders) == 2


def test_when_seats_run_out_a_rider_is_left_out_for_capacity():
    # One 2-seat van, three riders who must all travel in the same short window.
    riders = [rider(i, earliest=5 * H, latest=5 * H + 3000) for i in (1, 2, 3)]
    shuttles = [van(1, seats=2, start=5 * H - 1500)]
    plan = plan_routes(riders, shuttles, time_limit=1)
    assert verify(plan, riders, shuttles) == []
    assert len(plan.served) == 2
    assert list(plan.unserved.values()) == [CAPACITY]


def test_a_window_no_shuttle_can_meet_is_reported():
    far = rider(1, earliest=5 * H, latest=5 * H + 300)  # 5 minutes for 40 km
    late = rider(2, earliest=13 * H, latest=14 * H)  # after the shuttles' hours
    ok = rider(3)
    riders, shuttles = [far, late, ok], [van(1)]
    for plan in (plan_routes(riders, shuttles, time_limit=1), nearest_neighbour(riders, shuttles)):
        assert verify(plan, riders, shuttles) == []
        assert plan.unserved == {1: WINDOW, 2: WINDOW}
        assert plan.served == [3]


def test_ortools_drives_no_more_than_the_baseline():
    riders, shuttles = mixed(16), [van(1, seats=4), van(2, seats=4), van(3, seats=8)]
    ours = plan_routes(riders, shuttles, time_limit=1)
    greedy = nearest_neighbour(riders, shuttles)
    assert verify(ours, riders, shuttles) == []
    assert verify(greedy, riders, shuttles) == []
    assert len(ours.served) >= len(greedy.served)
    assert ours.distance_m / len(ours.served) <= greedy.distance_m / len(greedy.served)


def test_no_riders_or_no_shuttles_gives_an_empty_plan():
    assert plan_routes([], [van(1)]).served == []
    plan = plan_routes([rider(1)], [])
    assert plan.unserved == {1: WINDOW}


# --- the checker catches hand-broken plans -----------------------------------------------------


@pytest.fixture
def good():
    riders, shuttles = [rider(1), rider(2, pickup=TORRETTA, dropoff=FARMS[1])], [van(1, seats=1)]
    plan = plan_routes(riders, shuttles, time_limit=1)
    assert verify(plan, riders, shuttles) == []
    return plan, riders, shuttles


def _rebuilt(plan, shuttles, riders, sequence):
    route = build_route(shuttles[0], sequence, {r.id: r for r in riders}, Roads())
    return dataclasses.replace(plan, routes=[route])


def test_verify_catches_too_many_on_board(good):
    plan, riders, shuttles = good
    broken = _rebuilt(
        plan, shuttles, riders, [("pickup", 1), ("pickup", 2), ("dropoff", 1), ("dropoff", 2)]
    )
    assert any("posti" in p for p in verify(broken, riders, shuttles))


def test_verify_catches_drop_before_pick(good):
    plan, riders, shuttles = good
    broken = _rebuilt(
        plan, shuttles, riders, [("dropoff", 1), ("pickup", 1), ("pickup", 2), ("dropoff", 2)]
    )
    assert any("senza essere salito" in p for p in verify(broken, riders, shuttles))


def test_verify_catches_a_late_arrival_and_a_wrong_distance(good):
    plan, riders, shuttles = good
    tight = [dataclasses.replace(riders[0], latest_arrival=5 * H + 60), riders[1]]
    assert any("dopo le" in p for p in verify(plan, tight, shuttles))
    plan.routes[0].distance_m -= 1000
    assert any("distanza" in p for p in verify(plan, riders, shuttles))


def test_verify_catches_an_early_pickup_and_a_forgotten_rider(good):
    plan, riders, shuttles = good
    step = next(s for s in plan.routes[0].steps if s.kind == "pickup")
    step.time = 60  # one minute past midnight
    problems = verify(plan, riders, shuttles)
    assert any("prima del suo orario" in p for p in problems)
    assert any("né servito" in p for p in verify(plan, [*riders, rider(9)], shuttles))
