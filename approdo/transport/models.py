"""Transport (trasporti): the hubs' shuttles, the stops they serve, fixed routes and timetables.

Trips, seat bookings, boardings, ride requests and route plans are in `trip_models.py`.
A shuttle and a stop belong to one hub (network Node), which decides who sees them.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from approdo.core.models import TimeStampedModel, VersionedModel


class StopKind(models.TextChoices):
    SETTLEMENT = "settlement", _("Insediamento informale")
    TOWN = "town", _("Centro abitato")
    FARM = "farm", _("Azienda agricola")
    SERVICE = "service", _("Servizio (ospedale, Questura, Centro per l'Impiego…)")
    DEPOT = "depot", _("Deposito delle navette")


# Where a ride request may end: work or a service.
DESTINATION_KINDS = (StopKind.FARM, StopKind.SERVICE, StopKind.TOWN)


class Stop(TimeStampedModel):
    hub = models.ForeignKey(
        "network.Node",
        on_delete=models.PROTECT,
        related_name="transport_stops",
        verbose_name=_("hub"),
        limit_choices_to={"kind": "hub"},
    )
    name = models.CharField(_("nome"), max_length=120)
    kind = models.CharField(_("tipo"), max_length=12, choices=StopKind.choices)
    latitude = models.DecimalField(
        _("latitudine"),
        max_digits=8,
        decimal_places=5,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("longitudine"),
        max_digits=8,
        decimal_places=5,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    municipality = models.ForeignKey(
        "network.Municipality",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("comune"),
    )
    active = models.BooleanField(_("attiva"), default=True)

    class Meta:
        verbose_name = _("fermata")
        verbose_name_plural = _("fermate")
        ordering = ["hub", "name"]
        constraints = [
            models.UniqueConstraint(fields=["hub", "name"], name="transport_stop_unique_name"),
            models.CheckConstraint(
                condition=Q(latitude__gte=-90, latitude__lte=90)
                & Q(longitude__gte=-180, longitude__lte=180),
                name="transport_stop_coordinates_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def point(self) -> tuple[float, float]:
        return (float(self.latitude), float(self.longitude))


class Shuttle(VersionedModel):
    hub = models.ForeignKey(
        "network.Node",
        on_delete=models.PROTECT,
        related_name="shuttles",
        verbose_name=_("hub servito"),
        limit_choices_to={"kind": "hub"},
    )
    managing_body = models.ForeignKey(
        "network.ManagingBody",
        on_delete=models.PROTECT,
        related_name="shuttles",
        verbose_name=_("ente gestore"),
    )
    plate = models.CharField(_("targa"), max_length=12, unique=True)
    vehicle_model = models.CharField(_("modello"), max_length=80, blank=True)
    seats = models.PositiveSmallIntegerField(
        _("posti per i passeggeri"), validators=[MinValueValidator(1), MaxValueValidator(60)]
    )
    driver_name = models.CharField(_("autista"), max_length=120, blank=True)
    driver = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("autista (utente)"),
    )
    depot = models.ForeignKey(
        Stop, on_delete=models.PROTECT, related_name="+", verbose_name=_("deposito")
    )
    starts_at = models.TimeField(_("inizio servizio"))
    ends_at = models.TimeField(_("fine servizio"))
    active = models.BooleanField(_("in servizio"), default=True)

    class Meta:
        verbose_name = _("navetta")
        verbose_name_plural = _("navette")
        ordering = ["hub", "plate"]
        constraints = [
            models.CheckConstraint(condition=Q(seats__gte=1), name="transport_shuttle_seats"),
            models.CheckConstraint(
                condition=Q(starts_at__lt=F("ends_at")), name="transport_shuttle_hours"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.plate} ({self.seats})"

    @property
    def driver_label(self) -> str:
        if self.driver_name:
            return self.driver_name
        return self.driver.display_name if self.driver else ""


class Route(TimeStampedModel):
    """A fixed line served on a timetable (e.g. Borgo Mezzanone → farms, every weekday)."""

    hub = models.ForeignKey(
        "network.Node",
        on_delete=models.PROTECT,
        related_name="transport_routes",
        verbose_name=_("hub"),
        limit_choices_to={"kind": "hub"},
    )
    name = models.CharField(_("nome"), max_length=120)
    active = models.BooleanField(_("attiva"), default=True)

    class Meta:
        verbose_name = _("linea")
        verbose_name_plural = _("linee")
        ordering = ["hub", "name"]
        constraints = [
            models.UniqueConstraint(fields=["hub", "name"], name="transport_route_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


class RouteStop(models.Model):
    route = models.ForeignKey(Route, on_delete=models.CASCADE, related_name="stops")
    stop = models.ForeignKey(Stop, on_delete=models.PROTECT, related_name="+")
    order = models.PositiveSmallIntegerField(_("ordine"))
    minutes = models.PositiveSmallIntegerField(_("minuti dalla partenza"))

    class Meta:
        verbose_name = _("fermata della linea")
        verbose_name_plural = _("fermate della linea")
        ordering = ["route", "order"]
        constraints = [
            models.UniqueConstraint(fields=["route", "order"], name="transport_routestop_order")
        ]

    def __str__(self) -> str:
        return f"{self.order}. {self.stop} (+{self.minutes}′)"


class Timetable(TimeStampedModel):
    route = models.ForeignKey(
        Route, on_delete=models.CASCADE, related_name="timetables", verbose_name=_("linea")
    )
    weekdays = models.JSONField(
        _("giorni (0 = lunedì … 6 = domenica)"),
        default=list,
        help_text=_("Per esempio [0, 1, 2, 3, 4, 5] dal lunedì al sabato."),
    )
    departs_at = models.TimeField(_("partenza"))
    shuttle = models.ForeignKey(
        Shuttle, on_delete=models.PROTECT, related_name="timetables", verbose_name=_("navetta")
    )

    class Meta:
        verbose_name = _("orario")
        verbose_name_plural = _("orari")
        ordering = ["route", "departs_at"]

    def __str__(self) -> str:
        return f"{self.route} {self.departs_at:%H:%M}"

    def runs_on(self, weekday: int) -> bool:
        return weekday in (self.weekdays or [])


from approdo.transport.trip_models import (  # noqa: E402  (they refer to the models above)
    HOLDING,
    Boarding,
    Booking,
    BookingStatus,
    PlanStatus,
    RequestStatus,
    RideRequest,
    RoutePlan,
    RunStatus,
    Trip,
    TripStatus,
    TripStop,
)

__all__ = [
    "HOLDING",
    "Boarding",
    "Booking",
    "BookingStatus",
    "PlanStatus",
    "RequestStatus",
    "RideRequest",
    "Route",
    "RoutePlan",
    "RouteStop",
    "RunStatus",
    "Shuttle",
    "Stop",
    "StopKind",
    "Timetable",
    "Trip",
    "TripStatus",
    "TripStop",
]
