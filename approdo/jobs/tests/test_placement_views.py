"""The matching page, the decisions on proposals and the jobs on the case's Lavoro tab, as the
operators use them: what they see, what they may not see, and refusals that keep their input."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from approdo.cases.models import CaseTask
from approdo.jobs.models import JobPlacement, MatchProposal, ProposalStatus
from approdo.jobs.tests.factories import day, today
from approdo.jobs.tests.placement_factories import MatchWorld, farm, make_match_world
from approdo.people.tests.factories import login

pytestmark = pytest.mark.django_db


@pytest.fixture
def w() -> MatchWorld:
    return make_match_world()


def _run(client: Client, w: MatchWorld) -> MatchProposal:
    login(client, w.cw.manager)
    response = client.post(reverse("jobs:matching_run"), {"hub": w.cw.hub_a.pk})
    assert response.status_code == 302
    return MatchProposal.objects.get(status=ProposalStatus.SUGGESTED)


def test_the_operator_runs_the_matching_and_sees_the_suggestion_explained(client, w):
    suggestion = _run(client, w)
    page = client.get(reverse("jobs:matching"), {"hub": w.cw.hub_a.pk})
    html = page.content.decode()
    assert page.status_code == 200
    assert f'data-testid="suggestion-{suggestion.pk}"' in html
    assert w.vacancy.title in html
    assert "Esperienza" in html or "Mansione" in html  # the factors are listed
    assert 'data-testid="fit-factors"' in html


def test_monitors_and_people_without_a_hub_cannot_open_the_matching(client, w):
    login(client, w.cw.monitor)
    assert client.get(reverse("jobs:matching")).status_code == 403
    assert client.post(reverse("jobs:matching_run"), {"hub": w.cw.hub_a.pk}).status_code in (
        302,
        403,
    )
    assert not MatchProposal.objects.exists()


def test_another_hubs_worker_cannot_run_this_hubs_matching(client, w):
    login(client, w.cw.other_body)
    client.post(reverse("jobs:matching_run"), {"hub": w.cw.hub_a.pk})
    assert not MatchProposal.objects.exists()
    page = client.get(reverse("jobs:matching"), {"hub": w.cw.hub_a.pk})
    assert w.case.person.family_name not in page.content.decode()


def test_propose_interview_hire_and_the_follow_up_appears(client, w):
    suggestion = _run(client, w)
    client.post(
        reverse("jobs:proposal_propose", args=[suggestion.pk]),
        {"version": suggestion.version},
    )
    suggestion.refresh_from_db()
    assert suggestion.status == ProposalStatus.PROPOSED
    client.post(
        reverse("jobs:proposal_interview", args=[suggestion.pk]),
        {"version": suggestion.version, "interview_on": day(3).isoformat(), "next": "case"},
    )
    suggestion.refresh_from_db()
    assert suggestion.status == ProposalStatus.INTERVIEW
    form = client.get(reverse("jobs:proposal_hire", args=[suggestion.pk]))
    assert w.vacancy.starts_on.isoformat() in form.content.decode()  # prefilled from the offer
    response = client.post(
        reverse("jobs:proposal_hire", args=[suggestion.pk]),
        {
            "version": suggestion.version,
            "contract_type": "otd",
            "starts_on": today().isoformat(),
            "ends_on": day(60).isoformat(),
            "hours_per_week": "39",
            "gross_hourly_pay": "9.50",
            "next": "case",
        },
    )
    assert response.status_code == 302
    assert response.url == reverse("jobs:case", args=[w.case.pk])
    job = JobPlacement.objects.get()
    tab = client.get(reverse("jobs:case", args=[w.case.pk])).content.decode()
    assert f'data-testid="case-placement-{job.pk}"' in tab
    assert job.follow_up_due_on.strftime("%d/%m/%Y") in tab
    task = CaseTask.objects.get(pk=job.follow_up_task_id)
    detail = client.get(reverse("cases:detail", args=[w.case.pk])).content.decode()
    assert escape(task.title) in detail


def test_a_refusal_without_its_reason_comes_back_with_the_error(client, w):
    suggestion = _run(client, w)
    response = client.post(
        reverse("jobs:proposal_refuse", args=[suggestion.pk]),
        {"version": suggestion.version, "refused_by": "operator", "reason": "other", "note": ""},
    )
    assert response.status_code == 400
    assert "Scrivi il motivo." in response.content.decode()
    suggestion.refresh_from_db()
    assert suggestion.status == ProposalStatus.SUGGESTED


def test_a_hire_below_the_minimum_keeps_the_values_and_says_the_minimum(client, w):
    suggestion = _run(client, w)
    client.post(
        reverse("jobs:proposal_propose", args=[suggestion.pk]), {"version": suggestion.version}
    )
    suggestion.refresh_from_db()
    response = client.post(
        reverse("jobs:proposal_hire", args=[suggestion.pk]),
        {
            "version": suggestion.version,
            "contract_type": "otd",
            "starts_on": today().isoformat(),
            "ends_on": day(60).isoformat(),
            "hours_per_week": "39",
            "gross_hourly_pay": "3.10",
        },
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "minimo" in html and 'value="3.10"' in html
    assert not JobPlacement.objects.exists()


def test_a_colleague_outside_the_team_cannot_decide(client, w):
    suggestion = _run(client, w)
    login(client, w.cw.colleague)
    response = client.post(
        reverse("jobs:proposal_propose", args=[suggestion.pk]), {"version": suggestion.version}
    )
    assert response.status_code == 403


def test_a_job_with_a_flagged_employer_asks_why_on_the_form(client, w):
    outsider = farm(w.cw, w.foggia, w.agri, legal_name="Fuori Rete", rete_member=False)
    login(client, w.cw.manager)
    url = reverse("jobs:placement_create", args=[w.case.pk])
    assert client.get(url).status_code == 200
    data = {
        "employer": outsider.pk,
        "occupation": w.crop.pk,
        "contract_type": "otd",
        "starts_on": today().isoformat(),
        "ends_on": day(30).isoformat(),
        "hours_per_week": "30",
    }
    response = client.post(url, data)
    assert response.status_code == 400
    assert "segnalato" in response.content.decode()
    data["flag_acknowledged"] = "Trovato dalla persona; segnalato all'ispettorato."
    assert client.post(url, data).status_code == 302
    assert JobPlacement.objects.get().flag_acknowledged


def test_the_placements_list_shows_due_checks_only_of_readable_cases(client, w):
    login(client, w.cw.manager)
    client.post(
        reverse("jobs:proposal_create", args=[w.case.pk]), {"vacancy": w.vacancy.pk, "note": ""}
    )
    proposal = MatchProposal.objects.get()
    client.post(
        reverse("jobs:proposal_hire", args=[proposal.pk]),
        {
            "version": proposal.version,
            "contract_type": "oti",
            "starts_on": day(-175).isoformat(),
            "hours_per_week": "39",
        },
    )
    job = JobPlacement.objects.get()
    page = client.get(reverse("jobs:placements")).content.decode()
    assert f'data-testid="placement-{job.pk}"' in page  # due in about a week
    login(client, w.cw.colleague)
    page = client.get(reverse("jobs:placements")).content.decode()
    assert f'data-testid="placement-{job.pk}"' not in page
    assert "non puoi leggere" in page


def test_the_six_month_check_from_the_tab(client, w):
    login(client, w.cw.manager)
    client.post(
        reverse("jobs:proposal_create", args=[w.case.pk]), {"vacancy": w.vacancy.pk, "note": ""}
    )
    proposal = MatchProposal.objects.get()
    client.post(
        reverse("jobs:proposal_hire", args=[proposal.pk]),
        {
            "version": proposal.version,
            "contract_type": "oti",
            "starts_on": day(-60).isoformat(),
            "hours_per_week": "39",
        },
    )
    job = JobPlacement.objects.get()
    url = reverse("jobs:placement_follow_up", args=[job.pk])
    early = client.post(
        url, {"version": job.version, "outcome": "same", "checked_on": today().isoformat()}
    )
    assert early.status_code == 400
    assert "verifica a 6 mesi si registra dal" in early.content.decode()


def test_proposing_from_the_case_tab_refuses_an_unknown_offer(client, w):
    login(client, w.cw.manager)
    response = client.post(
        reverse("jobs:proposal_create", args=[w.case.pk]), {"vacancy": "999999", "note": ""}
    )
    assert response.status_code == 400
    assert 'data-testid="propose-form"' in response.content.decode()
