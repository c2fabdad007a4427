"""Login, second factor, home page per role."""

from __future__ import annotations

import pytest
from django.urls import reverse

from approdo.accounts.middleware import SESSION_SKIP_KEY
from approdo.accounts.roles import Role
from approdo.accounts.tests.factories import (
    TEST_PASSWORD,
    UserFactory,
    current_totp_code,
    give_totp,
    user_with_role,
)
from approdo.audit.models import AuditEvent
from approdo.network.tests.factories import HubFactory

pytestmark = pytest.mark.django_db


def test_anonymous_user_is_sent_to_login(client):
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_person_data_role_without_second_factor_is_sent_to_enrolment(client, settings):
    settings.DEMO_MODE = False
    worker = user_with_role(Role.CASE_WORKER, node=HubFactory())
    client.force_login(worker)
    response = client.get(reverse("network:directory"))
    assert response.status_code == 302
    assert response.url == reverse("mfa_enrol")
    page = client.get(reverse("mfa_enrol"))
    assert "mfa-skip" not in page.content.decode()
    # Outside demo mode posting the skip does not let the user through.
    client.post(reverse("mfa_enrol"))
    assert client.get(reverse("home")).status_code == 302


def test_demo_mode_lets_a_newcomer_skip_enrolment_for_the_session(client, settings):
    settings.DEMO_MODE = True
    worker = user_with_role(Role.CASE_WORKER, node=HubFactory())
    client.force_login(worker)
    assert client.get(reverse("home")).url == reverse("mfa_enrol")
    response = client.post(reverse("mfa_enrol"))
    assert response.url == reverse("home")
    assert client.session[SESSION_SKIP_KEY] is True
    assert client.get(reverse("home")).status_code == 200
    assert AuditEvent.objects.filter(action="accounts.mfa.enrolment_skipped").exists()


def test_monitor_needs_no_second_factor(client, settings):
    settings.DEMO_MODE = False
    monitor = user_with_role(Role.REGIONAL_MONITOR, region=HubFactory().region)
    client.force_login(monitor)
    page = client.get(reverse("home"))
    assert page.status_code == 200
    assert "Vedi solo dati aggregati" in page.content.decode()


def test_home_page_says_what_each_role_can_do(client):
    hub = HubFactory(name="PSI Foggia")
    coordinator = user_with_role(Role.HUB_COORDINATOR, node=hub)
    give_totp(coordinator)
    client.force_login(coordinator)
    body = client.get(reverse("home")).content.decode()
    assert "Coordinatore/coordinatrice di hub" in body
    assert "PSI Foggia" in body
    assert "registro delle attività" in body


def test_login_with_password_and_totp_code(client, settings):
    settings.DEMO_MODE = False
    worker = user_with_role(Role.CASE_WORKER, node=HubFactory())
    secret = give_totp(worker)
    response = client.post(
        reverse("account_login"), {"login": worker.username, "password": TEST_PASSWORD}
    )
    assert response.status_code == 302
    assert response.url == reverse("mfa_authenticate")
    response = client.post(reverse("mfa_authenticate"), {"code": current_totp_code(secret)})
    assert response.status_code == 302
    assert client.get(reverse("home")).status_code == 200
    assert AuditEvent.objects.filter(actor=worker, action="accounts.login.succeeded").exists()


def test_failed_logins_are_throttled_and_audited(client):
    user = UserFactory()
    for _ in range(5):
        client.post(reverse("account_login"), {"login": user.username, "password": "sbagliata"})
    response = client.post(
        reverse("account_login"), {"login": user.username, "password": TEST_PASSWORD}
    )
    # Even the right password is refused while the account is throttled.
    assert response.status_code in (200, 429)
    assert "_auth_user_id" not in client.session
    assert AuditEvent.objects.filter(action="accounts.login.failed").count() >= 5


def test_self_signup_is_closed(client):
    from approdo.accounts.models import User

    before = User.objects.count()
    response = client.post(
        reverse("account_signup"),
        {
            "username": "intruso",
            "email": "intruso@example.org",
            "password1": "una-password-molto-lunga",
            "password2": "una-password-molto-lunga",
        },
    )
    assert "account/signup_closed.html" in [t.name for t in response.templates]
    assert User.objects.count() == before


def test_passwords_are_hashed_with_argon2_in_production_settings():
    from django.conf import settings as live_settings

    from approdo import settings as project_settings

    assert project_settings.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")
    assert live_settings.AUTH_USER_MODEL == "accounts.User"


def test_language_choice_follows_the_user_to_a_new_browser(client):
    from django.test import Client

    monitor = user_with_role(Role.MINISTRY_MONITOR)
    client.force_login(monitor)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    monitor.refresh_from_db()
    assert monitor.preferred_language == "en"
    assert AuditEvent.objects.filter(action="accounts.user.language_changed").exists()

    other_device = Client()
    other_device.force_login(monitor)
    assert '<html lang="en"' in other_device.get(reverse("home")).content.decode()


def test_anonymous_language_switch_still_works(client):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/account/login/"})
    assert response.status_code == 302
    assert '<html lang="en"' in client.get(reverse("account_login")).content.decode()


def test_password_reset_sends_a_mail_and_never_errors(client, mailoutbox):
    user = UserFactory(email="operatrice@example.org")
    response = client.post(reverse("account_reset_password"), {"email": user.email})
    assert response.status_code == 302
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["operatrice@example.org"]
