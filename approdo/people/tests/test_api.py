"""The people read API: scoping, access log, query parameters, pagination and schema."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import yaml
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from approdo.accounts.models import User
from approdo.accounts.roles import Role
from approdo.accounts.tests.factories import give_totp, user_with_role
from approdo.api.problems import PROBLEM_CONTENT_TYPE
from approdo.api.tests.network import token_header
from approdo.audit.models import AccessLog
from approdo.people.api import API_DETAIL_PURPOSE
from approdo.people.models import (
    AliasKind,
    Consent,
    ConsentPurpose,
    DocumentKind,
    IdentityDocument,
    InformationNotice,
    PermitType,
    Person,
    PersonAlias,
    PersonLanguage,
    PhoneNumber,
)
from approdo.people.tests.factories import PersonFactory, World, make_world

pytestmark = pytest.mark.django_db

API = "/api/v1/people/"


@pytest.fixture
def world() -> World:
    return make_world()


def detail_url(person: Person) -> str:
    return f"{API}{person.pk}/"


def problem(response: Any, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.content
    assert response["Content-Type"] == PROBLEM_CONTENT_TYPE
    body: dict[str, Any] = response.json()
    assert body["status"] == status
    return body


def get(client: Client, url: str, user: User | None, **params: Any) -> Any:
    headers = token_header(user) if user is not None else {}
    return client.get(url, params, headers=headers)


# --- permission matrix ----------------------------------------------------------------------

# (user attribute of the World or None for anonymous, status on person A's card, on the list)
MATRIX: list[tuple[str | None, int, int]] = [
    ("spoke_operator", 200, 200),  # same node
    ("worker_a", 200, 200),  # hub A's worker: the spoke is in hub A's scope
    ("coordinator_a", 200, 200),  # hub coordinator over a spoke's person
    ("worker_b", 404, 200),  # another hub
    ("body_admin_b", 403, 403),  # another managing body's admin: no person-data role
    ("monitor", 403, 403),  # regional monitor
    (None, 401, 401),  # anonymous
]


@pytest.mark.parametrize(("who", "card", "listing"), MATRIX)
def test_permission_matrix(
    client: Client, world: World, who: str | None, card: int, listing: int
) -> None:
    user: User | None = getattr(world, who) if who else None
    detail = get(client, detail_url(world.person_a), user)
    rows = get(client, API, user)
    for response, status in ((detail, card), (rows, listing)):
        if status == 200:
            assert response.status_code == 200, response.content
        else:
            problem(response, status)
    if listing == 200:
        ids = {row["id"] for row in rows.json()["results"]}
        assert (world.person_a.pk in ids) is (card == 200)
        assert (world.person_b.pk in ids) is (who == "worker_b")


def test_anonymous_is_told_how_to_authenticate(client: Client, world: World) -> None:
    response = client.get(API)
    problem(response, 401)
    assert response["WWW-Authenticate"] == "Token"


def test_session_without_second_factor_is_a_403(client: Client, world: World) -> None:
    client.force_login(world.worker_a)
    problem(client.get(detail_url(world.person_a)), 403)
    problem(client.get(API), 403)
    assert not AccessLog.objects.exists()


def test_session_with_second_factor_passes(client: Client, world: World) -> None:
    give_totp(world.worker_a)
    client.force_login(world.worker_a)
    assert client.get(detail_url(world.person_a)).status_code == 200


def test_helpdesk_operator_does_not_read_hub_records(client: Client, world: World) -> None:
    # The helpdesk works on its own contacts; a hub's people are not its files.
    helpdesk = user_with_role(Role.HELPDESK_OPERATOR)
    problem(get(client, detail_url(world.person_b), helpdesk), 404)


def test_missing_person_is_the_same_404_as_an_outsiders(client: Client, world: World) -> None:
    missing = problem(get(client, f"{API}999999/", world.worker_a), 404)
    outside = problem(get(client, detail_url(world.person_b), world.worker_a), 404)
    assert missing["detail"] == outside["detail"]


# --- detail -----------------------------------------------------------------------------------


def test_detail_writes_an_access_log_row(client: Client, world: World) -> None:
    assert get(client, detail_url(world.person_a), world.coordinator_a).status_code == 200
    log = AccessLog.objects.get()
    assert log.user == world.coordinator_a
    assert log.record_type == "people.person"
    assert log.record_id == str(world.person_a.pk)
    assert log.node_id == world.spoke_a1.pk
    assert log.purpose == API_DETAIL_PURPOSE


def test_refused_reads_are_not_logged(client: Client, world: World) -> None:
    get(client, detail_url(world.person_b), world.worker_a)
    get(client, detail_url(world.person_a), world.monitor)
    get(client, API, world.worker_a)
    assert not AccessLog.objects.exists()


def test_detail_body(client: Client, world: World) -> None:
    person = world.person_a
    person.family_name_original = "نداي"
    person.needs_mediator = True
    person.living_place = "Borgo Mezzanone, pista"
    person.save()
    today = dt.date.today()
    PersonAlias.objects.create(person=person, name="Ousman", kind=AliasKind.SPELLING)
    PersonLanguage.objects.create(person=person, language=world.arabic, level="fluent")
    IdentityDocument.objects.create(
        person=person,
        kind=DocumentKind.RESIDENCE_PERMIT,
        permit_type=PermitType.ART_18_TER,
        number="I123456",
        issued_on=today - dt.timedelta(days=400),
        expires_on=today - dt.timedelta(days=1),
        issuer="Questura di Foggia",
    )
    IdentityDocument.objects.create(
        person=person,
        kind=DocumentKind.PASSPORT,
        number="P999",
        expires_on=today.replace(year=today.year + 2),
    )
    PhoneNumber.objects.create(person=person, number="+393331234567", whatsapp=True)
    Consent.objects.create(
        person=person,
        purpose=ConsentPurpose.SHARING,
        external_service="ASL Foggia",
        given_on=today - dt.timedelta(days=10),
        withdrawn_on=today,
        recorded_by=world.worker_a,
    )
    InformationNotice.objects.create(
        person=person,
        version="2024-1",
        language=world.arabic,
        given_on=today,
        given_by=world.worker_a,
        with_mediator=True,
    )

    body = get(client, detail_url(person), world.spoke_operator).json()

    assert body["id"] == person.pk
    assert body["family_name"] == "Ndiaye"
    assert body["family_name_original"] == "نداي"
    assert body["node"] == {"id": world.spoke_a1.pk, "code": "PU-S01", "name": world.spoke_a1.name}
    assert body["needs_mediator"] is True
    assert body["living_place"] == "Borgo Mezzanone, pista"
    assert body["education_level"] == "unknown"
    assert body["employment_status"] == "unknown"
    assert body["aliases"] == [{"name": "Ousman", "kind": "spelling"}]
    assert body["languages"] == [{"code": "ar", "level": "fluent"}]
    passport, permit = body["documents"]  # the furthest expiry first, as on the page
    assert passport["kind"] == "passport" and passport["expired"] is False
    assert permit["permit_type"] == "art18ter"
    assert permit["number"] == "I123456"
    assert permit["issuer"] == "Questura di Foggia"
    assert permit["expired"] is True
    assert body["phones"] == [{"number": "+393331234567", "whatsapp": True, "note": ""}]
    assert body["consents"] == [
        {
            "purpose": "sharing",
            "external_service": "ASL Foggia",
            "given_on": (today - dt.timedelta(days=10)).isoformat(),
            "withdrawn_on": today.isoformat(),
        }
    ]
    assert body["notices"] == [
        {
            "version": "2024-1",
            "language": "ar",
            "given_on": today.isoformat(),
            "with_mediator": True,
        }
    ]


def test_detail_query_count_is_bounded(client: Client, world: World) -> None:
    person = world.person_a
    for n in range(5):
        PhoneNumber.objects.create(person=person, number=f"+39333123456{n}")
        IdentityDocument.objects.create(person=person, kind=DocumentKind.PASSPORT, number=f"P{n}")
    headers = token_header(world.worker_a)
    with CaptureQueriesContext(connection) as few:
        client.get(detail_url(person), headers=headers)
    for n in range(5):
        PersonAlias.objects.create(person=person, name=f"Alias {n}", kind=AliasKind.ALIAS)
        PhoneNumber.objects.create(person=person, number=f"+39333765432{n}")
    with CaptureQueriesContext(connection) as more:
        client.get(detail_url(person), headers=headers)
    assert len(more) == len(few)


# --- list -------------------------------------------------------------------------------------


def test_list_rows_and_pagination_shape(client: Client, world: World) -> None:
    for _ in range(3):
        PersonFactory.create(registered_at=world.hub_a, registered_by=world.worker_a)
    first = get(client, API, world.coordinator_a, page_size=2).json()
    assert set(first) == {"count", "next", "previous", "results"}
    assert first["count"] == 4
    assert first["previous"] is None and first["next"] is not None
    assert len(first["results"]) == 2
    second = get(client, API, world.coordinator_a, page_size=2, page=2).json()
    assert second["next"] is None
    ids = [r["id"] for r in first["results"] + second["results"]]
    assert len(set(ids)) == 4
    row = next(r for r in first["results"] + second["results"] if r["id"] == world.person_a.pk)
    assert row == {
        "id": world.person_a.pk,
        "family_name": "Ndiaye",
        "given_names": "Ousmane",
        "family_name_original": "",
        "given_names_original": "",
        "sex": "male",
        "birth_date": "1990-03-12",
        "birth_date_precision": "exact",
        "birth_date_is_placeholder": False,
        "nationality": "SN",
        "node": {"id": world.spoke_a1.pk, "code": "PU-S01", "name": world.spoke_a1.name},
    }
    problem(get(client, API, world.coordinator_a, page_size=2, page=9), 404)


def test_list_query_count_is_bounded(client: Client, world: World) -> None:
    headers = token_header(world.worker_a)
    with CaptureQueriesContext(connection) as few:
        assert client.get(API, headers=headers).status_code == 200
    for _ in range(10):
        PersonFactory.create(registered_at=world.hub_a, registered_by=world.worker_a)
    with CaptureQueriesContext(connection) as more:
        assert client.get(API, headers=headers).json()["count"] == 11
    assert len(more) == len(few)


def test_list_search_and_filters(client: Client, world: World) -> None:
    other = PersonFactory.create(
        family_name="Benali",
        given_names="Youssef",
        nationality="MA",
        registered_at=world.hub_a,
        registered_by=world.worker_a,
    )
    PersonAlias.objects.create(person=world.person_a, name="Ousman Ndiay", kind=AliasKind.ALIAS)
    PhoneNumber.objects.create(person=other, number="+393331112222")

    def ids(**params: Any) -> set[int]:
        response = get(client, API, world.coordinator_a, **params)
        assert response.status_code == 200, response.content
        return {row["id"] for row in response.json()["results"]}

    a, b = world.person_a.pk, other.pk
    assert ids() == {a, b}
    assert ids(q="ndiaye") == {a}
    assert ids(q="Ndiay") == {a}  # the alias, too
    assert ids(q="333 111 2222") == {b}  # a phone as typed
    assert ids(q="Okafor") == set()  # person B is outside the scope
    assert ids(node=world.spoke_a1.pk) == {a}
    assert ids(node=world.hub_a.pk) == {b}
    assert ids(node=world.hub_b.pk) == set()
    assert ids(nationality="MA") == {b}
    assert ids(nationality="SN", q="Ousmane") == {a}


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"nationalita": "SN"}, "nationalita"),
        ({"nationality": "sn"}, "nationality"),
        ({"nationality": "SEN"}, "nationality"),
        ({"node": "abc"}, "node"),
        ({"node": "0"}, "node"),
        ({"node": str(2**63)}, "node"),
        ({"q": "x" * 101}, "q"),
        ({"page": "last"}, "page"),
        ({"page_size": "0"}, "page_size"),
        ({"format": "json"}, "format"),
    ],
)
def test_invalid_query_parameters_are_a_400(
    client: Client, world: World, params: dict[str, str], field: str
) -> None:
    body = problem(get(client, API, world.worker_a, **params), 400)
    assert field in body["errors"]


def test_detail_refuses_query_parameters(client: Client, world: World) -> None:
    body = problem(get(client, detail_url(world.person_a), world.worker_a, fields="all"), 400)
    assert "fields" in body["errors"]
    assert not AccessLog.objects.exists()


def test_writes_are_not_allowed(client: Client, world: World) -> None:
    headers = token_header(world.worker_a)
    problem(client.post(API, {}, headers=headers), 405)
    problem(client.delete(detail_url(world.person_a), headers=headers), 405)


# --- schema -----------------------------------------------------------------------------------


def test_schema_includes_the_operations(client: Client) -> None:
    schema = yaml.safe_load(client.get("/api/v1/schema/").content)
    listing = schema["paths"]["/api/v1/people/"]["get"]
    detail = schema["paths"]["/api/v1/people/{id}/"]["get"]
    assert listing["tags"] == detail["tags"] == ["people"]
    names = {p["name"] for p in listing["parameters"]}
    assert names == {"q", "node", "nationality", "page", "page_size"}
    for operation in (listing, detail):
        assert {"200", "400", "401", "403", "404", "406"} <= set(operation["responses"])
    card = schema["components"]["schemas"]["Person"]["properties"]
    assert {"aliases", "languages", "documents", "phones", "consents", "notices"} <= set(card)
