"""The plan pages as users see them: permissions, forms' errors, approval, stale edits."""

from __future__ import annotations

import datetime as dt
import html
import re

import pytest
from django.test import Client
from django.urls import reverse

from approdo.audit.models import AccessLog, AuditEvent
from approdo.cases.stages import Stage
from approdo.cases.tests.factories import CaseWorld, login, make_case_world
from approdo.plans.models import Action, Goal, PlanVersion, VersionStatus
from approdo.plans.tests.helpers import agreed, approved, draft_with_goal, today

pytestmark = pytest.mark.django_db

WHO = [
    ("manager", 200),
    ("colleague", 403),
    ("other_hub", 404),
    ("other_body", 404),
    ("monitor", 403),
]


@pytest.fixture
def world() -> CaseWorld:
    return make_case_world()


def text(body: bytes) -> str:
    return html.unescape(" ".join(re.sub(r"<[^>]+>", " ", body.decode()).split()))


def field_error(body: bytes, name: str) -> str:
    match = re.search(rf'id="id_{name}_error"[^>]*>(.*?)</div>', body.decode(), re.S)
    assert match, f"no error on {name}"
    return match.group(1).strip()


def draft_urls(world: CaseWorld) -> list[str]:
    version, goal = draft_with_goal(world)
    c = world.case.pk
    return [
        reverse("plans:case", args=[c]),
        reverse("plans:goal_add", args=[c, version.pk]),
        reverse("plans:goal_edit", args=[c, goal.pk]),
        reverse("plans:action_add", args=[c, goal.pk]),
        reverse("plans:agreement", args=[c, version.pk]),
        reverse("plans:interval", args=[c, version.pk]),
        reverse("plans:pdf", args=[c, version.pk]),
    ]


@pytest.mark.parametrize(("who", "status"), WHO)
def test_permission_matrix_on_draft_pages(world: CaseWorld, who: str, status: int) -> None:
    urls = draft_urls(world)
    client = login(Client(), getattr(world, who))
    for url in urls:
        assert client.get(url).status_code == status, url


@pytest.mark.parametrize(("who", "status"), WHO)
def test_permission_matrix_on_review_page(world: CaseWorld, who: str, status: int) -> None:
    version = approved(world)
    client = login(Client(), getattr(world, who))
    url = reverse("plans:review", args=[world.case.pk, version.pk])
    assert client.get(url).status_code == status


@pytest.mark.parametrize(("who", "status"), [("colleague", 403), ("other_hub", 404)])
def test_outsiders_cannot_start_a_plan(world: CaseWorld, who: str, status: int) -> None:
    client = login(Client(), getattr(world, who))
    response = client.post(reverse("plans:start", args=[world.case.pk]))
    assert response.status_code == status
    assert not PlanVersion.objects.exists()


def test_page_shows_plan_and_logs_the_read(world: CaseWorld) -> None:
    client = login(Client(), world.manager)
    url = reverse("plans:case", args=[world.case.pk])
    assert 'data-testid="no-plan"' in client.get(url).content.decode()
    response = client.post(reverse("plans:start", args=[world.case.pk]), follow=True)
    assert "PAI avviato" in text(response.content)
    version = PlanVersion.objects.get()
    client.post(
        reverse("plans:goal_add", args=[world.case.pk, version.pk]),
        {"area": "housing", "title": "Casa in affitto", "description": "", "target_on": ""},
    )
    page = text(client.get(url).content)
    assert "Casa in affitto" in page and "Abitare" in page and "Bozza" in page
    assert AccessLog.objects.filter(user=world.manager, purpose="plans.plan.detail").exists()


def test_goal_form_shows_date_error_on_the_field(world: CaseWorld) -> None:
    version, _goal = draft_with_goal(world)
    client = login(Client(), world.manager)
    response = client.post(
        reverse("plans:goal_add", args=[world.case.pk, version.pk]),
        {"area": "work", "title": "Lavoro", "target_on": (today() - dt.timedelta(days=5))},
    )
    assert response.status_code == 200
    assert "avvio del PAI" in field_error(response.content, "target_on")
    assert Goal.objects.count() == 1


def test_action_form_checks_responsible_and_due_date(world: CaseWorld) -> None:
    _version, goal = draft_with_goal(world)
    client = login(Client(), world.manager)
    url = reverse("plans:action_add", args=[world.case.pk, goal.pk])
    response = client.post(url, {"description": "CPI", "responsible": world.colleague.pk})
    assert field_error(response.content, "responsible")
    assert field_error(response.content, "due_on")
    response = client.post(
        url,
        {"description": "Iscrizione al CPI", "responsible": world.manager.pk, "due_on": today()},
    )
    assert response.status_code == 302
    assert Action.objects.filter(description="Iscrizione al CPI").exists()


def test_stale_goal_edit_shows_the_error_and_current_values(world: CaseWorld) -> None:
    _version, goal = draft_with_goal(world)
    client = login(Client(), world.manager)
    url = reverse("plans:goal_edit", args=[world.case.pk, goal.pk])
    data = {"version": goal.version, "area": "housing", "title": "Prima modifica"}
    assert client.post(url, data).status_code == 302
    response = client.post(url, {**data, "title": "Seconda modifica"})
    assert response.status_code == 200
    body = text(response.content)
    assert "Qualcun altro ha modificato" in body
    assert 'data-testid="current-values"' in response.content.decode()
    assert Goal.objects.get(pk=goal.pk).title == "Prima modifica"


def test_manager_cannot_approve_coordinator_can(world: CaseWorld) -> None:
    version = agreed(world)
    url = reverse("plans:approve", args=[world.case.pk, version.pk])
    manager = login(Client(), world.manager)
    assert manager.post(url, {"version": version.version}).status_code == 403
    page = manager.get(reverse("plans:case", args=[world.case.pk])).content.decode()
    assert 'data-testid="plan-approve"' not in page
    coordinator = login(Client(), world.coordinator)
    page = coordinator.get(reverse("plans:case", args=[world.case.pk])).content.decode()
    assert 'data-testid="plan-approve"' in page
    response = coordinator.post(url, {"version": version.version}, follow=True)
    assert "PAI approvato" in text(response.content)
    assert PlanVersion.objects.get(pk=version.pk).status == VersionStatus.APPROVED
    assert world.reload().stage == Stage.PLAN_ACTIVE


def test_approve_without_agreement_shows_the_reason(world: CaseWorld) -> None:
    version, _goal = draft_with_goal(world)
    client = login(Client(), world.coordinator)
    response = client.post(
        reverse("plans:approve", args=[world.case.pk, version.pk]),
        {"version": version.version},
        follow=True,
    )
    assert "Registra prima l'adesione" in text(response.content)
    assert PlanVersion.objects.get(pk=version.pk).status == VersionStatus.DRAFT


def test_agreement_form_records_the_agreement(world: CaseWorld) -> None:
    version, _goal = draft_with_goal(world)
    client = login(Client(), world.manager)
    url = reverse("plans:agreement", args=[world.case.pk, version.pk])
    response = client.post(
        url,
        {"version": version.version, "agreed_on": today() + dt.timedelta(days=2), "kind": "signed"},
    )
    assert field_error(response.content, "agreed_on")
    response = client.post(
        url, {"version": version.version, "agreed_on": today(), "kind": "verbal_mediator"}
    )
    assert response.status_code == 302
    assert PlanVersion.objects.get(pk=version.pk).agreement_kind == "verbal_mediator"
    assert AuditEvent.objects.filter(action="plans.version.agreement_recorded").exists()


def test_new_draft_and_action_status_from_the_page(world: CaseWorld) -> None:
    version = approved(world)
    action = Action.objects.get(goal__plan_version=version)
    client = login(Client(), world.legal)
    client.post(
        reverse("plans:action_status", args=[world.case.pk, action.pk]),
        {"version": action.version, "status": "in_progress"},
    )
    assert Action.objects.get(pk=action.pk).status == "in_progress"
    client.post(reverse("plans:new_draft", args=[world.case.pk]))
    assert PlanVersion.objects.get(number=2).status == VersionStatus.DRAFT
    page = text(client.get(reverse("plans:case", args=[world.case.pk])).content)
    assert "Versione 2" in page


def test_review_form_moves_the_next_review(world: CaseWorld) -> None:
    version = approved(world)
    goal = version.goals.get()
    client = login(Client(), world.manager)
    response = client.post(
        reverse("plans:review", args=[world.case.pk, version.pk]),
        {
            "held_on": today(),
            "kind": "scheduled",
            "note": "Procede bene",
            f"goal_{goal.pk}": "in_progress",
            f"goal_{goal.pk}_note": "In lista d'attesa",
        },
    )
    assert response.status_code == 302
    page = text(client.get(reverse("plans:case", args=[world.case.pk])).content)
    assert "Procede bene" in page and "In lista d'attesa" in page
    assert PlanVersion.objects.get(pk=version.pk).next_review_on == today() + dt.timedelta(weeks=8)
