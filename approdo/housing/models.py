"""Housing support (sostegno all'abitare): sites, rooms and beds, placements, the waiting list
and the records of the way to housing autonomy (rental searches, contracts, deposits).

A placement occupies one bed for a run of nights. Each night is a `BedNight` row, unique per
bed and per person: the database itself refuses a double booking, on SQLite and PostgreSQL
alike, whatever two requests do at the same moment. Dates of a placement are nights,
both ends included: `starts_on` is the first night, `ends_on` the last one.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from approdo.core.models import VersionedModel
from approdo.network.models import BilingualName


class SiteKind(models.TextChoices):
    COHOUSING = "cohousing", _("Appartamento in co-housing")
    SEASONAL = "seasonal", _("Centro di accoglienza stagionale")
    SCATTERED = "scattered", _("Appartamento diffuso")


class RoomGender(models.TextChoices):
    ANY = "any", _("Mista o non specificata")
    MEN = "men", _("Solo uomini")
    WOMEN = "women", _("Solo donne")


class Site(VersionedModel):
    """A place with beds, run by a managing body for one hub (whose staff see it)."""

    name = models.CharField(_("nome"), max_length=160)
    kind = models.CharField(_("tipo"), max_length=12, choices=SiteKind.choices)
    hub = models.ForeignKey(
        "network.Node",
        on_delete=models.PROTECT,
        related_name="housing_sites",
        limit_choices_to={"kind": "hub"},
        verbose_name=_("hub servito"),
    )
    managing_body = models.ForeignKey(
        "network.ManagingBody",
        on_delete=models.PROTECT,
        related_name="housing_sites",
        verbose_name=_("ente gestore"),
    )
    address = models.CharField(_("indirizzo"), max_length=200)
    municipality = models.ForeignKey(
        "network.Municipality",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("comune"),
    )
    latitude = models.DecimalField(
        _("latitudine"), max_digits=8, decimal_places=5, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitudine"), max_digits=8, decimal_places=5, null=True, blank=True
    )
    step_free_access = models.BooleanField(_("accesso senza gradini"), default=False)
    accessible_bathroom = models.BooleanField(_("bagno accessibile"), default=False)
    house_rules = models.TextField(_("regolamento della casa"), blank=True)
    available_from = models.DateField(
        _("disponibile dal"),
        null=True,
        blank=True,
        help_text=_("Per i centri stagionali: il primo giorno di apertura."),
    )
    available_until = models.DateField(
        _("disponibile fino al"),
        null=True,
        blank=True,
        help_text=_("Per i centri stagionali: l'ultima notte di apertura."),
    )
    active = models.BooleanField(_("attiva"), default=True)

    class Meta:
        verbose_name = _("struttura abitativa")
        verbose_name_plural = _("strutture abitative")
        ordering = ["hub__code", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(available_from__isnull=True)
                | Q(available_until__isnull=True)
                | Q(available_until__gte=F("available_from")),
                name="housing_site_period_valid",
            ),
            models.CheckConstraint(
                condition=Q(latitude__isnull=True, longitude__isnull=True)
                | Q(latitude__isnull=False, longitude__isnull=False),
                name="housing_site_coordinates_both",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def is_available(self, first: dt.date, last: dt.date) -> bool:
        """Open every night from `first` to `last` (seasonal centres have a period)."""
        if self.available_from is not None and first < self.available_from:
            return False
        return self.available_until is None or last <= self.available_until


class Room(models.Model):
    site = models.ForeignKey(
        Site, on_delete=models.PROTECT, related_name="rooms", verbose_name=_("struttura")
    )
    name = models.CharField(_("stanza"), max_length=60)
    gender = models.CharField(
        _("riservata a"), max_length=8, choices=RoomGender.choices, default=RoomGender.ANY
    )

    class Meta:
        verbose_name = _("stanza")
        verbose_name_plural = _("stanze")
        ordering = ["site", "name"]
        constraints = [
            models.UniqueConstraint(fields=["site", "name"], name="housing_room_unique_name")
        ]

    def __str__(self) -> str:
        return f"{self.site} · {self.name}"


class Bed(models.Model):
    room = models.ForeignKey(
        Room, on_delete=models.PROTECT, related_name="beds", verbose_name=_("stanza")
    )
    label = models.CharField(_("posto letto"), max_length=30)
    accessible = models.BooleanField(
        _("accessibile"),
        default=False,
        help_text=_("Raggiungibile e usabile in carrozzina (letto, spazi di manovra, bagno)."),
    )
    active = models.BooleanField(_("attivo"), default=True)

    class Meta:
        verbose_name = _("posto letto")
        verbose_name_plural = _("posti letto")
        ordering = ["room__site", "room__name", "label"]
        constraints = [
            models.UniqueConstraint(fields=["room", "label"], name="housing_bed_unique_label")
        ]

    def __str__(self) -> str:
        return f"{self.room} · {self.label}"


class ExitReason(BilingualName):
    """Why a placement ended (users extend the list from the admin)."""

    active = models.BooleanField(_("in uso"), default=True)

    class Meta(BilingualName.Meta):
        verbose_name = _("motivo di uscita")
        verbose_name_plural = _("motivi di uscita")


class PlacementStatus(models.TextChoices):
    PLANNED = "planned", _("Programmato")
    ACTIVE = "active", _("In corso")
    ENDED = "ended", _("Concluso")
    CANCELLED = "cancelled", _("Annullato")


# Placements that hold their nights.
OPEN_STATUSES = (PlacementStatus.PLANNED, PlacementStatus.ACTIVE)


class Placement(VersionedModel):
    """One person in one bed from the first to the last night (both included)."""

    case = models.ForeignKey(
        "cases.Case", on_delete=models.PROTECT, related_name="placements", verbose_name=_("caso")
    )
    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="+", verbose_name=_("persona")
    )
    bed = models.ForeignKey(
        Bed, on_delete=models.PROTECT, related_name="placements", verbose_name=_("posto letto")
    )
    goal = models.ForeignKey(
        "plans.Goal",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("obiettivo del PAI"),
    )
    starts_on = models.DateField(_("prima notte"))
    ends_on = models.DateField(_("ultima notte"))
    planned_ends_on = models.DateField(_("ultima notte prevista all'ingresso"))
    status = models.CharField(
        _("stato"), max_length=12, choices=PlacementStatus.choices, db_index=True
    )
    previous = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="next",
        verbose_name=_("spostato da"),
    )
    exit_reason = models.ForeignKey(
        ExitReason,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("motivo di uscita"),
    )
    exit_note = models.TextField(_("nota sull'uscita"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("inserimento")
        verbose_name_plural = _("inserimenti")
        ordering = ["-starts_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="housing_placement_period_valid"
            ),
            models.CheckConstraint(
                condition=Q(status__in=["planned", "active", "ended", "cancelled"]),
                name="housing_placement_status_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.bed} · {self.starts_on:%d/%m/%Y}–{self.ends_on:%d/%m/%Y}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    def status_on(self, day: dt.date) -> str:
        """Planned and active are a matter of dates for an open placement."""
        if not self.is_open:
            return self.status
        return PlacementStatus.PLANNED if day < self.starts_on else PlacementStatus.ACTIVE

    def status_label(self, day: dt.date) -> str:
        return str(PlacementStatus(self.status_on(day)).label)


class BedNight(models.Model):
    """One night of one bed taken by one placement: the rows that make double booking
    impossible (unique per bed and night, and per person and night)."""

    bed = models.ForeignKey(Bed, on_delete=models.PROTECT, related_name="nights")
    night = models.DateField()
    placement = models.ForeignKey(Placement, on_delete=models.CASCADE, related_name="nights")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("notte occupata")
        verbose_name_plural = _("notti occupate")
        constraints = [
            models.UniqueConstraint(fields=["bed", "night"], name="housing_bed_night_unique"),
            models.UniqueConstraint(fields=["person", "night"], name="housing_person_night_unique"),
        ]
        indexes = [models.Index(fields=["night", "bed"])]

    def __str__(self) -> str:
        return f"{self.bed} · {self.night:%d/%m/%Y}"


class RequestStatus(models.TextChoices):
    WAITING = "waiting", _("In attesa")
    PLACED = "placed", _("Inserita")
    WITHDRAWN = "withdrawn", _("Ritirata")


class HousingRequest(VersionedModel):
    """A bed asked for the person of a case, on the waiting list of the case's hub."""

    case = models.ForeignKey(
        "cases.Case",
        on_delete=models.PROTECT,
        related_name="housing_requests",
        verbose_name=_("caso"),
    )
    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="+", verbose_name=_("persona")
    )
    hub = models.ForeignKey(
        "network.Node", on_delete=models.PROTECT, related_name="+", verbose_name=_("hub")
    )
    needs_accessible = models.BooleanField(_("serve un posto letto accessibile"), default=False)
    room_gender = models.CharField(
        _("stanza"), max_length=8, choices=RoomGender.choices, default=RoomGender.ANY
    )
    desired_from = models.DateField(_("dal (data desiderata)"))
    notes = models.TextField(_("note"), blank=True)
    status = models.CharField(
        _("stato"),
        max_length=12,
        choices=RequestStatus.choices,
        default=RequestStatus.WAITING,
        db_index=True,
    )
    withdraw_reason = models.TextField(_("motivo del ritiro"), blank=True)
    placement = models.OneToOneField(
        Placement,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="request",
        verbose_name=_("inserimento"),
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("richiesta di posto letto")
        verbose_name_plural = _("richieste di posto letto")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["person"],
                condition=Q(status="waiting"),
                name="housing_one_waiting_request_per_person",
            ),
            models.CheckConstraint(
                condition=~Q(status="withdrawn") | ~Q(withdraw_reason=""),
                name="housing_request_withdrawn_has_reason",
            ),
            models.CheckConstraint(
                condition=~Q(status="placed") | Q(placement__isnull=False),
                name="housing_request_placed_has_placement",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case} · {self.desired_from:%d/%m/%Y}"


class SearchStatus(models.TextChoices):
    SEARCHING = "searching", _("In corso")
    FOUND = "found", _("Casa trovata")
    STOPPED = "stopped", _("Interrotta")


class RentalSearch(VersionedModel):
    """The search for a home to rent, the step after co-housing."""

    case = models.ForeignKey(
        "cases.Case",
        on_delete=models.PROTECT,
        related_name="rental_searches",
        verbose_name=_("caso"),
    )
    area = models.CharField(_("zona"), max_length=160)
    max_rent = models.DecimalField(_("affitto massimo (€ al mese)"), max_digits=8, decimal_places=2)
    status = models.CharField(
        _("stato"), max_length=12, choices=SearchStatus.choices, default=SearchStatus.SEARCHING
    )
    started_on = models.DateField(_("iniziata il"))
    ended_on = models.DateField(_("conclusa il"), null=True, blank=True)
    notes = models.TextField(_("note"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("ricerca di casa in affitto")
        verbose_name_plural = _("ricerche di casa in affitto")
        ordering = ["-started_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(max_rent__gt=0), name="housing_search_rent_positive"
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=F("started_on")),
                name="housing_search_period_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.area} (≤ {self.max_rent} €)"


class RentalContract(VersionedModel):
    """A lease the person signed; its deposit may be paid from the integration budget."""

    case = models.ForeignKey(
        "cases.Case",
        on_delete=models.PROTECT,
        related_name="rental_contracts",
        verbose_name=_("caso"),
    )
    search = models.ForeignKey(
        RentalSearch,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="contracts",
        verbose_name=_("ricerca"),
    )
    address = models.CharField(_("indirizzo"), max_length=200)
    landlord = models.CharField(_("proprietario/a"), max_length=160)
    starts_on = models.DateField(_("decorrenza"))
    ends_on = models.DateField(_("scadenza"), null=True, blank=True)
    monthly_rent = models.DecimalField(_("canone mensile (€)"), max_digits=8, decimal_places=2)
    registered = models.BooleanField(_("registrato all'Agenzia delle Entrate"), default=False)
    registered_on = models.DateField(_("registrato il"), null=True, blank=True)
    deposit = models.OneToOneField(
        "budget.Commitment",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="rental_contract",
        verbose_name=_("deposito dal budget di integrazione"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("contratto di affitto")
        verbose_name_plural = _("contratti di affitto")
        ordering = ["-starts_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(monthly_rent__gt=0), name="housing_contract_rent_positive"
            ),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gt=F("starts_on")),
                name="housing_contract_period_valid",
            ),
            models.CheckConstraint(
                condition=Q(registered=False, registered_on__isnull=True)
                | Q(registered=True, registered_on__isnull=False),
                name="housing_contract_registration_dated",
            ),
        ]

    def __str__(self) -> str:
        return self.address
