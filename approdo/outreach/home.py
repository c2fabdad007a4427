"""The outreach section of the start page (registered with core.home): the field work of the
user's nodes this week, and the way to the phone page."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Sum
from django.utils import timezone

from approdo.accounts.access import access_for
from approdo.accounts.models import User
from approdo.accounts.roles import Role
from approdo.cases.models import ReferralStatus
from approdo.outreach.models import FirstContact, Headcount, OutreachSession, SessionStatus
from approdo.outreach.selectors import field_node_ids

DAYS_AHEAD = 7
DAYS_BACK = 7
LIST_LIMIT = 6


@dataclass(frozen=True)
class OutreachHome:
    planned: list[OutreachSession]
    recent: list[OutreachSession]
    sessions_done: int
    people_met: int
    waiting_for_hub: int


def outreach_home(user: User) -> OutreachHome | None:
    """Sessions planned in the next week and done in the last one at the user's nodes, and
    first contacts the hub has not answered yet. None for users who do no field work: spoke
    operators always see it, other node staff when their nodes go out."""
    try:
        node_ids = field_node_ids(user)
    except PermissionDenied:
        return None
    today = timezone.localdate()
    sessions = OutreachSession.objects.filter(node_id__in=node_ids).select_related("place", "node")
    planned = sessions.filter(
        status=SessionStatus.PLANNED,
        date__gte=today,
        date__lte=today + dt.timedelta(days=DAYS_AHEAD),
    ).order_by("date", "starts_at", "pk")
    done = sessions.filter(
        status=SessionStatus.DONE,
        date__gte=today - dt.timedelta(days=DAYS_BACK),
        date__lte=today,
    )
    sessions_done = done.count()
    people = Headcount.objects.filter(session__in=done).aggregate(n=Sum("count"))["n"]
    waiting = FirstContact.objects.filter(
        session__node_id__in=node_ids, referral__status=ReferralStatus.SENT
    ).count()
    is_spoke_operator = Role.SPOKE_OPERATOR in access_for(user).roles
    if not is_spoke_operator and not (planned.exists() or sessions_done or waiting):
        return None
    return OutreachHome(
        planned=list(planned[:LIST_LIMIT]),
        recent=list(
            done.annotate(people=Sum("headcounts__count")).order_by("-date", "-starts_at", "-pk")[
                :LIST_LIMIT
            ]
        ),
        sessions_done=sessions_done,
        people_met=people or 0,
        waiting_for_hub=waiting,
    )
