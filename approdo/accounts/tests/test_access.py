"""accounts.access: who sees which places, and the person-data rule for monitors."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError
from django.http import Http404

from approdo.accounts import access
from approdo.accounts.models import Membership
from approdo.accounts.roles import Role
from approdo.accounts.tests.factories import UserFactory, user_with_role
from approdo.network.tests.factories import (
    HubFactory,
    ManagingBodyFactory,
    MunicipalityFactory,
    SpokeFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_bodies():
    """Two hubs in one region, each run by a different managing body, each with a spoke."""
    body_a, body_b = ManagingBodyFactory(), ManagingBodyFactory()
    municipality = MunicipalityFactory()
    hub_a = HubFactory(municipality=municipality, managing_bodies=[body_a])
    hub_b = HubFactory(municipality=municipality, managing_bodies=[body_b])
    spoke_a = SpokeFactory(parent_hub=hub_a, managing_bodies=[body_a])
    spoke_b = SpokeFactory(parent_hub=hub_b, managing_bodies=[body_b])
    return body_a, body_b, hub_a, hub_b, spoke_a, spoke_b


def test_hub_membership_covers_the_hub_and_its_spokes_only(two_bodies):
    _, _, hub_a, hub_b, spoke_a, spoke_b = two_bodies
    coordinator = user_with_role(Role.HUB_COORDINATOR, node=hub_a)
    assert access.access_for(coordinator).internal_node_ids == {hub_a.pk, spoke_a.pk}
    access.require_person_access(coordinator, spoke_a.pk)
    with pytest.raises(Http404):
        access.require_person_access(coordinator, hub_b.pk)
    with pytest.raises(Http404):
        access.require_person_access(coordinator, spoke_b.pk)


def test_spoke_membership_does_not_cover_the_hub(two_bodies):
    _, _, hub_a, _, spoke_a, _ = two_bodies
    operator = user_with_role(Role.SPOKE_OPERATOR, node=spoke_a)
    assert access.access_for(operator).internal_node_ids == {spoke_a.pk}
    with pytest.raises(Http404):
        access.require_node_internal(operator, hub_a)


def test_managing_body_admin_sees_the_bodys_nodes_and_not_the_other_bodys(two_bodies):
    body_a, body_b, hub_a, hub_b, spoke_a, _spoke_b = two_bodies
    admin = user_with_role(Role.BODY_ADMIN, managing_body=body_a)
    assert access.access_for(admin).internal_node_ids == {hub_a.pk, spoke_a.pk}
    access.require_managing_body(admin, body_a.pk)
    with pytest.raises(Http404):
        access.require_managing_body(admin, body_b.pk)
    with pytest.raises(Http404):
        access.require_node_internal(admin, hub_b)


@pytest.mark.parametrize("role", [Role.REGIONAL_MONITOR, Role.MINISTRY_MONITOR])
def test_monitors_get_403_on_any_person_level_record(two_bodies, role):
    _, _, hub_a, *_ = two_bodies
    scope = {"region": hub_a.region} if role == Role.REGIONAL_MONITOR else {}
    monitor = user_with_role(role, **scope)
    assert access.access_for(monitor).is_monitor
    with pytest.raises(PermissionDenied):
        access.require_person_access(monitor, hub_a.pk)


def test_regional_monitor_oversees_the_region_internals_but_cannot_edit(two_bodies):
    _, _, hub_a, hub_b, *_ = two_bodies
    monitor = user_with_role(Role.REGIONAL_MONITOR, region=hub_a.region)
    access.require_node_internal(monitor, hub_b)
    with pytest.raises(PermissionDenied):
        access.require_node_edit(monitor, hub_a)


def test_user_without_membership_sees_nothing_internal(two_bodies):
    _, _, hub_a, *_ = two_bodies
    outsider = UserFactory()
    assert access.access_for(outsider).internal_node_ids == frozenset()
    with pytest.raises(PermissionDenied):
        access.require_person_access(outsider, hub_a.pk)


def test_expired_membership_grants_nothing(two_bodies):
    import datetime as dt

    _, _, hub_a, *_ = two_bodies
    user = UserFactory()
    Membership.objects.create(
        user=user,
        role=Role.CASE_WORKER,
        node=hub_a,
        valid_from=dt.date(2024, 1, 1),
        valid_until=dt.date(2024, 12, 31),
    )
    assert not access.access_for(user).can_see_person_data


def test_database_refuses_a_membership_whose_place_does_not_fit_the_role(two_bodies):
    body_a, *_ = two_bodies
    with pytest.raises(IntegrityError):
        Membership.objects.create(
            user=UserFactory(), role=Role.HUB_COORDINATOR, managing_body=body_a
        )


def test_mfa_is_required_for_person_data_roles_and_not_for_monitors(two_bodies):
    _, _, hub_a, *_ = two_bodies
    worker = user_with_role(Role.CASE_WORKER, node=hub_a)
    monitor = user_with_role(Role.REGIONAL_MONITOR, region=hub_a.region)
    assert access.access_for(worker).requires_mfa
    assert not access.access_for(monitor).requires_mfa
