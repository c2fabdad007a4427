"""The people of a social-agriculture project and what they did together: participations
(added from the person's case, one active per person and project), activities and who attended
them. Imported by models.py."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from approdo.core.models import TimeStampedModel, VersionedModel

__all__ = [
    "MAX_ACTIVITY_HOURS",
    "MAX_WEEKLY_HOURS",
    "Activity",
    "ActivityKind",
    "Attendance",
    "Participant",
    "ParticipantOutcome",
    "ParticipantRole",
]

MAX_WEEKLY_HOURS = 48
MAX_ACTIVITY_HOURS = Decimal("12")


class ParticipantRole(models.TextChoices):
    TRAINEE = "trainee", _("In formazione")
    WORKER = "worker", _("Lavoratore/lavoratrice")
    STARTUP_MEMBER = "startup_member", _("Socio/a della nuova impresa o cooperativa")


class ParticipantOutcome(models.TextChoices):
    EMPLOYED_BY_PARTNER = "employed_partner", _("Assunto/a da un partner")
    ENTERPRISE_STARTED = "enterprise", _("Ha avviato un'impresa o una cooperativa")
    OTHER_JOB = "other_job", _("Altro lavoro")
    DROPPED_OUT = "dropped_out", _("Ha lasciato il progetto")


class Participant(VersionedModel):
    """A person taken in charge taking part in a project, added from their case.

    `person` is the case's person when they joined: one active participation per person and
    project, whichever case it came from. `node` is the case's hub then (for the counts of
    "people of other nodes").
    """

    project = models.ForeignKey(
        "socialfarming.PilotProject",
        on_delete=models.PROTECT,
        related_name="participants",
        verbose_name=_("progetto"),
    )
    case = models.ForeignKey(
        "cases.Case",
        on_delete=models.PROTECT,
        related_name="farming_participations",
        verbose_name=_("presa in carico"),
    )
    person = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        related_name="farming_participations",
        verbose_name=_("persona"),
    )
    node = models.ForeignKey(
        "network.Node", on_delete=models.PROTECT, related_name="+", verbose_name=_("nodo")
    )
    role = models.CharField(_("ruolo"), max_length=16, choices=ParticipantRole.choices)
    hours_per_week = models.PositiveSmallIntegerField(_("ore settimanali"))
    joined_on = models.DateField(_("entrato/a il"))
    left_on = models.DateField(_("uscito/a il"), null=True, blank=True)
    outcome = models.CharField(
        _("esito"), max_length=16, choices=ParticipantOutcome.choices, blank=True
    )
    outcome_note = models.CharField(_("nota sull'esito"), max_length=300, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("partecipante")
        verbose_name_plural = _("partecipanti")
        ordering = ["project", "joined_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "person"],
                condition=Q(left_on__isnull=True),
                name="farming_one_active_participation",
            ),
            models.CheckConstraint(
                condition=Q(role__in=ParticipantRole.values), name="farming_participant_role"
            ),
            models.CheckConstraint(
                condition=Q(hours_per_week__gte=1) & Q(hours_per_week__lte=MAX_WEEKLY_HOURS),
                name="farming_participant_hours_range",
            ),
            models.CheckConstraint(
                condition=Q(left_on__isnull=True) | Q(left_on__gte=F("joined_on")),
                name="farming_participant_period_order",
            ),
            # Someone who left has an outcome; someone still in has none.
            models.CheckConstraint(
                condition=(Q(left_on__isnull=True) & Q(outcome=""))
                | (Q(left_on__isnull=False) & Q(outcome__in=ParticipantOutcome.values)),
                name="farming_participant_outcome_when_left",
            ),
        ]

    def __str__(self) -> str:
        return str(_("Partecipante n. %(number)s") % {"number": self.pk})

    @property
    def is_active(self) -> bool:
        return self.left_on is None


class ActivityKind(models.TextChoices):
    TRAINING = "training", _("Formazione")
    FIELD_WORK = "field_work", _("Lavoro nei campi")
    WORKSHOP = "workshop", _("Laboratorio")
    HARVEST = "harvest", _("Raccolta")
    MARKET = "market", _("Mercato e vendita")
    MEETING = "meeting", _("Riunione")
    VISIT = "visit", _("Visita")


class Activity(TimeStampedModel):
    """Something the project did on one day, with who of its participants was there."""

    project = models.ForeignKey(
        "socialfarming.PilotProject",
        on_delete=models.PROTECT,
        related_name="activities",
        verbose_name=_("progetto"),
    )
    on_date = models.DateField(_("data"))
    kind = models.CharField(_("tipo"), max_length=12, choices=ActivityKind.choices)
    hours = models.DecimalField(_("ore"), max_digits=4, decimal_places=1)
    description = models.TextField(_("descrizione"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    attendees: models.ManyToManyField[Participant, Attendance] = models.ManyToManyField(
        Participant, through="Attendance", related_name="activities", verbose_name=_("presenti")
    )

    class Meta:
        verbose_name = _("attività del progetto")
        verbose_name_plural = _("attività del progetto")
        ordering = ["project", "-on_date", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=ActivityKind.values), name="farming_activity_kind"
            ),
            models.CheckConstraint(
                condition=Q(hours__gt=0) & Q(hours__lte=MAX_ACTIVITY_HOURS),
                name="farming_activity_hours_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.on_date:%d/%m/%Y} {self.get_kind_display()}"


class Attendance(models.Model):
    """One participant present at one activity."""

    activity = models.ForeignKey(
        Activity, on_delete=models.PROTECT, related_name="attendance", verbose_name=_("attività")
    )
    participant = models.ForeignKey(
        Participant,
        on_delete=models.PROTECT,
        related_name="attendance",
        verbose_name=_("partecipante"),
    )

    class Meta:
        verbose_name = _("presenza")
        verbose_name_plural = _("presenze")
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "participant"], name="farming_attendance_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.activity} · {self.participant}"
