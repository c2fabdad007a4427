"""Reads: what a hub the case left keeps seeing, and plan actions of other cases."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from approdo.cases.models import Case, CaseTeamMember
from approdo.cases.permissions import Level, permissions_for
from approdo.cases.tests.factories import CaseWorld, login, make_case_world
from approdo.interventions import selectors
from approdo.interventions.models import ServiceDelivered
from approdo.interventions.tests.factories import log_service

pytestmark = pytest.mark.django_db


@pytest.fixture
def world() -> CaseWorld:
    return make_case_world()


def test_past_hub_sees_only_what_it_wrote(client: Client, world: CaseWorld) -> None:
    ours = log_service(world.manager, world.case, notes="Scritta a Foggia")
    theirs = log_service(world.manager, world.case, notes="Scritta a Ragusa")
    # The case moves to hub C: the manager's team row ends; hub C writes its own services.
    ServiceDelivered.objects.filter(pk=theirs.pk).update(node=world.hub_c)
    CaseTeamMember.objects.filter(case=world.case, user=world.manager).update(
        until=timezone.localdate()
    )
    Case.objects.filter(pk=world.case.pk).update(hub=world.hub_c)
    case = world.reload()
    perms = permissions_for(world.manager, case)
    assert perms.level == Level.PAST
    assert list(selectors.case_services(perms)) == [ours]
    login(client, world.manager)
    body = client.get(f"/prestazioni/caso/{case.pk}/").content.decode()
    assert "Scritta a Foggia" in body
    assert "Scritta a Ragusa" not in body
    assert 'data-testid="service-form"' not in body


def test_plan_action_of_another_case_is_refused(world: CaseWorld) -> None:
    try:
        apps.get_model("plans", "Action")
    except LookupError:
        pytest.skip("the plans app has no Action model")
    with pytest.raises(ValidationError) as exc:
        log_service(world.manager, world.case, plan_action_id=987654)
    assert "plan_action_id" in exc.value.error_dict


def test_plan_action_path_matches_the_plans_models() -> None:
    """If the plans app renames its fields, _plan_action_of_case must follow."""
    from django.core.exceptions import FieldError

    from approdo.interventions.services import PLAN_ACTION_CASE_PATHS

    try:
        action_model = apps.get_model("plans", "Action")
    except LookupError:
        pytest.skip("the plans app has no Action model")
    working = []
    for path in PLAN_ACTION_CASE_PATHS:
        try:
            str(action_model._default_manager.filter(**{path: 1}).query)
            working.append(path)
        except FieldError:
            continue
    assert working
