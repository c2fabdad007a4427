"""Every API error is application/problem+json (RFC 9457), whatever raised it."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from approdo.accounts.middleware import RequireMFAMiddleware
from approdo.api.problems import PROBLEM_CONTENT_TYPE, flatten_errors
from approdo.api.tests.network import Network, build_network, enrol_second_factor, token_header
from approdo.network.tests.factories import SpokeFactory

pytestmark = pytest.mark.django_db

API = "/api/v1"


@pytest.fixture
def net() -> Network:
    return build_network()


def problem(response: Any, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.content
    assert response["Content-Type"] == PROBLEM_CONTENT_TYPE
    body: dict[str, Any] = response.json()
    assert body["type"] == "about:blank"
    assert body["status"] == status
    assert body["title"]
    assert body["detail"]
    return body


# --- 400 --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "params", "field"),
    [
        ("/nodes/", {"region": "abc"}, "region"),
        ("/nodes/", {"region": "0"}, "region"),
        ("/nodes/", {"region": str(2**70)}, "region"),
        ("/nodes/", {"kind": "castle"}, "kind"),
        ("/nodes/", {"spoke_kind": "hub"}, "spoke_kind"),
        ("/nodes/", {"localisation": "lunar"}, "localisation"),
        ("/nodes/", {"area": "1.5"}, "area"),
        ("/nodes/", {"q": "x" * 101}, "q"),
        ("/nodes/", {"q": "a\x00b"}, "q"),
        ("/nodes/", {"regione": "3"}, "regione"),
        ("/municipalities/", {"province": "FG"}, "province"),
        ("/targets/", {"programme": "-1"}, "programme"),
        ("/regions/", {"page": "abc"}, "page"),
        ("/regions/", {"page": "0"}, "page"),
        ("/regions/", {"page_size": "0"}, "page_size"),
        ("/regions/", {"page_size": "501"}, "page_size"),
        ("/regions/", {"format": "json"}, "format"),
        ("/nodes/1/", {"page": "1"}, "page"),
    ],
)
def test_bad_query_parameter_is_a_400_naming_it(
    client: Client, net: Network, path: str, params: dict[str, str], field: str
):
    response = client.get(f"{API}{path}", params, headers=token_header(net.monitor_a))
    body = problem(response, 400)
    assert list(body["errors"]) == [field]
    assert all(isinstance(message, str) for message in body["errors"][field])


def test_several_bad_parameters_are_reported_together(client: Client, net: Network):
    response = client.get(
        f"{API}/nodes/",
        {"region": "x", "kind": "y", "foo": "1"},
        headers=token_header(net.monitor_a),
    )
    assert set(problem(response, 400)["errors"]) == {"region", "kind", "foo"}


def test_flatten_errors_names_nested_fields():
    assert flatten_errors({"a": {"b": ["bad"]}, "c": ["worse"]}) == {"a.b": ["bad"], "c": ["worse"]}
    assert flatten_errors(["bad"]) == {"non_field_errors": ["bad"]}


# --- 401 --------------------------------------------------------------------------------------


def test_anonymous_is_a_401_with_a_token_challenge(client: Client, net: Network):
    response = client.get(f"{API}/nodes/")
    problem(response, 401)
    assert response["WWW-Authenticate"] == "Token"


def test_unknown_token_is_a_401(client: Client, net: Network):
    response = client.get(f"{API}/nodes/", headers={"Authorization": "Token not-a-real-key"})
    problem(response, 401)


def test_inactive_users_token_is_a_401(client: Client, net: Network):
    headers = token_header(net.monitor_a)
    net.monitor_a.is_active = False
    net.monitor_a.save(update_fields=["is_active"])
    problem(client.get(f"{API}/nodes/", headers=headers), 401)


# --- 403: a browser session without the second factor its role needs ----------------------


@pytest.fixture
def without_mfa_redirect(settings: Any) -> None:
    """The API's own answer, without RequireMFAMiddleware's redirect in front of it."""
    middleware = f"{RequireMFAMiddleware.__module__}.{RequireMFAMiddleware.__name__}"
    settings.MIDDLEWARE = [m for m in settings.MIDDLEWARE if m != middleware]


@pytest.mark.usefixtures("without_mfa_redirect")
def test_session_without_second_factor_is_a_403(client: Client, net: Network):
    client.force_login(net.coordinator_a)
    problem(client.get(f"{API}/nodes/"), 403)


@pytest.mark.usefixtures("without_mfa_redirect")
def test_session_with_second_factor_passes(client: Client, net: Network):
    enrol_second_factor(net.coordinator_a)
    client.force_login(net.coordinator_a)
    assert client.get(f"{API}/nodes/").status_code == 200


@pytest.mark.usefixtures("without_mfa_redirect")
def test_session_of_a_role_without_mfa_passes(client: Client, net: Network):
    client.force_login(net.monitor_a)  # monitors see aggregates only: no second factor needed
    assert client.get(f"{API}/nodes/").status_code == 200


def test_token_of_a_role_that_needs_mfa_passes(client: Client, net: Network):
    assert client.get(f"{API}/nodes/", headers=token_header(net.coordinator_a)).status_code == 200


def test_session_without_second_factor_is_a_403_through_the_whole_stack(
    client: Client, net: Network
):
    client.force_login(net.coordinator_a)
    problem(client.get(f"{API}/nodes/"), 403)


# --- 404, 405, 406 ----------------------------------------------------------------------------


def test_unknown_api_url_is_a_problem_404(client: Client, net: Network):
    response = client.get(f"{API}/no-such-thing/", headers=token_header(net.monitor_a))
    problem(response, 404)


def test_page_past_the_last_is_a_404(client: Client, net: Network):
    response = client.get(f"{API}/nodes/", {"page": 99}, headers=token_header(net.monitor_a))
    problem(response, 404)


def test_write_method_is_a_405(client: Client, net: Network):
    headers = token_header(net.monitor_a)
    for method in (client.post, client.put, client.patch, client.delete):
        response = method(f"{API}/nodes/?foo=bar", headers=headers)
        problem(response, 405)


def test_unacceptable_media_type_is_a_406(client: Client, net: Network):
    headers = {**token_header(net.monitor_a), "Accept": "text/html"}
    problem(client.get(f"{API}/nodes/", headers=headers), 406)


# --- pagination shape -------------------------------------------------------------------------


def test_pagination_shape(client: Client, net: Network):
    headers = token_header(net.monitor_a)
    first = client.get(f"{API}/nodes/", {"page_size": 2}, headers=headers).json()
    assert set(first) == {"count", "next", "previous", "results"}
    assert first["count"] == 3
    assert len(first["results"]) == 2
    assert first["previous"] is None
    assert "page=2" in first["next"] and "page_size=2" in first["next"]
    second = client.get(f"{API}/nodes/", {"page_size": 2, "page": 2}, headers=headers).json()
    assert second["next"] is None
    assert len(second["results"]) == 1
    seen = {r["id"] for r in first["results"]} | {r["id"] for r in second["results"]}
    assert len(seen) == 3


def test_default_page_size_is_50(client: Client, net: Network):
    for _ in range(50):
        SpokeFactory.create(parent_hub=net.hub_b)
    page = client.get(f"{API}/nodes/", headers=token_header(net.monitor_a)).json()
    assert page["count"] == 53
    assert len(page["results"]) == 50
