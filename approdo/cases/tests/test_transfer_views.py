"""Transfers between hubs and regions: who proposes and accepts, what the old hub keeps."""

from __future__ import annotations

import re

import pytest
from allauth.mfa.models import Authenticator
from django.test import Client
from django.urls import reverse

from approdo.accounts.models import User
from approdo.accounts.tests.factories import give_totp
from approdo.audit.models import AuditEvent
from approdo.cases import selectors, services
from approdo.cases import transfer_services as ts
from approdo.cases.models import CaseTeamMember, Sensitivity, TeamRole, Transfer, TransferStatus
from approdo.cases.permissions import Level, permissions_for
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


def text(html: bytes) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html.decode()).split())


def field_error(html: bytes, name: str) -> str:
    match = re.search(rf'data-testid="error-{name}"[^>]*>(.*?)</div>', html.decode(), re.S)
    assert match, f"no error on {name}"
    return match.group(1).strip()


def propose(w: CaseWorld) -> Transfer:
    return ts.transfer_propose(
        actor=w.manager, case=w.case, to_hub=w.hub_c, handover="Raccolta uva a Ragusa"
    )


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("manager", 302),
        ("coordinator", 302),
        ("legal", 403),  # on the team, not the case manager
        ("colleague", 403),
        ("other_hub", 404),
        ("other_body", 404),
        ("monitor", 403),
    ],
)
def test_propose_matrix(w: CaseWorld, who: str, status: int) -> None:
    response = as_(getattr(w, who)).post(
        reverse("referrals:transfer_new", args=[w.case.pk]),
        {"to_hub": w.hub_c.pk, "handover": "Segue la raccolta"},
    )
    assert response.status_code == status
    assert Transfer.objects.filter(case=w.case).exists() == (status == 302)


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("manager", 200),
        ("worker_c", 200),  # receiving hub
        ("coordinator_c", 200),
        ("colleague", 403),
        ("other_hub", 404),
        ("other_body", 404),
        ("monitor", 403),
    ],
)
def test_detail_matrix(w: CaseWorld, who: str, status: int) -> None:
    transfer = propose(w)
    response = as_(getattr(w, who)).get(reverse("referrals:transfer_detail", args=[transfer.pk]))
    assert response.status_code == status
    if status == 200:
        assert "Raccolta uva a Ragusa" in text(response.content)


def test_handover_is_required_and_one_pending_per_case(w: CaseWorld) -> None:
    c = as_(w.manager)
    url = reverse("referrals:transfer_new", args=[w.case.pk])
    response = c.post(url, {"to_hub": w.hub_c.pk, "handover": " "})
    assert field_error(response.content, "handover")
    propose(w)
    response = c.post(url, {"to_hub": w.hub_b.pk, "handover": "altro"})
    assert "già un trasferimento in attesa" in field_error(response.content, "to_hub")
    assert Transfer.objects.filter(case=w.case).count() == 1


def test_only_the_receiving_hub_accepts(w: CaseWorld) -> None:
    transfer = propose(w)
    for user in (w.manager, w.other_body):
        as_(user).post(reverse("referrals:transfer_accept", args=[transfer.pk]))
    transfer.refresh_from_db()
    assert transfer.status == TransferStatus.PROPOSED


def test_transfer_between_regions_keeps_the_senders_read_access_to_its_notes(
    w: CaseWorld,
) -> None:
    services.note_add(
        actor=w.manager, case=w.case, text="Scritta a Foggia", sensitivity=Sensitivity.NORMAL
    )
    transfer = propose(w)
    response = as_(w.worker_c).post(reverse("referrals:transfer_accept", args=[transfer.pk]))
    assert response.status_code == 302
    case = w.reload()
    assert case.hub == w.hub_c
    transfer.refresh_from_db()
    assert transfer.status == TransferStatus.ACCEPTED
    assert not CaseTeamMember.objects.filter(case=case, until__isnull=True).exclude(user=w.worker_c)
    manager_row = CaseTeamMember.objects.get(case=case, until__isnull=True)
    assert manager_row.role == TeamRole.CASE_MANAGER and manager_row.node == w.hub_c
    assert case.events.filter(kind="transfer", node=w.hub_a).exists()
    assert case.events.filter(kind="transfer", node=w.hub_c).exists()
    assert AuditEvent.objects.filter(action="cases.transfer.accepted").exists()
    services.note_add(
        actor=w.worker_c, case=case, text="Scritta a Ragusa", sensitivity=Sensitivity.NORMAL
    )
    # The old case manager reads what hub A wrote, not what hub C writes now.
    perms = permissions_for(w.manager, case)
    assert perms.level == Level.PAST
    notes = [n.text for n in selectors.case_notes(perms)]
    assert notes == ["Scritta a Foggia"]
    # The new case manager reads everything.
    new_perms = permissions_for(w.worker_c, case)
    assert {n.text for n in selectors.case_notes(new_perms)} == {
        "Scritta a Foggia",
        "Scritta a Ragusa",
    }
    # The old hub no longer writes to the case.
    assert (
        as_(w.manager)
        .post(
            reverse("referrals:transfer_new", args=[case.pk]),
            {"to_hub": w.hub_b.pk, "handover": "x"},
        )
        .status_code
        == 403
    )
    page = as_(w.manager).get(reverse("referrals:case", args=[case.pk]))
    assert page.status_code == 200 and 'data-testid="past-access"' in page.content.decode()


def test_decline_needs_a_reason_and_cancel_by_sender(w: CaseWorld) -> None:
    transfer = propose(w)
    c = as_(w.worker_c)
    response = c.post(reverse("referrals:transfer_decline", args=[transfer.pk]), {"reason": ""})
    assert field_error(response.content, "reason")
    c.post(reverse("referrals:transfer_decline", args=[transfer.pk]), {"reason": "Nessun posto"})
    transfer.refresh_from_db()
    assert transfer.status == TransferStatus.DECLINED
    assert "Nessun posto" in text(
        as_(w.manager).get(reverse("referrals:transfer_detail", args=[transfer.pk])).content
    )
    second = propose(w)
    as_(w.worker_c).post(reverse("referrals:transfer_cancel", args=[second.pk]))
    second.refresh_from_db()
    assert second.status == TransferStatus.PROPOSED
    as_(w.manager).post(reverse("referrals:transfer_cancel", args=[second.pk]))
    second.refresh_from_db()
    assert second.status == TransferStatus.CANCELLED


def test_inbox_lists_pending_transfers_for_the_receiving_hub(w: CaseWorld) -> None:
    transfer = propose(w)
    url = reverse("referrals:transfer_detail", args=[transfer.pk])
    assert url in as_(w.worker_c).get(reverse("referrals:inbox")).content.decode()
    assert url not in as_(w.other_body).get(reverse("referrals:inbox")).content.decode()


@pytest.mark.parametrize("action", ["transfer_accept", "transfer_decline", "transfer_cancel"])
@pytest.mark.parametrize(
    ("who", "status"), [("other_hub", 404), ("other_body", 404), ("monitor", 403)]
)
def test_actions_outside_scope(w: CaseWorld, action: str, who: str, status: int) -> None:
    transfer = propose(w)
    response = as_(getattr(w, who)).post(
        reverse(f"referrals:{action}", args=[transfer.pk]), {"reason": "x"}
    )
    assert response.status_code == status
    transfer.refresh_from_db()
    assert transfer.status == TransferStatus.PROPOSED
