"""Route planning for a day's rides: who each shuttle picks up, in which order, when.

A capacitated vehicle routing problem with pick-ups and deliveries and time windows, solved
with OR-Tools routing: each rider is a pick-up node and a drop-off node on the same shuttle
(pick-up first), seats are a capacity dimension, times a time dimension with the riders'
windows and the shuttles' hours. Every rider is optional at a penalty far above any route's
length, so the solver carries everyone it can and reports the rest instead of failing. Cost is
the distance driven. The first solution comes from parallel cheapest insertion, then guided
local search improves it until a time limit scaled to the size.

The solver's answer is rebuilt with `routing.build_route` and must pass `verify.verify`;
`baseline.nearest_neighbour` is the greedy method it is compared with (bench/transport.py).
Pure Python: the app converts ride requests and shuttles into Rider and Shuttle.
"""

from __future__ import annotations

import time
from collections.abc import Sequence

import numpy as np
from ortools.constraint_solver import (
    pywrapcp,
    routing_enums_pb2,
)

from approdo.transport.baseline import nearest_neighbour
from approdo.transport.geo import EARTH_RADIUS_M, Roads
from approdo.transport.routing import (
    DROPOFF,
    PICKUP,
    Plan,
    Rider,
    Shuttle,
    alone_ok,
    build_route,
    empty_plan,
    reasons_for,
)
from approdo.transport.verify import verify

__all__ = ["Plan", "Rider", "Roads", "Shuttle", "nearest_neighbour", "plan_routes", "verify"]

# Dropping a rider must always cost more than any detour that carries them.
DROP_PENALTY = 100_000_000
DAY = 24 * 3600


def time_limit_for(riders: int) -> float:
    """Seconds of local search: about 3 s per 100 riders, between 1 s and 20 s."""
    return min(20.0, max(1.0, riders * 0.03))


def _matrices(points: list[tuple[float, float]], roads: Roads) -> tuple[np.ndarray, np.ndarray]:
    """Road metres and travel seconds between every two points (vectorised haversine)."""
    lat = np.radians(np.array([p[0] for p in points]))
    lon = np.radians(np.array([p[1] for p in points]))
    dlat = lat[:, None] - lat[None, :]
    dlon = lon[:, None] - lon[None, :]
    a = np.sin(dlat / 2) ** 2 + np.cos(lat)[:, None] * np.cos(lat)[None, :] * np.sin(dlon / 2) ** 2
    metres = 2 * EARTH_RADIUS_M * np.arcsin(np.minimum(1.0, np.sqrt(a))) * roads.road_factor
    metres = np.rint(metres)
    seconds = np.rint(metres / (roads.speed_kmh / 3.6))
    return metres.astype(np.int64), seconds.astype(np.int64)


def plan_routes(
    riders: Sequence[Rider],
    shuttles: Sequence[Shuttle],
    *,
    roads: Roads | None = None,
    time_limit: float | None = None,
) -> Plan:
    """Plan the day: routes per shuttle, each rider's pick-up time, the riders left out."""
    started = time.perf_counter()
    roads = roads or Roads()
    by_id = {r.id: r for r in riders}
    possible = [r for r in riders if any(alone_ok(r, s, roads) for s in shuttles)]
    if not possible:
        plan = empty_plan(riders, shuttles, roads, "ortools")
        plan.seconds = time.perf_counter() - started
        return plan
    v = len(shuttles)
    points = [s.depot for s in shuttles]
    for r in possible:
        points += [r.pickup, r.dropoff]
    metres, seconds = _matrices(points, roads)
    service = np.array([0] * v + [r.service for r in possible for _ in (0, 1)], dtype=np.int64)
    transit = seconds + service[:, None]
    # Python ints: OR-Tools' SWIG wrapper wants them, not numpy scalars.
    manager = pywrapcp.RoutingIndexManager(len(points), v, list(range(v)), list(range(v)))
    model = pywrapcp.RoutingModel(manager)
    cost = model.RegisterTransitMatrix(metres.tolist())
    model.SetArcCostEvaluatorOfAllVehicles(cost)
    clock = model.RegisterTransitMatrix(transit.tolist())
    model.AddDimension(clock, DAY, DAY, False, "time")
    times = model.GetDimensionOrDie("time")
    demand = [0] * v + [d for _ in possible for d in (1, -1)]
    seats = model.RegisterUnaryTransitVector(demand)
    model.AddDimensionWithVehicleCapacity(seats, 0, [s.seats for s in shuttles], True, "seats")
    solver = model.solver()
    for k, s in enumerate(shuttles):
        times.CumulVar(model.Start(k)).SetRange(s.start, s.end)
        times.CumulVar(model.End(k)).SetRange(s.start, s.end)
    for i, r in enumerate(possible):
        p, d = manager.NodeToIndex(v + 2 * i), manager.NodeToIndex(v + 2 * i + 1)
        ride = int(seconds[v + 2 * i, v + 2 * i + 1]) + r.service
        model.AddPickupAndDelivery(p, d)
        solver.Add(model.VehicleVar(p) == model.VehicleVar(d))
        solver.Add(times.CumulVar(p) <= times.CumulVar(d))
        times.CumulVar(p).SetRange(
            r.earliest_pickup, max(r.earliest_pickup, r.latest_arrival - ride)
        )
        times.CumulVar(d).SetRange(r.earliest_pickup + ride, r.latest_arrival)
        model.AddDisjunction([p], DROP_PENALTY)
        model.AddDisjunction([d], DROP_PENALTY)
    params = pywrapcp.DefaultRoutingSearchParameters()
    params.first_solution_strategy = (
        routing_enums_pb2.FirstSolutionStrategy.PARALLEL_CHEAPEST_INSERTION
    )
    params.local_search_metaheuristic = (
        routing_enums_pb2.LocalSearchMetaheuristic.GUIDED_LOCAL_SEARCH
    )
    limit = time_limit if time_limit is not None else time_limit_for(len(possible))
    params.time_limit.FromMilliseconds(int(limit * 1000))
    solution = model.SolveWithParameters(params)
    if solution is None:
        plan = empty_plan(riders, shuttles, roads, "ortools")
        plan.seconds = time.perf_counter() - started
        return plan
    routes = []
    for k, s in enumerate(shuttles):
        sequence: list[tuple[str, int]] = []
        index = solution.Value(model.NextVar(model.Start(k)))
        while not model.IsEnd(index):
            node = manager.IndexToNode(index)
            rider = possible[(node - v) // 2]
            sequence.append((PICKUP if (node - v) % 2 == 0 else DROPOFF, rider.id))
            index = solution.Value(model.NextVar(index))
        routes.append(build_route(s, sequence, by_id, roads))
    served = {rid for route in routes for rid in route.riders}
    dropped = [r.id for r in riders if r.id not in served]
    plan = Plan(routes, reasons_for(dropped, by_id, shuttles, roads), "ortools")
    plan.seconds = time.perf_counter() - started
    return plan
