"""Outreach in the field: places, sessions of mobile units and outposts, what they counted,
whom they met and what they gave; awareness events and campaigns.

Records written in the field carry a `client_id` generated on the operator's phone, so a sync
retried after a dropped connection never creates a second row (see sync.py).
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from approdo.core.models import TimeStampedModel, VersionedModel

MONTHS = range(1, 13)


class PlaceKind(models.TextChoices):
    SETTLEMENT = "settlement", _("Insediamento informale")
    FIELD = "field", _("Campo o azienda agricola")
    SQUARE = "square", _("Piazza o luogo di ritrovo")
    STATION = "station", _("Stazione o fermata")
    RECEPTION = "reception", _("Centro di accoglienza")
    OTHER = "other", _("Altro")


class Place(VersionedModel):
    """A place where people live, gather or work, visited by the spokes' outreach."""

    name = models.CharField(_("nome"), max_length=160)
    kind = models.CharField(_("tipo"), max_length=16, choices=PlaceKind.choices)
    municipality = models.ForeignKey(
        "network.Municipality",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("comune"),
    )
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
    # Months (1-12) in which people are there; empty means all year.
    season_months = models.JSONField(_("mesi di presenza"), default=list, blank=True)
    estimated_population = models.PositiveIntegerField(
        _("popolazione stimata"), null=True, blank=True
    )
    access_notes = models.TextField(_("come arrivarci, accesso"), blank=True)
    safety_notes = models.TextField(_("note di sicurezza"), blank=True)
    node = models.ForeignKey(
        "network.Node",
        on_delete=models.PROTECT,
        related_name="outreach_places",
        verbose_name=_("nodo di riferimento"),
        help_text=_("Lo spoke (o l'hub) che frequenta di solito questo luogo."),
    )
    active = models.BooleanField(_("attivo"), default=True)

    class Meta:
        verbose_name = _("luogo")
        verbose_name_plural = _("luoghi")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "name"], name="place_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name

    def is_in_season(self, month: int) -> bool:
        return not self.season_months or month in self.season_months


class SessionStatus(models.TextChoices):
    PLANNED = "planned", _("Programmata")
    DONE = "done", _("Svolta")
    CANCELLED = "cancelled", _("Annullata")


class OutreachSession(VersionedModel):
    """One outing of a mobile unit or a shift at an outpost, at one place on one day."""

    client_id = models.UUIDField(unique=True, default=uuid.uuid4)
    node = models.ForeignKey(
        "network.Node",
        on_delete=models.PROTECT,
        related_name="outreach_sessions",
        verbose_name=_("nodo"),
    )
    place = models.ForeignKey(
        Place, on_delete=models.PROTECT, related_name="sessions", verbose_name=_("luogo")
    )
    date = models.DateField(_("data"), db_index=True)
    starts_at = models.TimeField(_("dalle"))
    ends_at = models.TimeField(_("alle"), null=True, blank=True)
    status = models.CharField(
        _("stato"), max_length=16, choices=SessionStatus.choices, default=SessionStatus.DONE
    )
    team = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="+", verbose_name=_("équipe")
    )
    other_team = models.CharField(
        _("altri componenti"),
        max_length=200,
        blank=True,
        help_text=_("Volontari o partner senza un account."),
    )
    languages = models.ManyToManyField(
        "network.Language", blank=True, related_name="+", verbose_name=_("lingue della mediazione")
    )
    with_mediator = models.BooleanField(_("con mediatore/mediatrice"), default=False)
    vehicle = models.CharField(_("mezzo"), max_length=80, blank=True)
    notes = models.TextField(_("note"), blank=True)
    cancel_reason = models.CharField(_("motivo dell'annullamento"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("uscita di outreach")
        verbose_name_plural = _("uscite di outreach")
        ordering = ["-date", "-starts_at", "-pk"]
        indexes = [models.Index(fields=["node", "date"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__isnull=True) | Q(ends_at__gt=models.F("starts_at")),
                name="outreach_session_ends_after_start",
            ),
            models.CheckConstraint(
                condition=~Q(status=SessionStatus.CANCELLED) | ~Q(cancel_reason=""),
                name="outreach_session_cancel_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.place} {self.date:%d/%m/%Y}"


class Sex(models.TextChoices):
    FEMALE = "female", _("Donne")
    MALE = "male", _("Uomini")
    NON_BINARY = "non_binary", _("Non binari")
    UNKNOWN = "unknown", _("Non rilevato")


class AgeBand(models.TextChoices):
    """The EU (FSE+) participant age bands, so counts add up with monitoring's."""

    UNDER_18 = "under_18", _("Meno di 18 anni")
    FROM_18_TO_29 = "18_29", _("18-29 anni")
    FROM_30_TO_54 = "30_54", _("30-54 anni")
    FROM_55 = "55_plus", _("55 anni e oltre")
    UNKNOWN = "unknown", _("Età non rilevata")


class Headcount(VersionedModel):
    """Anonymous: how many people of one sex, age band (and nationality, if known) were met.

    Never linked to anyone; kept apart from named counts by monitoring.
    """

    client_id = models.UUIDField(unique=True, default=uuid.uuid4)
    session = models.ForeignKey(
        OutreachSession, on_delete=models.CASCADE, related_name="headcounts"
    )
    sex = models.CharField(_("sesso"), max_length=16, choices=Sex.choices)
    age_band = models.CharField(_("fascia d'età"), max_length=16, choices=AgeBand.choices)
    nationality = models.CharField(_("cittadinanza"), max_length=2, blank=True)
    count = models.PositiveIntegerField(
        _("persone"), validators=[MinValueValidator(1), MaxValueValidator(5000)]
    )

    class Meta:
        verbose_name = _("conteggio anonimo")
        verbose_name_plural = _("conteggi anonimi")
        ordering = ["session", "sex", "age_band", "nationality"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "sex", "age_band", "nationality"],
                name="headcount_one_row_per_group",
            ),
            models.CheckConstraint(condition=Q(count__gte=1), name="headcount_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.session}: {self.count}"


class FirstContact(TimeStampedModel):
    """A person met by name in the field. It opens a case for the spoke's hub and a referral
    to it (the case issue's flow); the minimal data lives on the case, this row keeps where
    and when, and the link."""

    client_id = models.UUIDField(unique=True, default=uuid.uuid4)
    session = models.ForeignKey(
        OutreachSession, on_delete=models.PROTECT, related_name="first_contacts"
    )
    case = models.OneToOneField(
        "cases.Case", on_delete=models.PROTECT, related_name="outreach_contact"
    )
    referral = models.OneToOneField(
        "cases.Referral",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="outreach_contact",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("primo contatto in outreach")
        verbose_name_plural = _("primi contatti in outreach")
        ordering = ["session", "created_at"]

    def __str__(self) -> str:
        return str(self.case)


class OnSpotServiceKind(models.TextChoices):
    INFORMATION = "information", _("Informazione e orientamento")
    HEALTH = "health", _("Orientamento sanitario")
    LEGAL = "legal", _("Prima consulenza legale")
    MATERIAL = "material", _("Aiuti materiali")
    MEDIATION = "mediation", _("Mediazione linguistico-culturale")
    OTHER = "other", _("Altro")


class OnSpotService(VersionedModel):
    """Services given on the spot during a session, counted by kind."""

    client_id = models.UUIDField(unique=True, default=uuid.uuid4)
    session = models.ForeignKey(OutreachSession, on_delete=models.CASCADE, related_name="services")
    kind = models.CharField(_("servizio"), max_length=16, choices=OnSpotServiceKind.choices)
    people = models.PositiveIntegerField(
        _("persone"), validators=[MinValueValidator(1), MaxValueValidator(5000)]
    )
    note = models.CharField(_("nota"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("servizio sul posto")
        verbose_name_plural = _("servizi sul posto")
        ordering = ["session", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["session", "kind"], name="onspot_one_row_per_kind"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.people}"


class MaterialKind(models.TextChoices):
    LEAFLET = "leaflet", _("Volantino")
    BOOKLET = "booklet", _("Opuscolo")
    CARD = "card", _("Biglietto con i numeri utili")
    POSTER = "poster", _("Manifesto")
    AUDIO_VIDEO = "audio_video", _("Audio o video")
    KIT = "kit", _("Kit (igiene, protezione, altro)")
    OTHER = "other", _("Altro")


class AwarenessMaterial(TimeStampedModel):
    """The catalogue of awareness material (administrators extend it)."""

    name = models.CharField(_("nome"), max_length=160, unique=True)
    kind = models.CharField(_("tipo"), max_length=16, choices=MaterialKind.choices)
    languages = models.ManyToManyField(
        "network.Language", blank=True, related_name="+", verbose_name=_("lingue")
    )
    description = models.TextField(_("descrizione"), blank=True)
    active = models.BooleanField(_("attivo"), default=True)

    class Meta:
        verbose_name = _("materiale informativo")
        verbose_name_plural = _("materiali informativi")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class MaterialHandout(VersionedModel):
    """How many pieces of one material were handed out in a session."""

    client_id = models.UUIDField(unique=True, default=uuid.uuid4)
    session = models.ForeignKey(OutreachSession, on_delete=models.CASCADE, related_name="handouts")
    material = models.ForeignKey(
        AwarenessMaterial, on_delete=models.PROTECT, related_name="+", verbose_name=_("materiale")
    )
    quantity = models.PositiveIntegerField(
        _("quantità"), validators=[MinValueValidator(1), MaxValueValidator(100000)]
    )

    class Meta:
        verbose_name = _("materiale distribuito")
        verbose_name_plural = _("materiali distribuiti")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "material"], name="handout_one_row_per_material"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.material}: {self.quantity}"


# --- awareness and territorial animation ---------------------------------------------------
class Audience(models.TextChoices):
    WORKERS = "workers", _("Lavoratori e lavoratrici")
    COMMUNITY = "community", _("Comunità e associazioni di migranti")
    EMPLOYERS = "employers", _("Datori di lavoro e associazioni di categoria")
    INSTITUTIONS = "institutions", _("Istituzioni e servizi")
    SCHOOLS = "schools", _("Scuole e giovani")
    PUBLIC = "public", pgettext_lazy("audience", "Cittadinanza")


class Campaign(VersionedModel):
    """An awareness campaign of a node (or of several, each with its events)."""

    name = models.CharField(_("nome"), max_length=200)
    node = models.ForeignKey(
        "network.Node", on_delete=models.PROTECT, related_name="campaigns", verbose_name=_("nodo")
    )
    starts_on = models.DateField(_("inizio"))
    ends_on = models.DateField(_("fine"), null=True, blank=True)
    description = models.TextField(_("descrizione"), blank=True)
    languages = models.ManyToManyField(
        "network.Language", blank=True, related_name="+", verbose_name=_("lingue")
    )
    materials = models.ManyToManyField(
        AwarenessMaterial, blank=True, related_name="campaigns", verbose_name=_("materiali")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("campagna")
        verbose_name_plural = _("campagne")
        ordering = ["-starts_on", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="campaign_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class AwarenessEvent(VersionedModel):
    """An awareness or territorial-animation event: meeting, info point, training, festival."""

    title = models.CharField(_("titolo"), max_length=200)
    node = models.ForeignKey(
        "network.Node",
        on_delete=models.PROTECT,
        related_name="awareness_events",
        verbose_name=_("nodo"),
    )
    campaign = models.ForeignKey(
        Campaign,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("campagna"),
    )
    date = models.DateField(_("data"), db_index=True)
    place = models.ForeignKey(
        Place,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("luogo censito"),
    )
    municipality = models.ForeignKey(
        "network.Municipality", on_delete=models.PROTECT, related_name="+", verbose_name=_("comune")
    )
    venue = models.CharField(_("sede"), max_length=200, blank=True)
    audience = models.CharField(_("pubblico"), max_length=16, choices=Audience.choices)
    partners = models.TextField(_("partner"), blank=True)
    materials = models.ManyToManyField(
        AwarenessMaterial, blank=True, related_name="events", verbose_name=_("materiali")
    )
    languages = models.ManyToManyField(
        "network.Language", blank=True, related_name="+", verbose_name=_("lingue")
    )
    people_reached = models.PositiveIntegerField(_("persone raggiunte"), default=0)
    notes = models.TextField(_("note"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("evento di sensibilizzazione")
        verbose_name_plural = _("eventi di sensibilizzazione")
        ordering = ["-date", "title"]

    def __str__(self) -> str:
        return self.title
