"""The API: same scoping and rules as the pages, errors as problem+json."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from approdo.audit.models import AccessLog
from approdo.people.tests.factories import login
from approdo.socialfarming.models import Activity, Participant, PilotProject
from approdo.socialfarming.tests.factories import FarmingWorld, day, make_farming_world

pytestmark = pytest.mark.django_db
PROBLEM = "application/problem+json"
BASE = "/api/v1/socialfarming"


@pytest.fixture
def fw() -> FarmingWorld:
    return make_farming_world()


def _post(client: Client, url: str, data: dict[str, Any]) -> Any:
    return client.post(url, data, content_type="application/json")


def test_projects_listed_and_created_by_hub_staff(fw: FarmingWorld):
    w = fw.w
    monitor = login(Client(), w.monitor)
    rows = monitor.get(f"{BASE}/projects/", {"status": "running"}).json()["results"]
    assert [r["code"] for r in rows] == ["PU-AS-01"]
    assert rows[0]["participants_total"] == 0 and rows[0]["municipality"]
    unknown = monitor.get(f"{BASE}/projects/", {"regione": 3})
    assert unknown.status_code == 400 and unknown["Content-Type"] == PROBLEM
    body = {
        "code": "PU-AS-03",
        "title": "Apicoltura sociale",
        "lead_hub": w.hub_a.pk,
        "managing_body": w.hub_a.managing_bodies.get().pk,
        "municipality": w.hub_a.municipality.istat_code,
        "hectares": "1.5",
        "starts_on": day(-1).isoformat(),
        "aims": "Arnie e miele.",
        "farming_kind": "beekeeping",
    }
    assert _post(monitor, f"{BASE}/projects/", body).status_code == 403
    worker = login(Client(), w.manager)
    bad = _post(worker, f"{BASE}/projects/", {**body, "farming_kind": "other"})
    assert bad.status_code == 400 and "farming_other" in bad.json()["errors"]
    made = _post(worker, f"{BASE}/projects/", body)
    assert made.status_code == 201, made.content
    assert made.json()["code"] == "PU-AS-03" and made.json()["named_participants"] == []
    elsewhere = login(Client(), w.coordinator_c)
    refused = _post(elsewhere, f"{BASE}/projects/", {**body, "code": "SI-AS-01"})
    assert refused.status_code == 400 and "lead_hub" in refused.json()["errors"]
    assert PilotProject.objects.count() == 2


def test_participants_counted_and_named_only_for_readers(fw: FarmingWorld):
    w = fw.w
    worker = login(Client(), w.manager)
    url = f"{BASE}/projects/{fw.project.pk}/participants/"
    added = _post(
        worker,
        url,
        {"case": w.case.pk, "role": "trainee", "hours_per_week": 20, "joined_on": str(day(-3))},
    )
    assert added.status_code == 201, added.content
    assert AccessLog.objects.filter(user=w.manager, purpose="api.socialfarming").exists()
    again = _post(
        worker,
        url,
        {"case_reference": w.case.reference, "role": "worker", "hours_per_week": 5,
         "joined_on": str(day(-1))},
    )  # fmt: skip
    assert again.status_code == 400 and "case" in again.json()["errors"]
    # Hub B's worker cannot add hub A's person (the case is outside their places), but adds
    # their own.
    other = login(Client(), w.other_body)
    outside = _post(
        other, url, {"case": w.case.pk, "role": "worker", "hours_per_week": 5,
                     "joined_on": str(day(-1))},
    )  # fmt: skip
    assert outside.status_code == 404 and outside["Content-Type"] == PROBLEM
    own = _post(
        other, url, {"case": fw.case_b.pk, "role": "worker", "hours_per_week": 5,
                     "joined_on": str(day(-1))},
    )  # fmt: skip
    assert own.status_code == 201
    detail = worker.get(f"{BASE}/projects/{fw.project.pk}/").json()
    assert [p["name"] for p in detail["named_participants"]] == ["Ousmane Ndiaye"]
    assert detail["participants_not_shown"] == 1 and detail["participants_total"] == 2
    monitor = login(Client(), w.monitor).get(f"{BASE}/projects/{fw.project.pk}/").json()
    assert monitor["named_participants"] == [] and monitor["participants_not_shown"] == 2


def test_partner_activity_result_writes_and_refusals(fw: FarmingWorld):
    w = fw.w
    row = Participant.objects.create(
        project=fw.project,
        case=w.case,
        person=w.person,
        node=w.hub_a,
        role="worker",
        hours_per_week=20,
        joined_on=day(-30),
        added_by=w.manager,
    )
    coordinator = login(Client(), w.coordinator)
    project = f"{BASE}/projects/{fw.project.pk}"
    flagged = _post(
        coordinator,
        f"{project}/partners/",
        {"employer": fw.convicted.pk, "kind": "farm", "role": "Tutor", "from_on": str(day(-1))},
    )
    assert flagged.status_code == 400 and "603-bis" in flagged.json()["errors"]["employer"][0]
    partner = _post(
        coordinator,
        f"{project}/partners/",
        {"employer": fw.farm.pk, "kind": "farm", "role": "Tutor", "from_on": str(day(-1))},
    )
    assert partner.status_code == 201 and partner.json()["name"] == fw.farm.legal_name
    activity = _post(
        coordinator,
        f"{project}/activities/",
        {"on_date": str(day(-1)), "kind": "harvest", "hours": "6", "attendees": [row.pk]},
    )
    assert activity.status_code == 201 and activity.json()["attendees"] == 1
    stranger = _post(
        coordinator,
        f"{project}/activities/",
        {"on_date": str(day(-1)), "kind": "harvest", "hours": "6", "attendees": [row.pk + 99]},
    )
    assert stranger.status_code == 400 and Activity.objects.count() == 1
    result = _post(
        coordinator,
        f"{project}/results/",
        {"indicator": "hectares", "target": "4.5", "achieved": "3", "measured_on": str(day(0))},
    )
    assert result.status_code == 201 and result.json()["progress"] == 67
    elsewhere = login(Client(), w.coordinator_c)
    denied = _post(
        elsewhere,
        f"{project}/results/",
        {"indicator": "hectares", "achieved": "3", "measured_on": str(day(0))},
    )
    assert denied.status_code == 403 and denied["Content-Type"] == PROBLEM


def test_ending_through_the_api_with_versions(fw: FarmingWorld):
    w = fw.w
    worker = login(Client(), w.manager)
    made = _post(
        worker,
        f"{BASE}/projects/{fw.project.pk}/participants/",
        {"case": w.case.pk, "role": "trainee", "hours_per_week": 20, "joined_on": str(day(-3))},
    ).json()
    url = f"{BASE}/participants/{made['id']}/end/"
    body = {"version": 1, "left_on": str(day(0)), "outcome": "enterprise"}
    assert _post(login(Client(), w.other_body), url, body).status_code == 404
    conflict = _post(worker, url, {**body, "version": 2})
    assert conflict.status_code == 409 and conflict["Content-Type"] == PROBLEM
    assert _post(worker, url, body).status_code == 200
    stale = _post(worker, url, body)
    assert stale.status_code == 400  # already ended
    assert Participant.objects.get().outcome == "enterprise"
    assert _post(worker, f"{BASE}/participants/999999/end/", body).status_code == 404
