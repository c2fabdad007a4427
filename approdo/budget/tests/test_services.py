"""The integration budget: the cap holds, the coordinator approves what the case worker asks
above the threshold (never their own), payments stay within what was approved."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from approdo.accounts.roles import Role
from approdo.accounts.tests.factories import user_with_role
from approdo.budget import services
from approdo.budget.models import CommitmentStatus, RegionalBudget
from approdo.cases.tests.factories import CaseWorld, make_case_world
from approdo.monitoring.compute import compute
from approdo.monitoring.frame import Context, Filters
from approdo.plans.models import Goal
from approdo.plans.tests.helpers import approved

pytestmark = pytest.mark.django_db


@pytest.fixture
def world() -> CaseWorld:
    w = make_case_world()
    RegionalBudget.objects.create(
        region=w.puglia, cap_per_person=Decimal("2000.00"), approval_above=Decimal("300.00")
    )
    return w


@pytest.fixture
def goal(world: CaseWorld) -> Goal:
    return approved(world).goals.get()


def ask(world: CaseWorld, goal: Goal, amount: str, category: str = "housing_deposit") -> object:
    return services.commitment_request(
        actor=world.manager,
        case=world.case,
        goal=goal,
        category=category,
        amount=amount,
        description="Deposito per la stanza in co-housing",
    )


def test_small_commitments_are_approved_at_once_larger_ones_wait(world: CaseWorld, goal: Goal):
    assert ask(world, goal, "250.00").status == CommitmentStatus.APPROVED
    assert ask(world, goal, "300.01").status == CommitmentStatus.PENDING


def test_the_cap_is_enforced_counting_pending_commitments(world: CaseWorld, goal: Goal):
    ask(world, goal, "1500.00")  # pending: it holds its share of the cap
    with pytest.raises(ValidationError) as refused:
        ask(world, goal, "500.01")
    assert "restano 500,00 € su 2.000,00 €" in str(refused.value)
    ask(world, goal, "500.00")  # exactly up to the cap


def test_an_administrator_raises_the_cap_with_a_reason(world: CaseWorld, goal: Goal):
    ask(world, goal, "2000.00")
    admin = user_with_role(Role.SYSTEM_ADMIN)
    with pytest.raises(PermissionDenied):
        services.cap_raise(
            actor=world.coordinator,
            person=world.person,
            region=world.puglia,
            cap="3000",
            reason="Affitto",
        )
    with pytest.raises(ValidationError):
        services.cap_raise(
            actor=admin, person=world.person, region=world.puglia, cap="3000", reason=" "
        )
    services.cap_raise(
        actor=admin,
        person=world.person,
        region=world.puglia,
        cap="3000",
        reason="Tirocinio di sei mesi deliberato dal tavolo regionale",
    )
    ask(world, goal, "1000.00", category="traineeship")


def test_maker_checker(world: CaseWorld, goal: Goal):
    pending = ask(world, goal, "800.00")
    # The case worker cannot approve; the coordinator can, but not what they asked themselves.
    with pytest.raises(PermissionDenied):
        services.commitment_decide(
            actor=world.manager, commitment=pending, approve=True, note="", expected_version=1
        )
    decided = services.commitment_decide(
        actor=world.coordinator, commitment=pending, approve=True, note="", expected_version=1
    )
    assert decided.status == CommitmentStatus.APPROVED and decided.decided_by == world.coordinator
    own = services.commitment_request(
        actor=world.coordinator,
        case=world.case,
        goal=goal,
        category="tools",
        amount="400",
        description="Scarpe antinfortunistiche",
    )
    with pytest.raises(ValidationError, match="non può approvarlo"):
        services.commitment_decide(
            actor=world.coordinator, commitment=own, approve=True, note="", expected_version=1
        )


def test_rejected_commitments_free_the_cap(world: CaseWorld, goal: Goal):
    pending = ask(world, goal, "2000.00")
    with pytest.raises(ValidationError):
        services.commitment_decide(
            actor=world.coordinator, commitment=pending, approve=False, note="", expected_version=1
        )
    services.commitment_decide(
        actor=world.coordinator,
        commitment=pending,
        approve=False,
        note="Preventivo troppo alto",
        expected_version=1,
    )
    assert ask(world, goal, "2000.00").status == CommitmentStatus.PENDING


def test_money_is_exact_and_payments_stay_within_the_commitment(world: CaseWorld, goal: Goal):
    for bad in ("0", "-5", "12.345", "abc", "NaN"):
        with pytest.raises(ValidationError):
            ask(world, goal, bad)
    commitment = ask(world, goal, "200.10")
    services.payment_record(
        actor=world.manager, commitment=commitment, amount="0.10", paid_on=dt.date.today()
    )
    services.payment_record(
        actor=world.manager, commitment=commitment, amount="200.00", paid_on=dt.date.today()
    )
    with pytest.raises(ValidationError, match="restano da pagare 0,00"):
        services.payment_record(
            actor=world.manager, commitment=commitment, amount="0.01", paid_on=dt.date.today()
        )
    pending = ask(world, goal, "900")
    with pytest.raises(ValidationError, match="approvato"):
        services.payment_record(
            actor=world.manager, commitment=pending, amount="1", paid_on=dt.date.today()
        )
    # Monitoring adds it up by category, in euros.
    today = dt.date.today()
    board = compute(Context(Filters(today.replace(day=1), today)), hide_small=False)
    result = board.result("integration_budget")
    assert result is not None and result.value == 200
    paid = {label: v for _k, label, v in result.tallies[0].rows if v}
    assert paid == {"Deposito cauzionale per la casa": 200}


def test_only_the_team_commits_and_the_goal_must_be_the_cases(world: CaseWorld, goal: Goal):
    with pytest.raises(PermissionDenied):
        services.commitment_request(
            actor=world.monitor,
            case=world.case,
            goal=goal,
            category="rent",
            amount="100",
            description="Affitto",
        )
    other = make_other_goal(world)
    with pytest.raises(ValidationError, match="non è del PAI"):
        ask(world, other, "100")


def make_other_goal(world: CaseWorld) -> Goal:
    from approdo.cases import services as case_services
    from approdo.cases.models import AccessChannel
    from approdo.cases.stages import Stage
    from approdo.people.tests.factories import PersonFactory
    from approdo.plans.models import PlanArea
    from approdo.plans.services import goal_add, plan_start

    case = case_services.case_open(
        actor=world.manager,
        origin_node=world.hub_a,
        access_channel=AccessChannel.DIRECT,
        person=PersonFactory.create(registered_at=world.hub_a),
        opened_on=dt.date.today(),
    )
    for stage in (Stage.SCREENING, Stage.TAKEN_IN_CHARGE):
        case.refresh_from_db()
        case_services.case_move(
            actor=world.manager, case=case, to_stage=stage, expected_version=case.version
        )
    version = plan_start(actor=world.manager, case=case)
    return goal_add(actor=world.manager, version=version, area=PlanArea.WORK, title="Lavoro")
