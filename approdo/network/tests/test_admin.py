"""The registry's admin pages: every model is there, and every save or delete is audited."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.contrib import admin
from django.test import Client
from django.urls import reverse

from approdo.accounts.models import User
from approdo.accounts.tests.factories import UserFactory
from approdo.audit.models import AuditEvent
from approdo.core.admin import AuditedModelAdmin
from approdo.network import models
from approdo.network.tests.factories import LanguageFactory, ServiceAreaFactory

pytestmark = pytest.mark.django_db

NETWORK_MODELS = [
    models.Programme,
    models.Region,
    models.Province,
    models.Municipality,
    models.ManagingBody,
    models.Procedure,
    models.Contract,
    models.ServiceArea,
    models.Language,
    models.Node,
    models.Professional,
    models.RegionalTarget,
]


@pytest.fixture
def superuser(db: Any) -> User:
    return UserFactory.create(is_staff=True, is_superuser=True)


@pytest.fixture
def admin_client(login: Any, superuser: User) -> Client:
    return login(superuser)


def test_every_network_model_has_an_audited_admin():
    for model in NETWORK_MODELS:
        assert isinstance(admin.site._registry.get(model), AuditedModelAdmin), model


@pytest.mark.parametrize("model", NETWORK_MODELS, ids=lambda m: m._meta.model_name)
def test_admin_list_and_add_pages_open(network, admin_client, model):
    opts = model._meta
    changelist = admin_client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"))
    assert changelist.status_code == 200
    add = admin_client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_add"))
    assert add.status_code == 200


def test_admin_node_change_page_opens_and_finds_municipalities(network, admin_client):
    url = reverse("admin:network_node_change", args=[network.hub_a.pk])
    assert admin_client.get(url).status_code == 200
    found = admin_client.get(
        reverse("admin:autocomplete"),
        {"app_label": "network", "model_name": "node", "field_name": "municipality", "term": "Fog"},
    )
    assert [r["text"] for r in found.json()["results"]] == ["Foggia (FG)"]


def test_admin_add_writes_a_created_event(admin_client, superuser):
    response = admin_client.post(
        reverse("admin:network_language_add"),
        {"code": "nus", "name_it": "Nuer", "name_en": "Nuer", "position": 5},
    )
    assert response.status_code == 302
    language = models.Language.objects.get(code="nus")
    event = AuditEvent.objects.get(action="network.language.created")
    assert event.actor == superuser
    assert event.target_id == str(language.pk)
    assert event.changes["name_it"] == {"old": None, "new": "Nuer"}


def test_admin_change_writes_an_updated_event_with_old_and_new_values(admin_client):
    language = LanguageFactory.create(code="kri", name_it="Krio", name_en="Krio")
    response = admin_client.post(
        reverse("admin:network_language_change", args=[language.pk]),
        {"code": "kri", "name_it": "Krio (Sierra Leone)", "name_en": "Krio", "position": 0},
    )
    assert response.status_code == 302
    event = AuditEvent.objects.get(action="network.language.updated")
    assert event.changes == {"name_it": {"old": "Krio", "new": "Krio (Sierra Leone)"}}


def node_form(node: models.Node, **overrides: Any) -> dict[str, Any]:
    hours = list(node.opening_hours.all())
    data: dict[str, Any] = {
        "code": node.code,
        "name": node.name,
        "programme": node.programme_id,
        "kind": node.kind,
        "spoke_kind": node.spoke_kind,
        "parent_hub": node.parent_hub_id or "",
        "localisation": node.localisation,
        "region": node.region_id,
        "municipality": node.municipality_id,
        "address": node.address,
        "latitude": node.latitude,
        "longitude": node.longitude,
        "phone": node.phone,
        "email": node.email,
        "managing_bodies": [b.pk for b in node.managing_bodies.all()],
        "areas": [a.pk for a in node.areas.all()],
        "languages": [lang.pk for lang in node.languages.all()],
        "active_from": node.active_from.isoformat(),
        "active_until": "",
        "notes": node.notes,
        "opening_hours-TOTAL_FORMS": len(hours),
        "opening_hours-INITIAL_FORMS": len(hours),
        "opening_hours-MIN_NUM_FORMS": 0,
        "opening_hours-MAX_NUM_FORMS": 1000,
    }
    for i, slot in enumerate(hours):
        data.update(
            {
                f"opening_hours-{i}-id": slot.pk,
                f"opening_hours-{i}-node": node.pk,
                f"opening_hours-{i}-weekday": slot.weekday,
                f"opening_hours-{i}-opens_at": slot.opens_at.strftime("%H:%M"),
                f"opening_hours-{i}-closes_at": slot.closes_at.strftime("%H:%M"),
                f"opening_hours-{i}-note": slot.note,
            }
        )
    data.update(overrides)
    return data


def test_admin_node_save_with_inline_is_one_event_filed_under_the_node(network, admin_client):
    hub = network.hub_a
    data = node_form(
        hub,
        phone="0881 000000",
        **{
            "opening_hours-TOTAL_FORMS": 2,
            "opening_hours-1-weekday": 3,
            "opening_hours-1-opens_at": "15:00",
            "opening_hours-1-closes_at": "18:00",
            "opening_hours-1-note": "",
        },
    )
    response = admin_client.post(reverse("admin:network_node_change", args=[hub.pk]), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    hub.refresh_from_db()
    assert hub.phone == "0881 000000" and hub.opening_hours.count() == 2
    # A versioned record changed in the admin makes forms opened before it stale.
    assert hub.version == 2
    (event,) = AuditEvent.objects.filter(action="network.node.updated")
    assert event.node_id == hub.pk
    assert event.changes["phone"] == {"old": "0881 123456", "new": "0881 000000"}
    assert event.changes["inlines"] == {
        "openinghours": {
            "added": [
                str(models.OpeningHours(weekday=3, opens_at=dt.time(15), closes_at=dt.time(18)))
            ]
        }
    }


def test_admin_delete_writes_a_deleted_event(admin_client):
    area = ServiceAreaFactory.create(code="street-outreach", name_it="Unità di strada")
    response = admin_client.post(
        reverse("admin:network_servicearea_delete", args=[area.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    assert not models.ServiceArea.objects.filter(pk=area.pk).exists()
    event = AuditEvent.objects.get(action="network.servicearea.deleted")
    assert event.target_id == str(area.pk) and event.target_label == "Unità di strada"


def test_admin_bulk_delete_writes_one_event_per_row(admin_client):
    areas = [ServiceAreaFactory.create() for _ in range(3)]
    response = admin_client.post(
        reverse("admin:network_servicearea_changelist"),
        {"action": "delete_selected", "_selected_action": [a.pk for a in areas], "post": "yes"},
    )
    assert response.status_code == 302
    deleted = AuditEvent.objects.filter(action="network.servicearea.deleted")
    assert sorted(deleted.values_list("target_id", flat=True)) == sorted(str(a.pk) for a in areas)


def test_admin_refuses_a_save_over_a_newer_version(client, admin_user):
    from approdo.accounts.tests.factories import give_totp
    from approdo.network.models import ManagingBody
    from approdo.network.tests.factories import ManagingBodyFactory

    give_totp(admin_user)
    client.force_login(admin_user)
    body = ManagingBodyFactory(name="Cooperativa Prima")
    url = reverse("admin:network_managingbody_change", args=[body.pk])
    form = client.get(url).context["adminform"].form
    data = {name: form[name].value() or "" for name in form.fields}
    # Someone else saves first.
    ManagingBody.objects.filter(pk=body.pk).update(name="Cooperativa Seconda", version=2)
    data["name"] = "Cooperativa Terza"
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Qualcun altro ha modificato questo record" in response.content.decode()
    body.refresh_from_db()
    assert body.name == "Cooperativa Seconda"


def test_user_change_page_still_uses_djangos_user_form(client, admin_user):
    from approdo.accounts.tests.factories import give_totp

    give_totp(admin_user)
    client.force_login(admin_user)
    page = client.get(reverse("admin:accounts_user_change", args=[admin_user.pk]))
    assert page.status_code == 200
    assert "password" in page.content.decode()
