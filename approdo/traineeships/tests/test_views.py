"""The traineeship pages: the team plans, starts, logs and pays from the case's page; refused
input comes back with the user's values and the reason (400); outsiders get 404, monitors 403;
the list shows only readable cases' traineeships, with hours and allowance paid."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from approdo.audit.models import AccessLog
from approdo.budget import services as budget
from approdo.budget.models import Category, Payment
from approdo.people.tests.factories import login
from approdo.traineeships.attendance import attendance_record
from approdo.traineeships.models import AttendanceMonth, Traineeship, TraineeshipStatus
from approdo.traineeships.tests.factories import (
    TraineeshipWorld,
    make_world,
    month,
    planned,
    started,
    today,
    values,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def tw() -> TraineeshipWorld:
    return make_world()


def form_data(tw: TraineeshipWorld, **over: Any) -> dict[str, Any]:
    v = values(tw)
    data = {
        "kind": v["kind"],
        "employer": tw.host.pk,
        "site": tw.site.pk,
        "occupation": tw.crop.pk,
        "starts_on": v["starts_on"].isoformat(),
        "ends_on": v["ends_on"].isoformat(),
        "hours_per_week": "30",
        "monthly_allowance": "450",
        "promoter_name": "",
        "promoter_tutor": tw.w.manager.pk,
        "host_tutor_name": "Giuseppe Russo",
        "host_tutor_role": "Capo squadra",
        "host_tutor_phone": "",
        "project": "Imparare la raccolta.",
    }
    data.update(over)
    return data


def page_url(tw: TraineeshipWorld) -> str:
    return reverse("traineeships:case", args=[tw.w.case.pk])


def test_the_team_plans_a_traineeship_from_the_case(tw: TraineeshipWorld):
    client = login(Client(), tw.w.manager)
    page = client.get(page_url(tw))
    html = page.content.decode()
    assert page.status_code == 200
    assert 'data-testid="traineeship-form"' in html and 'data-testid="jobs-subnav"' in html
    assert "indennità di almeno 450,00 € al mese" in html
    assert AccessLog.objects.filter(user=tw.w.manager, purpose="traineeships").exists()
    made = client.post(page_url(tw), form_data(tw))
    assert made.status_code == 302
    t = Traineeship.objects.get()
    assert made["Location"].endswith(f"#tirocinio-{t.pk}")
    html = client.get(page_url(tw)).content.decode()
    assert html.count('data-testid="traineeship-row"') == 1
    assert "Masseria Posta Uccello" in html and 'data-testid="traineeship-start-form"' in html


def test_refused_input_keeps_the_values_and_says_why(tw: TraineeshipWorld):
    client = login(Client(), tw.w.manager)
    low = client.post(
        page_url(tw), form_data(tw, monthly_allowance="300", host_tutor_role="Fattore")
    )
    html = low.content.decode()
    assert low.status_code == 400
    assert "sotto il minimo: in Puglia è di 450,00 € al mese" in html
    assert 'value="300"' in html and 'value="Fattore"' in html
    flagged = client.post(
        page_url(tw),
        form_data(tw, employer=tw.convicted.pk, site=tw.convicted.sites.get().pk),
    )
    assert flagged.status_code == 400
    assert "condanna per intermediazione illecita" in flagged.content.decode()
    garbage = client.post(page_url(tw), form_data(tw, starts_on="ieri", hours_per_week="99"))
    assert garbage.status_code == 400 and 'aria-invalid="true"' in garbage.content.decode()
    assert not Traineeship.objects.exists()


def test_start_log_and_pay_from_the_page(tw: TraineeshipWorld):
    t = planned(tw)
    client = login(Client(), tw.w.manager)
    started_ = client.post(
        reverse("traineeships:start", args=[t.pk]),
        {f"start-{t.pk}-goal": tw.goal.pk, f"start-{t.pk}-version": t.version},
    )
    assert started_.status_code == 302
    t.refresh_from_db()
    assert t.status == TraineeshipStatus.ACTIVE and t.commitment is not None
    prefix = f"attendance-{t.pk}"
    logged = client.post(
        reverse("traineeships:attendance", args=[t.pk]),
        {
            f"{prefix}-month": month(-2).strftime("%Y-%m"),
            f"{prefix}-hours_planned": "120",
            f"{prefix}-hours_attended": "60",
        },
    )
    assert logged.status_code == 302
    low = AttendanceMonth.objects.get()
    refused = client.post(
        reverse("traineeships:pay", args=[low.pk]),
        {f"pay-{low.pk}-paid_on": today().isoformat(), f"pay-{low.pk}-reference": "CRO 1"},
    )
    assert refused.status_code == 400
    assert "Presenze al 50%" in refused.content.decode()
    assert not Payment.objects.exists()
    client.post(
        reverse("traineeships:attendance", args=[t.pk]),
        {
            f"{prefix}-month": month(-2).strftime("%Y-%m"),
            f"{prefix}-hours_planned": "120",
            f"{prefix}-hours_attended": "110",
        },
    )
    html = client.get(page_url(tw)).content.decode()
    assert f'data-testid="traineeship-pay-form-{low.pk}"' in html
    assert 'data-testid="traineeship-attendance-form"' in html
    paid = client.post(
        reverse("traineeships:pay", args=[low.pk]),
        {f"pay-{low.pk}-paid_on": today().isoformat(), f"pay-{low.pk}-reference": "CRO 1"},
    )
    assert paid.status_code == 302
    assert Payment.objects.get().amount == Decimal("450.00")
    html = client.get(page_url(tw)).content.decode()
    assert "450,00 € pagati il" in html


def test_the_budget_refusal_is_shown_on_the_start_form(tw: TraineeshipWorld):
    budget.commitment_request(
        actor=tw.w.manager,
        case=tw.w.case,
        goal=tw.goal,
        category=Category.RENT,
        amount="1900",
        description="Affitto",
    )
    t = planned(tw)
    client = login(Client(), tw.w.manager)
    refused = client.post(
        reverse("traineeships:start", args=[t.pk]),
        {f"start-{t.pk}-goal": tw.goal.pk, f"start-{t.pk}-version": t.version},
    )
    assert refused.status_code == 400
    assert "Supera il tetto del budget: restano 100,00 € su 2.000,00 €" in refused.content.decode()
    stale = client.post(
        reverse("traineeships:start", args=[t.pk]),
        {f"start-{t.pk}-goal": tw.goal.pk, f"start-{t.pk}-version": t.version + 1},
    )
    assert stale.status_code == 400 and "Qualcun altro ha modificato" in stale.content.decode()


def test_close_with_the_outcome_from_the_page(tw: TraineeshipWorld):
    t = started(tw)
    client = login(Client(), tw.w.manager)
    prefix = f"close-{t.pk}"
    data = {
        f"{prefix}-status": "interrupted",
        f"{prefix}-ended_on": today().isoformat(),
        f"{prefix}-result": "none",
        f"{prefix}-version": t.version,
    }
    missing = client.post(reverse("traineeships:close", args=[t.pk]), data)
    assert missing.status_code == 400
    assert "Indica chi ha interrotto il tirocinio." in missing.content.decode()
    data |= {f"{prefix}-interrupted_by": "host", f"{prefix}-end_reason": "Chiusura aziendale"}
    assert client.post(reverse("traineeships:close", args=[t.pk]), data).status_code == 302
    t.refresh_from_db()
    assert t.status == "interrupted" and t.interrupted_by == "host"
    assert "Nessuno sbocco" in client.get(page_url(tw)).content.decode()


def test_outsiders_get_404_monitors_403_hub_colleagues_only_read(tw: TraineeshipWorld):
    t = started(tw)
    row = attendance_record(
        actor=tw.w.manager,
        traineeship=t,
        month=month(-2),
        hours_planned=Decimal("100"),
        hours_attended=Decimal("100"),
    )
    posts = [
        (reverse("traineeships:start", args=[t.pk]), {}),
        (reverse("traineeships:close", args=[t.pk]), {}),
        (reverse("traineeships:attendance", args=[t.pk]), {}),
        (reverse("traineeships:pay", args=[row.pk]), {}),
        (page_url(tw), form_data(tw)),
    ]
    other = login(Client(), tw.w.other_body)
    assert other.get(page_url(tw)).status_code == 404
    for url, data in posts:
        assert other.post(url, data).status_code == 404, url
    monitor = login(Client(), tw.w.monitor)
    assert monitor.get(page_url(tw)).status_code == 403
    assert monitor.get(reverse("traineeships:list")).status_code == 403
    colleague = login(Client(), tw.w.colleague)  # knows the case exists, may not read it
    assert colleague.get(page_url(tw)).status_code == 403
    for url, data in posts:
        assert colleague.post(url, data).status_code == 403, url
    assert Traineeship.objects.count() == 1 and not Payment.objects.exists()


def test_the_list_shows_readable_cases_with_hours_and_money(tw: TraineeshipWorld):
    t = started(tw)
    row = attendance_record(
        actor=tw.w.manager,
        traineeship=t,
        month=month(-2),
        hours_planned=Decimal("120"),
        hours_attended=Decimal("96.5"),
    )
    from approdo.traineeships.attendance import month_pay

    month_pay(actor=tw.w.manager, attendance=row, paid_on=today())
    url = reverse("traineeships:list")
    html = login(Client(), tw.w.coordinator).get(url).content.decode()
    assert html.count('data-testid="traineeship-row"') == 1
    assert tw.w.person.full_name in html and "96,5" in html and "450,00" in html
    assert AccessLog.objects.filter(user=tw.w.coordinator, purpose="traineeships.list").exists()
    for who in (tw.w.other_body, tw.w.colleague):
        assert 'data-testid="traineeship-row"' not in login(Client(), who).get(url).content.decode()
    manager = login(Client(), tw.w.manager)
    assert (
        manager.get(url, {"status": "completed"})
        .content.decode()
        .count('data-testid="traineeship-row"')
        == 0
    )
    assert (
        manager.get(url, {"status": "active", "employer": tw.host.pk})
        .content.decode()
        .count('data-testid="traineeship-row"')
        == 1
    )
    later = (t.ends_on + dt.timedelta(days=1)).isoformat()
    assert (
        'data-testid="traineeship-row"'
        not in manager.get(url, {"date_from": later}).content.decode()
    )
    bad = manager.get(url, {"date_from": "2026-05-01", "date_to": "2026-04-01"})
    assert bad.status_code == 400 and "viene prima dell" in bad.content.decode()


def test_case_summary_for_the_jobs_tab(tw: TraineeshipWorld):
    from django.template.loader import render_to_string

    from approdo.traineeships.selectors import case_summary

    started(tw)
    summary = case_summary(tw.w.case)
    assert summary["count"] == 1 and summary["running"] is not None
    html = render_to_string("traineeships/_case_summary.html", {"traineeships": summary})
    assert 'data-testid="traineeship-row"' in html and page_url(tw) in html
