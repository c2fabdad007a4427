"""Reads of cases, always through the user's scope (see permissions.py for the levels)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
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


def case_stage_counts(cases: QuerySet[Case]) -> dict[str, int]:
    """How many of `cases` are in each stage (for the list's filter chips)."""
    rows = cases.order_by().values("stage").annotate(n=Count("pk"))
    return {row["stage"]: row["n"] for row in rows}


def readable_case_ids(*, user: User, case_ids: list[int]) -> set[int]:
    """Of `case_ids`, those whose data the user may read (level PAST or more, see
    permissions.py): on the team now or before, coordinator of the hub, open emergency access."""
    now = timezone.now()
    rows = Case.objects.filter(pk__in=case_ids).filter(
        Q(hub_id__in=coordinated_hub_ids(user))
        | Exists(CaseTeamMember.objects.filter(case=OuterRef("pk"), user=user))
        | Exists(
            BreakGlassAccess.objects.filter(case=OuterRef("pk"), user=user, expires_at__gt=now)
        )
    )
    return set(rows.values_list("pk", flat=True))


def _name_q(text: str, user: User) -> Q:
    # Names are case data: searching by name only finds cases whose data the user may read.
    # Exists, not a join on team: a join repeats the case once per team member.
    on_team = CaseTeamMember.objects.filter(case=OuterRef("pk"), user=user, until__isnull=True)
    readable = Exists(on_team) | Q(hub_id__in=coordinated_hub_ids(user))
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


def case_managers(case_ids: list[int]) -> dict[int, User]:
    """The active case manager of each of `case_ids` (for lists: one query)."""
    rows = CaseTeamMember.objects.filter(
        case_id__in=case_ids, role="case_manager", until__isnull=True
    ).select_related("user")
    return {m.case_id: m.user for m in rows}


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
    """Referrals sent by the user's nodes (for the helpdesk: those the helpdesk sent)."""
    node_ids = _require_reader(user)
    sent = Q(from_node_id__in=node_ids)
    if access.access_for(user).is_helpdesk:
        sent |= Q(from_helpdesk=True)
    return Referral.objects.filter(sent).select_related(
        "case", "from_node", "to_node", "to_external", "sent_by"
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


class ReferralSide:
    """Which side of a referral the user reads it from."""

    def __init__(self, *, receiver: bool, sender: bool, perms: CasePermissions) -> None:
        self.receiver = receiver
        self.sender = sender
        self.perms = perms


def _sender_side(perms: CasePermissions, node_id: int) -> bool:
    # The sender's side is the case team (or coordinator); after a transfer away, the team
    # of the sending node keeps reading what it sent.
    return perms.level == Level.FULL or (
        perms.level == Level.PAST and node_id in perms.past_node_ids
    )


def referral_read(*, user: User, pk: int) -> tuple[Referral, ReferralSide]:
    """A referral's page: the receiving node's staff and the sending team read it.

    Others at the sending node know it exists (403); everyone else gets 404. The read shows
    person data (the shared fields), so it is logged.
    """
    node_ids = _require_reader(user)
    row = (
        Referral.objects.select_related(
            "case",
            "case__person",
            "case__hub",
            "from_node",
            "to_node",
            "to_external",
            "area",
            "sent_by",
            "decided_by",
        )
        .filter(pk=pk)
        .first()
    )
    if row is None:
        raise Http404
    perms = permissions_for(user, row.case)
    receiver = row.to_node_id is not None and row.to_node_id in node_ids
    if row.from_helpdesk:
        # The helpdesk took part in the referral: it reads what it sent and the answer.
        sender = access.access_for(user).is_helpdesk
    else:
        sender = row.from_node_id is not None and _sender_side(perms, row.from_node_id)
    if not (receiver or sender):
        if row.from_node_id in node_ids or perms.level >= Level.EXISTENCE:
            raise PermissionDenied
        raise Http404
    log_access(
        user=user,
        record=row,
        node_id=row.to_node_id or row.from_node_id,
        purpose="cases.referral.detail",
    )
    return row, ReferralSide(receiver=receiver, sender=sender, perms=perms)


def referral_shared_values(referral: Referral) -> list[tuple[str, str]]:
    """The shared fields of a referral with their current values (live from the record)."""
    from approdo.cases.referral_services import SHAREABLE_FIELDS, shared_value

    return [
        (str(SHAREABLE_FIELDS[name]), shared_value(referral.case, name))
        for name in referral.shared_fields
        if name in SHAREABLE_FIELDS
    ]


def case_referrals(perms: CasePermissions) -> QuerySet[Referral]:
    """Referrals of a case; after a transfer away, only those the user's node sent."""
    rows = perms.case.referrals.select_related("from_node", "to_node", "to_external", "sent_by")
    node_ids = perms.visible_node_ids()
    return rows if node_ids is None else rows.filter(from_node_id__in=node_ids)


def case_transfers(perms: CasePermissions) -> QuerySet[Transfer]:
    rows = perms.case.transfers.select_related("from_hub", "to_hub", "requested_by")
    node_ids = perms.visible_node_ids()
    return rows if node_ids is None else rows.filter(from_hub_id__in=node_ids)


def referrals_overdue(*, today: dt.date | None = None) -> QuerySet[Referral]:
    today = today or timezone.localdate()
    return Referral.objects.filter(status=ReferralStatus.SENT, due_on__lt=today)


def node_coordinator_emails(node_id: int) -> list[str]:
    """E-mail addresses of the coordinators of a node (a spoke's hub coordinators too)."""
    from approdo.accounts.models import Membership
    from approdo.accounts.roles import Role
    from approdo.network.models import Node

    node = Node.objects.filter(pk=node_id).first()
    if node is None:
        return []
    ids = [node.pk] + ([node.parent_hub_id] if node.parent_hub_id else [])
    emails = (
        Membership.objects.active()
        .filter(node_id__in=ids, role=Role.HUB_COORDINATOR, user__is_active=True)
        .exclude(user__email="")
        .values_list("user__email", flat=True)
    )
    found = sorted(set(emails))
    return found or ([node.email] if node.email else [])


def transfer_inbox(*, user: User) -> QuerySet[Transfer]:
    node_ids = _require_reader(user)
    return Transfer.objects.filter(
        to_hub_id__in=node_ids, status=TransferStatus.PROPOSED
    ).select_related("case", "from_hub", "to_hub", "requested_by")


def transfer_outbox(*, user: User) -> QuerySet[Transfer]:
    node_ids = _require_reader(user)
    return Transfer.objects.filter(from_hub_id__in=node_ids).select_related(
        "case", "from_hub", "to_hub", "requested_by"
    )


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


def transfer_read(*, user: User, pk: int) -> tuple[Transfer, ReferralSide]:
    """A transfer's page: the receiving hub's staff and the sending team (logged read)."""
    node_ids = _require_reader(user)
    row = (
        Transfer.objects.select_related(
            "case", "case__person", "case__hub", "from_hub", "to_hub", "requested_by"
        )
        .filter(pk=pk)
        .first()
    )
    if row is None:
        raise Http404
    perms = permissions_for(user, row.case)
    receiver = row.to_hub_id in node_ids
    sender = _sender_side(perms, row.from_hub_id)
    if not (receiver or sender):
        if row.from_hub_id in node_ids or perms.level >= Level.EXISTENCE:
            raise PermissionDenied
        raise Http404
    log_access(user=user, record=row, node_id=row.to_hub_id, purpose="cases.transfer.detail")
    return row, ReferralSide(receiver=receiver, sender=sender, perms=perms)


def inquiry_inbox(*, user: User) -> QuerySet[PersonInquiry]:
    node_ids = _require_reader(user)
    return PersonInquiry.objects.filter(to_node_id__in=node_ids).select_related(
        "person", "from_node", "to_node", "asked_by"
    )


def inquiry_outbox(*, user: User) -> QuerySet[PersonInquiry]:
    """Inquiries the user's nodes asked: the node and the answer, never the person."""
    node_ids = _require_reader(user)
    return PersonInquiry.objects.filter(from_node_id__in=node_ids).select_related(
        "from_node", "to_node", "asked_by"
    )


def inquiry_get(*, user: User, pk: int) -> PersonInquiry:
    node_ids = _require_reader(user)
    row = PersonInquiry.objects.filter(pk=pk, to_node_id__in=node_ids).first()
    if row is None:
        raise Http404
    return row


def inquiry_read(*, user: User, pk: int) -> tuple[PersonInquiry, bool]:
    """An inquiry and whether the user is on the receiving side (who may see the person).

    The receiving node's reads are logged: they show which of its records matched.
    """
    node_ids = _require_reader(user)
    row = (
        PersonInquiry.objects.select_related("from_node", "to_node", "asked_by", "answered_by")
        .filter(pk=pk)
        .filter(Q(to_node_id__in=node_ids) | Q(from_node_id__in=node_ids))
        .first()
    )
    if row is None:
        raise Http404
    receiver = row.to_node_id in node_ids
    if receiver:
        log_access(user=user, record=row, node_id=row.to_node_id, purpose="cases.inquiry.detail")
    return row, receiver


def hub_choices() -> QuerySet[Any]:
    """Hubs a case may be referred or transferred to (any region), active today."""
    from approdo.network.models import Node, NodeKind

    today = timezone.localdate()
    return (
        Node.objects.filter(kind=NodeKind.HUB, active_from__lte=today)
        .filter(Q(active_until__isnull=True) | Q(active_until__gte=today))
        .select_related("region")
        .order_by("region__name", "name")
    )


def external_services(*, region_id: int | None = None) -> QuerySet[ExternalService]:
    rows = ExternalService.objects.filter(active=True).select_related("region", "municipality")
    return rows.filter(region_id=region_id) if region_id else rows


def open_cases_of_person(person_id: int) -> QuerySet[Case]:
    return Case.objects.filter(person_id=person_id).exclude(stage=Stage.CLOSED)
