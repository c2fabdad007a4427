"""The transport API with the same scoping as the pages, and problem+json refusals."""

from __future__ import annotations

import pytest
from django.test import Client

from approdo.api.tests.network import token_header
from approdo.transport.models import Booking, BookingStatus, RoutePlan
from approdo.transport.tests.factories import (
    TransportWorld,
    make_transport_world,
    plan_day,
    request_ride,
)

pytestmark = pytest.mark.django_db
API = "/api/v1/transport/"


@pytest.fixture
def tw() -> TransportWorld:
    return make_transport_world(seats=1)


def test_lists_are_scoped_to_the_callers_hubs(client: Client, tw: TransportWorld):
    mine = client.get(API + "trips/", headers=token_header(tw.w.manager)).json()
    assert [t["id"] for t in mine["results"]] == [tw.trip.pk]
    assert mine["results"][0]["seats_left"] == 1
    theirs = client.get(API + "trips/", headers=token_header(tw.w.worker_c)).json()
    assert theirs["results"] == []
    assert (
        client.get(API + f"trips/{tw.trip.pk}/", headers=token_header(tw.w.worker_c)).status_code
        == 404
    )
    stops = client.get(API + "stops/", headers=token_header(tw.w.manager)).json()
    assert len(stops["results"]) == 6
    assert client.get(API + "shuttles/", headers=token_header(tw.w.manager)).status_code == 200


def test_booking_then_the_trip_is_full_as_problem_json(client: Client, tw: TransportWorld):
    stops = list(tw.trip.stops.order_by("order"))
    body = {"case": tw.w.case.pk, "trip": tw.trip.pk, "pickup": stops[0].pk, "dropoff": stops[2].pk}
    made = client.post(
        API + "bookings/", body, content_type="application/json", headers=token_header(tw.w.manager)
    )
    assert made.status_code == 201, made.content
    other = tw.new_case()
    full = client.post(
        API + "bookings/",
        {**body, "case": other.pk},
        content_type="application/json",
        headers=token_header(tw.w.manager),
    )
    assert full.status_code == 400
    assert full["Content-Type"] == "application/problem+json"
    assert "Posti esauriti" in str(full.json()["errors"])
    booking = Booking.objects.get()
    boarded = client.post(
        API + f"bookings/{booking.pk}/board/",
        {"boarded": True, "version": 1},
        content_type="application/json",
        headers=token_header(tw.w.colleague),
    )
    assert boarded.status_code == 200 and boarded.json()["status"] == BookingStatus.BOARDED
    stale = client.post(
        API + f"bookings/{booking.pk}/board/",
        {"boarded": True, "version": 1},
        content_type="application/json",
        headers=token_header(tw.w.colleague),
    )
    assert stale.status_code in (400, 409)


def test_ride_requests_and_plans(client: Client, tw: TransportWorld, settings):
    settings.TRANSPORT_TIME_LIMIT = 0.5
    url = API + f"cases/{tw.w.case.pk}/ride-requests/"
    body = {
        "date": plan_day().isoformat(),
        "pickup": tw.stops["borgo"].pk,
        "dropoff": tw.stops["farm"].pk,
        "earliest_pickup": "05:00",
        "latest_arrival": "08:00",
    }
    made = client.post(
        url + "new/", body, content_type="application/json", headers=token_header(tw.w.manager)
    )
    assert made.status_code == 201, made.content
    assert len(client.get(url, headers=token_header(tw.w.manager)).json()["results"]) == 1
    assert client.get(url, headers=token_header(tw.w.other_body)).status_code == 404
    request_ride(tw, tw.new_case())
    run = client.post(
        API + "plans/run/",
        {"hub": tw.w.hub_a.pk, "date": plan_day().isoformat()},
        content_type="application/json",
        headers=token_header(tw.w.coordinator),
    )
    assert run.status_code == 201, run.content
    plan = RoutePlan.objects.get()
    assert run.json()["run_status"] == "done"
    refused = client.post(
        API + "plans/run/",
        {"hub": tw.w.hub_a.pk, "date": "2020-01-01"},
        content_type="application/json",
        headers=token_header(tw.w.other_body),
    )
    assert refused.status_code == 400
    assert (
        client.get(API + f"plans/{plan.pk}/", headers=token_header(tw.w.other_body)).status_code
        == 404
    )
    published = client.post(
        API + f"plans/{plan.pk}/publish/",
        {"version": plan.version},
        content_type="application/json",
        headers=token_header(tw.w.coordinator),
    )
    assert published.status_code == 200 and published.json()["status"] == "published"
    again = client.post(
        API + f"plans/{plan.pk}/publish/",
        {"version": plan.version},
        content_type="application/json",
        headers=token_header(tw.w.coordinator),
    )
    assert again.status_code in (400, 409)
