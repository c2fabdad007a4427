"""The supply side of the matching: a person's skills profile.

What the person has done (work history coded with ISCO-08 unit groups), can prove (driving
licences, certificates), speaks (CEFR levels), and when, how much and how far they can work.
Rows hang off the person, not the case, so a new case at another hub finds them; reads and
writes still go through a case the user may see (`jobs.profiles`).
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from approdo.core.models import TimeStampedModel, VersionedModel
from approdo.jobs.employer_models import CefrLevel, Sector

__all__ = [
    "MAX_PROFILE_HOURS",
    "MAX_REACH_KM",
    "MAX_YEARS",
    "Certificate",
    "CertificateKind",
    "DrivingLicence",
    "FormalContract",
    "LanguageSkill",
    "LicenceCategory",
    "SkillsProfile",
    "WorkExperience",
]

MAX_PROFILE_HOURS = 60
MAX_REACH_KM = 200
MAX_YEARS = 50


class LicenceCategory(models.TextChoices):
    AM = "AM", _("AM (ciclomotori)")
    A = "A", _("A (motocicli)")
    B = "B", _("B (autovetture)")
    C = "C", _("C (autocarri)")
    CE = "CE", _("CE (autoarticolati)")
    D = "D", _("D (autobus)")
    TRACTOR = "tractor", _("Patentino per trattori")


class CertificateKind(models.TextChoices):
    SAFETY_GENERAL = "safety_general", _("Sicurezza sul lavoro, formazione generale (D.Lgs. 81/08)")
    SAFETY_SPECIFIC = (
        "safety_specific",
        _("Sicurezza sul lavoro, formazione specifica (D.Lgs. 81/08)"),
    )
    HACCP = "haccp", _("HACCP")
    FORKLIFT = "forklift", _("Carrellista (muletto)")
    FIRST_AID = "first_aid", _("Primo soccorso")
    OTHER = "other", _("Altro")


class FormalContract(models.TextChoices):
    YES = "yes", _("Sì, con contratto")
    NO = "no", _("No, senza contratto")
    UNKNOWN = "unknown", _("Non so")


class SkillsProfile(VersionedModel):
    """When, how much and how far the person can work, and what they want (one per person)."""

    person = models.OneToOneField(
        "people.Person",
        on_delete=models.PROTECT,
        related_name="skills_profile",
        verbose_name=_("persona"),
    )
    available_from = models.DateField(_("disponibile dal"), null=True, blank=True)
    available_until = models.DateField(_("disponibile fino al"), null=True, blank=True)
    max_hours_per_week = models.PositiveSmallIntegerField(
        _("ore settimanali al massimo"),
        default=40,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_PROFILE_HOURS)],
    )
    reach_km = models.PositiveSmallIntegerField(
        _("raggiunge luoghi entro (km)"),
        default=0,
        validators=[MaxValueValidator(MAX_REACH_KM)],
        help_text=_("Con i mezzi che ha e da dove vive; 0 se non può spostarsi da solo."),
    )
    has_own_transport = models.BooleanField(_("ha un mezzo proprio"), default=False)
    needs_housing = models.BooleanField(_("ha bisogno di un alloggio"), default=False)
    preferred_occupations = models.ManyToManyField(
        "jobs.Occupation",
        blank=True,
        related_name="+",
        verbose_name=_("mansioni preferite"),
    )
    excluded_occupations = models.ManyToManyField(
        "jobs.Occupation",
        blank=True,
        related_name="+",
        verbose_name=_("mansioni escluse"),
    )
    preferred_sectors = models.JSONField(_("settori preferiti"), default=list, blank=True)
    notes = models.TextField(_("note"), blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("aggiornato da"),
    )

    class Meta:
        verbose_name = _("profilo delle competenze")
        verbose_name_plural = _("profili delle competenze")
        constraints = [
            models.CheckConstraint(
                condition=Q(available_until__isnull=True)
                | Q(available_from__isnull=True)
                | Q(available_until__gte=F("available_from")),
                name="skills_profile_availability_order",
            ),
            models.CheckConstraint(
                condition=Q(max_hours_per_week__gte=1)
                & Q(max_hours_per_week__lte=MAX_PROFILE_HOURS),
                name="skills_profile_hours_range",
            ),
            models.CheckConstraint(
                condition=Q(reach_km__gte=0) & Q(reach_km__lte=MAX_REACH_KM),
                name="skills_profile_reach_range",
            ),
        ]

    def __str__(self) -> str:
        return str(_("Profilo delle competenze di %(person)s") % {"person": self.person_id})


class DrivingLicence(TimeStampedModel):
    person = models.ForeignKey(
        "people.Person",
        on_delete=models.CASCADE,
        related_name="driving_licences",
        verbose_name=_("persona"),
    )
    category = models.CharField(_("categoria"), max_length=8, choices=LicenceCategory.choices)
    expires_on = models.DateField(_("scade il"), null=True, blank=True)

    class Meta:
        verbose_name = _("patente")
        verbose_name_plural = _("patenti")
        ordering = ["person", "category"]
        constraints = [
            models.UniqueConstraint(fields=["person", "category"], name="driving_licence_unique"),
            models.CheckConstraint(
                condition=Q(category__in=LicenceCategory.values), name="driving_licence_category"
            ),
        ]

    def __str__(self) -> str:
        return self.get_category_display()


class Certificate(TimeStampedModel):
    person = models.ForeignKey(
        "people.Person",
        on_delete=models.CASCADE,
        related_name="certificates",
        verbose_name=_("persona"),
    )
    kind = models.CharField(_("tipo"), max_length=20, choices=CertificateKind.choices)
    other_kind = models.CharField(
        _("quale (se altro)"), max_length=200, blank=True, help_text=_("Solo per «Altro».")
    )
    issued_on = models.DateField(_("rilasciato il"), null=True, blank=True)
    expires_on = models.DateField(_("scade il"), null=True, blank=True)
    issuer = models.CharField(_("rilasciato da"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("attestato")
        verbose_name_plural = _("attestati")
        ordering = ["person", "kind", "-issued_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=CertificateKind.values), name="certificate_kind"
            ),
            models.CheckConstraint(
                condition=~Q(kind=CertificateKind.OTHER) | ~Q(other_kind=""),
                name="certificate_other_named",
            ),
            models.CheckConstraint(
                condition=Q(expires_on__isnull=True)
                | Q(issued_on__isnull=True)
                | Q(expires_on__gte=F("issued_on")),
                name="certificate_dates_order",
            ),
        ]

    def __str__(self) -> str:
        return self.other_kind if self.kind == CertificateKind.OTHER else self.get_kind_display()


class LanguageSkill(TimeStampedModel):
    """One overall CEFR level per language (understanding and speaking together)."""

    person = models.ForeignKey(
        "people.Person",
        on_delete=models.CASCADE,
        related_name="language_skills",
        verbose_name=_("persona"),
    )
    language = models.ForeignKey(
        "network.Language", on_delete=models.PROTECT, related_name="+", verbose_name=_("lingua")
    )
    level = models.CharField(_("livello (QCER)"), max_length=2, choices=CefrLevel.choices)

    class Meta:
        verbose_name = _("lingua conosciuta")
        verbose_name_plural = _("lingue conosciute")
        ordering = ["person", "language__position", "language__name_it"]
        constraints = [
            models.UniqueConstraint(fields=["person", "language"], name="language_skill_unique"),
            models.CheckConstraint(
                condition=Q(level__in=CefrLevel.values), name="language_skill_cefr"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.language} {self.level}"


class WorkExperience(TimeStampedModel):
    """A job the person did: what, where, in which months, for how long, with a contract?"""

    person = models.ForeignKey(
        "people.Person",
        on_delete=models.CASCADE,
        related_name="work_experiences",
        verbose_name=_("persona"),
    )
    occupation = models.ForeignKey(
        "jobs.Occupation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("mansione (ISCO-08)"),
    )
    sector = models.CharField(_("settore"), max_length=16, choices=Sector.choices, blank=True)
    tasks = models.TextField(_("compiti svolti"), blank=True)
    place = models.CharField(_("luogo"), max_length=200, blank=True)
    municipality = models.ForeignKey(
        "network.Municipality",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("comune"),
    )
    from_month = models.PositiveSmallIntegerField(
        _("da mese"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
        help_text=_("Per il lavoro stagionale: il mese in cui comincia (1–12)."),
    )
    to_month = models.PositiveSmallIntegerField(
        _("a mese"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
    )
    years = models.DecimalField(
        _("anni di esperienza"),
        max_digits=3,
        decimal_places=1,
        validators=[MinValueValidator(0), MaxValueValidator(MAX_YEARS)],
    )
    employer_name = models.CharField(_("datore di lavoro"), max_length=200, blank=True)
    formal_contract = models.CharField(
        _("con contratto regolare"),
        max_length=8,
        choices=FormalContract.choices,
        default=FormalContract.UNKNOWN,
    )

    class Meta:
        verbose_name = _("esperienza di lavoro")
        verbose_name_plural = _("esperienze di lavoro")
        ordering = ["person", "-years", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(years__gte=0) & Q(years__lte=MAX_YEARS),
                name="work_experience_years_range",
            ),
            models.CheckConstraint(
                condition=(
                    Q(from_month__isnull=True) | Q(from_month__gte=1) & Q(from_month__lte=12)
                )
                & (Q(to_month__isnull=True) | Q(to_month__gte=1) & Q(to_month__lte=12)),
                name="work_experience_months_range",
            ),
            models.CheckConstraint(
                condition=Q(formal_contract__in=FormalContract.values),
                name="work_experience_contract",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.occupation} ({self.years})"
