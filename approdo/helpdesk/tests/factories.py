"""Helpdesk contacts and operators, for tests (synthetic data only).

`helpdesk_operator()` gives a user with the helpdesk role; `make_contact(...)` records a
contact through the real intake service (so references, needs, reporter details and the
out-of-hours call-back task are what production makes); `ContactFactory` is a bare row for
tests that need many contacts fast.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import factory
from django.utils import timezone

from approdo.accounts.models import User
from approdo.accounts.roles import Role
from approdo.accounts.tests.factories import user_with_role
from approdo.helpdesk.hours import is_working_day
from approdo.helpdesk.intake import ReporterDetails, contact_receive
from approdo.helpdesk.models import (
    Channel,
    Contact,
    ContactNeed,
    ContactStatus,
    HelpdeskTask,
    Need,
    ReporterContact,
    TaskKind,
    Urgency,
)


def helpdesk_operator() -> User:
    """A user holding the helpdesk operator role (programme-wide)."""
    return user_with_role(Role.HELPDESK_OPERATOR)


def open_time() -> dt.datetime:
    """A recent moment when the helpdesk was open (a Wednesday at 11:00, Europe/Rome)."""
    today = timezone.localdate()
    day = today - dt.timedelta(days=(today.weekday() - 2) % 7 or 7)
    while not is_working_day(day):
        day -= dt.timedelta(days=7)
    return timezone.make_aware(dt.datetime.combine(day, dt.time(11, 0)))


def make_contact(
    actor: User | None = None,
    *,
    channel: str = Channel.PHONE,
    message: str = "Lavoro in un campo vicino a Foggia e non mi pagano da due mesi.",
    needs: list[str] | None = None,
    urgency: str = Urgency.NORMAL,
    anonymous: bool = False,
    name: str = "Amadou",
    phone: str = "",
    email: str = "",
    received_at: dt.datetime | None = None,
    **extra: Any,
) -> Contact:
    """Record a contact through `contact_receive` (received while open unless told)."""
    reporter = ReporterDetails(phone=phone, email=email) if (phone or email) else None
    return contact_receive(
        actor=actor,
        channel=channel,
        message=message,
        needs=needs if needs is not None else [Need.WAGES],
        urgency=urgency,
        anonymous=anonymous,
        name="" if anonymous else name,
        reporter=reporter,
        received_at=received_at or open_time(),
        **extra,
    )


class ContactFactory(factory.django.DjangoModelFactory[Contact]):
    """A bare contact row (no audit, no tasks): use make_contact for the real flow."""

    class Meta:
        model = Contact

    reference = factory.Sequence(lambda n: f"HD-2026-{n + 900000:06d}")
    channel = Channel.PHONE
    received_at = factory.LazyFunction(open_time)
    urgency = Urgency.NORMAL
    anonymous = False
    name = factory.Sequence(lambda n: f"Persona {n}")
    message = "Chiede informazioni sul contratto di lavoro."
    status = ContactStatus.NEW


class ContactNeedFactory(factory.django.DjangoModelFactory[ContactNeed]):
    class Meta:
        model = ContactNeed

    contact = factory.SubFactory(ContactFactory)
    need = Need.RIGHTS


class ReporterContactFactory(factory.django.DjangoModelFactory[ReporterContact]):
    class Meta:
        model = ReporterContact

    contact = factory.SubFactory(ContactFactory)
    phone = "+39 333 000 0000"


class HelpdeskTaskFactory(factory.django.DjangoModelFactory[HelpdeskTask]):
    class Meta:
        model = HelpdeskTask

    contact = factory.SubFactory(ContactFactory)
    kind = TaskKind.CALL_BACK
    due_at = factory.LazyFunction(timezone.now)
