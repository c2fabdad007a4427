"""The budget report (page, CSV, API) and the budget API of a case."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from approdo.budget import services
from approdo.budget.models import Commitment, CommitmentStatus, HubAllocation, RegionalBudget
from approdo.cases.tests.factories import CaseWorld, make_case_world
from approdo.people.tests.factories import login
from approdo.plans.tests.helpers import approved

pytestmark = pytest.mark.django_db


@pytest.fixture
def world() -> CaseWorld:
    w = make_case_world()
    RegionalBudget.objects.create(
        region=w.puglia,
        cap_per_person=Decimal("2000.00"),
        approval_above=Decimal("500.00"),
        allocation=Decimal("300000.00"),
    )
    HubAllocation.objects.create(hub=w.hub_a, amount=Decimal("10000.00"))
    goal = approved(w).goals.get()
    deposit = services.commitment_request(
        actor=w.manager,
        case=w.case,
        goal=goal,
        category="housing_deposit",
        amount="450.00",
        description="Deposito",
    )
    services.payment_record(
        actor=w.manager, commitment=deposit, amount="400.00", paid_on=dt.date(2026, 11, 3)
    )
    services.commitment_request(
        actor=w.manager,
        case=w.case,
        goal=goal,
        category="training",
        amount="900.00",
        description="Corso HACCP",
    )  # above 500: pending
    return w


def test_the_coordinator_sees_the_hub_in_full_against_its_allocation(
    client: Client, world: CaseWorld
):
    login(client, world.coordinator)
    page = client.get(reverse("budget:report"))
    html = page.content.decode()
    assert page.status_code == 200
    assert 'data-testid="budget-total-committed">1.350,00 €' in html
    assert "di cui da approvare 900,00 €" in html
    assert 'data-testid="budget-total-paid">400,00 €' in html
    assert "10.000,00 €" in html and "8.650,00 €" in html  # the hub's allocation, available
    assert "13,5%" in html  # of the hub's allocation used
    assert world.case.reference in html  # the coordinator reads the case: a row per person
    assert "Deposito cauzionale per la casa" in html and "Corso di formazione" in html


def test_a_regional_monitor_never_sees_one_persons_spending(client: Client, world: CaseWorld):
    login(client, world.monitor)
    html = client.get(reverse("budget:report")).content.decode()
    assert "<5 o riservato" in html
    assert "1.350,00" not in html and "900,00" not in html
    assert world.case.reference not in html
    csv = client.get(reverse("budget:report_csv")).content.decode()
    assert "1350.00" not in csv and ",1\r\n" in csv  # suppressed rows flagged


def test_filters_are_validated_and_scoped(client: Client, world: CaseWorld):
    login(client, world.coordinator)
    bad = client.get(reverse("budget:report"), {"date_from": "2026-12-01", "date_to": "2026-11-01"})
    assert bad.status_code == 400
    assert "La data finale viene prima di quella iniziale" in bad.content.decode()
    elsewhere = client.get(reverse("budget:report"), {"hub": world.hub_c.pk})
    assert elsewhere.status_code == 400  # a hub outside the coordinator's places


def test_csv_export_has_every_table(client: Client, world: CaseWorld):
    login(client, world.coordinator)
    response = client.get(reverse("budget:report_csv"))
    lines = response.content.decode().splitlines()
    assert lines[0].startswith("table,key,label,people,pending,approved")
    kinds = {line.split(",")[0] for line in lines[1:]}
    assert kinds == {"region", "hub", "category", "case", "total"}
    assert any(line.startswith("total,") and ",1350.00,400.00," in line for line in lines)


def test_api_case_budget_and_writes(client: Client, world: CaseWorld):
    login(client, world.manager)
    base = f"/api/v1/budget/cases/{world.case.pk}/"
    body = client.get(base).json()
    assert (body["cap"], body["held"], body["available"]) == ("2000.00", "1350.00", "650.00")
    goal = world.case.plan.versions.get(status="approved").goals.get()
    over = client.post(
        base + "commitments/",
        {"goal": goal.pk, "category": "tools", "amount": "650.01", "description": "Scarpe"},
        content_type="application/json",
    )
    assert over.status_code == 400
    assert "Supera il tetto" in over.json()["errors"]["amount"][0]
    made = client.post(
        base + "commitments/",
        {"goal": goal.pk, "category": "tools", "amount": "120.00", "description": "Scarpe"},
        content_type="application/json",
    )
    assert made.status_code == 201 and made.json()["status"] == "approved"
    pending = Commitment.objects.get(status=CommitmentStatus.PENDING)
    own = client.post(
        f"/api/v1/budget/commitments/{pending.pk}/decision/",
        {"decision": "approve", "version": pending.version},
        content_type="application/json",
    )
    assert own.status_code in (400, 403)  # the requester never approves their own
    login(client, world.coordinator)
    stale = client.post(
        f"/api/v1/budget/commitments/{pending.pk}/decision/",
        {"decision": "approve", "version": pending.version + 5},
        content_type="application/json",
    )
    assert stale.status_code == 409
    ok = client.post(
        f"/api/v1/budget/commitments/{pending.pk}/decision/",
        {"decision": "approve", "version": pending.version},
        content_type="application/json",
    )
    assert ok.json()["status"] == "approved"
    paid = client.post(
        f"/api/v1/budget/commitments/{pending.pk}/payments/",
        {"amount": "900.00", "paid_on": "2026-11-20"},
        content_type="application/json",
    )
    assert paid.status_code == 201
    tools = Commitment.objects.get(category="tools")
    closed = client.post(
        f"/api/v1/budget/commitments/{tools.pk}/close/",
        {"reason": "Comprate dal datore di lavoro", "version": tools.version},
        content_type="application/json",
    )
    assert closed.json()["status"] == "cancelled"


def test_api_report_withholds_small_cells_for_monitors(client: Client, world: CaseWorld):
    login(client, world.monitor)
    body = client.get("/api/v1/budget/report/").json()
    assert body["cases"] == []
    assert all(row["hidden"] and row["pending"] is None for row in body["hubs"])
    login(client, world.coordinator)
    body = client.get("/api/v1/budget/report/").json()
    assert body["total"]["paid"] == "400.00"
    assert body["cases"][0]["name"] == world.case.reference
    assert client.get("/api/v1/budget/report/?nope=1").status_code == 400


def test_people_outside_the_case_get_404_from_the_api(client: Client, world: CaseWorld):
    login(client, world.worker_c)
    assert client.get(f"/api/v1/budget/cases/{world.case.pk}/").status_code == 404
