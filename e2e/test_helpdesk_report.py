"""Journey 2 of issue #4: an anonymous report in Arabic reaches a PSI through the helpdesk.

A visitor with no account opens /segnala/, chooses Arabic (the page turns right to left),
reports exploitation in Puglia and leaves a phone number; the confirmation shows nothing of
what was typed. A helpdesk operator signs in, finds the web-form contact in the queue, opens
it and refers it to hub A; the hub's case worker finds the referral in the inbox, sent by the
"Helpdesk anticaporalato". Screenshots go to e2e/artifacts/helpdesk/.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from approdo.cases.models import Referral
from approdo.cases.tests.factories import make_case_world
from approdo.helpdesk.models import Channel, Contact, ContactStatus, Need, ReporterContact
from approdo.helpdesk.public_labels import LABELS
from approdo.helpdesk.tests.factories import helpdesk_operator
from e2e.test_taking_charge import Shots, seed_reference_lists, sign_in, tick

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

MESSAGE = "أعمل في حقول الطماطم قرب فوجا. صاحب العمل يأخذ نصف أجري ولا يعطيني عقدًا."
PHONE = "+39 351 000 1122"
AR = LABELS["ar"]
FR = LABELS["fr"]


def test_an_anonymous_arabic_report_reaches_the_hub_through_the_helpdesk(
    settings, artifacts, new_page: Callable[[], Page], csp_violations
):
    settings.DEMO_MODE = False  # person-data roles must use a second factor
    settings.HELPDESK_FORM_MIN_SECONDS = 0  # the live server reads the same settings object
    world = make_case_world()
    seed_reference_lists()
    operator = helpdesk_operator()
    shot = Shots(artifacts / "helpdesk")

    # --- 1. An anonymous visitor writes in Arabic ---------------------------------------------
    visitor = new_page()
    visitor.goto("/segnala/")
    expect(visitor.get_by_test_id("language-list")).to_be_visible()
    shot(visitor, "language-chooser")
    # A first look in French: saying "in danger" shows 112; an empty message is refused.
    visitor.get_by_role("link", name="Français").click()
    visitor.wait_for_url(re.compile(r"/segnala/fr/$"))
    expect(visitor.locator("html")).to_have_attribute("dir", "ltr")
    tick(visitor.locator("input[name=danger][value=yes]"))
    expect(visitor.get_by_test_id("danger-help")).to_be_visible()
    visitor.locator("[name=place]").fill("Rosarno")
    visitor.get_by_test_id("report-submit").click()
    expect(visitor.get_by_test_id("report-errors")).to_contain_text(FR["err_form"])
    expect(visitor.locator("main")).to_contain_text(FR["err_message"])
    expect(visitor.locator("[name=place]")).to_have_value("Rosarno")
    expect(visitor.get_by_test_id("danger-help")).to_be_visible()
    shot(visitor, "report-form-errors-fr")
    assert not Contact.objects.exists()
    visitor.goto("/segnala/")
    visitor.get_by_role("link", name="العربية").click()
    visitor.wait_for_url(re.compile(r"/segnala/ar/$"))
    html = visitor.locator("html")
    expect(html).to_have_attribute("dir", "rtl")
    expect(html).to_have_attribute("lang", "ar")
    expect(visitor.get_by_role("heading", level=1)).to_have_text(AR["title"])
    # Mirrored: the submit button sits on the right-hand side of the form.
    form_box = visitor.get_by_test_id("report-form").bounding_box()
    button_box = visitor.get_by_test_id("report-submit").bounding_box()
    assert form_box and button_box
    assert button_box["x"] + button_box["width"] > form_box["x"] + form_box["width"] * 0.7

    form = visitor.get_by_test_id("report-form")
    tick(form.locator("input[name=danger][value=no]"))
    expect(visitor.get_by_test_id("danger-help")).to_be_hidden()
    tick(form.locator(f"input[name=needs][value={Need.EXPLOITATION}]"))
    tick(form.locator(f"input[name=needs][value={Need.WAGES}]"))
    form.locator("[name=message]").fill(MESSAGE)
    form.locator("[name=region]").select_option("16")
    form.locator("[name=place]").fill("Borgo Mezzanone")
    tick(form.locator("[name=anonymous]"))
    expect(visitor.locator("#report-name-group")).to_be_hidden()
    form.locator("[name=phone]").fill(PHONE)
    tick(form.locator("input[name=preferred][value=whatsapp]"))
    shot(visitor, "report-form-rtl")
    visitor.get_by_test_id("report-submit").click()
    visitor.wait_for_url(re.compile(r"/segnala/ar/grazie/$"))
    expect(visitor.get_by_test_id("report-thanks")).to_contain_text(AR["thanks_title"])
    page_text = visitor.locator("body").inner_text()
    assert MESSAGE not in page_text and PHONE not in page_text
    assert {cookie["name"] for cookie in visitor.context.cookies()} <= {"csrftoken"}
    shot(visitor, "report-thanks-rtl")

    contact = Contact.objects.get()
    assert contact.channel == Channel.WEB_FORM
    assert contact.language is not None and contact.language.code == "ar"
    assert contact.anonymous and contact.name == ""
    assert ReporterContact.objects.get(contact=contact).phone == PHONE

    # --- 2. The helpdesk operator triages it and refers it to hub A --------------------------
    desk = new_page()
    sign_in(desk, operator)
    desk.goto("/helpdesk/")
    row = desk.get_by_test_id("queue-row").filter(has_text=contact.reference)
    expect(row).to_contain_text("Modulo web")
    expect(row).to_contain_text("Segnalazione di sfruttamento")
    shot(desk, "queue")
    row.get_by_role("link", name=contact.reference).click()
    desk.wait_for_url(re.compile(rf"/helpdesk/{contact.pk}/$"))
    expect(desk.locator("main")).to_contain_text(MESSAGE)
    triage = desk.get_by_test_id("triage")
    triage.locator("summary", has_text="Invio a un PSI").click()
    psi_form = desk.get_by_test_id("psi-form")
    tick(psi_form.locator(f"#psi-hub-{world.hub_a.pk}"))
    psi_form.locator("[name=psi-reason]").fill(
        "Segnalazione anonima in arabo dal modulo web: sfruttamento nei campi vicino a Foggia. "
        "Chiede di essere richiamato su WhatsApp."
    )
    shot(desk, "triage-psi")
    psi_form.get_by_role("button", name="Invia al PSI").click()
    expect(desk.get_by_test_id("contact-status")).to_have_text("Inviato")
    shot(desk, "referred")
    contact.refresh_from_db()
    assert contact.status == ContactStatus.REFERRED
    referral = Referral.objects.get(to_node=world.hub_a, from_helpdesk=True)

    # --- 3. The hub's case worker finds it in the inbox --------------------------------------
    hub = new_page()
    sign_in(hub, world.manager)
    hub.goto("/invii/")
    received = hub.get_by_test_id("received")
    expect(received).to_contain_text("Helpdesk anticaporalato")
    expect(received).to_contain_text(referral.case.reference)
    shot(hub, "hub-inbox")

    assert csp_violations == []
