"""The pages as case workers, coordinators and drivers use them; outsiders get 404, monitors
403 on person data; bad input is shown in the form, never a 500."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from approdo.audit.models import AccessLog
from approdo.people.tests.factories import login
from approdo.transport import plan_services, services
from approdo.transport.models import Booking, BookingStatus, PlanStatus, RideRequest, RoutePlan
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


def test_overview_shows_the_hubs_shuttles_and_trips_but_not_other_hubs(client: Client, tw):
    login(client, tw.w.manager)
    html = client.get(reverse("transport:overview")).content.decode()
    assert "TS001AA" in html and "Ex pista di Borgo Mezzanone" in html
    assert f'data-testid="trip-{tw.trip.pk}"' in html
    client.logout()
    login(client, tw.w.other_body)
    html = client.get(reverse("transport:overview")).content.decode()
    assert "TS001AA" not in html


def test_case_worker_requests_a_ride_and_books_a_seat(client: Client, tw: TransportWorld):
    url = reverse("transport:case", args=[tw.w.case.pk])
    login(client, tw.w.manager)
    page = client.get(url)
    assert page.status_code == 200
    assert 'data-testid="ride-request-submit"' in page.content.decode()
    assert AccessLog.objects.filter(user=tw.w.manager, purpose="transport").exists()
    bad = client.post(
        url,
        {
            "form": "request",
            "date": tomorrow().isoformat(),
            "pickup": tw.stops["borgo"].pk,
            "dropoff": tw.stops["farm"].pk,
            "earliest_pickup": "09:00",
            "latest_arrival": "08:00",
        },
    )
    assert bad.status_code == 400
    assert "L&#x27;arrivo deve essere dopo" in bad.content.decode()
    made = client.post(
        url,
        {
            "form": "request",
            "date": tomorrow().isoformat(),
            "pickup": tw.stops["borgo"].pk,
            "dropoff": tw.stops["farm"].pk,
            "earliest_pickup": "05:00",
            "latest_arrival": "08:00",
        },
    )
    assert made.status_code == 302
    assert RideRequest.objects.filter(case=tw.w.case).count() == 1
    stops = list(tw.trip.stops.order_by("order"))
    booked = client.post(
        url,
        {
            "form": "booking",
            "booking-trip": tw.trip.pk,
            "booking-pickup": stops[0].pk,
            "booking-dropoff": stops[2].pk,
        },
    )
    assert booked.status_code == 302
    html = client.get(url).content.decode()
    booking = Booking.objects.get()
    assert f'data-testid="pickup-time-{booking.pk}"><strong>05:30</strong>' in html


def test_a_full_trip_is_refused_in_the_form(client: Client, tw: TransportWorld):
    stops = list(tw.trip.stops.order_by("order"))
    for _ in range(3):
        services.booking_create(
            actor=tw.w.manager, case=tw.new_case(), trip=tw.trip, pickup=stops[0], dropoff=stops[2]
        )
    login(client, tw.w.manager)
    page = client.post(
        reverse("transport:case", args=[tw.w.case.pk]),
        {
            "form": "booking",
            "booking-trip": tw.trip.pk,
            "booking-pickup": stops[0].pk,
            "booking-dropoff": stops[2].pk,
        },
    )
    assert page.status_code == 400
    assert "Posti esauriti" in page.content.decode()


def test_people_outside_the_case_cannot_open_its_transport_tab(client: Client, tw):
    for user in (tw.w.other_hub, tw.w.other_body):
        client.logout()
        login(client, user)
        assert client.get(reverse("transport:case", args=[tw.w.case.pk])).status_code == 404
    client.logout()
    login(client, tw.w.monitor)
    assert client.get(reverse("transport:case", args=[tw.w.case.pk])).status_code == 403


def test_driver_checks_in_passengers_on_the_trip_page(client: Client, tw: TransportWorld):
    stops = list(tw.trip.stops.order_by("order"))
    booking = services.booking_create(
        actor=tw.w.manager, case=tw.w.case, trip=tw.trip, pickup=stops[0], dropoff=stops[2]
    )
    login(client, tw.w.colleague)
    url = reverse("transport:trip", args=[tw.trip.pk])
    html = client.get(url).content.decode()
    assert 'data-testid="seats-left">2 / 3' in html
    assert f'data-testid="boarding-{booking.pk}"' in html
    assert "Ndiaye" not in html  # not on the team: the case reference stands for the name
    client.post(reverse("transport:board", args=[booking.pk]), {"boarded": "yes", "version": 1})
    booking.refresh_from_db()
    assert booking.status == BookingStatus.BOARDED
    client.logout()
    login(client, tw.w.other_body)
    assert client.get(url).status_code == 404
    assert (
        client.post(
            reverse("transport:board", args=[booking.pk]), {"boarded": "no", "version": 2}
        ).status_code
        == 404
    )


def test_coordinator_runs_adjusts_and_publishes_a_plan(
    client: Client, tw: TransportWorld, settings
):
    settings.TRANSPORT_TIME_LIMIT = 0.5
    request_ride(tw, tw.w.case)
    request_ride(
        tw,
        tw.new_case(),
        pickup=tw.stops["torretta"],
        dropoff=tw.stops["hospital"],
        earliest_pickup=dt.time(7, 0),
        latest_arrival=dt.time(9, 0),
    )
    login(client, tw.w.coordinator)
    assert client.get(reverse("transport:plans")).status_code == 200
    bad = client.post(reverse("transport:plans"), {"hub": tw.w.hub_a.pk, "date": "2020-01-01"})
    assert bad.status_code == 400 and "già passato" in bad.content.decode()
    made = client.post(
        reverse("transport:plans"), {"hub": tw.w.hub_a.pk, "date": plan_day().isoformat()}
    )
    plan = RoutePlan.objects.get()
    assert made.status_code == 302
    page = client.get(reverse("transport:plan", args=[plan.pk])).content.decode()
    assert 'data-testid="plan-map"' in page and 'data-testid="plan-publish"' in page
    assert "Ndiaye" in page  # the coordinator reads the hub's cases
    rid = plan_services.plan_of(plan).served[0]
    stale = client.post(
        reverse("transport:plan", args=[plan.pk]),
        {"action": "remove", "rider": rid, "version": plan.version + 5},
    )
    assert stale.status_code == 409
    client.post(
        reverse("transport:plan", args=[plan.pk]),
        {"action": "remove", "rider": rid, "version": plan.version},
    )
    plan.refresh_from_db()
    assert plan.version == 2
    client.post(reverse("transport:plan", args=[plan.pk]), {"form": "publish", "version": 2})
    plan.refresh_from_db()
    assert plan.status == PlanStatus.PUBLISHED
    assert Booking.objects.count() == 1


def test_plans_are_not_for_monitors_nor_other_hubs(client: Client, tw: TransportWorld, settings):
    settings.TRANSPORT_TIME_LIMIT = 0.5
    request_ride(tw, tw.w.case)
    plan = plan_services.plan_create(actor=tw.w.coordinator, hub=tw.w.hub_a, date=plan_day())
    login(client, tw.w.monitor)
    assert client.get(reverse("transport:plans")).status_code == 403
    assert client.get(reverse("transport:plan", args=[plan.pk])).status_code == 403
    client.logout()
    login(client, tw.w.other_body)
    assert client.get(reverse("transport:plan", args=[plan.pk])).status_code == 404
