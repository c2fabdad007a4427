"""Pages of cases: who sees what (the permission matrix), list, first contact, existence page
and break-the-glass flow."""

from __future__ import annotations

import pytest
from allauth.mfa.models import Authenticator
from django.test import Client
from django.urls import reverse

from approdo.accounts.models import User
from approdo.audit.models import AccessLog, AuditEvent
from approdo.cases import services
from approdo.cases.models import (
    AccessChannel,
    BreakGlassAccess,
    Case,
    CaseEvent,
    EventKind,
    ExternalBodyKind,
    TeamRole,
)
from approdo.cases.stages import Stage
from approdo.cases.tests.factories import CaseWorld, login, make_case_world

pytestmark = pytest.mark.django_db

JUSTIFICATION = "La persona è in pericolo stanotte, serve il numero di telefono."


@pytest.fixture
def w() -> CaseWorld:
    return make_case_world()


def as_user(user: User) -> Client:
    """A logged-in client (with a second factor); safe to call twice for one user."""
    client = Client()
    if Authenticator.objects.filter(user=user).exists():
        client.force_login(user)
        return client
    return login(client, user)


# --- permission matrix -----------------------------------------------------------------------
def test_detail_matrix(client: Client, w: CaseWorld) -> None:
    url = reverse("cases:detail", args=[w.case.pk])
    expected = {
        "manager": 200,
        "legal": 200,
        "coordinator": 200,
        "colleague": 200,  # the existence page
        "other_hub": 404,
        "other_body": 404,
        "worker_c": 404,
        "spoke_operator": 404,
        "monitor": 403,
        "body_admin": 403,
    }
    for name, status in expected.items():
        assert as_user(getattr(w, name)).get(url).status_code == status, name


def test_team_member_sees_the_person_colleague_only_that_the_case_exists(
    client: Client, w: CaseWorld
) -> None:
    url = reverse("cases:detail", args=[w.case.pk])
    login(client, w.manager)
    page = client.get(url).content.decode()
    assert "Ndiaye" in page and 'data-testid="timeline"' in page
    assert AccessLog.objects.filter(user=w.manager, record_id=str(w.case.pk)).exists()

    other = as_user(w.colleague)
    page = other.get(url).content.decode()
    assert 'data-testid="existence-only"' in page
    assert w.case.reference in page and "PSI Foggia" in page
    assert w.manager.get_full_name() in page  # whom to contact
    assert "Ndiaye" not in page and "Ousmane" not in page
    assert 'data-testid="break-glass-form"' in page
    assert not AccessLog.objects.filter(user=w.colleague).exists()


WRITE_URLS = [
    ("cases:move", {"to_stage": Stage.SUSPENDED, "version": "1"}),
    ("cases:close", {"outcome": "other", "note": "x", "version": "1"}),
    ("cases:team_add", {"role": TeamRole.OTHER}),
    ("cases:note_add", {"text": "x", "sensitivity": "normal"}),
    ("cases:attachment_add", {"title": "x"}),
    ("cases:task_add", {"title": "x"}),
]


@pytest.mark.parametrize(("name", "data"), WRITE_URLS)
def test_writes_matrix(name: str, data: dict[str, str], w: CaseWorld) -> None:
    url = reverse(name, args=[w.case.pk])
    for user, status in (
        (w.colleague, 403),
        (w.other_hub, 404),
        (w.other_body, 404),
        (w.monitor, 403),
    ):
        client = as_user(user)
        assert client.post(url, data).status_code == status, (name, user)
    count = AuditEvent.objects.count()
    assert AuditEvent.objects.count() == count


def test_item_writes_matrix(w: CaseWorld) -> None:
    task = services.task_add(
        actor=w.manager,
        case=w.case,
        title="Chiamare il CPI",
        assignee=w.manager,
        due_on=w.case.opened_on.replace(year=w.case.opened_on.year + 1),
    )
    member = w.case.team.get(user=w.legal)
    urls = [
        reverse("cases:task_complete", args=[w.case.pk, task.pk]),
        reverse("cases:team_end", args=[w.case.pk, member.pk]),
    ]
    for url in urls:
        for user, status in ((w.colleague, 403), (w.other_hub, 404), (w.monitor, 403)):
            client = as_user(user)
            assert client.post(url, {"version": task.version}).status_code == status
    # The legal advisor is on the team but does not manage it.
    client = as_user(w.legal)
    assert client.post(urls[1]).status_code == 403


def test_list_matrix_and_reserved_names(w: CaseWorld) -> None:
    url = reverse("cases:list")
    for user, sees_name in ((w.manager, True), (w.coordinator, True), (w.colleague, False)):
        client = as_user(user)
        response = client.get(url)
        assert response.status_code == 200
        page = response.content.decode()
        assert w.case.reference in page
        assert ("Ndiaye" in page) is sees_name
        assert ("riservato" in page) is not sees_name
    for user in (w.other_hub, w.other_body):
        client = as_user(user)
        assert w.case.reference not in client.get(url).content.decode()
    client = as_user(w.monitor)
    assert client.get(url).status_code == 403


def test_list_filters_and_stage_chips(client: Client, w: CaseWorld) -> None:
    services.case_open(
        actor=w.manager,
        origin_node=w.hub_a,
        access_channel=AccessChannel.DIRECT,
        contact_name="Baba",
    )
    login(client, w.manager)
    page = client.get(reverse("cases:list")).content.decode()
    assert page.count('data-testid="case-row"') == 2
    assert "Primo contatto (1)" in page and "Presa in carico (1)" in page
    page = client.get(reverse("cases:list"), {"stage": Stage.FIRST_CONTACT}).content.decode()
    assert page.count('data-testid="case-row"') == 1 and "Baba" in page
    page = client.get(reverse("cases:list"), {"q": "ndiaye"}).content.decode()
    assert page.count('data-testid="case-row"') == 1 and w.case.reference in page
    page = client.get(reverse("cases:list"), {"q": w.case.reference}).content.decode()
    assert page.count('data-testid="case-row"') == 1
    # The colleague cannot find the case by the person's name, only by reference.
    other = as_user(w.colleague)
    page = other.get(reverse("cases:list"), {"q": "ndiaye"}).content.decode()
    assert 'data-testid="case-row"' not in page
    page = other.get(reverse("cases:list"), {"mine": "on"}).content.decode()
    assert 'data-testid="case-row"' not in page


# --- first contact ---------------------------------------------------------------------------
def test_first_contact_at_the_spoke(client: Client, w: CaseWorld) -> None:
    login(client, w.spoke_operator)
    url = reverse("cases:first_contact")
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "origin_node": w.spoke_a1.pk,
            "contact_name": "Moussa",
            "contact_phone": "+39 333 1234567",
            "contact_language": w.arabic.pk,
            "contact_place": "Borgo Mezzanone, pista",
            "contact_with_mediator": "on",
            "contact_needs": "Non è stato pagato da tre settimane.",
            "access_channel": AccessChannel.PROACTIVE,
        },
    )
    case = Case.objects.get(contact_name="Moussa")
    assert response.status_code == 302
    assert response["Location"] == reverse("cases:detail", args=[case.pk])
    assert case.hub == w.hub_a and case.origin_node == w.spoke_a1
    assert case.stage == Stage.FIRST_CONTACT and case.contact_with_mediator
    assert case.team.get().role == TeamRole.SPOKE_OPERATOR
    assert CaseEvent.objects.filter(case=case, kind=EventKind.OPENED, node=w.spoke_a1).exists()
    assert AuditEvent.objects.filter(action="cases.case.opened", target_id=str(case.pk)).exists()
    page = client.get(response["Location"]).content.decode()
    assert "Moussa" in page and "Borgo Mezzanone, pista" in page
    assert 'data-testid="register-person"' in page
    assert 'data-testid="referral-cta"' in page
    assert reverse("referrals:new", args=[case.pk]) in page
    assert f"?case={case.pk}" in page


def test_first_contact_errors_on_fields(client: Client, w: CaseWorld) -> None:
    login(client, w.manager)
    url = reverse("cases:first_contact")
    response = client.post(url, {"origin_node": w.hub_a.pk, "access_channel": "external"})
    page = response.content.decode()
    assert response.status_code == 200
    assert 'data-testid="error-contact_name"' in page
    response = client.post(
        url, {"origin_node": w.hub_a.pk, "access_channel": "external", "contact_name": "Ali"}
    )
    assert 'data-testid="error-external_body_kind"' in response.content.decode()
    response = client.post(
        url, {"origin_node": w.hub_a.pk, "access_channel": "internal", "contact_name": "Ali"}
    )
    assert 'data-testid="error-internal_source"' in response.content.decode()
    # A node outside the user's scope is not a choice.
    response = client.post(
        url, {"origin_node": w.hub_b.pk, "access_channel": "direct", "contact_name": "Ali"}
    )
    assert 'data-testid="error-origin_node"' in response.content.decode()
    assert not Case.objects.filter(contact_name="Ali").exists()
    response = client.post(
        url,
        {
            "origin_node": w.hub_a.pk,
            "access_channel": "external",
            "external_body_kind": ExternalBodyKind.LABOUR_INSPECTORATE,
            "external_body_name": "ITL Foggia",
            "contact_name": "Ali",
        },
    )
    case = Case.objects.get(contact_name="Ali")
    assert case.external_body_name == "ITL Foggia"
    assert case.team.get().role == TeamRole.CASE_MANAGER


def test_first_contact_forbidden_to_monitor(client: Client, w: CaseWorld) -> None:
    login(client, w.monitor)
    assert client.get(reverse("cases:first_contact")).status_code == 403


# --- break the glass -------------------------------------------------------------------------
def test_break_glass_flow(client: Client, w: CaseWorld) -> None:
    login(client, w.colleague)
    url = reverse("cases:break_glass", args=[w.case.pk])
    response = client.post(url, {"justification": "troppo corta"})
    assert 'data-testid="error-justification"' in response.content.decode()
    assert not BreakGlassAccess.objects.exists()

    response = client.post(url, {"justification": JUSTIFICATION})
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert 'data-testid="break-glass-banner"' in page and "Ndiaye" in page
    assert AuditEvent.objects.filter(action="cases.case.break_glass").exists()
    assert AccessLog.objects.filter(user=w.colleague, record_id=str(w.case.pk)).exists()

    coordinator = as_user(w.coordinator)
    review = reverse("cases:break_glass_review")
    page = coordinator.get(review).content.decode()
    assert JUSTIFICATION in page and w.case.reference in page
    row = BreakGlassAccess.objects.get()
    response = coordinator.post(reverse("cases:break_glass_ack", args=[row.pk]))
    assert response.status_code == 302
    row.refresh_from_db()
    assert row.reviewed_by == w.coordinator
    assert AuditEvent.objects.filter(action="cases.break_glass.reviewed").exists()
    # The case page shows its emergency accesses to the team and the coordinator.
    page = coordinator.get(reverse("cases:detail", args=[w.case.pk])).content.decode()
    assert 'data-testid="case-break-glass"' in page


def test_break_glass_refused_to_team_and_outsiders(w: CaseWorld) -> None:
    url = reverse("cases:break_glass", args=[w.case.pk])
    for user, status in ((w.manager, 403), (w.other_hub, 404), (w.monitor, 403)):
        client = as_user(user)
        assert client.post(url, {"justification": JUSTIFICATION}).status_code == status


def test_break_glass_review_only_for_coordinators(w: CaseWorld) -> None:
    services.break_glass_open(actor=w.colleague, case=w.case, justification=JUSTIFICATION)
    row = BreakGlassAccess.objects.get()
    review = reverse("cases:break_glass_review")
    ack = reverse("cases:break_glass_ack", args=[row.pk])
    for user in (w.manager, w.colleague, w.monitor, w.body_admin):
        client = as_user(user)
        assert client.get(review).status_code == 403
        assert client.post(ack).status_code == 403
    client = as_user(w.coordinator_c)  # a coordinator of another hub
    assert JUSTIFICATION not in client.get(review).content.decode()
    assert client.post(ack).status_code == 404


def test_a_registered_person_gets_a_new_case_from_their_page(client: Client) -> None:
    w = make_case_world()
    services.case_close(
        actor=w.manager,
        case=w.case,
        outcome="moved_away",
        note="Partito",
        expected_version=w.case.version,
    )
    login(client, w.colleague)
    page = client.get(reverse("people:person_detail", args=[w.person.pk])).content.decode()
    assert 'data-testid="person-cases"' in page and w.case.reference in page
    form = client.get(reverse("cases:first_contact"), {"person": w.person.pk}).content.decode()
    assert 'data-testid="open-for-person"' in form
    response = client.post(
        reverse("cases:first_contact"),
        {"person": w.person.pk, "origin_node": w.hub_a.pk, "access_channel": "direct"},
    )
    new = Case.objects.exclude(pk=w.case.pk).get(person=w.person)
    assert response.status_code == 302 and new.hub == w.hub_a and new.opened_by == w.colleague
    # Someone outside the person's scope cannot open a case for them.
    client.logout()
    login(client, w.other_body)
    assert client.get(reverse("cases:first_contact"), {"person": w.person.pk}).status_code == 404
