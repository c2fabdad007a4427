"""A coordinator reviews a pair of records, merges them into one person, then separates them."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from approdo.accounts.models import User
from approdo.linkage.tests.factories import make_candidate
from approdo.network.models import Node
from approdo.people.models import DocumentKind, IdentityDocument, Person
from approdo.people.tests.factories import PersonFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

DEMO_PASSWORD = "approdo-demo-2026"


def test_a_coordinator_merges_two_records_and_separates_them_again(
    page, settings, artifacts, csp_violations
):
    settings.DEMO_MODE = True
    call_command("load_demo", "--no-cases", "--no-field", verbosity=0)
    coordinator = User.objects.get(username="coordinatore.foggia")
    foggia = Node.objects.get(code="PUG-H01")
    older = PersonFactory(
        family_name="Ndiaye",
        given_names="Ousmane",
        birth_date=dt.date(1979, 2, 20),
        nationality="SN",
        registered_at=foggia,
        registered_by=coordinator,
    )
    newer = PersonFactory(
        family_name="Ousmane",
        given_names="Ndiaye",
        birth_date=dt.date(1979, 2, 20),
        nationality="SN",
        living_place="Borgo Mezzanone",
        registered_at=foggia,
        registered_by=coordinator,
    )
    IdentityDocument.objects.create(person=newer, kind=DocumentKind.PASSPORT, number="SN998877")
    pair = make_candidate(
        older,
        newer,
        probability=0.47,
        levels={"family_name": 1, "given_names": 1, "birth_date": 1, "nationality": 1},
    )

    page.goto("/account/login/")
    page.get_by_label("Login").fill(coordinator.username)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.get_by_test_id("mfa-skip").click()

    page.get_by_role("link", name="Doppioni").click()
    expect(page.get_by_test_id("candidate-list")).to_be_visible()
    page.locator(f'a[href="/collegamenti/{pair.pk}/"]').click()
    page.wait_for_url(re.compile(rf"/collegamenti/{pair.pk}/$"))
    table = page.get_by_test_id("side-by-side")
    expect(table).to_contain_text("SN998877")
    expect(table).to_contain_text("uguale")
    page.screenshot(path=str(artifacts / "linkage-side-by-side.png"), full_page=True)

    page.locator("label[for=id_decision_0]").click()
    expect(page.get_by_label("Sono la stessa persona: unisci le schede")).to_be_checked()
    page.get_by_label("Nota").fill("Stesso passaporto visto allo sportello")
    page.get_by_test_id("decide").click()
    page.wait_for_url(re.compile(r"/collegamenti/unioni/\d+/$"))
    expect(page.get_by_test_id("merge-moved")).to_contain_text("1")
    newer.refresh_from_db()
    assert newer.merged_into_id == older.pk

    page.goto(f"/persone/{older.pk}/")
    expect(page.get_by_test_id("merged-records")).to_contain_text("Ousmane, Ndiaye")

    page.goto(f"/collegamenti/unioni/{newer.merges_given.get().pk}/")
    page.get_by_label("Perché vanno separate").fill("Sono cugini omonimi")
    page.get_by_test_id("unmerge").click()
    expect(page.get_by_test_id("unmerged")).to_contain_text("Sono cugini omonimi")
    assert Person.objects.get(pk=newer.pk).merged_into_id is None
    assert IdentityDocument.objects.get(number="SN998877").person_id == newer.pk
    assert csp_violations == []
