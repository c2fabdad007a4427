"""Closing commitments gives money back to the cap; two requests at once never pass the cap."""

from __future__ import annotations

import datetime as dt
import threading
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection

from approdo.audit.models import AuditEvent
from approdo.budget import services
from approdo.budget.models import Commitment, CommitmentStatus, RegionalBudget
from approdo.cases.tests.factories import CaseWorld, make_case_world
from approdo.core.concurrency import StaleEditError
from approdo.plans.models import Goal
from approdo.plans.tests.helpers import approved


@pytest.fixture
def world(db: None) -> CaseWorld:
    w = make_case_world()
    RegionalBudget.objects.create(
        region=w.puglia, cap_per_person=Decimal("2000.00"), approval_above=Decimal("5000.00")
    )
    return w


def ask(world: CaseWorld, goal: Goal, amount: str) -> Commitment:
    return services.commitment_request(
        actor=world.manager,
        case=world.case,
        goal=goal,
        category="housing_deposit",
        amount=amount,
        description="Deposito",
    )


def test_cancelling_an_unpaid_commitment_frees_the_cap(world: CaseWorld):
    goal = approved(world).goals.get()
    made = ask(world, goal, "2000.00")
    with pytest.raises(ValidationError):
        ask(world, goal, "1.00")
    with pytest.raises(ValidationError) as no_reason:
        services.commitment_close(
            actor=world.manager, commitment=made, reason=" ", expected_version=made.version
        )
    assert "motivo" in str(no_reason.value)
    services.commitment_close(
        actor=world.manager,
        commitment=made,
        reason="La persona ha trovato casa da parenti",
        expected_version=made.version,
    )
    made.refresh_from_db()
    assert made.status == CommitmentStatus.CANCELLED
    assert AuditEvent.objects.filter(action="budget.commitment.closed").exists()
    ask(world, goal, "2000.00")  # the whole cap is available again


def test_a_partly_paid_commitment_is_closed_at_what_was_paid(world: CaseWorld):
    goal = approved(world).goals.get()
    made = ask(world, goal, "600.00")
    services.payment_record(
        actor=world.manager, commitment=made, amount="550.00", paid_on=dt.date(2026, 11, 2)
    )
    made.refresh_from_db()
    with pytest.raises(StaleEditError):
        services.commitment_close(
            actor=world.manager, commitment=made, reason="x", expected_version=made.version - 1
        )
    services.commitment_close(
        actor=world.manager,
        commitment=made,
        reason="Il deposito è costato meno",
        expected_version=made.version,
    )
    made.refresh_from_db()
    assert (made.status, made.amount) == (CommitmentStatus.APPROVED, Decimal("550.00"))
    assert services.held(person=world.person, region=world.puglia) == Decimal("550.00")
    with pytest.raises(ValidationError):  # nothing left to give back
        services.commitment_close(
            actor=world.manager, commitment=made, reason="x", expected_version=made.version
        )


def test_only_people_who_edit_the_case_close_its_commitments(world: CaseWorld):
    goal = approved(world).goals.get()
    made = ask(world, goal, "100.00")
    with pytest.raises(PermissionDenied):
        services.commitment_close(
            actor=world.other_body, commitment=made, reason="x", expected_version=made.version
        )


@pytest.mark.django_db(transaction=True)
def test_two_requests_at_the_same_moment_never_pass_the_cap(world: CaseWorld):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite runs one writer at a time; the row lock is exercised on PostgreSQL")
    goal = approved(world).goals.get()
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def request() -> None:
        try:
            barrier.wait(timeout=10)
            ask(world, goal, "1500.00")
            outcomes.append("made")
        except ValidationError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=request) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(outcomes) == ["made", "refused"]
    assert services.held(person=world.person, region=world.puglia) == Decimal("1500.00")
