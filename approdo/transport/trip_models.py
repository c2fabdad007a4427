"""Trips, their stops, seat bookings, boardings, ride requests and route plans.

A trip is one run of a shuttle on a day, from a timetable or from a published plan. A booking
is a seat on a trip for a person (through their case) from one of its stops to a later one:
seats are counted over the legs the booking covers, so a seat freed at a stop can be sold on.
Boardings are what the driver or the operator records; the ridership log is read from them.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from approdo.core.models import TimeStampedModel, VersionedModel
from approdo.transport.models import Route, Shuttle, Stop


class TripStatus(models.TextChoices):
    PLANNED = "planned", _("Programmata")
    DONE = "done", _("Effettuata")
    CANCELLED = "cancelled", _("Annullata")


class Trip(VersionedModel):
    date = models.DateField(_("giorno"), db_index=True)
    shuttle = models.ForeignKey(
        Shuttle, on_delete=models.PROTECT, related_name="trips", verbose_name=_("navetta")
    )
    route = models.ForeignKey(
        Route,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="trips",
        verbose_name=_("linea"),
    )
    plan = models.ForeignKey(
        "transport.RoutePlan",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="trips",
        verbose_name=_("piano"),
    )
    departs_at = models.TimeField(_("partenza"))
    status = models.CharField(
        _("stato"), max_length=10, choices=TripStatus.choices, default=TripStatus.PLANNED
    )

    class Meta:
        verbose_name = _("corsa")
        verbose_name_plural = _("corse")
        ordering = ["date", "departs_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(route__isnull=False) | Q(plan__isnull=False),
                name="transport_trip_from_route_or_plan",
            )
        ]

    def __str__(self) -> str:
        return f"{self.date:%d/%m} {self.departs_at:%H:%M} · {self.shuttle.plate}"


class TripStop(models.Model):
    trip = models.ForeignKey(Trip, on_delete=models.CASCADE, related_name="stops")
    stop = models.ForeignKey(Stop, on_delete=models.PROTECT, related_name="+")
    order = models.PositiveSmallIntegerField(_("ordine"))
    planned_at = models.TimeField(_("orario previsto"))

    class Meta:
        ordering = ["trip", "order"]
        constraints = [
            models.UniqueConstraint(fields=["trip", "order"], name="transport_tripstop_order")
        ]

    def __str__(self) -> str:
        return f"{self.planned_at:%H:%M} {self.stop}"


class BookingStatus(models.TextChoices):
    BOOKED = "booked", _("Prenotato")
    BOARDED = "boarded", _("Salito")
    NO_SHOW = "no_show", _("Non presentato")
    CANCELLED = "cancelled", _("Annullato")


# Bookings that hold a seat.
HOLDING = (BookingStatus.BOOKED, BookingStatus.BOARDED)


class Booking(VersionedModel):
    trip = models.ForeignKey(
        Trip, on_delete=models.PROTECT, related_name="bookings", verbose_name=_("corsa")
    )
    case = models.ForeignKey(
        "cases.Case",
        on_delete=models.PROTECT,
        related_name="transport_bookings",
        verbose_name=_("caso"),
    )
    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="+", verbose_name=_("persona")
    )
    pickup = models.ForeignKey(
        TripStop, on_delete=models.PROTECT, related_name="+", verbose_name=_("salita a")
    )
    dropoff = models.ForeignKey(
        TripStop, on_delete=models.PROTECT, related_name="+", verbose_name=_("discesa a")
    )
    pickup_at = models.TimeField(_("orario di salita"))
    dropoff_at = models.TimeField(_("orario di arrivo"))
    status = models.CharField(
        _("stato"), max_length=10, choices=BookingStatus.choices, default=BookingStatus.BOOKED
    )
    booked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("prenotazione")
        verbose_name_plural = _("prenotazioni")
        ordering = ["trip", "pickup_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["trip", "person"],
                condition=Q(status__in=["booked", "boarded"]),
                name="transport_booking_one_seat_per_trip",
            ),
            models.CheckConstraint(
                condition=Q(pickup_at__lte=F("dropoff_at")), name="transport_booking_order"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.trip} · {self.pickup.stop} → {self.dropoff.stop}"


class Boarding(TimeStampedModel):
    """The driver or the operator saw the person get on: one ride given."""

    booking = models.OneToOneField(Booking, on_delete=models.PROTECT, related_name="boarding")
    boarded_at = models.DateTimeField(_("salito alle"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("salita a bordo")
        verbose_name_plural = _("salite a bordo")
        ordering = ["-boarded_at", "-pk"]


class RequestStatus(models.TextChoices):
    OPEN = "open", _("Da pianificare")
    BOOKED = "booked", _("Prenotata")
    UNSERVED = "unserved", _("Non servita")
    CANCELLED = "cancelled", _("Annullata")


class RideRequest(VersionedModel):
    """A person needs a ride on a day, within a window: the input of route planning."""

    case = models.ForeignKey(
        "cases.Case",
        on_delete=models.PROTECT,
        related_name="ride_requests",
        verbose_name=_("caso"),
    )
    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="+", verbose_name=_("persona")
    )
    hub = models.ForeignKey(
        "network.Node", on_delete=models.PROTECT, related_name="+", verbose_name=_("hub")
    )
    date = models.DateField(_("giorno"), db_index=True)
    pickup = models.ForeignKey(
        Stop, on_delete=models.PROTECT, related_name="+", verbose_name=_("salita a")
    )
    dropoff = models.ForeignKey(
        Stop, on_delete=models.PROTECT, related_name="+", verbose_name=_("destinazione")
    )
    earliest_pickup = models.TimeField(_("salita non prima delle"))
    latest_arrival = models.TimeField(_("arrivo entro le"))
    note = models.CharField(_("nota"), max_length=200, blank=True)
    status = models.CharField(
        _("stato"), max_length=10, choices=RequestStatus.choices, default=RequestStatus.OPEN
    )
    unserved_reason = models.CharField(_("motivo"), max_length=200, blank=True)
    booking = models.ForeignKey(
        Booking, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("richiesta di trasporto")
        verbose_name_plural = _("richieste di trasporto")
        ordering = ["date", "earliest_pickup", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(earliest_pickup__lt=F("latest_arrival")),
                name="transport_request_window",
            ),
            models.CheckConstraint(
                condition=~Q(pickup=F("dropoff")), name="transport_request_two_stops"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date:%d/%m} {self.pickup} → {self.dropoff}"


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Bozza")
    PUBLISHED = "published", _("Pubblicato")


class RunStatus(models.TextChoices):
    QUEUED = "queued", _("In coda")
    RUNNING = "running", _("In calcolo")
    DONE = "done", _("Calcolato")
    FAILED = "failed", _("Non riuscito")


class RoutePlan(VersionedModel):
    """The day's routes for a hub's shuttles, planned from the ride requests.

    `inputs` is the snapshot the planner saw (riders and shuttles, as planner dictionaries),
    `solution` the routes as sequences of pick-ups and drop-offs plus the riders left out:
    hand adjustments change `solution` and are checked against `inputs`."""

    hub = models.ForeignKey(
        "network.Node", on_delete=models.PROTECT, related_name="+", verbose_name=_("hub")
    )
    date = models.DateField(_("giorno"))
    status = models.CharField(
        _("stato"), max_length=10, choices=PlanStatus.choices, default=PlanStatus.DRAFT
    )
    run_status = models.CharField(
        _("calcolo"), max_length=10, choices=RunStatus.choices, default=RunStatus.QUEUED
    )
    run_error = models.CharField(max_length=300, blank=True)
    task_id = models.CharField(max_length=64, blank=True)
    inputs = models.JSONField(default=dict, blank=True)
    solution = models.JSONField(default=dict, blank=True)
    distance_m = models.PositiveIntegerField(_("distanza (m)"), default=0)
    seconds = models.FloatField(_("tempo di calcolo (s)"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("piano dei percorsi")
        verbose_name_plural = _("piani dei percorsi")
        ordering = ["-date", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["hub", "date"],
                condition=Q(status="published"),
                name="transport_plan_one_published_per_day",
            )
        ]

    def __str__(self) -> str:
        return f"{self.hub} {self.date:%d/%m/%Y}"
