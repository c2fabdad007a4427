"""Plan services: frozen versions, drafts, approval, agreement, reviews, stale edits."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from approdo.audit.models import AuditEvent
from approdo.cases.models import CaseEvent, EventKind
from approdo.cases.stages import Stage
from approdo.cases.tests.factories import CaseWorld, make_case_world
from approdo.core.concurrency import StaleEditError
from approdo.plans import services
from approdo.plans.models import (
    Action,
    ActionStatus,
    AgreementKind,
    Goal,
    GoalProgress,
    PlanArea,
    PlanVersion,
    ReviewKind,
    VersionStatus,
)
from approdo.plans.tests.helpers import agreed, approved, draft_with_goal, today

pytestmark = pytest.mark.django_db


@pytest.fixture
def world() -> CaseWorld:
    return make_case_world()


def test_start_creates_first_draft_with_timeline_and_audit(world: CaseWorld) -> None:
    version = services.plan_start(actor=world.manager, case=world.case)
    assert (version.number, version.status, version.review_every_weeks) == (1, "draft", 8)
    assert CaseEvent.objects.filter(case=world.case, kind=EventKind.PLAN).exists()
    assert AuditEvent.objects.filter(action="plans.plan.started").exists()
    with pytest.raises(ValidationError):
        services.plan_start(actor=world.manager, case=world.case)


def test_start_refused_to_outsiders(world: CaseWorld) -> None:
    with pytest.raises(PermissionDenied):
        services.plan_start(actor=world.colleague, case=world.case)


def test_goal_and_action_dates_not_before_plan_start(world: CaseWorld) -> None:
    version = services.plan_start(actor=world.manager, case=world.case)
    with pytest.raises(ValidationError) as exc:
        services.goal_add(
            actor=world.manager,
            version=version,
            area=PlanArea.WORK,
            title="Lavoro",
            target_on=today() - dt.timedelta(days=1),
        )
    assert "target_on" in exc.value.error_dict
    goal = services.goal_add(actor=world.manager, version=version, area="work", title="Lavoro")
    with pytest.raises(ValidationError) as exc:
        services.action_add(
            actor=world.manager,
            goal=goal,
            description="CPI",
            responsible=world.manager,
            due_on=today() - dt.timedelta(days=3),
        )
    assert "due_on" in exc.value.error_dict


def test_action_responsible_must_be_on_the_team(world: CaseWorld) -> None:
    _version, goal = draft_with_goal(world)
    with pytest.raises(ValidationError) as exc:
        services.action_add(
            actor=world.manager,
            goal=goal,
            description="x",
            responsible=world.colleague,
            due_on=today(),
        )
    assert "responsible" in exc.value.error_dict


def test_approval_needs_the_agreement_first(world: CaseWorld) -> None:
    version, _goal = draft_with_goal(world)
    with pytest.raises(ValidationError, match="adesione"):
        services.plan_approve(actor=world.coordinator, version=version)


def test_only_the_coordinator_approves(world: CaseWorld) -> None:
    version = agreed(world)
    with pytest.raises(PermissionDenied):
        services.plan_approve(actor=world.manager, version=version)
    assert PlanVersion.objects.get(pk=version.pk).status == VersionStatus.DRAFT


def test_first_approval_activates_the_plan_stage(world: CaseWorld) -> None:
    version = approved(world)
    assert version.status == VersionStatus.APPROVED
    assert version.next_review_on == today() + dt.timedelta(weeks=8)
    assert world.reload().stage == Stage.PLAN_ACTIVE
    assert AuditEvent.objects.filter(action="plans.version.approved").exists()


def test_approved_version_is_frozen(world: CaseWorld) -> None:
    version = approved(world)
    goal = version.goals.get()
    with pytest.raises(ValidationError, match="congelata"):
        services.goal_add(actor=world.manager, version=version, area="work", title="Altro")
    with pytest.raises(ValidationError, match="congelata"):
        services.goal_update(
            actor=world.manager,
            goal=goal,
            expected_version=goal.version,
            area="work",
            title="Cambiato",
        )
    with pytest.raises(ValidationError, match="congelata"):
        services.action_add(
            actor=world.manager,
            goal=goal,
            description="x",
            responsible=world.manager,
            due_on=today(),
        )
    with pytest.raises(ValidationError, match="congelata"):
        services.agreement_record(
            actor=world.manager, version=version, agreed_on=today(), kind="signed"
        )
    assert Goal.objects.get(pk=goal.pk).title == "Trovare un posto letto in co-housing"


def test_action_status_still_changes_on_the_approved_version(world: CaseWorld) -> None:
    version = approved(world)
    action = Action.objects.get(goal__plan_version=version)
    services.action_set_status(actor=world.legal, action=action, status=ActionStatus.DONE)
    assert Action.objects.get(pk=action.pk).status == ActionStatus.DONE
    assert AuditEvent.objects.filter(action="plans.action.status_changed").exists()


def test_new_draft_copies_and_approval_supersedes(world: CaseWorld) -> None:
    v1 = approved(world)
    draft = services.plan_new_draft(actor=world.manager, plan=v1.plan)
    assert (draft.number, draft.status) == (2, VersionStatus.DRAFT)
    goal = draft.goals.get()
    assert goal.title == "Trovare un posto letto in co-housing"
    assert goal.actions.get().responsible == world.legal
    assert goal.pk != v1.goals.get().pk
    with pytest.raises(ValidationError):
        services.plan_new_draft(actor=world.manager, plan=v1.plan)
    services.goal_add(actor=world.manager, version=draft, area="language", title="Corso A2")
    services.agreement_record(
        actor=world.manager, version=draft, agreed_on=today(), kind=AgreementKind.SIGNED
    )
    services.plan_approve(actor=world.coordinator, version=draft)
    assert PlanVersion.objects.get(pk=v1.pk).status == VersionStatus.SUPERSEDED
    assert PlanVersion.objects.get(pk=draft.pk).status == VersionStatus.APPROVED
    assert v1.goals.count() == 1  # the old version's content did not change
    old_action = Action.objects.get(goal__plan_version=v1)
    with pytest.raises(ValidationError, match="sostituita"):
        services.action_set_status(actor=world.manager, action=old_action, status="done")


def test_content_change_clears_agreement_and_returns_to_draft(world: CaseWorld) -> None:
    version = agreed(world)
    version = services.plan_submit(actor=world.manager, version=version)
    assert version.status == VersionStatus.SUBMITTED
    services.goal_add(actor=world.manager, version=version, area="health", title="Medico di base")
    stored = PlanVersion.objects.get(pk=version.pk)
    assert stored.status == VersionStatus.DRAFT
    assert stored.person_agreed_on is None


def test_stale_goal_edit_is_refused(world: CaseWorld) -> None:
    _version, goal = draft_with_goal(world)
    seen = goal.version
    services.goal_update(
        actor=world.manager, goal=goal, expected_version=seen, area="housing", title="Primo"
    )
    with pytest.raises(StaleEditError):
        services.goal_update(
            actor=world.legal, goal=goal, expected_version=seen, area="housing", title="Secondo"
        )
    assert Goal.objects.get(pk=goal.pk).title == "Primo"


def test_scheduled_review_moves_next_date_ad_hoc_does_not(world: CaseWorld) -> None:
    version = approved(world)
    goal = version.goals.get()
    before = version.next_review_on
    services.review_record(
        actor=world.manager,
        version=version,
        held_on=today(),
        kind=ReviewKind.AD_HOC,
        note="Colloquio straordinario",
        progress={goal.pk: (GoalProgress.IN_PROGRESS, "")},
    )
    assert PlanVersion.objects.get(pk=version.pk).next_review_on == before
    review = services.review_record(
        actor=world.manager,
        version=version,
        held_on=today(),
        kind=ReviewKind.SCHEDULED,
        note="Verifica periodica",
        progress={goal.pk: (GoalProgress.ACHIEVED, "Entrato in co-housing")},
    )
    assert review.progress.get().progress == GoalProgress.ACHIEVED
    assert PlanVersion.objects.get(pk=version.pk).next_review_on == today() + dt.timedelta(weeks=8)
    assert AuditEvent.objects.filter(action="plans.review.recorded").count() == 2


def test_review_needs_an_approved_version_and_a_past_date(world: CaseWorld) -> None:
    version, _goal = draft_with_goal(world)
    with pytest.raises(ValidationError, match="approvato"):
        services.review_record(
            actor=world.manager,
            version=version,
            held_on=today(),
            kind="scheduled",
            note="x",
            progress={},
        )
    services.agreement_record(
        actor=world.manager, version=version, agreed_on=today(), kind="signed"
    )
    version = services.plan_approve(actor=world.coordinator, version=version)
    with pytest.raises(ValidationError) as exc:
        services.review_record(
            actor=world.manager,
            version=version,
            held_on=today() + dt.timedelta(days=1),
            kind="scheduled",
            note="",
            progress={},
        )
    assert {"held_on", "note"} <= set(exc.value.error_dict)


def test_interval_is_configurable_per_plan(world: CaseWorld) -> None:
    version, _goal = draft_with_goal(world)
    with pytest.raises(ValidationError) as exc:
        services.review_interval_set(actor=world.manager, version=version, weeks=0)
    assert "review_every_weeks" in exc.value.error_dict
    services.review_interval_set(actor=world.manager, version=version, weeks=4)
    services.agreement_record(
        actor=world.manager, version=version, agreed_on=today(), kind="signed"
    )
    approved_v = services.plan_approve(actor=world.coordinator, version=version)
    assert approved_v.next_review_on == today() + dt.timedelta(weeks=4)
