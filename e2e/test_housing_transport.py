"""Issue 7's journey: a case worker asks for a bed, the coordinator places the person, commits
a housing deposit from the integration budget, books tomorrow's shuttle and plans the routes."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from approdo.accounts.models import User
from approdo.budget.models import Commitment, CommitmentStatus
from approdo.cases.models import Case, CaseTeamMember
from approdo.housing.models import BedNight, HousingRequest, Placement
from approdo.plans.models import Goal
from approdo.transport.models import Stop
from approdo.transport.trip_models import Booking, RoutePlan, Trip, TripStop
from e2e.demo_session import sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def journey_case() -> Case:
    """An open Foggia case the demo case worker manages, with an approved PAI, no housing and
    no budget spent yet."""
    worker = User.objects.get(username="assistente.foggia")
    managed = CaseTeamMember.objects.filter(user=worker, until__isnull=True).values("case_id")
    with_goals = Goal.objects.filter(plan_version__status="approved").values(
        "plan_version__plan__case_id"
    )
    return (
        Case.objects.filter(
            pk__in=managed, hub__code="PUG-H01", person__isnull=False, closed_on__isnull=True
        )
        .filter(pk__in=with_goals)
        .exclude(pk__in=HousingRequest.objects.values("case_id"))
        .exclude(pk__in=Placement.objects.values("case_id"))
        .exclude(pk__in=Commitment.objects.values("case_id"))
        .order_by("pk")
        .first()
    )


def test_bed_deposit_shuttle_and_routes(page, new_page, settings, artifacts, csp_violations):
    settings.DEMO_MODE = True
    call_command("load_demo", "--no-field", verbosity=0)
    case = journey_case()
    assert case is not None, "the demo must leave a Foggia case without housing for this journey"
    today = timezone.localdate()
    tomorrow = today + dt.timedelta(days=1)

    # 1. The case worker asks for a bed from the case's Abitare tab.
    sign_in(page, "assistente.foggia")
    page.goto(f"/casi/{case.pk}/")
    page.get_by_test_id("case-tab-housing").click()
    page.wait_for_url(re.compile(rf"/alloggi/casi/{case.pk}/$"))
    page.get_by_label("Note (bisogni, vincoli di lavoro, orari)").fill(
        "Lavora nei campi dalle 5: meglio vicino alla fermata della navetta."
    )
    page.get_by_test_id("housing-request-submit").click()
    expect(page.get_by_test_id("housing-request-waiting")).to_be_visible()
    request = HousingRequest.objects.get(case=case, status="waiting")

    # 2. The coordinator finds it on the hub's waiting list and places the person in a bed.
    coordinator = new_page()
    sign_in(coordinator, "coordinatore.foggia")
    coordinator.get_by_role("link", name="Posti letto").click()
    coordinator.wait_for_url(re.compile(r"/alloggi/$"))
    expect(coordinator.get_by_test_id("board-summary")).to_be_visible()
    coordinator.get_by_test_id("to-waiting-list").click()
    expect(coordinator.get_by_test_id(f"waiting-row-{request.pk}")).to_be_visible()
    coordinator.get_by_test_id(f"place-{request.pk}").click()
    coordinator.get_by_label("Prima notte").fill(today.isoformat())
    coordinator.get_by_label("Ultima notte").fill((today + dt.timedelta(days=59)).isoformat())
    coordinator.get_by_test_id("place-dates-submit").click()
    first_bed = coordinator.locator("[data-testid^=bed-option-]").first.get_attribute("id")
    coordinator.locator(f"label[for={first_bed}]").click()  # the radio itself is styled away
    coordinator.get_by_test_id("place-submit").click()
    expect(coordinator.locator(".alert-success").first).to_be_visible()
    placement = Placement.objects.get(case=case)
    assert BedNight.objects.filter(placement=placement).count() == 60
    assert HousingRequest.objects.get(pk=request.pk).status == "placed"

    # 3. The deposit for the room comes from the person's integration budget.
    coordinator.goto(f"/casi/{case.pk}/")
    coordinator.get_by_test_id("case-tab-budget").click()
    expect(coordinator.get_by_test_id("budget-left")).to_contain_text("2.000,00 €")
    form = coordinator.get_by_test_id("commitment-form")
    form.get_by_label("Obiettivo del PAI").select_option(index=1)
    form.get_by_label("Voce di spesa").select_option("housing_deposit")
    form.get_by_label("Importo (€)").fill("450.00")
    form.get_by_label("Descrizione").fill("Deposito cauzionale per il posto in co-housing")
    form.get_by_role("button", name="Registra l'impegno").click()
    expect(coordinator.get_by_test_id("budget-held")).to_contain_text("450,00 €")
    expect(coordinator.get_by_test_id("budget-left")).to_contain_text("1.550,00 €")
    deposit = Commitment.objects.get(case=case)
    assert (deposit.category, deposit.status) == ("housing_deposit", CommitmentStatus.APPROVED)

    # 4. A seat on tomorrow's early shuttle from Borgo Mezzanone to the farms.
    coordinator.get_by_test_id("case-tab-transport").click()
    coordinator.wait_for_url(re.compile(rf"/trasporti/casi/{case.pk}/$"))
    trip = Trip.objects.get(date=tomorrow, shuttle__plate="GF101AP")
    stops = list(TripStop.objects.filter(trip=trip).order_by("order"))
    booking = coordinator.get_by_test_id("booking-form")
    booking.get_by_label("Corsa").select_option(str(trip.pk))
    booking.get_by_label("Salita a").select_option(str(stops[0].pk))
    booking.get_by_label("Discesa a").select_option(str(stops[-1].pk))
    coordinator.get_by_test_id("booking-submit").click()
    seat = Booking.objects.get(trip=trip, case=case)
    expect(coordinator.get_by_test_id(f"pickup-time-{seat.pk}")).to_contain_text(
        stops[0].planned_at.strftime("%H:%M")
    )

    # 5. Tomorrow's routes for the ride requests, checked, then published.
    coordinator.goto("/trasporti/")
    coordinator.get_by_test_id("plans-link").click()
    plan_form = coordinator.get_by_test_id("plan-form")
    plan_form.get_by_label("Giorno").fill(tomorrow.isoformat())
    coordinator.get_by_test_id("plan-run").click()
    coordinator.wait_for_url(re.compile(r"/trasporti/piani/\d+/$"))
    expect(coordinator.get_by_test_id("plan-summary")).to_be_visible()
    expect(coordinator.get_by_test_id("plan-map")).to_have_attribute("data-loaded", "true")
    plan = RoutePlan.objects.get(date=tomorrow, hub__code="PUG-H01")
    routes = coordinator.locator("[data-testid^=route-]")
    expect(routes.first).to_be_visible()
    coordinator.screenshot(path=str(artifacts / "route-plan.png"), full_page=True)
    coordinator.get_by_test_id("plan-publish").click()
    expect(coordinator.get_by_test_id("plan-status")).to_contain_text("Pubblicato")
    plan.refresh_from_db()
    published = Booking.objects.filter(trip__date=tomorrow, trip__plan=plan)
    assert published.exists()
    assert all(b.pickup_at is not None for b in published)
    depots = set(Stop.objects.filter(kind="depot").values_list("pk", flat=True))
    assert not published.filter(pickup__stop_id__in=depots).exists()

    assert csp_violations == []
