"""Bookings never overbook a trip, a person never travels twice at once, boardings are
recorded, ride requests are checked; plans are adjusted only when still sound and publishing
gives each rider a booking with a pick-up time."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from approdo.audit.models import AuditEvent
from approdo.core.concurrency import StaleEditError
from approdo.transport import plan_edits, plan_services, services
from approdo.transport.models import (
    Boarding,
    Booking,
    BookingStatus,
    PlanStatus,
    RequestStatus,
    RideRequest,
    RunStatus,
    Trip,
)
from approdo.transport.tests.factories import (
    TransportWorld,
    make_transport_world,
    plan_day,
    request_ride,
    tomorrow,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def tw() -> TransportWorld:
    return make_transport_world(seats=3)


def book(tw: TransportWorld, case, first: int = 1, last: int = 3) -> Booking:
    stops = {s.order: s for s in tw.trip.stops.all()}
    return services.booking_create(
        actor=tw.w.manager, case=case, trip=tw.trip, pickup=stops[first], dropoff=stops[last]
    )


def test_a_trip_is_never_overbooked_and_the_refusal_says_why(tw: TransportWorld):
    book(tw, tw.w.case)
    book(tw, tw.new_case())
    book(tw, tw.new_case())
    with pytest.raises(ValidationError) as refused:
        book(tw, tw.new_case())
    assert "Posti esauriti" in str(refused.value)
    assert Booking.objects.filter(trip=tw.trip).count() == 3
    assert AuditEvent.objects.filter(action="transport.booking.created").count() == 3


def test_a_seat_freed_at_a_stop_is_sold_on_for_the_next_legs(tw: TransportWorld):
    book(tw, tw.w.case, 1, 2)
    book(tw, tw.new_case(), 1, 3)
    book(tw, tw.new_case(), 1, 3)
    # Leg 1→2 is full, leg 2→3 has one seat.
    with pytest.raises(ValidationError):
        book(tw, tw.new_case(), 1, 3)
    book(tw, tw.new_case(), 2, 3)


def test_a_person_cannot_hold_two_overlapping_bookings(tw: TransportWorld):
    book(tw, tw.w.case)
    with pytest.raises(ValidationError) as refused:
        services.booking_create(
            actor=tw.w.manager,
            case=tw.w.case,
            trip=services.trip_from_timetable(  # the same line again: a second van, same time
                actor=None, timetable=_second_timetable(tw), date=tomorrow()
            ),
            pickup=tw.trip.stops.first(),
            dropoff=tw.trip.stops.last(),
        )
    assert "Le fermate scelte" in str(refused.value) or "stessa ora" in str(refused.value)


def _second_timetable(tw: TransportWorld):
    from approdo.transport.models import Timetable

    return Timetable.objects.create(
        route=tw.timetable.route,
        weekdays=list(range(7)),
        departs_at=dt.time(5, 45),
        shuttle=tw.bus,
    )


def test_overlap_on_another_trip_at_the_same_time_is_refused(tw: TransportWorld):
    book(tw, tw.w.case)
    other = services.trip_from_timetable(
        actor=None, timetable=_second_timetable(tw), date=tomorrow()
    )
    stops = list(other.stops.order_by("order"))
    with pytest.raises(ValidationError) as refused:
        services.booking_create(
            actor=tw.w.manager, case=tw.w.case, trip=other, pickup=stops[0], dropoff=stops[-1]
        )
    assert "stessa ora" in str(refused.value)


def test_outsiders_and_wrong_orders_are_refused(tw: TransportWorld):
    stops = list(tw.trip.stops.order_by("order"))
    with pytest.raises(PermissionDenied):
        services.booking_create(
            actor=tw.w.other_hub, case=tw.w.case, trip=tw.trip, pickup=stops[0], dropoff=stops[2]
        )
    with pytest.raises(ValidationError):
        services.booking_create(
            actor=tw.w.manager, case=tw.w.case, trip=tw.trip, pickup=stops[2], dropoff=stops[0]
        )


def test_boarding_is_recorded_by_the_operator_once(tw: TransportWorld):
    booking = book(tw, tw.w.case)
    with pytest.raises(PermissionDenied):
        services.booking_board(
            actor=tw.w.monitor, booking=booking, boarded=True, expected_version=1
        )
    services.booking_board(actor=tw.w.colleague, booking=booking, boarded=True, expected_version=1)
    booking.refresh_from_db()
    assert booking.status == BookingStatus.BOARDED
    assert Boarding.objects.get(booking=booking).recorded_by == tw.w.colleague
    with pytest.raises(ValidationError):
        services.booking_board(
            actor=tw.w.colleague, booking=booking, boarded=True, expected_version=2
        )


def test_a_stale_check_in_is_refused(tw: TransportWorld):
    booking = book(tw, tw.w.case)
    services.booking_board(actor=tw.w.colleague, booking=booking, boarded=False, expected_version=1)
    booking.refresh_from_db()
    with pytest.raises(StaleEditError):
        services.booking_board(
            actor=tw.w.colleague, booking=booking, boarded=True, expected_version=1
        )


def test_ride_requests_are_checked(tw: TransportWorld):
    made = request_ride(tw, tw.w.case)
    assert made.status == RequestStatus.OPEN and made.hub == tw.w.hub_a
    with pytest.raises(ValidationError) as overlap:
        request_ride(tw, tw.w.case, earliest_pickup=dt.time(6, 0), latest_arrival=dt.time(9, 0))
    assert "fascia oraria" in str(overlap.value)
    with pytest.raises(ValidationError) as bad:
        request_ride(
            tw,
            tw.new_case(),
            dropoff=tw.stops["torretta"],
            earliest_pickup=dt.time(9, 0),
            latest_arrival=dt.time(8, 0),
        )
    assert set(bad.value.message_dict) == {"dropoff", "latest_arrival"}


# --- plans -------------------------------------------------------------------------------------


def planned(tw: TransportWorld, n: int = 3, **kwargs: object):
    for _ in range(n):
        request_ride(tw, tw.new_case(), **kwargs)
    return plan_services.plan_create(
        actor=tw.w.coordinator, hub=tw.w.hub_a, date=plan_day(), time_limit=0.5
    )


def test_a_plan_carries_the_requests_and_publishing_books_everyone(tw: TransportWorld):
    plan = planned(tw, 4)
    assert plan.run_status == RunStatus.DONE
    result = plan_services.plan_of(plan)
    assert len(result.served) == 4
    plan_services.plan_publish(actor=tw.w.coordinator, plan=plan, expected_version=plan.version)
    plan.refresh_from_db()
    assert plan.status == PlanStatus.PUBLISHED
    requests = RideRequest.objects.filter(date=plan_day())
    assert all(r.status == RequestStatus.BOOKED and r.booking for r in requests)
    times = result.pickup_times()
    for r in requests:
        assert r.booking.pickup_at == plan_services.clock(times[r.pk])
        assert r.booking.pickup_at >= r.earliest_pickup
        assert r.booking.dropoff_at <= r.latest_arrival
    assert Trip.objects.filter(plan=plan).exists()
    with pytest.raises(ValidationError):  # once published, it stays as it is
        plan_services.plan_publish(actor=tw.w.coordinator, plan=plan, expected_version=plan.version)


def test_moving_a_rider_onto_a_full_van_is_refused(tw: TransportWorld):
    plan = planned(tw, 4, earliest_pickup=dt.time(5, 0), latest_arrival=dt.time(6, 10))
    result = plan_services.plan_of(plan)
    on_bus = next(r for r in result.routes if r.shuttle == tw.bus.pk).riders
    assert len(on_bus) >= 1  # the 3-seat van cannot take all four
    van_riders = next(r for r in result.routes if r.shuttle == tw.van.pk).riders
    if len(van_riders) < 3:  # fill the van first if the solver spread them
        for rid in on_bus[: 3 - len(van_riders)]:
            plan = plan_edits.plan_adjust(
                actor=tw.w.coordinator,
                plan=plan,
                expected_version=plan.version,
                action="move",
                rider=rid,
                shuttle=tw.van.pk,
            )
    remaining = next(r for r in plan_services.plan_of(plan).routes if r.shuttle == tw.bus.pk)
    with pytest.raises(ValidationError) as refused:
        plan_edits.plan_adjust(
            actor=tw.w.coordinator,
            plan=plan,
            expected_version=plan.version,
            action="move",
            rider=remaining.riders[0],
            shuttle=tw.van.pk,
        )
    assert "posti" in str(refused.value)


def test_removing_and_reordering_keep_the_plan_verified(tw: TransportWorld):
    plan = planned(tw, 2)
    result = plan_services.plan_of(plan)
    rid = result.served[0]
    plan = plan_edits.plan_adjust(
        actor=tw.w.coordinator, plan=plan, expected_version=plan.version, action="remove", rider=rid
    )
    assert plan_services.plan_of(plan).unserved == {rid: "removed"}
    # Alone on their shuttle now (pick-up, drop-off): dropping them before they board is
    # refused by the checker.
    other = plan_services.plan_of(plan).served[0]
    with pytest.raises(ValidationError) as refused:
        plan_edits.plan_adjust(
            actor=tw.w.coordinator,
            plan=plan,
            expected_version=plan.version,
            action="down",
            rider=other,
        )
    assert "Modifica rifiutata" in str(refused.value)
    with pytest.raises(StaleEditError):
        plan_edits.plan_adjust(
            actor=tw.w.coordinator,
            plan=plan,
            expected_version=1,
            action="move",
            rider=rid,
            shuttle=tw.bus.pk,
        )


def test_a_window_nobody_can_meet_is_reported_unserved_and_published_as_such(tw: TransportWorld):
    request_ride(tw, tw.w.case, earliest_pickup=dt.time(5, 0), latest_arrival=dt.time(5, 5))
    plan = plan_services.plan_create(
        actor=tw.w.coordinator, hub=tw.w.hub_a, date=plan_day(), time_limit=0.5
    )
    assert plan_services.plan_of(plan).unserved == {RideRequest.objects.get().pk: "window"}
    plan_services.plan_publish(actor=tw.w.coordinator, plan=plan, expected_version=plan.version)
    assert RideRequest.objects.get().status == RequestStatus.UNSERVED


def test_big_days_run_in_the_background(
    tw: TransportWorld, settings, django_capture_on_commit_callbacks
):
    settings.TRANSPORT_SYNC_RIDERS = 1
    settings.TRANSPORT_TIME_LIMIT = 0.5
    request_ride(tw, tw.w.case)
    request_ride(tw, tw.new_case())
    with django_capture_on_commit_callbacks(execute=True):
        plan = plan_services.plan_create(actor=tw.w.coordinator, hub=tw.w.hub_a, date=plan_day())
    assert plan.run_status == RunStatus.QUEUED  # as the page first shows it
    plan.refresh_from_db()
    assert plan.run_status == RunStatus.DONE  # the immediate backend ran the task
    assert len(plan_services.plan_of(plan).served) == 2


def test_planning_is_for_the_hubs_operators(tw: TransportWorld):
    from django.http import Http404

    request_ride(tw, tw.w.case)
    with pytest.raises(Http404):
        plan_services.plan_create(actor=tw.w.other_hub, hub=tw.w.hub_a, date=plan_day())
    with pytest.raises(PermissionDenied):
        plan_services.plan_create(actor=tw.w.monitor, hub=tw.w.hub_a, date=plan_day())


def test_a_shuttle_already_running_a_line_that_day_is_left_out(tw: TransportWorld):
    request_ride(tw, tw.w.case, date=tomorrow())  # the van runs the line tomorrow
    plan = plan_services.plan_create(
        actor=tw.w.coordinator, hub=tw.w.hub_a, date=tomorrow(), time_limit=0.5
    )
    assert [s.id for s in plan_services.shuttles_of(plan)] == [tw.bus.pk]
    assert plan.inputs["busy"] == [tw.van.plate]
    assert plan_services.plan_of(plan).served == [RideRequest.objects.get().pk]
