"""Reads of plans, always through the case's scope (cases.selectors.case_read)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Prefetch, QuerySet
from django.http import Http404
from django.utils import timezone

from approdo.accounts.models import User
from approdo.cases.models import Case, CaseTeamMember
from approdo.cases.permissions import CasePermissions
from approdo.cases.selectors import case_read
from approdo.cases.stages import Stage
from approdo.plans.models import (
    Action,
    Goal,
    GoalReview,
    Plan,
    PlanReview,
    PlanVersion,
    VersionStatus,
)
from approdo.plans.pdf_labels import LABELS

CASE_PURPOSE = "plans.plan.detail"
PDF_PURPOSE = "plans.plan.pdf"
API_PURPOSE = "api.plans.plan.detail"


def _with_content(versions: QuerySet[PlanVersion]) -> QuerySet[PlanVersion]:
    actions = Action.objects.select_related("responsible").order_by("due_on", "pk")
    goals = Goal.objects.prefetch_related(Prefetch("actions", queryset=actions)).order_by(
        "order", "pk"
    )
    return versions.select_related("plan", "created_by", "approved_by", "node").prefetch_related(
        Prefetch("goals", queryset=goals)
    )


def plan_of(perms: CasePermissions) -> Plan | None:
    return Plan.objects.filter(case=perms.case).first()


def plan_versions(perms: CasePermissions) -> QuerySet[PlanVersion]:
    """The case's plan versions the user may read (newest first), with goals and actions."""
    rows = PlanVersion.objects.filter(plan__case=perms.case)
    node_ids = perms.visible_node_ids()
    if node_ids is not None:
        rows = rows.filter(node_id__in=node_ids)
    return _with_content(rows).order_by("-number")


def current_version(versions: list[PlanVersion]) -> PlanVersion | None:
    """The version being worked on: the open draft if any, else the approved one."""
    for status in (VersionStatus.DRAFT, VersionStatus.SUBMITTED, VersionStatus.APPROVED):
        for version in versions:
            if version.status == status:
                return version
    return versions[0] if versions else None


def approved_version(versions: list[PlanVersion]) -> PlanVersion | None:
    return next((v for v in versions if v.status == VersionStatus.APPROVED), None)


def plan_reviews(perms: CasePermissions) -> QuerySet[PlanReview]:
    rows = PlanReview.objects.filter(plan_version__plan__case=perms.case)
    node_ids = perms.visible_node_ids()
    if node_ids is not None:
        rows = rows.filter(node_id__in=node_ids)
    progress = GoalReview.objects.select_related("goal").order_by("goal__order", "goal__pk")
    return rows.select_related("author", "plan_version").prefetch_related(
        Prefetch("progress", queryset=progress)
    )


@dataclass
class VersionAccess:
    case: Case
    perms: CasePermissions
    version: PlanVersion


def version_get(*, user: User, case_pk: int, pk: int, purpose: str = CASE_PURPOSE) -> VersionAccess:
    """A version of the case's plan the user may read (404 otherwise); the read is logged."""
    case, perms = case_read(user=user, pk=case_pk, purpose=purpose)
    version = plan_versions(perms).filter(pk=pk).first()
    if version is None:
        raise Http404
    return VersionAccess(case=case, perms=perms, version=version)


def version_read(*, user: User, pk: int, purpose: str = API_PURPOSE) -> PlanVersion:
    """A plan version by its id alone (the API), with the scope of its case."""
    case_id = PlanVersion.objects.filter(pk=pk).values_list("plan__case_id", flat=True).first()
    if case_id is None:
        raise Http404
    return version_get(user=user, case_pk=case_id, pk=pk, purpose=purpose).version


def goal_get(*, user: User, case_pk: int, pk: int) -> tuple[Case, CasePermissions, Goal]:
    case, perms = case_read(user=user, pk=case_pk, purpose=CASE_PURPOSE)
    versions = plan_versions(perms)
    goal = (
        Goal.objects.select_related("plan_version").filter(pk=pk, plan_version__in=versions).first()
    )
    if goal is None:
        raise Http404
    return case, perms, goal


def action_get(*, user: User, case_pk: int, pk: int) -> tuple[Case, CasePermissions, Action]:
    case, perms = case_read(user=user, pk=case_pk, purpose=CASE_PURPOSE)
    versions = plan_versions(perms)
    action = Action.objects.filter(pk=pk, goal__plan_version__in=versions).first()
    if action is None:
        raise Http404
    return case, perms, action


def responsible_choices(case: Case) -> QuerySet[User]:
    """Who may be responsible for an action: the case's active team."""
    ids = CaseTeamMember.objects.filter(case=case, until__isnull=True).values("user_id")
    return User.objects.filter(pk__in=ids).order_by("last_name", "first_name", "pk")


def pdf_languages(case: Case) -> list[str]:
    """Italian, then the person's languages for which the PDF has a label catalogue."""
    codes = ["it"]
    if case.person_id is not None:
        from approdo.people.models import PersonLanguage

        spoken = PersonLanguage.objects.filter(person_id=case.person_id).values_list(
            "language__code", flat=True
        )
        codes += sorted({c for c in spoken if c in LABELS and c != "it"})
    return codes


def reviews_due(
    *, user: User, today: dt.date | None = None, within_days: int = 14
) -> QuerySet[PlanVersion]:
    """Approved plans whose review is due within `within_days` (or overdue), on the user's
    open cases (active team member)."""
    today = today or timezone.localdate()
    on_team = CaseTeamMember.objects.filter(
        case_id=OuterRef("plan__case_id"), user=user, until__isnull=True
    )
    return (
        PlanVersion.objects.filter(
            status=VersionStatus.APPROVED,
            next_review_on__isnull=False,
            next_review_on__lte=today + dt.timedelta(days=within_days),
        )
        .exclude(plan__case__stage=Stage.CLOSED)
        .filter(Exists(on_team))
        .select_related("plan", "plan__case", "plan__case__person")
        .order_by("next_review_on", "pk")
    )
