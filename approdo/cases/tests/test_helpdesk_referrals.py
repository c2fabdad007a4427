"""Referrals from the helpdesk: a first-contact case at the hub, in the hub's inbox; the
helpdesk follows the answer without ever reading the case file."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from approdo.accounts.models import User
from approdo.accounts.roles import Role
from approdo.accounts.tests.factories import user_with_role
from approdo.audit.models import AuditEvent
from approdo.cases import referral_services as rs
from approdo.cases.models import AccessChannel, InternalSource, ReferralStatus, TeamRole
from approdo.cases.selectors import referral_inbox, referral_outbox
from approdo.cases.stages import ClosureOutcome, Stage
from approdo.cases.tests.factories import CaseWorld, login, make_case_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def w() -> CaseWorld:
    return make_case_world()


@pytest.fixture
def helpdesk() -> User:
    return user_with_role(Role.HELPDESK_OPERATOR)


def refer(w: CaseWorld, helpdesk: User, **extra: object) -> rs.Referral:
    values: dict[str, object] = {
        "actor": helpdesk,
        "hub": w.hub_a,
        "reason": "Segnala paga di 3 euro l'ora e documenti trattenuti dal caporale.",
        "contact_name": "HD-2026-000012",
        "contact_phone": "+39 333 1234567",
        "contact_language": w.arabic,
        "contact_place": "Borgo Mezzanone",
        "contact_needs": "Documenti, salario",
    }
    values.update(extra)
    return rs.referral_from_helpdesk(**values)


def test_a_helpdesk_referral_reaches_the_hub_inbox(w: CaseWorld, helpdesk: User) -> None:
    referral = refer(w, helpdesk)
    case = referral.case
    assert case.hub == w.hub_a and case.stage == Stage.FIRST_CONTACT
    assert case.access_channel == AccessChannel.INTERNAL
    assert case.internal_source == InternalSource.HELPDESK
    assert not case.team.exists()
    assert referral.from_node is None and referral.from_helpdesk
    assert referral.sender_name == "Helpdesk anticaporalato"
    assert set(referral.shared_fields) == rs.FIRST_CONTACT_FIELDS
    assert list(referral_inbox(user=w.manager)) == [referral]
    assert list(referral_outbox(user=helpdesk)) == [referral]
    event = AuditEvent.objects.get(action="cases.referral.sent")
    assert event.actor == helpdesk and event.node_id == w.hub_a.pk


def test_only_the_helpdesk_refers_from_the_helpdesk(w: CaseWorld) -> None:
    with pytest.raises(PermissionDenied):
        refer(w, w.spoke_operator)


def test_a_referral_needs_a_hub_and_a_reason(w: CaseWorld, helpdesk: User) -> None:
    with pytest.raises(ValidationError) as err:
        refer(w, helpdesk, hub=w.spoke_a1, reason=" ")
    assert set(err.value.message_dict) == {"hub", "reason"}
    with pytest.raises(ValidationError) as err:
        refer(w, helpdesk, shared_fields=["documents"])
    assert "shared_fields" in err.value.message_dict


def test_accepting_makes_the_accepter_case_manager(w: CaseWorld, helpdesk: User) -> None:
    referral = refer(w, helpdesk)
    rs.referral_accept(actor=w.manager, referral=referral)
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.ACCEPTED
    member = referral.case.team.get()
    assert member.user == w.manager and member.role == TeamRole.CASE_MANAGER


def test_declining_closes_the_unclaimed_case(w: CaseWorld, helpdesk: User) -> None:
    referral = refer(w, helpdesk)
    rs.referral_decline(actor=w.manager, referral=referral, reason="Fuori dal nostro territorio.")
    case = referral.case
    case.refresh_from_db()
    assert case.stage == Stage.CLOSED
    assert case.closure_outcome == ClosureOutcome.NOT_TAKEN
    assert case.closure_note == "Fuori dal nostro territorio."


def test_the_helpdesk_reads_the_referral_not_the_case(
    client: Client, w: CaseWorld, helpdesk: User
) -> None:
    referral = refer(w, helpdesk)
    login(client, helpdesk)
    page = client.get(reverse("referrals:detail", args=[referral.pk]))
    assert page.status_code == 200
    assert "Helpdesk anticaporalato" in page.content.decode()
    assert client.get(reverse("cases:detail", args=[referral.case.pk])).status_code == 404
    # Nor the hub's other cases, nor its people.
    assert client.get(reverse("cases:detail", args=[w.case.pk])).status_code == 404
    assert client.get(reverse("people:person_detail", args=[w.person.pk])).status_code == 404


def test_another_hub_does_not_see_the_helpdesk_referral(
    client: Client, w: CaseWorld, helpdesk: User
) -> None:
    referral = refer(w, helpdesk)
    login(client, w.other_body)
    assert client.get(reverse("referrals:detail", args=[referral.pk])).status_code == 404
