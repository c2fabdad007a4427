"""The helpdesk demo: every channel, anonymous reports, call-backs, triage, the directory.

The territory, network, accounts, people and a reduced set of cases are loaded once for the
module, then the field demo; everything runs in a transaction rolled back at the end.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.utils import timezone
from pytest_django import DjangoDbBlocker

from approdo.accounts.models import User
from approdo.cases.demo import load_demo_cases
from approdo.cases.models import ExternalBodyKind, ExternalService, Referral, ReferralStatus
from approdo.cases.selectors import referral_inbox
from approdo.helpdesk.demo import DemoHelpdeskResult, ensure_helpdesk_directory
from approdo.helpdesk.hours import is_open
from approdo.helpdesk.models import (
    Authority,
    Channel,
    Contact,
    ContactStatus,
    HelpdeskTask,
    TaskKind,
    Triage,
    TriageOutcome,
    Urgency,
)
from approdo.helpdesk.selectors import QueueFilters, contact_queue, helpdesk_languages
from approdo.network.demo import load_demo
from approdo.outreach.demo_field import DemoFieldResult, load_demo_field

pytestmark = pytest.mark.django_db

FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
REGIONS = ["Basilicata", "Calabria", "Campania", "Lombardia", "Puglia", "Sicilia"]


@pytest.fixture(scope="module")
def demo(django_db_setup: None, django_db_blocker: DjangoDbBlocker) -> Iterator[DemoFieldResult]:
    with (
        django_db_blocker.unblock(),
        override_settings(PASSWORD_HASHERS=FAST_HASHERS),
        transaction.atomic(),
    ):
        load_demo(cases=False)
        load_demo_cases(total=40)
        yield load_demo_field()
        transaction.set_rollback(True)


def _operator() -> User:
    return User.objects.get(username="helpdesk")


def test_the_queue_has_every_channel_over_eight_weeks(demo: DemoFieldResult) -> None:
    result = demo.helpdesk
    assert 55 <= result.contacts == Contact.objects.count() <= 70
    everything = contact_queue(user=_operator(), filters=QueueFilters(open_only=False))
    assert set(everything.values_list("channel", flat=True)) == set(Channel.values)
    oldest = Contact.objects.order_by("received_at").first()
    assert oldest is not None
    assert oldest.received_at.date() >= timezone.localdate() - dt.timedelta(weeks=8, days=1)
    languages = set(Contact.objects.exclude(language=None).values_list("language", flat=True))
    assert len(languages) >= 8
    assert languages <= set(helpdesk_languages().values_list("pk", flat=True))
    assert Contact.objects.filter(region__isnull=False).values("region").distinct().count() == 6
    web = Contact.objects.filter(channel=Channel.WEB_FORM)
    assert web.exists() and not web.exclude(received_by=None).exists()  # the public form


def test_anonymous_reports_have_no_name(demo: DemoFieldResult) -> None:
    anonymous = Contact.objects.filter(anonymous=True)
    share = anonymous.count() / Contact.objects.count()
    assert 0.2 <= share <= 0.35
    assert not anonymous.exclude(name="").exists()
    assert not Contact.objects.filter(anonymous=False, name="").exists()


def test_out_of_hours_messages_get_call_backs(demo: DemoFieldResult) -> None:
    late = Contact.objects.filter(out_of_hours=True)
    assert late.count() >= 5
    assert all(not is_open(contact.received_at) for contact in late)
    automatic = HelpdeskTask.objects.filter(kind=TaskKind.CALL_BACK, automatic=True)
    assert automatic.count() >= 3
    assert not automatic.exclude(contact__out_of_hours=True).exists()
    for contact in late.filter(reporter__isnull=False, status=ContactStatus.NEW):
        assert automatic.filter(contact=contact).exists(), contact.reference
    assert automatic.filter(done_at__isnull=False, done_by=_operator()).exists()


def test_triage_answers_refers_and_reports(demo: DemoFieldResult) -> None:
    outcomes = set(Triage.objects.values_list("outcome", flat=True))
    assert outcomes == set(TriageOutcome.values)
    assert not Triage.objects.exclude(decided_by=_operator()).exists()
    authorities = set(Triage.objects.exclude(authority="").values_list("authority", flat=True))
    assert {
        Authority.LABOUR_INSPECTORATE,
        Authority.POLICE,
        Authority.ANTI_TRAFFICKING,
    } <= authorities
    referred = Referral.objects.filter(from_helpdesk=True)
    assert referred.count() == demo.helpdesk.referred_psi >= 8
    assert referred.filter(status=ReferralStatus.ACCEPTED).count() >= 3
    declined = referred.get(status=ReferralStatus.DECLINED)
    assert declined.decline_reason
    coordinator = User.objects.get(username="coordinatore.foggia")
    assert referral_inbox(user=coordinator).filter(from_helpdesk=True).exists()
    closed = Contact.objects.filter(status=ContactStatus.CLOSED)
    assert closed.exists() and not closed.filter(reporter__isnull=False).exists()


def test_today_queue_starts_with_the_danger_call(demo: DemoFieldResult) -> None:
    queue = contact_queue(user=_operator(), filters=QueueFilters(status=ContactStatus.NEW))
    first = queue.first()
    assert first is not None and first.urgency == Urgency.DANGER
    assert first.received_at >= timezone.now() - dt.timedelta(hours=1)
    assert queue.filter(assigned_to=None).count() >= 4
    assert queue.filter(assigned_to=_operator()).exists()  # taken, not yet triaged


def test_the_directory_has_local_services_per_region(demo: DemoFieldResult) -> None:
    kinds = {
        ExternalBodyKind.HEALTH,
        ExternalBodyKind.LEGAL_AID,
        ExternalBodyKind.HOUSING,
        ExternalBodyKind.UNION,
        ExternalBodyKind.JOB_CENTRE,
        ExternalBodyKind.MUNICIPALITY,
    }
    for region in REGIONS:
        rows = ExternalService.objects.filter(region__name=region, website__contains="example.org")
        assert kinds <= set(rows.values_list("kind", flat=True)), region
        assert rows.filter(name__contains="STP/ENI").exists(), region
        for row in rows:
            assert re.fullmatch(r"0\d{1,3} 000 0\d\d", row.phone), row.phone
            assert row.opening_hours and row.languages.filter(code="it").exists()
    assert ensure_helpdesk_directory() == 0


def test_a_second_load_adds_nothing(demo: DemoFieldResult) -> None:
    before = (Contact.objects.count(), HelpdeskTask.objects.count(), Referral.objects.count())
    again = load_demo_field()
    assert again.helpdesk == DemoHelpdeskResult(already_present=True)
    out = StringIO()
    with override_settings(PASSWORD_HASHERS=FAST_HASHERS):
        call_command("load_demo", stdout=out)
    assert "Helpdesk demo già presente" in out.getvalue()
    after = (Contact.objects.count(), HelpdeskTask.objects.count(), Referral.objects.count())
    assert after == before
