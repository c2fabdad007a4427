"""Reads of services delivered and appointments, always through the case's permissions."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet, Sum
from django.http import Http404
from django.utils import timezone

from approdo.accounts.models import User
from approdo.cases.models import Case
from approdo.cases.permissions import CasePermissions, coordinated_hub_ids
from approdo.cases.selectors import case_read
from approdo.cases.stages import Stage
from approdo.interventions.models import (
    Appointment,
    AppointmentStatus,
    ServiceDelivered,
    ServiceType,
)
from approdo.network.models import ServiceArea

SERVICE_DETAIL_PURPOSE = "interventions.service.detail"


def service_types(*, active_only: bool = True) -> QuerySet[ServiceType]:
    rows = ServiceType.objects.select_related("area")
    return rows.filter(active=True) if active_only else rows


def _visible(
    rows: QuerySet[ServiceDelivered], perms: CasePermissions
) -> QuerySet[ServiceDelivered]:
    node_ids = perms.visible_node_ids()
    return rows if node_ids is None else rows.filter(node_id__in=node_ids)


def case_services(
    perms: CasePermissions, *, area_id: int | None = None
) -> QuerySet[ServiceDelivered]:
    """The case's services the user may read (a past hub sees only what it wrote)."""
    rows = ServiceDelivered.objects.filter(case=perms.case).select_related(
        "service_type", "service_type__area", "operator", "mediator", "language", "node"
    )
    if area_id:
        rows = rows.filter(service_type__area_id=area_id)
    return _visible(rows, perms).order_by("-date", "-pk")


@dataclass(frozen=True)
class AreaTotal:
    area: ServiceArea
    count: int
    minutes: int

    @property
    def hours(self) -> float:
        return round(self.minutes / 60, 1)


def service_totals(perms: CasePermissions) -> list[AreaTotal]:
    """Count and time of the services not cancelled, by area, in the catalogue's order."""
    rows = (
        _visible(ServiceDelivered.objects.filter(case=perms.case), perms)
        .filter(cancelled_at__isnull=True)
        .values("service_type__area")
        .annotate(count=Count("pk"), minutes=Sum("duration_minutes"))
    )
    by_area = {r["service_type__area"]: r for r in rows}
    areas = ServiceArea.objects.filter(pk__in=by_area).order_by("position", "name_it")
    return [
        AreaTotal(area=a, count=by_area[a.pk]["count"], minutes=by_area[a.pk]["minutes"] or 0)
        for a in areas
    ]


def service_areas_of_case(perms: CasePermissions) -> QuerySet[ServiceArea]:
    """The areas the case has services in (the page's filter)."""
    ids = _visible(ServiceDelivered.objects.filter(case=perms.case), perms).values(
        "service_type__area"
    )
    return ServiceArea.objects.filter(pk__in=ids).order_by("position", "name_it")


def service_get(perms: CasePermissions, pk: int) -> ServiceDelivered:
    row = case_services(perms).filter(pk=pk).first()
    if row is None:
        raise Http404
    return row


def service_read(*, user: User, pk: int, purpose: str = SERVICE_DETAIL_PURPOSE) -> ServiceDelivered:
    """A service the user may read, by its id alone (the API's detail); the read is logged."""
    case_id = ServiceDelivered.objects.filter(pk=pk).values_list("case_id", flat=True).first()
    if case_id is None:
        raise Http404
    _case, perms = case_read(user=user, pk=case_id, purpose=purpose)
    return service_get(perms, pk)


def case_appointments(perms: CasePermissions) -> QuerySet[Appointment]:
    """The case's appointments the user may read."""
    rows = Appointment.objects.filter(case=perms.case).select_related(
        "operator", "language", "node"
    )
    node_ids = perms.visible_node_ids()
    return rows if node_ids is None else rows.filter(node_id__in=node_ids)


def split_appointments(
    perms: CasePermissions, *, now: dt.datetime | None = None
) -> tuple[list[Appointment], list[Appointment]]:
    """(upcoming or still to close, soonest first; past and closed, newest first)."""
    now = now or timezone.now()
    rows = list(case_appointments(perms))
    upcoming = [a for a in rows if a.status == AppointmentStatus.SCHEDULED and a.starts_at >= now]
    to_close = [a for a in rows if a.status == AppointmentStatus.SCHEDULED and a.starts_at < now]
    closed = [a for a in rows if a.status != AppointmentStatus.SCHEDULED]
    past = sorted(to_close + closed, key=lambda a: a.starts_at, reverse=True)
    return upcoming, past


def appointment_get(perms: CasePermissions, pk: int) -> Appointment:
    row = case_appointments(perms).filter(pk=pk).first()
    if row is None:
        raise Http404
    return row


def appointments_for_user(
    *, user: User, start: dt.datetime, end: dt.datetime
) -> QuerySet[Appointment]:
    """Scheduled appointments in [start, end) where the user is the professional ("My work").

    Only cases still open and on whose team the user still is (or which hub they coordinate):
    someone who left the team no longer sees the appointment.
    """
    on_team = Q(case__team__user=user, case__team__until__isnull=True)
    coordinated = Q(case__hub_id__in=coordinated_hub_ids(user))
    return (
        Appointment.objects.filter(
            operator=user,
            status=AppointmentStatus.SCHEDULED,
            starts_at__gte=start,
            starts_at__lt=end,
        )
        .exclude(case__stage=Stage.CLOSED)
        .filter(on_team | coordinated)
        .distinct()
        .select_related("case", "case__person", "language")
        .order_by("starts_at", "pk")
    )


def case_team_users(case: Case) -> QuerySet[User]:
    """Who is on the case's team now (the operator and mediator choices)."""
    return User.objects.filter(case_teams__case=case, case_teams__until__isnull=True).order_by(
        "last_name", "first_name", "pk"
    )
