"""A hub's transport on top of the cases' world: stops around Foggia, two shuttles, a line with
a daily timetable and tomorrow's trip on it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

from approdo.accounts.models import User
from approdo.cases import services as case_services
from approdo.cases.models import AccessChannel, Case
from approdo.cases.tests.factories import CaseWorld, make_case_world
from approdo.people.tests.factories import PersonFactory
from approdo.transport import services
from approdo.transport.models import Route, RouteStop, Shuttle, Stop, StopKind, Timetable, Trip

POINTS = {
    "depot": ("Deposito PSI Foggia", StopKind.DEPOT, "41.46220", "15.54460"),
    "borgo": ("Ex pista di Borgo Mezzanone", StopKind.SETTLEMENT, "41.51280", "15.82700"),
    "torretta": ("Torretta Antonacci", StopKind.SETTLEMENT, "41.60200", "15.50900"),
    "farm": ("Masseria Posta Uccello", StopKind.FARM, "41.42000", "15.70000"),
    "farm2": ("Azienda Lama di Pozzo", StopKind.FARM, "41.55000", "15.68000"),
    "hospital": ("Ospedali Riuniti", StopKind.SERVICE, "41.45170", "15.53490"),
}


@dataclass
class TransportWorld:
    w: CaseWorld
    stops: dict[str, Stop]
    van: Shuttle  # 3 seats, runs the line
    bus: Shuttle  # 16 seats
    timetable: Timetable
    trip: Trip  # tomorrow: borgo (1) -> farm2 (2) -> farm (3)

    def new_case(self) -> Case:
        """Another open case at hub A managed by `w.manager`."""
        person = PersonFactory.create(registered_at=self.w.hub_a, registered_by=self.w.manager)
        return case_services.case_open(
            actor=self.w.manager,
            origin_node=self.w.hub_a,
            access_channel=AccessChannel.DIRECT,
            person=person,
            opened_on=timezone.localdate(),
        )


def tomorrow() -> dt.date:
    return timezone.localdate() + dt.timedelta(days=1)


def plan_day() -> dt.date:
    """The day plans are made for in the tests: the shuttles have no timetabled trip then."""
    return timezone.localdate() + dt.timedelta(days=2)


def make_stops(hub: object) -> dict[str, Stop]:
    return {
        key: Stop.objects.create(
            hub=hub, name=name, kind=kind, latitude=Decimal(lat), longitude=Decimal(lon)
        )
        for key, (name, kind, lat, lon) in POINTS.items()
    }


def make_transport_world(seats: int = 3) -> TransportWorld:
    w = make_case_world()
    stops = make_stops(w.hub_a)
    body = w.hub_a.managing_bodies.get()
    van = Shuttle.objects.create(
        hub=w.hub_a,
        managing_body=body,
        plate="TS001AA",
        seats=seats,
        depot=stops["depot"],
        starts_at=dt.time(4, 30),
        ends_at=dt.time(20, 0),
        driver_name="Antonio Russo",
    )
    bus = Shuttle.objects.create(
        hub=w.hub_a,
        managing_body=body,
        plate="TS002AA",
        seats=16,
        depot=stops["depot"],
        starts_at=dt.time(4, 30),
        ends_at=dt.time(20, 0),
    )
    route = Route.objects.create(hub=w.hub_a, name="Borgo → aziende")
    for order, (key, minutes) in enumerate([("borgo", 0), ("farm2", 20), ("farm", 40)], 1):
        RouteStop.objects.create(route=route, stop=stops[key], order=order, minutes=minutes)
    timetable = Timetable.objects.create(
        route=route, weekdays=[0, 1, 2, 3, 4, 5, 6], departs_at=dt.time(5, 30), shuttle=van
    )
    trip = services.trip_from_timetable(actor=None, timetable=timetable, date=tomorrow())
    return TransportWorld(w, stops, van, bus, timetable, trip)


def request_ride(tw: TransportWorld, case: Case, actor: User | None = None, **kwargs: object):
    values: dict[str, object] = {
        "date": plan_day(),
        "pickup": tw.stops["borgo"],
        "dropoff": tw.stops["farm"],
        "earliest_pickup": dt.time(5, 0),
        "latest_arrival": dt.time(8, 0),
    }
    values.update(kwargs)
    return services.ride_request_create(actor=actor or tw.w.manager, case=case, **values)
