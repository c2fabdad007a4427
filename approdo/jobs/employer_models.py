"""Employers, collective agreements and vacancies: the demand side of the job matching.

The way out of exploitation is decent work, so the data carries what makes an employer safe to
propose: the collective agreement it applies (a vacancy below the agreement's minimum pay is
refused by the services), membership of the Rete del Lavoro Agricolo di Qualità with the date it
was last checked, a 603-bis conviction, and the inspections' findings. A flagged employer's
vacancy can be recorded but is never matched (`employer_selectors.matchable_vacancies`).
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from stdnum.it import iva

from approdo.core.models import TimeStampedModel, VersionedModel

__all__ = [
    "MAX_HOURS_PER_WEEK",
    "RETE_CHECK_MONTHS",
    "VACANCY_TRANSITIONS",
    "AgreementRate",
    "CefrLevel",
    "CollectiveAgreement",
    "Employer",
    "EmployerQuerySet",
    "EmployerSite",
    "Inspection",
    "InspectionBody",
    "InspectionOutcome",
    "Sector",
    "Vacancy",
    "VacancyLanguage",
    "VacancyStatus",
    "below_minimum_message",
    "flagged_q",
    "one_year_before",
    "validate_vat_number",
]

# A Rete membership checked longer ago than this is "to re-check" and flags the employer.
RETE_CHECK_MONTHS = 12
MAX_HOURS_PER_WEEK = 48


def one_year_before(day: dt.date) -> dt.date:
    """The same day a year earlier (28 February for a 29 February)."""
    try:
        return day.replace(year=day.year - 1)
    except ValueError:
        return day.replace(year=day.year - 1, day=28)


def validate_vat_number(value: str) -> None:
    """A partita IVA in compact form: 11 digits, office code and check digit right."""
    if not iva.is_valid(value) or iva.compact(value) != value:
        raise ValidationError(
            _("Partita IVA non valida: servono 11 cifre con la cifra di controllo corretta."),
            code="vat_number",
        )


def below_minimum_message(rate: AgreementRate) -> str:
    """The refusal of a pay below the agreement level's minimum, naming the minimum."""
    return gettext(
        "La paga è inferiore al minimo del contratto collettivo: per «%(level)s» il minimo è "
        "%(minimum)s € lordi l'ora."
    ) % {
        "level": rate.label,
        "minimum": number_format(rate.minimum_hourly_pay, 2, force_grouping=True),
    }


class Sector(models.TextChoices):
    AGRICULTURE = "agriculture", _("Agricoltura")
    AGRIFOOD = "agrifood", _("Industria agroalimentare")
    LOGISTICS = "logistics", _("Logistica")
    CONSTRUCTION = "construction", _("Edilizia")
    HOSPITALITY = "hospitality", _("Turismo e ristorazione")
    OTHER = "other", _("Altro")


# --- collective agreements (reference data) -----------------------------------------------------


class CollectiveAgreement(models.Model):
    """A national collective agreement (CCNL). Seeded by a data migration (agreements.py) with
    indicative figures; administrators set the real ones from the signed text."""

    code = models.SlugField(_("codice"), max_length=40, unique=True)
    name = models.CharField(_("denominazione"), max_length=200)
    sector = models.CharField(_("settore"), max_length=16, choices=Sector.choices)
    valid_from = models.DateField(_("in vigore dal"))
    valid_to = models.DateField(_("scadenza"), null=True, blank=True)
    notes = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("contratto collettivo")
        verbose_name_plural = _("contratti collettivi")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=F("valid_from")),
                name="agreement_validity_order",
            ),
            models.CheckConstraint(condition=~Q(name=""), name="agreement_name_not_empty"),
        ]

    def __str__(self) -> str:
        return self.name


class AgreementRate(models.Model):
    """A level (area, livello) of an agreement with its minimum gross hourly pay."""

    agreement = models.ForeignKey(
        CollectiveAgreement,
        on_delete=models.PROTECT,
        related_name="rates",
        verbose_name=_("contratto collettivo"),
    )
    code = models.CharField(_("codice del livello"), max_length=20)
    label = models.CharField(_("livello o area"), max_length=200)
    minimum_hourly_pay = models.DecimalField(
        _("paga oraria lorda minima (€)"), max_digits=6, decimal_places=2
    )
    position = models.PositiveSmallIntegerField(_("ordine"), default=0)

    class Meta:
        verbose_name = _("livello del contratto")
        verbose_name_plural = _("livelli del contratto")
        ordering = ["agreement", "position", "code"]
        constraints = [
            models.UniqueConstraint(fields=["agreement", "code"], name="agreement_rate_unique"),
            models.CheckConstraint(
                condition=Q(minimum_hourly_pay__gt=0), name="agreement_rate_pay_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.label} ({self.minimum_hourly_pay} €/h)"


# --- employers ------------------------------------------------------------------------------------


def flagged_q(today: dt.date | None = None, prefix: str = "") -> Q:
    """Employers that must never be matched silently, as a filter (prefix: "employer__")."""
    day = today or timezone.localdate()
    p = prefix
    return (
        Q(**{f"{p}has_603bis_conviction": True})
        | Q(**{f"{p}sector": Sector.AGRICULTURE, f"{p}rete_member": False})
        | Q(**{f"{p}rete_member": True, f"{p}rete_checked_on__lt": one_year_before(day)})
    )


class EmployerQuerySet(models.QuerySet["Employer"]):
    def flagged(self, today: dt.date | None = None) -> EmployerQuerySet:
        return self.filter(flagged_q(today))

    def unflagged(self, today: dt.date | None = None) -> EmployerQuerySet:
        return self.exclude(flagged_q(today))


class Employer(VersionedModel):
    """A company that offers work. Shared across the network: every hub reads the same record."""

    legal_name = models.CharField(_("ragione sociale"), max_length=200)
    vat_number = models.CharField(
        _("partita IVA"),
        max_length=11,
        unique=True,
        validators=[validate_vat_number],
        help_text=_("11 cifre, senza il prefisso IT."),
    )
    tax_code = models.CharField(
        _("codice fiscale"),
        max_length=16,
        blank=True,
        help_text=_("Solo se diverso dalla partita IVA (ditta individuale)."),
    )
    sector = models.CharField(_("settore"), max_length=16, choices=Sector.choices)
    agreement = models.ForeignKey(
        CollectiveAgreement,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="employers",
        verbose_name=_("contratto collettivo applicato"),
    )
    rete_member = models.BooleanField(_("iscritto alla Rete del Lavoro Agricolo di Qualità"))
    rete_member_since = models.DateField(_("iscritto alla Rete dal"), null=True, blank=True)
    rete_checked_on = models.DateField(
        _("iscrizione alla Rete verificata il"),
        null=True,
        blank=True,
        help_text=_("Data dell'ultimo controllo sull'elenco INPS della Rete."),
    )
    has_603bis_conviction = models.BooleanField(_("condanna per art. 603-bis c.p."), default=False)
    conviction_on = models.DateField(_("data della condanna"), null=True, blank=True)
    conviction_note = models.TextField(_("nota sulla condanna"), blank=True)
    notes = models.TextField(_("note"), blank=True)
    registered_at = models.ForeignKey(
        "network.Node",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("registrato dal nodo"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    objects = EmployerQuerySet.as_manager()

    class Meta:
        verbose_name = _("datore di lavoro")
        verbose_name_plural = _("datori di lavoro")
        ordering = ["legal_name", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(vat_number__regex=r"^[0-9]{11}$"), name="employer_vat_digits"
            ),
            models.CheckConstraint(condition=~Q(legal_name=""), name="employer_name_not_empty"),
            # A membership is only as good as its last check.
            models.CheckConstraint(
                condition=Q(rete_member=False) | Q(rete_checked_on__isnull=False),
                name="employer_rete_member_checked",
            ),
            models.CheckConstraint(
                condition=Q(rete_member=True) | Q(rete_member_since__isnull=True),
                name="employer_rete_since_only_members",
            ),
            models.CheckConstraint(
                condition=Q(has_603bis_conviction=True)
                | (Q(conviction_on__isnull=True) & Q(conviction_note="")),
                name="employer_conviction_details_only_if_convicted",
            ),
        ]

    def __str__(self) -> str:
        return self.legal_name

    # --- flags (the same rules as EmployerQuerySet.flagged_q) ---
    def rete_check_stale(self, today: dt.date | None = None) -> bool:
        day = today or timezone.localdate()
        return bool(
            self.rete_member
            and self.rete_checked_on
            and self.rete_checked_on < one_year_before(day)
        )

    def flag_reasons(self, today: dt.date | None = None) -> list[str]:
        reasons: list[str] = []
        if self.has_603bis_conviction:
            reasons.append(str(_("condanna per intermediazione illecita e sfruttamento (603-bis)")))
        if self.sector == Sector.AGRICULTURE and not self.rete_member:
            reasons.append(str(_("fuori dalla Rete del Lavoro Agricolo di Qualità")))
        if self.rete_check_stale(today):
            reasons.append(
                str(_("iscrizione alla Rete da ricontrollare (verifica di oltre 12 mesi fa)"))
            )
        return reasons

    @property
    def flag_reason(self) -> str:
        """Why the employer is flagged ("" when it is not): never matched silently."""
        return "; ".join(self.flag_reasons())

    @property
    def is_flagged(self) -> bool:
        return bool(self.flag_reasons())

    def latest_violation(self) -> Inspection | None:
        """The latest concluded inspection, when it found violations (a warning, not a flag)."""
        latest = (
            self.inspections.exclude(outcome=InspectionOutcome.PENDING)
            .order_by("-inspected_on", "-pk")
            .first()
        )
        return latest if latest and latest.outcome == InspectionOutcome.VIOLATIONS else None


class EmployerSite(TimeStampedModel):
    """A place where the employer's workers work (farm, warehouse, plant)."""

    employer = models.ForeignKey(
        Employer, on_delete=models.PROTECT, related_name="sites", verbose_name=_("datore di lavoro")
    )
    name = models.CharField(_("nome della sede"), max_length=120)
    address = models.CharField(_("indirizzo o località"), max_length=200, blank=True)
    municipality = models.ForeignKey(
        "network.Municipality", on_delete=models.PROTECT, related_name="+", verbose_name=_("comune")
    )
    latitude = models.DecimalField(
        _("latitudine"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("longitudine"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )

    class Meta:
        verbose_name = _("sede di lavoro")
        verbose_name_plural = _("sedi di lavoro")
        ordering = ["employer", "name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["employer", "name"], name="employer_site_name_unique"),
            models.CheckConstraint(
                condition=Q(latitude__isnull=True, longitude__isnull=True)
                | Q(latitude__isnull=False, longitude__isnull=False),
                name="employer_site_both_coordinates",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.municipality.name})"


class InspectionBody(models.TextChoices):
    LABOUR_INSPECTORATE = "inl", _("Ispettorato del Lavoro (INL/ITL)")
    CARABINIERI_NIL = "nil", _("Carabinieri NIL (tutela del lavoro)")
    HEALTH_AUTHORITY = "asl", _("ASL (prevenzione e sicurezza)")
    INPS = "inps", _("INPS")
    OTHER = "other", _("Altro organo")


class InspectionOutcome(models.TextChoices):
    COMPLIANT = "compliant", _("Nessuna irregolarità")
    VIOLATIONS = "violations", _("Irregolarità riscontrate")
    REMEDIED = "remedied", _("Irregolarità sanate")
    PENDING = "pending", _("Esito non ancora noto")


class Inspection(TimeStampedModel):
    """What an inspection found, as the hub learnt it (a note, not the inspectors' report)."""

    employer = models.ForeignKey(
        Employer,
        on_delete=models.PROTECT,
        related_name="inspections",
        verbose_name=_("datore di lavoro"),
    )
    inspected_on = models.DateField(_("data dell'ispezione"))
    body = models.CharField(_("organo di vigilanza"), max_length=8, choices=InspectionBody.choices)
    outcome = models.CharField(_("esito"), max_length=12, choices=InspectionOutcome.choices)
    note = models.TextField(_("nota"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("ispezione")
        verbose_name_plural = _("ispezioni")
        ordering = ["-inspected_on", "-pk"]

    def __str__(self) -> str:
        return (
            f"{self.inspected_on:%d/%m/%Y} {self.get_body_display()}: {self.get_outcome_display()}"
        )


# --- vacancies ----------------------------------------------------------------------------------


class VacancyStatus(models.TextChoices):
    DRAFT = "draft", _("Bozza")
    OPEN = "open", _("Aperta")
    FILLED = "filled", _("Coperta")
    CLOSED = "closed", _("Chiusa")


# The allowed moves; filled and closed are final.
VACANCY_TRANSITIONS: dict[str, frozenset[str]] = {
    VacancyStatus.DRAFT: frozenset({VacancyStatus.OPEN, VacancyStatus.CLOSED}),
    VacancyStatus.OPEN: frozenset({VacancyStatus.FILLED, VacancyStatus.CLOSED}),
    VacancyStatus.FILLED: frozenset(),
    VacancyStatus.CLOSED: frozenset(),
}


class CefrLevel(models.TextChoices):
    A1 = "A1", "A1"
    A2 = "A2", "A2"
    B1 = "B1", "B1"
    B2 = "B2", "B2"
    C1 = "C1", "C1"
    C2 = "C2", "C2"


class Vacancy(VersionedModel):
    """Seats for one occupation at one site of an employer, for a period, at a pay."""

    employer = models.ForeignKey(
        Employer,
        on_delete=models.PROTECT,
        related_name="vacancies",
        verbose_name=_("datore di lavoro"),
    )
    site = models.ForeignKey(
        EmployerSite, on_delete=models.PROTECT, related_name="vacancies", verbose_name=_("sede")
    )
    occupation = models.ForeignKey(
        "jobs.Occupation",
        on_delete=models.PROTECT,
        related_name="vacancies",
        verbose_name=_("mansione (ISCO-08)"),
        limit_choices_to={"level": 4},
    )
    title = models.CharField(_("titolo"), max_length=200)
    agreement_rate = models.ForeignKey(
        AgreementRate,
        on_delete=models.PROTECT,
        related_name="vacancies",
        verbose_name=_("livello del contratto"),
    )
    gross_hourly_pay = models.DecimalField(
        _("paga oraria lorda (€)"), max_digits=6, decimal_places=2
    )
    starts_on = models.DateField(_("dal"))
    ends_on = models.DateField(_("al"))
    hours_per_week = models.PositiveSmallIntegerField(
        _("ore settimanali"),
        validators=[MinValueValidator(1), MaxValueValidator(MAX_HOURS_PER_WEEK)],
    )
    seats = models.PositiveSmallIntegerField(_("posti"), validators=[MinValueValidator(1)])
    housing_offered = models.BooleanField(_("alloggio offerto"), default=False)
    transport_offered = models.BooleanField(_("trasporto offerto"), default=False)
    description = models.TextField(_("descrizione"), blank=True)
    status = models.CharField(
        _("stato"),
        max_length=8,
        choices=VacancyStatus.choices,
        default=VacancyStatus.DRAFT,
        db_index=True,
    )
    close_note = models.CharField(_("nota di chiusura"), max_length=300, blank=True)
    registered_at = models.ForeignKey(
        "network.Node",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("registrata dal nodo"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("offerta di lavoro")
        verbose_name_plural = _("offerte di lavoro")
        ordering = ["-starts_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="vacancy_period_order"
            ),
            models.CheckConstraint(
                condition=Q(hours_per_week__gte=1) & Q(hours_per_week__lte=MAX_HOURS_PER_WEEK),
                name="vacancy_hours_range",
            ),
            models.CheckConstraint(condition=Q(seats__gte=1), name="vacancy_seats_positive"),
            # The minimum of the agreement is a cross-row rule the services guard.
            models.CheckConstraint(
                condition=Q(gross_hourly_pay__gt=0), name="vacancy_pay_positive"
            ),
            models.CheckConstraint(condition=~Q(title=""), name="vacancy_title_not_empty"),
        ]

    def __str__(self) -> str:
        return f"{self.title} · {self.employer}"

    def clean(self) -> None:
        # The services refuse an underpaid vacancy; this also guards the admin's form.
        super().clean()
        rate = self.agreement_rate if self.agreement_rate_id else None
        pay = self.gross_hourly_pay
        if rate is not None and pay is not None and pay < rate.minimum_hourly_pay:
            raise ValidationError({"gross_hourly_pay": below_minimum_message(rate)})


class VacancyLanguage(models.Model):
    """A language the work needs, with the minimum CEFR level."""

    vacancy = models.ForeignKey(
        Vacancy, on_delete=models.CASCADE, related_name="languages", verbose_name=_("offerta")
    )
    language = models.ForeignKey(
        "network.Language", on_delete=models.PROTECT, related_name="+", verbose_name=_("lingua")
    )
    min_level = models.CharField(
        _("livello minimo (QCER)"), max_length=2, choices=CefrLevel.choices
    )

    class Meta:
        verbose_name = _("lingua richiesta")
        verbose_name_plural = _("lingue richieste")
        ordering = ["vacancy", "language__position", "language__name_it"]
        constraints = [
            models.UniqueConstraint(fields=["vacancy", "language"], name="vacancy_language_unique"),
            models.CheckConstraint(
                condition=Q(min_level__in=CefrLevel.values), name="vacancy_language_cefr"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.language} {self.min_level}"
