"""The job-centre API: the CPIs for any member of staff with a place; a case's registration and
appointments through the case (404 outside, 403 for monitors); refusals as problem+json, a
stale version as 409."""

from __future__ import annotations

import pytest
from django.test import Client

from approdo.accounts.tests.factories import UserFactory
from approdo.cases.models import CaseTask
from approdo.jobcentres.models import Appointment, AppointmentStatus, Registration
from approdo.jobcentres.tests.factories import CentreWorld, at, day, make_centre_world, schedule
from approdo.people.tests.factories import login

pytestmark = pytest.mark.django_db
PROBLEM = "application/problem+json"
JSON = "application/json"


@pytest.fixture
def cw() -> CentreWorld:
    return make_centre_world()


def test_job_centres_list_filters_and_detail(cw: CentreWorld):
    client = login(Client(), cw.w.monitor)  # reference data: monitors read it too
    rows = client.get("/api/v1/jobcentres/").json()["results"]
    assert {r["code"] for r in rows} == {"CPI-T-FOGGIA", "CPI-T-RAGUSA"}  # closed one left out
    every = client.get("/api/v1/jobcentres/", {"include_inactive": "true"}).json()["results"]
    assert len(every) == 3
    sicily = client.get("/api/v1/jobcentres/", {"region": cw.w.sicilia.pk}).json()["results"]
    assert [r["code"] for r in sicily] == ["CPI-T-RAGUSA"]
    one = client.get(f"/api/v1/jobcentres/{cw.foggia.pk}/").json()
    assert one["municipalities"] == [cw.w.hub_a.municipality.istat_code]
    assert one["verified"] is False and one["region_id"] == cw.w.puglia.pk
    typo = client.get("/api/v1/jobcentres/", {"regione": 1})
    assert typo.status_code == 400 and typo["Content-Type"] == PROBLEM
    assert login(Client(), UserFactory.create()).get("/api/v1/jobcentres/").status_code == 403


def test_registration_get_put_and_stale_version(cw: CentreWorld):
    client = login(Client(), cw.w.manager)
    url = f"/api/v1/jobcentres/cases/{cw.w.case.pk}/registration/"
    empty = client.get(url).json()
    assert empty["exists"] is False and empty["version"] == 0
    assert empty["suggested_job_centre"] == cw.foggia.pk
    body = {
        "version": 0,
        "job_centre": cw.foggia.pk,
        "did_status": "registered",
        "did_date": day(-10).isoformat(),
        "pact_signed_on": day(-3).isoformat(),
        "profiling_class": "gol_2",
    }
    saved = client.put(url, body, content_type=JSON)
    assert saved.status_code == 200, saved.content
    assert saved.json()["exists"] is True and saved.json()["version"] == 1
    stale = client.put(url, body, content_type=JSON)
    assert stale.status_code == 409 and stale["Content-Type"] == PROBLEM
    refused = client.put(
        url, {**body, "version": 1, "pact_signed_on": day(-12).isoformat()}, content_type=JSON
    )
    assert refused.status_code == 400 and "pact_signed_on" in refused.json()["errors"]
    unknown = client.put(url, {**body, "version": 1, "job_centre": 999999}, content_type=JSON)
    assert unknown.status_code == 400 and "job_centre" in unknown.json()["errors"]
    assert Registration.objects.get().version == 1


def test_registration_scoping(cw: CentreWorld):
    url = f"/api/v1/jobcentres/cases/{cw.w.case.pk}/registration/"
    body = {"version": 0, "did_status": "not_registered"}
    other = login(Client(), cw.w.other_body)
    assert other.get(url).status_code == 404
    assert other.put(url, body, content_type=JSON).status_code == 404
    monitor = login(Client(), cw.w.monitor)
    assert monitor.get(url).status_code == 403
    assert monitor.put(url, body, content_type=JSON).status_code == 403
    assert not Registration.objects.exists()


def test_appointments_list_schedule_outcome_and_cancel(cw: CentreWorld):
    client = login(Client(), cw.w.manager)
    url = f"/api/v1/jobcentres/cases/{cw.w.case.pk}/appointments/"
    body = {
        "job_centre": cw.foggia.pk,
        "starts_at": at(5).isoformat(),
        "purpose": "orientation",
        "accompanied_by": cw.w.legal.pk,
    }
    made = client.post(url, body, content_type=JSON)
    assert made.status_code == 201, made.content
    row = Appointment.objects.get(pk=made.json()["id"])
    assert CaseTask.objects.get(pk=row.task_id).assignee == cw.w.legal
    past = client.post(url, {**body, "starts_at": at(-2).isoformat()}, content_type=JSON)
    assert past.status_code == 400 and "starts_at" in past.json()["errors"]
    assert [r["id"] for r in client.get(url).json()["results"]] == [row.pk]

    early = client.post(
        f"/api/v1/jobcentres/appointments/{row.pk}/outcome/",
        {"version": row.version, "status": "attended"},
        content_type=JSON,
    )
    assert early.status_code == 400 and "status" in early.json()["errors"]
    held = schedule(cw, -1)
    stale = client.post(
        f"/api/v1/jobcentres/appointments/{held.pk}/outcome/",
        {"version": held.version + 1, "status": "missed"},
        content_type=JSON,
    )
    assert stale.status_code == 409
    done = client.post(
        f"/api/v1/jobcentres/appointments/{held.pk}/outcome/",
        {"version": held.version, "status": "missed", "outcome_notes": "Malato."},
        content_type=JSON,
    )
    assert done.status_code == 200 and done.json()["status"] == AppointmentStatus.MISSED
    cancelled = client.post(
        f"/api/v1/jobcentres/appointments/{row.pk}/cancel/",
        {"version": row.version, "reason": "Spostato dal CPI."},
        content_type=JSON,
    )
    assert cancelled.status_code == 200 and cancelled.json()["status"] == "cancelled"


def test_appointments_scoping(cw: CentreWorld):
    row = schedule(cw, 2)
    other = login(Client(), cw.w.other_body)
    assert other.get(f"/api/v1/jobcentres/cases/{cw.w.case.pk}/appointments/").status_code == 404
    cancel = other.post(
        f"/api/v1/jobcentres/appointments/{row.pk}/cancel/",
        {"version": row.version, "reason": "x"},
        content_type=JSON,
    )
    assert cancel.status_code == 404 and cancel["Content-Type"] == PROBLEM
    monitor = login(Client(), cw.w.monitor)
    made = monitor.post(
        f"/api/v1/jobcentres/cases/{cw.w.case.pk}/appointments/",
        {"job_centre": cw.foggia.pk, "starts_at": at(3).isoformat(), "purpose": "did"},
        content_type=JSON,
    )
    assert made.status_code == 403
    assert Appointment.objects.get().status == AppointmentStatus.SCHEDULED
