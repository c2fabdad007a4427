"""The PSI network registry: territory, managing bodies, contracts, hubs and spokes, teams."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from stdnum.it import codicefiscale as it_tax_code

from approdo.core.models import TimeStampedModel, VersionedModel


class BilingualName(models.Model):
    """Reference rows users extend from the admin, named in Italian and English."""

    code = models.SlugField(_("codice"), max_length=32, unique=True)
    name_it = models.CharField(_("nome (italiano)"), max_length=120)
    name_en = models.CharField(_("nome (inglese)"), max_length=120)
    position = models.PositiveSmallIntegerField(_("ordine"), default=0)

    class Meta:
        abstract = True
        ordering = ["position", "name_it"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.name_en if (get_language() or "it").startswith("en") else self.name_it


class Programme(TimeStampedModel):
    code = models.SlugField(_("codice"), max_length=32, unique=True)
    name = models.CharField(_("nome"), max_length=120)
    description = models.TextField(_("descrizione"), blank=True)
    starts_on = models.DateField(_("inizio"))
    ends_on = models.DateField(_("fine"))

    class Meta:
        verbose_name = _("programma")
        verbose_name_plural = _("programmi")
        ordering = ["starts_on", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="programme_period_valid"
            )
        ]

    def __str__(self) -> str:
        return self.name


class Region(models.Model):
    istat_code = models.CharField(_("codice ISTAT"), max_length=2, unique=True)
    name = models.CharField(_("nome"), max_length=80, unique=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)

    class Meta:
        verbose_name = _("regione")
        verbose_name_plural = _("regioni")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Province(models.Model):
    istat_code = models.CharField(_("codice ISTAT"), max_length=3, unique=True)
    name = models.CharField(_("nome"), max_length=80)
    abbreviation = models.CharField(_("sigla"), max_length=2, unique=True)
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="provinces", verbose_name=_("regione")
    )

    class Meta:
        verbose_name = _("provincia")
        verbose_name_plural = _("province")
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.abbreviation})"


class Municipality(models.Model):
    istat_code = models.CharField(_("codice ISTAT"), max_length=6, unique=True)
    name = models.CharField(_("nome"), max_length=120, db_index=True)
    province = models.ForeignKey(
        Province,
        on_delete=models.PROTECT,
        related_name="municipalities",
        verbose_name=_("provincia"),
    )
    latitude = models.DecimalField(_("latitudine"), max_digits=8, decimal_places=5)
    longitude = models.DecimalField(_("longitudine"), max_digits=8, decimal_places=5)

    class Meta:
        verbose_name = _("comune")
        verbose_name_plural = _("comuni")
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.province.abbreviation})"


class LegalForm(models.TextChoices):
    SOCIAL_COOPERATIVE = "social_cooperative", _("Cooperativa sociale")
    ASSOCIATION = "association", _("Associazione")
    VOLUNTEER_ORGANISATION = "odv", _("Organizzazione di volontariato (ODV)")
    SOCIAL_PROMOTION = "aps", _("Associazione di promozione sociale (APS)")
    FOUNDATION = "foundation", _("Fondazione")
    SOCIAL_ENTERPRISE = "social_enterprise", _("Impresa sociale")
    RELIGIOUS_BODY = "religious_body", _("Ente religioso civilmente riconosciuto")
    CONSORTIUM = "consortium", _("Consorzio")
    PUBLIC_BODY = "public_body", _("Ente pubblico")


def validate_organisation_tax_code(value: str) -> None:
    """An organisation's codice fiscale: 11 digits with a valid check digit (or a person's 16)."""
    if not it_tax_code.is_valid(value):
        raise ValidationError(
            _("Codice fiscale non valido: servono 11 cifre con la cifra di controllo corretta."),
            code="invalid_tax_code",
        )


class ManagingBody(VersionedModel):
    """An ente gestore: the organisation that runs one or more nodes under a contract."""

    name = models.CharField(_("denominazione"), max_length=200)
    tax_code = models.CharField(
        _("codice fiscale"),
        max_length=16,
        unique=True,
        validators=[validate_organisation_tax_code],
    )
    legal_form = models.CharField(_("forma giuridica"), max_length=32, choices=LegalForm.choices)
    region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        related_name="managing_bodies",
        verbose_name=_("regione della sede"),
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="managing_bodies",
        verbose_name=_("comune della sede"),
    )
    address = models.CharField(_("indirizzo"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    pec = models.EmailField(_("PEC"), blank=True)
    phone = models.CharField(_("telefono"), max_length=32, blank=True)
    website = models.URLField(_("sito web"), blank=True)

    class Meta:
        verbose_name = _("ente gestore")
        verbose_name_plural = _("enti gestori")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ProcedureKind(models.TextChoices):
    OPEN = "open", _("Procedura aperta")
    CO_DESIGN = "co_design", _("Co-progettazione (art. 55 CTS)")
    NEGOTIATED = "negotiated", _("Procedura negoziata")
    AGREEMENT = "agreement", _("Accordo tra amministrazioni")


class Procedure(TimeStampedModel):
    code = models.CharField(_("codice"), max_length=32, unique=True)
    title = models.CharField(_("oggetto"), max_length=255)
    kind = models.CharField(_("tipo"), max_length=16, choices=ProcedureKind.choices)
    programme = models.ForeignKey(
        Programme,
        on_delete=models.PROTECT,
        related_name="procedures",
        verbose_name=_("programma"),
    )
    contracting_authority = models.CharField(_("stazione appaltante"), max_length=200)
    region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="procedures",
        verbose_name=_("regione"),
        help_text=_("Vuoto per le procedure interregionali."),
    )
    published_on = models.DateField(_("pubblicata il"))

    class Meta:
        verbose_name = _("procedura")
        verbose_name_plural = _("procedure")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} — {self.title}"


class ServiceArea(BilingualName):
    class Meta(BilingualName.Meta):
        verbose_name = _("area di intervento")
        verbose_name_plural = _("aree di intervento")


class Language(BilingualName):
    """A language spoken by staff or people; `code` is ISO 639-1 where it exists, else 639-3."""

    class Meta(BilingualName.Meta):
        verbose_name = _("lingua")
        verbose_name_plural = _("lingue")


class NodeKind(models.TextChoices):
    HUB = "hub", _("Hub (Polo Sociale Integrato)")
    SPOKE = "spoke", _("Spoke")


class SpokeKind(models.TextChoices):
    MOBILE_UNIT = "mobile_unit", _("Unità mobile")
    OUTPOST = "outpost", _("Presidio territoriale fisso")
    DESK = "desk", _("Sportello")
    OTHER = "other", _("Altra delocalizzazione")


class Localisation(models.TextChoices):
    URBAN = "urban", _("Urbano")
    RURAL = "rural", _("Rurale")
    PERIURBAN = "periurban", _("Periurbano")


class Node(VersionedModel):
    """A hub (PSI) or one of its spokes."""

    code = models.CharField(_("codice"), max_length=16, unique=True)
    name = models.CharField(_("nome"), max_length=200)
    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, related_name="nodes", verbose_name=_("programma")
    )
    kind = models.CharField(_("tipo"), max_length=8, choices=NodeKind.choices, db_index=True)
    spoke_kind = models.CharField(
        _("tipo di spoke"), max_length=16, choices=SpokeKind.choices, blank=True
    )
    parent_hub = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="spokes",
        verbose_name=_("hub di riferimento"),
    )
    localisation = models.CharField(
        _("localizzazione"), max_length=16, choices=Localisation.choices
    )
    # Denormalised from the municipality so the directory filters without three joins.
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="nodes", verbose_name=_("regione")
    )
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="nodes", verbose_name=_("comune")
    )
    address = models.CharField(_("indirizzo"), max_length=200, blank=True)
    latitude = models.DecimalField(
        _("latitudine"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(-90)), MaxValueValidator(Decimal(90))],
    )
    longitude = models.DecimalField(
        _("longitudine"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(-180)), MaxValueValidator(Decimal(180))],
    )
    phone = models.CharField(_("telefono"), max_length=32, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    languages = models.ManyToManyField(
        Language, blank=True, related_name="nodes", verbose_name=_("lingue parlate")
    )
    areas = models.ManyToManyField(
        ServiceArea, blank=True, related_name="nodes", verbose_name=_("aree offerte")
    )
    managing_bodies = models.ManyToManyField(
        ManagingBody, related_name="nodes", verbose_name=_("enti gestori")
    )
    active_from = models.DateField(_("attivo dal"))
    active_until = models.DateField(_("attivo fino al"), null=True, blank=True)
    notes = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("nodo")
        verbose_name_plural = _("nodi")
        ordering = ["region__name", "kind", "name"]
        indexes = [models.Index(fields=["region", "kind", "name"])]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(kind="hub", parent_hub__isnull=True, spoke_kind="")
                    | (Q(kind="spoke", parent_hub__isnull=False) & ~Q(spoke_kind=""))
                ),
                name="node_hub_or_spoke_shape",
                violation_error_message=_(
                    "Un hub non ha hub di riferimento né tipo di spoke; uno spoke ha entrambi."
                ),
            ),
            models.CheckConstraint(
                condition=Q(active_until__isnull=True)
                | Q(active_until__gte=models.F("active_from")),
                name="node_active_period_valid",
                violation_error_message=_("La fine dell'attività precede l'inizio."),
            ),
            models.CheckConstraint(
                condition=(Q(latitude__isnull=True) & Q(longitude__isnull=True))
                | (
                    Q(latitude__gte=-90, latitude__lte=90)
                    & Q(longitude__gte=-180, longitude__lte=180)
                ),
                name="node_coordinates_valid",
                violation_error_message=_("Coordinate non valide."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        if self.parent_hub_id and self.parent_hub and self.parent_hub.kind != NodeKind.HUB:
            raise ValidationError({"parent_hub": _("L'hub di riferimento deve essere un hub.")})
        if (
            self.municipality_id
            and self.region_id
            and self.municipality.province.region_id != self.region_id
        ):
            raise ValidationError(
                {"municipality": _("Il comune non appartiene alla regione del nodo.")}
            )
        if (self.latitude is None) != (self.longitude is None):
            raise ValidationError(_("Indica sia la latitudine sia la longitudine, o nessuna."))

    @property
    def is_hub(self) -> bool:
        return self.kind == NodeKind.HUB

    def is_active_on(self, day: dt.date | None = None) -> bool:
        day = day or timezone.localdate()
        return self.active_from <= day and (self.active_until is None or day <= self.active_until)

    @property
    def hub(self) -> Node:
        """The hub this node belongs to: itself for a hub."""
        return self if self.is_hub or self.parent_hub is None else self.parent_hub


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("lunedì")
    TUESDAY = 1, _("martedì")
    WEDNESDAY = 2, _("mercoledì")
    THURSDAY = 3, _("giovedì")
    FRIDAY = 4, _("venerdì")
    SATURDAY = 5, _("sabato")
    SUNDAY = 6, _("domenica")


class OpeningHours(models.Model):
    node = models.ForeignKey(
        Node, on_delete=models.CASCADE, related_name="opening_hours", verbose_name=_("nodo")
    )
    weekday = models.PositiveSmallIntegerField(_("giorno"), choices=Weekday.choices)
    opens_at = models.TimeField(_("apre alle"))
    closes_at = models.TimeField(_("chiude alle"))
    note = models.CharField(_("nota"), max_length=120, blank=True)

    class Meta:
        verbose_name = _("orario di apertura")
        verbose_name_plural = _("orari di apertura")
        ordering = ["node", "weekday", "opens_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_at__gt=models.F("opens_at")),
                name="opening_hours_close_after_open",
                violation_error_message=_("L'orario di chiusura deve seguire l'apertura."),
            ),
            models.UniqueConstraint(
                fields=["node", "weekday", "opens_at"], name="opening_hours_unique_slot"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.opens_at:%H:%M}–{self.closes_at:%H:%M}"


class Contract(TimeStampedModel):
    """An affidamento: a contract awarded under a procedure to one or more managing bodies."""

    procedure = models.ForeignKey(
        Procedure, on_delete=models.PROTECT, related_name="contracts", verbose_name=_("procedura")
    )
    code = models.CharField(_("CIG / codice"), max_length=32, unique=True)
    title = models.CharField(_("oggetto"), max_length=255)
    managing_bodies = models.ManyToManyField(
        ManagingBody, related_name="contracts", verbose_name=_("enti gestori")
    )
    amount = models.DecimalField(_("importo (€)"), max_digits=14, decimal_places=2)
    starts_on = models.DateField(_("inizio"))
    ends_on = models.DateField(_("fine"))
    nodes = models.ManyToManyField(
        Node, blank=True, related_name="contracts", verbose_name=_("nodi serviti")
    )

    class Meta:
        verbose_name = _("affidamento")
        verbose_name_plural = _("affidamenti")
        ordering = ["procedure__code", "code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")),
                name="contract_period_valid",
                violation_error_message=_("La fine del contratto precede l'inizio."),
            ),
            models.CheckConstraint(
                condition=Q(amount__gte=0),
                name="contract_amount_not_negative",
                violation_error_message=_("L'importo non può essere negativo."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} — {self.title}"


class ProfessionalArea(models.TextChoices):
    MEDIATION = "mediation", _("Mediazione")
    MANAGEMENT = "management", _("Gestionale-amministrativa")
    LEGAL = "legal", _("Giuridica")
    SOCIAL_WORK = "social_work", _("Servizio sociale")
    PSYCHO_SOCIAL = "psycho_social", _("Psico-sociale")
    HEALTH = "health", _("Sanitaria")
    EDUCATION = "education", _("Educativa")
    EMPLOYMENT = "employment", _("Lavoro e orientamento")


class Professional(VersionedModel):
    """A member of a multidisciplinary team (équipe); may or may not have an account."""

    given_name = models.CharField(_("nome"), max_length=80)
    family_name = models.CharField(_("cognome"), max_length=80)
    area = models.CharField(
        _("area professionale"), max_length=16, choices=ProfessionalArea.choices, db_index=True
    )
    job_title = models.CharField(_("qualifica"), max_length=120, blank=True)
    employer = models.ForeignKey(
        ManagingBody,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="professionals",
        verbose_name=_("ente di appartenenza"),
    )
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("telefono"), max_length=32, blank=True)
    languages = models.ManyToManyField(
        Language, blank=True, related_name="professionals", verbose_name=_("lingue")
    )
    user = models.OneToOneField(
        "accounts.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="professional",
        verbose_name=_("utente"),
    )
    nodes: models.ManyToManyField[Node, TeamAssignment] = models.ManyToManyField(
        Node, through="TeamAssignment", related_name="professionals", verbose_name=_("nodi")
    )

    class Meta:
        verbose_name = _("professionista")
        verbose_name_plural = _("professionisti")
        ordering = ["family_name", "given_name"]

    def __str__(self) -> str:
        return f"{self.given_name} {self.family_name}"


class TeamAssignment(models.Model):
    """A professional's place in a node's team, for a period."""

    professional = models.ForeignKey(
        Professional,
        on_delete=models.CASCADE,
        related_name="assignments",
        verbose_name=_("professionista"),
    )
    node = models.ForeignKey(
        Node, on_delete=models.PROTECT, related_name="assignments", verbose_name=_("nodo")
    )
    function = models.CharField(_("funzione nell'équipe"), max_length=120, blank=True)
    starts_on = models.DateField(_("dal"))
    ends_on = models.DateField(_("al"), null=True, blank=True)

    class Meta:
        verbose_name = _("assegnazione all'équipe")
        verbose_name_plural = _("assegnazioni all'équipe")
        ordering = ["node", "professional"]
        constraints = [
            models.UniqueConstraint(
                fields=["professional", "node", "starts_on"], name="team_assignment_unique"
            ),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="team_assignment_period_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.professional} @ {self.node}"


class TargetIndicator(models.TextChoices):
    TAKEN_IN_CHARGE = "taken_in_charge", _("Cittadini di Paesi terzi presi in carico")


class RegionalTarget(TimeStampedModel):
    """How many people a region's PSI system must take in charge within a programme."""

    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, related_name="targets", verbose_name=_("programma")
    )
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="targets", verbose_name=_("regione")
    )
    indicator = models.CharField(
        _("indicatore"),
        max_length=32,
        choices=TargetIndicator.choices,
        default=TargetIndicator.TAKEN_IN_CHARGE,
    )
    value = models.PositiveIntegerField(_("obiettivo"))

    class Meta:
        verbose_name = _("obiettivo regionale")
        verbose_name_plural = _("obiettivi regionali")
        ordering = ["programme", "region__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "region", "indicator"], name="regional_target_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.region}: {self.value}"
