"""Writes of the course catalogue: courses, their lessons and the attendance register.

Each is atomic and audited, and refused (PermissionDenied) to anyone who does not organise
courses at the course's node. Rules: an Italian course names the CEFR level it leads to, the
certificates issued are kinds of the skills profile (`jobs.Certificate`), seats never drop
below the people already enrolled, status moves follow COURSE_TRANSITIONS (a cancellation
needs its reason and withdraws the people still enrolled), lessons fall within the course's
dates, and the register is kept for lessons already held, for people still enrolled, with no
more hours than the lesson had. A stale edit is refused (core.concurrency).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import ROUND_DOWN, Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from approdo.accounts.models import User
from approdo.audit.services import record
from approdo.core.concurrency import save_if_version
from approdo.jobs.employer_models import CefrLevel
from approdo.jobs.profile_models import CertificateKind
from approdo.network.models import Language, Municipality, Node
from approdo.training import selectors as sel
from approdo.training.models import (
    COURSE_TRANSITIONS,
    MAX_COURSE_HOURS,
    MAX_SESSION_HOURS,
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

COURSE_FIELDS = (
    "title",
    "kind",
    "provider",
    "node",
    "municipality",
    "address",
    "starts_on",
    "ends_on",
    "total_hours",
    "seats",
    "language",
    "cefr_target",
    "certificate_kinds",
    "certificate_other",
    "min_attendance_pct",
    "description",
)
CLOSED = (CourseStatus.FINISHED, CourseStatus.CANCELLED)
HALF = Decimal("0.5")


def _today() -> dt.date:
    return timezone.localdate()


def _hours(value: object, field: str, errors: dict[str, list[str]], most: Decimal) -> Decimal:
    try:
        hours = Decimal(str(value))
    except (InvalidOperation, ValueError):
        hours = Decimal(-1)
    if not hours.is_finite() or hours <= 0 or hours > most or hours % HALF:
        errors.setdefault(field, []).append(
            _("Indica le ore in mezze ore, da 0,5 a %(most)s.") % {"most": most}
        )
    return hours


def _certificates(data: dict[str, Any], errors: dict[str, list[str]]) -> None:
    kinds = data["certificate_kinds"] or []
    if not isinstance(kinds, list | tuple) or any(k not in CertificateKind.values for k in kinds):
        errors["certificate_kinds"] = [_("Tipo di attestato non valido.")]
        return
    data["certificate_kinds"] = sorted(set(kinds), key=CertificateKind.values.index)
    data["certificate_other"] = (data["certificate_other"] or "").strip()
    if CertificateKind.OTHER in kinds:
        if not data["certificate_other"]:
            errors["certificate_other"] = [_("Scrivi quale attestato rilascia il corso.")]
    else:
        data["certificate_other"] = ""


def _course_values(values: dict[str, Any]) -> dict[str, Any]:
    """The cleaned values of a course, or a ValidationError naming every wrong field."""
    errors: dict[str, list[str]] = {}
    data = {name: values.get(name) for name in COURSE_FIELDS}
    for name in ("title", "provider", "address", "description"):
        data[name] = (data[name] or "").strip()
    if not data["title"]:
        errors["title"] = [_("Indica il titolo del corso.")]
    if not data["provider"]:
        errors["provider"] = [_("Indica l'ente che tiene il corso.")]
    if data["kind"] not in CourseKind.values:
        errors["kind"] = [_("Tipo di corso non valido.")]
    if not isinstance(data["node"], Node):
        errors["node"] = [_("Scegli il nodo che organizza il corso.")]
    if not isinstance(data["municipality"], Municipality):
        errors["municipality"] = [_("Scegli il comune in cui si tiene il corso.")]
    if not isinstance(data["language"], Language):
        errors["language"] = [_("Scegli la lingua in cui si tiene il corso.")]
    starts, ends = data["starts_on"], data["ends_on"]
    if not isinstance(starts, dt.date):
        errors["starts_on"] = [_("Indica la data di inizio.")]
    if not isinstance(ends, dt.date):
        errors["ends_on"] = [_("Indica la data di fine.")]
    elif isinstance(starts, dt.date) and ends < starts:
        errors["ends_on"] = [_("La fine del corso viene prima dell'inizio.")]
    data["total_hours"] = _hours(
        data["total_hours"], "total_hours", errors, Decimal(MAX_COURSE_HOURS)
    )
    seats = data["seats"]
    if not isinstance(seats, int) or not 1 <= seats <= 500:
        errors["seats"] = [_("I posti vanno da 1 a 500.")]
    pct = data["min_attendance_pct"]
    if not isinstance(pct, int) or not 1 <= pct <= 100:
        errors["min_attendance_pct"] = [_("La frequenza minima va dall'1 al 100%.")]
    if data["kind"] == CourseKind.ITALIAN:
        if data["cefr_target"] not in CefrLevel.values:
            errors["cefr_target"] = [
                _("Per un corso di italiano indica il livello QCER di arrivo.")
            ]
    else:
        data["cefr_target"] = ""
    _certificates(data, errors)
    if errors:
        raise ValidationError(errors)
    return data


def _require_node(actor: User, node: Node) -> None:
    ids = sel.writer_node_ids(actor)
    if ids is not None and node.pk not in ids:
        raise ValidationError({"node": _("Puoi organizzare corsi solo per i nodi in cui lavori.")})


# --- courses ------------------------------------------------------------------------------------
@transaction.atomic
def course_create(*, actor: User, status: str = CourseStatus.PLANNED, **values: Any) -> Course:
    """Add a course to the catalogue (fields: COURSE_FIELDS), planned or already open."""
    sel.require_read(actor)
    if not sel.can_create(actor):
        raise PermissionDenied
    data = _course_values(values)
    _require_node(actor, data["node"])
    if status not in (CourseStatus.PLANNED, CourseStatus.OPEN):
        raise ValidationError(
            {"status": _("Un nuovo corso è in programma o con iscrizioni aperte.")}
        )
    course = Course(**data, status=status, created_by=actor)
    course.full_clean()
    course.save()
    record(
        actor=actor,
        action="training.course.created",
        target=course,
        changes={name: (None, getattr(course, name)) for name in (*COURSE_FIELDS, "status")},
        node_id=course.node_id,
    )
    return course


@transaction.atomic
def course_update(*, actor: User, course: Course, expected_version: int, **values: Any) -> Course:
    """Change a course at the version the user read. Seats never drop below the people who
    hold one; a finished or cancelled course is no longer changed."""
    sel.require_edit_course(actor, course)
    stored = Course.objects.select_for_update().get(pk=course.pk)
    if stored.status in CLOSED:
        raise ValidationError(_("Il corso è concluso o annullato: non si modifica più."))
    data = _course_values(values)
    _require_node(actor, data["node"])
    outside = stored.sessions.exclude(date__gte=data["starts_on"], date__lte=data["ends_on"])
    if outside.exists():
        raise ValidationError(
            {"starts_on": _("Ci sono lezioni fuori dalle nuove date: spostale o cambia le date.")}
        )
    taken = stored.enrolments.filter(status__in=SEAT_HOLDING).count()
    if data["seats"] < taken:
        raise ValidationError(
            {
                "seats": _("Le persone iscritte sono %(n)s: i posti non possono essere meno.")
                % {"n": taken}
            }
        )
    changes = {
        name: (getattr(stored, name), value)
        for name, value in data.items()
        if getattr(stored, name) != value
    }
    for name, value in data.items():
        setattr(course, name, value)
    course.status = stored.status
    course.full_clean()
    save_if_version(course, expected_version=expected_version, fields=list(COURSE_FIELDS))
    record(
        actor=actor,
        action="training.course.updated",
        target=course,
        changes=changes,
        node_id=course.node_id,
    )
    return course


@transaction.atomic
def course_set_status(
    *, actor: User, course: Course, status: str, expected_version: int, reason: str = ""
) -> Course:
    """Move a course along its states (COURSE_TRANSITIONS). Cancelling needs a reason and
    withdraws everyone still enrolled, with that reason."""
    sel.require_edit_course(actor, course)
    stored = Course.objects.select_for_update().get(pk=course.pk)
    if status not in COURSE_TRANSITIONS.get(stored.status, frozenset()):
        raise ValidationError(
            {
                "status": _("Un corso «%(from)s» non può diventare «%(to)s».")
                % {
                    "from": stored.get_status_display(),
                    "to": dict(CourseStatus.choices).get(status, status),
                }
            },
            code="transition",
        )
    reason = reason.strip()
    if status == CourseStatus.CANCELLED and not reason:
        raise ValidationError({"reason": _("Indica il motivo dell'annullamento.")})
    before = stored.status
    course.status = status
    course.cancel_reason = reason if status == CourseStatus.CANCELLED else ""
    save_if_version(course, expected_version=expected_version, fields=["status", "cancel_reason"])
    withdrawn = 0
    if status == CourseStatus.CANCELLED:
        withdrawn = Enrolment.objects.filter(course=course, status=EnrolmentStatus.ENROLLED).update(
            status=EnrolmentStatus.WITHDRAWN,
            withdrawn_on=_today(),
            withdraw_reason=_("Corso annullato: %(reason)s") % {"reason": reason},
        )
    record(
        actor=actor,
        action="training.course.status_changed",
        target=course,
        changes={"status": (before, status)},
        data={"reason": reason, "withdrawn": withdrawn} if reason else None,
        node_id=course.node_id,
    )
    return course


# --- lessons ------------------------------------------------------------------------------------
def _duration(starts_at: dt.time, ends_at: dt.time) -> Decimal:
    minutes = (ends_at.hour * 60 + ends_at.minute) - (starts_at.hour * 60 + starts_at.minute)
    return Decimal(minutes) / Decimal(60)


@transaction.atomic
def session_add(
    *,
    actor: User,
    course: Course,
    date: dt.date,
    starts_at: dt.time,
    ends_at: dt.time,
    hours: Decimal | None = None,
    topic: str = "",
) -> CourseSession:
    """Add a lesson within the course's dates; its hours default to the time between start and
    end (rounded down to the half hour) and cannot exceed it."""
    sel.require_edit_course(actor, course)
    if course.status in CLOSED:
        raise ValidationError(_("Il corso è concluso o annullato: non si aggiungono lezioni."))
    errors: dict[str, list[str]] = {}
    if not course.starts_on <= date <= course.ends_on:
        errors["date"] = [
            _("La lezione deve cadere tra l'inizio (%(start)s) e la fine (%(end)s) del corso.")
            % {"start": f"{course.starts_on:%d/%m/%Y}", "end": f"{course.ends_on:%d/%m/%Y}"}
        ]
    if ends_at <= starts_at:
        errors["ends_at"] = [_("La lezione finisce prima di cominciare.")]
    else:
        length = _duration(starts_at, ends_at)
        if hours is None:
            hours = (length / HALF).to_integral_value(rounding=ROUND_DOWN) * HALF
        if hours > length:
            errors["hours"] = [
                _("Le ore non possono superare la durata della lezione (%(h)s).")
                % {"h": f"{length:.1f}".replace(".", ",")}
            ]
    if hours is not None and "hours" not in errors:
        hours = _hours(hours, "hours", errors, MAX_SESSION_HOURS)
    if CourseSession.objects.filter(course=course, date=date, starts_at=starts_at).exists():
        errors["starts_at"] = [_("C'è già una lezione del corso in quel giorno a quell'ora.")]
    if errors:
        raise ValidationError(errors)
    assert hours is not None  # set from the times above when not given
    session = CourseSession(
        course=course,
        date=date,
        starts_at=starts_at,
        ends_at=ends_at,
        hours=hours,
        topic=topic.strip(),
    )
    session.full_clean()
    session.save()
    record(
        actor=actor,
        action="training.session.created",
        target=session,
        data={"course": course.pk, "date": date, "hours": hours},
        node_id=course.node_id,
    )
    return session


@transaction.atomic
def session_remove(*, actor: User, session: CourseSession) -> None:
    """Remove a lesson added by mistake; a lesson with its register written stays."""
    course = session.course
    sel.require_edit_course(actor, course)
    if session.attendance.exists():
        raise ValidationError(_("La lezione ha già il registro compilato: non si rimuove."))
    record(
        actor=actor,
        action="training.session.removed",
        target=session,
        data={"course": course.pk, "date": session.date, "hours": session.hours},
        node_id=course.node_id,
    )
    session.delete()


# --- register -----------------------------------------------------------------------------------
@transaction.atomic
def attendance_record(
    *,
    actor: User,
    session: CourseSession,
    rows: Iterable[tuple[Enrolment, str, Decimal | None]],
) -> list[Attendance]:
    """Write a lesson's register: for each person (enrolment) present, absent or justified, and
    the hours if present (the whole lesson unless said). Only for lessons already held, and for
    people whose enrolment is live; a line already written is replaced."""
    course = session.course
    sel.require_edit_course(actor, course)
    if course.status == CourseStatus.CANCELLED:
        raise ValidationError(_("Il corso è annullato: il registro non si compila."))
    if session.date > _today():
        raise ValidationError(_("La lezione non si è ancora tenuta: il registro si compila dopo."))
    written: list[Attendance] = []
    log: list[dict[str, Any]] = []
    for enrolment, status, hours in rows:
        if enrolment.course_id != course.pk:
            raise ValidationError(_("Una delle iscrizioni non è di questo corso."))
        if enrolment.status != EnrolmentStatus.ENROLLED:
            raise ValidationError(
                _("L'iscrizione n. %(n)s è chiusa (%(status)s): il registro non si cambia più.")
                % {"n": enrolment.pk, "status": enrolment.get_status_display()}
            )
        if status not in AttendanceStatus.values:
            raise ValidationError(_("Presenza non valida."))
        if status == AttendanceStatus.PRESENT:
            hours = session.hours if hours is None else hours
            if not Decimal(0) < hours <= session.hours:
                raise ValidationError(
                    _("Le ore di presenza vanno da 0,5 alla durata della lezione (%(h)s).")
                    % {"h": str(session.hours).replace(".", ",")}
                )
        else:
            hours = Decimal(0)
        line, _created = Attendance.objects.update_or_create(
            session=session,
            enrolment=enrolment,
            defaults={"status": status, "hours": hours, "recorded_by": actor},
        )
        written.append(line)
        log.append({"enrolment": enrolment.pk, "status": status, "hours": str(hours)})
    record(
        actor=actor,
        action="training.attendance.recorded",
        target=session,
        data={"course": course.pk, "rows": log},
        node_id=course.node_id,
    )
    return written
