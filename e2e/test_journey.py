"""A coordinator's first visit: login with TOTP, directory, filter Puglia, map, English."""

from __future__ import annotations

import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from approdo.accounts.models import User
from approdo.accounts.tests.factories import current_totp_code, give_totp

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

DEMO_PASSWORD = "approdo-demo-2026"


@pytest.fixture
def demo_coordinator(settings) -> tuple[str, str]:
    settings.DEMO_MODE = False  # the real rule: this role must use a second factor
    call_command("load_demo", "--no-cases", verbosity=0)
    user = User.objects.get(username="coordinatore.foggia")
    return user.username, give_totp(user)


def test_coordinator_journey(page, demo_coordinator, artifacts, csp_violations):
    username, secret = demo_coordinator

    page.goto("/")
    assert "/account/login/" in page.url
    page.get_by_label("Login").fill(username)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Accedi").click()

    page.wait_for_url(re.compile(r"/account/2fa/authenticate/|/account/.*authenticate"))
    page.locator("input[name=code]").fill(current_totp_code(secret))
    page.locator("main form button[type=submit]").first.click()
    try:
        page.wait_for_url(re.compile(r"^https?://[^/]+/$"))
    except Exception:
        page.screenshot(path=str(artifacts / "debug.png"), full_page=True)
        print(page.url, page.content()[:3000])
        raise
    assert page.get_by_test_id("role-card").count() >= 1

    page.goto("/rete/")
    page.get_by_label("Regione").select_option(label="Puglia")
    page.locator("#directory-filters button[type=submit]").click()
    # A locator assertion polls without evaluating strings, which the page's CSP forbids.
    expect(page.get_by_test_id("count-hub")).to_have_text("11")
    assert page.get_by_test_id("count-hub").inner_text().strip() == "11"
    assert page.get_by_test_id("count-spoke").inner_text().strip() == "11"

    page.goto("/rete/mappa/")
    page.wait_for_selector("#network-map[data-loaded=true]")
    assert int(page.locator("#network-map").get_attribute("data-marker-count") or 0) >= 93
    page.screenshot(path=str(artifacts / "journey-map.png"), full_page=True)

    page.locator("#language-select").select_option("en")
    page.get_by_test_id("language-submit").click()
    page.wait_for_selector("html[lang=en]")
    assert page.locator("h1").first.inner_text() != ""
    page.screenshot(path=str(artifacts / "journey-map-en.png"), full_page=True)

    assert csp_violations == []
