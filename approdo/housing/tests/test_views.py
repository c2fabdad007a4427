"""The housing pages as the case worker, the coordinator, a colleague, another hub and the
monitor use them: each sees what their role allows; bad input comes back as form errors."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from approdo.audit.models import AccessLog
from approdo.budget.models import RegionalBudget
from approdo.housing.models import (
    ExitReason,
    HousingRequest,
    Placement,
    RentalContract,
    RequestStatus,
)
from approdo.housing.tests.factories import (
    HousingWorld,
    beds_of,
    day,
    make_housing_world,
    placed,
    requested,
)
from approdo.people.tests.factories import login
from approdo.plans.tests.helpers import approved

pytestmark = pytest.mark.django_db


@pytest.fixture
def hw() -> HousingWorld:
    return make_housing_world()


def test_board_shows_tonight_per_site_in_scope(client: Client, hw: HousingWorld):
    placed(hw, first=0, last=3)
    login(client, hw.w.coordinator)
    html = client.get(reverse("housing:board")).content.decode()
    assert f'data-testid="site-occupied-{hw.casa.pk}">1<' in html
    assert f'data-testid="site-free-{hw.casa.pk}">1<' in html
    assert "Casa Cerignola" not in html  # hub B's site
    filtered = client.get(reverse("housing:board"), {"site": hw.casa2.pk}).content.decode()
    assert "Casa Lucera" in filtered and f"site-row-{hw.casa.pk}" not in filtered
    assert client.get(reverse("housing:board"), {"day": "nonsense", "hub": "-3"}).status_code == 400


def test_site_grid_names_occupants_only_for_readable_cases(client: Client, hw: HousingWorld):
    placed(hw, first=0, last=3)
    url = reverse("housing:site", args=[hw.casa.pk])
    login(client, hw.w.manager)
    html = client.get(url).content.decode()
    assert 'data-testid="occupant">ON<' in html  # Ousmane Ndiaye, their case
    assert AccessLog.objects.filter(user=hw.w.manager, purpose="housing.site.occupants").exists()
    client.logout()
    login(client, hw.w.colleague)  # same hub, not on the team
    html = client.get(url).content.decode()
    assert 'data-testid="occupant"' not in html and "Occupato" in html
    client.logout()
    login(client, hw.w.monitor)
    html = client.get(url).content.decode()
    assert "1 occupati su 2" in html and 'data-testid="occupant"' not in html
    client.logout()
    login(client, hw.w.other_body)
    assert client.get(url).status_code == 404


def test_case_worker_requests_a_bed_and_coordinator_places_it(client: Client, hw: HousingWorld):
    url = reverse("housing:case", args=[hw.w.case.pk])
    login(client, hw.w.manager)
    page = client.get(url)
    assert (
        page.status_code == 200 and 'data-testid="housing-request-submit"' in page.content.decode()
    )
    bad = client.post(url, {"desired_from": "31/31/2026", "room_gender": "any"})
    assert bad.status_code == 400 and "data valida" in bad.content.decode()
    made = client.post(
        url, {"desired_from": day(1).isoformat(), "room_gender": "any", "notes": "Lavora di notte"}
    )
    assert made.status_code == 302
    again = client.post(url, {"desired_from": day(1).isoformat(), "room_gender": "any"})
    assert "housing-request-waiting" in again.content.decode()  # already waiting: no new form
    request = HousingRequest.objects.get()
    client.logout()

    login(client, hw.w.coordinator)
    listing = client.get(reverse("housing:waiting_list")).content.decode()
    assert f'data-testid="waiting-row-{request.pk}"' in listing and "Ousmane Ndiaye" in listing
    assert AccessLog.objects.filter(user=hw.w.coordinator, purpose="housing.waiting_list").exists()
    place_url = reverse("housing:place", args=[request.pk])
    place_page = client.get(place_url).content.decode()
    bed = beds_of(hw.casa)[0]
    assert f'data-testid="bed-option-{bed.pk}"' in place_page
    assert 'data-testid="place-submit"' in place_page
    taken = placed(hw, case=hw.case2, bed=bed, first=0, last=40)
    clash = client.post(
        place_url,
        {
            "bed": bed.pk,
            "starts_on": day(1).isoformat(),
            "ends_on": day(30).isoformat(),
            "version": 1,
        },
    )
    assert clash.status_code == 400 and "è già occupato" in clash.content.decode()
    assert (
        clash.content.decode().count("bed-option-") == 4 - 0
    )  # the taken bed is no longer offered
    free = beds_of(hw.casa)[1]
    done = client.post(
        place_url,
        {
            "bed": free.pk,
            "starts_on": day(1).isoformat(),
            "ends_on": day(30).isoformat(),
            "version": 1,
        },
    )
    assert done.status_code == 302
    request.refresh_from_db()
    assert request.status == RequestStatus.PLACED and request.placement is not None
    assert taken.pk != request.placement.pk


def test_place_page_is_for_the_hub_coordinator_only(client: Client, hw: HousingWorld):
    r = requested(hw)
    url = reverse("housing:place", args=[r.pk])
    login(client, hw.w.manager)
    assert client.get(url).status_code == 403
    client.logout()
    login(client, hw.w.other_body)
    assert client.get(url).status_code == 404
    client.logout()
    login(client, hw.w.coordinator)
    assert client.get(url, {"starts_on": "x"}).status_code == 400
    assert (
        client.post(
            url, {"bed": "abc", "starts_on": "2026-01-01", "ends_on": "1999-01-01"}
        ).status_code
        == 400
    )


def test_exit_extend_and_move_from_the_case_tab(client: Client, hw: HousingWorld):
    p = placed(hw, first=-3, last=10)
    url = reverse("housing:case", args=[hw.w.case.pk])
    login(client, hw.w.manager)
    page = client.get(url).content.decode()
    assert f'data-testid="placement-{p.pk}"' in page and "In corso" in page
    late = client.post(
        reverse("housing:extend", args=[p.pk]), {"ends_on": day(5).isoformat(), "version": 1}
    )
    assert late.status_code == 400 and "Per prorogare" in late.content.decode()
    client.post(
        reverse("housing:extend", args=[p.pk]), {"ends_on": day(12).isoformat(), "version": 1}
    )
    p.refresh_from_db()
    assert p.ends_on == day(12) and p.version == 2
    stale = client.post(
        reverse("housing:exit", args=[p.pk]),
        {
            "last_night": day(0).isoformat(),
            "exit_reason": ExitReason.objects.first().pk,
            "version": 1,
        },
    )
    assert stale.status_code == 400 and "Qualcun altro ha modificato" in stale.content.decode()
    assert client.get(reverse("housing:move", args=[p.pk])).status_code == 403  # not coordinator
    client.logout()
    login(client, hw.w.coordinator)
    new_bed = beds_of(hw.casa2)[0]
    move_url = reverse("housing:move", args=[p.pk])
    assert 'data-testid="move-submit"' in client.get(move_url).content.decode()
    moved = client.post(move_url, {"bed": new_bed.pk, "from_day": day(2).isoformat(), "version": 2})
    assert moved.status_code == 302
    assert Placement.objects.get(previous=p).bed == new_bed
    html = client.get(url).content.decode()
    assert "spostato da" in html


def test_deposit_from_the_budget_shows_the_commitment_status(client: Client, hw: HousingWorld):
    RegionalBudget.objects.create(
        region=hw.w.puglia, cap_per_person=Decimal("2000.00"), approval_above=Decimal("300.00")
    )
    goal = approved(hw.w).goals.get()
    login(client, hw.w.manager)
    contract_url = reverse("housing:contract_add", args=[hw.w.case.pk])
    bad = client.post(
        contract_url,
        {"address": "", "landlord": "x", "starts_on": day(0).isoformat(), "monthly_rent": "-4"},
    )
    assert bad.status_code == 400
    client.post(
        contract_url,
        {
            "address": "Via Lucera 4",
            "landlord": "Maria Russo",
            "starts_on": day(5).isoformat(),
            "monthly_rent": "350,00",
        },
    )
    client.post(
        contract_url,
        {
            "address": "Via Lucera 4",
            "landlord": "Maria Russo",
            "starts_on": day(5).isoformat(),
            "monthly_rent": "350.00",
        },
    )
    contract = RentalContract.objects.get()
    deposit_url = reverse("housing:deposit", args=[hw.w.case.pk])
    over = client.post(
        deposit_url, {"contract": contract.pk, "goal": goal.pk, "amount": "2500", "version": 1}
    )
    assert over.status_code == 400 and "Supera il tetto del budget" in over.content.decode()
    ok = client.post(
        deposit_url, {"contract": contract.pk, "goal": goal.pk, "amount": "700", "version": 1}
    )
    assert ok.status_code == 302
    html = client.get(reverse("housing:case", args=[hw.w.case.pk])).content.decode()
    assert f'data-testid="deposit-status-{contract.pk}">700,00 € · <strong>Da approvare' in html


def test_the_case_tab_is_scoped_and_logged(client: Client, hw: HousingWorld):
    url = reverse("housing:case", args=[hw.w.case.pk])
    login(client, hw.w.manager)
    client.get(url)
    assert AccessLog.objects.filter(user=hw.w.manager, purpose="housing").exists()
    client.logout()
    login(client, hw.w.other_body)
    assert client.get(url).status_code == 404
    client.logout()
    login(client, hw.w.monitor)
    assert client.get(url).status_code == 403
    assert client.get(reverse("housing:waiting_list")).status_code == 403
    assert client.get(reverse("housing:board")).status_code == 200
