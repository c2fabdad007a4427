"""The helpdesk API: helpdesk only, never the way to call back, problem+json errors."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from approdo.accounts.models import User
from approdo.audit.models import AccessLog
from approdo.cases.models import ExternalBodyKind, ExternalService
from approdo.cases.tests.factories import CaseWorld, login, make_case_world
from approdo.helpdesk import services
from approdo.helpdesk.models import Contact, Urgency
from approdo.helpdesk.tests.factories import helpdesk_operator, make_contact

pytestmark = pytest.mark.django_db

PHONE = "+39 333 5554443"
CONTACTS = "/api/v1/helpdesk/contacts/"
TASKS = "/api/v1/helpdesk/tasks/"
SERVICES = "/api/v1/helpdesk/services/"


@pytest.fixture
def world() -> CaseWorld:
    return make_case_world()


@pytest.fixture
def operator() -> User:
    return helpdesk_operator()


def _client(user: User) -> Client:
    return login(Client(), user)


def test_matrix(world: CaseWorld, operator: User) -> None:
    contact = make_contact(operator, phone=PHONE)
    urls = [CONTACTS, f"{CONTACTS}{contact.pk}/", TASKS]
    ok = _client(operator)
    for url in [*urls, SERVICES]:
        assert ok.get(url).status_code == 200, url
    hub = _client(world.manager)
    monitor = _client(world.monitor)
    for url in urls:
        response = hub.get(url)
        assert response.status_code == 404
        assert response["Content-Type"] == "application/problem+json"
        assert monitor.get(url).status_code == 403
    assert hub.get(SERVICES).status_code == 200
    assert monitor.get(SERVICES).status_code == 403
    assert Client().get(CONTACTS).status_code == 401
    assert hub.post(CONTACTS, {}, content_type="application/json").status_code == 404


def test_reporter_never_in_the_api(world: CaseWorld, operator: User) -> None:
    contact = make_contact(operator, phone=PHONE, email="chi@example.org")
    services.contact_take(actor=operator, contact=contact, expected_version=contact.version)
    client = _client(operator)
    listing = client.get(CONTACTS).content.decode()
    detail = client.get(f"{CONTACTS}{contact.pk}/").content.decode()
    tasks = client.get(TASKS).content.decode()
    for body in (listing, detail, tasks):
        assert PHONE not in body and "chi@example.org" not in body
    assert AccessLog.objects.filter(
        record_id=str(contact.pk), purpose="api.helpdesk.contact.detail"
    ).exists()


def test_create_and_filter(world: CaseWorld, operator: User) -> None:
    client = _client(operator)
    response = client.post(
        CONTACTS,
        json.dumps(
            {
                "channel": "email",
                "message": "Chiedo informazioni sul permesso di soggiorno.",
                "needs": ["documents"],
                "urgency": "high",
                "language": "ar",
                "anonymous": True,
                "region": world.puglia.pk,
            }
        ),
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["reference"].startswith("HD-") and body["name"] == ""
    assert body["needs"] == ["documents"] and body["language"] == "ar"
    contact = Contact.objects.get(pk=body["id"])
    assert contact.received_by == operator
    high = client.get(CONTACTS, {"urgency": Urgency.HIGH}).json()
    assert [row["id"] for row in high["results"]] == [contact.pk]


def test_bad_input_is_a_problem(world: CaseWorld, operator: User) -> None:
    client = _client(operator)
    response = client.post(
        CONTACTS,
        json.dumps(
            {"channel": "phone", "message": "x", "needs": [], "anonymous": True, "name": "A"}
        ),
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert "name" in response.json()["errors"]
    bad = client.post(CONTACTS, json.dumps({"channel": "fax"}), content_type="application/json")
    assert bad.status_code == 400 and "channel" in bad.json()["errors"]
    assert client.get(CONTACTS, {"regione": 1}).status_code == 400
    assert client.get(TASKS, {"scope": "nobody"}).status_code == 400
    assert not Contact.objects.exists()


def test_services_search(world: CaseWorld, operator: User) -> None:
    ExternalService.objects.create(
        name="CGIL Foggia", kind=ExternalBodyKind.UNION, region=world.puglia, phone="0881 1"
    )
    ExternalService.objects.create(
        name="Ufficio chiuso", kind=ExternalBodyKind.UNION, region=world.puglia, active=False
    )
    rows = _client(operator).get(SERVICES, {"kind": "union"}).json()["results"]
    assert [row["name"] for row in rows] == ["CGIL Foggia"]
    assert rows[0]["phone"] == "0881 1" and rows[0]["region_name"] == "Puglia"
