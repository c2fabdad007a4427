"""How a contact enters the helpdesk: from an operator on a call or chat, or the public form.

One service for both, so the rules are the same whatever the channel: an anonymous report
carries no name, the way to call back is kept apart, and a message received while the
helpdesk is closed gets a call-back task due at the next opening.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from approdo.accounts.models import User
from approdo.audit.services import record
from approdo.helpdesk.hours import is_open, next_opening
from approdo.helpdesk.models import (
    Channel,
    Contact,
    ContactNeed,
    HelpdeskTask,
    Need,
    ReporterContact,
    TaskKind,
    Urgency,
)
from approdo.network.models import Language, Municipality, Region

MESSAGE_MAX = 5000


@dataclass(frozen=True)
class ReporterDetails:
    """How the person asks to be reached back (all optional)."""

    phone: str = ""
    email: str = ""
    preferred: str = ""
    best_time: str = ""
    safe_to_leave_message: bool = False

    @property
    def given(self) -> bool:
        return bool(self.phone.strip() or self.email.strip())


def _reference(contact: Contact) -> str:
    return f"HD-{timezone.localtime(contact.received_at).year}-{contact.pk:06d}"


def _validate(
    *,
    channel: str,
    message: str,
    needs: list[str],
    urgency: str,
    anonymous: bool,
    name: str,
    received_at: dt.datetime,
    reporter: ReporterDetails | None,
) -> dict[str, str]:
    errors: dict[str, str] = {}
    if channel not in Channel.values:
        errors["channel"] = _("Scegli il canale da cui è arrivato il contatto.")
    text = message.strip()
    if not text:
        errors["message"] = _("Scrivi la richiesta o la segnalazione.")
    elif len(text) > MESSAGE_MAX:
        errors["message"] = _("Il testo è troppo lungo (massimo %(max)d caratteri).") % {
            "max": MESSAGE_MAX
        }
    unknown = [need for need in needs if need not in Need.values]
    if unknown:
        errors["needs"] = _("Bisogni non previsti: %(needs)s.") % {"needs": ", ".join(unknown)}
    if urgency not in Urgency.values:
        errors["urgency"] = _("Scegli l'urgenza.")
    if anonymous and name.strip():
        errors["name"] = _("Una segnalazione anonima non ha un nome: lascia vuoto il campo.")
    if received_at > timezone.now() + dt.timedelta(minutes=5):
        errors["received_at"] = _("La data di ricezione non può essere nel futuro.")
    if reporter is not None and reporter.email.strip():
        try:
            validate_email(reporter.email.strip())
        except ValidationError:
            errors["reporter_email"] = _("L'indirizzo e-mail non è valido.")
    return errors


@transaction.atomic
def contact_receive(
    *,
    actor: User | None,
    channel: str,
    message: str,
    needs: list[str],
    urgency: str = Urgency.NORMAL,
    language: Language | None = None,
    language_other: str = "",
    anonymous: bool = False,
    name: str = "",
    region: Region | None = None,
    municipality: Municipality | None = None,
    place: str = "",
    reporter: ReporterDetails | None = None,
    received_at: dt.datetime | None = None,
) -> Contact:
    """Record a contact. `actor` is the operator, or None for the public form.

    Out of hours (helpdesk.hours) a call-back task is created for the next opening, whoever
    recorded it; a report with no way to call back gets none (there is nobody to call).
    """
    received = received_at or timezone.now()
    errors = _validate(
        channel=channel,
        message=message,
        needs=needs,
        urgency=urgency,
        anonymous=anonymous,
        name=name,
        received_at=received,
        reporter=reporter,
    )
    if errors:
        raise ValidationError(errors)
    if municipality is not None and region is None:
        region = municipality.province.region
    contact = Contact.objects.create(
        # A unique placeholder that fits the column until the row has its primary key.
        reference=f"tmp-{uuid.uuid4().hex[:16]}",
        channel=channel,
        received_at=received,
        out_of_hours=not is_open(received),
        language=language,
        language_other=language_other.strip()[:60],
        urgency=urgency,
        anonymous=anonymous,
        name="" if anonymous else name.strip()[:120],
        region=region,
        municipality=municipality,
        place=place.strip()[:200],
        message=message.strip(),
        received_by=actor,
    )
    contact.reference = _reference(contact)
    contact.save(update_fields=["reference"])
    ContactNeed.objects.bulk_create(
        [ContactNeed(contact=contact, need=need) for need in dict.fromkeys(needs)]
    )
    if reporter is not None and reporter.given:
        ReporterContact.objects.create(
            contact=contact,
            phone=reporter.phone.strip()[:32],
            email=reporter.email.strip(),
            preferred=reporter.preferred,
            best_time=reporter.best_time.strip()[:120],
            safe_to_leave_message=reporter.safe_to_leave_message,
        )
    if contact.out_of_hours and reporter is not None and reporter.given:
        HelpdeskTask.objects.create(
            contact=contact,
            kind=TaskKind.CALL_BACK,
            due_at=next_opening(received),
            note=_("Messaggio ricevuto fuori orario: richiamare all'apertura."),
            automatic=True,
        )
    record(
        actor=actor,
        action="helpdesk.contact.received",
        target=contact,
        data={
            "channel": channel,
            "anonymous": anonymous,
            "out_of_hours": contact.out_of_hours,
            "needs": sorted(set(needs)),
        },
        # Whoever reports, anonymously or through the public form, leaves no address behind.
        keep_ip=actor is not None and not anonymous,
    )
    return contact
