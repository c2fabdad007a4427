"""Writes of placements: place a person in a bed, extend, move, end, cancel.

Every write keeps the placement's `BedNight` rows in step with its dates (booking.py): one row
per night, unique per bed and per person, so the database refuses any double booking.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from approdo.accounts.models import User
from approdo.audit.services import record
from approdo.cases.models import Case
from approdo.cases.permissions import permissions_for
from approdo.core.concurrency import save_if_version
from approdo.housing.booking import check_bed, check_period, release_from, take_nights
from approdo.housing.models import (
    Bed,
    ExitReason,
    Placement,
    PlacementStatus,
)
from approdo.housing.nights import nights_between
from approdo.people.models import Person
from approdo.plans.models import Goal


def _today() -> dt.date:
    return timezone.localdate()


def _status_for(starts_on: dt.date) -> str:
    return PlacementStatus.PLANNED if starts_on > _today() else PlacementStatus.ACTIVE


def place(
    *,
    actor: User,
    case: Case,
    bed: Bed,
    starts_on: dt.date,
    ends_on: dt.date,
    goal: Goal | None = None,
    previous: Placement | None = None,
) -> Placement:
    """Write a placement and its nights; the caller has checked permissions and is atomic."""
    if case.person_id is None:
        raise ValidationError(_("Registra prima la persona."), code="needs_person")
    if goal is not None and goal.plan_version.plan.case_id != case.pk:
        raise ValidationError({"goal": _("L'obiettivo non è del PAI di questo caso.")})
    check_period(starts_on, ends_on)
    person = Person.objects.get(pk=case.person_id)
    bed = Bed.objects.select_related("room__site").get(pk=bed.pk)
    check_bed(case=case, person=person, bed=bed, first=starts_on, last=ends_on)
    placement = Placement.objects.create(
        case=case,
        person=person,
        bed=bed,
        goal=goal,
        starts_on=starts_on,
        ends_on=ends_on,
        planned_ends_on=ends_on,
        status=_status_for(starts_on),
        previous=previous,
        created_by=actor,
    )
    take_nights(placement, nights_between(starts_on, ends_on))
    return placement


@transaction.atomic
def placement_create(
    *,
    actor: User,
    case: Case,
    bed: Bed,
    starts_on: dt.date,
    ends_on: dt.date,
    goal: Goal | None = None,
) -> Placement:
    """The coordinator of the case's hub places the person in a free bed of the hub."""
    perms = permissions_for(actor, case)
    if not (perms.is_coordinator and case.is_open):
        raise PermissionDenied
    placement = place(
        actor=actor, case=case, bed=bed, starts_on=starts_on, ends_on=ends_on, goal=goal
    )
    record(
        actor=actor,
        action="housing.placement.created",
        target=placement,
        data={"bed": bed.pk, "starts_on": starts_on, "ends_on": ends_on},
        node_id=case.hub_id,
    )
    return placement


def _editable(actor: User, placement: Placement, *, coordinator: bool = False) -> None:
    perms = permissions_for(actor, placement.case)
    allowed = perms.is_coordinator and placement.case.is_open if coordinator else perms.can_edit
    if not allowed:
        raise PermissionDenied
    if not placement.is_open:
        raise ValidationError(_("L'inserimento è già concluso o annullato."), code="closed")


@transaction.atomic
def placement_extend(
    *, actor: User, placement: Placement, ends_on: dt.date, expected_version: int
) -> Placement:
    """Push the last night later: the new nights must be free in the same bed."""
    _editable(actor, placement)
    if ends_on <= placement.ends_on:
        raise ValidationError(
            {
                "ends_on": _("Per prorogare scegli un'ultima notte dopo il %(day)s.")
                % {"day": f"{placement.ends_on:%d/%m/%Y}"}
            },
            code="not_later",
        )
    check_period(placement.starts_on, ends_on)
    bed = Bed.objects.select_related("room__site").get(pk=placement.bed_id)
    site = bed.room.site
    if not site.is_available(placement.starts_on, ends_on):
        raise ValidationError(
            {
                "ends_on": _("%(site)s chiude il %(end)s: non si può prorogare oltre.")
                % {"site": site, "end": f"{site.available_until:%d/%m/%Y}"}
            },
            code="outside_period",
        )
    before = placement.ends_on
    placement.ends_on = ends_on
    save_if_version(placement, expected_version=expected_version, fields=["ends_on"])
    take_nights(placement, nights_between(before + dt.timedelta(days=1), ends_on))
    record(
        actor=actor,
        action="housing.placement.extended",
        target=placement,
        changes={"ends_on": (before, ends_on)},
        node_id=placement.case.hub_id,
    )
    return placement


@transaction.atomic
def placement_move(
    *,
    actor: User,
    placement: Placement,
    bed: Bed,
    from_day: dt.date,
    expected_version: int,
) -> Placement:
    """Move to another bed from a night: the current placement ends the night before, a new
    one (linked to it) runs to the same last night in the new bed."""
    _editable(actor, placement, coordinator=True)
    if bed.pk == placement.bed_id:
        raise ValidationError({"bed": _("Scegli un posto letto diverso da quello attuale.")})
    if not placement.starts_on < from_day <= placement.ends_on:
        raise ValidationError(
            {
                "from_day": _(
                    "Lo spostamento va dal giorno dopo l'ingresso (%(start)s) all'ultima notte "
                    "(%(end)s)."
                )
                % {
                    "start": f"{placement.starts_on:%d/%m/%Y}",
                    "end": f"{placement.ends_on:%d/%m/%Y}",
                }
            },
            code="move_day",
        )
    old_end = placement.ends_on
    placement.ends_on = from_day - dt.timedelta(days=1)
    placement.status = PlacementStatus.ENDED
    save_if_version(placement, expected_version=expected_version, fields=["ends_on", "status"])
    release_from(placement, from_day)
    moved = place(
        actor=actor,
        case=placement.case,
        bed=bed,
        starts_on=from_day,
        ends_on=old_end,
        goal=placement.goal,
        previous=placement,
    )
    record(
        actor=actor,
        action="housing.placement.moved",
        target=moved,
        data={"from_bed": placement.bed_id, "to_bed": bed.pk, "from_day": from_day},
        node_id=placement.case.hub_id,
    )
    return moved


@transaction.atomic
def placement_end(
    *,
    actor: User,
    placement: Placement,
    last_night: dt.date,
    exit_reason: ExitReason,
    note: str,
    expected_version: int,
) -> Placement:
    """Exit: the person leaves after `last_night`; the nights after it are freed."""
    _editable(actor, placement)
    if not placement.starts_on <= last_night <= placement.ends_on:
        raise ValidationError(
            {
                "last_night": _(
                    "L'ultima notte va dal %(start)s al %(end)s; prima dell'ingresso si annulla."
                )
                % {
                    "start": f"{placement.starts_on:%d/%m/%Y}",
                    "end": f"{placement.ends_on:%d/%m/%Y}",
                }
            },
            code="exit_day",
        )
    if not exit_reason.active:
        raise ValidationError({"exit_reason": _("Motivo di uscita non più in uso.")})
    before = placement.ends_on
    placement.ends_on = last_night
    placement.status = PlacementStatus.ENDED
    placement.exit_reason = exit_reason
    placement.exit_note = note.strip()
    save_if_version(
        placement,
        expected_version=expected_version,
        fields=["ends_on", "status", "exit_reason", "exit_note"],
    )
    release_from(placement, last_night + dt.timedelta(days=1))
    record(
        actor=actor,
        action="housing.placement.ended",
        target=placement,
        changes={"ends_on": (before, last_night)},
        data={"exit_reason": exit_reason.code},
        node_id=placement.case.hub_id,
    )
    return placement


@transaction.atomic
def placement_cancel(
    *, actor: User, placement: Placement, note: str, expected_version: int
) -> Placement:
    """A placement that has not started yet is cancelled, with a reason; its nights free."""
    _editable(actor, placement)
    if placement.starts_on <= _today():
        raise ValidationError(
            _("L'inserimento è già iniziato: registra l'uscita invece di annullarlo."),
            code="started",
        )
    if not note.strip():
        raise ValidationError({"note": _("Indica il motivo dell'annullamento.")})
    placement.status = PlacementStatus.CANCELLED
    placement.exit_note = note.strip()
    save_if_version(placement, expected_version=expected_version, fields=["status", "exit_note"])
    release_from(placement, placement.starts_on)
    record(
        actor=actor,
        action="housing.placement.cancelled",
        target=placement,
        node_id=placement.case.hub_id,
    )
    return placement
