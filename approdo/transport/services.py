"""Writes of transport: ride requests, seat bookings, boardings, trips from a timetable.

Seats are never overbooked: a booking locks its trip's row, so bookings on one trip are taken
one at a time, and counts the seats held on every leg it covers (a seat freed at a stop can
be sold on for the next legs). A person never holds two bookings whose times overlap.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from approdo.accounts.models import User
from approdo.audit.services import record
from approdo.cases.models import Case
from approdo.cases.permissions import permissions_for
from approdo.core.concurrency import save_if_version
from approdo.people.models import Person
from approdo.transport.access import require_operator
from approdo.transport.models import (
    DESTINATION_KINDS,
    HOLDING,
    Boarding,
    Booking,
    BookingStatus,
    RequestStatus,
    RideRequest,
    Stop,
    Timetable,
    Trip,
    TripStatus,
    TripStop,
)


def leg_loads(trip: Trip, *, exclude: int | None = None) -> dict[int, int]:
    """Seats held on each leg of the trip, keyed by the order of the stop the leg starts at."""
    orders = list(trip.stops.values_list("order", flat=True))
    loads = dict.fromkeys(orders, 0)
    rows = Booking.objects.filter(trip=trip, status__in=HOLDING)
    if exclude is not None:
        rows = rows.exclude(pk=exclude)
    for start, end in rows.values_list("pickup__order", "dropoff__order"):
        for order in orders:
            if start <= order < end:
                loads[order] += 1
    return loads


def seats_left(trip: Trip, start: int | None = None, end: int | None = None) -> int:
    """Free seats between two stops of the trip (the whole trip by default)."""
    loads = leg_loads(trip)
    legs = [
        n
        for order, n in loads.items()
        if (start is None or order >= start) and (end is None or order < end)
    ]
    return trip.shuttle.seats - max(legs, default=0)


def _overlapping(person_id: int, date: dt.date, start: dt.time, end: dt.time) -> bool:
    return Booking.objects.filter(
        person_id=person_id,
        trip__date=date,
        status__in=HOLDING,
        pickup_at__lte=end,
        dropoff_at__gte=start,
    ).exists()


@transaction.atomic
def booking_create(
    *, actor: User, case: Case, trip: Trip, pickup: TripStop, dropoff: TripStop
) -> Booking:
    """A seat on a trip for the person of the case, from one of its stops to a later one."""
    if not permissions_for(actor, case).can_edit:
        raise PermissionDenied
    if case.person_id is None:
        raise ValidationError(_("Registra prima la persona."), code="needs_person")
    locked = Trip.objects.select_for_update().select_related("shuttle").get(pk=trip.pk)
    if locked.shuttle.hub_id != case.hub_id:
        raise ValidationError({"trip": _("La corsa non è di una navetta dell'hub del caso.")})
    if locked.status != TripStatus.PLANNED or locked.date < timezone.localdate():
        raise ValidationError({"trip": _("Si prenota solo una corsa programmata, non passata.")})
    if pickup.trip_id != locked.pk or dropoff.trip_id != locked.pk:
        raise ValidationError(_("Le fermate scelte non sono di questa corsa."), code="stops")
    if pickup.order >= dropoff.order:
        raise ValidationError(
            {"dropoff": _("La fermata di discesa deve venire dopo quella di salita.")}
        )
    free = seats_left(locked, pickup.order, dropoff.order)
    if free <= 0:
        raise ValidationError(
            {
                "trip": _(
                    "Posti esauriti su questa corsa tra %(a)s e %(b)s: scegli un'altra corsa."
                )
                % {"a": pickup.stop, "b": dropoff.stop}
            },
            code="full",
        )
    Person.objects.select_for_update().get(pk=case.person_id)
    if _overlapping(case.person_id, locked.date, pickup.planned_at, dropoff.planned_at):
        raise ValidationError(
            {"trip": _("La persona ha già una prenotazione alla stessa ora in questo giorno.")},
            code="overlap",
        )
    booking = Booking.objects.create(
        trip=locked,
        case=case,
        person_id=case.person_id,
        pickup=pickup,
        dropoff=dropoff,
        pickup_at=pickup.planned_at,
        dropoff_at=dropoff.planned_at,
        booked_by=actor,
    )
    record(
        actor=actor,
        action="transport.booking.created",
        target=booking,
        data={"trip": locked.pk, "seats_left": free - 1},
        node_id=case.hub_id,
    )
    return booking


@transaction.atomic
def booking_cancel(*, actor: User, booking: Booking, expected_version: int) -> Booking:
    if not permissions_for(actor, booking.case).can_edit:
        raise PermissionDenied
    if booking.status != BookingStatus.BOOKED:
        raise ValidationError(_("Si annulla solo una prenotazione non ancora usata."))
    booking.status = BookingStatus.CANCELLED
    save_if_version(booking, expected_version=expected_version, fields=["status"])
    record(
        actor=actor,
        action="transport.booking.cancelled",
        target=booking,
        node_id=booking.case.hub_id,
    )
    return booking


@transaction.atomic
def booking_board(
    *, actor: User, booking: Booking, boarded: bool, expected_version: int
) -> Booking:
    """The driver or the operator checks a passenger in: on board, or did not show up."""
    require_operator(actor, booking.trip.shuttle.hub_id)
    if booking.status not in (BookingStatus.BOOKED, BookingStatus.NO_SHOW):
        raise ValidationError(_("La salita è già registrata o la prenotazione è annullata."))
    before = booking.status
    booking.status = BookingStatus.BOARDED if boarded else BookingStatus.NO_SHOW
    save_if_version(booking, expected_version=expected_version, fields=["status"])
    if boarded:
        Boarding.objects.create(booking=booking, boarded_at=timezone.now(), recorded_by=actor)
    record(
        actor=actor,
        action="transport.booking.boarded" if boarded else "transport.booking.no_show",
        target=booking,
        changes={"status": (before, booking.status)},
        node_id=booking.trip.shuttle.hub_id,
    )
    return booking


@transaction.atomic
def ride_request_create(
    *,
    actor: User,
    case: Case,
    date: dt.date,
    pickup: Stop,
    dropoff: Stop,
    earliest_pickup: dt.time,
    latest_arrival: dt.time,
    note: str = "",
) -> RideRequest:
    """A ride the person needs on a day, within a window; planning will try to serve it."""
    if not permissions_for(actor, case).can_edit:
        raise PermissionDenied
    if case.person_id is None:
        raise ValidationError(_("Registra prima la persona."), code="needs_person")
    errors: dict[str, str] = {}
    if date < timezone.localdate():
        errors["date"] = _("Il giorno è già passato.")
    if pickup.hub_id != case.hub_id or not pickup.active:
        errors["pickup"] = _("Fermata non servita dalle navette dell'hub del caso.")
    if dropoff.hub_id != case.hub_id or not dropoff.active:
        errors["dropoff"] = _("Fermata non servita dalle navette dell'hub del caso.")
    elif dropoff.kind not in DESTINATION_KINDS:
        errors["dropoff"] = _("La destinazione è un'azienda, un servizio o un centro abitato.")
    if pickup.pk == dropoff.pk:
        errors["dropoff"] = _("Salita e destinazione coincidono.")
    if earliest_pickup >= latest_arrival:
        errors["latest_arrival"] = _("L'arrivo deve essere dopo l'orario di salita.")
    if errors:
        raise ValidationError(errors)
    Person.objects.select_for_update().get(pk=case.person_id)
    clash = RideRequest.objects.filter(
        person_id=case.person_id,
        date=date,
        status__in=[RequestStatus.OPEN, RequestStatus.BOOKED],
        earliest_pickup__lt=latest_arrival,
        latest_arrival__gt=earliest_pickup,
    )
    if clash.exists():
        raise ValidationError(
            _("La persona ha già una richiesta in questa fascia oraria del giorno."),
            code="overlap",
        )
    made = RideRequest.objects.create(
        case=case,
        person_id=case.person_id,
        hub_id=case.hub_id,
        date=date,
        pickup=pickup,
        dropoff=dropoff,
        earliest_pickup=earliest_pickup,
        latest_arrival=latest_arrival,
        note=note.strip(),
        requested_by=actor,
    )
    record(
        actor=actor,
        action="transport.request.created",
        target=made,
        node_id=case.hub_id,
        data={"date": date.isoformat()},
    )
    return made


@transaction.atomic
def ride_request_cancel(*, actor: User, request: RideRequest, expected_version: int) -> RideRequest:
    if not permissions_for(actor, request.case).can_edit:
        raise PermissionDenied
    if request.status != RequestStatus.OPEN:
        raise ValidationError(_("Si annulla solo una richiesta ancora da pianificare."))
    request.status = RequestStatus.CANCELLED
    save_if_version(request, expected_version=expected_version, fields=["status"])
    record(
        actor=actor, action="transport.request.cancelled", target=request, node_id=request.hub_id
    )
    return request


def _at(base: dt.time, minutes: int) -> dt.time:
    moment = dt.datetime.combine(dt.date(2000, 1, 1), base) + dt.timedelta(minutes=minutes)
    return moment.time()


@transaction.atomic
def trip_from_timetable(*, actor: User | None, timetable: Timetable, date: dt.date) -> Trip:
    """The trip of a timetable on a day, with its stops' times (made once per day)."""
    if not timetable.runs_on(date.weekday()):
        raise ValidationError(_("La linea non passa in questo giorno della settimana."))
    trip, created = Trip.objects.get_or_create(
        date=date,
        shuttle=timetable.shuttle,
        route=timetable.route,
        departs_at=timetable.departs_at,
    )
    if created:
        for rs in timetable.route.stops.select_related("stop"):
            TripStop.objects.create(
                trip=trip,
                stop=rs.stop,
                order=rs.order,
                planned_at=_at(timetable.departs_at, rs.minutes),
            )
        record(
            actor=actor,
            action="transport.trip.created",
            target=trip,
            node_id=timetable.shuttle.hub_id,
            data={"timetable": timetable.pk},
        )
    return trip


def trips_for_day(*, actor: User | None, date: dt.date) -> list[Trip]:
    """The day's trips of every active line whose timetable runs that weekday (made once)."""
    timetables = Timetable.objects.filter(route__active=True, shuttle__active=True).select_related(
        "route", "shuttle"
    )
    return [
        trip_from_timetable(actor=actor, timetable=t, date=date)
        for t in timetables
        if t.runs_on(date.weekday())
    ]
