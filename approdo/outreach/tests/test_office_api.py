"""Office API: places, map GeoJSON, events and campaigns, scoped like the pages."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from approdo.cases.tests.factories import login
from approdo.outreach import awareness_services as svc
from approdo.outreach.tests.factories import HeadcountFactory, OutreachSessionFactory
from approdo.outreach.tests.test_places import OfficeWorld, make_office_world

pytestmark = pytest.mark.django_db
API = "/api/v1/outreach"


@pytest.fixture
def o() -> OfficeWorld:
    return make_office_world()


def test_places_list_and_detail_are_scoped(client: Client, o: OfficeWorld) -> None:
    login(client, o.w.spoke_operator)
    body = client.get(f"{API}/places/").json()
    assert [p["name"] for p in body["results"]] == ["Ghetto di Borgo Mezzanone"]
    assert body["results"][0]["season_months"] == [6, 7, 8, 9]
    assert client.get(f"{API}/places/{o.place.pk}/").json()["node"]["id"] == o.w.spoke_a1.pk
    assert client.get(f"{API}/places/{o.place_c.pk}/").status_code == 404


def test_bad_filters_are_problems(client: Client, o: OfficeWorld) -> None:
    login(client, o.w.spoke_operator)
    for query in ("kind=castle", "regione=3", "node=abc"):
        response = client.get(f"{API}/places/?{query}")
        assert response.status_code == 400
        assert response["Content-Type"].startswith("application/problem+json")
    assert client.get(f"{API}/events/?date_from=ieri").status_code == 400
    assert client.get(f"{API}/places.geojson?days=7").status_code == 400


def test_geojson_counts(client: Client, o: OfficeWorld) -> None:
    session = OutreachSessionFactory.create(place=o.place, date=dt.date.today())
    HeadcountFactory.create(session=session, count=9)
    login(client, o.w.monitor)
    body = client.get(f"{API}/places.geojson?days=30").json()
    assert body["type"] == "FeatureCollection"
    props = body["features"][0]["properties"]
    assert (props["sessions"], props["people"]) == (1, 9)


def test_events_and_campaigns(client: Client, o: OfficeWorld) -> None:
    c = svc.campaign_save(
        actor=o.w.coordinator, name="Estate", node=o.w.hub_a, starts_on=dt.date(2026, 6, 1)
    )
    svc.event_save(
        actor=o.w.spoke_operator,
        title="Info point",
        node=o.w.spoke_a1,
        date=dt.date(2026, 6, 10),
        audience="workers",
        campaign=c,
        place=o.place,
        people_reached=20,
    )
    login(client, o.w.monitor)
    events = client.get(f"{API}/events/?audience=workers").json()["results"]
    assert [e["title"] for e in events] == ["Info point"]
    assert client.get(f"{API}/events/?audience=schools").json()["results"] == []
    assert [x["name"] for x in client.get(f"{API}/campaigns/").json()["results"]] == ["Estate"]
    login(client, o.w.worker_c)
    assert client.get(f"{API}/events/").json()["results"] == []
