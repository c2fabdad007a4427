"""Reads of cases, always through the user's scope (see permissions.py for the levels)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from approdo.accounts import access
from approdo.accounts.models import User
from approdo.audit.services import log_access
from approdo.cases.models import (
    BreakGlassAccess,
    Case,
    CaseAttachment,
    CaseEvent,
    CaseNote,
    CaseTask,
    CaseTeamMember,
    ExternalService,
    PersonInquiry,
    Referral,
    ReferralStatus,
    Transfer,
    TransferStatus,
)
from approdo.cases.permissions import (
    CasePermissions,
    Level,
    coordinated_hub_ids,
    permissions_for,
    require_level,
)
from approdo.cases.stages import Stage

DETAIL_PURPOSE = "cases.case.detail"


def _require_reader(user: User) -> frozenset[int]:
    acc = access.access_for(user)
    if not acc.can_see_person_data:
        raise PermissionDenied
    return acc.person_node_ids


def case_list(
    *, user: User, stage: str = "", q: str = "", mine: bool = False, node_id: int | None = None
) -> QuerySet[Case]:
    """Cases the user may know exist: at their nodes, or on whose team they are or were."""
    node_ids = _require_reader(user)
    on_team = CaseTeamMember.objects.filter(case=OuterRef("pk"), user=user)
    referred_here = Referral.objects.filter(case=OuterRef("pk"), to_node_id__in=node_ids)
    cases = Case.objects.filter(
        Q(hub_id__in=node_ids)
        | Q(origin_node_id__in=node_ids)
        | Exists(on_team)
        | Exists(referred_here)
    )
    if mine:
        cases = cases.filter(Exists(on_team.filter(until__isnull=True)))
    if stage:
        cases = cases.filter(stage=stage)
    if node_id:
        cases = cases.filter(Q(hub_id=node_id) | Q(origin_node_id=node_id))
    text = " ".join(q.split())
    if text:
        cases = cases.filter(Q(reference__icontains=text) | _name_q(text, user))
    return cases.select_related("hub", "origin_node", "person").order_by("-opened_on", "-pk")


def _name_q(text: str, user: User) -> Q:
    # Names are case data: searching by name only finds cases whose data the user may read.
    readable = Q(team__user=user, team__until__isnull=True) | Q(
        hub_id__in=coordinated_hub_ids(user)
    )
    by_name = Q()
    for word in text.split():
        by_name &= (
            Q(person__given_names__icontains=word)
            | Q(person__family_name__icontains=word)
            | Q(contact_name__icontains=word)
        )
    return readable & by_name


def case_get(*, user: User, pk: int) -> tuple[Case, CasePermissions]:
    """A case the user may at least know exists, with what they may do (404/403 otherwise)."""
    _require_reader(user)
    case = (
        Case.objects.select_related("hub", "origin_node", "person", "contact_language")
        .filter(pk=pk)
        .first()
    )
    if case is None:
        raise Http404
    perms = permissions_for(user, case)
    require_level(perms, Level.EXISTENCE)
    return case, perms


def case_read(
    *, user: User, pk: int, purpose: str = DETAIL_PURPOSE
) -> tuple[Case, CasePermissions]:
    """case_get for reading the case's data: PAST level at least; the read is logged."""
    case, perms = case_get(user=user, pk=pk)
    require_level(perms, Level.PAST)
    log_access(user=user, record=case, node_id=case.hub_id, purpose=purpose)
    return case, perms


def _by_node(rows: QuerySet[Any], perms: CasePermissions) -> QuerySet[Any]:
    node_ids = perms.visible_node_ids()
    return rows if node_ids is None else rows.filter(node_id__in=node_ids)


def case_events(perms: CasePermissions) -> QuerySet[CaseEvent]:
    return _by_node(perms.case.events.select_related("actor", "node"), perms)


def case_notes(perms: CasePermissions) -> QuerySet[CaseNote]:
    notes = perms.case.notes.filter(sensitivity__in=perms.sensitivities())
    return _by_node(notes.select_related("author", "node"), perms)


def case_attachments(perms: CasePermissions) -> QuerySet[CaseAttachment]:
    rows = perms.case.attachments.filter(sensitivity__in=perms.sensitivities())
    return _by_node(rows.select_related("uploaded_by", "node"), perms)


def attachment_get(*, user: User, case_pk: int, pk: int) -> CaseAttachment:
    """An attachment the user may download; the read is logged."""
    case, perms = case_get(user=user, pk=case_pk)
    require_level(perms, Level.PAST)
    row = case_attachments(perms).filter(pk=pk).first()
    if row is None:
        raise Http404
    log_access(user=user, record=row, node_id=case.hub_id, purpose="cases.attachment.download")
    return row


def case_team(case: Case, *, include_past: bool = False) -> QuerySet[CaseTeamMember]:
    rows = case.team.select_related("user", "node")
    return rows if include_past else rows.filter(until__isnull=True)


def case_manager(case: Case) -> CaseTeamMember | None:
    return case.team.filter(role="case_manager", until__isnull=True).select_related("user").first()


def case_tasks(perms: CasePermissions, *, open_only: bool = False) -> QuerySet[CaseTask]:
    if perms.level < Level.FULL:
        return CaseTask.objects.none()
    tasks = perms.case.tasks.select_related("assignee")
    return tasks.filter(done_at__isnull=True) if open_only else tasks


def break_glass_for_coordinator(*, user: User, since_days: int = 30) -> QuerySet[BreakGlassAccess]:
    """Emergency accesses at the hubs the user coordinates, newest first."""
    since = timezone.now() - dt.timedelta(days=since_days)
    return (
        BreakGlassAccess.objects.filter(
            case__hub_id__in=coordinated_hub_ids(user), opened_at__gte=since
        )
        .select_related("case", "user", "reviewed_by")
        .order_by("reviewed_at", "-opened_at")
    )


def case_break_glass(perms: CasePermissions) -> QuerySet[BreakGlassAccess]:
    """Emergency accesses to this case, for its coordinator and team."""
    if not (perms.is_coordinator or perms.is_team_member):
        return BreakGlassAccess.objects.none()
    return perms.case.break_glass.select_related("user", "reviewed_by")


def team_candidates(case: Case) -> QuerySet[User]:
    """People with a person-data role at the case's hub (or its spokes) who may join the team."""
    from approdo.accounts.models import Membership
    from approdo.accounts.roles import PERSON_DATA_ROLES

    node_ids = [case.hub_id, *case.hub.spokes.values_list("pk", flat=True)]
    user_ids = (
        Membership.objects.active()
        .filter(node_id__in=node_ids, role__in=PERSON_DATA_ROLES)
        .values("user_id")
    )
    return User.objects.filter(pk__in=user_ids, is_active=True).order_by("last_name", "first_name")


# --- referrals, transfers, inquiries --------------------------------------------------------
def referral_inbox(
    *, user: User, node_id: int | None = None, status: str = ""
) -> QuerySet[Referral]:
    """Referrals received by the user's nodes."""
    node_ids = _require_reader(user)
    rows = Referral.objects.filter(to_node_id__in=node_ids)
    if node_id:
        rows = rows.filter(to_node_id=node_id)
    if status:
        rows = rows.filter(status=status)
    return rows.select_related("case", "from_node", "to_node", "sent_by", "area").order_by(
        "status", "due_on", "-pk"
    )


def referral_outbox(*, user: User) -> QuerySet[Referral]:
    node_ids = _require_reader(user)
    return Referral.objects.filter(from_node_id__in=node_ids).select_related(
        "case", "to_node", "to_external", "sent_by"
    )


def referral_get(*, user: User, pk: int) -> Referral:
    """A referral sent from or to one of the user's nodes (404 otherwise)."""
    node_ids = _require_reader(user)
    row = (
        Referral.objects.select_related(
            "case", "case__person", "from_node", "to_node", "to_external"
        )
        .filter(pk=pk)
        .filter(Q(to_node_id__in=node_ids) | Q(from_node_id__in=node_ids))
        .first()
    )
    if row is None:
        raise Http404
    return row


def referrals_overdue(*, today: dt.date | None = None) -> QuerySet[Referral]:
    today = today or timezone.localdate()
    return Referral.objects.filter(status=ReferralStatus.SENT, due_on__lt=today)


def transfer_inbox(*, user: User) -> QuerySet[Transfer]:
    node_ids = _require_reader(user)
    return Transfer.objects.filter(
        to_hub_id__in=node_ids, status=TransferStatus.PROPOSED
    ).select_related("case", "from_hub", "to_hub", "requested_by")


def transfer_get(*, user: User, pk: int) -> Transfer:
    node_ids = _require_reader(user)
    row = (
        Transfer.objects.select_related("case", "case__person", "from_hub", "to_hub")
        .filter(pk=pk)
        .filter(Q(to_hub_id__in=node_ids) | Q(from_hub_id__in=node_ids))
        .first()
    )
    if row is None:
        raise Http404
    return row


def inquiry_inbox(*, user: User) -> QuerySet[PersonInquiry]:
    node_ids = _require_reader(user)
    return PersonInquiry.objects.filter(to_node_id__in=node_ids).select_related(
        "person", "from_node", "to_node", "asked_by"
    )


def inquiry_get(*, user: User, pk: int) -> PersonInquiry:
    node_ids = _require_reader(user)
    row = PersonInquiry.objects.filter(pk=pk, to_node_id__in=node_ids).first()
    if row is None:
        raise Http404
    return row


def external_services(*, region_id: int | None = None) -> QuerySet[ExternalService]:
    rows = ExternalService.objects.filter(active=True).select_related("region", "municipality")
    return rows.filter(region_id=region_id) if region_id else rows


def open_cases_of_person(person_id: int) -> QuerySet[Case]:
    return Case.objects.filter(person_id=person_id).exclude(stage=Stage.CLOSED)
