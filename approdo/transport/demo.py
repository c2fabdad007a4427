"""The transport demo: Puglia's 8 shuttles, stops around Foggia, lines with timetables, today's
and tomorrow's trips, a few bookings, past rides and tomorrow's ride requests.

Runs after the demo cases (load_demo): bookings and requests are for open demo cases at the
Foggia hub (PUG-H01), written by their case managers through the real services; the past
rides of the ridership log are written directly (the services refuse past days). Coordinates
are real places, approximate; plates and drivers are invented. Idempotent: stops, shuttles,
lines and trips are found by their natural keys, bookings and requests are made once.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from approdo.accounts.models import User
from approdo.cases.models import Case, CaseTeamMember
from approdo.network.models import Municipality, Node
from approdo.transport import services
from approdo.transport.demo_places import (
    EVERY_DAY,
    FOGGIA_HUB,
    FOGGIA_SHUTTLES,
    FOGGIA_STOPS,
    MORNING_LINE,
    OTHER_HUBS,
    REQUESTS,
    SERVICES_LINE,
    WEEKDAYS,
    K,
)
from approdo.transport.models import (
    Boarding,
    Booking,
    BookingStatus,
    RideRequest,
    Route,
    RouteStop,
    Shuttle,
    Stop,
    Timetable,
    Trip,
    TripStatus,
)


@dataclass
class TransportDemoResult:
    stops: int = 0
    shuttles: int = 0
    trips: int = 0
    bookings: int = 0
    rides: int = 0
    requests: int = 0
    hubs: list[str] = field(default_factory=list)


def _hhmm(text: str) -> dt.time:
    return dt.time.fromisoformat(text)


def _municipality(name: str) -> Municipality | None:
    return Municipality.objects.filter(name=name).order_by("pk").first()


def _stop(hub: Node, name: str, kind: str, lat: str, lon: str, town: str) -> Stop:
    stop, _created = Stop.objects.get_or_create(
        hub=hub,
        name=name,
        defaults={
            "kind": kind,
            "latitude": Decimal(lat),
            "longitude": Decimal(lon),
            "municipality": _municipality(town),
        },
    )
    return stop


def _shuttle(hub: Node, plate: str, model: str, seats: int, driver: str, depot: Stop) -> Shuttle:
    body = hub.managing_bodies.order_by("pk").first()
    assert body is not None
    shuttle, _created = Shuttle.objects.get_or_create(
        plate=plate,
        defaults={
            "hub": hub,
            "managing_body": body,
            "vehicle_model": model,
            "seats": seats,
            "driver_name": driver,
            "depot": depot,
            "starts_at": dt.time(4, 30),
            "ends_at": dt.time(20, 0),
        },
    )
    return shuttle


def _line(
    hub: Node,
    name: str,
    stops: dict[str, Stop],
    spec: tuple[tuple[str, int], ...],
    shuttle: Shuttle,
    departs: dt.time,
    days: list[int],
) -> Timetable:
    route, created = Route.objects.get_or_create(hub=hub, name=name)
    if created:
        for order, (stop, minutes) in enumerate(spec, start=1):
            RouteStop.objects.create(route=route, stop=stops[stop], order=order, minutes=minutes)
    timetable, _c = Timetable.objects.get_or_create(
        route=route, departs_at=departs, shuttle=shuttle, defaults={"weekdays": days}
    )
    return timetable


def _hub_point(hub: Node) -> tuple[Decimal, Decimal]:
    if hub.latitude is not None and hub.longitude is not None:
        return Decimal(hub.latitude), Decimal(hub.longitude)
    if hub.municipality is not None:
        return hub.municipality.latitude, hub.municipality.longitude
    return Decimal("41.46220"), Decimal("15.54460")


def _manager(case: Case) -> User | None:
    row = CaseTeamMember.objects.filter(case=case, until__isnull=True).order_by("pk").first()
    return row.user if row else None


def _demo_cases(hub: Node) -> list[tuple[Case, User]]:
    cases = Case.objects.filter(hub=hub, person__isnull=False, closed_on__isnull=True).order_by(
        "pk"
    )
    out = []
    for case in cases[:40]:
        manager = _manager(case)
        if manager is not None:
            out.append((case, manager))
    return out


def _book(trip: Trip, people: list[tuple[Case, User]], result: TransportDemoResult) -> None:
    stops = list(trip.stops.order_by("order"))
    for case, manager in people:
        if Booking.objects.filter(trip=trip, case=case).exists():
            continue
        services.booking_create(
            actor=manager, case=case, trip=trip, pickup=stops[0], dropoff=stops[-1]
        )
        result.bookings += 1


def _past_rides(
    timetable: Timetable,
    people: list[tuple[Case, User]],
    today: dt.date,
    result: TransportDemoResult,
) -> None:
    """Two weeks of rides for the ridership log (written directly: services refuse the past)."""
    for back in range(1, 15):
        day = today - dt.timedelta(days=back)
        if Trip.objects.filter(route=timetable.route, date=day).exists():
            continue
        trip = services.trip_from_timetable(actor=None, timetable=timetable, date=day)
        trip.status = TripStatus.DONE
        trip.save(update_fields=["status"])
        stops = list(trip.stops.order_by("order"))
        for i, (case, manager) in enumerate(people[: 3 + back % 4]):
            drop = stops[1 + (i + back) % (len(stops) - 1)]
            assert case.person is not None  # _demo_cases keeps cases with a person
            booking = Booking.objects.create(
                trip=trip,
                case=case,
                person=case.person,
                pickup=stops[0],
                dropoff=drop,
                pickup_at=stops[0].planned_at,
                dropoff_at=drop.planned_at,
                status=BookingStatus.BOARDED,
                booked_by=manager,
            )
            moment = dt.datetime.combine(day, stops[0].planned_at)
            Boarding.objects.create(
                booking=booking, boarded_at=timezone.make_aware(moment), recorded_by=manager
            )
            result.rides += 1
        result.trips += 1


@transaction.atomic
def load_transport_demo(today: dt.date | None = None) -> TransportDemoResult:
    today = today or timezone.localdate()
    tomorrow = today + dt.timedelta(days=1)
    result = TransportDemoResult()
    foggia = Node.objects.filter(code=FOGGIA_HUB).first()
    if foggia is None or not foggia.managing_bodies.exists():
        return result
    stops = {spec[0]: _stop(foggia, *spec) for spec in FOGGIA_STOPS}
    depot = stops["Deposito PSI Foggia"]
    fleet = [_shuttle(foggia, *spec, depot=depot) for spec in FOGGIA_SHUTTLES]
    morning = _line(
        foggia,
        "Borgo Mezzanone → aziende della Capitanata",
        stops,
        MORNING_LINE,
        fleet[0],
        dt.time(5, 30),
        EVERY_DAY,
    )
    _line(
        foggia,
        "Torretta Antonacci → servizi di Foggia",
        stops,
        SERVICES_LINE,
        fleet[2],
        dt.time(8, 0),
        WEEKDAYS,
    )
    result.hubs.append(FOGGIA_HUB)
    n = 4
    for code in OTHER_HUBS:
        hub = Node.objects.filter(code=code).select_related("municipality").first()
        if hub is None or not hub.managing_bodies.exists():
            continue
        lat, lon = _hub_point(hub)
        own = {
            "depot": _stop(hub, f"Deposito {hub.name}", K.DEPOT, str(lat), str(lon), ""),
            "town": _stop(
                hub,
                f"Centro di {hub.municipality or hub.name}",
                K.TOWN,
                str(lat + Decimal("0.004")),
                str(lon),
                "",
            ),
            "farm": _stop(
                hub,
                f"Azienda agricola a est di {hub.municipality or hub.name}",
                K.FARM,
                str(lat),
                str(lon + Decimal("0.12")),
                "",
            ),
        }
        vans = [
            _shuttle(hub, f"GF{100 + n + k + 1}AP", "Ford Transit 9 posti", 9, "", own["depot"])
            for k in range(2)
        ]
        n += 2
        timetable = _line(
            hub,
            f"{own['town'].name} → campi",
            {s.name: s for s in own.values()},
            ((own["town"].name, 0), (own["farm"].name, 20)),
            vans[0],
            dt.time(6, 0),
            EVERY_DAY,
        )
        for day in (today, tomorrow):
            services.trip_from_timetable(actor=None, timetable=timetable, date=day)
        result.hubs.append(code)
    for day in (today, tomorrow):
        services.trips_for_day(actor=None, date=day)
    people = _demo_cases(foggia)
    trips = {
        day: services.trip_from_timetable(actor=None, timetable=morning, date=day)
        for day in (today, tomorrow)
    }
    _book(trips[today], people[:4], result)
    # Tomorrow keeps most seats free, for a journey to book one.
    _book(trips[tomorrow], people[4:7], result)
    _past_rides(morning, people[:10], today, result)
    for (pickup, dropoff, earliest, latest), (case, manager) in zip(
        REQUESTS, people[7:], strict=False
    ):
        if RideRequest.objects.filter(case=case, date=tomorrow).exists():
            continue
        services.ride_request_create(
            actor=manager,
            case=case,
            date=tomorrow,
            pickup=stops[pickup],
            dropoff=stops[dropoff],
            earliest_pickup=_hhmm(earliest),
            latest_arrival=_hhmm(latest),
        )
        result.requests += 1
    result.stops = Stop.objects.count()
    result.shuttles = Shuttle.objects.count()
    result.trips += Trip.objects.filter(date__in=[today, tomorrow]).count()
    return result
