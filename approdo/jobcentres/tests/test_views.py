"""The job-centre pages: the list with the viewer's people and appointments, a CPI's page, and
the case page where the team records the registration and the appointments. Outsiders get 404,
monitors 403; bad input comes back with its message and the values typed (400)."""

from __future__ import annotations

import re

import pytest
from django.template.loader import render_to_string
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from approdo.accounts.tests.factories import UserFactory
from approdo.audit.models import AccessLog
from approdo.cases.models import CaseTask
from approdo.jobcentres.models import (
    Appointment,
    AppointmentStatus,
    DidStatus,
    Registration,
)
from approdo.jobcentres.selectors import case_summary
from approdo.jobcentres.tests.factories import (
    CentreWorld,
    at,
    day,
    make_centre_world,
    register,
    schedule,
)
from approdo.people.tests.factories import login

pytestmark = pytest.mark.django_db


@pytest.fixture
def cw() -> CentreWorld:
    return make_centre_world()


def _page(cw: CentreWorld) -> str:
    return reverse("jobcentres:case", args=[cw.w.case.pk])


def _registration_post(version: int, **over: str) -> dict[str, str]:
    data = {
        "job_centre": "",
        "did_status": DidStatus.REGISTERED,
        "did_date": day(-10).isoformat(),
        "status_changed_on": "",
        "pact_signed_on": "",
        "profiling_class": "gol_1",
        "siu_reference": "DID-FG-4411",
        "notes": "",
        "version": str(version),
    }
    data.update(over)
    return data


# --- the case page ------------------------------------------------------------------------------
def test_case_page_shows_the_forms_and_suggests_the_cpi(client: Client, cw: CentreWorld):
    login(client, cw.w.manager)
    page = client.get(_page(cw))
    html = page.content.decode()
    assert page.status_code == 200
    for testid in ("jobcentre-registration-form", "jobcentre-appointment-form"):
        assert f'data-testid="{testid}"' in html
    assert 'data-testid="jobcentre-suggested"' in html and escape(cw.foggia.name) in html
    assert f'<option value="{cw.foggia.pk}" selected>' in html
    assert escape(cw.closed.name) not in html  # a closed CPI is not offered
    assert AccessLog.objects.filter(user=cw.w.manager, purpose="jobcentres").exists()
    # Two forms with a CPI field on one page: every label must still point at its own input.
    ids = re.findall(r' id="([^"]+)"', html)
    assert len(ids) == len(set(ids))


def test_case_page_scoping(client: Client, cw: CentreWorld):
    url = _page(cw)
    post = reverse("jobcentres:registration_save", args=[cw.w.case.pk])
    other, monitor = login(Client(), cw.w.other_body), login(Client(), cw.w.monitor)
    assert other.get(url).status_code == 404
    assert monitor.get(url).status_code == 403
    assert login(Client(), cw.w.colleague).get(url).status_code == 403  # knows it exists only
    assert other.post(post, _registration_post(0)).status_code == 404
    assert monitor.post(post, _registration_post(0)).status_code == 403
    assert not Registration.objects.exists()


def test_registration_saved_then_bad_input_keeps_the_values(client: Client, cw: CentreWorld):
    login(client, cw.w.manager)
    url = reverse("jobcentres:registration_save", args=[cw.w.case.pk])
    saved = client.post(url, _registration_post(0, job_centre=str(cw.foggia.pk)))
    assert saved.status_code == 302
    row = Registration.objects.get(person=cw.w.person)
    assert row.did_status == DidStatus.REGISTERED and row.siu_reference == "DID-FG-4411"

    bad = client.post(
        url,
        _registration_post(
            1,
            job_centre=str(cw.foggia.pk),
            pact_signed_on=day(-20).isoformat(),
            siu_reference="DID-FG-9999",
        ),
    )
    html = bad.content.decode()
    assert bad.status_code == 400
    assert "Il patto di servizio non può precedere la DID" in html
    assert 'value="DID-FG-9999"' in html and 'aria-invalid="true"' in html
    row.refresh_from_db()
    assert row.version == 1 and row.siu_reference == "DID-FG-4411"

    stale = client.post(url, _registration_post(0, job_centre=str(cw.foggia.pk), notes="x"))
    assert stale.status_code == 400 and "Qualcun altro ha modificato" in stale.content.decode()
    assert 'name="version" value="1"' in stale.content.decode()

    page = client.get(_page(cw)).content.decode()
    assert 'data-testid="jobcentre-did-status"' in page and "Iscritta (DID attiva)" in page


def test_appointment_scheduled_and_refused_in_the_past(client: Client, cw: CentreWorld):
    login(client, cw.w.manager)
    url = reverse("jobcentres:appointment_schedule", args=[cw.w.case.pk])
    past = client.post(
        url,
        {
            "appointment-job_centre": cw.foggia.pk,
            "appointment-starts_at": at(-1).strftime("%Y-%m-%dT%H:%M"),
            "appointment-purpose": "other",
            "appointment-details": "Colloquio con l'operatore",
        },
    )
    html = past.content.decode()
    assert past.status_code == 400 and "nel passato" in html
    assert 'value="Colloquio con l&#x27;operatore"' in html
    assert not Appointment.objects.exists()

    made = client.post(
        url,
        {
            "appointment-job_centre": cw.foggia.pk,
            "appointment-starts_at": at(4, hour=9).strftime("%Y-%m-%dT%H:%M"),
            "appointment-purpose": "did",
            "appointment-accompanied_by": cw.w.legal.pk,
        },
    )
    assert made.status_code == 302
    row = Appointment.objects.get()
    assert CaseTask.objects.get(pk=row.task_id).assignee == cw.w.legal
    page = client.get(_page(cw)).content.decode()
    assert f'data-testid="appointment-{row.pk}"' in page
    # Not yet held: it can be cancelled, its outcome cannot be recorded.
    assert f"appointment-cancel-form-{row.pk}" in page
    assert f"appointment-outcome-form-{row.pk}" not in page


def test_outcome_and_cancel_from_the_page(client: Client, cw: CentreWorld):
    held = schedule(cw, -1)
    coming = schedule(cw, 2)
    login(client, cw.w.manager)
    future = client.post(
        reverse("jobcentres:appointment_outcome", args=[coming.pk]),
        {f"o{coming.pk}-status": "attended", f"o{coming.pk}-version": coming.version},
    )
    assert future.status_code == 400 and "non c&#x27;è ancora stato" in future.content.decode()
    done = client.post(
        reverse("jobcentres:appointment_outcome", args=[held.pk]),
        {
            f"o{held.pk}-status": "attended",
            f"o{held.pk}-outcome_notes": "Firmato il patto.",
            f"o{held.pk}-version": held.version,
        },
    )
    assert done.status_code == 302
    held.refresh_from_db()
    assert held.status == AppointmentStatus.ATTENDED
    no_reason = client.post(
        reverse("jobcentres:appointment_cancel", args=[coming.pk]),
        {f"c{coming.pk}-reason": "", f"c{coming.pk}-version": coming.version},
    )
    assert no_reason.status_code == 400
    cancelled = client.post(
        reverse("jobcentres:appointment_cancel", args=[coming.pk]),
        {f"c{coming.pk}-reason": "Ha trovato lavoro.", f"c{coming.pk}-version": coming.version},
    )
    assert cancelled.status_code == 302
    outsider = login(Client(), cw.w.other_body).post(
        reverse("jobcentres:appointment_cancel", args=[held.pk]),
        {f"c{held.pk}-reason": "x", f"c{held.pk}-version": "1"},
    )
    assert outsider.status_code == 404


def test_case_summary_snippet(cw: CentreWorld):
    register(cw)
    row = schedule(cw, 3)
    html = render_to_string("jobcentres/_case_summary.html", {"jobcentre": case_summary(cw.w.case)})
    assert 'data-testid="jobcentre-summary"' in html
    assert escape(cw.foggia.name) in html and "Iscritta (DID attiva)" in html
    assert escape(row.purpose_label) in html
    assert reverse("jobcentres:case", args=[cw.w.case.pk]) in html


# --- the job centres ----------------------------------------------------------------------------
def test_list_counts_the_viewers_people_and_shows_their_appointments(cw: CentreWorld):
    register(cw)
    row = schedule(cw, 3)
    schedule(cw, 20)  # beyond the two weeks
    coordinator = login(Client(), cw.w.coordinator)
    page = coordinator.get(reverse("jobcentres:list"))
    html = page.content.decode()
    assert page.status_code == 200 and 'data-testid="jobs-subnav"' in html
    assert f'data-testid="registered-{cw.foggia.pk}">1<' in html
    assert f'data-testid="upcoming-{row.pk}"' in html
    assert html.count('data-testid="upcoming-') == 1
    assert reverse("jobcentres:case", args=[cw.w.case.pk]) in html

    other = login(Client(), cw.w.other_body).get(reverse("jobcentres:list")).content.decode()
    assert f'data-testid="registered-{cw.foggia.pk}">0<' in other
    assert f'data-testid="upcoming-{row.pk}"' not in other

    monitor = login(Client(), cw.w.monitor).get(reverse("jobcentres:list"))
    assert monitor.status_code == 200
    assert "registered-" not in monitor.content.decode()  # no people figures for monitors

    nobody = login(Client(), UserFactory.create())
    assert nobody.get(reverse("jobcentres:list")).status_code == 403


def test_list_filters_by_province_and_refuses_a_bad_filter(client: Client, cw: CentreWorld):
    login(client, cw.w.manager)
    ragusa = client.get(reverse("jobcentres:list"), {"province": cw.ragusa.province_id})
    html = ragusa.content.decode()
    assert ragusa.status_code == 200
    assert escape(cw.ragusa.name) in html and f"jobcentre-row-{cw.foggia.pk}" not in html
    bad = client.get(reverse("jobcentres:list"), {"region": "abc"})
    assert bad.status_code == 400 and "Filtro non valido" in bad.content.decode()


def test_detail_page(client: Client, cw: CentreWorld):
    register(cw)
    login(client, cw.w.manager)
    page = client.get(reverse("jobcentres:detail", args=[cw.foggia.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert 'data-testid="jobcentre-unverified"' in html
    assert cw.w.hub_a.municipality.name in html
    assert 'data-testid="jobcentre-registered">1<' in html
    assert client.get(reverse("jobcentres:detail", args=[999999])).status_code == 404
