"""Writes of a case's enrolments: enrol, withdraw, record the outcome. Only the case's team and
the hub's coordinator, while the case is open; each write is atomic and audited under the
case's hub.

Rules: an enrolment needs a course open to enrolment (or running) with a seat left (the course
row is locked while seats are counted, so two people never take the last one) and one live
enrolment per person and course; "completed" needs the course's minimum attendance and the
refusal says the attendance; an Italian course's level reached updates the person's skills
profile (`jobs.profiles.language_set`, never lowering a level already recorded) and a course's
certificates are recorded there too (`jobs.profiles.certificate_add`).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from approdo.accounts.models import User
from approdo.audit.services import record
from approdo.cases.models import Case
from approdo.core.concurrency import StaleEditError, save_if_version
from approdo.jobs import profiles
from approdo.jobs.employer_models import CefrLevel
from approdo.jobs.profile_models import LanguageSkill
from approdo.network.models import Language
from approdo.training import selectors as sel
from approdo.training.case_services import require_case_edit
from approdo.training.models import (
    OUTCOMES,
    SEAT_HOLDING,
    Course,
    CourseKind,
    CourseStatus,
    Enrolment,
    EnrolmentStatus,
)

ITALIAN = "it"


def _today() -> dt.date:
    return timezone.localdate()


@transaction.atomic
def enrol(
    *, actor: User, case: Case, course: Course, enrolled_on: dt.date | None = None
) -> Enrolment:
    """Enrol the case's person in a course open to enrolment (or running) that has a seat left.
    The course row is locked while the seats are counted: the last seat goes to one person."""
    require_case_edit(actor, case)
    day = enrolled_on or _today()
    if day > _today():
        raise ValidationError({"enrolled_on": _("La data non può essere nel futuro.")})
    locked = Course.objects.select_for_update().get(pk=course.pk)
    if not locked.is_enrollable:
        raise ValidationError(
            {"course": _("Il corso non accetta iscrizioni (%(status)s).")
             % {"status": locked.get_status_display()}},
            code="not_enrollable",
        )  # fmt: skip
    if locked.ends_on < day:
        raise ValidationError({"course": _("Il corso è già finito.")}, code="ended")
    person_id = case.person_id
    assert person_id is not None  # require_case_edit refused a case without a person
    live = Enrolment.objects.filter(course=locked, person_id=person_id).exclude(
        status=EnrolmentStatus.WITHDRAWN
    )
    if live.exists():
        raise ValidationError(
            {"course": _("La persona è già iscritta a questo corso.")}, code="duplicate"
        )
    taken = locked.enrolments.filter(status__in=SEAT_HOLDING).count()
    if taken >= locked.seats:
        raise ValidationError(
            {"course": _("Il corso è al completo: %(taken)s posti occupati su %(seats)s.")
             % {"taken": taken, "seats": locked.seats}},
            code="full",
        )  # fmt: skip
    try:
        with transaction.atomic():
            enrolment = Enrolment.objects.create(
                course=locked, case=case, person_id=person_id, enrolled_on=day, enrolled_by=actor
            )
    except IntegrityError as exc:  # the same person enrolled from another case meanwhile
        raise ValidationError(
            {"course": _("La persona è già iscritta a questo corso.")}, code="duplicate"
        ) from exc
    record(
        actor=actor,
        action="training.enrolment.created",
        target=enrolment,
        data={"case": case.pk, "course": locked.pk, "seats_taken": taken + 1},
        node_id=case.hub_id,
    )
    return enrolment


def _live(actor: User, enrolment: Enrolment, expected_version: int) -> Enrolment:
    """The enrolment as stored, locked, if the actor may edit its case, it is still live and
    nobody changed it since the version read. The caller's instance is left untouched."""
    case = enrolment.case
    require_case_edit(actor, case)
    row = Enrolment.objects.select_for_update().select_related("course").get(pk=enrolment.pk)
    row.case = case
    if row.version != expected_version:
        raise StaleEditError(row)
    if row.status != EnrolmentStatus.ENROLLED:
        raise ValidationError(
            _("L'iscrizione è già chiusa: %(status)s.") % {"status": row.get_status_display()},
            code="closed",
        )
    return row


@transaction.atomic
def enrolment_withdraw(
    *,
    actor: User,
    enrolment: Enrolment,
    reason: str,
    expected_version: int,
    withdrawn_on: dt.date | None = None,
) -> Enrolment:
    """Withdraw a live enrolment, with a reason; the seat is freed."""
    enrolment = _live(actor, enrolment, expected_version)
    case = enrolment.case
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Indica il motivo del ritiro.")})
    enrolment.status = EnrolmentStatus.WITHDRAWN
    enrolment.withdrawn_on = withdrawn_on or _today()
    enrolment.withdraw_reason = reason
    save_if_version(
        enrolment,
        expected_version=expected_version,
        fields=["status", "withdrawn_on", "withdraw_reason"],
    )
    record(
        actor=actor,
        action="training.enrolment.withdrawn",
        target=enrolment,
        changes={"status": (EnrolmentStatus.ENROLLED, EnrolmentStatus.WITHDRAWN)},
        data={"case": case.pk, "course": enrolment.course_id, "reason": reason},
        node_id=case.hub_id,
    )
    return enrolment


def completion_refusal(pct: Decimal, hours: Decimal, course: Course) -> str:
    """The refusal of "completed" below the course's minimum, saying the attendance."""
    return _(
        "La frequenza è del %(pct)s%% (%(hours)s ore su %(total)s): per dare il corso per "
        "completato serve almeno il %(min)s%%."
    ) % {
        "pct": number_format(pct, 1),
        "hours": number_format(hours, 1),
        "total": number_format(course.total_hours, 1),
        "min": course.min_attendance_pct,
    }


def _outcome_values(
    course: Course,
    enrolment: Enrolment,
    outcome: str,
    outcome_on: dt.date,
    cefr_reached: str,
    certificate_issued_on: dt.date | None,
) -> dict[str, Any]:
    errors: dict[str, list[str]] = {}
    if outcome not in OUTCOMES:
        errors["outcome"] = [_("Esito non valido.")]
    elif course.status not in (CourseStatus.RUNNING, CourseStatus.FINISHED):
        errors["outcome"] = [
            _(
                "Il corso non è ancora iniziato: se la persona non lo frequenterà, ritira "
                "l'iscrizione."
            )
        ]
    if outcome_on > _today():
        errors["outcome_on"] = [_("La data non può essere nel futuro.")]
    elif outcome_on < enrolment.enrolled_on:
        errors["outcome_on"] = [_("La data viene prima dell'iscrizione.")]
    completed = outcome == EnrolmentStatus.COMPLETED
    if completed and course.kind == CourseKind.ITALIAN:
        if cefr_reached not in CefrLevel.values:
            errors["cefr_reached"] = [_("Indica il livello QCER raggiunto.")]
    elif cefr_reached:
        errors["cefr_reached"] = [
            _("Il livello raggiunto si registra solo per chi completa un corso di italiano.")
        ]
    if completed and course.certificate_kinds:
        certificate_issued_on = certificate_issued_on or outcome_on
        if certificate_issued_on > _today():
            errors["certificate_issued_on"] = [_("La data non può essere nel futuro.")]
    elif certificate_issued_on is not None:
        errors["certificate_issued_on"] = [
            _("L'attestato si registra solo per chi completa un corso che lo rilascia.")
        ]
    if errors:
        raise ValidationError(errors)
    return {"cefr_reached": cefr_reached, "certificate_issued_on": certificate_issued_on}


def _update_profile(
    actor: User, case: Case, course: Course, enrolment: Enrolment
) -> dict[str, Any]:
    """Write what a completed course proves into the skills profile; returns what was done."""
    done: dict[str, Any] = {}
    if enrolment.cefr_reached:
        italian = Language.objects.filter(code=ITALIAN).first()
        if italian is None:
            raise ValidationError(
                {
                    "cefr_reached": _(
                        "La lingua italiana (codice «it») non è nell'elenco delle lingue."
                    )
                }
            )
        current = LanguageSkill.objects.filter(
            person_id=enrolment.person_id, language=italian
        ).first()
        order = CefrLevel.values
        if current is None or order.index(current.level) < order.index(enrolment.cefr_reached):
            profiles.language_set(
                actor=actor, case=case, language=italian, level=enrolment.cefr_reached
            )
            done["italian"] = enrolment.cefr_reached
        else:  # a course never lowers a level the person already has
            done["italian_kept"] = current.level
    for kind in course.certificate_kinds:
        certificate = profiles.certificate_add(
            actor=actor,
            case=case,
            kind=kind,
            other_kind=course.certificate_other,
            issued_on=enrolment.certificate_issued_on,
            issuer=course.provider,
        )
        enrolment.certificates.add(certificate)
        done.setdefault("certificates", []).append(kind)
    return done


@transaction.atomic
def enrolment_outcome(
    *,
    actor: User,
    enrolment: Enrolment,
    outcome: str,
    expected_version: int,
    outcome_on: dt.date | None = None,
    cefr_reached: str = "",
    certificate_issued_on: dt.date | None = None,
    note: str = "",
) -> Enrolment:
    """Record how a live enrolment ended: completed (only with the course's minimum
    attendance), not completed or dropped out. A completed Italian course records the CEFR level
    reached, a course with certificates records them, both in the skills profile."""
    enrolment = _live(actor, enrolment, expected_version)
    case, course = enrolment.case, enrolment.course
    day = outcome_on or _today()
    values = _outcome_values(course, enrolment, outcome, day, cefr_reached, certificate_issued_on)
    hours = sel.attended_hours(enrolment)
    pct = sel.attendance_pct(hours, course.total_hours)
    if outcome == EnrolmentStatus.COMPLETED and pct < course.min_attendance_pct:
        raise ValidationError(
            {"outcome": completion_refusal(pct, hours, course)}, code="attendance"
        )
    enrolment.status = outcome
    enrolment.outcome_on = day
    enrolment.final_attendance_pct = pct
    enrolment.cefr_reached = values["cefr_reached"]
    enrolment.certificate_issued_on = values["certificate_issued_on"]
    enrolment.outcome_note = (note or "").strip()
    enrolment.outcome_by = actor
    save_if_version(
        enrolment,
        expected_version=expected_version,
        fields=[
            "status",
            "outcome_on",
            "final_attendance_pct",
            "cefr_reached",
            "certificate_issued_on",
            "outcome_note",
            "outcome_by",
        ],
    )
    profile = _update_profile(actor, case, course, enrolment) if outcome == "completed" else {}
    record(
        actor=actor,
        action="training.enrolment.outcome",
        target=enrolment,
        changes={"status": (EnrolmentStatus.ENROLLED, outcome)},
        data={
            "case": case.pk,
            "course": course.pk,
            "attendance_pct": pct,
            "cefr_reached": values["cefr_reached"],
            "profile": profile,
        },
        node_id=case.hub_id,
    )
    return enrolment
