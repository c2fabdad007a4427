"""Writes about the people of a project: joining from their case, leaving with an outcome, and
the activities they attended. Each is atomic, checked and audited.

Joining and leaving are the case team's acts (CasePermissions.can_edit: the team and the
hub's coordinator), so a hub's people can take part in another hub's project without that
hub reading their case. Activities are the lead hub's: its staff record what was done and
who of the project's participants was there. One active participation per person and project:
checked here, and the database refuses a second one whatever two requests do at once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from approdo.accounts.models import User
from approdo.audit.services import record
from approdo.cases.models import Case
from approdo.cases.permissions import permissions_for
from approdo.core.concurrency import save_if_version
from approdo.socialfarming import permissions as perms
from approdo.socialfarming.models import (
    MAX_ACTIVITY_HOURS,
    MAX_WEEKLY_HOURS,
    Activity,
    ActivityKind,
    Attendance,
    Participant,
    ParticipantOutcome,
    ParticipantRole,
    PilotProject,
)


def _already_in() -> str:
    return _("Questa persona partecipa già al progetto.")


def _in_period(
    project: PilotProject, day: dt.date, field: str, errors: dict[str, list[str]]
) -> None:
    if day < project.starts_on:
        errors[field] = [
            _("Il progetto comincia il %(day)s.") % {"day": project.starts_on.strftime("%d/%m/%Y")}
        ]
    elif project.ends_on is not None and day > project.ends_on:
        errors[field] = [
            _("Il progetto finisce il %(day)s.") % {"day": project.ends_on.strftime("%d/%m/%Y")}
        ]


@transaction.atomic
def participant_add(
    *,
    actor: User,
    project: PilotProject,
    case: Case,
    role: str,
    hours_per_week: int,
    joined_on: dt.date,
) -> Participant:
    """Add the person of a case the actor may edit to a project that is not closed, from a
    day within the project's period; refused if they already take part."""
    perms.require_read(actor)
    perms.require_case_edit(actor, case)
    project = PilotProject.objects.select_for_update().get(pk=project.pk)
    if case.person_id is None:
        raise ValidationError({"case": _("Registra prima la persona.")}, code="needs_person")
    if project.is_closed:
        raise ValidationError(_("Il progetto è concluso: non si aggiunge più nessuno."))
    errors: dict[str, list[str]] = {}
    if role not in ParticipantRole.values:
        errors["role"] = [_("Ruolo non valido.")]
    if not isinstance(hours_per_week, int) or not 1 <= hours_per_week <= MAX_WEEKLY_HOURS:
        errors["hours_per_week"] = [
            _("Le ore settimanali vanno da 1 a %(max)s.") % {"max": MAX_WEEKLY_HOURS}
        ]
    _in_period(project, joined_on, "joined_on", errors)
    if Participant.objects.filter(
        project=project, person_id=case.person_id, left_on__isnull=True
    ).exists():
        errors["case"] = [_already_in()]
    if errors:
        raise ValidationError(errors)
    participant = Participant(
        project=project,
        case=case,
        person_id=case.person_id,
        node_id=case.hub_id,
        role=role,
        hours_per_week=hours_per_week,
        joined_on=joined_on,
        added_by=actor,
    )
    try:
        with transaction.atomic():
            participant.save()
    except IntegrityError as exc:  # a second request got there first
        raise ValidationError({"case": _already_in()}) from exc
    record(
        actor=actor,
        action="socialfarming.participant.added",
        target=participant,
        node_id=case.hub_id,
        data={"project": project.pk, "case": case.pk, "role": role, "joined_on": joined_on},
    )
    return participant


def can_end(actor: User, participant: Participant) -> bool:
    """The case's team and its hub's coordinator record the exit, even once the case is
    closed (people often leave a project when their case ends)."""
    case_perms = permissions_for(actor, participant.case)
    return case_perms.is_team_member or case_perms.is_coordinator


@transaction.atomic
def participant_end(
    *,
    actor: User,
    participant: Participant,
    expected_version: int,
    left_on: dt.date,
    outcome: str,
    note: str = "",
) -> Participant:
    """Record that the person left the project, when and with which outcome."""
    perms.require_read(actor)
    if not can_end(actor, participant):
        raise PermissionDenied
    stored = Participant.objects.get(pk=participant.pk)
    if stored.left_on is not None:
        raise ValidationError(_("La partecipazione è già conclusa."), code="ended")
    errors: dict[str, list[str]] = {}
    if outcome not in ParticipantOutcome.values:
        errors["outcome"] = [_("Scegli l'esito.")]
    if left_on < stored.joined_on:
        errors["left_on"] = [_("L'uscita viene prima dell'ingresso nel progetto.")]
    elif left_on > timezone.localdate():
        errors["left_on"] = [_("La data non può essere nel futuro.")]
    if errors:
        raise ValidationError(errors)
    participant.left_on = left_on
    participant.outcome = outcome
    participant.outcome_note = (note or "").strip()[:300]
    save_if_version(
        participant,
        expected_version=expected_version,
        fields=["left_on", "outcome", "outcome_note"],
    )
    record(
        actor=actor,
        action="socialfarming.participant.ended",
        target=participant,
        changes={"left_on": (None, left_on), "outcome": ("", outcome)},
        node_id=participant.node_id,
        data={"project": participant.project_id, "case": participant.case_id},
    )
    return participant


def active_on(project: PilotProject, day: dt.date) -> list[Participant]:
    """The project's participants taking part on `day`."""
    rows = project.participants.filter(joined_on__lte=day).exclude(left_on__lt=day)
    return list(rows.order_by("joined_on", "pk"))


@transaction.atomic
def activity_record(
    *,
    actor: User,
    project: PilotProject,
    on_date: dt.date,
    kind: str,
    hours: Decimal,
    description: str = "",
    attendees: Iterable[Participant] = (),
) -> Activity:
    """Record an activity of the project (not in the future, within its period) with who
    attended: participants of this project taking part on that day."""
    perms.require_write(actor, project)
    if project.is_closed:
        raise ValidationError(_("Il progetto è concluso: non si aggiunge più nulla."))
    errors: dict[str, list[str]] = {}
    if kind not in ActivityKind.values:
        errors["kind"] = [_("Tipo di attività non valido.")]
    if not Decimal(0) < hours <= MAX_ACTIVITY_HOURS:
        errors["hours"] = [
            _("Le ore devono essere più di zero e al massimo %(max)s.")
            % {"max": int(MAX_ACTIVITY_HOURS)}
        ]
    elif hours != hours.quantize(Decimal("0.1")):
        errors["hours"] = [_("Al massimo un decimale (mezz'ora: 0,5).")]
    if on_date > timezone.localdate():
        errors["on_date"] = [_("Si registrano le attività svolte: la data è nel futuro.")]
    else:
        _in_period(project, on_date, "on_date", errors)
    chosen = {p.pk: p for p in attendees}
    if "on_date" not in errors and chosen:
        allowed = {p.pk for p in active_on(project, on_date)}
        if set(chosen) - allowed:
            errors["attendees"] = [
                _("Si segnano presenti solo i partecipanti del progetto in quel giorno.")
            ]
    if errors:
        raise ValidationError(errors)
    activity = Activity.objects.create(
        project=project,
        on_date=on_date,
        kind=kind,
        hours=hours,
        description=(description or "").strip(),
        recorded_by=actor,
    )
    Attendance.objects.bulk_create(
        Attendance(activity=activity, participant_id=pk) for pk in sorted(chosen)
    )
    record(
        actor=actor,
        action="socialfarming.activity.recorded",
        target=activity,
        node_id=project.lead_hub_id,
        data={
            "project": project.pk,
            "kind": kind,
            "hours": hours,
            "attendees": sorted(chosen),
        },
    )
    return activity
