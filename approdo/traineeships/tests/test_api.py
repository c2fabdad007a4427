"""The traineeships API: the same scoping and rules as the pages, errors as problem+json."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.test import Client

from approdo.audit.models import AccessLog
from approdo.people.tests.factories import login
from approdo.traineeships.models import Traineeship
from approdo.traineeships.tests.factories import (
    TraineeshipWorld,
    make_world,
    month,
    planned,
    today,
    values,
)

pytestmark = pytest.mark.django_db
PROBLEM = "application/problem+json"
JSON = "application/json"


@pytest.fixture
def tw() -> TraineeshipWorld:
    return make_world()


def body(tw: TraineeshipWorld, **over: Any) -> dict[str, Any]:
    v = values(tw)
    data: dict[str, Any] = {
        "kind": "orientation",
        "employer": tw.host.pk,
        "site": tw.site.pk,
        "occupation": "9211",
        "starts_on": v["starts_on"].isoformat(),
        "ends_on": v["ends_on"].isoformat(),
        "hours_per_week": 30,
        "monthly_allowance": "450.00",
        "promoter_tutor": tw.w.manager.pk,
        "host_tutor_name": "Giuseppe Russo",
        "project": "Imparare la raccolta.",
    }
    data.update(over)
    return data


def test_plan_start_log_pay_and_close_through_the_api(tw: TraineeshipWorld):
    api = login(Client(), tw.w.manager)
    case_url = f"/api/v1/traineeships/cases/{tw.w.case.pk}/"
    made = api.post(case_url, body(tw), content_type=JSON)
    assert made.status_code == 201, made.content
    t = made.json()
    assert t["status"] == "planned" and t["commitment"] is None and t["attendance"] == []
    url = f"/api/v1/traineeships/{t['id']}/"
    started = api.post(f"{url}start/", {"goal": tw.goal.pk, "version": 1}, content_type=JSON)
    assert started.status_code == 200, started.content
    assert started.json()["commitment"]["amount"] == "1350.00"
    stale = api.post(f"{url}start/", {"goal": tw.goal.pk, "version": 1}, content_type=JSON)
    assert stale.status_code == 409 and stale["Content-Type"] == PROBLEM

    month_body = {"month": month(-2).isoformat(), "hours_planned": "100", "hours_attended": "65"}
    logged = api.post(f"{url}attendance/", month_body, content_type=JSON)
    assert logged.status_code == 201 and logged.json()["attendance"][0]["percent"] == 65
    pay = {"month": month(-2).isoformat(), "paid_on": today().isoformat()}
    low = api.post(f"{url}payments/", pay, content_type=JSON)
    assert low.status_code == 400 and low["Content-Type"] == PROBLEM
    assert "sotto il 70%" in str(low.json())
    api.post(f"{url}attendance/", month_body | {"hours_attended": "90"}, content_type=JSON)
    paid = api.post(f"{url}payments/", pay, content_type=JSON)
    assert paid.status_code == 201 and paid.json()["allowance_paid"] == "450.00"
    twice = api.post(f"{url}payments/", pay, content_type=JSON)
    assert twice.status_code == 400 and "già stata pagata" in str(twice.json())
    unlogged = api.post(
        f"{url}payments/", pay | {"month": month(-1).isoformat()}, content_type=JSON
    )
    assert unlogged.status_code == 400 and "month" in unlogged.json()["errors"]

    version = api.get(url).json()["version"]
    closed = api.post(
        f"{url}close/",
        {
            "status": "completed",
            "ended_on": today().isoformat(),
            "result": "hired_by_host",
            "contract_type": "permanent",
            "version": version,
        },
        content_type=JSON,
    )
    assert closed.status_code == 200, closed.content
    assert closed.json()["result"] == "hired_by_host"
    listed = api.get("/api/v1/traineeships/", {"status": "completed"}).json()
    assert [row["id"] for row in listed["results"]] == [t["id"]]
    assert listed["results"][0]["hours_attended"] == "90.0"
    assert AccessLog.objects.filter(purpose="api.traineeships").exists()


def test_refusals_are_400_naming_the_field(tw: TraineeshipWorld):
    api = login(Client(), tw.w.manager)
    case_url = f"/api/v1/traineeships/cases/{tw.w.case.pk}/"
    flagged = api.post(
        case_url,
        body(tw, employer=tw.convicted.pk, site=tw.convicted.sites.get().pk),
        content_type=JSON,
    )
    assert flagged.status_code == 400 and flagged["Content-Type"] == PROBLEM
    assert "603-bis" in flagged.json()["errors"]["employer"][0]
    low = api.post(case_url, body(tw, monthly_allowance="100"), content_type=JSON)
    assert "450,00 €" in low.json()["errors"]["monthly_allowance"][0]
    for wrong in (
        {"employer": 999999},
        {"occupation": "0000"},
        {"hours_per_week": 41},
        {"starts_on": "9999-01-01"},
        {"kind": "apprenticeship"},
    ):
        answer = api.post(case_url, body(tw, **wrong), content_type=JSON)
        assert answer.status_code == 400, wrong
    assert not Traineeship.objects.exists()


def test_scoping_other_hub_404_monitor_403(tw: TraineeshipWorld):
    t = planned(tw)
    other = login(Client(), tw.w.other_body)
    assert other.get(f"/api/v1/traineeships/{t.pk}/").status_code == 404
    assert other.get(f"/api/v1/traineeships/cases/{tw.w.case.pk}/").status_code == 404
    assert (
        other.post(
            f"/api/v1/traineeships/{t.pk}/start/",
            {"goal": tw.goal.pk, "version": 1},
            content_type=JSON,
        ).status_code
        == 404
    )
    assert other.get("/api/v1/traineeships/").json()["results"] == []
    monitor = login(Client(), tw.w.monitor)
    assert monitor.get("/api/v1/traineeships/").status_code == 403
    assert monitor.get(f"/api/v1/traineeships/{t.pk}/").status_code == 403
    colleague = login(Client(), tw.w.colleague)
    assert (
        colleague.post(
            f"/api/v1/traineeships/cases/{tw.w.case.pk}/", body(tw), content_type=JSON
        ).status_code
        == 403
    )
    assert Traineeship.objects.count() == 1
    coordinator = login(Client(), tw.w.coordinator)
    rows = coordinator.get("/api/v1/traineeships/").json()["results"]
    assert [r["id"] for r in rows] == [t.pk] and rows[0]["allowance_paid"] == "0.00"
    assert coordinator.get("/api/v1/traineeships/", {"regione": "1"}).status_code == 400
    assert Decimal(rows[0]["monthly_allowance"]) == Decimal("450")
