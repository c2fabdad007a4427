"""The cases read API: permission matrix, restricted rows, access log, referrals, transfers."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import schemathesis
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from hypothesis import HealthCheck, settings

from approdo.accounts.models import User
from approdo.api.problems import PROBLEM_CONTENT_TYPE
from approdo.api.tests.network import add_cases, add_people, build_network, token_header
from approdo.api.tests.test_schema_fuzz import CHECKS, same_connection_across_requests
from approdo.audit.models import AccessLog
from approdo.cases import services
from approdo.cases.api import API_DETAIL_PURPOSE, API_TIMELINE_PURPOSE
from approdo.cases.models import (
    AccessChannel,
    CaseEvent,
    CaseTeamMember,
    EventKind,
    Referral,
    ReferralStatus,
    TeamRole,
    Transfer,
    TransferStatus,
)
from approdo.cases.stages import Stage
from approdo.cases.tests.factories import CaseWorld, login, make_case_world
from approdo.wsgi import application

pytestmark = pytest.mark.django_db

__all__ = ["add_cases", "same_connection_across_requests"]  # the fixture is used by name

API = "/api/v1"
NAMES = ("Ndiaye", "Ousmane")


@pytest.fixture
def w() -> CaseWorld:
    return make_case_world()


def get(client: Client, url: str, user: User | None, **params: Any) -> Any:
    headers = token_header(user) if user is not None else {}
    return client.get(url, params, headers=headers)


def problem(response: Any, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.content
    assert response["Content-Type"] == PROBLEM_CONTENT_TYPE
    body: dict[str, Any] = response.json()
    assert body["status"] == status
    return body


def results(response: Any) -> list[dict[str, Any]]:
    assert response.status_code == 200, response.content
    rows: list[dict[str, Any]] = response.json()["results"]
    return rows


def no_names(response: Any) -> None:
    text = response.content.decode()
    for name in NAMES:
        assert name not in text


def send_referral(w: CaseWorld, **fields: Any) -> Referral:
    values: dict[str, Any] = {
        "case": w.case,
        "from_node": w.hub_a,
        "to_node": w.hub_c,
        "reason": "Serve un alloggio per la stagione.",
        "shared_fields": ["given_names", "phones"],
        "due_on": dt.date.today() + dt.timedelta(days=7),
        "sent_by": w.manager,
        **fields,
    }
    return Referral.objects.create(**values)


def propose_transfer(w: CaseWorld, **fields: Any) -> Transfer:
    values: dict[str, Any] = {
        "case": w.case,
        "from_hub": w.hub_a,
        "to_hub": w.hub_c,
        "handover": "Ousmane Ndiaye segue la raccolta in Sicilia.",
        "requested_by": w.manager,
        **fields,
    }
    return Transfer.objects.create(**values)


# --- permission matrix ----------------------------------------------------------------------

# (user, case detail and timeline, case in the list: "full" / "restricted" / None, list status)
CASE_MATRIX: list[tuple[str | None, int, str | None, int]] = [
    ("manager", 200, "full", 200),  # case manager
    ("legal", 200, "full", 200),  # team member
    ("coordinator", 200, "full", 200),  # coordinator of the case's hub
    ("colleague", 403, "restricted", 200),  # same hub, not on the team: existence only
    ("other_hub", 404, None, 200),  # same body, other hub
    ("other_body", 404, None, 200),  # other managing body
    ("monitor", 403, None, 403),  # never people's records
    (None, 401, None, 401),  # anonymous
]


@pytest.mark.parametrize(("who", "detail", "row", "listing"), CASE_MATRIX)
def test_case_endpoints_permission_matrix(
    client: Client, w: CaseWorld, who: str | None, detail: int, row: str | None, listing: int
) -> None:
    user: User | None = getattr(w, who) if who else None
    for url in (f"{API}/cases/{w.case.pk}/", f"{API}/cases/{w.case.pk}/timeline/"):
        response = get(client, url, user)
        if detail == 200:
            assert response.status_code == 200, response.content
        else:
            problem(response, detail)
    response = get(client, f"{API}/cases/", user)
    if listing != 200:
        problem(response, listing)
        return
    rows = {r["reference"]: r for r in results(response)}
    if row is None:
        assert w.case.reference not in rows
    else:
        assert rows[w.case.reference]["restricted"] is (row == "restricted")


def test_missing_case_is_the_same_404_as_an_outsiders(client: Client, w: CaseWorld) -> None:
    missing = problem(get(client, f"{API}/cases/999999/", w.manager), 404)
    outside = problem(get(client, f"{API}/cases/{w.case.pk}/", w.other_body), 404)
    assert missing["detail"] == outside["detail"]


def test_session_without_second_factor_is_a_403(client: Client, w: CaseWorld) -> None:
    client.force_login(w.manager)
    problem(client.get(f"{API}/cases/{w.case.pk}/"), 403)
    problem(client.get(f"{API}/cases/"), 403)
    assert not AccessLog.objects.filter(user=w.manager).exists()


def test_session_with_second_factor_passes(client: Client, w: CaseWorld) -> None:
    login(client, w.manager)
    assert client.get(f"{API}/cases/{w.case.pk}/").status_code == 200


# --- case list ------------------------------------------------------------------------------


def test_restricted_row_has_no_case_data(client: Client, w: CaseWorld) -> None:
    response = get(client, f"{API}/cases/", w.colleague)
    [row] = results(response)
    assert row["restricted"] is True
    assert row["reference"] == w.case.reference
    assert row["hub"]["code"] == "PU-H01"
    assert row["stage"] == Stage.TAKEN_IN_CHARGE
    assert row["opened_on"] == w.case.opened_on.isoformat()
    assert row["person"] is None
    assert row["access_channel"] is None
    no_names(response)


def test_readable_row_gives_the_person_id(client: Client, w: CaseWorld) -> None:
    [row] = results(get(client, f"{API}/cases/", w.manager))
    assert row["restricted"] is False
    assert row["person"] == w.person.pk
    assert row["access_channel"] == AccessChannel.DIRECT


def test_list_filters(client: Client, w: CaseWorld) -> None:
    second = services.case_open(
        actor=w.colleague,
        origin_node=w.hub_a,
        access_channel=AccessChannel.DIRECT,
        contact_name="Amadou",
    )

    def refs(user: User, **params: Any) -> set[str]:
        return {r["reference"] for r in results(get(client, f"{API}/cases/", user, **params))}

    assert refs(w.manager) == {w.case.reference, second.reference}
    assert refs(w.manager, stage=Stage.FIRST_CONTACT) == {second.reference}
    assert refs(w.manager, mine="true") == {w.case.reference}
    assert refs(w.colleague, mine="true") == {second.reference}
    assert refs(w.manager, node=w.hub_a2.pk) == set()
    assert refs(w.manager, node=w.hub_a.pk) == {w.case.reference, second.reference}


@pytest.mark.parametrize(
    "params", [{"stage": "open"}, {"node": "abc"}, {"mine": "maybe"}, {"hub": "1"}]
)
def test_bad_filters_are_a_400(client: Client, w: CaseWorld, params: dict[str, str]) -> None:
    body = problem(get(client, f"{API}/cases/", w.manager, **params), 400)
    assert set(body["errors"]) == set(params)


def test_list_queries_do_not_grow_with_the_page(client: Client, w: CaseWorld) -> None:
    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert get(client, f"{API}/cases/", w.coordinator).status_code == 200
        return len(ctx.captured_queries)

    count()  # the first call creates the API token
    before = count()
    for name in ("Amadou", "Kwame", "Issa"):
        services.case_open(
            actor=w.colleague,
            origin_node=w.hub_a,
            access_channel=AccessChannel.DIRECT,
            contact_name=name,
        )
    assert count() == before


# --- case detail and timeline ---------------------------------------------------------------


def test_detail_shows_the_case_and_logs_the_read(client: Client, w: CaseWorld) -> None:
    response = get(client, f"{API}/cases/{w.case.pk}/", w.legal)
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["reference"] == w.case.reference
    assert body["person"] == w.person.pk
    assert body["stage"] == Stage.TAKEN_IN_CHARGE
    assert body["access_channel"] == AccessChannel.DIRECT
    assert body["closed_on"] is None and body["closure_outcome"] == ""
    assert {(m["user"]["id"], m["role"]) for m in body["team"]} == {
        (w.manager.pk, TeamRole.CASE_MANAGER),
        (w.legal.pk, TeamRole.LEGAL),
    }
    assert body["access"] == "full"
    assert body["can_edit"] is True and body["can_manage"] is False
    no_names(response)  # the person's data is the people API's (and logged there)
    log = AccessLog.objects.get(user=w.legal)
    assert log.record_id == str(w.case.pk)
    assert log.purpose == API_DETAIL_PURPOSE
    assert log.node_id == w.hub_a.pk


def test_detail_lists_the_active_team_only(client: Client, w: CaseWorld) -> None:
    member = CaseTeamMember.objects.get(case=w.case, user=w.legal)
    services.team_end(actor=w.manager, member=member)
    body = get(client, f"{API}/cases/{w.case.pk}/", w.manager).json()
    assert [m["user"]["id"] for m in body["team"]] == [w.manager.pk]


def test_closed_case_shows_closure_and_team_at_closure(client: Client, w: CaseWorld) -> None:
    services.case_close(
        actor=w.manager,
        case=w.case,
        outcome="goals_reached",
        note="Lavoro trovato.",
        expected_version=w.case.version,
    )
    body = get(client, f"{API}/cases/{w.case.pk}/", w.manager).json()
    assert body["stage"] == Stage.CLOSED
    assert body["closure_outcome"] == "goals_reached"
    assert body["closure_note"] == "Lavoro trovato."
    assert body["closed_on"] == timezone.localdate().isoformat()
    assert {m["user"]["id"] for m in body["team"]} == {w.manager.pk, w.legal.pk}
    assert body["access"] == "full"  # the team keeps reading the closed case
    assert body["can_edit"] is False


def test_refused_reads_are_not_logged(client: Client, w: CaseWorld) -> None:
    for user in (w.colleague, w.other_hub, w.monitor):
        get(client, f"{API}/cases/{w.case.pk}/", user)
    assert not AccessLog.objects.exists()


def test_timeline_lists_events_and_logs(client: Client, w: CaseWorld) -> None:
    rows = results(get(client, f"{API}/cases/{w.case.pk}/timeline/", w.manager))
    kinds = [r["kind"] for r in rows]
    assert kinds[-1] == EventKind.OPENED  # newest first
    assert kinds.count(EventKind.STAGE) == 2
    assert AccessLog.objects.get(user=w.manager).purpose == API_TIMELINE_PURPOSE


def test_timeline_after_transfer_shows_only_what_the_former_node_wrote(
    client: Client, w: CaseWorld
) -> None:
    # other_hub worked on the case at hub A2 before it moved on: PAST level.
    CaseTeamMember.objects.create(
        case=w.case,
        user=w.other_hub,
        role=TeamRole.SOCIAL_WORKER,
        node=w.hub_a2,
        since=w.case.opened_on,
        until=dt.date.today(),
    )
    mine = CaseEvent.objects.create(
        case=w.case, node=w.hub_a2, kind=EventKind.NOTE, summary="Colloquio a Bari"
    )
    rows = results(get(client, f"{API}/cases/{w.case.pk}/timeline/", w.other_hub))
    assert [r["id"] for r in rows] == [mine.pk]
    body = get(client, f"{API}/cases/{w.case.pk}/", w.other_hub).json()
    assert body["access"] == "past"
    [row] = results(get(client, f"{API}/cases/", w.other_hub))
    assert row["restricted"] is False


# --- referrals ------------------------------------------------------------------------------

# (user, referral hub A -> hub C: detail status, listed with which box or None, list status)
REFERRAL_MATRIX: list[tuple[str, int, str | None, int]] = [
    ("manager", 200, "outbox", 200),  # sender's hub
    ("colleague", 200, "outbox", 200),  # the referral is the node's, as on the pages
    ("worker_c", 200, "inbox", 200),  # receiver's hub
    ("other_hub", 404, None, 200),
    ("other_body", 404, None, 200),
    ("monitor", 403, None, 403),
]


@pytest.mark.parametrize(("who", "detail", "box", "listing"), REFERRAL_MATRIX)
def test_referral_permission_matrix(
    client: Client, w: CaseWorld, who: str, detail: int, box: str | None, listing: int
) -> None:
    referral = send_referral(w)
    user: User = getattr(w, who)
    response = get(client, f"{API}/referrals/{referral.pk}/", user)
    if detail == 200:
        assert response.status_code == 200
    else:
        problem(response, detail)
    response = get(client, f"{API}/referrals/", user)
    if listing != 200:
        problem(response, listing)
        return
    boxes = {r["id"]: r["box"] for r in results(response)}
    assert boxes.get(referral.pk) == box


def test_receiver_sees_shared_field_names_and_reference_only(client: Client, w: CaseWorld) -> None:
    referral = send_referral(w)
    response = get(client, f"{API}/referrals/{referral.pk}/", w.worker_c)
    body = response.json()
    assert body["case"] == {"id": w.case.pk, "reference": w.case.reference}
    assert body["shared_fields"] == ["given_names", "phones"]
    assert body["box"] == "inbox"
    assert body["to_node"]["code"] == "SI-H01"
    assert body["status"] == ReferralStatus.SENT
    no_names(response)


def test_referral_box_and_status_filters(client: Client, w: CaseWorld) -> None:
    sent = send_referral(w)
    received = send_referral(
        w, from_node=w.hub_c, to_node=w.hub_a, sent_by=w.worker_c, status=ReferralStatus.ACCEPTED
    )

    def ids(**params: Any) -> set[int]:
        return {r["id"] for r in results(get(client, f"{API}/referrals/", w.manager, **params))}

    assert ids() == {sent.pk, received.pk}
    assert ids(box="inbox") == {received.pk}
    assert ids(box="outbox") == {sent.pk}
    assert ids(status=ReferralStatus.SENT) == {sent.pk}
    problem(get(client, f"{API}/referrals/", w.manager, box="all"), 400)


# --- transfers ------------------------------------------------------------------------------

# (user, listed with which box or None, list status)
TRANSFER_MATRIX: list[tuple[str, str | None, int]] = [
    ("manager", "outbox", 200),
    ("colleague", "outbox", 200),
    ("coordinator_c", "inbox", 200),
    ("other_hub", None, 200),
    ("other_body", None, 200),
    ("monitor", None, 403),
]


@pytest.mark.parametrize(("who", "box", "listing"), TRANSFER_MATRIX)
def test_transfer_permission_matrix(
    client: Client, w: CaseWorld, who: str, box: str | None, listing: int
) -> None:
    transfer = propose_transfer(w)
    response = get(client, f"{API}/transfers/", getattr(w, who))
    if listing != 200:
        problem(response, listing)
        return
    rows = {r["id"]: r for r in results(response)}
    assert (rows[transfer.pk]["box"] if transfer.pk in rows else None) == box
    no_names(response)  # the handover stays on the pages


def test_only_pending_transfers_are_listed(client: Client, w: CaseWorld) -> None:
    done = propose_transfer(w, status=TransferStatus.DECLINED, decline_reason="Nessun posto")
    pending = propose_transfer(w, to_hub=w.hub_a2)
    rows = results(get(client, f"{API}/transfers/", w.manager))
    assert [r["id"] for r in rows] == [pending.pk]
    assert done.pk not in {r["id"] for r in rows}
    assert results(get(client, f"{API}/transfers/", w.manager, box="inbox")) == []


# --- fixtures for the schema fuzzer (approdo/api/tests) -------------------------------------


# The same checks as approdo/api/tests/test_schema_fuzz.py, on this app's operations only.
fuzz_schema = schemathesis.openapi.from_wsgi("/api/v1/schema/", application).include(
    path_regex=r"^/api/v1/(cases/(\{id\}/(timeline/)?)?|referrals/(\{id\}/)?|transfers/)$"
)


@pytest.fixture
def fuzz_headers(db: None) -> dict[str, str]:
    network = build_network()
    add_cases(network, add_people(network))
    return token_header(network.coordinator_a)


@fuzz_schema.parametrize()
@settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@pytest.mark.usefixtures("same_connection_across_requests")
def test_cases_api_conforms_to_its_schema(
    case: schemathesis.Case, fuzz_headers: dict[str, str]
) -> None:
    case.call_and_validate(headers=fuzz_headers, checks=CHECKS)


@pytest.mark.parametrize(
    ("path", "pk", "status"),
    [
        ("/api/v1/cases/{id}/", 1, 200),
        ("/api/v1/cases/{id}/", 2, 403),
        ("/api/v1/cases/{id}/", 3, 404),
        ("/api/v1/cases/{id}/timeline/", 1, 200),
        ("/api/v1/referrals/{id}/", 1, 200),
        ("/api/v1/referrals/{id}/", 2, 200),
    ],
)
@pytest.mark.usefixtures("same_connection_across_requests")
def test_fixture_records_conform_to_the_schema(
    path: str, pk: int, status: int, fuzz_headers: dict[str, str]
) -> None:
    """Random ids rarely land on a record: call the fixture's (readable, restricted, outside)."""
    case = fuzz_schema[path]["GET"].Case(path_parameters={"id": pk})
    response = case.call_and_validate(headers=fuzz_headers, checks=CHECKS)
    assert response.status_code == status
