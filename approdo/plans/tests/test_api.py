"""Read API of plans: scoping like the pages, AccessLog rows, goals and actions nested."""

from __future__ import annotations

import pytest
from django.test import Client

from approdo.audit.models import AccessLog
from approdo.cases.tests.factories import CaseWorld, login, make_case_world
from approdo.plans.tests.helpers import approved

pytestmark = pytest.mark.django_db

WHO = [
    ("manager", 200),
    ("colleague", 403),
    ("other_hub", 404),
    ("other_body", 404),
    ("monitor", 403),
]


@pytest.fixture
def world() -> CaseWorld:
    return make_case_world()


@pytest.mark.parametrize(("who", "status"), WHO)
def test_permission_matrix(world: CaseWorld, who: str, status: int) -> None:
    version = approved(world)
    client = login(Client(), getattr(world, who))
    assert client.get(f"/api/v1/cases/{world.case.pk}/plans/").status_code == status
    assert client.get(f"/api/v1/plans/{version.pk}/").status_code == status


def test_list_and_detail_content(world: CaseWorld) -> None:
    version = approved(world)
    client = login(Client(), world.legal)
    body = client.get(f"/api/v1/cases/{world.case.pk}/plans/").json()
    row = body["results"][0] if "results" in body else body[0]
    assert row["id"] == version.pk and row["status"] == "approved"
    assert row["goals"][0]["area"] == "housing"
    assert row["goals"][0]["actions"][0]["responsible"] == world.legal.pk
    detail = client.get(f"/api/v1/plans/{version.pk}/").json()
    assert detail["number"] == 1 and detail["case"] == world.case.pk
    assert AccessLog.objects.filter(user=world.legal, purpose="api.plans.plan.detail").exists()


def test_unknown_plan_is_404(world: CaseWorld) -> None:
    client = login(Client(), world.manager)
    assert client.get("/api/v1/plans/999999/").status_code == 404
