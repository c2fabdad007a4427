"""Read API of screenings: same scoping as the pages, AccessLog on reads."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml
from django.test import Client

from approdo.audit.models import AccessLog
from approdo.cases.tests.factories import CaseWorld, login
from approdo.screening import services
from approdo.screening.api import API_DETAIL_PURPOSE
from approdo.screening.models import Screening
from approdo.screening.tests.helpers import answers, factors

pytestmark = pytest.mark.django_db

MATRIX = [
    ("manager", 200),
    ("legal", 200),
    ("coordinator", 200),
    ("colleague", 403),
    ("other_hub", 404),
    ("other_body", 404),
    ("monitor", 403),
]


def _screenings(world: CaseWorld) -> tuple[Screening, Screening]:
    older = services.screening_record(
        actor=world.manager,
        case=world.case,
        answers=answers("ilo_threats", "603_pay"),
        vulnerabilities=factors("housing"),
        held_on=dt.date.today() - dt.timedelta(days=10),
        complete=True,
    )
    newer = services.screening_record(
        actor=world.manager, case=world.case, answers=answers(), vulnerabilities=factors()
    )
    return older, newer


def _list_url(world: CaseWorld) -> str:
    return f"/api/v1/cases/{world.case.pk}/screenings/"


@pytest.mark.parametrize(("who", "status"), MATRIX)
def test_permission_matrix(client: Client, world: CaseWorld, who: str, status: int) -> None:
    older, _newer = _screenings(world)
    login(client, getattr(world, who))
    for url in (_list_url(world), f"/api/v1/screenings/{older.pk}/"):
        response = client.get(url)
        assert response.status_code == status, (url, response.content)
        if status != 200:
            assert response["Content-Type"].startswith("application/problem+json")


def test_anonymous_is_401(client: Client, world: CaseWorld) -> None:
    assert client.get(_list_url(world)).status_code == 401


def test_list_latest_first(client: Client, world: CaseWorld) -> None:
    older, newer = _screenings(world)
    login(client, world.manager)
    body = client.get(_list_url(world)).json()
    assert [row["id"] for row in body["results"]] == [newer.pk, older.pk]
    row = body["results"][1]
    assert row["status"] == "completed"
    assert row["suggested_priority"] == "high"
    assert row["confirmed_priority"] == "high"
    assert row["chosen_steps"] == ["anti_trafficking", "labour_inspectorate", "safe_housing"]
    assert row["node"]["id"] == world.hub_a.pk


def test_detail_body_and_access_log(client: Client, world: CaseWorld) -> None:
    older, _newer = _screenings(world)
    login(client, world.legal)
    body = client.get(f"/api/v1/screenings/{older.pk}/").json()
    observed = {a["code"] for a in body["answers"] if a["status"] == "observed"}
    assert observed == {"ilo_threats", "603_pay"}
    assert {"code": "housing", "status": "present"} in body["vulnerabilities"]
    assert body["language"] is None
    log = AccessLog.objects.get(user=world.legal, purpose=API_DETAIL_PURPOSE)
    assert log.record_id == str(world.case.pk)


def test_missing_and_unknown_parameters(client: Client, world: CaseWorld) -> None:
    login(client, world.manager)
    assert client.get("/api/v1/screenings/999999/").status_code == 404
    assert client.get("/api/v1/cases/999999/screenings/").status_code == 404
    assert client.get(_list_url(world), {"stato": "x"}).status_code == 400


def test_writes_are_not_allowed(client: Client, world: CaseWorld) -> None:
    login(client, world.manager)
    assert client.post(_list_url(world), {}).status_code == 405


def test_schema_includes_the_operations(client: Client) -> None:
    schema = yaml.safe_load(client.get("/api/v1/schema/").content)
    assert "get" in schema["paths"]["/api/v1/cases/{case_pk}/screenings/"]
    assert "get" in schema["paths"]["/api/v1/screenings/{id}/"]
