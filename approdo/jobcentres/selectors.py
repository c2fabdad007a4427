"""Reads of job centres, registrations and appointments.

Job centres are reference data of the whole network: every member of staff with a place reads
them (monitors and the helpdesk included); someone without a place gets a 403. People's rows
are reached through cases: on a case page through `case_read` (scoped and logged), on the
job-centre pages only for the cases the viewer works on (`readable_cases`: on the team now,
coordinator of the hub, open emergency access), as counts and as upcoming appointments.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from approdo.accounts.access import access_for
from approdo.accounts.models import User
from approdo.cases.models import BreakGlassAccess, Case, CaseTeamMember
from approdo.cases.permissions import CasePermissions, Level, coordinated_hub_ids
from approdo.jobcentres.models import (
    Appointment,
    AppointmentStatus,
    DidStatus,
    JobCentre,
    Registration,
)
from approdo.people.models import Person

UPCOMING_DAYS = 14


# --- job centres --------------------------------------------------------------------------------
def can_read(user: User) -> bool:
    ids = access_for(user).internal_node_ids
    return ids is None or bool(ids)


def require_read(user: User) -> None:
    if not can_read(user):
        raise PermissionDenied


def job_centre_list(
    *,
    user: User,
    region_id: int | None = None,
    province_id: int | None = None,
    include_inactive: bool = False,
) -> QuerySet[JobCentre]:
    """The network's CPIs, filtered, each with `served` (how many municipalities)."""
    require_read(user)
    rows = JobCentre.objects.select_related("province__region", "municipality")
    if not include_inactive:
        rows = rows.filter(active=True)
    if region_id:
        rows = rows.filter(province__region_id=region_id)
    if province_id:
        rows = rows.filter(province_id=province_id)
    return rows.annotate(served=Count("areas")).order_by(
        "province__region__name", "province__name", "name", "pk"
    )


def job_centre_get(*, user: User, pk: int) -> JobCentre:
    require_read(user)
    centre = (
        JobCentre.objects.select_related("province__region", "municipality").filter(pk=pk).first()
    )
    if centre is None:
        raise Http404
    return centre


def served_municipalities(centre: JobCentre) -> QuerySet[Any]:
    return centre.municipalities.order_by("name")


def suggested_job_centre(person: Person | None) -> JobCentre | None:
    """The active CPI that serves the person's municipality of domicile, if one does."""
    if person is None or person.municipality_id is None:
        return None
    return (
        JobCentre.objects.filter(active=True, areas__municipality_id=person.municipality_id)
        .select_related("province")
        .first()
    )


# --- people, through the cases the viewer works on ----------------------------------------------
def readable_cases(user: User) -> QuerySet[Case]:
    """Cases whose data the user reads in full: on the team now, coordinator of the case's
    hub, or an open emergency access. Monitors and the helpdesk get none."""
    if not access_for(user).can_see_person_data:
        return Case.objects.none()
    on_team = CaseTeamMember.objects.filter(case=OuterRef("pk"), user=user, until__isnull=True)
    glass = BreakGlassAccess.objects.filter(
        case=OuterRef("pk"), user=user, expires_at__gt=timezone.now()
    )
    return Case.objects.filter(
        Q(hub_id__in=coordinated_hub_ids(user)) | Exists(on_team) | Exists(glass)
    )


def registered_counts(*, user: User) -> dict[int, int]:
    """Per CPI id: the people of the user's readable cases with an active DID there."""
    people = readable_cases(user).filter(person__isnull=False).values("person_id")
    rows = (
        Registration.objects.filter(did_status=DidStatus.REGISTERED, person_id__in=people)
        .values("job_centre_id")
        .annotate(n=Count("person_id", distinct=True))
        .values_list("job_centre_id", "n")
    )
    return dict(rows)


def upcoming_appointments(
    *,
    user: User,
    job_centre_id: int | None = None,
    days: int = UPCOMING_DAYS,
    now: dt.datetime | None = None,
) -> QuerySet[Appointment]:
    """Scheduled appointments of the user's readable cases from now to `days` ahead."""
    start = now or timezone.now()
    rows = Appointment.objects.filter(
        case__in=readable_cases(user),
        status=AppointmentStatus.SCHEDULED,
        starts_at__gte=start,
        starts_at__lt=start + dt.timedelta(days=days),
    )
    if job_centre_id:
        rows = rows.filter(job_centre_id=job_centre_id)
    return rows.select_related("case__person", "job_centre", "accompanied_by").order_by(
        "starts_at", "pk"
    )


# --- one case (the caller has read it through case_read) ----------------------------------------
def case_registration(case: Case) -> Registration | None:
    if case.person_id is None:
        return None
    return (
        Registration.objects.filter(person_id=case.person_id)
        .select_related("job_centre__province", "updated_by")
        .first()
    )


def case_appointments(perms: CasePermissions) -> QuerySet[Appointment]:
    """The case's appointments; someone who worked on it before a transfer sees those
    fixed from their node only."""
    rows = Appointment.objects.filter(case=perms.case).select_related(
        "job_centre", "accompanied_by", "closed_by"
    )
    nodes = perms.visible_node_ids()
    if perms.level < Level.FULL and nodes is not None:
        rows = rows.filter(node_id__in=nodes)
    return rows.order_by("-starts_at", "-pk")


def next_appointment(case: Case, *, now: dt.datetime | None = None) -> Appointment | None:
    return (
        Appointment.objects.filter(
            case=case, status=AppointmentStatus.SCHEDULED, starts_at__gte=now or timezone.now()
        )
        .select_related("job_centre")
        .order_by("starts_at", "pk")
        .first()
    )


def case_summary(case: Case) -> dict[str, Any]:
    """What the case's "Lavoro" tab shows of the job centre: the CPI (or the one suggested by
    the municipality), the DID status and date, the next appointment. The caller has read
    the case through case_read."""
    registration = case_registration(case)
    centre = registration.job_centre if registration is not None else None
    return {
        "case": case,
        "registration": registration,
        "job_centre": centre,
        "suggested": None if centre is not None else suggested_job_centre(case.person),
        "next_appointment": next_appointment(case),
    }


def case_team_users(case: Case) -> QuerySet[User]:
    """Who is on the case's team now (who may accompany the person)."""
    return (
        User.objects.filter(case_teams__case=case, case_teams__until__isnull=True)
        .distinct()
        .order_by("last_name", "first_name", "pk")
    )
