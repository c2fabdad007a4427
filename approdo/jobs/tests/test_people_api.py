"""The people side of the jobs API: reached through a case, the same refusals as the pages,
problem+json for bad input and stale versions."""

from __future__ import annotations

import pytest
from django.test import Client

from approdo.audit.models import AccessLog
from approdo.jobs.models import JobPlacement, MatchProposal, SkillsProfile
from approdo.jobs.tests.factories import day, today
from approdo.jobs.tests.placement_factories import MatchWorld, farm, make_match_world, vacancy
from approdo.people.tests.factories import login

pytestmark = pytest.mark.django_db


@pytest.fixture
def w() -> MatchWorld:
    return make_match_world()


def _client(user: object) -> Client:
    return login(Client(), user)


def test_the_case_s_work_record_through_the_case(w):
    url = f"/api/v1/jobs/cases/{w.case.pk}/"
    body = _client(w.cw.manager).get(url).json()
    assert body["person"] == w.case.person_id
    assert body["profile"]["reach_km"] == 40
    assert [e["occupation"] for e in body["experiences"]] == ["9211"]
    assert AccessLog.objects.filter(user=w.cw.manager, purpose="api.jobs").exists()
    assert _client(w.cw.other_body).get(url).status_code == 404
    assert _client(w.cw.monitor).get(url).status_code == 403


def test_the_profile_is_updated_with_its_version_and_codes_are_checked(w):
    client = _client(w.cw.manager)
    url = f"/api/v1/jobs/cases/{w.case.pk}/profile/"
    profile = SkillsProfile.objects.get(person=w.case.person)
    body = {
        "version": profile.version,
        "max_hours_per_week": 30,
        "reach_km": 25,
        "preferred_occupations": ["9211"],
        "excluded_occupations": ["93"],
    }
    ok = client.put(url, body, content_type="application/json")
    assert ok.status_code == 200 and ok.json()["reach_km"] == 25
    stale = client.put(url, body, content_type="application/json")
    assert stale.status_code == 409
    bad = client.put(
        url,
        {**body, "version": ok.json()["version"], "preferred_occupations": ["0000"]},
        content_type="application/json",
    )
    assert bad.status_code == 400
    assert "preferred_occupations" in bad.json()["errors"]


def test_a_flagged_employers_offer_is_refused_with_the_reason(w):
    outsider = farm(w.cw, w.foggia, w.agri, legal_name="Fuori Rete", rete_member=False)
    offer = vacancy(w.cw, outsider, w.area3)
    response = _client(w.cw.manager).post(
        f"/api/v1/jobs/cases/{w.case.pk}/proposals/",
        {"vacancy": offer.pk},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "segnalato" in str(response.json()["errors"])


def test_from_a_run_to_a_hire_through_the_api(w):
    client = _client(w.cw.manager)
    run = client.post(
        "/api/v1/jobs/matching/runs/", {"hub": w.cw.hub_a.pk}, content_type="application/json"
    )
    assert run.status_code == 201
    suggestion = run.json()["suggestions"][0]
    assert suggestion["vacancy"] == w.vacancy.pk
    assert {f["key"] for f in suggestion["factors"]} >= {"occupation", "distance"}
    url = f"/api/v1/jobs/proposals/{suggestion['id']}/decision/"
    proposed = client.post(
        url,
        {"action": "propose", "version": suggestion["version"]},
        content_type="application/json",
    ).json()
    assert proposed["status"] == "proposed"
    missing = client.post(
        url, {"action": "hire", "version": proposed["version"]}, content_type="application/json"
    )
    assert missing.status_code == 400 and "contract" in missing.json()["errors"]
    hired = client.post(
        url,
        {
            "action": "hire",
            "version": proposed["version"],
            "contract": {
                "contract_type": "otd",
                "starts_on": today().isoformat(),
                "ends_on": day(60).isoformat(),
                "hours_per_week": 39,
            },
        },
        content_type="application/json",
    ).json()
    assert hired["status"] == "hired" and hired["placement"]
    job = JobPlacement.objects.get(pk=hired["placement"])
    assert job.follow_up_task is not None
    early = client.post(
        f"/api/v1/jobs/placements/{job.pk}/follow-up/",
        {"version": job.version, "outcome": "same", "checked_on": today().isoformat()},
        content_type="application/json",
    )
    assert early.status_code == 400 and "checked_on" in early.json()["errors"]
    runs = client.get("/api/v1/jobs/matching/runs/", {"hub": w.cw.hub_a.pk}).json()
    assert runs["results"][0]["matched"] == 1


def test_monitors_cannot_run_or_list_matching(w):
    client = _client(w.cw.monitor)
    assert client.get("/api/v1/jobs/matching/runs/").status_code == 403
    response = client.post(
        "/api/v1/jobs/matching/runs/", {"hub": w.cw.hub_a.pk}, content_type="application/json"
    )
    assert response.status_code == 400
    assert not MatchProposal.objects.exists()


def test_a_job_needs_a_known_employer_and_occupation(w):
    client = _client(w.cw.manager)
    response = client.post(
        f"/api/v1/jobs/cases/{w.case.pk}/placements/",
        {
            "employer": 999999,
            "occupation": "9211",
            "contract_type": "otd",
            "starts_on": today().isoformat(),
            "hours_per_week": 20,
        },
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.headers["Content-Type"].startswith("application/problem+json")
    assert "employer" in response.json()["errors"]
    ok = client.post(
        f"/api/v1/jobs/cases/{w.case.pk}/placements/",
        {
            "employer": w.farm.pk,
            "occupation": "9211",
            "contract_type": "oti",
            "starts_on": today().isoformat(),
            "hours_per_week": 20,
        },
        content_type="application/json",
    )
    assert ok.status_code == 201
    assert ok.json()["follow_up_due_on"]
