"""Route plans: run the planner on a hub's day, publish the result as trips and bookings.

A plan keeps the snapshot the planner saw (`inputs`) and its routes (`solution`); hand
adjustments are in plan_edits.py and are checked by `verify` like the planner's result.
Publishing checks once more, then writes the trips, their stops and a seat booking per rider,
and tells each ride request its pick-up time. Big days run in the background (django-tasks),
small ones at once.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from approdo.accounts.models import User
from approdo.audit.services import record
from approdo.core.concurrency import save_if_version
from approdo.network.models import Node
from approdo.transport import routing
from approdo.transport.access import require_operator
from approdo.transport.geo import Roads
from approdo.transport.models import (
    Booking,
    PlanStatus,
    RequestStatus,
    RideRequest,
    RoutePlan,
    RunStatus,
    Shuttle,
    Trip,
    TripStatus,
    TripStop,
)
from approdo.transport.verify import verify

logger = logging.getLogger(__name__)


def roads() -> Roads:
    return Roads(
        road_factor=settings.TRANSPORT_ROAD_FACTOR,
        speed_kmh=settings.TRANSPORT_SPEED_KMH,
    )


def sync_limit() -> int:
    """Above this many riders the plan runs as a background task."""
    return int(settings.TRANSPORT_SYNC_RIDERS)


def seconds(t: dt.time) -> int:
    return t.hour * 3600 + t.minute * 60 + t.second


def clock(s: int) -> dt.time:
    s = max(0, min(s, 24 * 3600 - 1))
    return dt.time(s // 3600, s % 3600 // 60, s % 60)


# --- the snapshot and the solution as planner objects ----------------------------------------


def snapshot(hub: Node, date: dt.date) -> dict[str, Any]:
    requests = RideRequest.objects.filter(hub=hub, date=date, status=RequestStatus.OPEN)
    # A shuttle already running a trip that day (a timetabled line, a published plan) is left
    # out: the planner would otherwise send it to two places at once.
    busy = Trip.objects.filter(date=date, shuttle__hub=hub).exclude(status=TripStatus.CANCELLED)
    shuttles = (
        Shuttle.objects.filter(hub=hub, active=True)
        .exclude(pk__in=busy.values("shuttle_id"))
        .select_related("depot")
    )
    return {
        "busy": sorted(busy.values_list("shuttle__plate", flat=True).distinct()),
        "riders": [
            {
                "id": r.pk,
                "case": r.case_id,
                "pickup_stop": r.pickup_id,
                "dropoff_stop": r.dropoff_id,
                "pickup": r.pickup.point,
                "dropoff": r.dropoff.point,
                "earliest_pickup": seconds(r.earliest_pickup),
                "latest_arrival": seconds(r.latest_arrival),
            }
            for r in requests.select_related("pickup", "dropoff")
        ],
        "shuttles": [
            {
                "id": s.pk,
                "seats": s.seats,
                "depot": s.depot.point,
                "depot_stop": s.depot_id,
                "start": seconds(s.starts_at),
                "end": seconds(s.ends_at),
            }
            for s in shuttles
        ],
    }


def riders_of(plan: RoutePlan) -> list[routing.Rider]:
    return [
        routing.Rider(
            id=r["id"],
            pickup=tuple(r["pickup"]),
            dropoff=tuple(r["dropoff"]),
            earliest_pickup=r["earliest_pickup"],
            latest_arrival=r["latest_arrival"],
        )
        for r in plan.inputs.get("riders", [])
    ]


def shuttles_of(plan: RoutePlan) -> list[routing.Shuttle]:
    return [
        routing.Shuttle(
            id=s["id"],
            seats=s["seats"],
            depot=tuple(s["depot"]),
            start=s["start"],
            end=s["end"],
        )
        for s in plan.inputs.get("shuttles", [])
    ]


def plan_of(plan: RoutePlan) -> routing.Plan:
    """The stored solution with its times rebuilt from the snapshot."""
    riders = {r.id: r for r in riders_of(plan)}
    fleet = {s.id: s for s in shuttles_of(plan)}
    routes = []
    for item in plan.solution.get("routes", []):
        sequence = [(kind, int(rid)) for kind, rid in item["sequence"]]
        routes.append(routing.build_route(fleet[item["shuttle"]], sequence, riders, roads()))
    unserved = {int(k): v for k, v in plan.solution.get("unserved", {}).items()}
    return routing.Plan(routes, unserved, plan.solution.get("solver", ""))


def store(plan: RoutePlan, result: routing.Plan) -> None:
    plan.solution = {
        "routes": [{"shuttle": r.shuttle, "sequence": r.sequence} for r in result.routes],
        "unserved": {str(k): v for k, v in result.unserved.items()},
        "solver": result.solver,
    }
    plan.distance_m = result.distance_m


# --- running ---------------------------------------------------------------------------------


def run_plan(plan_id: int, time_limit: float | None = None) -> bool:
    """Compute a queued plan (in a task or at once); never raises, a failure is recorded."""
    from approdo.transport.planner import plan_routes

    updated = RoutePlan.objects.filter(pk=plan_id, run_status=RunStatus.QUEUED).update(
        run_status=RunStatus.RUNNING
    )
    if not updated:
        return False
    plan = RoutePlan.objects.get(pk=plan_id)
    try:
        limit = (
            time_limit
            if time_limit is not None
            else getattr(settings, "TRANSPORT_TIME_LIMIT", None)
        )
        result = plan_routes(riders_of(plan), shuttles_of(plan), roads=roads(), time_limit=limit)
        problems = verify(result, riders_of(plan), shuttles_of(plan), roads())
        if problems:  # never publish what the checker refuses, whoever computed it
            raise ValueError("; ".join(problems[:3]))
    except Exception as exc:
        logger.exception("Route plan %s failed", plan_id)
        RoutePlan.objects.filter(pk=plan_id).update(
            run_status=RunStatus.FAILED, run_error=str(exc)[:300]
        )
        return False
    store(plan, result)
    plan.seconds = result.seconds
    plan.run_status = RunStatus.DONE
    plan.save(update_fields=["solution", "distance_m", "seconds", "run_status", "updated_at"])
    return True


def _enqueue(plan_id: int) -> None:
    from approdo.transport import tasks

    def start() -> None:
        try:
            result = tasks.compute_plan.enqueue(plan_id)
        except Exception:
            logger.exception("Could not enqueue route plan %s", plan_id)
            RoutePlan.objects.filter(pk=plan_id).update(
                run_status=RunStatus.FAILED,
                run_error=str(_("Non è stato possibile avviare il calcolo: riprova.")),
            )
            return
        RoutePlan.objects.filter(pk=plan_id).update(task_id=str(result.id)[:64])

    transaction.on_commit(start)


def plan_create(
    *, actor: User, hub: Node, date: dt.date, time_limit: float | None = None
) -> RoutePlan:
    """A draft plan of the hub's day from its open ride requests and active shuttles."""
    require_operator(actor, hub.pk)
    if date < timezone.localdate():
        raise ValidationError({"date": _("Il giorno è già passato.")})
    inputs = snapshot(hub, date)
    if not inputs["shuttles"]:
        raise ValidationError(
            _("L'hub non ha navette in servizio libere in questo giorno."), code="no_shuttles"
        )
    if not inputs["riders"]:
        raise ValidationError(
            {"date": _("Nessuna richiesta di trasporto da pianificare in questo giorno.")}
        )
    with transaction.atomic():
        plan = RoutePlan.objects.create(hub=hub, date=date, inputs=inputs, created_by=actor)
        record(
            actor=actor,
            action="transport.plan.created",
            target=plan,
            node_id=hub.pk,
            data={"riders": len(inputs["riders"])},
        )
        if len(inputs["riders"]) > sync_limit():
            _enqueue(plan.pk)
            return plan
    run_plan(plan.pk, time_limit=time_limit)
    plan.refresh_from_db()
    return plan


# --- publishing ------------------------------------------------------------------------------


@transaction.atomic
def plan_publish(*, actor: User, plan: RoutePlan, expected_version: int) -> RoutePlan:
    """Trips, trip stops and seat bookings from the plan; each rider learns their pick-up."""
    require_operator(actor, plan.hub_id)
    if plan.status != PlanStatus.DRAFT or plan.run_status != RunStatus.DONE:
        raise ValidationError(_("Si pubblica solo una bozza già calcolata."))
    if RoutePlan.objects.filter(hub=plan.hub, date=plan.date, status=PlanStatus.PUBLISHED).exists():
        raise ValidationError(_("Per questo giorno c'è già un piano pubblicato."))
    current = plan_of(plan)
    problems = verify(current, riders_of(plan), shuttles_of(plan), roads())
    if problems:
        raise ValidationError(" ".join(problems[:3]), code="infeasible")
    plan.status = PlanStatus.PUBLISHED
    plan.published_by, plan.published_at = actor, timezone.now()
    save_if_version(
        plan, expected_version=expected_version, fields=["status", "published_by", "published_at"]
    )
    inputs = {r["id"]: r for r in plan.inputs["riders"]}
    requests = RideRequest.objects.select_for_update().in_bulk(list(inputs))
    for route in current.routes:
        if routing.idle(route):
            continue
        _publish_route(actor, plan, route, inputs, requests)
    for rid, reason in current.unserved.items():
        req = requests.get(rid)
        if req is not None and req.status == RequestStatus.OPEN:
            req.status, req.unserved_reason = RequestStatus.UNSERVED, reason
            req.save(update_fields=["status", "unserved_reason", "updated_at"])
    record(
        actor=actor,
        action="transport.plan.published",
        target=plan,
        node_id=plan.hub_id,
        data={"served": len(current.served), "unserved": len(current.unserved)},
    )
    return plan


def _publish_route(
    actor: User,
    plan: RoutePlan,
    route: routing.Route,
    inputs: dict[int, Any],
    requests: dict[int, RideRequest],
) -> None:
    rider_steps = [s for s in route.steps if s.rider is not None]
    trip = Trip.objects.create(
        date=plan.date,
        shuttle_id=route.shuttle,
        plan=plan,
        departs_at=clock(route.steps[0].time),
    )
    stop_of: dict[tuple[str, int], TripStop] = {}
    last: TripStop | None = None
    order = 0
    for step in rider_steps:
        assert step.rider is not None
        key = "pickup_stop" if step.kind == routing.PICKUP else "dropoff_stop"
        stop_id = inputs[step.rider][key]
        if last is None or last.stop_id != stop_id:
            order += 1
            last = TripStop.objects.create(
                trip=trip, stop_id=stop_id, order=order, planned_at=clock(step.time)
            )
        stop_of[(step.kind, step.rider)] = last
    times = {(s.kind, s.rider): s.time for s in rider_steps}
    for rid in route.riders:
        req = requests[rid]
        booking = Booking.objects.create(
            trip=trip,
            case_id=req.case_id,
            person_id=req.person_id,
            pickup=stop_of[(routing.PICKUP, rid)],
            dropoff=stop_of[(routing.DROPOFF, rid)],
            pickup_at=clock(times[(routing.PICKUP, rid)]),
            dropoff_at=clock(times[(routing.DROPOFF, rid)]),
            booked_by=actor,
        )
        req.status, req.booking = RequestStatus.BOOKED, booking
        req.save(update_fields=["status", "booking", "updated_at"])
    record(
        actor=actor,
        action="transport.trip.created",
        target=trip,
        node_id=plan.hub_id,
        data={"plan": plan.pk, "bookings": len(route.riders)},
    )
