"""Writes of a case's orientation sessions and skills assessments (enrolments are in
training.enrolments). Only the case's team and the hub's coordinator, while the case is open;
each write is atomic and audited under the case's hub.

Rules: dates are not in the future; who led a session or assessed is a member of staff with an
active account; a session covers at least one topic; an assessment rates areas on the simple
scale, recommends ISCO-08 unit groups and course kinds, and a recognition of a foreign
qualification names it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from approdo.accounts.models import User
from approdo.audit.services import record
from approdo.cases.models import Case
from approdo.cases.permissions import permissions_for
from approdo.core.concurrency import save_if_version
from approdo.jobs.models import Occupation
from approdo.training.models import (
    MAX_ORIENTATION_MINUTES,
    SKILL_AREAS,
    AssessmentMethod,
    CourseKind,
    OrientationKind,
    OrientationSession,
    OrientationTopic,
    SkillLevel,
    SkillsAssessment,
)

ITALIAN = "it"
ORIENTATION_FIELDS = (
    "held_on",
    "kind",
    "led_by",
    "duration_minutes",
    "topics",
    "notes",
    "next_steps",
)


def _today() -> dt.date:
    return timezone.localdate()


def require_case_edit(actor: User, case: Case) -> None:
    """The actor works on the case (team or coordinator, case open) and its person is known."""
    if not permissions_for(actor, case).can_edit:
        raise PermissionDenied
    if case.person_id is None:
        raise ValidationError(_("Registra prima la persona."), code="needs_person")


def not_future(day: object, field: str, errors: dict[str, list[str]]) -> None:
    if not isinstance(day, dt.date):
        errors[field] = [_("Indica la data.")]
    elif day > _today():
        errors[field] = [_("La data non può essere nel futuro.")]


def _staff(user: object, field: str, errors: dict[str, list[str]]) -> None:
    if not isinstance(user, User) or not user.is_active:
        errors[field] = [_("Scegli un operatore o un'operatrice con un account attivo.")]


# --- orientation --------------------------------------------------------------------------------
def _orientation_values(values: dict[str, Any]) -> dict[str, Any]:
    errors: dict[str, list[str]] = {}
    data = {name: values.get(name) for name in ORIENTATION_FIELDS}
    not_future(data["held_on"], "held_on", errors)
    if data["kind"] not in OrientationKind.values:
        errors["kind"] = [_("Scegli se la sessione è individuale o di gruppo.")]
    _staff(data["led_by"], "led_by", errors)
    minutes = data["duration_minutes"]
    if not isinstance(minutes, int) or not 5 <= minutes <= MAX_ORIENTATION_MINUTES:
        errors["duration_minutes"] = [
            _("La durata va da 5 a %(most)s minuti.") % {"most": MAX_ORIENTATION_MINUTES}
        ]
    topics = list(data["topics"] or [])
    if not topics:
        errors["topics"] = [_("Scegli almeno un argomento trattato.")]
    elif any(t not in OrientationTopic.values for t in topics):
        errors["topics"] = [_("Argomento non valido.")]
    else:
        data["topics"] = sorted(set(topics), key=OrientationTopic.values.index)
    data["notes"] = (data["notes"] or "").strip()
    data["next_steps"] = (data["next_steps"] or "").strip()
    if errors:
        raise ValidationError(errors)
    return data


@transaction.atomic
def orientation_create(*, actor: User, case: Case, **values: Any) -> OrientationSession:
    """Record an orientation session (fields: ORIENTATION_FIELDS); at least one topic."""
    require_case_edit(actor, case)
    data = _orientation_values(values)
    session = OrientationSession.objects.create(case=case, recorded_by=actor, **data)
    record(
        actor=actor,
        action="training.orientation.created",
        target=session,
        changes={name: (None, getattr(session, name)) for name in ORIENTATION_FIELDS},
        data={"case": case.pk},
        node_id=case.hub_id,
    )
    return session


@transaction.atomic
def orientation_update(
    *, actor: User, session: OrientationSession, expected_version: int, **values: Any
) -> OrientationSession:
    """Correct an orientation session at the version the user read."""
    case = session.case
    require_case_edit(actor, case)
    data = _orientation_values(values)
    stored = OrientationSession.objects.get(pk=session.pk)
    changes = {
        name: (getattr(stored, name), value)
        for name, value in data.items()
        if getattr(stored, name) != value
    }
    for name, value in data.items():
        setattr(session, name, value)
    save_if_version(session, expected_version=expected_version, fields=list(ORIENTATION_FIELDS))
    record(
        actor=actor,
        action="training.orientation.updated",
        target=session,
        changes=changes,
        data={"case": case.pk},
        node_id=case.hub_id,
    )
    return session


# --- skills assessment --------------------------------------------------------------------------
@transaction.atomic
def assessment_create(
    *,
    actor: User,
    case: Case,
    assessed_on: dt.date,
    method: str,
    assessed_by: User,
    summary: str,
    qualification: str = "",
    recommended_occupations: Iterable[Occupation] = (),
    recommended_course_kinds: Iterable[str] = (),
    **levels: int | None,
) -> SkillsAssessment:
    """Record a skills assessment: levels per area (SKILL_AREAS, 0–3 or None when not rated),
    ISCO-08 unit groups and course kinds recommended, a summary. A recognition of a foreign
    qualification names the qualification."""
    require_case_edit(actor, case)
    errors: dict[str, list[str]] = {}
    not_future(assessed_on, "assessed_on", errors)
    _staff(assessed_by, "assessed_by", errors)
    if method not in AssessmentMethod.values:
        errors["method"] = [_("Metodo non valido.")]
    summary, qualification = (summary or "").strip(), (qualification or "").strip()
    if not summary:
        errors["summary"] = [_("Scrivi una sintesi della valutazione.")]
    if method == AssessmentMethod.RECOGNITION and not qualification:
        errors["qualification"] = [_("Indica il titolo estero da riconoscere.")]
    areas = {field for field, _label in SKILL_AREAS}
    unknown = set(levels) - areas
    if unknown:
        raise TypeError(f"unknown skill areas: {sorted(unknown)}")
    for field, value in levels.items():
        if value is not None and value not in SkillLevel.values:
            errors[field] = [_("Livello non valido.")]
    occupations = list(recommended_occupations)
    if any(o.level != 4 for o in occupations):
        errors["recommended_occupations"] = [
            _("Scegli gruppi unitari ISCO-08 (codici di 4 cifre).")
        ]
    kinds = list(recommended_course_kinds)
    if any(k not in CourseKind.values for k in kinds):
        errors["recommended_course_kinds"] = [_("Tipo di corso non valido.")]
    if errors:
        raise ValidationError(errors)
    assessment = SkillsAssessment.objects.create(
        case=case,
        assessed_on=assessed_on,
        method=method,
        assessed_by=assessed_by,
        summary=summary,
        qualification=qualification,
        recommended_course_kinds=sorted(set(kinds), key=CourseKind.values.index),
        recorded_by=actor,
        **levels,
    )
    assessment.recommended_occupations.set(occupations)
    record(
        actor=actor,
        action="training.assessment.created",
        target=assessment,
        data={
            "case": case.pk,
            "method": method,
            "levels": {k: v for k, v in levels.items() if v is not None},
            "occupations": sorted(o.code for o in occupations),
        },
        node_id=case.hub_id,
    )
    return assessment
