"""Reads of the helpdesk: who may open it, the queue, a contact, the tasks, the hubs.

Helpdesk contacts are for helpdesk operators only: a monitor gets a 403, anyone else a 404
(we do not confirm the helpdesk holds anything). The way to call someone back
(ReporterContact) is never joined in lists: only `reporter_read` returns it, and logs it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import (
    Case,
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.http import Http404
from django.utils import timezone

from approdo.accounts.access import access_for
from approdo.accounts.models import Membership, User
from approdo.accounts.roles import HELPDESK_ROLES
from approdo.audit.services import log_access
from approdo.cases.models import ReferralStatus
from approdo.helpdesk.models import (
    Contact,
    ContactNeed,
    ContactStatus,
    HelpdeskTask,
    ReporterContact,
    TaskKind,
    Triage,
    Urgency,
)
from approdo.network.models import Language, Node, NodeKind
from approdo.network.reference_lists import LANGUAGES

DETAIL_PURPOSE = "helpdesk.contact.read"
REPORTER_PURPOSE = "helpdesk.reporter.read"
# The languages the helpdesk answers in: the first fifteen of the programme's list.
HELPDESK_LANGUAGE_CODES: tuple[str, ...] = tuple(code for code, _it, _en in LANGUAGES[:15])

URGENCY_RANK = Case(
    When(urgency=Urgency.DANGER, then=Value(0)),
    When(urgency=Urgency.HIGH, then=Value(1)),
    When(urgency=Urgency.NORMAL, then=Value(2)),
    default=Value(3),
    output_field=IntegerField(),
)


def require_helpdesk(user: User) -> None:
    """Helpdesk pages: 403 for monitors, 404 for everyone else who is not an operator."""
    access = access_for(user)
    if access.is_helpdesk:
        return
    if access.is_monitor:
        raise PermissionDenied
    raise Http404


def require_directory_reader(user: User) -> None:
    """The directory of local services: helpdesk operators and every person-data role."""
    access = access_for(user)
    if access.can_see_person_data:
        return
    if access.is_monitor:
        raise PermissionDenied
    raise Http404


def helpdesk_languages() -> QuerySet[Language]:
    return Language.objects.filter(code__in=HELPDESK_LANGUAGE_CODES)


def helpdesk_operators() -> QuerySet[User]:
    """Active users holding the helpdesk role (possible assignees of tasks)."""
    memberships = Membership.objects.active().filter(role__in=HELPDESK_ROLES)
    return (
        User.objects.filter(is_active=True, pk__in=memberships.values("user_id"))
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


def _annotated(rows: QuerySet[Contact]) -> QuerySet[Contact]:
    """The queue's flags: urgency rank, a declined referral to triage again, and an
    out-of-hours message nobody can call back (the existence of a way back, never its value).
    """
    latest_triage = Triage.objects.filter(contact=OuterRef("pk")).order_by("-created_at", "-pk")
    return rows.annotate(
        urgency_rank=URGENCY_RANK,
        has_way_back=Exists(ReporterContact.objects.filter(contact=OuterRef("pk"))),
        latest_referral_status=Subquery(latest_triage.values("referral__status")[:1]),
    ).annotate(
        needs_retriage=Case(
            When(
                Q(status=ContactStatus.REFERRED, latest_referral_status=ReferralStatus.DECLINED),
                then=Value(1),
            ),
            default=Value(0),
            output_field=IntegerField(),
        ),
        unreachable=Case(
            When(Q(out_of_hours=True, has_way_back=False), then=Value(1)),
            default=Value(0),
            output_field=IntegerField(),
        ),
    )


@dataclass(frozen=True)
class QueueFilters:
    status: str = ""
    channel: str = ""
    language: int | None = None
    need: str = ""
    urgency: str = ""
    region: int | None = None
    out_of_hours: bool | None = None
    anonymous: bool | None = None
    q: str = ""
    open_only: bool = True


def contact_queue(*, user: User, filters: QueueFilters | None = None) -> QuerySet[Contact]:
    """The contacts to work: danger first, then the oldest; closed ones only when asked."""
    require_helpdesk(user)
    f = filters or QueueFilters()
    rows = Contact.objects.all()
    if f.status:
        rows = rows.filter(status=f.status)
    elif f.open_only:
        rows = rows.exclude(status=ContactStatus.CLOSED)
    if f.channel:
        rows = rows.filter(channel=f.channel)
    if f.language:
        rows = rows.filter(language_id=f.language)
    if f.need:
        rows = rows.filter(Exists(ContactNeed.objects.filter(contact=OuterRef("pk"), need=f.need)))
    if f.urgency:
        rows = rows.filter(urgency=f.urgency)
    if f.region:
        rows = rows.filter(region_id=f.region)
    if f.out_of_hours is not None:
        rows = rows.filter(out_of_hours=f.out_of_hours)
    if f.anonymous is not None:
        rows = rows.filter(anonymous=f.anonymous)
    if f.q.strip():
        text = f.q.strip()
        rows = rows.filter(Q(reference__icontains=text) | Q(message__icontains=text))
    return (
        _annotated(rows)
        .select_related("language", "region", "municipality", "assigned_to")
        .prefetch_related("needs")
        .order_by("urgency_rank", "-needs_retriage", "received_at", "pk")
    )


def status_counts(*, user: User) -> dict[str, int]:
    """How many contacts in each status (every status listed, zero included)."""
    require_helpdesk(user)
    counts = dict.fromkeys(ContactStatus.values, 0)
    for row in Contact.objects.values("status").annotate(n=Count("pk")).order_by():
        counts[row["status"]] = row["n"]
    return counts


def my_contacts(*, user: User) -> QuerySet[Contact]:
    require_helpdesk(user)
    rows = Contact.objects.filter(assigned_to=user).exclude(status=ContactStatus.CLOSED)
    return _annotated(rows).select_related("language").order_by("urgency_rank", "received_at")


def open_tasks() -> QuerySet[HelpdeskTask]:
    return (
        HelpdeskTask.objects.filter(done_at__isnull=True)
        .select_related("contact", "assigned_to")
        .annotate(
            unreachable=Case(
                When(
                    Q(contact__out_of_hours=True)
                    & ~Exists(ReporterContact.objects.filter(contact=OuterRef("contact_id"))),
                    then=Value(1),
                ),
                default=Value(0),
                output_field=IntegerField(),
            )
        )
    )


def tasks_due(*, user: User, now: dt.datetime | None = None) -> QuerySet[HelpdeskTask]:
    """Open tasks due today or overdue, the oldest first (the top of the queue)."""
    require_helpdesk(user)
    moment = timezone.localtime(now or timezone.now())
    end_of_day = moment.replace(hour=23, minute=59, second=59, microsecond=0)
    return open_tasks().filter(due_at__lte=end_of_day).order_by("due_at", "pk")


TASK_SCOPES = ("mine", "unassigned", "all")


def task_list(*, user: User, scope: str = "mine", done: bool = False) -> QuerySet[HelpdeskTask]:
    """Tasks for the tasks page: open ones overdue first (by due time); done ones newest."""
    require_helpdesk(user)
    if done:
        rows = HelpdeskTask.objects.filter(done_at__isnull=False).select_related(
            "contact", "assigned_to", "done_by"
        )
    else:
        rows = open_tasks()
    if scope == "mine":
        rows = rows.filter(assigned_to=user)
    elif scope == "unassigned":
        rows = rows.filter(assigned_to__isnull=True)
    return rows.order_by("-done_at", "pk") if done else rows.order_by("due_at", "pk")


def task_get(*, user: User, pk: int) -> HelpdeskTask:
    require_helpdesk(user)
    task = HelpdeskTask.objects.select_related("contact").filter(pk=pk).first()
    if task is None:
        raise Http404
    return task


def contact_get(*, user: User, pk: int) -> Contact:
    """A contact for a write (no read logged: the write is audited)."""
    require_helpdesk(user)
    contact = _annotated(Contact.objects.filter(pk=pk)).first()
    if contact is None:
        raise Http404
    return contact


def contact_read(*, user: User, pk: int, purpose: str = DETAIL_PURPOSE) -> Contact:
    """One contact for its detail page or the API; the read is logged."""
    contact = contact_get(user=user, pk=pk)
    log_access(user=user, record=contact, node_id=None, purpose=purpose)
    return contact


def reporter_read(*, user: User, contact: Contact) -> ReporterContact | None:
    """The way to call back, after the operator asked to see it; the read is logged."""
    require_helpdesk(user)
    reporter = ReporterContact.objects.filter(contact=contact).first()
    if reporter is not None:
        log_access(user=user, record=reporter, node_id=None, purpose=REPORTER_PURPOSE)
    return reporter


def has_reporter(contact: Contact) -> bool:
    return ReporterContact.objects.filter(contact=contact).exists()


def contact_triages(contact: Contact) -> QuerySet[Triage]:
    """Triage decisions with the hub's answer on referrals (status, decided_at, decline
    reason), never the case file."""
    return (
        Triage.objects.filter(contact=contact)
        .select_related("hub", "referral", "external_service", "decided_by")
        .order_by("created_at", "pk")
    )


def contact_tasks(contact: Contact) -> QuerySet[HelpdeskTask]:
    return (
        HelpdeskTask.objects.filter(contact=contact)
        .select_related("assigned_to", "done_by")
        .order_by("due_at", "pk")
    )


def timeline(contact: Contact) -> list[dict[str, Any]]:
    """Triage decisions and tasks (created, done), oldest first."""
    items: list[dict[str, Any]] = [
        {"at": triage.created_at, "kind": "triage", "triage": triage}
        for triage in contact_triages(contact)
    ]
    for task in contact_tasks(contact):
        items.append({"at": task.created_at, "kind": "task", "task": task})
        if task.done_at:
            items.append({"at": task.done_at, "kind": "task_done", "task": task})
    return sorted(items, key=lambda item: item["at"])


def hubs_for_picker(*, region_id: int | None = None) -> QuerySet[Node]:
    """Active hubs with region, municipality, languages and areas (two prefetches)."""
    today = timezone.localdate()
    rows = Node.objects.filter(kind=NodeKind.HUB, active_from__lte=today).filter(
        Q(active_until__isnull=True) | Q(active_until__gte=today)
    )
    if region_id:
        rows = rows.filter(region_id=region_id)
    return (
        rows.select_related("region", "municipality")
        .prefetch_related("languages", "areas")
        .order_by("region__name", "name")
    )


def contact_needs(contact: Contact) -> list[str]:
    return list(
        ContactNeed.objects.filter(contact=contact).order_by("pk").values_list("need", flat=True)
    )


def open_call_back(contact: Contact) -> bool:
    return HelpdeskTask.objects.filter(
        contact=contact, kind=TaskKind.CALL_BACK, done_at__isnull=True
    ).exists()
