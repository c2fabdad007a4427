"""The OpenAPI schema is valid, complete and loadable by tools; the reference page works offline."""

from __future__ import annotations

import re
from typing import Any

import pytest
import schemathesis
import yaml
from django.test import Client
from drf_spectacular.validation import validate_schema
from schemathesis.core.result import Ok

from approdo.api.problems import PROBLEM_CONTENT_TYPE
from approdo.wsgi import application

pytestmark = pytest.mark.django_db

SCHEMA_URL = "/api/v1/schema/"
EXPECTED_PATHS = {
    "/api/v1/regions/",
    "/api/v1/regions/{id}/",
    "/api/v1/provinces/",
    "/api/v1/municipalities/",
    "/api/v1/programmes/",
    "/api/v1/procedures/",
    "/api/v1/service-areas/",
    "/api/v1/languages/",
    "/api/v1/targets/",
    "/api/v1/nodes/",
    "/api/v1/nodes/{id}/",
    "/api/v1/nodes/{id}/team/",
    "/api/v1/managing-bodies/",
    "/api/v1/managing-bodies/{id}/",
    "/api/v1/contracts/",
    "/api/v1/people/",
    "/api/v1/people/{id}/",
    "/api/v1/cases/",
    "/api/v1/cases/{id}/",
    "/api/v1/cases/{id}/timeline/",
    "/api/v1/referrals/",
    "/api/v1/referrals/{id}/",
    "/api/v1/transfers/",
    "/api/v1/cases/{case_pk}/screenings/",
    "/api/v1/screenings/{id}/",
    "/api/v1/cases/{case_pk}/plans/",
    "/api/v1/plans/{id}/",
    "/api/v1/cases/{case_pk}/services/",
    "/api/v1/services-delivered/{id}/",
    "/api/v1/service-types/",
    "/api/v1/outreach/sync/",
    "/api/v1/outreach/field-context/",
    "/api/v1/outreach/sessions/",
    "/api/v1/outreach/sessions/{id}/",
    "/api/v1/outreach/places/",
    "/api/v1/outreach/places/{id}/",
    "/api/v1/outreach/places.geojson",
    "/api/v1/outreach/events/",
    "/api/v1/outreach/campaigns/",
    "/api/v1/helpdesk/contacts/",
    "/api/v1/helpdesk/contacts/{id}/",
    "/api/v1/helpdesk/services/",
    "/api/v1/helpdesk/tasks/",
    "/api/v1/linkage/candidates/",
    "/api/v1/linkage/candidates/{id}/",
    "/api/v1/linkage/candidates/{id}/decision/",
    "/api/v1/linkage/merges/",
    "/api/v1/linkage/merges/{id}/",
    "/api/v1/linkage/merges/{id}/unmerge/",
    "/api/v1/register-imports/",
    "/api/v1/register-imports/{id}/",
    "/api/v1/register-imports/{import_pk}/problems/",
    "/api/v1/monitoring/indicators/",
    "/api/v1/monitoring/dashboard/",
    "/api/v1/monitoring/snapshots/",
    "/api/v1/monitoring/snapshots/{id}/",
    # Integration budget
    "/api/v1/budget/cases/{case_pk}/",
    "/api/v1/budget/cases/{case_pk}/commitments/",
    "/api/v1/budget/commitments/{id}/decision/",
    "/api/v1/budget/commitments/{id}/payments/",
    "/api/v1/budget/commitments/{id}/close/",
    "/api/v1/budget/report/",
    # Housing
    "/api/v1/housing/sites/",
    "/api/v1/housing/sites/{id}/",
    "/api/v1/housing/sites/{id}/beds/",
    "/api/v1/housing/requests/",
    "/api/v1/housing/placements/",
    "/api/v1/housing/placements/{id}/move/",
    "/api/v1/housing/placements/{id}/end/",
    "/api/v1/cases/{case_pk}/placements/",
    # Transport
    "/api/v1/transport/stops/",
    "/api/v1/transport/shuttles/",
    "/api/v1/transport/trips/",
    "/api/v1/transport/trips/{id}/",
    "/api/v1/transport/bookings/",
    "/api/v1/transport/bookings/{id}/board/",
    "/api/v1/transport/cases/{case_pk}/ride-requests/",
    "/api/v1/transport/cases/{case_pk}/ride-requests/new/",
    "/api/v1/transport/plans/",
    "/api/v1/transport/plans/run/",
    "/api/v1/transport/plans/{id}/",
    "/api/v1/transport/plans/{id}/publish/",
    # Training and work: the ISCO-08 classification
    "/api/v1/jobs/occupations/",
    "/api/v1/jobs/occupations/{code}/",
    "/api/v1/jobs/employers/",
    "/api/v1/jobs/employers/{id}/",
    "/api/v1/jobs/vacancies/",
    "/api/v1/jobs/vacancies/{id}/",
    # Training and work, the people's side (through a case) and the matching
    "/api/v1/jobs/cases/{case_pk}/",
    "/api/v1/jobs/cases/{case_pk}/profile/",
    "/api/v1/jobs/cases/{case_pk}/proposals/",
    "/api/v1/jobs/cases/{case_pk}/placements/",
    "/api/v1/jobs/proposals/{id}/decision/",
    "/api/v1/jobs/placements/{id}/end/",
    "/api/v1/jobs/placements/{id}/follow-up/",
    "/api/v1/jobs/matching/runs/",
    # Training: courses, lessons, registers, a case's orientation, assessments and enrolments
    "/api/v1/training/courses/",
    "/api/v1/training/courses/{id}/",
    "/api/v1/training/courses/{id}/sessions/",
    "/api/v1/training/sessions/{id}/attendance/",
    "/api/v1/training/cases/{case_id}/",
    "/api/v1/training/cases/{case_id}/orientation/",
    "/api/v1/training/cases/{case_id}/assessments/",
    "/api/v1/training/cases/{case_id}/enrolments/",
    "/api/v1/training/enrolments/{id}/outcome/",
    # Training and work: the job centres
    "/api/v1/jobcentres/",
    "/api/v1/jobcentres/{id}/",
    "/api/v1/jobcentres/cases/{case_pk}/registration/",
    "/api/v1/jobcentres/cases/{case_pk}/appointments/",
    "/api/v1/jobcentres/appointments/{id}/outcome/",
    "/api/v1/jobcentres/appointments/{id}/cancel/",
    # Traineeships
    "/api/v1/traineeships/",
    "/api/v1/traineeships/cases/{case_pk}/",
    "/api/v1/traineeships/{id}/",
    "/api/v1/traineeships/{id}/start/",
    "/api/v1/traineeships/{id}/attendance/",
    "/api/v1/traineeships/{id}/payments/",
    "/api/v1/traineeships/{id}/close/",
    # Social agriculture
    "/api/v1/socialfarming/projects/",
    "/api/v1/socialfarming/projects/{id}/",
    "/api/v1/socialfarming/projects/{id}/partners/",
    "/api/v1/socialfarming/projects/{id}/participants/",
    "/api/v1/socialfarming/projects/{id}/activities/",
    "/api/v1/socialfarming/projects/{id}/results/",
    "/api/v1/socialfarming/participants/{id}/end/",
}
# The only writes: the field page's offline sync, a contact taken by the helpdesk, a decision
# on a pair of records that may be one person, the undoing of a merge, a monitoring snapshot,
# the integration budget's commitments, decisions, payments and closings, housing requests
# and placements, seat bookings and boardings, ride requests, route plans and their publishing,
# employers and vacancies, skills profiles, proposals and their decisions, jobs and their
# six-month checks, matching runs.
WRITES = {
    ("/api/v1/jobs/employers/", "post"),
    ("/api/v1/jobs/vacancies/", "post"),
    ("/api/v1/jobs/cases/{case_pk}/profile/", "put"),
    ("/api/v1/jobs/cases/{case_pk}/proposals/", "post"),
    ("/api/v1/jobs/cases/{case_pk}/placements/", "post"),
    ("/api/v1/jobs/proposals/{id}/decision/", "post"),
    ("/api/v1/jobs/placements/{id}/end/", "post"),
    ("/api/v1/jobs/placements/{id}/follow-up/", "post"),
    ("/api/v1/jobs/matching/runs/", "post"),
    ("/api/v1/training/courses/", "post"),
    ("/api/v1/training/courses/{id}/sessions/", "post"),
    ("/api/v1/training/sessions/{id}/attendance/", "post"),
    ("/api/v1/training/cases/{case_id}/orientation/", "post"),
    ("/api/v1/training/cases/{case_id}/assessments/", "post"),
    ("/api/v1/training/cases/{case_id}/enrolments/", "post"),
    ("/api/v1/training/enrolments/{id}/outcome/", "post"),
    ("/api/v1/jobcentres/cases/{case_pk}/registration/", "put"),
    ("/api/v1/jobcentres/cases/{case_pk}/appointments/", "post"),
    ("/api/v1/jobcentres/appointments/{id}/outcome/", "post"),
    ("/api/v1/jobcentres/appointments/{id}/cancel/", "post"),
    ("/api/v1/traineeships/cases/{case_pk}/", "post"),
    ("/api/v1/traineeships/{id}/start/", "post"),
    ("/api/v1/traineeships/{id}/attendance/", "post"),
    ("/api/v1/traineeships/{id}/payments/", "post"),
    ("/api/v1/traineeships/{id}/close/", "post"),
    ("/api/v1/socialfarming/projects/", "post"),
    ("/api/v1/socialfarming/projects/{id}/partners/", "post"),
    ("/api/v1/socialfarming/projects/{id}/participants/", "post"),
    ("/api/v1/socialfarming/projects/{id}/activities/", "post"),
    ("/api/v1/socialfarming/projects/{id}/results/", "post"),
    ("/api/v1/socialfarming/participants/{id}/end/", "post"),
    ("/api/v1/transport/bookings/", "post"),
    ("/api/v1/transport/bookings/{id}/board/", "post"),
    ("/api/v1/transport/cases/{case_pk}/ride-requests/new/", "post"),
    ("/api/v1/transport/plans/run/", "post"),
    ("/api/v1/transport/plans/{id}/publish/", "post"),
    ("/api/v1/budget/cases/{case_pk}/commitments/", "post"),
    ("/api/v1/budget/commitments/{id}/decision/", "post"),
    ("/api/v1/budget/commitments/{id}/payments/", "post"),
    ("/api/v1/budget/commitments/{id}/close/", "post"),
    ("/api/v1/housing/requests/", "post"),
    ("/api/v1/housing/placements/", "post"),
    ("/api/v1/housing/placements/{id}/move/", "post"),
    ("/api/v1/housing/placements/{id}/end/", "post"),
    ("/api/v1/monitoring/snapshots/", "post"),
    ("/api/v1/outreach/sync/", "post"),
    ("/api/v1/helpdesk/contacts/", "post"),
    ("/api/v1/linkage/candidates/{id}/decision/", "post"),
    ("/api/v1/linkage/merges/{id}/unmerge/", "post"),
}


@pytest.fixture
def schema(client: Client) -> dict[str, Any]:
    response = client.get(SCHEMA_URL)
    assert response.status_code == 200
    document: dict[str, Any] = yaml.safe_load(response.content)
    return document


def test_schema_is_valid_openapi_3(schema: dict[str, Any]):
    assert schema["openapi"].startswith("3.")
    validate_schema(schema)  # raises on any violation of the OpenAPI 3.0 JSON schema
    assert set(schema["paths"]) >= EXPECTED_PATHS


def test_schema_also_served_as_json(client: Client):
    by_header = client.get(SCHEMA_URL, headers={"Accept": "application/vnd.oai.openapi+json"})
    by_query = client.get(SCHEMA_URL, {"format": "json"})  # the reference page's link
    for response in (by_header, by_query):
        assert response.status_code == 200
        assert response.json()["info"]["title"] == "Approdo API"


def test_schemathesis_loads_every_operation():
    loaded = schemathesis.openapi.from_wsgi(SCHEMA_URL, application)
    operations = [result.ok() for result in loaded.get_all_operations() if isinstance(result, Ok)]
    assert {op.path for op in operations} == EXPECTED_PATHS
    assert {(op.path, op.method) for op in operations if op.method != "get"} == WRITES


def test_every_operation_declares_its_errors_as_problem_json(schema: dict[str, Any]):
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            for status in ("400", "401", "403", "404", "406"):
                content = operation["responses"][status]["content"]
                assert list(content) == [PROBLEM_CONTENT_TYPE], (path, method, status)
            assert operation["description"], (path, method)
            assert operation["security"] == [{"tokenAuth": []}, {"cookieAuth": []}], path


def test_node_filters_are_typed_with_enums(schema: dict[str, Any]):
    parameters = {
        p["name"]: p["schema"] for p in schema["paths"]["/api/v1/nodes/"]["get"]["parameters"]
    }
    assert set(parameters) == {
        "q",
        "region",
        "kind",
        "spoke_kind",
        "localisation",
        "area",
        "managing_body",
        "language",
        "programme",
        "page",
        "page_size",
    }
    assert parameters["kind"]["enum"] == ["hub", "spoke"]
    assert parameters["spoke_kind"]["enum"] == ["mobile_unit", "outpost", "desk", "other"]
    assert parameters["localisation"]["enum"] == ["urban", "rural", "periurban"]
    assert parameters["region"]["type"] == "integer"
    assert parameters["region"]["minimum"] == 1
    assert parameters["page_size"]["maximum"] == 500


def test_reference_page_lists_operations_without_scripts_from_elsewhere(
    client: Client, schema: dict[str, Any]
):
    response = client.get("/api/v1/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    operations = sum(len(item) for item in schema["paths"].values())
    # Paths that are read and written (a list that takes new items) count twice.
    both = {path for path, _method in WRITES} & {
        path for path, item in schema["paths"].items() if "get" in item
    }
    assert both >= {"/api/v1/helpdesk/contacts/", "/api/v1/monitoring/snapshots/"}
    assert operations == len(EXPECTED_PATHS) + len(both)
    assert html.count('data-testid="api-operation"') == operations
    assert SCHEMA_URL in html
    # Under our CSP (script-src 'self' + nonce) only same-origin scripts run: no CDN, no inline.
    sources = re.findall(r"<script\b([^>]*)>", html)
    assert sources
    for attributes in sources:
        src = re.search(r'src="([^"]+)"', attributes)
        assert src and src.group(1).startswith("/static/"), attributes
