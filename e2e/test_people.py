"""A case worker registers a person; the duplicate check catches a transliteration variant."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from approdo.accounts.models import User
from approdo.network.models import Node
from approdo.people.models import Person
from approdo.people.tests.factories import PersonFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

DEMO_PASSWORD = "approdo-demo-2026"


def test_duplicate_check_offers_the_existing_record_while_typing(
    page, settings, artifacts, csp_violations
):
    settings.DEMO_MODE = True  # the newcomer postpones MFA enrolment, as the demo allows
    call_command("load_demo", "--no-cases", verbosity=0)
    worker = User.objects.get(username="assistente.foggia")
    foggia = Node.objects.get(code="PUG-H01")
    existing = PersonFactory(
        family_name="Diallo",
        given_names="Mohamed",
        birth_date=dt.date(1991, 1, 1),
        birth_date_precision="year",
        birth_date_is_placeholder=True,
        registered_at=foggia,
        registered_by=worker,
    )

    people_before = Person.objects.count()

    page.goto("/account/login/")
    page.get_by_label("Login").fill(worker.username)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.get_by_test_id("mfa-skip").click()

    page.goto("/persone/nuova/")
    page.get_by_label("Cognome (come nel documento)").fill("Diallo")
    page.get_by_label(re.compile(r"^Nome/i \(come nel documento\)")).fill("Muhammad")
    page.locator("#id_birth_date").fill("1991-01-01")
    hit = page.get_by_role("link", name=re.compile("Mohamed Diallo"))
    expect(hit).to_be_visible()
    page.screenshot(path=str(artifacts / "people-duplicate-check.png"), full_page=True)

    hit.click()
    page.wait_for_url(re.compile(rf"/persone/{existing.pk}/$"))
    assert Person.objects.count() == people_before  # nothing was created twice
    assert csp_violations == []
