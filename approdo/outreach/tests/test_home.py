"""The start page's "Sul campo" section: the week's field work of the user's nodes."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from approdo.cases.tests.factories import CaseWorld, login, make_case_world
from approdo.outreach import services
from approdo.outreach.models import SessionStatus
from approdo.outreach.tests.factories import (
    HeadcountFactory,
    OutreachSessionFactory,
    PlaceFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def world() -> CaseWorld:
    return make_case_world()


def test_spoke_operator_sees_the_week_and_the_way_to_the_field_page(
    client: Client, world: CaseWorld
) -> None:
    today = dt.date.today()
    place = PlaceFactory.create(node=world.spoke_a1, name="Ex pista")
    done = OutreachSessionFactory.create(place=place, date=today - dt.timedelta(days=2))
    HeadcountFactory.create(session=done, count=7)
    HeadcountFactory.create(session=done, count=4, sex="female")
    OutreachSessionFactory.create(place=place, date=today - dt.timedelta(days=20))  # too old
    OutreachSessionFactory.create(
        place=place,
        date=today + dt.timedelta(days=3),
        starts_at=dt.time(17, 0),
        ends_at=None,
        status=SessionStatus.PLANNED,
    )
    services.first_contact_record(
        actor=world.spoke_operator, session=done, name="Amadou", needs="Documenti"
    )
    login(client, world.spoke_operator)
    html = client.get("/").text
    assert 'data-testid="outreach-home"' in html
    assert 'href="/campo/"' in html
    assert "Negli ultimi 7 giorni: 1 uscita svolta, 11 persone incontrate." in html
    assert "1 primo contatto attende la risposta dell'hub." in html
    assert "17:00 · Ex pista" in html
    assert "11 persone" in html


def test_others_without_field_work_do_not_see_it(client: Client, world: CaseWorld) -> None:
    place = PlaceFactory.create(node=world.spoke_a1)
    OutreachSessionFactory.create(place=place)
    for user in (world.worker_c, world.monitor, world.body_admin):
        login(client, user)
        assert 'data-testid="outreach-home"' not in client.get("/").text, user
    # a hub colleague sees it once the hub's spoke goes out
    login(client, world.colleague)
    assert 'data-testid="outreach-home"' in client.get("/").text


def test_spoke_operator_with_nothing_yet_still_finds_the_field_page(
    client: Client, world: CaseWorld
) -> None:
    login(client, world.spoke_operator)
    html = client.get("/").text
    assert "Nessuna uscita programmata." in html and 'href="/campo/"' in html
