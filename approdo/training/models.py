"""Orientation and skills assessment, recorded in a person's case; the course catalogue with
enrolments and attendance lives in course_models.

Rows hang off the case: they are people's data, read through `case_read` and written by the
case's team. A person can be assessed several times over time (the latest is shown first).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from approdo.core.models import VersionedModel
from approdo.training.course_models import (
    COURSE_TRANSITIONS,
    DEFAULT_MIN_ATTENDANCE,
    ENROLLABLE,
    MAX_COURSE_HOURS,
    MAX_SESSION_HOURS,
    OUTCOMES,
    SEAT_HOLDING,
    Attendance,
    AttendanceStatus,
    Course,
    CourseKind,
    CourseSession,
    CourseStatus,
    Enrolment,
    EnrolmentStatus,
)

__all__ = [
    "COURSE_TRANSITIONS",
    "DEFAULT_MIN_ATTENDANCE",
    "ENROLLABLE",
    "MAX_COURSE_HOURS",
    "MAX_ORIENTATION_MINUTES",
    "MAX_SESSION_HOURS",
    "OUTCOMES",
    "SEAT_HOLDING",
    "SKILL_AREAS",
    "AssessmentMethod",
    "Attendance",
    "AttendanceStatus",
    "Course",
    "CourseKind",
    "CourseSession",
    "CourseStatus",
    "Enrolment",
    "EnrolmentStatus",
    "OrientationKind",
    "OrientationSession",
    "OrientationTopic",
    "SkillLevel",
    "SkillsAssessment",
]

MAX_ORIENTATION_MINUTES = 480


class OrientationKind(models.TextChoices):
    INDIVIDUAL = "individual", _("Individuale")
    GROUP = "group", _("Di gruppo")


class OrientationTopic(models.TextChoices):
    RIGHTS = "rights", _("Diritti sul lavoro")
    CONTRACTS = "contracts", _("Contratti di lavoro in Italia")
    PAYSLIP = "payslip", _("Busta paga, contributi e tasse")
    SAFETY = "safety", _("Salute e sicurezza sul lavoro")
    JOB_SEARCH = "job_search", _("Ricerca del lavoro")
    CV = "cv", _("Curriculum e colloqui")
    JOB_CENTRES = "job_centres", _("Centri per l'impiego e DID")
    TRAINING = "training", _("Corsi e formazione")
    RECOGNITION = "recognition", _("Riconoscimento dei titoli esteri")
    SELF_EMPLOYMENT = "self_employment", _("Lavoro autonomo")
    OTHER = "other", _("Altro")


class OrientationSession(VersionedModel):
    """A session of orientation to work: who led it, how long, what was covered, what next."""

    case = models.ForeignKey(
        "cases.Case",
        on_delete=models.PROTECT,
        related_name="orientation_sessions",
        verbose_name=_("presa in carico"),
    )
    held_on = models.DateField(_("data"))
    kind = models.CharField(_("modalità"), max_length=12, choices=OrientationKind.choices)
    led_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("condotta da"),
    )
    duration_minutes = models.PositiveSmallIntegerField(
        _("durata (minuti)"),
        validators=[MinValueValidator(5), MaxValueValidator(MAX_ORIENTATION_MINUTES)],
    )
    topics = models.JSONField(_("argomenti"), default=list)
    notes = models.TextField(_("note"), blank=True)
    next_steps = models.TextField(_("prossimi passi concordati"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("sessione di orientamento")
        verbose_name_plural = _("sessioni di orientamento")
        ordering = ["-held_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=OrientationKind.values), name="orientation_kind"
            ),
            models.CheckConstraint(
                condition=Q(duration_minutes__gte=5)
                & Q(duration_minutes__lte=MAX_ORIENTATION_MINUTES),
                name="orientation_duration_range",
            ),
        ]

    def __str__(self) -> str:
        return str(_("Orientamento del %(day)s") % {"day": f"{self.held_on:%d/%m/%Y}"})

    def topic_labels(self) -> list[str]:
        labels = dict(OrientationTopic.choices)
        return [str(labels.get(code, code)) for code in self.topics]


class AssessmentMethod(models.TextChoices):
    INTERVIEW = "interview", _("Colloquio")
    PRACTICAL = "practical_test", _("Prova pratica")
    EU_PROFILE = (
        "eu_skills_profile",
        _("EU Skills Profile Tool for Third-Country Nationals"),
    )
    RECOGNITION = "qualification_recognition", _("Riconoscimento di un titolo estero")


class SkillLevel(models.IntegerChoices):
    NONE = 0, _("Nessuna")
    BASIC = 1, _("Di base")
    INTERMEDIATE = 2, _("Intermedia")
    GOOD = 3, _("Buona")


# The areas an assessment rates, as (field, label).
SKILL_AREAS: tuple[tuple[str, Any], ...] = (
    ("literacy_level", _("Lettura e scrittura nella propria lingua")),
    ("italian_level", _("Italiano")),
    ("numeracy_level", _("Calcolo")),
    ("digital_level", _("Competenze digitali")),
    ("work_level", _("Competenze professionali")),
)


def _level_field(label: Any) -> Any:
    return models.PositiveSmallIntegerField(
        label,
        choices=SkillLevel.choices,
        null=True,
        blank=True,
        help_text=_("Vuoto: non valutato."),
    )


class SkillsAssessment(VersionedModel):
    """What a person can do, assessed on a day with a method; levels on a simple scale."""

    case = models.ForeignKey(
        "cases.Case",
        on_delete=models.PROTECT,
        related_name="skills_assessments",
        verbose_name=_("presa in carico"),
    )
    assessed_on = models.DateField(_("data"))
    method = models.CharField(_("metodo"), max_length=28, choices=AssessmentMethod.choices)
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("valutazione di"),
    )
    literacy_level = _level_field(_("Lettura e scrittura nella propria lingua"))
    italian_level = _level_field(_("Italiano"))
    numeracy_level = _level_field(_("Calcolo"))
    digital_level = _level_field(_("Competenze digitali"))
    work_level = _level_field(_("Competenze professionali"))
    qualification = models.CharField(
        _("titolo estero"),
        max_length=200,
        blank=True,
        help_text=_("Il titolo di studio o professionale da riconoscere, con il paese."),
    )
    recommended_occupations = models.ManyToManyField(
        "jobs.Occupation",
        blank=True,
        related_name="+",
        verbose_name=_("mansioni consigliate (ISCO-08)"),
    )
    recommended_course_kinds = models.JSONField(_("corsi consigliati"), default=list, blank=True)
    summary = models.TextField(_("sintesi"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("valutazione delle competenze")
        verbose_name_plural = _("valutazioni delle competenze")
        ordering = ["-assessed_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(method__in=AssessmentMethod.values), name="assessment_method"
            ),
            models.CheckConstraint(condition=~Q(summary=""), name="assessment_summary"),
            models.CheckConstraint(
                condition=~Q(method=AssessmentMethod.RECOGNITION) | ~Q(qualification=""),
                name="assessment_recognition_names_qualification",
            ),
            *[
                models.CheckConstraint(
                    condition=Q(**{f"{field}__isnull": True})
                    | Q(**{f"{field}__lte": SkillLevel.GOOD}),
                    name=f"assessment_{field}_scale",
                )
                for field, _label in SKILL_AREAS
            ],
        ]

    def __str__(self) -> str:
        return str(_("Valutazione del %(day)s") % {"day": f"{self.assessed_on:%d/%m/%Y}"})

    def levels(self) -> list[tuple[str, str]]:
        """(area, level) for the areas rated, in the areas' order."""
        labels = dict(SkillLevel.choices)
        out = []
        for field, label in SKILL_AREAS:
            value = getattr(self, field)
            if value is not None:
                out.append((str(label), str(labels[value])))
        return out

    def course_kind_labels(self) -> list[str]:
        labels = dict(CourseKind.choices)
        return [str(labels.get(code, code)) for code in self.recommended_course_kinds]
