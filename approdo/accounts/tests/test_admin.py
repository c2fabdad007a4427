"""Administering users and memberships leaves an audit trail and deletes nothing."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse

from approdo.accounts.models import Membership, User
from approdo.accounts.roles import Role
from approdo.accounts.tests.factories import give_totp, user_with_role
from approdo.audit.models import AuditEvent
from approdo.network.tests.factories import HubFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_session(client, admin_user):
    give_totp(admin_user)
    client.force_login(admin_user)
    return client


def test_adding_a_user_is_audited_without_the_password(admin_session):
    response = admin_session.post(
        reverse("admin:accounts_user_add"),
        {
            "username": "nuova.operatrice",
            "password1": "una-password-segreta-lunga",
            "password2": "una-password-segreta-lunga",
            "usable_password": "true",
            "memberships-TOTAL_FORMS": "0",
            "memberships-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    user = User.objects.get(username="nuova.operatrice")
    event = AuditEvent.objects.get(action="accounts.user.created", target_id=str(user.pk))
    assert "una-password-segreta-lunga" not in str(event.changes)
    assert event.changes["password1"] == {"old": "***", "new": "***"}


def test_membership_change_is_audited_under_its_node(admin_session):
    hub = HubFactory()
    worker = user_with_role(Role.CASE_WORKER, node=hub)
    membership = Membership.objects.get(user=worker)
    response = admin_session.post(
        reverse("admin:accounts_membership_change", args=[membership.pk]),
        {
            "user": worker.pk,
            "role": Role.MEDIATOR,
            "node": hub.pk,
            "managing_body": "",
            "region": "",
            "valid_from": "2026-01-01",
            "valid_until": "",
        },
    )
    assert response.status_code == 302
    event = AuditEvent.objects.get(action="accounts.membership.updated")
    assert event.node_id == hub.pk
    assert event.changes["role"] == {"old": Role.CASE_WORKER, "new": Role.MEDIATOR}


def test_memberships_and_users_cannot_be_deleted_from_the_admin(admin_session):
    worker = user_with_role(Role.CASE_WORKER, node=HubFactory())
    membership = Membership.objects.get(user=worker)
    assert (
        admin_session.post(
            reverse("admin:accounts_membership_delete", args=[membership.pk]), {"post": "yes"}
        ).status_code
        == 403
    )
    assert (
        admin_session.post(
            reverse("admin:accounts_user_delete", args=[worker.pk]), {"post": "yes"}
        ).status_code
        == 403
    )
    assert Membership.objects.filter(pk=membership.pk).exists()


def test_api_tokens_are_issued_by_command_and_audited_without_the_key():
    from django.core.management import call_command
    from rest_framework.authtoken.models import Token

    worker = user_with_role(Role.CASE_WORKER, node=HubFactory())
    call_command("issue_api_token", worker.username, stdout=io.StringIO())
    first = Token.objects.get(user=worker).key
    call_command("issue_api_token", worker.username, stdout=io.StringIO())
    second = Token.objects.get(user=worker).key
    assert first != second  # the previous token stops working
    events = AuditEvent.objects.filter(action="accounts.api_token.issued", target_id=str(worker.pk))
    assert events.count() == 2
    assert all(first not in str(e.changes) and second not in str(e.changes) for e in events)


def test_admin_lists_tokens_but_cannot_create_them(admin_session):
    assert admin_session.get(reverse("admin:authtoken_tokenproxy_add")).status_code == 403
    assert admin_session.get(reverse("admin:authtoken_tokenproxy_changelist")).status_code == 200
