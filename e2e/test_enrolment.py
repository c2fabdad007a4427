"""A newcomer enrols an authenticator app at first login, then signs in with it."""

from __future__ import annotations

import re

import pytest
from django.core.management import call_command

from approdo.accounts.tests.factories import current_totp_code
from approdo.audit.models import AuditEvent

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

DEMO_PASSWORD = "approdo-demo-2026"
HOME = re.compile(r"^https?://[^/]+/$")


def sign_in(page, username: str) -> None:
    page.goto("/account/login/")
    page.get_by_label("Login").fill(username)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.locator("main form button[type=submit]").click()


def test_operator_enrols_totp_then_needs_it_to_sign_in(page, settings, artifacts, csp_violations):
    settings.DEMO_MODE = False
    call_command("load_demo", "--no-cases", verbosity=0)

    sign_in(page, "operatore.borgomezzanone")
    # No second factor yet: every page leads to the enrolment page, with no way around it.
    page.goto("/rete/")
    page.wait_for_url(re.compile(r"/account/verifica-in-due-passaggi/$"))
    assert page.get_by_test_id("mfa-skip").count() == 0
    page.get_by_role("link", name="Usa un'app di autenticazione").click()
    # allauth asks to confirm the password before a second factor is added.
    page.wait_for_url(re.compile(r"/reauthenticate/"))
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.locator("main form button[type=submit]").click()

    page.wait_for_url(re.compile(r"/totp/activate/"))
    secret = page.locator("#authenticator_secret").input_value()
    assert re.fullmatch(r"[A-Z2-7]{16,}", secret)
    page.locator("main input[name=code]").fill(current_totp_code(secret))
    page.locator("main form button[type=submit]").click()
    page.screenshot(path=str(artifacts / "enrolment-recovery-codes.png"), full_page=True)
    page.goto("/rete/")
    assert page.get_by_test_id("directory-summary").is_visible()
    assert AuditEvent.objects.filter(action="accounts.mfa.added").exists()

    page.context.clear_cookies()
    sign_in(page, "operatore.borgomezzanone")
    page.wait_for_url(re.compile(r"/authenticate/"))
    page.locator("main input[name=code]").fill("000000")
    page.locator("main form button[type=submit]").click()
    assert page.locator(".invalid-feedback, .alert-danger").first.is_visible()
    assert not HOME.match(page.url)

    assert csp_violations == []
