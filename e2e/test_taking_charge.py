"""Taking charge, end to end: from a first contact at a settlement to the case's closure.

A spoke operator meets a man at an informal settlement with a mediator and refers him to
the hub; the hub's case worker accepts, registers him (the duplicate check finds the record
already kept under a transliteration variant of his name), screens him and drafts the PAI;
the coordinator approves it; services and a review are logged; he follows the harvest to
Sicily, whose hub accepts the transfer and later closes the case.

Each user signs in with password and TOTP in a browser context of their own. Screenshots of
the main steps go to e2e/artifacts/taking_charge/.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import Locator, Page, expect

from approdo.accounts.models import User
from approdo.accounts.tests.factories import TEST_PASSWORD, current_totp_code, give_totp
from approdo.cases.models import Case, Referral, Transfer
from approdo.cases.stages import Stage
from approdo.cases.tests.factories import make_case_world
from approdo.interventions.catalogue import ensure_service_types
from approdo.interventions.models import ServiceType
from approdo.network.models import Language, ServiceArea
from approdo.network.reference_lists import ensure_reference_lists
from approdo.people.models import Consent, ConsentPurpose, Person
from approdo.people.tests.factories import PersonFactory
from approdo.plans.models import Goal
from approdo.screening.models import Indicator, VulnerabilityFactor
from approdo.screening.reference import seed_reference

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PLACE = "Insediamento informale di Borgo Mezzanone"
NEEDS = "Lavora nei campi senza contratto; chiede aiuto per i documenti."


class Shots:
    """Numbered full-page screenshots of the journey."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.folder.mkdir(parents=True, exist_ok=True)
        self.count = 0

    def __call__(self, page: Page, step: str) -> None:
        self.count += 1
        page.screenshot(path=str(self.folder / f"{self.count:02d}-{step}.png"), full_page=True)


def sign_in(page: Page, user: User) -> None:
    """The login form, then the second factor, as a person-data role must."""
    secret = give_totp(user)
    page.goto("/account/login/")
    page.get_by_label("Login").fill(user.username)
    page.get_by_label("Password").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Accedi").click()
    page.wait_for_url(re.compile(r"/account/.*authenticate"))
    page.locator("input[name=code]").fill(current_totp_code(secret))
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(re.compile(r"^https?://[^/]+/$"))


def seed_reference_lists() -> None:
    """A transactional test starts from a flushed database: put the seeded lists back."""
    ensure_reference_lists({"ServiceArea": ServiceArea, "Language": Language})
    ensure_service_types({"ServiceType": ServiceType, "ServiceArea": ServiceArea})
    seed_reference(Indicator, VulnerabilityFactor, using="default")


def tick(field: Locator) -> None:
    """Check a box or radio as a user does: Bootstrap Italia's label covers the input."""
    field.page.locator(f"label[for='{field.get_attribute('id')}']").click()
    expect(field).to_be_checked()


def timeline(page: Page) -> Locator:
    return page.get_by_test_id("timeline-line")


def test_taking_charge_from_first_contact_to_closure(
    settings, artifacts, new_page: Callable[[], Page], csp_violations
):
    settings.DEMO_MODE = False  # person-data roles must use a second factor
    world = make_case_world()
    seed_reference_lists()
    arabic = Language.objects.get(code="ar")
    today = timezone.localdate()
    existing = PersonFactory.create(
        family_name="Bouzid",
        given_names="Mohamed",
        birth_date=dt.date(1993, 6, 14),
        nationality="MA",
        registered_at=world.hub_a,
        registered_by=world.manager,
    )
    Consent.objects.create(
        person=existing,
        purpose=ConsentPurpose.TAKING_CHARGE,
        given_on=today - dt.timedelta(days=200),
        recorded_by=world.manager,
    )
    people_before = Person.objects.count()
    shot = Shots(artifacts / "taking_charge")

    # --- 1. The spoke operator records the first contact at the settlement -------------------
    spoke = new_page()
    sign_in(spoke, world.spoke_operator)
    spoke.goto("/casi/primo-contatto/")
    form = spoke.get_by_test_id("first-contact-form")
    form.locator("[name=origin_node]").select_option(str(world.spoke_a1.pk))
    form.locator("[name=contact_name]").fill("Muhammad")
    form.locator("[name=contact_language]").select_option(str(arabic.pk))
    form.locator("[name=contact_place]").fill(PLACE)
    tick(form.locator("[name=contact_with_mediator]"))
    form.locator("[name=contact_needs]").fill(NEEDS)
    form.locator("[name=access_channel]").select_option("proactive")
    shot(spoke, "first-contact-form")
    spoke.get_by_test_id("first-contact-submit").click()
    spoke.wait_for_url(re.compile(r"/casi/\d+/$"))
    case_pk = int(re.findall(r"/casi/(\d+)/", spoke.url)[0])
    case = Case.objects.get(pk=case_pk)
    assert case.hub_id == world.hub_a.pk and case.origin_node_id == world.spoke_a1.pk
    expect(spoke.get_by_test_id("case-stage")).to_have_text("Primo contatto")
    facts = spoke.get_by_test_id("first-contact-data")
    expect(facts).to_contain_text(PLACE)
    expect(facts).to_contain_text("con mediatore")
    expect(timeline(spoke).filter(has_text="Apertura")).to_have_count(1)
    expect(spoke.get_by_test_id("referral-cta")).to_be_visible()
    shot(spoke, "first-contact-recorded")

    # --- 2. ... and refers the person to the hub, sharing what the first contact told --------
    spoke.get_by_test_id("referral-cta").get_by_role("link").click()
    spoke.wait_for_url(re.compile(rf"/invii/caso/{case_pk}/"))
    expect(spoke.get_by_test_id("allowed-fields")).to_contain_text("Luogo di vita")
    form = spoke.get_by_test_id("referral-form")
    form.locator("[name=to_node]").select_option(str(world.hub_a.pk))
    form.locator("[name=reason]").fill(
        "Possibile sfruttamento nei campi: serve la presa in carico."
    )
    for name in ("name", "languages", "place", "needs"):
        tick(form.locator(f"input[name=shared_fields][value={name}]"))
    form.get_by_role("button", name="Invia").click()
    spoke.wait_for_url(re.compile(r"/invii/\d+/$"))
    expect(spoke.get_by_test_id("referral-status")).to_have_text("Inviato")
    shared = spoke.get_by_test_id("shared-fields")
    for text in ("Muhammad", "Arabo", PLACE, "senza contratto"):
        expect(shared).to_contain_text(text)
    expect(spoke.get_by_test_id("destination")).to_contain_text(world.hub_a.name)
    shot(spoke, "referral-sent")
    referral = Referral.objects.get(case=case)
    assert referral.shared_fields == ["name", "languages", "place", "needs"]

    # --- 3. The hub case worker finds it in the inbox and accepts ----------------------------
    hub = new_page()
    sign_in(hub, world.manager)
    hub.goto("/invii/")
    row = hub.get_by_test_id("received").locator("tr", has_text=case.reference)
    expect(row).to_contain_text(world.spoke_a1.name)
    expect(row).to_contain_text("Inviato")
    shot(hub, "hub-inbox")
    row.get_by_role("link", name=case.reference).click()
    hub.wait_for_url(re.compile(rf"/invii/{referral.pk}/$"))
    expect(hub.get_by_test_id("shared-fields")).to_contain_text(PLACE)
    hub.get_by_test_id("accept").click()
    expect(hub.get_by_test_id("referral-status")).to_have_text("Accettato")
    shot(hub, "referral-accepted")

    # --- 4. ... registers the person: the duplicate check offers the existing record --------
    hub.goto(f"/casi/{case_pk}/")
    expect(timeline(hub).filter(has_text="Invio accettato")).to_have_count(1)
    hub.get_by_test_id("register-person").click()
    hub.wait_for_url(re.compile(rf"/persone/nuova/\?case={case_pk}$"))
    expect(hub.get_by_test_id("from-case")).to_contain_text(case.reference)
    hub.locator("#id_family_name").fill("Bouzid")
    hub.locator("#id_given_names").fill("Muhammad")
    hub.locator("#id_birth_date").fill("1993-06-14")
    hit = hub.get_by_test_id("duplicate-in-scope").filter(has_text="Mohamed Bouzid")
    # The answer to the last thing typed (the birth date): no further swap of the panel.
    expect(hit).to_contain_text("stessa data di nascita")
    shot(hub, "duplicate-check")
    hit.get_by_test_id("link-person").click()
    hub.wait_for_url(re.compile(rf"/casi/{case_pk}/$"))
    expect(hub.get_by_test_id("person-link")).to_have_text("Mohamed Bouzid")
    expect(timeline(hub).filter(has_text="Persona registrata")).to_contain_text("Mohamed Bouzid")
    assert Person.objects.count() == people_before  # linked, not registered twice
    assert Case.objects.get(pk=case_pk).person_id == existing.pk

    # --- 5. ... moves the case to screening and screens ----------------------------------
    hub.get_by_test_id("move-screening").click()
    expect(hub.get_by_test_id("case-stage")).to_have_text("Screening")
    expect(timeline(hub).filter(has_text="Primo contatto → Screening")).to_have_count(1)
    shot(hub, "stage-screening")
    hub.get_by_test_id("case-tab-screening").click()
    hub.get_by_test_id("screening-new").click()
    form = hub.get_by_test_id("screening-form")
    tick(form.locator("[name=with_mediator]"))
    form.locator("[name=language]").select_option(str(arabic.pk))
    for code in ("603_pay", "603_time"):
        row = form.get_by_test_id(f"indicator-{code}")
        tick(row.locator("input[type=radio][value=observed]"))
        row.locator("select").select_option("account")
    form.locator("[name=urgency_level]").select_option("low")
    shot(hub, "screening-form")
    hub.get_by_test_id("screening-save").click()
    expect(hub.get_by_test_id("observed-count")).to_have_text("2")
    expect(hub.get_by_test_id("suggested-priority")).to_have_text("Media")
    hub.get_by_test_id("screening-confirm").click()
    expect(hub.locator("input[name=priority][value=medium]")).to_be_checked()
    hub.get_by_test_id("complete-submit").click()
    expect(hub.get_by_test_id("screening-row").get_by_test_id("row-priority")).to_have_text("Media")
    shot(hub, "screening-confirmed")

    # --- 6. ... takes the person in charge and drafts the PAI -------------------------------
    hub.get_by_test_id("case-tab-overview").click()
    hub.get_by_test_id("move-taken_in_charge").click()
    expect(hub.get_by_test_id("case-stage")).to_have_text("Presa in carico")
    hub.get_by_test_id("case-tab-plan").click()
    hub.get_by_test_id("plan-start").click()
    hub.get_by_test_id("goal-add").click()
    form = hub.get_by_test_id("goal-form")
    form.locator("[name=area]").select_option("work")
    form.locator("[name=title]").fill("Un contratto di lavoro regolare")
    form.locator("[name=description]").fill("Con il sindacato, per la prossima stagione.")
    form.get_by_role("button", name="Salva").click()
    goal = Goal.objects.get(title="Un contratto di lavoro regolare")
    hub.get_by_test_id(f"action-add-{goal.pk}").click()
    form = hub.get_by_test_id("action-form")
    form.locator("[name=description]").fill("Appuntamento con lo sportello sindacale")
    form.locator("[name=responsible]").select_option(str(world.manager.pk))
    form.locator("[name=due_on]").fill((today + dt.timedelta(days=14)).isoformat())
    form.get_by_role("button", name="Salva").click()
    expect(hub.get_by_test_id(f"goal-{goal.pk}")).to_contain_text("sportello sindacale")
    hub.get_by_test_id("agreement-record").click()
    form = hub.get_by_test_id("agreement-form")
    form.locator("[name=kind]").select_option("verbal_mediator")
    form.locator("[name=note]").fill("Letto con il mediatore in lingua araba.")
    form.get_by_role("button", name="Salva").click()
    expect(hub.get_by_test_id("agreement")).to_contain_text("Consenso verbale con mediatore")
    hub.get_by_test_id("plan-submit").click()
    expect(hub.get_by_test_id("version-status")).to_have_text("In approvazione")
    shot(hub, "plan-submitted")

    # --- 7. The coordinator approves: the case becomes "PAI attivo" -------------------------
    coordinator = new_page()
    sign_in(coordinator, world.coordinator)
    coordinator.goto(f"/pai/casi/{case_pk}/")
    expect(coordinator.get_by_test_id("version-status")).to_have_text("In approvazione")
    coordinator.get_by_test_id("plan-approve").click()
    expect(coordinator.get_by_test_id("version-status")).to_have_text("Approvata")
    expect(coordinator.get_by_test_id("case-stage")).to_have_text("PAI attivo")
    expect(coordinator.get_by_test_id("next-review")).to_be_visible()
    shot(coordinator, "plan-approved")

    # --- 8. The case worker logs a service delivered ----------------------------------------
    hub.goto(f"/prestazioni/caso/{case_pk}/")
    expect(hub.get_by_test_id("case-stage")).to_have_text("PAI attivo")
    form = hub.get_by_test_id("service-form")
    service_type = ServiceType.objects.get(code="labour_dispute")
    form.locator("[name=service-service_type]").select_option(str(service_type.pk))
    form.locator("[name=service-duration_minutes]").fill("90")
    tick(form.locator("[name=service-with_mediator]"))
    form.locator("[name=service-language]").select_option(str(arabic.pk))
    form.locator("[name=service-notes]").fill("Raccolte le buste paga per la vertenza.")
    form.get_by_role("button", name="Registra la prestazione").click()
    row = hub.get_by_test_id("service-row").filter(has_text="Assistenza vertenza di lavoro")
    expect(row).to_contain_text("90 min")
    expect(row).to_contain_text("Arabo")
    shot(hub, "service-logged")

    # --- 9. ... and records a review of the plan --------------------------------------------
    hub.get_by_test_id("case-tab-plan").click()
    hub.get_by_test_id("review-record").click()
    form = hub.get_by_test_id("review-form")
    form.locator("[name=kind]").select_option("ad_hoc")
    form.locator("[name=note]").fill("La vertenza è avviata; la persona partirà per la raccolta.")
    form.locator(f"[name=goal_{goal.pk}]").select_option("in_progress")
    form.get_by_role("button", name="Salva").click()
    review = hub.locator("[data-testid^=review-]").filter(has_text="vertenza è avviata")
    expect(review).to_contain_text("Un contratto di lavoro regolare: In corso")
    shot(hub, "review-recorded")

    # --- 10. He follows the harvest to Sicily: the case worker proposes a transfer ----------
    hub.get_by_test_id("case-tab-referrals").click()
    expect(hub.get_by_test_id("case-referrals")).to_contain_text("Accettato")
    # The registered person's taking-charge consent now lets identity data be shared.
    expect(hub.get_by_test_id("allowed-fields")).to_contain_text("Data di nascita")
    form = hub.get_by_test_id("transfer-form")
    form.locator("[name=to_hub]").select_option(str(world.hub_c.pk))
    form.locator("[name=handover]").fill(
        "Vertenza di lavoro avviata a Foggia; PAI approvato, obiettivo: contratto regolare."
    )
    form.get_by_role("button", name="Proponi il trasferimento").click()
    hub.wait_for_url(re.compile(r"/invii/trasferimenti/\d+/$"))
    expect(hub.get_by_test_id("transfer-status")).to_have_text("Proposto")
    shot(hub, "transfer-proposed")
    transfer = Transfer.objects.get(case_id=case_pk)

    # --- 11. The hub in Sicily accepts ------------------------------------------------------
    sicily = new_page()
    sign_in(sicily, world.worker_c)
    sicily.goto("/invii/")
    pending = sicily.get_by_test_id("transfers-in").locator("li", has_text=case.reference)
    expect(pending).to_contain_text(f"{world.hub_a.name} → {world.hub_c.name}")
    shot(sicily, "sicily-inbox")
    pending.get_by_role("link", name=case.reference).click()
    sicily.wait_for_url(re.compile(rf"/invii/trasferimenti/{transfer.pk}/$"))
    expect(sicily.get_by_test_id("handover")).to_contain_text("Vertenza di lavoro avviata")
    sicily.get_by_test_id("accept").click()
    expect(sicily.get_by_test_id("transfer-status")).to_have_text("Accettato")
    sicily.goto(f"/casi/{case_pk}/")
    expect(sicily.get_by_test_id("case-stage")).to_have_text("PAI attivo")
    expect(sicily.get_by_test_id("case-title")).to_contain_text("Mohamed Bouzid")
    expect(sicily.locator("main")).to_contain_text(world.hub_c.name)
    expect(timeline(sicily).filter(has_text=f"Ricevuta da {world.hub_a.name}")).to_have_count(1)
    shot(sicily, "transfer-accepted")

    # --- 12. ... and later closes the case with an outcome and a note ------------------------
    form = sicily.get_by_test_id("close-form")
    form.locator("[name=outcome]").select_option("goals_reached")
    form.locator("[name=note]").fill("Contratto regolare firmato a Ragusa; vertenza conclusa.")
    form.get_by_role("button", name="Chiudi").click()
    expect(sicily.get_by_test_id("case-stage")).to_have_text("Chiusa")
    closure = sicily.get_by_test_id("closure")
    expect(closure).to_contain_text("Obiettivi raggiunti")
    expect(closure).to_contain_text("Contratto regolare firmato a Ragusa")
    shot(sicily, "case-closed")

    case.refresh_from_db()
    assert case.stage == Stage.CLOSED
    assert case.hub_id == world.hub_c.pk
    assert csp_violations == []
