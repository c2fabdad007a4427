"""Referrals: who sees and does what, consent-limited sharing, accept/decline, reminders."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from allauth.mfa.models import Authenticator
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from approdo.accounts.models import User
from approdo.accounts.roles import Role
from approdo.accounts.tests.factories import give_totp, user_with_role
from approdo.audit.models import AccessLog, AuditEvent
from approdo.cases import referral_services as rs
from approdo.cases import services
from approdo.cases.models import (
    AccessChannel,
    Case,
    CaseTeamMember,
    ExternalBodyKind,
    ExternalService,
    Referral,
    ReferralStatus,
    TeamRole,
)
from approdo.cases.tests.factories import CaseWorld, login, make_case_world
from approdo.people import services as people_services
from approdo.people.models import ConsentPurpose, PhoneNumber

pytestmark = pytest.mark.django_db


@pytest.fixture
def w() -> CaseWorld:
    return make_case_world()


def as_(user: User) -> Client:
    """A fresh client logged in as `user` (second factor given once)."""
    client = Client()
    if not Authenticator.objects.filter(user=user).exists():
        give_totp(user)
    client.force_login(user)
    return client


def text(html: bytes) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html.decode()).split())


def field_error(html: bytes, name: str) -> str:
    match = re.search(rf'data-testid="error-{name}"[^>]*>(.*?)</div>', html.decode(), re.S)
    assert match, f"no error on {name}"
    return match.group(1).strip()


def give_consent(
    w: CaseWorld, purpose: str = ConsentPurpose.TAKING_CHARGE, service: str = ""
) -> None:
    people_services.consent_give(
        actor=w.manager,
        person=w.person,
        purpose=purpose,
        given_on=timezone.localdate(),
        external_service=service,
    )


def hub_referral(w: CaseWorld, shared: list[str] | None = None) -> Referral:
    """Hub A -> hub B (other managing body) referral of the world's case."""
    if shared:
        give_consent(w)
    return rs.referral_send(
        actor=w.manager,
        case=w.case,
        to_node=w.hub_b,
        reason="Consulenza sul lavoro stagionale",
        shared_fields=shared or [],
    )


def spoke_first_contact(w: CaseWorld) -> Case:
    return services.case_open(
        actor=w.spoke_operator,
        origin_node=w.spoke_a1,
        access_channel=AccessChannel.PROACTIVE,
        contact_name="Musa",
        contact_phone="+393331112233",
        contact_place="Borgo Mezzanone",
        contact_needs="Cerca un alloggio",
    )


# --- permission matrices --------------------------------------------------------------------

CASE_PAGE = [
    ("manager", 200),
    ("legal", 200),
    ("coordinator", 200),
    ("colleague", 403),  # hub colleague outside the team: existence only
    ("other_hub", 404),
    ("other_body", 404),
    ("worker_c", 404),
    ("monitor", 403),
]


@pytest.mark.parametrize(("who", "status"), CASE_PAGE)
def test_case_page_matrix(client: Client, w: CaseWorld, who: str, status: int) -> None:
    response = login(client, getattr(w, who)).get(reverse("referrals:case", args=[w.case.pk]))
    assert response.status_code == status


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("manager", 302),
        ("legal", 302),
        ("colleague", 403),
        ("other_hub", 404),
        ("other_body", 404),
        ("monitor", 403),
    ],
)
def test_send_matrix(client: Client, w: CaseWorld, who: str, status: int) -> None:
    response = login(client, getattr(w, who)).post(
        reverse("referrals:new", args=[w.case.pk]),
        {"to_node": w.hub_b.pk, "reason": "Orientamento al lavoro"},
    )
    assert response.status_code == status
    assert Referral.objects.filter(case=w.case).exists() == (status == 302)


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("manager", 200),  # sending team
        ("coordinator", 200),
        ("other_body", 200),  # works at the receiving hub
        ("colleague", 403),  # sending hub, outside the team
        ("other_hub", 404),
        ("worker_c", 404),
        ("monitor", 403),
    ],
)
def test_detail_matrix(client: Client, w: CaseWorld, who: str, status: int) -> None:
    referral = hub_referral(w)
    response = login(client, getattr(w, who)).get(reverse("referrals:detail", args=[referral.pk]))
    assert response.status_code == status


@pytest.mark.parametrize(
    ("who", "status"),
    [("manager", 403), ("colleague", 403), ("other_hub", 404), ("monitor", 403)],
)
def test_only_the_receiving_node_accepts(
    client: Client, w: CaseWorld, who: str, status: int
) -> None:
    referral = hub_referral(w)
    response = login(client, getattr(w, who)).post(reverse("referrals:accept", args=[referral.pk]))
    assert response.status_code == status
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.SENT


def test_inbox_matrix(client: Client, w: CaseWorld) -> None:
    referral = hub_referral(w)
    html = login(client, w.other_body).get(reverse("referrals:inbox")).content.decode()
    assert reverse("referrals:detail", args=[referral.pk]) in html
    html = as_(w.other_hub).get(reverse("referrals:inbox")).content.decode()
    assert reverse("referrals:detail", args=[referral.pk]) not in html
    assert as_(w.monitor).get(reverse("referrals:inbox")).status_code == 403


# --- consent-limited sharing ----------------------------------------------------------------


def test_identity_fields_refused_without_consent(client: Client, w: CaseWorld) -> None:
    response = login(client, w.manager).post(
        reverse("referrals:new", args=[w.case.pk]),
        {
            "to_node": w.hub_b.pk,
            "reason": "Orientamento",
            "shared_fields": ["name", "birth_date", "languages"],
        },
    )
    assert response.status_code == 200
    error = field_error(response.content, "shared_fields")
    assert "Nome" in error and "Data di nascita" in error and "Lingue" not in error
    assert not Referral.objects.exists()


def test_non_identifying_fields_need_no_consent(w: CaseWorld) -> None:
    referral = rs.referral_send(
        actor=w.manager, case=w.case, to_node=w.hub_b, reason="x", shared_fields=["languages"]
    )
    assert referral.shared_fields == ["languages"]
    assert referral.due_on == timezone.localdate() + dt.timedelta(days=7)


def test_receiver_sees_exactly_the_shared_fields(client: Client, w: CaseWorld) -> None:
    PhoneNumber.objects.create(person=w.person, number="+393339998877")
    referral = hub_referral(w, shared=["name", "birth_date"])
    assert referral.shared_fields == ["name", "birth_date"]
    response = login(client, w.other_body).get(reverse("referrals:detail", args=[referral.pk]))
    page = text(response.content)
    assert "Ousmane Ndiaye" in page and "12/03/1990" in page
    assert "Consulenza sul lavoro stagionale" in page
    assert "+393339998877" not in page and "Telefono" not in page
    assert AccessLog.objects.filter(
        user=w.other_body, record_type="cases.referral", record_id=str(referral.pk)
    ).exists()


def test_nothing_shared_shows_no_name(client: Client, w: CaseWorld) -> None:
    referral = hub_referral(w)
    response = login(client, w.other_body).get(reverse("referrals:detail", args=[referral.pk]))
    assert 'data-testid="shared-none"' in response.content.decode()
    assert "Ndiaye" not in response.content.decode()


def test_external_referral_needs_a_sharing_consent_naming_the_service(w: CaseWorld) -> None:
    service = ExternalService.objects.create(
        name="CPI Foggia", kind=ExternalBodyKind.JOB_CENTRE, region=w.puglia, phone="0881 1"
    )
    give_consent(w)  # taking charge is not enough for an external service
    with pytest.raises(Exception, match="Nome"):
        rs.referral_send(
            actor=w.manager, case=w.case, to_external=service, reason="x", shared_fields=["name"]
        )
    give_consent(w, ConsentPurpose.SHARING, "CPI Foggia")
    referral = rs.referral_send(
        actor=w.manager, case=w.case, to_external=service, reason="x", shared_fields=["name"]
    )
    assert referral.to_external == service and referral.shared_fields == ["name"]


def test_spoke_cannot_refer_to_an_external_service(w: CaseWorld) -> None:
    case = spoke_first_contact(w)
    service = ExternalService.objects.create(
        name="ASL", kind=ExternalBodyKind.HEALTH, region=w.puglia
    )
    with pytest.raises(Exception, match="spoke"):
        rs.referral_send(
            actor=w.spoke_operator, case=case, to_external=service, reason="x", shared_fields=[]
        )


# --- spoke -> hub ---------------------------------------------------------------------------


def test_spoke_to_hub_accept_makes_the_accepter_case_manager(client: Client, w: CaseWorld) -> None:
    case = spoke_first_contact(w)
    c = login(client, w.spoke_operator)
    response = c.post(
        reverse("referrals:new", args=[case.pk]),
        {"to_node": w.hub_b.pk, "reason": "Presa in carico", "shared_fields": ["name", "phone"]},
    )
    referral = Referral.objects.get(case=case)
    assert response.status_code == 302
    assert referral.from_node == w.spoke_a1 and referral.shared_fields == ["name", "phone"]
    page = text(as_(w.other_body).get(reverse("referrals:detail", args=[referral.pk])).content)
    assert "Musa" in page and "+393331112233" in page and "Cerca un alloggio" not in page
    response = as_(w.other_body).post(reverse("referrals:accept", args=[referral.pk]))
    assert response.status_code == 302
    referral.refresh_from_db()
    case.refresh_from_db()
    assert referral.status == ReferralStatus.ACCEPTED and referral.decided_by == w.other_body
    assert case.hub == w.hub_b
    manager = CaseTeamMember.objects.get(case=case, role=TeamRole.CASE_MANAGER, until__isnull=True)
    assert manager.user == w.other_body and manager.node == w.hub_b
    assert AuditEvent.objects.filter(action="cases.referral.accepted").exists()
    # The accepter now works on the case.
    assert as_(w.other_body).get(reverse("referrals:case", args=[case.pk])).status_code == 200


def test_spoke_referral_to_its_own_hub(w: CaseWorld) -> None:
    case = spoke_first_contact(w)
    referral = rs.referral_send(
        actor=w.spoke_operator, case=case, to_node=w.hub_a, reason="x", shared_fields=["needs"]
    )
    rs.referral_accept(actor=w.colleague, referral=referral)
    case.refresh_from_db()
    assert case.hub == w.hub_a
    assert CaseTeamMember.objects.get(case=case, role=TeamRole.CASE_MANAGER).user == w.colleague


def test_hub_cannot_refer_to_a_spoke_or_itself(w: CaseWorld) -> None:
    with pytest.raises(Exception, match="hub"):
        rs.referral_send(
            actor=w.manager, case=w.case, to_node=w.spoke_a1, reason="x", shared_fields=[]
        )
    with pytest.raises(Exception, match="hub"):
        rs.referral_send(
            actor=w.manager, case=w.case, to_node=w.hub_a, reason="x", shared_fields=[]
        )


# --- decline, complete, cancel --------------------------------------------------------------


def test_decline_needs_a_reason(client: Client, w: CaseWorld) -> None:
    referral = hub_referral(w)
    c = login(client, w.other_body)
    response = c.post(reverse("referrals:decline", args=[referral.pk]), {"reason": "  "})
    assert response.status_code == 200
    assert field_error(response.content, "reason")
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.SENT
    response = c.post(
        reverse("referrals:decline", args=[referral.pk]), {"reason": "Posti esauriti"}
    )
    assert response.status_code == 302
    referral.refresh_from_db()
    assert (
        referral.status == ReferralStatus.DECLINED and referral.decline_reason == "Posti esauriti"
    )
    page = text(as_(w.manager).get(reverse("referrals:detail", args=[referral.pk])).content)
    assert "Posti esauriti" in page and "Rifiutato" in page


def test_complete_after_accept_with_outcome(client: Client, w: CaseWorld) -> None:
    referral = hub_referral(w)
    c = login(client, w.other_body)
    c.post(reverse("referrals:accept", args=[referral.pk]))
    response = c.post(reverse("referrals:complete", args=[referral.pk]), {"outcome_note": ""})
    assert field_error(response.content, "outcome_note")
    c.post(reverse("referrals:complete", args=[referral.pk]), {"outcome_note": "Contratto firmato"})
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.COMPLETED
    assert referral.outcome_note == "Contratto firmato"
    assert w.case.events.filter(summary__contains="Contratto firmato").exists()


def test_sender_cancels_while_sent_only(client: Client, w: CaseWorld) -> None:
    referral = hub_referral(w)
    assert as_(w.colleague).post(reverse("referrals:cancel", args=[referral.pk])).status_code == 403
    login(client, w.manager).post(reverse("referrals:cancel", args=[referral.pk]))
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.CANCELLED
    response = as_(w.other_body).post(reverse("referrals:accept", args=[referral.pk]))
    assert response.status_code == 302
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.CANCELLED


def test_case_page_lists_referrals_and_timeline(client: Client, w: CaseWorld) -> None:
    referral = hub_referral(w)
    html = (
        login(client, w.manager).get(reverse("referrals:case", args=[w.case.pk])).content.decode()
    )
    assert reverse("referrals:detail", args=[referral.pk]) in html
    assert 'data-testid="referral-form"' in html and 'data-testid="transfer-form"' in html
    assert w.case.events.filter(kind="referral").exists()
    assert AuditEvent.objects.filter(action="cases.referral.sent").exists()


# --- overdue reminders ----------------------------------------------------------------------


def _coordinator_b(w: CaseWorld) -> User:
    user = user_with_role(Role.HUB_COORDINATOR, node=w.hub_b)
    user.email = "coord.b@example.org"
    user.save(update_fields=["email"])
    return user


def test_overdue_reminder_is_sent_once(client: Client, w: CaseWorld) -> None:
    _coordinator_b(w)
    referral = hub_referral(w)
    Referral.objects.filter(pk=referral.pk).update(
        due_on=timezone.localdate() - dt.timedelta(days=1)
    )
    assert rs.send_overdue_referral_reminders() == 1
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["coord.b@example.org"]
    assert w.case.reference in mail.outbox[0].body and "Ndiaye" not in mail.outbox[0].body
    assert rs.send_overdue_referral_reminders() == 0
    assert len(mail.outbox) == 1
    html = login(client, w.other_body).get(reverse("referrals:inbox")).content.decode()
    assert 'data-testid="overdue"' in html


def test_not_yet_due_gets_no_reminder(w: CaseWorld) -> None:
    _coordinator_b(w)
    hub_referral(w)
    assert rs.send_overdue_referral_reminders() == 0
    assert mail.outbox == []


def test_inbox_filters_by_status(client: Client, w: CaseWorld) -> None:
    referral = hub_referral(w)
    c = login(client, w.other_body)
    html = c.get(reverse("referrals:inbox"), {"status": "declined"}).content.decode()
    assert reverse("referrals:detail", args=[referral.pk]) not in html
    html = c.get(
        reverse("referrals:inbox"), {"status": "sent", "node": w.hub_b.pk}
    ).content.decode()
    assert reverse("referrals:detail", args=[referral.pk]) in html
    assert c.get(reverse("referrals:inbox"), {"node": "abc"}).status_code == 200


def test_new_page_is_the_case_page_anchored(w: CaseWorld) -> None:
    response = as_(w.manager).get(reverse("referrals:new", args=[w.case.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("referrals:case", args=[w.case.pk]) + "#new"


def test_first_contact_page_lists_what_it_may_share(w: CaseWorld) -> None:
    case = spoke_first_contact(w)
    page = text(as_(w.spoke_operator).get(reverse("referrals:case", args=[case.pk])).content)
    assert "Nome, Lingue parlate, Telefono, Luogo di vita o del contatto, Bisogni espressi" in page


def test_a_decided_referral_cannot_be_decided_again(w: CaseWorld) -> None:
    referral = hub_referral(w)
    c = as_(w.other_body)
    c.post(reverse("referrals:accept", args=[referral.pk]))
    response = c.post(
        reverse("referrals:decline", args=[referral.pk]), {"reason": "ci ho ripensato"}, follow=True
    )
    assert "Si può rifiutare solo un invio in attesa." in response.content.decode()
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.ACCEPTED


@pytest.mark.parametrize("action", ["accept", "decline", "complete", "cancel"])
@pytest.mark.parametrize(
    ("who", "status"), [("other_hub", 404), ("worker_c", 404), ("monitor", 403)]
)
def test_actions_outside_scope(w: CaseWorld, action: str, who: str, status: int) -> None:
    referral = hub_referral(w)
    response = as_(getattr(w, who)).post(
        reverse(f"referrals:{action}", args=[referral.pk]),
        {"reason": "x", "outcome_note": "x"},
    )
    assert response.status_code == status
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.SENT
