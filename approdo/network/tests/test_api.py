"""The network registry's read API: same data and scoping as the pages."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from approdo.accounts.models import User
from approdo.api.problems import PROBLEM_CONTENT_TYPE
from approdo.api.tests.network import Network, build_network, enrol_second_factor, token_header
from approdo.network.models import Language, ServiceArea
from approdo.network.tests.factories import SpokeFactory

pytestmark = pytest.mark.django_db

API = "/api/v1"


@pytest.fixture
def net() -> Network:
    return build_network()


def get(client: Client, user: User, path: str, **params: Any) -> Any:
    """GET with the user's token; returns the response (asserting nothing)."""
    return client.get(f"{API}{path}", params, headers=token_header(user))


def ok(client: Client, user: User, path: str, **params: Any) -> Any:
    response = get(client, user, path, **params)
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "application/json"
    return response.json()


def ids(page: dict[str, Any]) -> set[int]:
    return {row["id"] for row in page["results"]}


# --- nodes ------------------------------------------------------------------------------------


def test_node_list_is_the_whole_directory_for_any_signed_in_user(client: Client, net: Network):
    expected = {net.hub_a.pk, net.spoke_a.pk, net.hub_b.pk}
    for user in (net.coordinator_a, net.admin_b, net.monitor_a, net.stranger):
        page = ok(client, user, "/nodes/")
        assert page["count"] == 3
        assert ids(page) == expected
    row = next(
        r for r in ok(client, net.monitor_a, "/nodes/")["results"] if r["id"] == net.spoke_a.pk
    )
    assert row["parent_hub"] == {"id": net.hub_a.pk, "code": net.hub_a.code, "name": "PSI Foggia"}
    assert row["region"] == {"id": net.region_a.pk, "name": "Puglia"}
    assert row["municipality"]["province_abbreviation"] == "FG"
    assert row["latitude"] is None


def test_node_list_with_a_session(client: Client, net: Network):
    enrol_second_factor(net.coordinator_a)
    client.force_login(net.coordinator_a)
    response = client.get(f"{API}/nodes/")
    assert response.status_code == 200
    assert response.json()["count"] == 3


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"kind": "hub"}, {"hub_a", "hub_b"}),
        ({"kind": "spoke", "spoke_kind": "mobile_unit"}, {"spoke_a"}),
        ({"spoke_kind": "desk"}, set()),
        ({"localisation": "rural"}, {"hub_b"}),
        ({"q": "mezzanone"}, {"spoke_a"}),
        ({"q": "Mantova"}, {"hub_b"}),
        ({"q": ""}, {"hub_a", "spoke_a", "hub_b"}),
    ],
)
def test_node_list_filters(client: Client, net: Network, params: dict[str, str], expected: set):
    page = ok(client, net.monitor_a, "/nodes/", **params)
    assert ids(page) == {getattr(net, name).pk for name in expected}


def test_node_list_filters_by_related_ids(client: Client, net: Network):
    def found(**params: Any) -> set[int]:
        return ids(ok(client, net.monitor_a, "/nodes/", **params))

    assert found(region=net.region_b.pk) == {net.hub_b.pk}
    assert found(area=net.area.pk) == {net.hub_a.pk}
    assert found(language=net.language.pk) == {net.hub_a.pk}
    assert found(managing_body=net.body_a.pk) == {net.hub_a.pk, net.spoke_a.pk}
    assert found(programme=net.programme.pk) == {net.hub_a.pk, net.spoke_a.pk, net.hub_b.pk}
    assert found(region=net.region_a.pk, kind="spoke") == {net.spoke_a.pk}
    assert found(region=999_999) == set()


def test_node_card(client: Client, net: Network):
    card = ok(client, net.stranger, f"/nodes/{net.hub_a.pk}/")
    assert card["name"] == "PSI Foggia"
    assert card["programme"]["code"] == net.programme.code
    assert card["opening_hours"] == [
        {"weekday": 0, "opens_at": "09:00", "closes_at": "13:00", "note": ""}
    ]
    assert card["languages"] == [
        {"id": net.language.pk, "code": "ar", "name_it": "Arabo", "name_en": "Arabic"}
    ]
    assert [a["code"] for a in card["areas"]] == ["legal"]
    assert card["managing_bodies"] == [{"id": net.body_a.pk, "name": "Cooperativa Approdo Sud"}]
    assert card["parent_hub"] is None
    assert [(s["id"], s["municipality"]) for s in card["spokes"]] == [(net.spoke_a.pk, "Foggia")]
    spoke = ok(client, net.stranger, f"/nodes/{net.spoke_a.pk}/")
    assert spoke["parent_hub"]["id"] == net.hub_a.pk
    assert spoke["spokes"] == []


def test_node_card_of_a_missing_node_is_a_problem_404(client: Client, net: Network):
    response = get(client, net.monitor_a, "/nodes/999999/")
    assert response.status_code == 404
    assert response["Content-Type"] == PROBLEM_CONTENT_TYPE
    assert response.json()["status"] == 404


def test_node_list_query_count_does_not_grow_with_rows(client: Client, net: Network):
    def queries() -> int:
        headers = token_header(net.monitor_a)
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(f"{API}/nodes/", headers=headers)
        assert response.status_code == 200
        return len(ctx.captured_queries)

    few = queries()
    for _ in range(20):
        SpokeFactory.create(parent_hub=net.hub_b)
    assert queries() == few
    # Token lookup, count, page: nothing per row.
    assert few <= 4


# --- team -------------------------------------------------------------------------------------


def test_team_inside_the_users_places(client: Client, net: Network):
    page = ok(client, net.coordinator_a, f"/nodes/{net.hub_a.pk}/team/")
    assert [m["professional"]["family_name"] for m in page["results"]] == ["Rossi"]
    assert page["results"][0]["professional"]["employer"] == {
        "id": net.body_a.pk,
        "name": "Cooperativa Approdo Sud",
    }
    # A hub membership covers the hub's spokes (an empty team here, but not a 404).
    assert ok(client, net.coordinator_a, f"/nodes/{net.spoke_a.pk}/team/")["count"] == 0
    # A regional monitor covers the region's nodes.
    assert ok(client, net.monitor_a, f"/nodes/{net.hub_a.pk}/team/")["count"] == 1


@pytest.mark.parametrize("outsider", ["admin_b", "stranger"])
def test_team_outside_the_users_places_is_404(client: Client, net: Network, outsider: str):
    response = get(client, getattr(net, outsider), f"/nodes/{net.hub_a.pk}/team/")
    assert response.status_code == 404
    assert response["Content-Type"] == PROBLEM_CONTENT_TYPE
    # The same answer as for a node that does not exist: existence is not confirmed.
    missing = get(client, getattr(net, outsider), "/nodes/999999/team/")
    assert missing.status_code == 404
    assert missing.json() == response.json()


# --- managing bodies and contracts --------------------------------------------------------


def test_managing_bodies_are_scoped(client: Client, net: Network):
    assert ids(ok(client, net.coordinator_a, "/managing-bodies/")) == {net.body_a.pk}
    assert ids(ok(client, net.admin_b, "/managing-bodies/")) == {net.body_b.pk}
    assert ids(ok(client, net.stranger, "/managing-bodies/")) == set()
    row = ok(client, net.admin_b, "/managing-bodies/")["results"][0]
    assert row["node_count"] == 1
    assert row["legal_form"] == "social_cooperative"


def test_managing_body_detail(client: Client, net: Network):
    body = ok(client, net.admin_b, f"/managing-bodies/{net.body_b.pk}/")
    assert body["name"] == "Associazione Nord Rete"
    assert [n["id"] for n in body["nodes"]] == [net.hub_b.pk]
    assert [c["code"] for c in body["contracts"]] == ["CIG-B"]
    assert body["contracts"][0]["amount"] == "250000.00"


@pytest.mark.parametrize("outsider", ["admin_b", "stranger"])
def test_managing_body_of_another_is_404(client: Client, net: Network, outsider: str):
    response = get(client, getattr(net, outsider), f"/managing-bodies/{net.body_a.pk}/")
    assert response.status_code == 404
    assert response["Content-Type"] == PROBLEM_CONTENT_TYPE


def test_contracts_are_scoped(client: Client, net: Network):
    page = ok(client, net.coordinator_a, "/contracts/")
    assert ids(page) == {net.contract_a.pk}
    contract = page["results"][0]
    assert contract["nodes"] == [net.hub_a.pk]
    assert contract["managing_bodies"] == [{"id": net.body_a.pk, "name": net.body_a.name}]
    assert contract["procedure"]["code"] == "AVV-2024-01"
    assert ids(ok(client, net.admin_b, "/contracts/")) == {net.contract_b.pk}
    assert ids(ok(client, net.stranger, "/contracts/")) == set()


# --- territory and reference lists ------------------------------------------------------------


def test_monitor_sees_the_public_registry(client: Client, net: Network):
    user = net.monitor_a
    assert {r["name"] for r in ok(client, user, "/regions/")["results"]} >= {"Puglia", "Lombardia"}
    assert ok(client, user, f"/regions/{net.region_a.pk}/")["istat_code"] == "16"
    assert ids(ok(client, user, "/provinces/", region=net.region_a.pk)) == {net.province_a.pk}
    assert ids(ok(client, user, "/programmes/")) == {net.programme.pk}
    assert ids(ok(client, user, "/procedures/")) == {net.procedure.pk}
    areas = ok(client, user, "/service-areas/")
    assert areas["count"] == ServiceArea.objects.count()
    assert net.area.pk in ids(areas)
    languages = ok(client, user, "/languages/", page_size=500)
    assert languages["count"] == Language.objects.count()
    assert net.language.pk in ids(languages)
    targets = ok(client, user, "/targets/", region=net.region_a.pk)
    assert targets["results"] == [
        {
            "id": net.target_a.pk,
            "programme": net.programme.pk,
            "region": {"id": net.region_a.pk, "name": "Puglia"},
            "indicator": "taken_in_charge",
            "value": 300,
        }
    ]
    assert ok(client, user, "/targets/", region=net.region_b.pk)["count"] == 0


def test_municipality_filters(client: Client, net: Network):
    def found(**params: Any) -> set[int]:
        return ids(ok(client, net.monitor_a, "/municipalities/", **params))

    assert found(region=net.region_a.pk) == {net.municipality_a.pk}
    assert found(province=net.province_b.pk) == {net.municipality_b.pk}
    assert found(q="mant") == {net.municipality_b.pk}
    assert found(q="071") == {net.municipality_a.pk}
    row = ok(client, net.monitor_a, "/municipalities/", q="foggia")["results"][0]
    assert row["region"] == net.region_a.pk
    assert row["latitude"] == 41.46


def test_region_detail_missing_is_404(client: Client, net: Network):
    assert get(client, net.monitor_a, "/regions/999999/").status_code == 404
