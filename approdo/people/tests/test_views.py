"""The people pages as users see them: permissions, access log, forms' errors, duplicates."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from approdo.accounts.models import User
from approdo.accounts.tests.factories import UserFactory
from approdo.audit.models import AccessLog, AuditEvent
from approdo.cases import services as case_services
from approdo.cases.models import AccessChannel, Case
from approdo.cases.tests.factories import CaseWorld, make_case_world
from approdo.people import services
from approdo.people.models import ConsentPurpose, Person
from approdo.people.tests.factories import (
    VALID_TAX_CODE,
    WRONG_CHECK_TAX_CODE,
    PersonFactory,
    World,
    login,
    make_world,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def world() -> World:
    return make_world()


def text(html: bytes) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html.decode()).split())


def field_error(html: bytes, name: str) -> str:
    match = re.search(rf'data-testid="error-{name}"[^>]*>(.*?)</div>', html.decode(), re.S)
    assert match, f"no error on {name}"
    return match.group(1).strip()


# --- permission matrix ----------------------------------------------------------------------

# (url name, needs the person, method)
PAGES: list[tuple[str, bool, str]] = [
    ("people:person_list", False, "get"),
    ("people:person_create", False, "get"),
    ("people:duplicate_check", False, "get"),
    ("people:person_detail", True, "get"),
    ("people:person_edit", True, "get"),
    ("people:document_add", True, "post"),
    ("people:phone_add", True, "post"),
    ("people:alias_add", True, "post"),
    ("people:language_set", True, "post"),
    ("people:notice_record", True, "post"),
    ("people:consent_give", True, "post"),
]
# Who, and the status expected on person A's pages (registered at spoke A1) / list pages.
WHO: list[tuple[str, int, int]] = [
    ("spoke_operator", 200, 200),  # same node
    ("coordinator_a", 200, 200),  # hub coordinator over a spoke-registered person
    ("worker_a", 200, 200),  # case worker of the hub
    ("worker_b", 404, 200),  # another hub's worker
    ("body_admin_b", 403, 403),  # no person-data role
    ("monitor", 403, 403),  # regional monitor
]


@pytest.mark.parametrize(("name", "needs_person", "method"), PAGES)
@pytest.mark.parametrize(("who", "on_person", "on_list"), WHO)
def test_permission_matrix(
    client: Client,
    world: World,
    name: str,
    needs_person: bool,
    method: str,
    who: str,
    on_person: int,
    on_list: int,
) -> None:
    user: User = getattr(world, who)
    url = reverse(name, args=[world.person_a.pk] if needs_person else [])
    response = getattr(login(client, user), method)(url)
    expected = on_person if needs_person else on_list
    # An allowed POST with an empty form answers with the card and its errors (200).
    assert response.status_code == expected


@pytest.mark.parametrize(("name", "needs_person", "method"), PAGES)
def test_anonymous_is_sent_to_login(
    client: Client, world: World, name: str, needs_person: bool, method: str
) -> None:
    url = reverse(name, args=[world.person_a.pk] if needs_person else [])
    response = getattr(client, method)(url)
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


@pytest.mark.parametrize(
    "name", ["document_remove", "phone_remove", "alias_remove", "language_remove"]
)
def test_removing_outside_scope_is_404(client: Client, world: World, name: str) -> None:
    response = login(client, world.worker_b).post(
        reverse(f"people:{name}", args=[world.person_a.pk, 1])
    )
    assert response.status_code == 404


def test_nav_shows_persone_to_person_data_roles_only(client: Client, world: World) -> None:
    home = reverse("home")
    assert "Persone" in text(login(client, world.worker_a).get(home).content)
    client.logout()
    assert ">Persone<" not in login(client, world.monitor).get(home).content.decode()


# --- list -----------------------------------------------------------------------------------


def test_list_shows_people_in_scope_with_nationality_year_and_node(
    client: Client, world: World
) -> None:
    response = login(client, world.worker_a).get(reverse("people:person_list"))
    page = text(response.content)
    assert "Ndiaye" in page and "Okafor" not in page
    assert "Senegal" in page and "1990" in page and "Unità mobile Borgo Mezzanone" in page
    response = client.get(reverse("people:person_list"), {"q": "okafor"})
    assert response.content.decode().count('data-testid="person-row"') == 0


# --- detail ---------------------------------------------------------------------------------


def test_detail_logs_the_read_and_coordinator_sees_who_read(client: Client, world: World) -> None:
    url = reverse("people:person_detail", args=[world.person_a.pk])
    response = login(client, world.spoke_operator).get(url)
    assert response.status_code == 200
    assert 'data-testid="access-log"' not in response.content.decode()
    assert AccessLog.objects.filter(
        user=world.spoke_operator, record_id=str(world.person_a.pk), node=world.spoke_a1
    ).exists()
    client.logout()
    response = login(client, world.coordinator_a).get(url)
    html = response.content.decode()
    assert 'data-testid="access-log"' in html
    assert html.count('data-testid="access-row"') == 2
    assert world.spoke_operator.display_name in html


def test_detail_warns_without_taking_charge_consent(client: Client, world: World) -> None:
    url = reverse("people:person_detail", args=[world.person_a.pk])
    assert (
        'data-testid="no-consent-banner"' in login(client, world.worker_a).get(url).content.decode()
    )
    services.consent_give(
        actor=world.worker_a,
        person=world.person_a,
        purpose=ConsentPurpose.TAKING_CHARGE,
        given_on=timezone.localdate(),
    )
    assert 'data-testid="no-consent-banner"' not in client.get(url).content.decode()


def test_consent_give_and_withdraw_through_the_card(client: Client, world: World) -> None:
    person = world.person_a
    today = timezone.localdate().isoformat()
    c = login(client, world.worker_a)
    response = c.post(
        reverse("people:consent_give", args=[person.pk]),
        {"consent-purpose": "taking_charge", "consent-given_on": today},
    )
    assert response.status_code == 302
    consent = person.consents.get()
    response = c.post(
        reverse("people:consent_withdraw", args=[person.pk, consent.pk]),
        {"withdraw-withdrawn_on": today},
    )
    assert response.status_code == 302
    consent.refresh_from_db()
    assert consent.withdrawn_on is not None
    html = c.get(reverse("people:person_detail", args=[person.pk])).content.decode()
    assert 'data-testid="consent-withdrawn"' in html
    assert 'data-testid="no-consent-banner"' in html


def test_sharing_consent_without_service_is_an_error_on_the_field(
    client: Client, world: World
) -> None:
    response = login(client, world.worker_a).post(
        reverse("people:consent_give", args=[world.person_a.pk]),
        {"consent-purpose": "sharing", "consent-given_on": timezone.localdate().isoformat()},
    )
    assert "indica il servizio esterno" in field_error(response.content, "external_service")


def test_document_errors_and_expiry_display(client: Client, world: World) -> None:
    url = reverse("people:document_add", args=[world.person_a.pk])
    c = login(client, world.worker_a)
    response = c.post(
        url,
        {"doc-kind": "passport", "doc-issued_on": "2024-05-01", "doc-expires_on": "2024-04-01"},
    )
    assert response.status_code == 200
    assert "precedere la data di rilascio" in field_error(response.content, "expires_on")
    assert not world.person_a.documents.exists()
    soon = (timezone.localdate() + dt.timedelta(days=20)).isoformat()
    for number, expires in (("OLD1", "2020-01-01"), ("SOON1", soon)):
        response = c.post(
            url,
            {
                "doc-kind": "residence_permit",
                "doc-permit_type": "art18",
                "doc-number": number,
                "doc-expires_on": expires,
            },
        )
        assert response.status_code == 302
    html = c.get(reverse("people:person_detail", args=[world.person_a.pk])).content.decode()
    assert 'data-testid="document-expired"' in html
    assert 'data-testid="document-expiring"' in html
    assert "Casi speciali — art. 18 TUI" in html
    doc = world.person_a.documents.get(number="OLD1")
    response = c.post(reverse("people:document_remove", args=[world.person_a.pk, doc.pk]))
    assert response.status_code == 302
    assert not world.person_a.documents.filter(number="OLD1").exists()


def test_phone_error_on_the_field(client: Client, world: World) -> None:
    response = login(client, world.worker_a).post(
        reverse("people:phone_add", args=[world.person_a.pk]), {"phone-number": "12345"}
    )
    assert "Numero di telefono non valido" in field_error(response.content, "number")
    assert not world.person_a.phones.exists()


# --- register -------------------------------------------------------------------------------


def register_data(**overrides: str) -> dict[str, str]:
    values = {
        "family_name": "Benali",
        "given_names": "Karim",
        "sex": "male",
        "gender": "man",
        "birth_date": "1995-01-01",
        "birth_date_precision": "year",
        "nationality": "MA",
        "birth_country": "MA",
        "education_level": "unknown",
        "employment_status": "seasonal",
        "language_level": "native",
        "aliases": "Kareem, Karim Ben Ali",
        "phone": "333 123 4567",
        "phone_whatsapp": "on",
        "tax_code": VALID_TAX_CODE,
    }
    values.update(overrides)
    return values


def test_register_page_defaults_to_own_node_and_wires_the_duplicate_check(
    client: Client, world: World
) -> None:
    html = login(client, world.spoke_operator).get(reverse("people:person_create")).content.decode()
    assert f'<option value="{world.spoke_a1.pk}" selected>' in html
    assert f'hx-get="{reverse("people:duplicate_check")}"' in html
    assert "js-duplicate-field" in html and "delay:400ms" in html
    assert "Marocco" in html  # countries in Italian


def test_register_creates_the_person(client: Client, world: World) -> None:
    c = login(client, world.worker_a)
    response = c.post(
        reverse("people:person_create"),
        register_data(registered_at=str(world.hub_a.pk), language=str(world.arabic.pk)),
    )
    person = Person.objects.get(family_name="Benali")
    assert response.status_code == 302
    assert response["Location"] == reverse("people:person_detail", args=[person.pk])
    assert person.birth_date_is_placeholder and person.registered_by == world.worker_a
    assert sorted(person.aliases.values_list("name", flat=True)) == ["Kareem", "Karim Ben Ali"]
    assert person.phones.get().number == "+393331234567"
    assert person.languages.get().language == world.arabic
    assert AuditEvent.objects.filter(action="people.person.created", node=world.hub_a).exists()


@pytest.mark.parametrize(
    ("overrides", "field", "fragment"),
    [
        ({"birth_date": "2999-01-01"}, "birth_date", "non può essere nel futuro"),
        ({"birth_date": "1850-06-01"}, "birth_date", "1900"),
        ({"tax_code": WRONG_CHECK_TAX_CODE}, "tax_code", "carattere di controllo"),
        ({"phone": "12345"}, "phone", "Numero di telefono non valido"),
    ],
)
def test_register_errors_are_on_the_field_in_italian(
    client: Client, world: World, overrides: dict[str, str], field: str, fragment: str
) -> None:
    response = login(client, world.worker_a).post(
        reverse("people:person_create"),
        register_data(registered_at=str(world.hub_a.pk), **overrides),
    )
    assert response.status_code == 200
    assert fragment in field_error(response.content, field)
    assert 'aria-invalid="true"' in response.content.decode()
    assert not Person.objects.filter(family_name="Benali").exists()


def test_register_at_a_node_outside_scope_is_refused(client: Client, world: World) -> None:
    response = login(client, world.worker_a).post(
        reverse("people:person_create"), register_data(registered_at=str(world.hub_b.pk))
    )
    assert response.status_code == 200
    assert field_error(response.content, "registered_at")
    assert not Person.objects.filter(family_name="Benali").exists()


def test_register_a_likely_duplicate_asks_for_confirmation(client: Client, world: World) -> None:
    c = login(client, world.worker_a)
    data = register_data(
        registered_at=str(world.hub_a.pk),
        family_name="Ndiaye",
        given_names="Ousmane",
        birth_date="1990-03-12",
        birth_date_precision="exact",
        nationality="SN",
        tax_code="",
        phone="",
        aliases="",
    )
    response = c.post(reverse("people:person_create"), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'data-testid="confirm-distinct"' in html
    assert reverse("people:person_detail", args=[world.person_a.pk]) in html
    assert Person.objects.filter(family_name="Ndiaye").count() == 1
    response = c.post(reverse("people:person_create"), {**data, "confirmed_distinct": "on"})
    assert response.status_code == 302
    assert Person.objects.filter(family_name="Ndiaye").count() == 2


# --- duplicate panel ------------------------------------------------------------------------


def test_duplicate_panel_shows_in_scope_record(client: Client, world: World) -> None:
    response = login(client, world.worker_a).get(
        reverse("people:duplicate_check"),
        {"family_name": "Ndiaye", "given_names": "Usman", "birth_date": "1990-03-12"},
        headers={"HX-Request": "true"},
    )
    html = response.content.decode()
    assert 'data-testid="duplicate-in-scope"' in html
    assert reverse("people:person_detail", args=[world.person_a.pk]) in html
    assert "Ousmane Ndiaye" in html and "È già registrata? Apri la sua scheda" in html


def test_duplicate_panel_hides_out_of_scope_data(client: Client, world: World) -> None:
    response = login(client, world.worker_a).get(
        reverse("people:duplicate_check"),
        {"family_name": "Okafor", "given_names": "Chinedu", "birth_date": "1988-07-01"},
    )
    html = response.content.decode()
    assert 'data-testid="duplicate-out-of-scope"' in html
    assert "Possibile corrispondenza presso" in html and "PSI Bari" in html
    assert reverse("network:node_detail", args=[world.hub_b.pk]) in html
    assert "Okafor" not in html and "Chinedu" not in html
    assert reverse("people:person_detail", args=[world.person_b.pk]) not in html


def test_duplicate_panel_waits_for_enough_input(client: Client, world: World) -> None:
    response = login(client, world.worker_a).get(
        reverse("people:duplicate_check"), {"family_name": "Nd"}
    )
    assert 'data-testid="duplicate-in-scope"' not in response.content.decode()


# --- edit -----------------------------------------------------------------------------------


def edit_data(person: Person, **overrides: str) -> dict[str, str]:
    values = {
        "version": str(person.version),
        "family_name": person.family_name,
        "given_names": person.given_names,
        "sex": person.sex,
        "gender": person.gender,
        "birth_date": person.birth_date.isoformat() if person.birth_date else "",
        "birth_date_precision": person.birth_date_precision,
        "nationality": person.nationality,
        "education_level": person.education_level,
        "employment_status": person.employment_status,
    }
    values.update(overrides)
    return values


def test_edit_saves_and_audits(client: Client, world: World) -> None:
    person = world.person_a
    c = login(client, world.coordinator_a)
    url = reverse("people:person_edit", args=[person.pk])
    assert c.get(url).status_code == 200
    response = c.post(url, edit_data(person, living_place="Borgo Mezzanone"))
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.living_place == "Borgo Mezzanone"
    assert AuditEvent.objects.filter(action="people.person.updated", node=world.spoke_a1).exists()


def test_stale_edit_keeps_the_users_values_and_shows_the_other_ones(
    client: Client, world: World
) -> None:
    person = world.person_a
    stale = edit_data(person, living_place="Rosarno")
    services.person_update(
        actor=world.worker_a,
        person=person,
        expected_version=person.version,
        data=services.PersonData(
            given_names=person.given_names,
            family_name=person.family_name,
            birth_date=person.birth_date,
            nationality="SN",
            sex="male",
            living_place="Foggia, via Napoli",
        ),
    )
    c = login(client, world.coordinator_a)
    response = c.post(reverse("people:person_edit", args=[person.pk]), stale)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'data-testid="current-values"' in html
    assert "Foggia, via Napoli" in html  # the other person's value
    assert 'value="Rosarno"' in html  # the user's value, kept
    person.refresh_from_db()
    assert person.living_place == "Foggia, via Napoli"
    assert f'name="version" value="{person.version}"' in html
    # Resubmitting from the version now seen succeeds.
    again = c.post(
        reverse("people:person_edit", args=[person.pk]),
        edit_data(person, living_place="Rosarno"),
    )
    assert again.status_code == 302


def test_edit_rejects_wrong_tax_code_on_the_field(client: Client, world: World) -> None:
    response = login(client, world.worker_a).post(
        reverse("people:person_edit", args=[world.person_a.pk]),
        edit_data(world.person_a, tax_code=WRONG_CHECK_TAX_CODE),
    )
    assert "carattere di controllo" in field_error(response.content, "tax_code")


def test_sub_forms_add_alias_phone_language(client: Client, world: World) -> None:
    person = world.person_a
    c = login(client, world.worker_a)
    assert (
        c.post(
            reverse("people:alias_add", args=[person.pk]),
            {"alias-name": "Usman", "alias-kind": "spelling"},
        ).status_code
        == 302
    )
    assert (
        c.post(
            reverse("people:phone_add", args=[person.pk]),
            {"phone-number": "+212 612 345678", "phone-whatsapp": "on"},
        ).status_code
        == 302
    )
    assert (
        c.post(
            reverse("people:language_set", args=[person.pk]),
            {"lang-language": str(world.arabic.pk), "lang-level": "fluent"},
        ).status_code
        == 302
    )
    html = c.get(reverse("people:person_detail", args=[person.pk])).content.decode()
    assert "Usman" in html and "+212612345678" in html and "Arabo" in html
    alias = person.aliases.get()
    assert c.post(reverse("people:alias_remove", args=[person.pk, alias.pk])).status_code == 302
    assert not person.aliases.exists()


# --- admin ----------------------------------------------------------------------------------


def test_admin_shows_people_read_mostly_without_deletes(client: Client, world: World) -> None:
    admin_user = UserFactory.create(is_staff=True, is_superuser=True)
    c = login(client, admin_user)
    person = world.person_a
    assert c.get(reverse("admin:people_person_changelist")).status_code == 200
    change = c.get(reverse("admin:people_person_change", args=[person.pk]))
    assert change.status_code == 200
    assert person.family_name in change.content.decode()
    assert c.get(reverse("admin:people_person_delete", args=[person.pk])).status_code == 403
    assert c.get(reverse("admin:people_person_add")).status_code == 403
    assert c.get(reverse("admin:people_consent_changelist")).status_code == 200
    assert Person.objects.filter(pk=person.pk).exists()


@pytest.mark.parametrize("name", ["person_detail", "person_edit", "person_create"])
def test_pages_have_unique_ids_and_labelled_inputs(client: Client, world: World, name: str) -> None:
    args = [] if name == "person_create" else [world.person_a.pk]
    services.document_add(actor=world.worker_a, person=world.person_a, kind="passport")
    services.consent_give(
        actor=world.worker_a,
        person=world.person_a,
        purpose=ConsentPurpose.PHOTOS,
        given_on=timezone.localdate(),
    )
    html = login(client, world.worker_a).get(reverse(f"people:{name}", args=args)).content.decode()
    ids = re.findall(r'\sid="([^"]+)"', html)
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)
    labelled = set(re.findall(r'<label[^>]*for="([^"]+)"', html))
    inputs = re.findall(
        r'<(?:input|select|textarea)\b(?![^>]*type="hidden")[^>]*\sid="([^"]+)"', html
    )
    assert inputs and set(inputs) <= labelled, set(inputs) - labelled


def test_list_search_finds_by_name(client: Client, world: World) -> None:
    response = login(client, world.worker_a).get(reverse("people:person_list"), {"q": "NDIAYE"})
    assert response.content.decode().count('data-testid="person-row"') == 1


# --- registration from a case (first contact) -----------------------------------------------


def _first_contact(*, at_hub: bool = False) -> tuple[CaseWorld, Case]:
    cw = make_case_world()
    case = case_services.case_open(
        actor=cw.manager if at_hub else cw.spoke_operator,
        origin_node=cw.hub_a if at_hub else cw.spoke_a1,
        access_channel=AccessChannel.PROACTIVE,
        contact_name="Karim",
        contact_phone="+393331234567",
        contact_language=cw.arabic,
    )
    return cw, case


def test_register_from_a_case_prefills_and_links(client: Client) -> None:
    cw, case = _first_contact()
    c = login(client, cw.spoke_operator)
    url = reverse("people:person_create") + f"?case={case.pk}"
    html = c.get(url).content.decode()
    assert 'data-testid="from-case"' in html and case.reference in html
    assert 'value="Karim"' in html and 'value="+393331234567"' in html
    assert f'<option value="{cw.arabic.pk}" selected>' in html
    assert f'name="case" value="{case.pk}"' in html
    data = register_data(registered_at=str(cw.spoke_a1.pk), case=str(case.pk), tax_code="")
    response = c.post(reverse("people:person_create"), data)
    person = Person.objects.get(family_name="Benali")
    case.refresh_from_db()
    assert case.person == person
    assert response.status_code == 302
    assert response["Location"] == reverse("cases:detail", args=[case.pk])
    assert AuditEvent.objects.filter(action="cases.case.person_linked").exists()


def test_register_from_a_case_outside_scope_is_404(client: Client) -> None:
    cw, case = _first_contact()
    url = reverse("people:person_create") + f"?case={case.pk}"
    assert login(client, cw.other_body).get(url).status_code == 404
    assert login(Client(), cw.colleague).get(url).status_code == 403


def test_duplicate_panel_with_a_case_offers_to_link_the_record(client: Client) -> None:
    cw, case = _first_contact(at_hub=True)
    other = PersonFactory.create(
        family_name="Traore",
        given_names="Seydou",
        birth_date=dt.date(1992, 8, 1),
        registered_at=cw.hub_a,
        registered_by=cw.manager,
    )
    c = login(client, cw.manager)
    query = {"family_name": "Traore", "given_names": "Seydou", "birth_date": "1992-08-01"}
    html = c.get(reverse("people:duplicate_check"), query).content.decode()
    assert 'data-testid="link-person"' not in html  # no case in context
    html = c.get(reverse("people:duplicate_check"), {**query, "case": case.pk}).content.decode()
    link = reverse("referrals:link_person", args=[case.pk, other.pk])
    assert link in html and "È questa persona: collega alla presa in carico" in html
    html = c.get(reverse("people:duplicate_check"), {**query, "case": "-3"}).content.decode()
    assert 'data-testid="link-person"' not in html
    # Someone with an open case at this hub already is not linked twice.
    taken = reverse("referrals:link_person", args=[case.pk, cw.person.pk])
    page = c.post(taken, follow=True).content.decode()
    assert "già una presa in carico aperta" in page
    response = c.post(link)
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.person == other


def test_link_person_matrix(client: Client) -> None:
    cw, case = _first_contact()
    link = reverse("referrals:link_person", args=[case.pk, cw.person.pk])
    assert login(client, cw.other_body).post(link).status_code == 404
    assert login(Client(), cw.colleague).post(link).status_code == 403
    assert login(Client(), cw.monitor).post(link).status_code == 403
    case.refresh_from_db()
    assert case.person is None
