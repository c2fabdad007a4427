"""The outreach demo: real places, Borgo Mezzanone's sessions, the hub inbox, idempotent.

The territory, network, accounts, people and a reduced set of cases are loaded once for the
module, then the field demo; everything runs in a transaction rolled back at the end.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterator
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.http import Http404
from django.test import override_settings
from django.utils import timezone
from pytest_django import DjangoDbBlocker

from approdo.accounts.models import User
from approdo.cases.demo import load_demo_cases
from approdo.cases.models import Case, Referral, ReferralStatus
from approdo.cases.selectors import referral_inbox
from approdo.network.demo import load_demo
from approdo.outreach.demo import DemoOutreachResult
from approdo.outreach.demo_field import DemoFieldResult, load_demo_field
from approdo.outreach.models import (
    AgeBand,
    AwarenessEvent,
    Campaign,
    FirstContact,
    Headcount,
    OutreachSession,
    Place,
    SessionStatus,
    Sex,
)
from approdo.outreach.selectors import session_get, session_list

pytestmark = pytest.mark.django_db

FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# The real areas DOMAIN.md names: (place, municipality, region, node code or "").
REAL_AREAS = [
    ("Ex pista di Borgo Mezzanone", "Manfredonia", "Puglia", "PUG-S01"),
    ("Torretta Antonacci (Gran Ghetto)", "San Severo", "Puglia", "PUG-S03"),
    ("Piazza della stazione di Rosarno", "Rosarno", "Calabria", ""),
    ("Tendopoli di San Ferdinando", "San Ferdinando", "Calabria", "CAL-S01"),
    ("Ex Calcestruzzi di Campobello di Mazara", "Campobello di Mazara", "Sicilia", "SIC-S16"),
    ("Campo stagionale di Palazzo San Gervasio", "Palazzo San Gervasio", "Basilicata", ""),
]


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


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    dy = (a[0] - b[0]) * 111
    dx = (a[1] - b[1]) * 111 * math.cos(math.radians(a[0]))
    return math.hypot(dx, dy)


def test_the_real_areas_are_places_in_their_region(demo: DemoFieldResult) -> None:
    assert demo.outreach.places >= 14
    assert Place.objects.count() >= 14
    for name, town, region, code in REAL_AREAS:
        place = Place.objects.select_related("municipality__province__region", "node").get(
            name=name
        )
        assert place.municipality.name == town, name
        assert place.municipality.province.region.name == region, name
        assert place.node.region.name == region, name
        if code:
            assert place.node.code == code, name
        here = (float(place.latitude), float(place.longitude))
        town_point = (float(place.municipality.latitude), float(place.municipality.longitude))
        assert _km(here, town_point) < 15, name  # near its town: the coordinates are real
        assert "demo" in place.access_notes
    seasonal = Place.objects.get(name="Tendopoli di San Ferdinando")
    assert seasonal.season_months == [1, 2, 3, 4, 11, 12]
    assert seasonal.is_in_season(1) and not seasonal.is_in_season(7)


def test_borgo_mezzanone_history_is_seen_by_its_operator(demo: DemoFieldResult) -> None:
    operator = User.objects.get(username="operatore.borgomezzanone")
    today = timezone.localdate()
    rows = session_list(user=operator, node_id=None)
    done = rows.filter(status=SessionStatus.DONE, place__name__contains="Borgo Mezzanone")
    assert done.count() >= 25  # three a week for ten weeks
    assert done.filter(date__gte=today - dt.timedelta(days=8)).exists()
    assert not done.filter(date__gte=today).exists()
    assert done.filter(created_by=operator).count() == done.count()
    counted = Headcount.objects.filter(session__in=done)
    assert counted.values("session").distinct().count() == done.count()
    assert counted.filter(sex=Sex.MALE, age_band=AgeBand.FROM_18_TO_29).exists()
    assert counted.filter(sex=Sex.FEMALE).exists()
    assert counted.exclude(nationality="").values("nationality").distinct().count() >= 4
    planned = rows.filter(status=SessionStatus.PLANNED)
    assert planned.filter(date__gt=today, date__lte=today + dt.timedelta(weeks=4)).count() >= 8
    cancelled = rows.get(status=SessionStatus.CANCELLED)
    assert cancelled.cancel_reason and cancelled.date > today
    first = done.first()
    assert first is not None
    one = session_get(user=operator, pk=first.pk)
    assert one.headcounts.exists() and one.services.exists() and one.handouts.exists()
    # Another node's staff does not see them: outside their place is a 404.
    rosarno = User.objects.get(username="mediatrice.rosarno")
    assert not session_list(user=rosarno).filter(node__code="PUG-S01").exists()
    with pytest.raises(Http404):
        session_get(user=rosarno, pk=first.pk)


def test_minors_are_rare_and_reported(demo: DemoFieldResult) -> None:
    minors = Headcount.objects.filter(age_band=AgeBand.UNDER_18)
    sessions = OutreachSession.objects.filter(status=SessionStatus.DONE).count()
    assert minors.values("session").distinct().count() < sessions * 0.2
    for row in minors.select_related("session"):
        assert "minorenni" in row.session.notes


def test_the_hub_inbox_shows_the_first_contacts(demo: DemoFieldResult) -> None:
    contacts = FirstContact.objects.select_related("referral", "case")
    assert 15 <= contacts.count() == demo.outreach.first_contacts <= 25
    coordinator = User.objects.get(username="coordinatore.foggia")
    inbox = referral_inbox(user=coordinator)
    from_borgo = inbox.filter(outreach_contact__isnull=False, from_node__code="PUG-S01")
    assert from_borgo.count() >= 5
    assert from_borgo.filter(status=ReferralStatus.SENT).exists()
    accepted = from_borgo.filter(status=ReferralStatus.ACCEPTED)
    assert accepted.exists() and all(r.decided_by == coordinator for r in accepted)
    statuses = set(
        Referral.objects.filter(outreach_contact__isnull=False).values_list("status", flat=True)
    )
    assert statuses == {ReferralStatus.SENT, ReferralStatus.ACCEPTED}
    assert demo.outreach.accepted * 3 >= demo.outreach.first_contacts  # about half
    assert all(c.case.access_channel == "proactive" for c in contacts)


def test_campaigns_and_events_across_regions(demo: DemoFieldResult) -> None:
    assert Campaign.objects.count() >= 3
    events = AwarenessEvent.objects.select_related("municipality__province__region")
    assert events.count() >= 12
    assert len({e.municipality.province.region.name for e in events}) >= 5
    today = timezone.localdate()
    assert all(e.people_reached > 0 for e in events.filter(date__lt=today))
    assert events.filter(date__gt=today).exists()
    assert events.exclude(partners="").count() >= 8
    for event in events.filter(campaign__isnull=False).select_related("campaign"):
        assert event.campaign.starts_on <= event.date, event.title


def test_a_second_load_adds_nothing(demo: DemoFieldResult) -> None:
    models = [Place, OutreachSession, Headcount, FirstContact, Campaign, AwarenessEvent, Case]
    before = [model._default_manager.count() for model in models]
    again = load_demo_field()
    assert again.outreach == DemoOutreachResult(already_present=True)
    out = StringIO()
    with override_settings(PASSWORD_HASHERS=FAST_HASHERS):
        call_command("load_demo", stdout=out)
    assert "Outreach demo già presente" in out.getvalue()
    assert [model._default_manager.count() for model in models] == before


def test_the_command_can_skip_the_field_demo(demo: DemoFieldResult) -> None:
    out = StringIO()
    with override_settings(PASSWORD_HASHERS=FAST_HASHERS):
        call_command("load_demo", "--no-field", stdout=out)
    assert "Outreach demo non creato (--no-field" in out.getvalue()
    assert "Helpdesk demo non creato (--no-field" in out.getvalue()
