"""A case world with a plan in a chosen state, built through the real services."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from approdo.cases.tests.factories import CaseWorld
from approdo.plans import services
from approdo.plans.models import AgreementKind, Goal, PlanArea, PlanVersion


def today() -> dt.date:
    return timezone.localdate()


def draft_with_goal(world: CaseWorld) -> tuple[PlanVersion, Goal]:
    version = services.plan_start(actor=world.manager, case=world.case)
    goal = services.goal_add(
        actor=world.manager,
        version=version,
        area=PlanArea.HOUSING,
        title="Trovare un posto letto in co-housing",
        target_on=today() + dt.timedelta(days=60),
    )
    services.action_add(
        actor=world.manager,
        goal=goal,
        description="Colloquio con il gestore del co-housing",
        responsible=world.legal,
        due_on=today() + dt.timedelta(days=10),
    )
    return PlanVersion.objects.get(pk=version.pk), goal


def agreed(world: CaseWorld) -> PlanVersion:
    version, _goal = draft_with_goal(world)
    return services.agreement_record(
        actor=world.manager,
        version=version,
        agreed_on=today(),
        kind=AgreementKind.VERBAL_MEDIATOR,
        note="Letto con la mediatrice",
    )


def approved(world: CaseWorld) -> PlanVersion:
    version = agreed(world)
    return services.plan_approve(actor=world.coordinator, version=version)
