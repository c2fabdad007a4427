"""The helpdesk operator's start-page section (registered with core.home)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from approdo.accounts.access import access_for
from approdo.accounts.models import User
from approdo.helpdesk.models import Contact, ContactStatus, HelpdeskTask, Urgency
from approdo.helpdesk.selectors import my_contacts, status_counts, tasks_due

LIST_LIMIT = 8


@dataclass(frozen=True)
class HelpdeskHome:
    counts: dict[str, int]
    danger: list[Contact]
    tasks_due: list[HelpdeskTask]
    mine: list[Contact]
    now: dt.datetime


def helpdesk_home(user: User) -> HelpdeskHome | None:
    """New contacts in danger, call-backs due today or overdue, my contacts; None for others."""
    if not access_for(user).is_helpdesk:
        return None
    danger = (
        Contact.objects.filter(urgency=Urgency.DANGER)
        .exclude(status=ContactStatus.CLOSED)
        .select_related("language")
        .order_by("received_at")[:LIST_LIMIT]
    )
    return HelpdeskHome(
        counts=status_counts(user=user),
        danger=list(danger),
        tasks_due=list(tasks_due(user=user)[:LIST_LIMIT]),
        mine=list(my_contacts(user=user)[:LIST_LIMIT]),
        now=timezone.now(),
    )
