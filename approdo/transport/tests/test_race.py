"""Two operators booking the last seat at the same moment: one gets it, the other is told the
trip is full (the trip's row lock, on PostgreSQL)."""

from __future__ import annotations

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from approdo.transport import services
from approdo.transport.models import Booking
from approdo.transport.tests.factories import make_transport_world


@pytest.mark.django_db(transaction=True)
def test_two_bookings_for_the_last_seat_never_overbook():
    if connection.vendor != "postgresql":
        pytest.skip("SQLite runs one writer at a time; the row lock is exercised on PostgreSQL")
    tw = make_transport_world(seats=1)
    cases = [tw.w.case, tw.new_case()]
    stops = list(tw.trip.stops.order_by("order"))
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def book(case) -> None:
        try:
            barrier.wait(timeout=10)
            services.booking_create(
                actor=tw.w.manager, case=case, trip=tw.trip, pickup=stops[0], dropoff=stops[-1]
            )
            outcomes.append("booked")
        except ValidationError:
            outcomes.append("full")
        finally:
            connection.close()

    threads = [threading.Thread(target=book, args=(case,)) for case in cases]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(outcomes) == ["booked", "full"]
    assert Booking.objects.filter(trip=tw.trip).count() == 1
