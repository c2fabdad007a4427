"""The individual plan (PAI): versions of goals and actions, the person's agreement, reviews.

A case has one plan; the plan has numbered versions. A draft is edited by the team, the hub
coordinator approves it, and an approved version is frozen: changing the plan means a new draft
(version n+1) that supersedes it when approved. Action status is execution, not content, so it
stays editable on the approved version.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from approdo.core.models import TimeStampedModel, VersionedModel

DEFAULT_REVIEW_EVERY_WEEKS = 8


def default_review_every_weeks() -> int:
    return int(getattr(settings, "PLAN_REVIEW_EVERY_WEEKS", DEFAULT_REVIEW_EVERY_WEEKS))


class PlanArea(models.TextChoices):
    HOUSING = "housing", _("Abitare")
    WORK = "work", _("Lavoro")
    TRAINING = "training", _("Formazione")
    LEGAL = "legal", _("Documenti e tutela legale")
    HEALTH = "health", _("Salute")
    LANGUAGE = "language", _("Lingua italiana")
    TRANSPORT = "transport", _("Trasporti")
    SOCIAL = "social", _("Relazioni e inclusione sociale")


class VersionStatus(models.TextChoices):
    DRAFT = "draft", _("Bozza")
    SUBMITTED = "submitted", _("In approvazione")
    APPROVED = "approved", _("Approvata")
    SUPERSEDED = "superseded", _("Sostituita")


OPEN_STATUSES: tuple[str, ...] = (VersionStatus.DRAFT, VersionStatus.SUBMITTED)


class AgreementKind(models.TextChoices):
    SIGNED = "signed", _("Firmato dalla persona")
    VERBAL_MEDIATOR = "verbal_mediator", _("Consenso verbale con mediatore")
    VERBAL = "verbal", _("Consenso verbale")


class ActionStatus(models.TextChoices):
    TODO = "todo", _("Da fare")
    IN_PROGRESS = "in_progress", _("In corso")
    DONE = "done", _("Fatta")
    CANCELLED = "cancelled", _("Annullata")


class ReviewKind(models.TextChoices):
    SCHEDULED = "scheduled", _("Programmata")
    AD_HOC = "ad_hoc", _("Straordinaria")


class GoalProgress(models.TextChoices):
    NOT_STARTED = "not_started", _("Non avviato")
    IN_PROGRESS = "in_progress", _("In corso")
    ACHIEVED = "achieved", _("Raggiunto")
    DROPPED = "dropped", _("Abbandonato")


class Plan(TimeStampedModel):
    """The PAI of one case; its content lives in versions."""

    case = models.OneToOneField(
        "cases.Case",
        on_delete=models.PROTECT,
        related_name="plan",
        verbose_name=_("presa in carico"),
    )
    node = models.ForeignKey(
        "network.Node", on_delete=models.PROTECT, related_name="+", verbose_name=_("avviato presso")
    )
    started_on = models.DateField(_("avviato il"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("PAI")
        verbose_name_plural = _("PAI")
        ordering = ["-started_on", "-pk"]

    def __str__(self) -> str:
        return f"PAI {self.case}"


class PlanVersion(VersionedModel):
    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField(_("numero"))
    status = models.CharField(
        _("stato"), max_length=12, choices=VersionStatus.choices, default=VersionStatus.DRAFT
    )
    node = models.ForeignKey(
        "network.Node", on_delete=models.PROTECT, related_name="+", verbose_name=_("scritta presso")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField(_("inviata in approvazione il"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("approvata da"),
    )
    approved_at = models.DateTimeField(_("approvata il"), null=True, blank=True)
    person_agreed_on = models.DateField(_("condiviso con la persona il"), null=True, blank=True)
    agreement_kind = models.CharField(
        _("forma dell'adesione"), max_length=16, choices=AgreementKind.choices, blank=True
    )
    agreement_note = models.CharField(_("nota sull'adesione"), max_length=300, blank=True)
    review_every_weeks = models.PositiveSmallIntegerField(
        _("verifica ogni (settimane)"), default=default_review_every_weeks
    )
    next_review_on = models.DateField(_("prossima verifica"), null=True, blank=True)

    class Meta:
        verbose_name = _("versione del PAI")
        verbose_name_plural = _("versioni del PAI")
        ordering = ["plan", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="plan_version_number_unique"),
            models.UniqueConstraint(
                fields=["plan"],
                condition=Q(status__in=["draft", "submitted"]),
                name="plan_one_open_version",
            ),
            models.UniqueConstraint(
                fields=["plan"], condition=Q(status="approved"), name="plan_one_approved_version"
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["approved", "superseded"])
                | (
                    Q(approved_at__isnull=False)
                    & Q(approved_by__isnull=False)
                    & Q(person_agreed_on__isnull=False)
                ),
                name="plan_version_approved_complete",
            ),
            models.CheckConstraint(
                condition=Q(review_every_weeks__gte=1) & Q(review_every_weeks__lte=52),
                name="plan_version_review_interval_range",
            ),
            models.CheckConstraint(
                condition=Q(person_agreed_on__isnull=True) | ~Q(agreement_kind=""),
                name="plan_version_agreement_has_kind",
            ),
        ]
        indexes = [models.Index(fields=["status", "next_review_on"])]

    def __str__(self) -> str:
        return f"{self.plan.case} v{self.number}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def is_frozen(self) -> bool:
        return not self.is_open


class Goal(VersionedModel):
    plan_version = models.ForeignKey(PlanVersion, on_delete=models.PROTECT, related_name="goals")
    area = models.CharField(_("area"), max_length=12, choices=PlanArea.choices)
    title = models.CharField(_("obiettivo"), max_length=200)
    description = models.TextField(_("descrizione"), blank=True)
    target_on = models.DateField(_("da raggiungere entro"), null=True, blank=True)
    order = models.PositiveSmallIntegerField(_("ordine"), default=0)

    class Meta:
        verbose_name = _("obiettivo")
        verbose_name_plural = _("obiettivi")
        ordering = ["plan_version", "order", "pk"]

    def __str__(self) -> str:
        return self.title


class Action(VersionedModel):
    goal = models.ForeignKey(Goal, on_delete=models.PROTECT, related_name="actions")
    description = models.CharField(_("azione"), max_length=300)
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="plan_actions",
        verbose_name=_("professionista responsabile"),
    )
    due_on = models.DateField(_("scadenza"))
    status = models.CharField(
        _("stato"), max_length=12, choices=ActionStatus.choices, default=ActionStatus.TODO
    )

    class Meta:
        verbose_name = _("azione")
        verbose_name_plural = _("azioni")
        ordering = ["goal", "due_on", "pk"]

    def __str__(self) -> str:
        return self.description


class PlanReview(TimeStampedModel):
    plan_version = models.ForeignKey(PlanVersion, on_delete=models.PROTECT, related_name="reviews")
    held_on = models.DateField(_("data della verifica"))
    kind = models.CharField(_("tipo"), max_length=12, choices=ReviewKind.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("autore"),
    )
    node = models.ForeignKey("network.Node", on_delete=models.PROTECT, related_name="+")
    note = models.TextField(_("valutazione complessiva"))

    class Meta:
        verbose_name = _("verifica del PAI")
        verbose_name_plural = _("verifiche del PAI")
        ordering = ["-held_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.plan_version} {self.held_on}"


class GoalReview(models.Model):
    review = models.ForeignKey(PlanReview, on_delete=models.CASCADE, related_name="progress")
    goal = models.ForeignKey(Goal, on_delete=models.PROTECT, related_name="reviews")
    progress = models.CharField(_("avanzamento"), max_length=12, choices=GoalProgress.choices)
    note = models.CharField(_("nota"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("avanzamento dell'obiettivo")
        verbose_name_plural = _("avanzamento degli obiettivi")
        ordering = ["review", "goal__order", "goal__pk"]
        constraints = [models.UniqueConstraint(fields=["review", "goal"], name="goal_review_once")]

    def __str__(self) -> str:
        return f"{self.goal}: {self.get_progress_display()}"
