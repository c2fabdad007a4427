"""The helpdesk pages: who may open them, recording a contact, the detail page (the way to
call back shown only on request, logged), triage to a PSI and the hub's answer, closing,
tasks, the directory."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from approdo.accounts.models import User
from approdo.audit.models import AccessLog, AuditEvent
from approdo.cases.models import ExternalBodyKind, ExternalService
from approdo.cases.referral_services import referral_decline
from approdo.cases.tests.factories import CaseWorld, login, make_case_world
from approdo.helpdesk.models import Contact, ContactStatus, HelpdeskTask, ReporterContact, TaskKind
from approdo.helpdesk.selectors import REPORTER_PURPOSE
from approdo.helpdesk.tests.factories import helpdesk_operator, make_contact

pytestmark = pytest.mark.django_db

PHONE = "+39 333 9876543"


@pytest.fixture
def world() -> CaseWorld:
    return make_case_world()


@pytest.fixture
def operator() -> User:
    return helpdesk_operator()


def _client(user: User | None) -> Client:
    client = Client()
    return login(client, user) if user is not None else client


def _get_urls(contact: Contact) -> list[str]:
    return [
        reverse("helpdesk:queue"),
        reverse("helpdesk:new"),
        reverse("helpdesk:tasks"),
        reverse("helpdesk:detail", args=[contact.pk]),
        reverse("helpdesk:edit", args=[contact.pk]),
    ]


def _post_urls(contact: Contact, task: HelpdeskTask) -> list[str]:
    names = ["reporter", "take", "close", "task_add", "triage_answer", "triage_no_action"]
    names += ["triage_psi", "triage_authority"]
    urls = [reverse(f"helpdesk:{name}", args=[contact.pk]) for name in names]
    return [*urls, reverse("helpdesk:task_complete", args=[task.pk])]


def test_permission_matrix(world: CaseWorld, operator: User) -> None:
    contact = make_contact(operator, phone=PHONE)
    task = HelpdeskTask.objects.create(
        contact=contact, kind=TaskKind.CALL_BACK, due_at=timezone.now()
    )
    ok = _client(operator)
    for url in _get_urls(contact):
        assert ok.get(url).status_code == 200, url
    for user, expected in ((world.manager, 404), (world.body_admin, 404), (world.monitor, 403)):
        client = _client(user)
        for url in _get_urls(contact):
            assert client.get(url).status_code == expected, (user, url)
        for url in _post_urls(contact, task):
            assert client.post(url, {"version": contact.version}).status_code == expected, url
    anonymous = Client()
    for url in _get_urls(contact):
        response = anonymous.get(url)
        assert response.status_code == 302 and "login" in response["Location"]
    contact.refresh_from_db()
    assert contact.status == ContactStatus.NEW and contact.assigned_to is None


def test_directory_matrix(world: CaseWorld, operator: User) -> None:
    url = reverse("helpdesk:directory")
    for user in (operator, world.manager, world.spoke_operator):
        assert _client(user).get(url).status_code == 200
    assert _client(world.monitor).get(url).status_code == 403
    assert _client(world.body_admin).get(url).status_code == 404
    assert Client().get(url).status_code == 302


def test_nav_item_only_for_helpdesk(world: CaseWorld, operator: User) -> None:
    queue = reverse("helpdesk:queue")
    assert f'href="{queue}"' in _client(operator).get(reverse("home")).content.decode()
    assert f'href="{queue}"' not in _client(world.manager).get(reverse("home")).content.decode()


def test_new_contact_is_recorded(world: CaseWorld, operator: User) -> None:
    response = _client(operator).post(
        reverse("helpdesk:new"),
        {
            "channel": "whatsapp",
            "language": str(world.arabic.pk),
            "urgency": "high",
            "needs": ["wages", "documents"],
            "message": "Il caporale trattiene metà della paga.",
            "name": "Moussa",
            "region": str(world.puglia.pk),
            "place": "Borgo Mezzanone",
            "reporter-phone": PHONE,
            "reporter-preferred": "whatsapp",
        },
    )
    contact = Contact.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("helpdesk:detail", args=[contact.pk])
    assert contact.name == "Moussa" and contact.language == world.arabic
    assert contact.received_by == operator
    assert ReporterContact.objects.get(contact=contact).preferred == "whatsapp"


def test_a_message_read_in_the_morning_keeps_its_night_time_and_gets_a_call_back(
    world: CaseWorld, operator: User
) -> None:
    night = timezone.localtime().replace(hour=23, minute=40) - dt.timedelta(days=1)
    form = {
        "channel": "whatsapp",
        "urgency": "normal",
        "needs": ["wages"],
        "message": "Messaggio vocale: non pagano da un mese.",
        "received_at": night.strftime("%Y-%m-%dT%H:%M"),
        "reporter-phone": PHONE,
    }
    client = _client(operator)
    assert client.post(reverse("helpdesk:new"), form).status_code == 302
    contact = Contact.objects.get()
    assert contact.out_of_hours
    assert timezone.localtime(contact.received_at).strftime("%d %H:%M") == night.strftime(
        "%d %H:%M"
    )
    task = contact.tasks.get()
    assert task.kind == TaskKind.CALL_BACK and task.due_at > contact.received_at
    # a time in the future is refused on the field, nothing saved
    tomorrow = timezone.localtime() + dt.timedelta(days=1)
    again = client.post(
        reverse("helpdesk:new"), {**form, "received_at": tomorrow.strftime("%Y-%m-%dT%H:%M")}
    )
    assert again.status_code == 200
    assert "La data di ricezione non può essere nel futuro." in again.content.decode()
    assert Contact.objects.count() == 1


def test_new_contact_other_language_and_errors(world: CaseWorld, operator: User) -> None:
    client = _client(operator)
    response = client.post(
        reverse("helpdesk:new"),
        {
            "channel": "phone",
            "urgency": "normal",
            "needs": ["rights"],
            "message": "Informazioni",
            "anonymous": "on",
            "name": "Nome",
            "language": "other",
        },
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Una segnalazione anonima non ha un nome" in body
    assert "Scrivi quale lingua." in body
    assert not Contact.objects.exists()
    response = client.post(
        reverse("helpdesk:new"),
        {
            "channel": "phone",
            "urgency": "normal",
            "needs": ["rights"],
            "message": "Informazioni",
            "anonymous": "on",
            "language": "other",
            "language_other": "Tigrino",
            "reporter-email": "non-valida",
        },
    )
    assert "Inserisci un indirizzo email valido" in response.content.decode() or (
        "valid" in response.content.decode()
    )
    assert not Contact.objects.exists()


def test_reporter_shown_only_on_request_and_logged(world: CaseWorld, operator: User) -> None:
    contact = make_contact(operator, phone=PHONE)
    client = _client(operator)
    page = client.get(reverse("helpdesk:detail", args=[contact.pk])).content.decode()
    assert PHONE not in page
    assert "Mostra i recapiti" in page
    assert AccessLog.objects.filter(record_id=str(contact.pk), purpose="helpdesk.contact.read")
    assert not AccessLog.objects.filter(purpose=REPORTER_PURPOSE).exists()
    shown = client.post(reverse("helpdesk:reporter", args=[contact.pk]))
    assert PHONE in shown.content.decode()
    assert shown["Cache-Control"].startswith("no-store") or "no-store" in shown["Cache-Control"]
    log = AccessLog.objects.get(purpose=REPORTER_PURPOSE)
    assert log.user == operator and log.record_type == "helpdesk.reportercontact"
    queue = client.get(reverse("helpdesk:queue")).content.decode()
    assert PHONE not in queue


def test_triage_to_psi_and_the_hub_answer_shows(world: CaseWorld, operator: User) -> None:
    contact = make_contact(operator, region=world.puglia)
    client = _client(operator)
    detail = client.get(reverse("helpdesk:detail", args=[contact.pk])).content.decode()
    assert world.hub_a.name in detail and world.hub_c.name not in detail  # filtered by region
    every = client.get(reverse("helpdesk:detail", args=[contact.pk]), {"hub_region": ""})
    assert world.hub_c.name in every.content.decode()
    response = client.post(
        reverse("helpdesk:triage_psi", args=[contact.pk]),
        {
            "psi-version": contact.version,
            "psi-hub": world.hub_a.pk,
            "psi-reason": "Bisogno di assistenza legale",
            "psi-shared_fields": ["name", "needs"],
        },
    )
    assert response.status_code == 302
    contact.refresh_from_db()
    assert contact.status == ContactStatus.REFERRED
    referral = contact.triages.get().referral
    assert referral is not None
    inbox = _client(world.manager).get(reverse("referrals:inbox")).content.decode()
    assert referral.case.reference in inbox
    referral_decline(actor=world.manager, referral=referral, reason="Servizio sospeso")
    detail = client.get(reverse("helpdesk:detail", args=[contact.pk])).content.decode()
    assert "Servizio sospeso" in detail
    assert 'data-testid="retriage-alert"' in detail
    queue = client.get(reverse("helpdesk:queue")).content.decode()
    assert 'data-testid="flag-retriage"' in queue
    # The helpdesk never opens the case file.
    case_url = reverse("cases:detail", args=[referral.case.pk])
    assert client.get(case_url).status_code in (403, 404)


def test_psi_form_errors_are_shown_and_nothing_sent(world: CaseWorld, operator: User) -> None:
    contact = make_contact(operator)
    response = _client(operator).post(
        reverse("helpdesk:triage_psi", args=[contact.pk]),
        {"psi-version": contact.version, "psi-reason": ""},
    )
    assert response.status_code == 200
    assert "Campo obbligatorio." in response.content.decode()
    assert not contact.triages.exists()


def test_close_erases_reporter_and_audits(world: CaseWorld, operator: User) -> None:
    contact = make_contact(operator, anonymous=True, phone=PHONE)
    client = _client(operator)
    page = client.get(reverse("helpdesk:detail", args=[contact.pk])).content.decode()
    assert "cancella i recapiti" in page
    response = client.post(
        reverse("helpdesk:close", args=[contact.pk]),
        {"close-version": contact.version, "close-note": "Informazioni date"},
    )
    assert response.status_code == 302
    contact.refresh_from_db()
    assert contact.status == ContactStatus.CLOSED and contact.name == ""
    assert not ReporterContact.objects.filter(contact=contact).exists()
    assert AuditEvent.objects.filter(action="helpdesk.contact.closed").exists()


def test_stale_edit_is_refused(world: CaseWorld, operator: User) -> None:
    contact = make_contact(operator, name="Kofi")
    client = _client(operator)
    data = {
        "version": contact.version,
        "channel": "phone",
        "urgency": "danger",
        "needs": ["exploitation"],
        "message": "Testo aggiornato",
        "name": "Kofi A.",
    }
    assert client.post(reverse("helpdesk:edit", args=[contact.pk]), data).status_code == 302
    contact.refresh_from_db()
    assert contact.urgency == "danger" and contact.name == "Kofi A."
    stale = client.post(reverse("helpdesk:edit", args=[contact.pk]), {**data, "name": "Altro"})
    assert stale.status_code == 200
    assert "Qualcun altro ha modificato" in stale.content.decode()
    contact.refresh_from_db()
    assert contact.name == "Kofi A."


def test_take_assigns_to_me_and_queue_lists_it(world: CaseWorld, operator: User) -> None:
    contact = make_contact(operator)
    client = _client(operator)
    client.post(reverse("helpdesk:take", args=[contact.pk]), {"version": contact.version})
    contact.refresh_from_db()
    assert contact.assigned_to == operator
    queue = client.get(reverse("helpdesk:queue")).content.decode()
    assert 'data-testid="my-contacts"' in queue and contact.reference in queue
    assert AuditEvent.objects.filter(action="helpdesk.contact.taken").exists()


def test_queue_top_shows_due_call_backs_and_unreachable(world: CaseWorld, operator: User) -> None:
    friday_evening = timezone.make_aware(dt.datetime(2026, 11, 13, 19, 0))
    with_phone = make_contact(None, phone=PHONE, received_at=friday_evening, channel="web_form")
    saturday = timezone.make_aware(dt.datetime(2026, 11, 14, 11, 0))
    make_contact(None, received_at=saturday, channel="web_form")
    client = _client(operator)
    page = client.get(reverse("helpdesk:queue")).content.decode()
    assert 'data-testid="tasks-due"' in page and with_phone.reference in page
    assert 'data-testid="task-overdue"' in page
    assert 'data-testid="flag-unreachable"' in page
    assert PHONE not in page
    filtered = client.get(reverse("helpdesk:queue"), {"anonymous": "1"})
    assert 'data-testid="queue-empty"' in filtered.content.decode()


def test_tasks_page_add_and_complete(world: CaseWorld, operator: User) -> None:
    contact = make_contact(operator)
    client = _client(operator)
    due = (timezone.localtime() + dt.timedelta(hours=3)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(
        reverse("helpdesk:task_add", args=[contact.pk]),
        {"task-kind": "call_back", "task-due_at": due, "task-assigned_to": operator.pk},
    )
    assert response.status_code == 302
    task = HelpdeskTask.objects.get(contact=contact)
    page = client.get(reverse("helpdesk:tasks")).content.decode()
    assert contact.reference in page
    client.post(
        reverse("helpdesk:task_complete", args=[task.pk]),
        {"version": task.version, "outcome": "Richiamato, tutto chiarito"},
    )
    task.refresh_from_db()
    assert task.done_at is not None
    stale = client.post(
        reverse("helpdesk:task_complete", args=[task.pk]),
        {"version": task.version - 1, "outcome": "Di nuovo"},
        follow=True,
    )
    assert "già conclusa" in stale.content.decode()
    bad = client.post(
        reverse("helpdesk:task_add", args=[contact.pk]),
        {"task-kind": "call_back", "task-due_at": "2020-01-01T10:00"},
    )
    assert "La scadenza non può essere nel passato." in bad.content.decode()


def test_directory_search_is_fast_and_partial(world: CaseWorld, operator: User) -> None:
    for index in range(5):
        service = ExternalService.objects.create(
            name=f"Sindacato {index}",
            kind=ExternalBodyKind.UNION,
            region=world.puglia,
            phone="0881 000000",
            opening_hours="lun-ven 9-13",
        )
        service.languages.add(world.arabic)
    ExternalService.objects.create(
        name="ASL Ragusa", kind=ExternalBodyKind.HEALTH, region=world.sicilia
    )
    client = _client(operator)
    url = reverse("helpdesk:directory")
    with CaptureQueriesContext(connection) as few:
        client.get(url, {"kind": "union"}, HTTP_HX_REQUEST="true")
    with CaptureQueriesContext(connection) as one:
        client.get(url, {"q": "Sindacato 1"}, HTTP_HX_REQUEST="true")
    assert len(few.captured_queries) == len(one.captured_queries)
    partial = client.get(url, {"language": world.arabic.pk}, HTTP_HX_REQUEST="true")
    body = partial.content.decode()
    assert "<html" not in body and "Sindacato 4" in body and "ASL Ragusa" not in body
    assert "lun-ven 9-13" in body and "Arabo" in body
    full = client.get(url, {"q": "ragusa"}).content.decode()
    assert "<html" in full and "ASL Ragusa" in full and "Sindacato 0" not in full
