"""The read API of services delivered: scoping, access log, catalogue."""

from __future__ import annotations

import pytest
from django.test import Client

from approdo.api.tests.network import token_header
from approdo.audit.models import AccessLog
from approdo.cases.tests.factories import CaseWorld, make_case_world
from approdo.interventions.api import API_DETAIL_PURPOSE
from approdo.interventions.models import ServiceType
from approdo.interventions.tests.factories import log_service, service_type

pytestmark = pytest.mark.django_db

MATRIX = [
    ("manager", 200),
    ("coordinator", 200),
    ("colleague", 403),
    ("other_hub", 404),
    ("other_body", 404),
    ("monitor", 403),
]


@pytest.fixture
def world() -> CaseWorld:
    return make_case_world()


@pytest.mark.parametrize(("who", "status"), MATRIX)
def test_case_services_matrix(client: Client, world: CaseWorld, who: str, status: int) -> None:
    row = log_service(world.manager, world.case, notes="Consulenza")
    response = client.get(
        f"/api/v1/cases/{world.case.pk}/services/", headers=token_header(getattr(world, who))
    )
    assert response.status_code == status
    if status == 200:
        [item] = response.json()["results"]
        assert item["id"] == row.pk
        assert item["service_type"] == "legal_advice"
        assert item["area"] == "legal"
        assert item["cancelled"] is False


@pytest.mark.parametrize(("who", "status"), MATRIX)
def test_service_detail_matrix(client: Client, world: CaseWorld, who: str, status: int) -> None:
    row = log_service(world.manager, world.case, duration_minutes=75)
    user = getattr(world, who)
    response = client.get(f"/api/v1/services-delivered/{row.pk}/", headers=token_header(user))
    assert response.status_code == status
    if status == 200:
        assert response.json()["duration_minutes"] == 75
        assert AccessLog.objects.filter(user=user, purpose=API_DETAIL_PURPOSE).exists()


def test_unknown_service_and_parameter(client: Client, world: CaseWorld) -> None:
    headers = token_header(world.manager)
    assert client.get("/api/v1/services-delivered/999999/", headers=headers).status_code == 404
    url = f"/api/v1/cases/{world.case.pk}/services/"
    assert client.get(url, {"regione": "3"}, headers=headers).status_code == 400


def test_area_filter(client: Client, world: CaseWorld) -> None:
    log_service(world.manager, world.case)
    health = service_type(code="health_t", area="health")
    log_service(world.manager, world.case, service_type=health)
    response = client.get(
        f"/api/v1/cases/{world.case.pk}/services/",
        {"area": health.area_id},
        headers=token_header(world.manager),
    )
    assert [r["service_type"] for r in response.json()["results"]] == ["health_t"]


def test_catalogue(client: Client, world: CaseWorld) -> None:
    service_type(code="retired", area="legal", active=False)
    response = client.get(
        "/api/v1/service-types/", {"page_size": 500}, headers=token_header(world.monitor)
    )
    assert response.status_code == 200
    codes = {r["code"] for r in response.json()["results"]}
    assert "cpi_registration" in codes and "retired" in codes
    active = client.get(
        "/api/v1/service-types/",
        {"active": "true", "page_size": 500},
        headers=token_header(world.manager),
    ).json()
    assert "retired" not in {r["code"] for r in active["results"]}
    assert active["count"] == ServiceType.objects.filter(active=True).count()


def test_anonymous_is_refused(client: Client, world: CaseWorld) -> None:
    assert client.get("/api/v1/service-types/").status_code == 401
