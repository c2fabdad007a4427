"""The housing API: same scoping and rules as the pages, errors as problem+json."""

from __future__ import annotations

import pytest
from django.test import Client

from approdo.audit.models import AccessLog
from approdo.housing.models import HousingRequest, Placement
from approdo.housing.tests.factories import HousingWorld, beds_of, day, make_housing_world, placed
from approdo.people.tests.factories import login

pytestmark = pytest.mark.django_db
PROBLEM = "application/problem+json"


@pytest.fixture
def hw() -> HousingWorld:
    return make_housing_world()


def test_sites_with_occupancy_in_the_callers_places(hw: HousingWorld):
    placed(hw, first=0, last=3)
    client = login(Client(), hw.w.monitor)  # monitors see counts
    rows = client.get("/api/v1/housing/sites/", {"date_from": day(0), "date_to": day(6)}).json()
    by_name = {row["name"]: row for row in rows["results"]}
    assert by_name["Casa Arpi"]["beds"] == 2
    assert [d["occupied"] for d in by_name["Casa Arpi"]["occupancy"]] == [1, 1, 1, 1, 0, 0, 0]
    other = login(Client(), hw.w.other_body)
    names = {row["name"] for row in other.get("/api/v1/housing/sites/").json()["results"]}
    assert names == {"Casa Cerignola"}
    missing = other.get(f"/api/v1/housing/sites/{hw.casa.pk}/")
    assert missing.status_code == 404 and missing["Content-Type"] == PROBLEM
    too_long = client.get("/api/v1/housing/sites/", {"date_from": day(0), "date_to": day(200)})
    assert too_long.status_code == 400 and "date_to" in too_long.json()["errors"]
    beds = client.get(f"/api/v1/housing/sites/{hw.casa.pk}/beds/", {"date_from": day(2)}).json()
    assert [b["free"] for b in beds["results"]] == [False, True]


def test_request_place_move_end_through_the_api(hw: HousingWorld):
    worker = login(Client(), hw.w.manager)
    made = worker.post(
        "/api/v1/housing/requests/",
        {"case": hw.w.case.pk, "desired_from": day(0).isoformat(), "needs_accessible": True},
        content_type="application/json",
    )
    assert made.status_code == 201, made.content
    again = worker.post(
        "/api/v1/housing/requests/",
        {"case": hw.w.case.pk, "desired_from": day(0).isoformat()},
        content_type="application/json",
    )
    assert again.status_code == 400 and again["Content-Type"] == PROBLEM
    request = HousingRequest.objects.get()
    assert (
        worker.post(
            "/api/v1/housing/placements/",
            {
                "request": request.pk,
                "request_version": 1,
                "bed": beds_of(hw.casa)[0].pk,
                "starts_on": day(0).isoformat(),
                "ends_on": day(9).isoformat(),
            },
            content_type="application/json",
        ).status_code
        == 403
    )

    coordinator = login(Client(), hw.w.coordinator)
    waiting = coordinator.get("/api/v1/housing/requests/").json()["results"]
    assert [r["id"] for r in waiting] == [request.pk]
    body = {
        "request": request.pk,
        "request_version": 1,
        "bed": beds_of(hw.casa)[1].pk,
        "starts_on": day(0).isoformat(),
        "ends_on": day(9).isoformat(),
    }
    not_accessible = coordinator.post(
        "/api/v1/housing/placements/", body, content_type="application/json"
    )
    assert not_accessible.status_code == 400 and "bed" in not_accessible.json()["errors"]
    body["bed"] = beds_of(hw.casa)[0].pk
    done = coordinator.post("/api/v1/housing/placements/", body, content_type="application/json")
    assert done.status_code == 201 and done.json()["status"] == "active"
    p = Placement.objects.get()
    stale = coordinator.post(
        f"/api/v1/housing/placements/{p.pk}/move/",
        {"bed": beds_of(hw.casa2)[0].pk, "from_day": day(3).isoformat(), "version": 9},
        content_type="application/json",
    )
    assert stale.status_code == 409 and stale["Content-Type"] == PROBLEM
    moved = coordinator.post(
        f"/api/v1/housing/placements/{p.pk}/move/",
        {"bed": beds_of(hw.casa2)[0].pk, "from_day": day(3).isoformat(), "version": 1},
        content_type="application/json",
    )
    assert moved.status_code == 201 and moved.json()["previous"] == p.pk
    ended = worker.post(
        f"/api/v1/housing/placements/{moved.json()['id']}/end/",
        {"last_night": day(5).isoformat(), "exit_reason": "housing_autonomy", "version": 1},
        content_type="application/json",
    )
    assert ended.status_code == 200 and ended.json()["exit_reason"] == "housing_autonomy"
    history = worker.get(f"/api/v1/cases/{hw.w.case.pk}/placements/").json()["results"]
    assert [(h["status"], h["ends_on"]) for h in history] == [
        ("ended", day(5).isoformat()),
        ("ended", day(2).isoformat()),
    ]
    assert AccessLog.objects.filter(user=hw.w.manager, purpose="api.housing").exists()


def test_placements_are_case_data(hw: HousingWorld):
    p = placed(hw)
    url = f"/api/v1/cases/{hw.w.case.pk}/placements/"
    assert login(Client(), hw.w.monitor).get(url).status_code == 403
    other = login(Client(), hw.w.other_body)
    assert other.get(url).status_code == 404
    outsider = other.post(
        f"/api/v1/housing/placements/{p.pk}/end/",
        {"last_night": day(1).isoformat(), "exit_reason": "other", "version": 1},
        content_type="application/json",
    )
    assert outsider.status_code == 404
