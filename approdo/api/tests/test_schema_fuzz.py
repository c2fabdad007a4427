"""Property-based fuzzing of every API operation with schemathesis, in process (WSGI).

The schema is loaded from the running app, so what is fuzzed is what clients are told. The
caller is the hub A coordinator (a scoped membership): list, card, team and people requests
hit real rows inside and outside their places. Any 5xx, an undocumented status code, a wrong
media type or a body that does not match the schema fails the test.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from approdo.api.tests.network import add_cases, add_people, build_network, token_header
from approdo.wsgi import application

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@pytest.fixture
def auth_headers(db: None) -> dict[str, str]:
    network = build_network()
    add_cases(network, add_people(network))
    return token_header(network.coordinator_a)


@pytest.fixture
def same_connection_across_requests() -> Iterator[None]:
    """Keep the test's connection open while schemathesis drives the real WSGI handler.

    Django closes a connection not in autocommit at each request's start and end; inside the
    test transaction that would drop the fixture network (PostgreSQL). Django's own test
    client unhooks the same signal handler for the same reason.
    """
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


# Loaded at collection: the schema view reads no table. (schemathesis.pytest.from_fixture
# would defer it, but its lazy runner does not work with pytest 9's node ids.)
schema = schemathesis.openapi.from_wsgi("/api/v1/schema/", application)


@schema.parametrize()
@settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    database=None,
    # The network is built once per test and only read by the requests, so sharing it between
    # examples is what we want.
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@pytest.mark.usefixtures("same_connection_across_requests")
def test_api_conforms_to_its_schema(case: schemathesis.Case, auth_headers: dict[str, str]):
    case.call_and_validate(headers=auth_headers, checks=CHECKS)


@pytest.mark.parametrize("person_id", [1, 2, 3])
@pytest.mark.usefixtures("same_connection_across_requests")
def test_person_cards_conform_to_the_schema(person_id: int, auth_headers: dict[str, str]):
    """Random ids rarely land on a person: call the fixture's cards (two in scope, one not)."""
    operation = schema["/api/v1/people/{id}/"]["GET"]
    case = operation.Case(path_parameters={"id": person_id})
    response = case.call_and_validate(headers=auth_headers, checks=CHECKS)
    assert response.status_code == (404 if person_id == 3 else 200)
