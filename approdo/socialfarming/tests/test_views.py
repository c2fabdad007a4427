"""The pages: everyone with a place reads projects, the lead hub's staff write them, names of
participants only for readers of their case, bad input answers 400 with the values kept."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from approdo.accounts.tests.factories import UserFactory
from approdo.audit.models import AccessLog, AuditEvent
from approdo.people.tests.factories import login
from approdo.socialfarming import participants as participation
from approdo.socialfarming.models import Activity, Participant, Partner, PilotProject, Result
from approdo.socialfarming.selectors import case_summary
from approdo.socialfarming.tests.factories import FarmingWorld, day, make_farming_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def fw() -> FarmingWorld:
    return make_farming_world()


def _url(fw: FarmingWorld, name: str = "socialfarming:project") -> str:
    return reverse(name, args=[fw.project.pk])


def _project_post(fw: FarmingWorld, **over: str) -> dict[str, str]:
    w = fw.w
    data = {
        "code": "PU-AS-02",
        "title": "Olivicoltura sociale",
        "lead_hub": str(w.hub_a.pk),
        "managing_body": str(w.hub_a.managing_bodies.get().pk),
        "municipality": str(w.hub_a.municipality_id),
        "address": "Contrada Tressanti",
        "hectares": "12",
        "starts_on": day(-10).isoformat(),
        "ends_on": "",
        "farming_kind": "olive_growing",
        "farming_other": "",
        "aims": "Una cooperativa olivicola.",
        "aims_at_startup": "on",
        "status": "planned",
        "funding_amount": "",
        "funding_source": "",
    }
    data.update(over)
    return data


def test_list_shows_key_figures_and_filters(client: Client, fw: FarmingWorld):
    participation.participant_add(
        actor=fw.w.manager,
        project=fw.project,
        case=fw.w.case,
        role="trainee",
        hours_per_week=20,
        joined_on=day(-20),
    )
    participation.activity_record(
        actor=fw.w.coordinator,
        project=fw.project,
        on_date=day(-5),
        kind="field_work",
        hours=Decimal("6.5"),
    )
    login(client, fw.w.monitor)  # monitors read projects (no personal data)
    page = client.get(reverse("socialfarming:projects"))
    html = page.content.decode()
    assert page.status_code == 200 and 'data-testid="jobs-subnav"' in html
    assert f'data-testid="farming-participants-{fw.project.pk}">1 / 1<' in html
    assert f'data-testid="farming-hours-{fw.project.pk}">6,5<' in html
    assert 'data-testid="farming-new-project"' not in html
    closed = client.get(reverse("socialfarming:projects"), {"status": "closed"})
    assert "Orti solidali" not in closed.content.decode()
    bad = client.get(reverse("socialfarming:projects"), {"region": "x"})
    assert bad.status_code == 400


def test_hub_staff_create_a_project_bad_input_keeps_the_values(client: Client, fw: FarmingWorld):
    login(client, fw.w.manager)
    url = reverse("socialfarming:project_create")
    form = client.get(url)
    assert 'data-testid="farming-project-form"' in form.content.decode()
    bad = client.post(url, _project_post(fw, hectares="-2", farming_kind="other"))
    html = bad.content.decode()
    assert bad.status_code == 400 and 'aria-invalid="true"' in html
    assert "Olivicoltura sociale" in html and "Scrivi di quale attività" in html
    made = client.post(url, _project_post(fw))
    project = PilotProject.objects.get(code="PU-AS-02")
    assert made.status_code == 302 and made["Location"] == reverse(
        "socialfarming:project", args=[project.pk]
    )
    assert project.aims_at_startup and project.lead_hub == fw.w.hub_a
    # A monitor and someone without a place may not create; the latter cannot read either.
    login(client, fw.w.monitor)
    assert client.get(url).status_code == 403
    login(client, UserFactory.create())
    assert client.get(reverse("socialfarming:projects")).status_code == 403


def test_only_the_lead_hubs_staff_edit_and_stale_edits_are_refused(
    client: Client, fw: FarmingWorld
):
    data = _project_post(fw, status="running", version="1")
    data.pop("code")
    for outsider in (fw.w.coordinator_c, fw.w.monitor):
        login(client, outsider)
        page = client.get(_url(fw))
        assert page.status_code == 200 and 'data-testid="farming-project-form"' not in (
            page.content.decode()
        )
        assert client.post(_url(fw), data).status_code == 403
        assert client.post(_url(fw, "socialfarming:result_record"), {}).status_code == 403
    login(client, fw.w.coordinator)
    assert client.post(_url(fw), data).status_code == 302
    stale = client.post(_url(fw), {**data, "title": "Un altro titolo"})
    html = stale.content.decode()
    assert stale.status_code == 400 and "Qualcun altro ha modificato" in html
    assert "Un altro titolo" in html  # the user's value is kept
    fw.project.refresh_from_db()
    assert fw.project.title == "Olivicoltura sociale" and fw.project.version == 2


def test_partner_form_refuses_a_flagged_employer(client: Client, fw: FarmingWorld):
    login(client, fw.w.coordinator)
    url = _url(fw, "socialfarming:partner_add")
    refused = client.post(
        url,
        {"employer": fw.convicted.pk, "kind": "farm", "role": "Tutor", "from_on": "2026-01-01"},
    )
    assert refused.status_code == 400
    assert "603-bis" in refused.content.decode() and not Partner.objects.exists()
    added = client.post(
        url, {"employer": fw.farm.pk, "kind": "farm", "role": "Tutor", "from_on": day(-5)}
    )
    assert added.status_code == 302 and Partner.objects.get().employer == fw.farm


def test_names_only_for_readers_of_the_case_others_counted(fw: FarmingWorld):
    w = fw.w
    manager = login(Client(), w.manager)
    add_url = _url(fw, "socialfarming:participant_add")
    html = manager.get(_url(fw)).content.decode()
    assert 'data-testid="farming-participant-form"' in html
    added = manager.post(
        add_url,
        {"case": w.case.pk, "role": "trainee", "hours_per_week": "20", "joined_on": day(-3)},
    )
    assert added.status_code == 302
    assert AccessLog.objects.filter(user=w.manager, purpose="socialfarming.participant").exists()
    again = manager.post(
        add_url,
        {"case_reference": w.case.reference, "role": "worker", "hours_per_week": "10",
         "joined_on": day(-1)},
    )  # fmt: skip
    assert again.status_code == 400 and "partecipa già" in again.content.decode()
    # Hub B's worker adds their own person by reference; hub A's case is not in their list.
    other = login(Client(), w.other_body)
    foreign = other.post(
        add_url,
        {"case": w.case.pk, "role": "worker", "hours_per_week": "10", "joined_on": day(-1)},
    )
    assert foreign.status_code == 400
    own = other.post(
        add_url,
        {"case_reference": fw.case_b.reference, "role": "worker", "hours_per_week": "10",
         "joined_on": day(-1)},
    )  # fmt: skip
    assert own.status_code == 302
    # Hub A's manager reads Ousmane Ndiaye's case, not hub B's: one name, one counted.
    html = manager.get(_url(fw)).content.decode()
    assert "Ousmane Ndiaye" in html and "Boateng" not in html
    assert "1 persona di altri nodi" in html
    # A monitor sees no names at all.
    html = login(Client(), w.monitor).get(_url(fw)).content.decode()
    assert "Ndiaye" not in html and "2 persone di altri nodi" in html


def test_activity_with_attendance_and_ending_a_participation(client: Client, fw: FarmingWorld):
    w = fw.w
    row = participation.participant_add(
        actor=w.manager,
        project=fw.project,
        case=w.case,
        role="worker",
        hours_per_week=30,
        joined_on=day(-20),
    )
    login(client, w.coordinator)
    html = client.get(_url(fw)).content.decode()
    assert 'data-testid="farming-activity-form"' in html and "Ousmane Ndiaye" in html
    bad = client.post(
        _url(fw, "socialfarming:activity_record"),
        {"on_date": day(-2), "kind": "harvest", "hours": "30", "description": "Raccolta"},
    )
    assert bad.status_code == 400 and "Raccolta" in bad.content.decode()
    done = client.post(
        _url(fw, "socialfarming:activity_record"),
        {"on_date": day(-2), "kind": "harvest", "hours": "6", "attendees": [row.pk]},
    )
    assert done.status_code == 302
    assert list(Activity.objects.get().attendees.all()) == [row]
    end_url = reverse("socialfarming:participant_end", args=[fw.project.pk, row.pk])
    prefix = f"end{row.pk}"
    missing = client.post(end_url, {f"{prefix}-left_on": day(0), f"{prefix}-version": "1"})
    assert missing.status_code == 400
    ended = client.post(
        end_url,
        {f"{prefix}-left_on": day(0), f"{prefix}-outcome": "employed_partner",
         f"{prefix}-version": "1"},
    )  # fmt: skip
    assert ended.status_code == 302
    row.refresh_from_db()
    assert row.outcome == "employed_partner" and row.left_on == day(0)
    # Another hub's staff cannot reach the participation at all.
    login(client, w.other_body)
    assert client.post(end_url, {}).status_code == 404


def test_results_with_progress(client: Client, fw: FarmingWorld):
    login(client, fw.w.manager)
    url = _url(fw, "socialfarming:result_record")
    bad = client.post(url, {"indicator": "people_employed", "target": "4", "achieved": "1.5",
                            "measured_on": day(0)})  # fmt: skip
    assert bad.status_code == 400 and "numeri interi" in bad.content.decode()
    client.post(url, {"indicator": "people_employed", "target": "4", "achieved": "1",
                      "measured_on": day(-1)})  # fmt: skip
    result = Result.objects.get()
    html = client.get(_url(fw)).content.decode()
    assert f'data-testid="farming-progress-{result.pk}">25%<' in html
    assert AuditEvent.objects.filter(action="socialfarming.result.recorded").exists()


def test_case_summary_lists_participations_and_projects_to_join(client: Client, fw: FarmingWorld):
    summary = case_summary(fw.w.case)
    assert summary["participations"] == [] and summary["open_projects"] == [fw.project]
    row = participation.participant_add(
        actor=fw.w.manager,
        project=fw.project,
        case=fw.w.case,
        role="startup_member",
        hours_per_week=25,
        joined_on=day(-5),
    )
    summary = case_summary(fw.w.case)
    assert summary["participations"] == [row] and summary["open_projects"] == []
    from django.template.loader import render_to_string

    html = render_to_string(
        "socialfarming/_case_summary.html", {"farming": summary, "can_edit": True}
    )
    assert f'data-testid="farming-case-participation-{row.pk}"' in html
    assert "Orti solidali di Borgo Mezzanone" in html
    assert Participant.objects.filter(person=fw.w.person).count() == 1
