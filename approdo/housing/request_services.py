"""Writes of the waiting list: a case worker asks for a bed, the hub's coordinator places the
request into a free bed (which writes the placement), or the request is withdrawn."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from approdo.accounts.models import User
from approdo.audit.services import record
from approdo.cases.models import Case
from approdo.cases.permissions import permissions_for
from approdo.core.concurrency import save_if_version
from approdo.housing.models import Bed, HousingRequest, Placement, RequestStatus, RoomGender
from approdo.housing.services import place
from approdo.plans.models import Goal


@transaction.atomic
def request_create(
    *,
    actor: User,
    case: Case,
    desired_from: dt.date,
    needs_accessible: bool = False,
    room_gender: str = RoomGender.ANY,
    notes: str = "",
) -> HousingRequest:
    """Put the person of a case on the waiting list of the case's hub (one waiting request
    per person)."""
    if not permissions_for(actor, case).can_edit:
        raise PermissionDenied
    if case.person_id is None:
        raise ValidationError(_("Registra prima la persona."), code="needs_person")
    if room_gender not in RoomGender.values:
        raise ValidationError({"room_gender": _("Scelta non valida.")})
    waiting = HousingRequest.objects.filter(person_id=case.person_id, status=RequestStatus.WAITING)
    if waiting.exists():
        raise ValidationError(
            _("La persona è già in lista d'attesa per un posto letto."), code="already_waiting"
        )
    try:
        with transaction.atomic():
            request = HousingRequest.objects.create(
                case=case,
                person_id=case.person_id,
                hub_id=case.hub_id,
                desired_from=desired_from,
                needs_accessible=needs_accessible,
                room_gender=room_gender,
                notes=notes.strip(),
                requested_by=actor,
            )
    except IntegrityError as exc:  # a colleague asked at the same moment
        raise ValidationError(
            _("La persona è già in lista d'attesa per un posto letto."), code="already_waiting"
        ) from exc
    record(
        actor=actor,
        action="housing.request.created",
        target=request,
        data={"desired_from": desired_from, "accessible": needs_accessible},
        node_id=case.hub_id,
    )
    return request


def _waiting(request: HousingRequest) -> None:
    if request.status != RequestStatus.WAITING:
        raise ValidationError(
            _("La richiesta non è più in lista d'attesa (%(status)s).")
            % {"status": request.get_status_display().lower()},
            code="not_waiting",
        )


@transaction.atomic
def request_withdraw(
    *, actor: User, request: HousingRequest, reason: str, expected_version: int
) -> HousingRequest:
    """Take a request off the waiting list, saying why."""
    if not permissions_for(actor, request.case).can_edit:
        raise PermissionDenied
    _waiting(request)
    if not reason.strip():
        raise ValidationError({"reason": _("Indica il motivo del ritiro.")})
    request.status = RequestStatus.WITHDRAWN
    request.withdraw_reason = reason.strip()
    request.decided_at = timezone.now()
    save_if_version(
        request,
        expected_version=expected_version,
        fields=["status", "withdraw_reason", "decided_at"],
    )
    record(
        actor=actor,
        action="housing.request.withdrawn",
        target=request,
        changes={"status": (RequestStatus.WAITING, RequestStatus.WITHDRAWN)},
        node_id=request.hub_id,
    )
    return request


@transaction.atomic
def request_place(
    *,
    actor: User,
    request: HousingRequest,
    bed: Bed,
    starts_on: dt.date,
    ends_on: dt.date,
    expected_version: int,
    goal: Goal | None = None,
) -> Placement:
    """The coordinator of the hub places a waiting request into a free bed."""
    case = request.case
    if not (permissions_for(actor, case).is_coordinator and case.is_open):
        raise PermissionDenied
    _waiting(request)
    if request.needs_accessible and not bed.accessible:
        raise ValidationError(
            {
                "bed": _("La richiesta chiede un posto letto accessibile: %(bed)s non lo è.")
                % {"bed": bed}
            },
            code="not_accessible",
        )
    placement = place(
        actor=actor, case=case, bed=bed, starts_on=starts_on, ends_on=ends_on, goal=goal
    )
    request.status = RequestStatus.PLACED
    request.placement = placement
    request.decided_at = timezone.now()
    save_if_version(
        request,
        expected_version=expected_version,
        fields=["status", "placement", "decided_at"],
    )
    record(
        actor=actor,
        action="housing.placement.created",
        target=placement,
        data={"bed": bed.pk, "starts_on": starts_on, "ends_on": ends_on, "request": request.pk},
        node_id=case.hub_id,
    )
    return placement
