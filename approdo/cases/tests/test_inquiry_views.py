"""Ask that node: a duplicate outside the asker's scope, raised without revealing the person."""

from __future__ import annotations

import re

import pytest
from allauth.mfa.models import Authenticator
from django.core import signing
from django.test import Client
from django.urls import reverse

from approdo.accounts.models import User
from approdo.accounts.tests.factories import give_totp
from approdo.audit.models import AuditEvent
from approdo.cases import inquiry_services as iq
from approdo.cases.models import InquiryStatus, PersonInquiry
from approdo.cases.tests.factories import CaseWorld, make_case_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def w() -> CaseWorld:
    return make_case_world()


def as_(user: User) -> Client:
    client = Client()
    if not Authenticator.objects.filter(user=user).exists():
        give_totp(user)
    client.force_login(user)
    return client


def field_error(html: bytes, name: str) -> str:
    match = re.search(rf'data-testid="error-{name}"[^>]*>(.*?)</div>', html.decode(), re.S)
    assert match, f"no error on {name}"
    return match.group(1).strip()


def panel_token(w: CaseWorld, user: User) -> str:
    """What the duplicate panel gives `user` typing the world's person (at hub A)."""
    html = (
        as_(user)
        .get(
            reverse("people:duplicate_check"),
            {"family_name": "Ndiaye", "given_names": "Ousmane", "birth_date": "1990-03-12"},
        )
        .content.decode()
    )
    assert 'data-testid="ask-node"' in html
    assert "Ousmane" not in html and "Ndiaye" not in html
    match = re.search(r'name="token" value="([^"]+)"', html)
    assert match
    return match.group(1)


def ask(w: CaseWorld, user: User | None = None) -> PersonInquiry:
    user = user or w.other_body
    return iq.inquiry_send(
        actor=user,
        token=iq.inquiry_token(person_id=w.person.pk, node_id=w.hub_a.pk),
        kind="transfer",
        message="È arrivato a Cerignola",
    )


def test_panel_button_leads_to_an_inquiry_without_the_persons_data(w: CaseWorld) -> None:
    token = panel_token(w, w.other_body)
    c = as_(w.other_body)
    response = c.post(reverse("referrals:inquiry_new"), {"token": token})
    page = response.content.decode()
    assert response.status_code == 200 and "PSI Foggia" in page
    assert "Ndiaye" not in page and 'data-testid="inquiry-form"' in page
    response = c.post(
        reverse("referrals:inquiry_new"),
        {"token": token, "kind": "transfer", "message": "È arrivato a Cerignola"},
    )
    inquiry = PersonInquiry.objects.get()
    assert response.status_code == 302
    assert inquiry.person == w.person and inquiry.from_node == w.hub_b
    assert inquiry.to_node == w.hub_a and inquiry.asked_by == w.other_body
    assert AuditEvent.objects.filter(action="cases.inquiry.sent").exists()
    asker_page = c.get(reverse("referrals:inquiry_detail", args=[inquiry.pk])).content.decode()
    assert "PSI Foggia" in asker_page and "Ndiaye" not in asker_page
    assert reverse("people:person_detail", args=[w.person.pk]) not in asker_page
    inbox = c.get(reverse("referrals:inbox")).content.decode()
    assert reverse("referrals:inquiry_detail", args=[inquiry.pk]) in inbox
    assert "Ndiaye" not in inbox


def test_message_is_required(w: CaseWorld) -> None:
    token = iq.inquiry_token(person_id=w.person.pk, node_id=w.hub_a.pk)
    response = as_(w.other_body).post(
        reverse("referrals:inquiry_new"), {"token": token, "kind": "referral", "message": ""}
    )
    assert field_error(response.content, "message")
    assert not PersonInquiry.objects.exists()


@pytest.mark.parametrize(
    "token",
    [
        "not-a-token",
        signing.dumps({"p": 1, "n": 1}, salt="another.salt"),
        signing.dumps({"p": 1}, salt=iq.INQUIRY_SALT),
    ],
)
def test_tampered_token_is_refused(w: CaseWorld, token: str) -> None:
    response = as_(w.other_body).post(
        reverse("referrals:inquiry_new"),
        {"token": token, "kind": "referral", "message": "Ciao"},
    )
    assert response.status_code == 200
    assert "Richiesta non valida" in response.content.decode()
    assert not PersonInquiry.objects.exists()


def test_token_naming_the_wrong_node_is_refused(w: CaseWorld) -> None:
    token = iq.inquiry_token(person_id=w.person.pk, node_id=w.hub_c.pk)
    with pytest.raises(Exception, match="non valida"):
        iq.inquiry_send(actor=w.other_body, token=token, kind="referral", message="x")
    edited = signing.dumps({"p": w.person.pk, "n": w.hub_a.pk}, salt=iq.INQUIRY_SALT)[:-2] + "xx"
    with pytest.raises(Exception, match="non valida"):
        iq.inquiry_send(actor=w.other_body, token=edited, kind="referral", message="x")


def test_no_inquiry_about_a_record_already_in_scope(w: CaseWorld) -> None:
    with pytest.raises(Exception, match="già visibile"):
        ask(w, w.colleague)


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("other_body", 200),  # asker
        ("manager", 200),  # receiving node
        ("colleague", 200),
        ("other_hub", 404),
        ("worker_c", 404),
        ("monitor", 403),
    ],
)
def test_detail_matrix(w: CaseWorld, who: str, status: int) -> None:
    inquiry = ask(w)
    response = as_(getattr(w, who)).get(reverse("referrals:inquiry_detail", args=[inquiry.pk]))
    assert response.status_code == status


def test_receiver_sees_the_record_and_answers_asker_sees_only_the_answer(w: CaseWorld) -> None:
    inquiry = ask(w)
    c = as_(w.manager)
    page = c.get(reverse("referrals:inquiry_detail", args=[inquiry.pk])).content.decode()
    assert "Ousmane Ndiaye" in page
    assert reverse("people:person_detail", args=[w.person.pk]) in page
    inbox = c.get(reverse("referrals:inbox")).content.decode()
    assert reverse("referrals:inquiry_detail", args=[inquiry.pk]) in inbox
    response = c.post(
        reverse("referrals:inquiry_answer", args=[inquiry.pk]), {"status": "answered", "answer": ""}
    )
    assert field_error(response.content, "answer")
    c.post(
        reverse("referrals:inquiry_answer", args=[inquiry.pk]),
        {"status": "answered", "answer": "Proponiamo il trasferimento"},
    )
    inquiry.refresh_from_db()
    assert inquiry.status == InquiryStatus.ANSWERED and inquiry.answered_by == w.manager
    asker = as_(w.other_body).get(reverse("referrals:inquiry_detail", args=[inquiry.pk]))
    html = asker.content.decode()
    assert "Proponiamo il trasferimento" in html and "Ndiaye" not in html
    # The asker cannot answer its own inquiry.
    assert (
        as_(w.other_body)
        .post(
            reverse("referrals:inquiry_answer", args=[inquiry.pk]),
            {"status": "declined", "answer": "x"},
        )
        .status_code
        == 404
    )


@pytest.mark.parametrize(("who", "status"), [("worker_c", 404), ("monitor", 403)])
def test_answer_outside_scope(w: CaseWorld, who: str, status: int) -> None:
    inquiry = ask(w)
    response = as_(getattr(w, who)).post(
        reverse("referrals:inquiry_answer", args=[inquiry.pk]),
        {"status": "declined", "answer": "x"},
    )
    assert response.status_code == status
    inquiry.refresh_from_db()
    assert inquiry.status == InquiryStatus.OPEN


def test_monitor_cannot_ask(w: CaseWorld) -> None:
    token = iq.inquiry_token(person_id=w.person.pk, node_id=w.hub_a.pk)
    response = as_(w.monitor).post(reverse("referrals:inquiry_new"), {"token": token})
    assert response.status_code == 403
