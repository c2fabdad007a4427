"""The greedy baseline: each shuttle keeps going to the nearest next stop it can still serve.

The shuttle that is free earliest moves next. Its candidates are the drop-offs of the riders
on board and the pick-ups of riders not yet carried when a seat is free. A pick-up is taken
only if, after it, the shuttle could still drop everyone on board in time by going to the
nearest drop-off each time and then reach its depot within its hours; since the shuttle then
follows the nearest drop-off whenever it picks no one up, every route it builds stays
feasible. This is what a dispatcher with a map would do; the OR-Tools planner must beat it.
"""

from __future__ import annotations

import time
from collections.abc import Sequence

from approdo.transport.geo import Roads
from approdo.transport.routing import (
    DROPOFF,
    PICKUP,
    Plan,
    Point,
    Rider,
    Shuttle,
    build_route,
    reasons_for,
)


class _Van:
    def __init__(self, shuttle: Shuttle) -> None:
        self.shuttle = shuttle
        self.here: Point = shuttle.depot
        self.free_at = shuttle.start  # when it can leave `here`
        self.on_board: list[Rider] = []
        self.sequence: list[tuple[str, int]] = []
        self.done = False


def _can_finish(van: _Van, here: Point, leave: int, on_board: list[Rider], roads: Roads) -> bool:
    """Nearest drop-off each time, then the depot: does everyone arrive in time?"""
    left = list(on_board)
    while left:
        nearest = min(left, key=lambda r: roads.metres(here, r.dropoff))
        arrive = leave + roads.seconds(here, nearest.dropoff)
        if arrive > nearest.latest_arrival:
            return False
        here, leave = nearest.dropoff, arrive + nearest.service
        left.remove(nearest)
    return leave + roads.seconds(here, van.shuttle.depot) <= van.shuttle.end


def _pickup_ok(van: _Van, rider: Rider, roads: Roads) -> bool:
    if len(van.on_board) >= van.shuttle.seats:
        return False
    begin = max(van.free_at + roads.seconds(van.here, rider.pickup), rider.earliest_pickup)
    return _can_finish(van, rider.pickup, begin + rider.service, [*van.on_board, rider], roads)


def nearest_neighbour(
    riders: Sequence[Rider], shuttles: Sequence[Shuttle], *, roads: Roads | None = None
) -> Plan:
    started = time.perf_counter()
    roads = roads or Roads()
    by_id = {r.id: r for r in riders}
    waiting = list(riders)
    vans = [_Van(s) for s in shuttles]
    while True:
        active = [v for v in vans if not v.done]
        if not active:
            break
        van = min(active, key=lambda v: (v.free_at, v.shuttle.id))
        moves: list[tuple[int, str, Rider]] = [
            (roads.metres(van.here, r.dropoff), DROPOFF, r) for r in van.on_board
        ]
        moves += [
            (roads.metres(van.here, r.pickup), PICKUP, r)
            for r in waiting
            if _pickup_ok(van, r, roads)
        ]
        if not moves:
            van.done = True
            continue
        _metres, kind, rider = min(moves, key=lambda m: (m[0], m[1] == PICKUP, m[2].id))
        point = rider.pickup if kind == PICKUP else rider.dropoff
        arrive = van.free_at + roads.seconds(van.here, point)
        if kind == PICKUP:
            arrive = max(arrive, rider.earliest_pickup)
            van.on_board.append(rider)
            waiting.remove(rider)
        else:
            van.on_board.remove(rider)
        van.sequence.append((kind, rider.id))
        van.here, van.free_at = point, arrive + rider.service
    routes = [build_route(v.shuttle, v.sequence, by_id, roads) for v in vans]
    plan = Plan(routes, reasons_for([r.id for r in waiting], by_id, shuttles, roads), "baseline")
    plan.seconds = time.perf_counter() - started
    return plan
