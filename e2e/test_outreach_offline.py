"""The field page offline, end to end: a mobile unit records a session with no signal.

The spoke operator opens /campo/ once online (the service worker precaches the page), loses
the connection, records the session with anonymous headcounts and two first contacts,
reloads the page (it still opens, the draft is still there), gets the signal back and the
page syncs by itself. The hub's case worker sees the two referrals in the inbox. A retried
sync creates nothing; an edit made at the office meanwhile is shown as a conflict, side by
side, and the operator keeps their own values.

Screenshots go to e2e/artifacts/outreach/.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from approdo.cases.models import Case, Referral, ReferralStatus
from approdo.cases.tests.factories import make_case_world
from approdo.outreach import services
from approdo.outreach.models import FirstContact, Headcount, OnSpotService, OutreachSession
from approdo.outreach.tests.factories import PlaceFactory
from e2e.test_taking_charge import Shots, sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PLACE = "Ghetto di Borgo Mezzanone"


def open_field(page: Page) -> None:
    page.goto("/campo/")
    expect(page.locator("body[data-ready=true]")).to_have_count(1)
    # Polled from Python: wait_for_function's string predicate would need 'unsafe-eval'.
    for _ in range(150):
        if page.evaluate("() => navigator.serviceWorker.controller !== null"):
            break
        page.wait_for_timeout(100)
    else:
        state = page.evaluate(
            """async () => {
                const r = await navigator.serviceWorker.getRegistration();
                if (!r) return "no registration";
                const w = r.installing || r.waiting || r.active;
                return w ? w.state : "no worker";
            }"""
        )
        pytest.fail(f"the service worker never took control of /campo/ ({state})")
    expect(page.get_by_test_id("new-session")).to_be_enabled()


def step(page: Page, testid: str, times: int) -> None:
    for _ in range(times):
        page.get_by_test_id(testid).click()


def add_contact(page: Page, name: str, phone: str, needs: str) -> None:
    before = page.get_by_test_id("fc-item").count()
    page.get_by_test_id("fc-name").fill(name)
    page.get_by_test_id("fc-phone").fill(phone)
    page.get_by_test_id("fc-language").select_option("ar")
    page.get_by_test_id("fc-needs").fill(needs)
    page.get_by_test_id("fc-add").click()
    expect(page.get_by_test_id("fc-item")).to_have_count(before + 1)


def wait_synced(page: Page) -> None:
    expect(page.get_by_test_id("pending")).to_have_attribute("data-count", "0")
    # the first badge is the session's, on the list and on the session's screen
    expect(page.get_by_test_id("state").first).to_have_attribute("data-state", "synced")


def test_offline_session_syncs_once_and_conflicts_are_shown(
    settings: Any, artifacts: Any, new_page: Callable[[], Page], csp_violations: list[str]
) -> None:
    settings.DEMO_MODE = False
    world = make_case_world()
    place = PlaceFactory.create(node=world.spoke_a1, name=PLACE)
    shot = Shots(artifacts / "outreach")

    # --- online once: the page and its data are cached on the phone --------------------------
    phone = new_page()
    phone.set_viewport_size({"width": 412, "height": 915})
    sign_in(phone, world.spoke_operator)
    open_field(phone)
    expect(phone.get_by_test_id("network-badge")).to_have_attribute("data-online", "true")
    shot(phone, "field-online")

    # --- no signal at the settlement ---------------------------------------------------------
    phone.context.set_offline(True)
    expect(phone.get_by_test_id("network-badge")).to_have_attribute("data-online", "false")
    phone.get_by_test_id("new-session").click()
    expect(phone.get_by_test_id("field-node")).to_have_value(str(world.spoke_a1.pk))
    phone.get_by_test_id("field-place").select_option(str(place.pk))
    phone.get_by_test_id("field-starts").fill("08:30")
    phone.get_by_test_id("field-ends").fill("11:00")
    phone.get_by_test_id("field-mediator").check()
    phone.get_by_test_id("sex-male").click()
    step(phone, "hc-18_29-plus", 4)
    step(phone, "hc-18_29-minus", 1)
    phone.get_by_test_id("nationality").select_option("ML")
    step(phone, "hc-30_54-plus", 2)
    phone.get_by_test_id("sex-female").click()
    phone.get_by_test_id("nationality").select_option("")
    step(phone, "hc-18_29-plus", 1)
    expect(phone.get_by_test_id("hc-total")).to_contain_text("6")
    add_contact(phone, "Amadou", "333 123 4567", "Non è stato pagato da tre settimane")
    add_contact(phone, "Moussa", "", "Chiede dei documenti")
    expect(phone.get_by_test_id("fc-item")).to_have_count(2)
    step(phone, "svc-information-plus", 5)
    shot(phone, "session-recorded-offline")
    phone.get_by_test_id("session-done").click()
    expect(phone.get_by_test_id("session-item")).to_have_count(1)
    expect(phone.get_by_test_id("pending")).to_have_attribute("data-count", "1")
    payload = phone.evaluate("async () => Field.payloadOf((await Field.store.all('drafts'))[0])")

    # --- the page reopens with no network ----------------------------------------------------
    phone.reload()
    expect(phone.locator("body[data-ready=true]")).to_have_count(1)
    expect(phone.get_by_test_id("session-item")).to_have_count(1)
    expect(phone.get_by_test_id("session-item")).to_contain_text(PLACE)
    expect(phone.get_by_test_id("state")).to_have_attribute("data-state", "draft")
    shot(phone, "reopened-offline")
    assert not OutreachSession.objects.exists()

    # --- signal again: the page syncs by itself ----------------------------------------------
    phone.context.set_offline(False)
    wait_synced(phone)
    shot(phone, "synced")
    session = OutreachSession.objects.get()
    assert session.place == place and session.with_mediator
    assert session.starts_at == dt.time(8, 30) and session.ends_at == dt.time(11, 0)
    counts = {(h.sex, h.age_band, h.nationality): h.count for h in Headcount.objects.all()}
    assert counts == {
        ("male", "18_29", ""): 3,
        ("male", "30_54", "ML"): 2,
        ("female", "18_29", ""): 1,
    }
    assert OnSpotService.objects.get().people == 5
    contacts = list(FirstContact.objects.select_related("case", "referral"))
    assert sorted(c.case.contact_name for c in contacts) == ["Amadou", "Moussa"]
    referrals = Referral.objects.filter(to_node=world.hub_a, status=ReferralStatus.SENT)
    assert referrals.count() == 2
    references = sorted(c.case.reference for c in contacts)
    # the people's details left the phone once the hub had them
    phone.get_by_test_id("open-session").click()
    expect(phone.get_by_test_id("fc-item").first).to_contain_text(references[0][:6])
    expect(phone.get_by_test_id("first-contacts")).not_to_contain_text("Amadou")

    # --- the hub sees the two referrals in its inbox -----------------------------------------
    hub = new_page()
    sign_in(hub, world.manager)
    hub.goto("/invii/")
    received = hub.get_by_test_id("received")
    for reference in references:
        expect(received.locator("tr", has_text=reference)).to_contain_text("Inviato")
    expect(received).to_contain_text(world.spoke_a1.name)
    shot(hub, "hub-inbox")

    # --- a sync retried after a lost answer creates nothing ----------------------------------
    answer = phone.evaluate(
        """async (body) => {
            const token = document.cookie.match(/csrftoken=([^;]+)/)[1];
            const response = await fetch(Field.config.sync_url, {
                method: "POST", credentials: "same-origin",
                headers: {"Content-Type": "application/json", "X-CSRFToken": token},
                body: JSON.stringify({sessions: [body]}),
            });
            return response.json();
        }""",
        payload,
    )
    result = answer["sessions"][0]
    assert result["status"] == "unchanged"
    assert {r["status"] for r in result["headcounts"] + result["first_contacts"]} == {"unchanged"}
    phone.get_by_test_id("back").click()
    phone.get_by_test_id("sync").click()
    expect(phone.get_by_test_id("message")).to_have_text("Niente da sincronizzare.")
    assert OutreachSession.objects.count() == 1 and FirstContact.objects.count() == 2
    assert (
        Referral.objects.count() == 2
        and Case.objects.filter(outreach_contact__isnull=False).count() == 2
    )
    assert Headcount.objects.count() == 3

    # --- the office corrects the session meanwhile: a conflict, side by side -----------------
    session.refresh_from_db()
    services.session_save(
        actor=world.coordinator,
        node=world.spoke_a1,
        place=place,
        date=session.date,
        starts_at=session.starts_at,
        ends_at=session.ends_at,
        with_mediator=True,
        notes="Corretto in ufficio",
        session=session,
        expected_version=session.version,
    )
    phone.get_by_test_id("open-session").click()
    phone.get_by_test_id("field-notes").fill("Scritto sul telefono")
    phone.get_by_test_id("session-done").click()
    phone.get_by_test_id("open-session").click()
    conflict = phone.get_by_test_id("conflict")
    expect(conflict).to_be_visible()
    expect(conflict.get_by_test_id("mine-notes")).to_have_text("Scritto sul telefono")
    expect(conflict.get_by_test_id("server-notes")).to_have_text("Corretto in ufficio")
    shot(phone, "conflict")
    session.refresh_from_db()
    assert session.notes == "Corretto in ufficio"
    conflict.get_by_test_id("keep-mine").click()
    wait_synced(phone)
    session.refresh_from_db()
    assert session.notes == "Scritto sul telefono" and session.version == 3
    shot(phone, "conflict-resolved")
    assert csp_violations == []
