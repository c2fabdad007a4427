"""The monitoring indicators count rides given and people transported; the demo loader fills
Puglia's transport once, however many times it runs."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from approdo.monitoring.compute import compute
from approdo.monitoring.frame import Context, Filters
from approdo.network.models import Node
from approdo.transport import services
from approdo.transport.demo import load_transport_demo
from approdo.transport.models import Boarding, Booking, RideRequest, Shuttle, Stop, Trip
from approdo.transport.tests.factories import TransportWorld, make_transport_world

pytestmark = pytest.mark.django_db


def test_rides_and_people_are_counted(settings):
    tw: TransportWorld = make_transport_world(seats=3)
    stops = list(tw.trip.stops.order_by("order"))
    other = tw.new_case()
    for case in (tw.w.case, other):
        booking = services.booking_create(
            actor=tw.w.manager, case=case, trip=tw.trip, pickup=stops[0], dropoff=stops[2]
        )
        services.booking_board(
            actor=tw.w.manager, booking=booking, boarded=True, expected_version=1
        )
    today = timezone.localdate()
    board = compute(
        Context(Filters(today, today + dt.timedelta(days=2))),
        hide_small=False,
        codes=["transport_rides", "transport_people"],
    )
    rides = board.result("transport_rides")
    people = board.result("transport_people")
    assert rides is not None and rides.value == 2
    assert {k: v for k, _l, v in rides.tallies[2].rows if v} == {"farm": 2}
    assert people is not None and people.value == 2
    assert {k: v for k, _l, v in people.tallies[1].rows if v} == {"male": 2}
    # Outside the period nothing counts.
    before = compute(
        Context(Filters(today - dt.timedelta(days=9), today)),
        hide_small=False,
        codes=["transport_rides"],
    )
    assert before.result("transport_rides").value == 0


def test_the_demo_loader_is_idempotent():
    tw: TransportWorld = make_transport_world()
    Node.objects.filter(pk=tw.w.hub_a.pk).update(code="PUG-H01")
    Node.objects.filter(pk=tw.w.hub_a2.pk).update(code="PUG-H02")
    # More open cases at Foggia, each with its case manager (as the demo cases have).
    for _ in range(12):
        tw.new_case()
    first = load_transport_demo()
    assert first.hubs == ["PUG-H01", "PUG-H02"]
    counts = [
        Stop.objects.count(),
        Shuttle.objects.count(),
        Trip.objects.count(),
        Booking.objects.count(),
        Boarding.objects.count(),
        RideRequest.objects.count(),
    ]
    assert first.bookings == 7 and first.requests == 6 and first.rides > 0
    second = load_transport_demo()
    assert second.bookings == 0 and second.requests == 0 and second.rides == 0
    assert counts == [
        Stop.objects.count(),
        Shuttle.objects.count(),
        Trip.objects.count(),
        Booking.objects.count(),
        Boarding.objects.count(),
        RideRequest.objects.count(),
    ]
    # Tomorrow's Foggia trip keeps free seats for a journey to book one.
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    trip = Trip.objects.get(date=tomorrow, shuttle__plate="GF101AP")
    assert services.seats_left(trip) >= 10
    # Tomorrow's requests are planned with the shuttles no line keeps busy.
    from approdo.transport import plan_services

    plan = plan_services.plan_create(
        actor=tw.w.coordinator, hub=tw.w.hub_a, date=tomorrow, time_limit=0.5
    )
    assert plan.run_status == "done"
    assert "GF101AP" in plan.inputs["busy"]
    assert len(plan_services.plan_of(plan).served) >= 4


def test_the_daily_command_makes_each_timetabled_trip_once():
    from django.core.management import call_command

    tw: TransportWorld = make_transport_world()
    call_command("make_transport_trips", "--days", "3")
    call_command("make_transport_trips", "--days", "3")
    assert Trip.objects.filter(route=tw.timetable.route).count() == 3
