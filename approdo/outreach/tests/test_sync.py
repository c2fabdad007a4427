"""The field sync API: retries create nothing, conflicts never overwrite, invalid records are
reported in Italian while the others save, and the caller's scope is enforced."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from approdo.accounts.models import User
from approdo.cases.models import Referral, ReferralStatus
from approdo.cases.tests.factories import CaseWorld, login, make_case_world
from approdo.outreach import services
from approdo.outreach.models import FirstContact, Headcount, OutreachSession, Place
from approdo.outreach.tests.factories import AwarenessMaterialFactory, PlaceFactory

pytestmark = pytest.mark.django_db

SYNC = "/api/v1/outreach/sync/"


@pytest.fixture
def world() -> CaseWorld:
    return make_case_world()


@pytest.fixture
def place(world: CaseWorld) -> Place:
    return PlaceFactory.create(node=world.spoke_a1, name="Borgo Mezzanone ex pista")


def _payload(world: CaseWorld, place: Place, **extra: Any) -> dict[str, Any]:
    session: dict[str, Any] = {
        "client_id": str(uuid.uuid4()),
        "base_version": None,
        "node": world.spoke_a1.pk,
        "place": place.pk,
        "date": timezone.localdate().isoformat(),
        "starts_at": "09:00",
        "ends_at": "12:30",
        "status": "done",
        "with_mediator": True,
        "languages": ["ar"],
        "vehicle": "Camper",
        "other_team": "",
        "notes": "",
        "headcounts": [
            {
                "client_id": str(uuid.uuid4()),
                "sex": "male",
                "age_band": "18_29",
                "nationality": "ML",
                "count": 7,
            },
            {
                "client_id": str(uuid.uuid4()),
                "sex": "female",
                "age_band": "30_54",
                "nationality": "",
                "count": 2,
            },
        ],
        "services": [{"client_id": str(uuid.uuid4()), "kind": "information", "people": 5}],
        "handouts": [],
        "first_contacts": [
            {
                "client_id": str(uuid.uuid4()),
                "name": "Amadou",
                "phone": "3331234567",
                "language": "ar",
                "needs": "Documenti scaduti",
            },
            {"client_id": str(uuid.uuid4()), "name": "Moussa", "needs": ""},
        ],
    }
    session.update(extra)
    return {"sessions": [session]}


def _post(client: Client, body: dict[str, Any]) -> Any:
    return client.post(SYNC, body, content_type="application/json")


def _client(user: User, **kwargs: Any) -> Client:
    """A signed-in client (the second factor is given once per user)."""
    from allauth.mfa.models import Authenticator

    client = Client(**kwargs)
    if Authenticator.objects.filter(user=user).exists():
        client.force_login(user)
        return client
    return login(client, user)


def test_sync_creates_everything_and_a_retry_creates_nothing(world: CaseWorld, place: Place):
    client = _client(world.spoke_operator)
    body = _payload(world, place)
    response = _post(client, body)
    assert response.status_code == 200, response.content
    result = response.json()["sessions"][0]
    assert result["status"] == "created" and result["version"] == 1
    assert [h["status"] for h in result["headcounts"]] == ["created", "created"]
    assert result["services"][0]["status"] == "created"
    contacts = result["first_contacts"]
    assert [c["status"] for c in contacts] == ["created", "created"]
    assert all(c["case_reference"].startswith(world.hub_a.code) for c in contacts)
    assert all(c["referral_id"] for c in contacts)
    session = OutreachSession.objects.get()
    assert list(session.team.all()) == [world.spoke_operator]
    assert [lang.code for lang in session.languages.all()] == ["ar"]
    assert Headcount.objects.count() == 2
    referrals = Referral.objects.filter(to_node=world.hub_a, status=ReferralStatus.SENT)
    assert referrals.count() == 2

    retry = _post(client, body).json()["sessions"][0]
    assert retry["status"] == "unchanged" and retry["id"] == session.pk
    assert {h["status"] for h in retry["headcounts"]} == {"unchanged"}
    assert {c["status"] for c in retry["first_contacts"]} == {"unchanged"}
    assert retry["first_contacts"][0]["case_reference"] == contacts[0]["case_reference"]
    assert OutreachSession.objects.count() == 1
    assert Headcount.objects.count() == 2
    assert FirstContact.objects.count() == 2 and Referral.objects.count() == 2


def test_update_with_the_right_version(world: CaseWorld, place: Place):
    client = _client(world.spoke_operator)
    body = _payload(world, place, first_contacts=[])
    first = _post(client, body).json()["sessions"][0]
    session_data = body["sessions"][0]
    session_data["base_version"] = first["version"]
    session_data["notes"] = "Acqua finita"
    session_data["headcounts"][0]["base_version"] = first["headcounts"][0]["version"]
    session_data["headcounts"][0]["count"] = 9
    result = _post(client, body).json()["sessions"][0]
    assert result["status"] == "updated" and result["version"] == 2
    assert result["headcounts"][0]["status"] == "updated"
    assert result["headcounts"][1]["status"] == "unchanged"
    assert OutreachSession.objects.get().notes == "Acqua finita"
    assert Headcount.objects.get(count=9)


def test_conflict_returns_server_values_and_changes_nothing(world: CaseWorld, place: Place):
    client = _client(world.spoke_operator)
    body = _payload(world, place, first_contacts=[])
    first = _post(client, body).json()["sessions"][0]
    session = OutreachSession.objects.get()
    # meanwhile, at the office, the coordinator edits the session and a count
    services.session_save(
        actor=world.coordinator,
        node=world.spoke_a1,
        place=place,
        date=session.date,
        starts_at=session.starts_at,
        ends_at=session.ends_at,
        with_mediator=True,
        languages=list(session.languages.all()),
        vehicle="Camper",
        notes="Corretto in ufficio",
        session=session,
        expected_version=1,
    )
    headcount = Headcount.objects.get(sex="male")
    services.headcount_set(
        actor=world.coordinator,
        session=session,
        sex="male",
        age_band="18_29",
        nationality="ML",
        count=11,
        client_id=headcount.client_id,
        expected_version=1,
    )
    session_data = body["sessions"][0]
    session_data["base_version"] = first["version"]
    session_data["notes"] = "Scritto sul telefono"
    session_data["headcounts"][0]["base_version"] = 1
    session_data["headcounts"][0]["count"] = 8
    result = _post(client, body).json()["sessions"][0]
    assert result["status"] == "conflict"
    assert result["server"]["notes"] == "Corretto in ufficio"
    assert result["server"]["version"] == 2
    child = result["headcounts"][0]
    assert child["status"] == "conflict" and child["server"]["count"] == 11
    session.refresh_from_db()
    headcount.refresh_from_db()
    assert session.notes == "Corretto in ufficio" and headcount.count == 11

    # "keep mine": the phone sends again on the server's versions
    session_data["base_version"] = 2
    session_data["headcounts"][0]["base_version"] = 2
    result = _post(client, body).json()["sessions"][0]
    assert result["status"] == "updated" and result["headcounts"][0]["status"] == "updated"
    session.refresh_from_db()
    headcount.refresh_from_db()
    assert session.notes == "Scritto sul telefono" and headcount.count == 8


def test_invalid_child_is_reported_in_italian_while_others_save(world: CaseWorld, place: Place):
    client = _client(world.spoke_operator)
    body = _payload(world, place)
    session_data = body["sessions"][0]
    session_data["headcounts"][1]["nationality"] = "XX"
    session_data["first_contacts"][1]["phone"] = "12"
    result = _post(client, body).json()["sessions"][0]
    assert result["status"] == "created"
    assert result["headcounts"][0]["status"] == "created"
    bad_count = result["headcounts"][1]
    assert bad_count["status"] == "invalid"
    assert bad_count["errors"] == {"nationality": "Cittadinanza non valida."}
    bad_contact = result["first_contacts"][1]
    assert bad_contact["status"] == "invalid"
    assert "Numero di telefono non valido" in bad_contact["errors"]["phone"]
    assert Headcount.objects.count() == 1
    assert FirstContact.objects.count() == 1 and Referral.objects.count() == 1


def test_invalid_session_saves_none_of_its_records(world: CaseWorld, place: Place):
    client = _client(world.spoke_operator)
    tomorrow = (timezone.localdate() + dt.timedelta(days=1)).isoformat()
    body = _payload(world, place, date=tomorrow)
    result = _post(client, body).json()["sessions"][0]
    assert result["status"] == "invalid"
    assert result["errors"]["date"] == "Un'uscita svolta non può essere nel futuro."
    assert {h["status"] for h in result["headcounts"]} == {"invalid"}
    assert not OutreachSession.objects.exists() and not FirstContact.objects.exists()


def test_handouts_and_unknown_material(world: CaseWorld, place: Place):
    material = AwarenessMaterialFactory.create()
    client = _client(world.spoke_operator)
    body = _payload(
        world,
        place,
        first_contacts=[],
        handouts=[
            {"client_id": str(uuid.uuid4()), "material": material.pk, "quantity": 30},
            {"client_id": str(uuid.uuid4()), "material": 999999, "quantity": 3},
        ],
    )
    result = _post(client, body).json()["sessions"][0]
    assert [h["status"] for h in result["handouts"]] == ["created", "invalid"]
    assert "Materiale non trovato" in result["handouts"][1]["errors"]["material"]


def test_outsider_node_is_404_and_monitor_403(world: CaseWorld, place: Place):
    body = _payload(world, place)
    response = _post(_client(world.other_body), body)
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    assert _post(_client(world.monitor), body).status_code == 403
    assert not OutreachSession.objects.exists()


def test_someone_elses_session_client_id_is_404(world: CaseWorld, place: Place):
    body = _payload(world, place, first_contacts=[])
    _post(_client(world.spoke_operator), body)
    # hub B's worker reuses the client id with a node of their own
    other_place = PlaceFactory.create(node=world.hub_b)
    body["sessions"][0].update(node=world.hub_b.pk, place=other_place.pk)
    assert _post(_client(world.other_body), body).status_code == 404


def test_bad_input_is_a_problem_400(world: CaseWorld, place: Place):
    client = _client(world.spoke_operator)
    for body in (
        {"sessions": [{"client_id": "not-a-uuid"}]},
        {"sessions": "x"},
        {},
        _payload(world, place, status="cancelled"),
    ):
        response = _post(client, body)
        if response.status_code == 200:
            # cancelling is for the office: the session is refused, not a server error
            assert response.json()["sessions"][0]["status"] == "invalid"
            continue
        assert response.status_code == 400, body
        assert response["Content-Type"] == "application/problem+json"
        assert response.json()["errors"]
    assert not OutreachSession.objects.exists()


def test_session_auth_needs_the_csrf_token(world: CaseWorld, place: Place):
    client = _client(world.spoke_operator, enforce_csrf_checks=True)
    body = _payload(world, place, first_contacts=[])
    assert _post(client, body).status_code == 403
    client.get("/campo/")
    token = client.cookies["csrftoken"].value
    response = client.post(
        SYNC, body, content_type="application/json", headers={"X-CSRFToken": token}
    )
    assert response.status_code == 200
    assert OutreachSession.objects.count() == 1


def test_field_context_and_session_reads(world: CaseWorld, place: Place):
    client = _client(world.spoke_operator)
    _post(client, _payload(world, place, first_contacts=[]))
    context = client.get("/api/v1/outreach/field-context/").json()
    assert [n["id"] for n in context["nodes"]] == [world.spoke_a1.pk]
    assert place.pk in [p["id"] for p in context["places"]]
    assert context["sessions"][0]["headcounts"]
    assert "Amadou" not in str(context)
    listing = client.get("/api/v1/outreach/sessions/").json()
    assert listing["count"] == 1
    pk = listing["results"][0]["id"]
    detail = client.get(f"/api/v1/outreach/sessions/{pk}/")
    assert detail.status_code == 200 and detail.json()["headcount_total"] == 9
    assert _client(world.other_body).get(f"/api/v1/outreach/sessions/{pk}/").status_code == 404
    assert _client(world.other_body).get("/api/v1/outreach/sessions/").json()["count"] == 0
    assert _client(world.monitor).get("/api/v1/outreach/sessions/").status_code == 403
    assert _client(world.monitor).get("/api/v1/outreach/field-context/").status_code == 403
    assert client.get("/api/v1/outreach/sessions/?foo=1").status_code == 400
