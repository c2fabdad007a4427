"""Courses of the network's catalogue, their lessons, the people enrolled and the register.

A course is reference data shared by the whole network (any hub may enrol its people), written
by the staff of the node that organises it. An enrolment is a person's record: it is reached
through the person's case. Seats are never exceeded (the enrolment service locks the course
row), a person holds one live enrolment per course (a partial unique constraint: a withdrawn
enrolment does not count), and the outcome "completed" needs the course's minimum attendance.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from approdo.core.models import TimeStampedModel, VersionedModel
from approdo.jobs.employer_models import CefrLevel
from approdo.jobs.profile_models import CertificateKind

__all__ = [
    "COURSE_TRANSITIONS",
    "DEFAULT_MIN_ATTENDANCE",
    "ENROLLABLE",
    "MAX_COURSE_HOURS",
    "MAX_SESSION_HOURS",
    "OUTCOMES",
    "SEAT_HOLDING",
    "Attendance",
    "AttendanceStatus",
    "Course",
    "CourseKind",
    "CourseSession",
    "CourseStatus",
    "Enrolment",
    "EnrolmentStatus",
]

DEFAULT_MIN_ATTENDANCE = 70
MAX_COURSE_HOURS = 2000
MAX_SESSION_HOURS = Decimal(12)


class CourseKind(models.TextChoices):
    ITALIAN = "italian", _("Lingua italiana")
    SAFETY = "safety", _("Sicurezza sul lavoro (D.Lgs. 81/08)")
    VOCATIONAL = "vocational", _("Formazione professionale")
    DIGITAL = "digital", _("Competenze digitali")
    OTHER = "other", _("Altro")


class CourseStatus(models.TextChoices):
    PLANNED = "planned", _("In programma")
    OPEN = "open", _("Iscrizioni aperte")
    RUNNING = "running", _("In corso")
    FINISHED = "finished", _("Concluso")
    CANCELLED = "cancelled", _("Annullato")


# The allowed moves; a finished or cancelled course is final.
COURSE_TRANSITIONS: dict[str, frozenset[str]] = {
    CourseStatus.PLANNED: frozenset({CourseStatus.OPEN, CourseStatus.CANCELLED}),
    CourseStatus.OPEN: frozenset(
        {CourseStatus.PLANNED, CourseStatus.RUNNING, CourseStatus.CANCELLED}
    ),
    CourseStatus.RUNNING: frozenset({CourseStatus.FINISHED, CourseStatus.CANCELLED}),
    CourseStatus.FINISHED: frozenset(),
    CourseStatus.CANCELLED: frozenset(),
}
# A person can be enrolled while enrolment is open or the course is running.
ENROLLABLE = (CourseStatus.OPEN, CourseStatus.RUNNING)


class Course(VersionedModel):
    """A course in the network's catalogue, organised by one node."""

    title = models.CharField(_("titolo"), max_length=200)
    kind = models.CharField(_("tipo"), max_length=12, choices=CourseKind.choices)
    provider = models.CharField(
        _("ente erogatore"),
        max_length=200,
        help_text=_("Chi tiene il corso: CPIA, ente di formazione accreditato, il nodo stesso…"),
    )
    node = models.ForeignKey(
        "network.Node",
        on_delete=models.PROTECT,
        related_name="courses",
        verbose_name=_("nodo organizzatore"),
    )
    municipality = models.ForeignKey(
        "network.Municipality",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("comune"),
    )
    address = models.CharField(_("indirizzo o sede"), max_length=200, blank=True)
    starts_on = models.DateField(_("inizio"))
    ends_on = models.DateField(_("fine"))
    total_hours = models.DecimalField(
        _("ore totali"),
        max_digits=6,
        decimal_places=1,
        validators=[MinValueValidator(Decimal("0.5")), MaxValueValidator(MAX_COURSE_HOURS)],
    )
    seats = models.PositiveSmallIntegerField(
        _("posti"), validators=[MinValueValidator(1), MaxValueValidator(500)]
    )
    language = models.ForeignKey(
        "network.Language",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("lingua del corso"),
    )
    cefr_target = models.CharField(
        _("livello QCER di arrivo"),
        max_length=2,
        choices=CefrLevel.choices,
        blank=True,
        help_text=_("Solo per i corsi di italiano."),
    )
    certificate_kinds = models.JSONField(
        _("attestati rilasciati"),
        default=list,
        blank=True,
        help_text=_("Registrati nel profilo delle competenze di chi completa il corso."),
    )
    certificate_other = models.CharField(
        _("quale attestato (se altro)"), max_length=200, blank=True
    )
    min_attendance_pct = models.PositiveSmallIntegerField(
        _("frequenza minima (%)"),
        default=DEFAULT_MIN_ATTENDANCE,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_("Sotto questa frequenza il corso non si può dare per completato."),
    )
    status = models.CharField(
        _("stato"), max_length=12, choices=CourseStatus.choices, default=CourseStatus.PLANNED
    )
    cancel_reason = models.TextField(_("motivo dell'annullamento"), blank=True)
    description = models.TextField(_("descrizione"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("corso")
        verbose_name_plural = _("corsi")
        ordering = ["-starts_on", "title", "pk"]
        indexes = [models.Index(fields=["status", "starts_on"])]
        constraints = [
            models.CheckConstraint(condition=~Q(title=""), name="course_title_not_empty"),
            models.CheckConstraint(condition=Q(kind__in=CourseKind.values), name="course_kind"),
            models.CheckConstraint(
                condition=Q(status__in=CourseStatus.values), name="course_status"
            ),
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="course_dates_order"
            ),
            models.CheckConstraint(
                condition=Q(total_hours__gt=0) & Q(total_hours__lte=MAX_COURSE_HOURS),
                name="course_hours_range",
            ),
            models.CheckConstraint(condition=Q(seats__gte=1), name="course_seats_positive"),
            models.CheckConstraint(
                condition=Q(min_attendance_pct__gte=1) & Q(min_attendance_pct__lte=100),
                name="course_min_attendance_range",
            ),
            # An Italian course says which CEFR level it leads to; other courses do not.
            models.CheckConstraint(
                condition=(Q(kind=CourseKind.ITALIAN) & Q(cefr_target__in=CefrLevel.values))
                | (~Q(kind=CourseKind.ITALIAN) & Q(cefr_target="")),
                name="course_cefr_only_italian",
            ),
            models.CheckConstraint(
                condition=~Q(status=CourseStatus.CANCELLED) | ~Q(cancel_reason=""),
                name="course_cancel_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_enrollable(self) -> bool:
        return self.status in ENROLLABLE

    def certificate_labels(self) -> list[str]:
        """The certificates issued on completion, named as the skills profile names them."""
        labels = dict(CertificateKind.choices)
        return [
            self.certificate_other if kind == CertificateKind.OTHER else str(labels[kind])
            for kind in self.certificate_kinds
            if kind in labels
        ]


class CourseSession(TimeStampedModel):
    """One lesson: its day, times and hours (the register is kept per lesson)."""

    course = models.ForeignKey(
        Course, on_delete=models.PROTECT, related_name="sessions", verbose_name=_("corso")
    )
    date = models.DateField(_("data"))
    starts_at = models.TimeField(_("inizio"))
    ends_at = models.TimeField(_("fine"))
    hours = models.DecimalField(
        _("ore"),
        max_digits=3,
        decimal_places=1,
        validators=[MinValueValidator(Decimal("0.5")), MaxValueValidator(MAX_SESSION_HOURS)],
    )
    topic = models.CharField(_("argomento"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("lezione")
        verbose_name_plural = _("lezioni")
        ordering = ["course", "date", "starts_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["course", "date", "starts_at"], name="course_session_unique_start"
            ),
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="course_session_times_order"
            ),
            models.CheckConstraint(
                condition=Q(hours__gt=0) & Q(hours__lte=MAX_SESSION_HOURS),
                name="course_session_hours_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} {self.starts_at:%H:%M}–{self.ends_at:%H:%M}"


class EnrolmentStatus(models.TextChoices):
    ENROLLED = "enrolled", _("Iscrizione attiva")
    WITHDRAWN = "withdrawn", _("Iscrizione ritirata")
    COMPLETED = "completed", _("Corso completato")
    NOT_COMPLETED = "not_completed", _("Corso non completato")
    DROPPED_OUT = "dropped_out", _("Abbandono")


OUTCOMES = (EnrolmentStatus.COMPLETED, EnrolmentStatus.NOT_COMPLETED, EnrolmentStatus.DROPPED_OUT)
# Enrolments that take a seat: a withdrawal or a dropout frees it for someone else.
SEAT_HOLDING = (EnrolmentStatus.ENROLLED, EnrolmentStatus.COMPLETED, EnrolmentStatus.NOT_COMPLETED)


class Enrolment(VersionedModel):
    """A person enrolled in a course from one of their cases, and how it ended."""

    course = models.ForeignKey(
        Course, on_delete=models.PROTECT, related_name="enrolments", verbose_name=_("corso")
    )
    case = models.ForeignKey(
        "cases.Case",
        on_delete=models.PROTECT,
        related_name="enrolments",
        verbose_name=_("presa in carico"),
    )
    person = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        related_name="enrolments",
        verbose_name=_("persona"),
    )
    enrolled_on = models.DateField(_("iscritto il"))
    status = models.CharField(
        _("stato"), max_length=16, choices=EnrolmentStatus.choices, default="enrolled"
    )
    withdrawn_on = models.DateField(_("ritirata il"), null=True, blank=True)
    withdraw_reason = models.TextField(_("motivo del ritiro"), blank=True)
    outcome_on = models.DateField(_("data dell'esito"), null=True, blank=True)
    final_attendance_pct = models.DecimalField(
        _("frequenza all'esito (%)"), max_digits=4, decimal_places=1, null=True, blank=True
    )
    cefr_reached = models.CharField(
        _("livello QCER raggiunto"), max_length=2, choices=CefrLevel.choices, blank=True
    )
    certificate_issued_on = models.DateField(_("attestato rilasciato il"), null=True, blank=True)
    certificates = models.ManyToManyField(
        "jobs.Certificate", blank=True, related_name="+", verbose_name=_("attestati registrati")
    )
    outcome_note = models.TextField(_("nota sull'esito"), blank=True)
    enrolled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    outcome_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("iscrizione a un corso")
        verbose_name_plural = _("iscrizioni ai corsi")
        ordering = ["-enrolled_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "course"],
                condition=~Q(status="withdrawn"),
                name="enrolment_one_per_person_course",
            ),
            models.CheckConstraint(
                condition=Q(status__in=EnrolmentStatus.values), name="enrolment_status"
            ),
            models.CheckConstraint(
                condition=(
                    Q(status="withdrawn") & Q(withdrawn_on__isnull=False) & ~Q(withdraw_reason="")
                )
                | (~Q(status="withdrawn") & Q(withdrawn_on__isnull=True)),
                name="enrolment_withdrawal_dated_with_reason",
            ),
            models.CheckConstraint(
                condition=(Q(status__in=OUTCOMES) & Q(outcome_on__isnull=False))
                | (~Q(status__in=OUTCOMES) & Q(outcome_on__isnull=True)),
                name="enrolment_outcome_dated",
            ),
            # A level reached and a certificate belong to a completed course only.
            models.CheckConstraint(
                condition=Q(cefr_reached="")
                | (Q(status="completed") & Q(cefr_reached__in=CefrLevel.values)),
                name="enrolment_cefr_only_completed",
            ),
            models.CheckConstraint(
                condition=Q(certificate_issued_on__isnull=True) | Q(status="completed"),
                name="enrolment_certificate_only_completed",
            ),
            models.CheckConstraint(
                condition=Q(final_attendance_pct__isnull=True)
                | (Q(final_attendance_pct__gte=0) & Q(final_attendance_pct__lte=100)),
                name="enrolment_final_attendance_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.course} · {self.case}"

    @property
    def is_active(self) -> bool:
        return self.status == EnrolmentStatus.ENROLLED


class AttendanceStatus(models.TextChoices):
    PRESENT = "present", _("Presente")
    ABSENT = "absent", _("Assente")
    JUSTIFIED = "justified", _("Assenza giustificata")


class Attendance(TimeStampedModel):
    """One line of a lesson's register: was the person there, and for how many hours."""

    session = models.ForeignKey(CourseSession, on_delete=models.PROTECT, related_name="attendance")
    enrolment = models.ForeignKey(Enrolment, on_delete=models.PROTECT, related_name="attendance")
    status = models.CharField(_("presenza"), max_length=10, choices=AttendanceStatus.choices)
    hours = models.DecimalField(_("ore frequentate"), max_digits=3, decimal_places=1)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("presenza")
        verbose_name_plural = _("presenze")
        ordering = ["session", "enrolment"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "enrolment"], name="attendance_one_per_session"
            ),
            models.CheckConstraint(
                condition=Q(status__in=AttendanceStatus.values), name="attendance_status"
            ),
            # Hours count only for who was there; an absence is zero hours.
            models.CheckConstraint(
                condition=(Q(status="present") & Q(hours__gt=0))
                | (~Q(status="present") & Q(hours=0)),
                name="attendance_hours_only_present",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.session}: {self.get_status_display()}"
