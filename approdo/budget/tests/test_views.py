"""The budget tab of a case as the case worker and the coordinator use it."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from approdo.audit.models import AccessLog
from approdo.budget.models import Commitment, CommitmentStatus, RegionalBudget
from approdo.cases.tests.factories import CaseWorld, make_case_world
from approdo.people.tests.factories import login
from approdo.plans.tests.helpers import approved

pytestmark = pytest.mark.django_db


@pytest.fixture
def world() -> CaseWorld:
    w = make_case_world()
    RegionalBudget.objects.create(
        region=w.puglia, cap_per_person=Decimal("2000.00"), approval_above=Decimal("300.00")
    )
    approved(w)
    return w


def test_case_worker_commits_coordinator_approves_and_payment_is_recorded(
    client: Client, world: CaseWorld
):
    url = reverse("budget:case", args=[world.case.pk])
    goal = world.case.plan.versions.get(status="approved").goals.get()
    login(client, world.manager)
    page = client.get(url)
    assert page.status_code == 200
    assert 'data-testid="budget-left">2.000,00 €' in page.content.decode()
    assert AccessLog.objects.filter(user=world.manager).exists()
    over = client.post(
        url,
        {"goal": goal.pk, "category": "housing_deposit", "amount": "2000.01", "description": "x"},
    )
    assert over.status_code == 400
    assert "Supera il tetto del budget" in over.content.decode()
    made = client.post(
        url,
        {
            "goal": goal.pk,
            "category": "housing_deposit",
            "amount": "600.00",
            "description": "Deposito cauzionale, stanza in via Arpi",
        },
    )
    assert made.status_code == 302
    commitment = Commitment.objects.get()
    assert commitment.status == CommitmentStatus.PENDING

    client.logout()
    login(client, world.coordinator)
    client.post(
        reverse("budget:decide", args=[commitment.pk]),
        {"decision": "approve", "note": "", "version": commitment.version},
    )
    commitment.refresh_from_db()
    assert commitment.status == CommitmentStatus.APPROVED
    client.post(
        reverse("budget:pay", args=[commitment.pk]),
        {"amount": "600.00", "paid_on": dt.date.today().isoformat(), "reference": "Ric. 12/2026"},
    )
    html = client.get(url).content.decode()
    assert 'data-testid="budget-paid">600,00 €' in html
    assert 'data-testid="budget-left">1.400,00 €' in html


def test_people_outside_the_case_cannot_open_it(client: Client, world: CaseWorld):
    login(client, world.monitor)
    assert client.get(reverse("budget:case", args=[world.case.pk])).status_code in (403, 404)
