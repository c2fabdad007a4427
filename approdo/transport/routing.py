"""What the planners take and give: riders, shuttles, routes and plans (pure Python, no ORM).

Times are seconds since midnight of the day planned. A route is a shuttle's sequence of
pick-ups and drop-offs from its depot back to its depot; `build_route` gives it times by the
earliest schedule (leave the depot when the shuttle's hours start, wait at a pick-up until the
rider's earliest time), which is the schedule both planners and the hand adjustments use.
Whether a route keeps its promises is for `verify.verify` to say, never the planner.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from approdo.transport.geo import Roads

Point = tuple[float, float]
PICKUP, DROPOFF, START, END = "pickup", "dropoff", "start", "end"

# Why a rider was left out of a plan.
WINDOW = "window"  # no shuttle can carry them within their window and its hours, even alone
CAPACITY = "capacity"  # possible alone, but no room left with the others
REMOVED = "removed"  # an operator took them out by hand


@dataclass(frozen=True)
class Rider:
    id: int
    pickup: Point
    dropoff: Point
    earliest_pickup: int
    latest_arrival: int
    service: int = 60  # seconds to board or alight


@dataclass(frozen=True)
class Shuttle:
    id: int
    seats: int
    depot: Point
    start: int
    end: int


@dataclass
class Step:
    kind: str
    rider: int | None
    point: Point
    arrival: int  # when the shuttle gets there
    time: int  # when boarding or alighting begins (a pick-up waits for the earliest time)
    load: int  # riders on board when the shuttle leaves


@dataclass
class Route:
    shuttle: int
    steps: list[Step]
    distance_m: int

    @property
    def sequence(self) -> list[tuple[str, int]]:
        return [(s.kind, s.rider) for s in self.steps if s.rider is not None]

    @property
    def riders(self) -> list[int]:
        return [s.rider for s in self.steps if s.kind == PICKUP and s.rider is not None]


@dataclass
class Plan:
    routes: list[Route]
    unserved: dict[int, str] = field(default_factory=dict)
    solver: str = ""
    seconds: float = 0.0

    @property
    def served(self) -> list[int]:
        return [rider for route in self.routes for rider in route.riders]

    @property
    def distance_m(self) -> int:
        return sum(route.distance_m for route in self.routes)

    def pickup_times(self) -> dict[int, int]:
        return {
            s.rider: s.time
            for route in self.routes
            for s in route.steps
            if s.kind == PICKUP and s.rider is not None
        }

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def build_route(
    shuttle: Shuttle,
    sequence: Iterable[tuple[str, int]],
    riders: Mapping[int, Rider],
    roads: Roads,
) -> Route:
    """Times, loads and distance of a sequence of pick-ups and drop-offs (earliest schedule,
    except that the shuttle leaves its depot just in time for its first pick-up rather than
    waiting there: nothing after it moves)."""
    sequence = list(sequence)
    leave = shuttle.start
    if sequence and sequence[0][0] == PICKUP:
        first = riders[sequence[0][1]]
        leave = max(
            shuttle.start, first.earliest_pickup - roads.seconds(shuttle.depot, first.pickup)
        )
    steps = [Step(START, None, shuttle.depot, leave, leave, 0)]
    here, load, metres = shuttle.depot, 0, 0
    for kind, rider_id in sequence:
        rider = riders[rider_id]
        point = rider.pickup if kind == PICKUP else rider.dropoff
        arrival = leave + roads.seconds(here, point)
        metres += roads.metres(here, point)
        begin = max(arrival, rider.earliest_pickup) if kind == PICKUP else arrival
        load += 1 if kind == PICKUP else -1
        steps.append(Step(kind, rider_id, point, arrival, begin, load))
        here, leave = point, begin + rider.service
    back = leave + roads.seconds(here, shuttle.depot)
    metres += roads.metres(here, shuttle.depot)
    steps.append(Step(END, None, shuttle.depot, back, back, 0))
    return Route(shuttle.id, steps, metres)


def alone_ok(rider: Rider, shuttle: Shuttle, roads: Roads) -> bool:
    """Could this shuttle carry this rider and nobody else, within window and hours?"""
    route = build_route(
        shuttle, [(PICKUP, rider.id), (DROPOFF, rider.id)], {rider.id: rider}, roads
    )
    dropoff = route.steps[2]
    return dropoff.time <= rider.latest_arrival and route.steps[-1].time <= shuttle.end


def reasons_for(
    dropped: Iterable[int], riders: Mapping[int, Rider], shuttles: Sequence[Shuttle], roads: Roads
) -> dict[int, str]:
    """Why each dropped rider was left out: their window, or no room with the others."""
    return {
        rid: CAPACITY if any(alone_ok(riders[rid], s, roads) for s in shuttles) else WINDOW
        for rid in dropped
    }


def empty_plan(
    riders: Sequence[Rider], shuttles: Sequence[Shuttle], roads: Roads, solver: str
) -> Plan:
    by_id = {r.id: r for r in riders}
    routes = [build_route(s, [], by_id, roads) for s in shuttles]
    return Plan(routes, reasons_for(by_id, by_id, shuttles, roads), solver)


def idle(route: Route) -> bool:
    return len(route.steps) <= 2
