"""Reads of employers and vacancies, and who may read and write them.

Employers and vacancies are shared across the network: they are not people's records, so every
member of staff with a place (node, managing body, region or programme-wide role; monitors and
the helpdesk included) reads all of them. Someone without a place gets a 403. Writes are for hub
staff: case workers and hub coordinators at their nodes, and system administrators. A vacancy
is edited by the staff of the node that registered it; an employer by any writer (the record
is common to the network and every change is audited).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import (
    BooleanField,
    ExpressionWrapper,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
)
from django.http import Http404
from django.utils import timezone

from approdo.accounts.access import access_for
from approdo.accounts.models import User
from approdo.accounts.roles import Role
from approdo.jobs.models import (
    Employer,
    EmployerQuerySet,
    Inspection,
    InspectionOutcome,
    Vacancy,
    VacancyLanguage,
    VacancyStatus,
    flagged_q,
)
from approdo.network.models import Node

# Roles that register and edit employers and vacancies.
WRITER_ROLES: frozenset[str] = frozenset(
    {Role.CASE_WORKER, Role.HUB_COORDINATOR, Role.SYSTEM_ADMIN}
)
# Roles that may clear a 603-bis conviction recorded on an employer (recording one is open to
# every writer: a safety flag must be easy to raise and hard to drop).
CONVICTION_CLEARING_ROLES: frozenset[str] = frozenset({Role.HUB_COORDINATOR, Role.SYSTEM_ADMIN})


# --- permissions --------------------------------------------------------------------------------
def can_read(user: User) -> bool:
    ids = access_for(user).internal_node_ids
    return ids is None or bool(ids)


def require_read(user: User) -> None:
    if not can_read(user):
        raise PermissionDenied


def writer_node_ids(user: User) -> frozenset[int] | None:
    """Nodes whose vacancies the user may edit (a hub's writers cover its spokes); None = all."""
    access = access_for(user)
    grants = [g for g in access.grants if g.role in WRITER_ROLES]
    if any(g.is_programme_wide for g in grants):
        return None
    ids = {g.node_id for g in grants if g.node_id is not None}
    if not ids:
        return frozenset()
    spokes = Node.objects.filter(parent_hub_id__in=ids).values_list("pk", flat=True)
    return frozenset(ids | set(spokes))


def can_write(user: User) -> bool:
    access = access_for(user)
    return any(g.role in WRITER_ROLES for g in access.grants)


def require_write(user: User) -> None:
    require_read(user)
    if not can_write(user):
        raise PermissionDenied


def home_node_id(user: User) -> int | None:
    """The node a writer's registrations are filed under (their first writer membership)."""
    ids = sorted(g.node_id for g in access_for(user).grants if g.role in WRITER_ROLES and g.node_id)
    return ids[0] if ids else None


def can_clear_conviction(user: User) -> bool:
    return bool(access_for(user).roles & CONVICTION_CLEARING_ROLES) or user.is_superuser


def can_edit_vacancy(user: User, vacancy: Vacancy) -> bool:
    if not can_write(user):
        return False
    ids = writer_node_ids(user)
    return ids is None or vacancy.registered_at_id is None or vacancy.registered_at_id in ids


# --- employers ----------------------------------------------------------------------------------
def _with_flags(qs: EmployerQuerySet, today: dt.date) -> Any:
    last_outcome = (
        Inspection.objects.filter(employer=OuterRef("pk"))
        .exclude(outcome=InspectionOutcome.PENDING)
        .order_by("-inspected_on", "-pk")
        .values("outcome")[:1]
    )
    return qs.annotate(
        flagged=ExpressionWrapper(flagged_q(today), output_field=BooleanField()),
        last_outcome=Subquery(last_outcome),
    )


def employer_list(
    *,
    user: User,
    sector: str = "",
    rete_member: bool | None = None,
    flagged: bool | None = None,
    q: str = "",
    today: dt.date | None = None,
) -> QuerySet[Employer]:
    """Employers of the network, filtered; each row carries `flagged` and `last_outcome`."""
    require_read(user)
    day = today or timezone.localdate()
    qs: EmployerQuerySet = Employer.objects.select_related("agreement", "registered_at")
    if sector:
        qs = qs.filter(sector=sector)
    if rete_member is not None:
        qs = qs.filter(rete_member=rete_member)
    if flagged is True:
        qs = qs.flagged(day)
    elif flagged is False:
        qs = qs.unflagged(day)
    for word in q.split():
        qs = qs.filter(Q(legal_name__icontains=word) | Q(vat_number__startswith=word))
    return _with_flags(qs, day).order_by("legal_name", "pk")


def employer_get(*, user: User, pk: int) -> Employer:
    require_read(user)
    employer = (
        Employer.objects.select_related("agreement", "registered_at", "created_by")
        .prefetch_related("sites__municipality__province", "agreement__rates")
        .filter(pk=pk)
        .first()
    )
    if employer is None:
        raise Http404
    return employer


def employer_inspections(employer: Employer) -> QuerySet[Inspection]:
    return employer.inspections.select_related("recorded_by").order_by("-inspected_on", "-pk")


# --- vacancies ----------------------------------------------------------------------------------
def _vacancies() -> QuerySet[Vacancy]:
    languages = Prefetch("languages", queryset=VacancyLanguage.objects.select_related("language"))
    return Vacancy.objects.select_related(
        "employer",
        "employer__agreement",
        "site__municipality__province__region",
        "occupation",
        "agreement_rate__agreement",
        "registered_at",
    ).prefetch_related(languages)


def vacancy_list(
    *,
    user: User,
    occupation: str = "",
    region_id: int | None = None,
    province_id: int | None = None,
    status: str = "",
    open_only: bool = False,
    exclude_flagged: bool = False,
    employer_id: int | None = None,
    today: dt.date | None = None,
) -> QuerySet[Vacancy]:
    """Vacancies of the network, filtered. `occupation` is an ISCO code or its prefix;
    `open_only` keeps open vacancies that have not ended; each row carries `flagged`."""
    require_read(user)
    day = today or timezone.localdate()
    qs = _vacancies()
    if occupation:
        qs = qs.filter(occupation__code__startswith=occupation)
    if region_id:
        qs = qs.filter(site__municipality__province__region_id=region_id)
    if province_id:
        qs = qs.filter(site__municipality__province_id=province_id)
    if status:
        qs = qs.filter(status=status)
    if open_only:
        qs = qs.filter(status=VacancyStatus.OPEN, ends_on__gte=day)
    if exclude_flagged:
        qs = qs.exclude(flagged_q(day, prefix="employer__"))
    if employer_id:
        qs = qs.filter(employer_id=employer_id)
    flagged = ExpressionWrapper(flagged_q(day, prefix="employer__"), output_field=BooleanField())
    return qs.annotate(flagged=flagged).order_by("-starts_on", "-pk")


def vacancy_get(*, user: User, pk: int) -> Vacancy:
    require_read(user)
    vacancy = _vacancies().filter(pk=pk).first()
    if vacancy is None:
        raise Http404
    return vacancy


def matchable_vacancies(*, user: User | None = None, today: dt.date | None = None) -> Any:
    """The vacancies matching may propose: open, not yet ended, paying at least the current
    minimum of their agreement level, from employers that are not flagged (603-bis conviction,
    farm outside the Rete, Rete membership not re-checked within 12 months). A flagged
    employer's vacancy is never here: it is shown to people with its flag instead.

    `user` (when given) must be allowed to read vacancies; background jobs pass none.
    """
    if user is not None:
        require_read(user)
    day = today or timezone.localdate()
    return (
        _vacancies()
        .filter(
            status=VacancyStatus.OPEN,
            ends_on__gte=day,
            gross_hourly_pay__gte=F("agreement_rate__minimum_hourly_pay"),
        )
        .exclude(flagged_q(day, prefix="employer__"))
        .order_by("starts_on", "pk")
    )


def to_matching(vacancy: Vacancy, today: dt.date | None = None) -> Any:
    """The vacancy as the matching engine sees it (approdo.jobs.matching_fit.Vacancy); the site's
    coordinates, or its municipality's when the site has none."""
    from approdo.jobs.matching_fit import Vacancy as MatchingVacancy

    site = vacancy.site
    lat = site.latitude if site.latitude is not None else site.municipality.latitude
    lon = site.longitude if site.longitude is not None else site.municipality.longitude
    employer = vacancy.employer
    reasons = employer.flag_reasons(today)
    return MatchingVacancy(
        id=vacancy.pk,
        employer_id=employer.pk,
        occupation=vacancy.occupation.code,
        site=(float(lat), float(lon)),
        start=vacancy.starts_on,
        end=vacancy.ends_on,
        hours_per_week=vacancy.hours_per_week,
        seats=vacancy.seats,
        required_languages={row.language.code: row.min_level for row in vacancy.languages.all()},
        sector=employer.sector,
        housing_offered=vacancy.housing_offered,
        transport_offered=vacancy.transport_offered,
        employer_flagged=bool(reasons),
        flag_reason="; ".join(reasons),
    )
