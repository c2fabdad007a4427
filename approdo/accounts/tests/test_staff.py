"""A managing body's administrator gives and ends access for the staff of its nodes."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from approdo.accounts import access
from approdo.accounts.models import Membership, User
from approdo.accounts.roles import Role
from approdo.accounts.tests.factories import give_totp, user_with_role
from approdo.audit.models import AuditEvent
from approdo.network.tests.factories import HubFactory, ManagingBodyFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def bodies():
    body_a, body_b = ManagingBodyFactory(), ManagingBodyFactory()
    hub_a = HubFactory(name="Hub Alfa", managing_bodies=[body_a])
    hub_b = HubFactory(name="Hub Beta", managing_bodies=[body_b])
    admin_a = user_with_role(Role.BODY_ADMIN, managing_body=body_a)
    give_totp(admin_a)
    return hub_a, hub_b, admin_a


def new_person(node, **overrides):
    data = {
        "first_name": "Awa",
        "last_name": "Diallo",
        "email": "awa.diallo@example.org",
        "username": "awa.diallo",
        "role": Role.MEDIATOR,
        "node": node.pk,
        "valid_from": timezone.localdate().isoformat(),
    }
    return {**data, **overrides}


def test_body_admin_gives_a_new_person_an_account_at_its_node(client, bodies, mailoutbox):
    hub_a, _, admin_a = bodies
    client.force_login(admin_a)
    response = client.post(reverse("staff"), new_person(hub_a))
    assert response.status_code == 302
    person = User.objects.get(username="awa.diallo")
    assert not person.has_usable_password()  # they choose it from the e-mail
    assert len(mailoutbox) == 1 and mailoutbox[0].to == ["awa.diallo@example.org"]
    assert access.access_for(person).person_node_ids == {hub_a.pk}
    event = AuditEvent.objects.get(action="accounts.membership.created")
    assert event.node_id == hub_a.pk and event.actor == admin_a
    page = client.get(reverse("staff")).content.decode()
    assert "Awa Diallo" in page and "Hub Alfa" in page


def test_another_bodys_node_is_not_offered_and_is_refused(client, bodies):
    _hub_a, hub_b, admin_a = bodies
    client.force_login(admin_a)
    page = client.get(reverse("staff")).content.decode()
    assert "Hub Alfa" in page and "Hub Beta" not in page
    response = client.post(reverse("staff"), new_person(hub_b))
    assert response.status_code == 200
    assert not User.objects.filter(username="awa.diallo").exists()


def test_a_taken_username_is_an_error_on_the_field(client, bodies):
    hub_a, _, admin_a = bodies
    User.objects.create(username="awa.diallo")
    client.force_login(admin_a)
    response = client.post(reverse("staff"), new_person(hub_a))
    assert response.status_code == 200
    assert "Questo nome utente è già in uso." in response.content.decode()
    assert User.objects.filter(username="awa.diallo").count() == 1


def test_ending_access_takes_effect_today_and_keeps_the_row(client, bodies):
    hub_a, _, admin_a = bodies
    worker = user_with_role(Role.CASE_WORKER, node=hub_a)
    membership = Membership.objects.get(user=worker)
    client.force_login(admin_a)
    response = client.post(reverse("staff_membership_end", args=[membership.pk]))
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.valid_until == timezone.localdate() - dt.timedelta(days=1)
    access.forget(worker)
    assert not access.access_for(worker).can_see_person_data
    assert AuditEvent.objects.filter(action="accounts.membership.ended").exists()


def test_another_bodys_membership_is_404(client, bodies):
    _, hub_b, admin_a = bodies
    other = Membership.objects.get(user=user_with_role(Role.CASE_WORKER, node=hub_b))
    client.force_login(admin_a)
    assert client.post(reverse("staff_membership_end", args=[other.pk])).status_code == 404
    other.refresh_from_db()
    assert other.valid_until is None


@pytest.mark.parametrize("role", [Role.CASE_WORKER, Role.HUB_COORDINATOR, Role.REGIONAL_MONITOR])
def test_roles_without_staff_rights_get_403(client, bodies, role):
    hub_a, *_ = bodies
    scope = {"region": hub_a.region} if role == Role.REGIONAL_MONITOR else {"node": hub_a}
    user = user_with_role(role, **scope)
    give_totp(user)
    client.force_login(user)
    assert client.get(reverse("staff")).status_code == 403
