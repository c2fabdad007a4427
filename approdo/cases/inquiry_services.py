"""Writes of "ask that node" inquiries about a possible duplicate outside the asker's scope.

The duplicate is raised with its node through a signed token; the asker never learns who the
person is. Every service is atomic, checks the actor's rights and writes the audit trail.
"""

from __future__ import annotations

from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from approdo.accounts import access
from approdo.accounts.models import User
from approdo.audit.services import record
from approdo.cases.exchange import require_staff_of, require_status, save_status
from approdo.cases.models import InquiryKind, InquiryStatus, PersonInquiry
from approdo.network.models import Node
from approdo.people.models import Person

INQUIRY_SALT = "cases.inquiry"
INQUIRY_TOKEN_MAX_AGE = 7 * 24 * 3600


def inquiry_token(*, person_id: int, node_id: int) -> str:
    """The signed reference the duplicate panel posts: never the person's data."""
    return signing.dumps({"p": person_id, "n": node_id}, salt=INQUIRY_SALT)


def _bad_token() -> ValidationError:
    return ValidationError(
        {"token": _("Richiesta non valida o scaduta: ripeti il controllo dei doppioni.")}
    )


def inquiry_target(token: str) -> tuple[Person, Node]:
    """The person and node a token names, or a ValidationError (tampered, expired, stale)."""
    try:
        data = signing.loads(token, salt=INQUIRY_SALT, max_age=INQUIRY_TOKEN_MAX_AGE)
        person_id, node_id = int(data["p"]), int(data["n"])
    except (signing.BadSignature, KeyError, TypeError, ValueError) as exc:
        raise _bad_token() from exc
    person = Person.objects.filter(pk=person_id, registered_at_id=node_id).first()
    node = Node.objects.filter(pk=node_id).first()
    if person is None or node is None:
        raise _bad_token()
    return person, node


def _asker_node(actor: User) -> Node:
    from approdo.people.selectors import default_node_for

    node = default_node_for(user=actor)
    if node is None:
        raise PermissionDenied
    return node


@transaction.atomic
def inquiry_send(*, actor: User, token: str, kind: str, message: str) -> PersonInquiry:
    """Ask the node holding a possible duplicate for a referral or a transfer."""
    acc = access.access_for(actor)
    if not acc.can_see_person_data:
        raise PermissionDenied
    person, node = inquiry_target(token)
    if node.pk in acc.person_node_ids:
        raise ValidationError(
            {"token": _("Questa scheda è già visibile nel tuo nodo: aprila direttamente.")}
        )
    errors: dict[str, str] = {}
    if kind not in InquiryKind.values:
        errors["kind"] = _("Scegli che cosa chiedi.")
    text = message.strip()
    if not text:
        errors["message"] = _("Scrivi un messaggio per il nodo.")
    if errors:
        raise ValidationError(errors)
    inquiry = PersonInquiry.objects.create(
        person=person,
        from_node=_asker_node(actor),
        to_node=node,
        kind=kind,
        message=text,
        asked_by=actor,
    )
    record(
        actor=actor,
        action="cases.inquiry.sent",
        target=inquiry,
        node_id=node.pk,
        data={"kind": kind},
    )
    return inquiry


@transaction.atomic
def inquiry_answer(
    *, actor: User, inquiry: PersonInquiry, status: str, answer: str
) -> PersonInquiry:
    """The receiving node answers (it may then send a referral or propose a transfer)."""
    inquiry = PersonInquiry.objects.select_for_update().get(pk=inquiry.pk)
    require_staff_of(actor, inquiry.to_node_id)
    require_status(inquiry, InquiryStatus.OPEN, _("Questa richiesta ha già una risposta."))
    errors: dict[str, str] = {}
    if status not in (InquiryStatus.ANSWERED, InquiryStatus.DECLINED):
        errors["status"] = _("Scegli la risposta.")
    text = answer.strip()
    if not text:
        errors["answer"] = _("Scrivi la risposta per il nodo che chiede.")
    if errors:
        raise ValidationError(errors)
    save_status(inquiry, status, answer=text, answered_by=actor, answered_at=timezone.now())
    record(
        actor=actor,
        action="cases.inquiry.answered",
        target=inquiry,
        changes={"status": (InquiryStatus.OPEN, status)},
        node_id=inquiry.to_node_id,
    )
    return inquiry
