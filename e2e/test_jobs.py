"""Issue 8's journey: a case worker records a person's skills profile, enrols them in an Italian
course, enters an employer's vacancy, runs the matching (which proposes the person), records
the hire, and the six-month follow-up task appears on the case."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from approdo.cases.models import CaseTask
from approdo.jobs.demo_people import journey_case
from approdo.jobs.models import (
    AgreementRate,
    Employer,
    JobPlacement,
    MatchProposal,
    Occupation,
    SkillsProfile,
    Vacancy,
)
from approdo.jobs.placements import add_months
from e2e.demo_session import sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

OCCUPATION = "6112"  # tree and shrub crop growers: olive pruning
TITLE = "Potatura degli olivi (percorso e2e)"


def test_profile_course_vacancy_matching_hire_and_follow_up(
    page, settings, artifacts, csp_violations
):
    settings.DEMO_MODE = True
    call_command("load_demo", "--no-field", verbosity=0)
    case = journey_case()
    assert case is not None and case.person is not None
    assert not SkillsProfile.objects.filter(person=case.person).exists()
    pruning = Occupation.objects.get(code=OCCUPATION)
    today = timezone.localdate()

    # 1. The case worker fills in the skills profile on the case's Lavoro tab.
    sign_in(page, "assistente.foggia")
    page.goto(f"/casi/{case.pk}/")
    page.get_by_test_id("case-tab-jobs").click()
    page.wait_for_url(re.compile(rf"/lavoro/casi/{case.pk}/$"))
    profile = page.get_by_test_id("jobs-profile-form")
    profile.get_by_label("Ore settimanali al massimo").fill("40")
    profile.get_by_label("Raggiunge luoghi entro (km)").fill("120")
    profile.get_by_label("Mansioni preferite").select_option(str(pruning.pk))
    page.get_by_test_id("jobs-profile-submit").click()
    expect(page.get_by_test_id("jobs-reach")).to_have_text("120")
    page.get_by_text("Aggiungi un'esperienza").click()
    experience = page.get_by_test_id("experience-form")
    experience.get_by_label("Mansione (ISCO-08)").select_option(str(pruning.pk))
    experience.get_by_label("Anni di esperienza").fill("4")
    page.get_by_test_id("experience-submit").click()
    expect(page.get_by_test_id("experiences")).to_contain_text(OCCUPATION)

    # 2. ...and enrols the person in an Italian course from the Formazione tab.
    page.get_by_test_id("case-tab-training").click()
    enrol = page.get_by_test_id("training-enrol-form")
    course = enrol.locator("select[name=course] option", has_text="Italiano").first
    enrol.locator("select[name=course]").select_option(course.get_attribute("value"))
    page.get_by_test_id("training-enrol-submit").click()
    expect(page.get_by_test_id("training-enrolment").first).to_contain_text("Italiano")

    # 3. An employer's vacancy is entered (a Rete member farm, paid above the minimum).
    farm = Employer.objects.get(legal_name__startswith="Ortofrutta Incoronata")
    rate = AgreementRate.objects.filter(agreement=farm.agreement).order_by("-minimum_hourly_pay")[0]
    page.goto(f"/lavoro/datori/{farm.pk}/nuova-offerta/")
    form = page.get_by_test_id("vacancy-form")
    form.get_by_label("Sede").select_option(index=1)
    form.get_by_label("Mansione (ISCO-08)").select_option(str(pruning.pk))
    form.get_by_label("Titolo").fill(TITLE)
    form.get_by_label("Livello del contratto").select_option(str(rate.pk))
    form.get_by_label("Paga oraria lorda (€)").fill(f"{rate.minimum_hourly_pay + 1:.2f}")
    form.get_by_label("Dal", exact=True).fill((today + dt.timedelta(days=7)).isoformat())
    form.get_by_label("Al", exact=True).fill((today + dt.timedelta(days=60)).isoformat())
    form.get_by_label("Ore settimanali", exact=True).fill("39")
    form.get_by_label("Posti", exact=True).fill("2")
    form.get_by_label("Stato", exact=True).select_option("open")
    form.locator("button[type=submit]").click()
    vacancy = Vacancy.objects.get(title=TITLE)
    page.wait_for_url(re.compile(rf"/lavoro/offerte/{vacancy.pk}/$"))

    # 4. The matching proposes the person for it, with the fit explained.
    page.goto("/lavoro/abbinamenti/")
    page.get_by_test_id("matching-run").click()
    expect(page.get_by_test_id("matching-run-summary")).to_be_visible()
    suggestion = MatchProposal.objects.get(person=case.person, status="suggested")
    assert suggestion.vacancy_id == vacancy.pk
    row = page.get_by_test_id(f"suggestion-{suggestion.pk}")
    expect(row).to_contain_text(TITLE)
    row.get_by_text(re.compile(r"Punteggio \d+/100")).click()
    expect(row.get_by_test_id("fit-factors")).to_be_visible()
    page.screenshot(path=str(artifacts / "matching.png"), full_page=True)
    page.get_by_test_id(f"proposal-propose-{suggestion.pk}").click()
    expect(page.locator(".alert-success").first).to_be_visible()

    # 5. The hire is recorded from the case's Lavoro tab, the contract prefilled from the offer.
    page.goto(f"/lavoro/casi/{case.pk}/")
    page.get_by_test_id(f"proposal-hire-{suggestion.pk}").click()
    page.get_by_label("Tipo di contratto").select_option("otd")
    page.get_by_test_id("proposal-form-submit").click()
    page.wait_for_url(re.compile(rf"/lavoro/casi/{case.pk}/$"))
    job = JobPlacement.objects.get(person=case.person)
    expect(page.get_by_test_id(f"case-placement-{job.pk}")).to_contain_text(farm.legal_name)
    due = add_months(vacancy.starts_on, 6)
    expect(page.get_by_test_id(f"follow-up-{job.pk}")).to_contain_text(due.strftime("%d/%m/%Y"))

    # 6. The six-month follow-up is a task of the case.
    task = CaseTask.objects.get(pk=job.follow_up_task_id)
    assert task.due_on == due
    page.goto(f"/casi/{case.pk}/")
    expect(page.get_by_test_id("tasks")).to_contain_text("Verifica a 6 mesi")
    page.screenshot(path=str(artifacts / "follow-up-task.png"), full_page=True)

    assert csp_violations == []
