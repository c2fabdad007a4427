"""Screening: exploitation indicators (art. 603-bis c.p., ILO), vulnerability and urgency.

A screening records what was observed and suggests a priority and next steps; the professional
confirms them. It never labels anyone a victim. A case has many screenings over time; a
completed screening is frozen and a new one is made instead.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from approdo.core.models import VersionedModel
from approdo.screening.reference import ART_603, ILO


def _in_english() -> bool:
    return (get_language() or "it").startswith("en")


class Framework(models.TextChoices):
    ART_603 = ART_603, _("Indici art. 603-bis c.p.")
    ILO = ILO, _("Indicatori ILO del lavoro forzato")


class Indicator(models.Model):
    """One index of art. 603-bis or one ILO indicator (a reference list admins extend)."""

    code = models.SlugField(_("codice"), max_length=40, unique=True)
    framework = models.CharField(_("riferimento"), max_length=8, choices=Framework.choices)
    label_it = models.CharField(_("nome (italiano)"), max_length=200)
    label_en = models.CharField(_("nome (inglese)"), max_length=200)
    question_it = models.TextField(_("domanda guida (italiano)"), blank=True)
    question_en = models.TextField(_("domanda guida (inglese)"), blank=True)
    order = models.PositiveSmallIntegerField(_("ordine"), default=0)
    active = models.BooleanField(_("attivo"), default=True)

    class Meta:
        verbose_name = _("indicatore di sfruttamento")
        verbose_name_plural = _("indicatori di sfruttamento")
        ordering = ["order", "code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(framework__in=[ART_603, ILO]), name="indicator_framework_valid"
            )
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return self.label_en if _in_english() and self.label_en else self.label_it

    @property
    def question(self) -> str:
        return self.question_en if _in_english() and self.question_en else self.question_it


class VulnerabilityFactor(models.Model):
    code = models.SlugField(_("codice"), max_length=40, unique=True)
    label_it = models.CharField(_("nome (italiano)"), max_length=200)
    label_en = models.CharField(_("nome (inglese)"), max_length=200)
    order = models.PositiveSmallIntegerField(_("ordine"), default=0)
    active = models.BooleanField(_("attivo"), default=True)

    class Meta:
        verbose_name = _("fattore di vulnerabilità")
        verbose_name_plural = _("fattori di vulnerabilità")
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return self.label_en if _in_english() and self.label_en else self.label_it


class Observation(models.TextChoices):
    OBSERVED = "observed", _("Osservato")
    NOT_OBSERVED = "not_observed", _("Non osservato")
    UNKNOWN = "unknown", _("Non noto")


class Source(models.TextChoices):
    ACCOUNT = "account", _("Racconto della persona")
    OPERATOR = "operator", _("Osservazione dell'operatore")
    DOCUMENTS = "documents", _("Documenti")
    THIRD_PARTY = "third_party", _("Terze parti")


class Presence(models.TextChoices):
    PRESENT = "present", _("Presente")
    ABSENT = "absent", _("Assente")
    UNKNOWN = "unknown", _("Non noto")


class UrgencyLevel(models.TextChoices):
    LOW = "low", _("Ordinaria")
    MEDIUM = "medium", _("Entro pochi giorni")
    HIGH = "high", _("Immediata")


class Priority(models.TextChoices):
    HIGH = "high", _("Alta")
    MEDIUM = "medium", _("Media")
    LOW = "low", _("Bassa")


class NextStep(models.TextChoices):
    ANTI_TRAFFICKING = "anti_trafficking", _("Invio all'ente antitratta")
    LABOUR_INSPECTORATE = "labour_inspectorate", _("Segnalazione all'Ispettorato del lavoro")
    LEGAL_COUNSELLING = "legal_counselling", _("Consulenza legale")
    SAFE_HOUSING = "safe_housing", _("Accoglienza in alloggio sicuro")


class ScreeningStatus(models.TextChoices):
    DRAFT = "draft", _("Bozza")
    COMPLETED = "completed", _("Confermato")


class Screening(VersionedModel):
    """One screening of a case. Suggestions and confirmed choices are stored side by side."""

    case = models.ForeignKey(
        "cases.Case", on_delete=models.PROTECT, related_name="screenings", verbose_name=_("caso")
    )
    node = models.ForeignKey(
        "network.Node", on_delete=models.PROTECT, related_name="+", verbose_name=_("svolto presso")
    )
    operator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("operatore/operatrice"),
    )
    held_on = models.DateField(_("data dello screening"))
    with_mediator = models.BooleanField(_("con mediatore/mediatrice"), default=False)
    language = models.ForeignKey(
        "network.Language",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("lingua usata"),
    )
    immediate_danger = models.BooleanField(_("pericolo immediato"), default=False)
    urgency_level = models.CharField(
        _("urgenza"), max_length=8, choices=UrgencyLevel.choices, default=UrgencyLevel.LOW
    )
    urgency_note = models.TextField(_("nota sull'urgenza"), blank=True)
    status = models.CharField(
        _("stato"), max_length=12, choices=ScreeningStatus.choices, default=ScreeningStatus.DRAFT
    )
    suggested_priority = models.CharField(
        _("priorità suggerita"), max_length=8, choices=Priority.choices, default=Priority.LOW
    )
    suggested_steps = models.JSONField(_("passi suggeriti"), default=list, blank=True)
    confirmed_priority = models.CharField(
        _("priorità confermata"), max_length=8, choices=Priority.choices, blank=True
    )
    chosen_steps = models.JSONField(_("passi scelti"), default=list, blank=True)
    confirmation_note = models.TextField(_("nota della conferma"), blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("confermato da"),
    )
    confirmed_at = models.DateTimeField(_("confermato il"), null=True, blank=True)

    class Meta:
        verbose_name = _("screening")
        verbose_name_plural = _("screening")
        ordering = ["-held_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["draft", "completed"]), name="screening_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(suggested_priority__in=["high", "medium", "low"]),
                name="screening_suggested_priority_valid",
            ),
            models.CheckConstraint(
                condition=Q(confirmed_priority__in=["", "high", "medium", "low"]),
                name="screening_confirmed_priority_valid",
            ),
            models.CheckConstraint(
                condition=Q(urgency_level__in=["low", "medium", "high"]),
                name="screening_urgency_level_valid",
            ),
            models.CheckConstraint(
                condition=Q(status="draft")
                | (
                    ~Q(confirmed_priority="")
                    & Q(confirmed_by__isnull=False)
                    & Q(confirmed_at__isnull=False)
                ),
                name="screening_completed_is_confirmed",
            ),
            models.CheckConstraint(
                condition=Q(status="completed") | Q(confirmed_priority=""),
                name="screening_draft_not_confirmed",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case} · {self.held_on:%d/%m/%Y}"

    @property
    def is_completed(self) -> bool:
        return self.status == ScreeningStatus.COMPLETED

    def suggested_step_labels(self) -> list[str]:
        return [str(NextStep(code).label) for code in self.suggested_steps]

    def chosen_step_labels(self) -> list[str]:
        return [str(NextStep(code).label) for code in self.chosen_steps]


class IndicatorAnswer(models.Model):
    screening = models.ForeignKey(Screening, on_delete=models.CASCADE, related_name="answers")
    indicator = models.ForeignKey(
        Indicator, on_delete=models.PROTECT, related_name="+", verbose_name=_("indicatore")
    )
    status = models.CharField(_("esito"), max_length=12, choices=Observation.choices)
    source = models.CharField(_("fonte"), max_length=12, choices=Source.choices, blank=True)
    note = models.CharField(_("nota"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("risposta su un indicatore")
        verbose_name_plural = _("risposte sugli indicatori")
        ordering = ["indicator__order", "indicator__code"]
        constraints = [
            models.UniqueConstraint(
                fields=["screening", "indicator"], name="indicator_answer_once"
            ),
            models.CheckConstraint(
                condition=Q(status__in=["observed", "not_observed", "unknown"]),
                name="indicator_answer_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(source__in=["", "account", "operator", "documents", "third_party"]),
                name="indicator_answer_source_valid",
            ),
            models.CheckConstraint(
                condition=~Q(status="observed") | ~Q(source=""),
                name="indicator_observed_has_source",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator}: {self.get_status_display()}"


class VulnerabilityAnswer(models.Model):
    screening = models.ForeignKey(
        Screening, on_delete=models.CASCADE, related_name="vulnerabilities"
    )
    factor = models.ForeignKey(
        VulnerabilityFactor,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("fattore"),
    )
    status = models.CharField(_("esito"), max_length=8, choices=Presence.choices)
    note = models.CharField(_("nota"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("risposta su un fattore di vulnerabilità")
        verbose_name_plural = _("risposte sui fattori di vulnerabilità")
        ordering = ["factor__order", "factor__code"]
        constraints = [
            models.UniqueConstraint(fields=["screening", "factor"], name="vulnerability_once"),
            models.CheckConstraint(
                condition=Q(status__in=["present", "absent", "unknown"]),
                name="vulnerability_status_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.factor}: {self.get_status_display()}"
