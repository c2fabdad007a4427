"""Housing autonomy: searches, contracts, and the deposit paid from the integration budget
(the budget's cap and maker-checker approval apply as they are)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from approdo.budget import services as budget
from approdo.budget.models import CommitmentStatus, RegionalBudget
from approdo.core.concurrency import StaleEditError
from approdo.housing import autonomy_services as autonomy
from approdo.housing.models import RentalContract, SearchStatus
from approdo.housing.tests.factories import HousingWorld, day, make_housing_world
from approdo.plans.models import Goal
from approdo.plans.tests.helpers import approved

pytestmark = pytest.mark.django_db


@pytest.fixture
def hw() -> HousingWorld:
    hw = make_housing_world()
    RegionalBudget.objects.create(
        region=hw.w.puglia, cap_per_person=Decimal("2000.00"), approval_above=Decimal("300.00")
    )
    return hw


@pytest.fixture
def goal(hw: HousingWorld) -> Goal:
    return approved(hw.w).goals.get()


def contract(hw: HousingWorld, **kwargs: object) -> RentalContract:
    values: dict[str, object] = {
        "address": "Via Lucera 4, Foggia",
        "landlord": "Maria Russo",
        "starts_on": day(5),
        "monthly_rent": "350.00",
    }
    values.update(kwargs)
    return autonomy.contract_create(actor=hw.w.manager, case=hw.w.case, **values)


def test_a_search_is_recorded_and_closed_with_a_date(hw: HousingWorld):
    s = autonomy.search_create(
        actor=hw.w.manager,
        case=hw.w.case,
        area="Foggia centro",
        max_rent="400",
        started_on=day(-20),
    )
    assert s.max_rent == Decimal("400.00")
    with pytest.raises(ValidationError, match="quando si è conclusa"):
        autonomy.search_update(
            actor=hw.w.manager,
            search=s,
            status=SearchStatus.FOUND,
            ended_on=None,
            notes="",
            expected_version=1,
        )
    autonomy.search_update(
        actor=hw.w.manager,
        search=s,
        status=SearchStatus.FOUND,
        ended_on=day(0),
        notes="",
        expected_version=1,
    )
    s.refresh_from_db()
    assert (s.status, s.ended_on, s.version) == (SearchStatus.FOUND, day(0), 2)


def test_a_contract_needs_its_registration_date_and_exact_rent(hw: HousingWorld):
    with pytest.raises(ValidationError) as refused:
        contract(hw, registered=True)
    assert "registered_on" in refused.value.message_dict
    with pytest.raises(ValidationError):
        contract(hw, monthly_rent="350.005")
    c = contract(hw, registered=True, registered_on=day(6))
    assert c.monthly_rent == Decimal("350.00")


def test_a_small_deposit_is_approved_at_once_and_linked(hw: HousingWorld, goal: Goal):
    c = contract(hw)
    autonomy.deposit_request(
        actor=hw.w.manager, contract=c, goal=goal, amount="250.00", expected_version=1
    )
    c.refresh_from_db()
    assert c.deposit is not None
    assert (c.deposit.status, c.deposit.category, c.deposit.amount) == (
        CommitmentStatus.APPROVED,
        "housing_deposit",
        Decimal("250.00"),
    )
    with pytest.raises(ValidationError, match="già stato chiesto"):
        autonomy.deposit_request(
            actor=hw.w.manager, contract=c, goal=goal, amount="10", expected_version=2
        )


def test_a_deposit_above_the_threshold_waits_for_the_coordinator(hw: HousingWorld, goal: Goal):
    c = contract(hw)
    autonomy.deposit_request(
        actor=hw.w.manager, contract=c, goal=goal, amount="700.00", expected_version=1
    )
    c.refresh_from_db()
    assert c.deposit is not None and c.deposit.status == CommitmentStatus.PENDING
    budget.commitment_decide(
        actor=hw.w.coordinator, commitment=c.deposit, approve=True, note="", expected_version=1
    )
    c.refresh_from_db()
    assert c.deposit is not None and c.deposit.status == CommitmentStatus.APPROVED


def test_a_deposit_beyond_the_cap_is_refused_and_nothing_is_linked(hw: HousingWorld, goal: Goal):
    c = contract(hw)
    with pytest.raises(ValidationError, match="Supera il tetto del budget"):
        autonomy.deposit_request(
            actor=hw.w.manager, contract=c, goal=goal, amount="2000.01", expected_version=1
        )
    c.refresh_from_db()
    assert c.deposit is None and c.version == 1


def test_a_stale_contract_is_refused(hw: HousingWorld, goal: Goal):
    c = contract(hw)
    with pytest.raises(StaleEditError):
        autonomy.deposit_request(
            actor=hw.w.manager, contract=c, goal=goal, amount="100", expected_version=7
        )
