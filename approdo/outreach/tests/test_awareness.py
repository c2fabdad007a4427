"""Awareness campaigns and events: services, scoping, totals per node, pages."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.test import Client
from django.urls import reverse

from approdo.audit.models import AuditEvent
from approdo.cases.tests.factories import login
from approdo.core.concurrency import StaleEditError
from approdo.outreach import awareness_services as svc
from approdo.outreach.models import AwarenessEvent, AwarenessMaterial, Campaign
from approdo.outreach.tests.test_places import OfficeWorld, make_office_world

pytestmark = pytest.mark.django_db
DAY = dt.date(2026, 6, 15)


@pytest.fixture
def o() -> OfficeWorld:
    return make_office_world()


def event_values(o: OfficeWorld, **overrides: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "title": "Info point al mercato",
        "node": o.w.spoke_a1,
        "date": DAY,
        "audience": "workers",
        "municipality": o.w.hub_a.municipality,
        "venue": "Mercato coperto",
        "people_reached": 45,
    }
    values.update(overrides)
    return values


def campaign(o: OfficeWorld) -> Campaign:
    return svc.campaign_save(
        actor=o.w.coordinator,
        name="Estate sicura",
        node=o.w.hub_a,
        starts_on=dt.date(2026, 6, 1),
        ends_on=dt.date(2026, 9, 30),
        materials=AwarenessMaterial.objects.filter(active=True)[:2],
    )


def test_seeded_catalogue_has_the_materials() -> None:
    names = set(AwarenessMaterial.objects.values_list("name", flat=True))
    assert "Biglietto con il numero dell'helpdesk" in names
    assert "Kit igiene" in names


def test_event_with_campaign_is_audited(o: OfficeWorld) -> None:
    c = campaign(o)
    event = svc.event_save(actor=o.w.spoke_operator, campaign=c, **event_values(o))
    assert event.campaign == c
    assert AuditEvent.objects.filter(action="outreach.event.created").exists()
    assert AuditEvent.objects.filter(action="outreach.campaign.created").exists()


def test_place_from_the_registry_gives_the_municipality(o: OfficeWorld) -> None:
    event = svc.event_save(
        actor=o.w.spoke_operator,
        **event_values(o, place=o.place, municipality=None, venue=""),
    )
    assert event.municipality == o.place.municipality


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"municipality": None}, "municipality"),
        ({"venue": ""}, "venue"),
        ({"people_reached": 200000}, "people_reached"),
        ({"title": " "}, "title"),
        ({"date": dt.date(2026, 12, 1), "with_campaign": True}, "date"),
    ],
)
def test_event_validation(o: OfficeWorld, overrides: dict[str, Any], field: str) -> None:
    if overrides.pop("with_campaign", False):
        overrides["campaign"] = campaign(o)
    with pytest.raises(ValidationError) as exc:
        svc.event_save(actor=o.w.spoke_operator, **event_values(o, **overrides))
    assert field in exc.value.error_dict
    assert not AwarenessEvent.objects.exists()


def test_campaign_end_before_start_is_refused(o: OfficeWorld) -> None:
    with pytest.raises(ValidationError) as exc:
        svc.campaign_save(
            actor=o.w.manager,
            name="X",
            node=o.w.hub_a,
            starts_on=dt.date(2026, 6, 1),
            ends_on=dt.date(2026, 5, 1),
        )
    assert "ends_on" in exc.value.error_dict


def test_writers_only(o: OfficeWorld) -> None:
    with pytest.raises(PermissionDenied):
        svc.event_save(actor=o.w.monitor, **event_values(o))
    with pytest.raises(Http404):
        svc.event_save(actor=o.w.worker_c, **event_values(o))


def test_stale_event_edit(o: OfficeWorld) -> None:
    event = svc.event_save(actor=o.w.spoke_operator, **event_values(o))
    version = event.version
    svc.event_save(
        actor=o.w.spoke_operator,
        event=event,
        expected_version=version,
        **event_values(o, people_reached=50),
    )
    with pytest.raises(StaleEditError):
        svc.event_save(
            actor=o.w.coordinator,
            event=event,
            expected_version=version,
            **event_values(o, people_reached=70),
        )
    event.refresh_from_db()
    assert event.people_reached == 50
    changes = AuditEvent.objects.get(action="outreach.event.updated").changes
    assert changes["people_reached"] == {"old": 45, "new": 50}


def test_list_totals_per_node_for_monitors(client: Client, o: OfficeWorld) -> None:
    svc.event_save(actor=o.w.spoke_operator, **event_values(o))
    svc.event_save(actor=o.w.spoke_operator, **event_values(o, title="Festa", people_reached=5))
    svc.event_save(
        actor=o.w.coordinator_c,
        **event_values(o, node=o.w.hub_c, title="Ragusa", municipality=o.w.hub_c.municipality),
    )
    login(client, o.w.monitor)
    page = client.get(reverse("outreach:event_list"))
    assert page.status_code == 200
    assert 'data-testid="total-events">2<' in page.text
    assert 'data-testid="total-people">50<' in page.text
    assert "Ragusa" not in page.text
    filtered = client.get(reverse("outreach:event_list"), {"date_from": "2026-07-01"})
    assert 'data-testid="total-events">0<' in filtered.text
    assert client.get(reverse("outreach:event_create")).status_code == 403


def test_event_pages_trio(client: Client, o: OfficeWorld) -> None:
    event = svc.event_save(actor=o.w.spoke_operator, **event_values(o))
    url = reverse("outreach:event_detail", args=[event.pk])
    login(client, o.w.manager)
    assert "Mercato coperto" in client.get(url).text
    login(client, o.w.worker_c)
    assert client.get(url).status_code == 404
    login(client, o.w.monitor)
    page = client.get(url)
    assert page.status_code == 200 and 'data-testid="event-edit"' not in page.text
    assert client.get(reverse("outreach:event_edit", args=[event.pk])).status_code == 403


def test_create_event_and_campaign_through_the_forms(client: Client, o: OfficeWorld) -> None:
    login(client, o.w.spoke_operator)
    response = client.post(
        reverse("outreach:campaign_create"),
        {"name": "Inverno", "node": o.w.spoke_a1.pk, "starts_on": "2026-11-01"},
    )
    c = Campaign.objects.get(name="Inverno")
    assert response.status_code == 302
    response = client.post(
        reverse("outreach:event_create"),
        {
            "title": "Incontro in moschea",
            "node": o.w.spoke_a1.pk,
            "campaign": c.pk,
            "date": "2026-11-20",
            "place": o.place.pk,
            "audience": "community",
            "people_reached": "30",
        },
    )
    assert response.status_code == 302
    assert AwarenessEvent.objects.get().campaign == c
    bad = client.post(
        reverse("outreach:event_create"),
        {
            "title": "Senza luogo",
            "node": o.w.spoke_a1.pk,
            "date": "2026-11-20",
            "audience": "community",
            "people_reached": "3",
        },
    )
    assert "Scegli un luogo censito oppure indica il comune." in bad.text


def test_stale_campaign_form(client: Client, o: OfficeWorld) -> None:
    c = campaign(o)
    login(client, o.w.coordinator)
    url = reverse("outreach:campaign_edit", args=[c.pk])
    data = {
        "name": "Estate 2026",
        "node": o.w.hub_a.pk,
        "starts_on": "2026-06-01",
        "version": c.version,
    }
    assert client.post(url, data).status_code == 302
    response = client.post(url, {**data, "name": "Altro"})
    assert "Qualcun altro ha modificato questo record" in response.text
    c.refresh_from_db()
    assert c.name == "Estate 2026"


def test_campaign_list_and_page(client: Client, o: OfficeWorld) -> None:
    c = campaign(o)
    svc.event_save(actor=o.w.spoke_operator, campaign=c, **event_values(o))
    login(client, o.w.monitor)
    listing = client.get(reverse("outreach:campaign_list"), {"audience": "workers"})
    assert "Estate sicura" in listing.text
    page = client.get(reverse("outreach:campaign_detail", args=[c.pk]))
    assert 'data-testid="campaign-people">45<' in page.text
    assert 'data-testid="campaign-edit"' not in page.text
    login(client, o.w.worker_c)
    assert client.get(reverse("outreach:campaign_detail", args=[c.pk])).status_code == 404
