"""Traineeships (tirocini extracurricolari): a person's period of training at a host employer.

A traineeship belongs to a case (the hub that promotes it) and to the person; the host is an
employer of the network (`jobs.Employer`) that must not be flagged. The monthly allowance is
paid from the person's integration budget: starting the traineeship asks the budget for a
commitment, and each month whose attendance reaches the regional threshold is paid against it.
Regional rules (minimum allowance, attendance threshold, longest duration) are a table the
administrators keep; the seeded figures are indicative.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from approdo.core.models import TimeStampedModel, VersionedModel

MAX_HOURS_PER_WEEK = 40
# The national guidelines (Conferenza Stato-Regioni, 25 May 2017) as the fallback for a region
# without its own rule: at least 300 € a month, paid in full at 70% attendance, 6 months.
NATIONAL_MINIMUM_ALLOWANCE = Decimal("300.00")
DEFAULT_ATTENDANCE_THRESHOLD = 70
DEFAULT_MAX_MONTHS = 6
MAX_MONTHS_LIMIT = 24


class TraineeshipKind(models.TextChoices):
    ORIENTATION = "orientation", _("Formativo e di orientamento")
    INCLUSION = "inclusion", _("Di inclusione sociale")


class TraineeshipStatus(models.TextChoices):
    PLANNED = "planned", _("Programmato")
    ACTIVE = "active", _("In corso")
    SUSPENDED = "suspended", _("Sospeso")
    COMPLETED = "completed", _("Concluso")
    INTERRUPTED = "interrupted", _("Interrotto")


# The allowed moves; completed and interrupted are final. A planned traineeship that will not
# happen is closed as interrupted.
TRANSITIONS: dict[str, frozenset[str]] = {
    TraineeshipStatus.PLANNED: frozenset({TraineeshipStatus.ACTIVE, TraineeshipStatus.INTERRUPTED}),
    TraineeshipStatus.ACTIVE: frozenset(
        {
            TraineeshipStatus.SUSPENDED,
            TraineeshipStatus.COMPLETED,
            TraineeshipStatus.INTERRUPTED,
        }
    ),
    TraineeshipStatus.SUSPENDED: frozenset(
        {TraineeshipStatus.ACTIVE, TraineeshipStatus.COMPLETED, TraineeshipStatus.INTERRUPTED}
    ),
    TraineeshipStatus.COMPLETED: frozenset(),
    TraineeshipStatus.INTERRUPTED: frozenset(),
}
CLOSED = (TraineeshipStatus.COMPLETED, TraineeshipStatus.INTERRUPTED)
# Statuses of a traineeship that has started (attendance can be logged and paid).
STARTED = (
    TraineeshipStatus.ACTIVE,
    TraineeshipStatus.SUSPENDED,
    TraineeshipStatus.COMPLETED,
    TraineeshipStatus.INTERRUPTED,
)


class InterruptedBy(models.TextChoices):
    PERSON = "person", _("La persona tirocinante")
    HOST = "host", _("Il soggetto ospitante")
    PROMOTER = "promoter", _("Il soggetto promotore")


class Result(models.TextChoices):
    HIRED_BY_HOST = "hired_by_host", _("Assunta dal soggetto ospitante")
    OTHER_JOB = "other_job", _("Altro lavoro")
    FURTHER_TRAINING = "further_training", _("Altra formazione")
    NONE = "none", _("Nessuno sbocco")


class ContractType(models.TextChoices):
    PERMANENT = "permanent", _("Tempo indeterminato")
    FIXED_TERM = "fixed_term", _("Tempo determinato")
    SEASONAL = "seasonal", _("Stagionale (OTD)")
    APPRENTICESHIP = "apprenticeship", _("Apprendistato")
    OTHER = "other", _("Altro contratto")


class RegionalRule(TimeStampedModel):
    """A region's rules for traineeships, from its guidelines. Seeded with indicative figures
    (rules.py); administrators set the ones in force."""

    region = models.OneToOneField(
        "network.Region",
        on_delete=models.PROTECT,
        related_name="traineeship_rule",
        verbose_name=_("regione"),
    )
    minimum_allowance = models.DecimalField(
        _("indennità mensile minima (€)"), max_digits=8, decimal_places=2
    )
    attendance_threshold = models.PositiveSmallIntegerField(
        _("presenza minima per l'indennità (%)"),
        default=DEFAULT_ATTENDANCE_THRESHOLD,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_("Sotto questa quota di ore svolte l'indennità del mese non spetta."),
    )
    max_months = models.PositiveSmallIntegerField(
        _("durata massima (mesi)"),
        default=DEFAULT_MAX_MONTHS,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_MONTHS_LIMIT)],
    )
    note = models.TextField(_("nota"), blank=True)

    class Meta:
        verbose_name = _("regole regionali dei tirocini")
        verbose_name_plural = _("regole regionali dei tirocini")
        ordering = ["region__name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(minimum_allowance__gt=0), name="traineeship_rule_minimum_positive"
            ),
            models.CheckConstraint(
                condition=Q(attendance_threshold__gte=1) & Q(attendance_threshold__lte=100),
                name="traineeship_rule_threshold_range",
            ),
            models.CheckConstraint(
                condition=Q(max_months__gte=1) & Q(max_months__lte=MAX_MONTHS_LIMIT),
                name="traineeship_rule_months_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.region}: {self.minimum_allowance} €"


class Traineeship(VersionedModel):
    """A traineeship of the case's person at a host employer's site."""

    case = models.ForeignKey(
        "cases.Case", on_delete=models.PROTECT, related_name="traineeships", verbose_name=_("caso")
    )
    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="+", verbose_name=_("persona")
    )
    kind = models.CharField(_("tipo di tirocinio"), max_length=12, choices=TraineeshipKind.choices)
    employer = models.ForeignKey(
        "jobs.Employer",
        on_delete=models.PROTECT,
        related_name="traineeships",
        verbose_name=_("soggetto ospitante"),
    )
    site = models.ForeignKey(
        "jobs.EmployerSite",
        on_delete=models.PROTECT,
        related_name="traineeships",
        verbose_name=_("sede del tirocinio"),
    )
    promoter_node = models.ForeignKey(
        "network.Node",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("soggetto promotore (polo)"),
    )
    promoter_name = models.CharField(
        _("soggetto promotore (altro)"),
        max_length=200,
        blank=True,
        help_text=_("Solo se non è il polo che ha in carico la persona (per esempio il CPI)."),
    )
    promoter_tutor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("tutor del soggetto promotore"),
    )
    host_tutor_name = models.CharField(_("tutor aziendale"), max_length=200)
    host_tutor_role = models.CharField(_("ruolo del tutor aziendale"), max_length=120, blank=True)
    host_tutor_phone = models.CharField(
        _("telefono del tutor aziendale"), max_length=20, blank=True
    )
    occupation = models.ForeignKey(
        "jobs.Occupation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("mansione (ISCO-08)"),
    )
    starts_on = models.DateField(_("inizio"))
    ends_on = models.DateField(_("fine prevista"))
    hours_per_week = models.PositiveSmallIntegerField(
        _("ore settimanali"),
        validators=[MinValueValidator(1), MaxValueValidator(MAX_HOURS_PER_WEEK)],
    )
    monthly_allowance = models.DecimalField(
        _("indennità mensile (€)"), max_digits=8, decimal_places=2
    )
    # The rule in force when the traineeship was agreed, kept with it.
    attendance_threshold = models.PositiveSmallIntegerField(
        _("presenza minima per l'indennità (%)"), default=DEFAULT_ATTENDANCE_THRESHOLD
    )
    project = models.TextField(_("progetto formativo (obiettivi)"))
    status = models.CharField(
        _("stato"),
        max_length=12,
        choices=TraineeshipStatus.choices,
        default=TraineeshipStatus.PLANNED,
        db_index=True,
    )
    started_at = models.DateTimeField(_("avviato il"), null=True, blank=True)
    goal = models.ForeignKey(
        "plans.Goal",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("obiettivo del PAI"),
    )
    commitment = models.OneToOneField(
        "budget.Commitment",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="traineeship",
        verbose_name=_("impegno sul budget di integrazione"),
    )
    suspension_reason = models.CharField(_("motivo della sospensione"), max_length=300, blank=True)
    # The outcome, on closing.
    ended_on = models.DateField(_("fine effettiva"), null=True, blank=True)
    interrupted_by = models.CharField(
        _("interrotto da"), max_length=10, choices=InterruptedBy.choices, blank=True
    )
    end_reason = models.TextField(_("motivo"), blank=True)
    result = models.CharField(_("esito"), max_length=16, choices=Result.choices, blank=True)
    contract_type = models.CharField(
        _("tipo di contratto"), max_length=16, choices=ContractType.choices, blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("tirocinio")
        verbose_name_plural = _("tirocini")
        ordering = ["-starts_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gt=F("starts_on")), name="traineeship_end_after_start"
            ),
            models.CheckConstraint(
                condition=Q(hours_per_week__gte=1) & Q(hours_per_week__lte=MAX_HOURS_PER_WEEK),
                name="traineeship_hours_range",
            ),
            models.CheckConstraint(
                condition=Q(monthly_allowance__gte=0), name="traineeship_allowance_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(attendance_threshold__gte=1) & Q(attendance_threshold__lte=100),
                name="traineeship_threshold_range",
            ),
            models.CheckConstraint(
                condition=Q(status__in=TraineeshipStatus.values), name="traineeship_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=TraineeshipKind.values), name="traineeship_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(promoter_node__isnull=False) | ~Q(promoter_name=""),
                name="traineeship_has_promoter",
            ),
            models.CheckConstraint(
                condition=~Q(project="") & ~Q(host_tutor_name=""),
                name="traineeship_project_and_tutor_named",
            ),
            # Running or finished after running: it was started.
            models.CheckConstraint(
                condition=~Q(status__in=["active", "suspended", "completed"])
                | Q(started_at__isnull=False),
                name="traineeship_started_when_running",
            ),
            models.CheckConstraint(
                condition=~Q(status="suspended") | ~Q(suspension_reason=""),
                name="traineeship_suspension_has_reason",
            ),
            # Closed if and only if it has an end date and a result.
            models.CheckConstraint(
                condition=(
                    Q(status__in=["completed", "interrupted"])
                    & Q(ended_on__isnull=False)
                    & ~Q(result="")
                )
                | (
                    ~Q(status__in=["completed", "interrupted"])
                    & Q(ended_on__isnull=True)
                    & Q(result="")
                ),
                name="traineeship_closed_has_outcome",
            ),
            models.CheckConstraint(
                condition=~Q(status="interrupted") | (~Q(interrupted_by="") & ~Q(end_reason="")),
                name="traineeship_interruption_explained",
            ),
            models.CheckConstraint(
                condition=Q(status="interrupted") | Q(interrupted_by=""),
                name="traineeship_interrupted_by_only_if_interrupted",
            ),
            models.CheckConstraint(
                condition=(Q(result="hired_by_host") & ~Q(contract_type=""))
                | (~Q(result="hired_by_host") & Q(contract_type="")),
                name="traineeship_contract_only_if_hired",
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True)
                | (Q(ended_on__gte=F("starts_on")) & Q(ended_on__lte=F("ends_on"))),
                name="traineeship_ended_within_period",
            ),
        ]

    def __str__(self) -> str:
        return str(
            _("Tirocinio presso %(host)s dal %(start)s")
            % {"host": self.employer, "start": self.starts_on.strftime("%d/%m/%Y")}
        )

    @property
    def is_closed(self) -> bool:
        return self.status in CLOSED

    @property
    def last_day(self) -> dt.date:
        """The last day of the traineeship: when it ended, or when it is due to end."""
        return self.ended_on if self.ended_on is not None else self.ends_on

    @property
    def promoter(self) -> str:
        return self.promoter_name or (str(self.promoter_node) if self.promoter_node_id else "")


class AttendanceMonth(TimeStampedModel):
    """The hours planned and attended in one calendar month, and the month's allowance once
    paid (a payment of the budget commitment)."""

    traineeship = models.ForeignKey(
        Traineeship,
        on_delete=models.PROTECT,
        related_name="attendance",
        verbose_name=_("tirocinio"),
    )
    month = models.DateField(_("mese"), help_text=_("Il primo giorno del mese."))
    hours_planned = models.DecimalField(_("ore previste"), max_digits=5, decimal_places=1)
    hours_attended = models.DecimalField(_("ore svolte"), max_digits=5, decimal_places=1)
    note = models.CharField(_("nota"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    payment = models.OneToOneField(
        "budget.Payment",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="traineeship_month",
        verbose_name=_("pagamento dell'indennità"),
    )

    class Meta:
        verbose_name = _("presenze del mese")
        verbose_name_plural = _("presenze mensili")
        ordering = ["traineeship", "month"]
        constraints = [
            # One row per month: a month is logged, and paid, once.
            models.UniqueConstraint(
                fields=["traineeship", "month"], name="traineeship_attendance_one_per_month"
            ),
            models.CheckConstraint(
                condition=Q(hours_planned__gt=0), name="traineeship_attendance_planned_positive"
            ),
            models.CheckConstraint(
                condition=Q(hours_attended__gte=0) & Q(hours_attended__lte=F("hours_planned")),
                name="traineeship_attendance_within_planned",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.month:%m/%Y}: {self.hours_attended}/{self.hours_planned}"

    @property
    def percent(self) -> int:
        """Attendance as a whole percentage, rounded down (69.9% is not 70%)."""
        return int(self.hours_attended * 100 // self.hours_planned)

    @property
    def is_paid(self) -> bool:
        return self.payment_id is not None
