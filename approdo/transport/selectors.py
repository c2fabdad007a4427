"""Reads of transport, always scoped to the user's hubs; person data only through cases.

Shuttles, stops and trips are visible in the user's places. A booking or a ride request names
a person: the name shows only where the user may read the case (cases.selectors), otherwise
the case's reference stands for them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from approdo.accounts.access import access_for
from approdo.accounts.models import User
from approdo.cases.models import Case
from approdo.cases.permissions import CasePermissions
from approdo.cases.selectors import readable_case_ids
from approdo.transport import routing
from approdo.transport.access import hub_q, require_operator, require_visible
from approdo.transport.models import (
    Boarding,
    Booking,
    RideRequest,
    RoutePlan,
    Shuttle,
    Stop,
    Trip,
    TripStop,
)
from approdo.transport.services import leg_loads


def shuttles_for(user: User) -> QuerySet[Shuttle]:
    return Shuttle.objects.filter(hub_q(user)).select_related("hub", "depot", "driver")


def stops_for(user: User) -> QuerySet[Stop]:
    return Stop.objects.filter(hub_q(user)).select_related("hub", "municipality")


def trips_for(user: User, dates: list[dt.date] | None = None) -> QuerySet[Trip]:
    trips = Trip.objects.filter(hub_q(user, "shuttle__hub_id"))
    if dates:
        trips = trips.filter(date__in=dates)
    held = Count("bookings", filter=~_cancelled())
    return trips.select_related("shuttle__hub", "route").annotate(booked=held)


def _cancelled() -> Q:
    return Q(bookings__status__in=["cancelled", "no_show"])


def trip_get(*, user: User, pk: int) -> Trip:
    trip = get_object_or_404(Trip.objects.select_related("shuttle__hub", "route"), pk=pk)
    require_visible(user, trip.shuttle.hub_id)
    return trip


def seats_left(trip: Trip) -> int:
    loads = leg_loads(trip)
    return trip.shuttle.seats - max(loads.values(), default=0)


@dataclass
class Row:
    """A booking or request as the user may see it: the name only where the case is readable."""

    obj: Any
    who: str
    readable: bool


def _label(case: Case, readable: bool) -> str:
    if readable and case.person is not None:
        return f"{case.person} ({case.reference})"
    return case.reference


def labelled(user: User, rows: list[Any]) -> list[Row]:
    readable = readable_case_ids(user=user, case_ids=[r.case_id for r in rows])
    return [Row(r, _label(r.case, r.case_id in readable), r.case_id in readable) for r in rows]


def trip_bookings(*, user: User, trip: Trip) -> list[Row]:
    """The trip's bookings for the hub's operators (403 for monitors, 404 elsewhere)."""
    require_operator(user, trip.shuttle.hub_id)
    rows = list(
        trip.bookings.select_related(
            "case__person", "pickup__stop", "dropoff__stop", "boarding"
        ).order_by("pickup__order", "pk")
    )
    return labelled(user, rows)


def trip_stops(trip: Trip) -> list[TripStop]:
    return list(trip.stops.select_related("stop"))


def ridership(user: User, *, days: int = 30) -> QuerySet[Boarding]:
    """Rides given in the user's hubs over the last `days` days (the ridership log)."""
    since = timezone.now() - dt.timedelta(days=days)
    return Boarding.objects.filter(
        hub_q(user, "booking__trip__shuttle__hub_id"), boarded_at__gte=since
    ).select_related("booking__pickup__stop", "booking__dropoff__stop", "booking__trip__shuttle")


# --- one case --------------------------------------------------------------------------------


def case_requests(perms: CasePermissions) -> QuerySet[RideRequest]:
    return (
        RideRequest.objects.filter(case=perms.case)
        .select_related("pickup", "dropoff", "booking")
        .order_by("-date", "earliest_pickup")
    )


def case_bookings(perms: CasePermissions) -> QuerySet[Booking]:
    return (
        Booking.objects.filter(case=perms.case)
        .select_related("trip__shuttle", "pickup__stop", "dropoff__stop", "boarding")
        .order_by("-trip__date", "pickup_at")
    )


def bookable_trips(case: Case) -> QuerySet[Trip]:
    """Upcoming planned trips of the case's hub (today and the next week)."""
    today = timezone.localdate()
    return (
        Trip.objects.filter(
            shuttle__hub_id=case.hub_id,
            status="planned",
            date__gte=today,
            date__lte=today + dt.timedelta(days=7),
        )
        .select_related("shuttle", "route")
        .prefetch_related(Prefetch("stops", queryset=TripStop.objects.select_related("stop")))
    )


def case_stops(case: Case) -> QuerySet[Stop]:
    return Stop.objects.filter(hub_id=case.hub_id, active=True)


# --- plans -----------------------------------------------------------------------------------


def plans_for(user: User) -> QuerySet[RoutePlan]:
    ids = access_for(user).person_node_ids
    return RoutePlan.objects.filter(hub_id__in=ids).select_related("hub", "created_by")


def plan_get(*, user: User, pk: int) -> RoutePlan:
    plan = get_object_or_404(RoutePlan.objects.select_related("hub"), pk=pk)
    require_operator(user, plan.hub_id)
    return plan


@dataclass
class StopRow:
    time: str
    place: str
    boards: list[str]
    alights: list[str]
    load: int


@dataclass
class RouteView:
    shuttle: Shuttle | None
    shuttle_id: int
    rows: list[StopRow]
    km: float
    riders: list[tuple[int, str]]
    points: list[tuple[float, float]]


def _hhmm(s: int) -> str:
    return f"{s // 3600:02d}:{s % 3600 // 60:02d}"


def plan_view(*, user: User, plan: RoutePlan) -> tuple[list[RouteView], list[tuple[int, str, str]]]:
    """Each shuttle's stops with times, who boards and alights, the load; and who was left out
    (rider id, label, reason code)."""
    from approdo.transport.plan_services import plan_of

    if not plan.solution:
        return [], []
    result = plan_of(plan)
    inputs = {r["id"]: r for r in plan.inputs.get("riders", [])}
    cases = Case.objects.select_related("person").in_bulk([r["case"] for r in inputs.values()])
    readable = readable_case_ids(user=user, case_ids=list(cases))
    labels = {
        rid: _label(cases[r["case"]], r["case"] in readable)
        for rid, r in inputs.items()
        if r["case"] in cases
    }
    stops = Stop.objects.in_bulk(
        {r["pickup_stop"] for r in inputs.values()}
        | {r["dropoff_stop"] for r in inputs.values()}
        | {s["depot_stop"] for s in plan.inputs.get("shuttles", [])}
    )
    depots = {s["id"]: s["depot_stop"] for s in plan.inputs.get("shuttles", [])}
    fleet = Shuttle.objects.in_bulk([r.shuttle for r in result.routes])
    views = []
    for route in result.routes:
        rows: list[StopRow] = []
        for step in route.steps:
            if step.rider is None:
                place = stops[depots[route.shuttle]].name
                rows.append(StopRow(_hhmm(step.time), str(place), [], [], 0))
                continue
            key = "pickup_stop" if step.kind == routing.PICKUP else "dropoff_stop"
            place = stops[inputs[step.rider][key]].name
            # Riders boarding or alighting one after another at a stop share one row
            # (never the depot's departure row).
            if len(rows) == 1 or rows[-1].place != place:
                rows.append(StopRow(_hhmm(step.time), place, [], [], step.load))
            who = labels.get(step.rider, str(step.rider))
            (rows[-1].boards if step.kind == routing.PICKUP else rows[-1].alights).append(who)
            rows[-1].load = step.load
        views.append(
            RouteView(
                shuttle=fleet.get(route.shuttle),
                shuttle_id=route.shuttle,
                rows=rows,
                km=round(route.distance_m / 1000, 1),
                riders=[(rid, labels.get(rid, str(rid))) for rid in route.riders],
                points=[s.point for s in route.steps],
            )
        )
    unserved = [(rid, labels.get(rid, str(rid)), why) for rid, why in result.unserved.items()]
    return views, unserved
