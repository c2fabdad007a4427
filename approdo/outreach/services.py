"""Writing outreach records: sessions, anonymous counts, first contacts.

Every function is keyword-only, atomic and audited. Records written on a phone carry a
`client_id`: sending the same one twice returns the row already saved, so a retried sync
never creates a second row. A stale edit is refused (StaleEditError), never overwritten.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable
from typing import Any, TypeVar

import pycountry
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from approdo.accounts.access import access_for, require_person_access
from approdo.accounts.models import User
from approdo.audit.services import record
from approdo.cases import referral_services
from approdo.cases import services as case_services
from approdo.cases.models import AccessChannel
from approdo.core.concurrency import StaleEditError, save_if_version
from approdo.core.models import VersionedModel
from approdo.network.models import Language, Node, NodeKind
from approdo.outreach.models import (
    AgeBand,
    AwarenessMaterial,
    FirstContact,
    Headcount,
    MaterialHandout,
    OnSpotService,
    OnSpotServiceKind,
    OutreachSession,
    Place,
    SessionStatus,
    Sex,
)
from approdo.people.services import normalise_phone

_V = TypeVar("_V", bound=VersionedModel)

SESSION_FIELDS = (
    "node",
    "place",
    "date",
    "starts_at",
    "ends_at",
    "status",
    "with_mediator",
    "vehicle",
    "other_team",
    "notes",
)
MAX_COUNT = 5000
MAX_QUANTITY = 100000


def _as_uuid(value: uuid.UUID | str | None) -> uuid.UUID | None:
    if value is None or isinstance(value, uuid.UUID):
        return value
    try:
        return uuid.UUID(str(value))
    except ValueError as exc:
        raise ValidationError(
            {"client_id": _("Identificativo del dispositivo non valido.")}
        ) from exc


def _require_open(session: OutreachSession) -> None:
    if session.status == SessionStatus.CANCELLED:
        raise ValidationError(
            _("L'uscita è annullata: non si può più modificare."), code="cancelled"
        )


def _require_done(session: OutreachSession) -> None:
    _require_open(session)
    if session.status != SessionStatus.DONE:
        raise ValidationError(
            _("Registra conteggi e contatti quando l'uscita è svolta."), code="not_done"
        )


def _check_session(
    *,
    node: Node,
    place: Place,
    date: dt.date,
    starts_at: dt.time,
    ends_at: dt.time | None,
    status: str,
    team: Iterable[User],
    vehicle: str,
    other_team: str,
    session: OutreachSession | None,
) -> None:
    errors: dict[str, str] = {}
    today = timezone.localdate()
    if ends_at is not None and ends_at <= starts_at:
        errors["ends_at"] = _("L'ora di fine deve essere dopo l'ora di inizio.")
    if status == SessionStatus.DONE and date > today:
        errors["date"] = _("Un'uscita svolta non può essere nel futuro.")
    elif status == SessionStatus.PLANNED and date < today:
        errors["date"] = _("Un'uscita programmata non può essere nel passato.")
    elif status not in (SessionStatus.DONE, SessionStatus.PLANNED):
        errors["status"] = _("Scegli se l'uscita è programmata o svolta.")
    if (
        status == SessionStatus.PLANNED
        and session is not None
        and (session.headcounts.exists() or session.first_contacts.exists())
    ):
        errors["status"] = _("Un'uscita con conteggi o primi contatti è già svolta.")
    if not place.active and (session is None or session.place_id != place.pk):
        errors["place"] = _("Questo luogo non è più attivo.")
    outsiders = [u for u in team if node.pk not in access_for(u).person_node_ids]
    if outsiders:
        errors["team"] = _("Non lavorano in questo nodo: %(names)s.") % {
            "names": ", ".join(u.get_full_name() or u.get_username() for u in outsiders)
        }
    if len(vehicle) > 80:
        errors["vehicle"] = _("Al massimo 80 caratteri.")
    if len(other_team) > 200:
        errors["other_team"] = _("Al massimo 200 caratteri.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def session_save(
    *,
    actor: User,
    node: Node,
    place: Place,
    date: dt.date,
    starts_at: dt.time,
    ends_at: dt.time | None = None,
    status: str = SessionStatus.DONE,
    team: Iterable[User] = (),
    languages: Iterable[Language] = (),
    with_mediator: bool = False,
    vehicle: str = "",
    other_team: str = "",
    notes: str = "",
    client_id: uuid.UUID | str | None = None,
    session: OutreachSession | None = None,
    expected_version: int | None = None,
) -> OutreachSession:
    """Create a session (session=None) or update one (with the version the form was built on).

    Creating with a client_id already saved returns that session unchanged. An update
    without changes returns the session as it is (same version, no audit row).
    """
    cid = _as_uuid(client_id)
    if session is None and cid is not None:
        existing = OutreachSession.objects.filter(client_id=cid).first()
        if existing is not None:
            require_person_access(actor, existing.node_id)
            return existing
    require_person_access(actor, node.pk)
    team = list(team)
    languages = list(languages)
    if session is not None:
        require_person_access(actor, session.node_id)
        _require_open(session)
    _check_session(
        node=node,
        place=place,
        date=date,
        starts_at=starts_at,
        ends_at=ends_at,
        status=status,
        team=team,
        vehicle=vehicle,
        other_team=other_team,
        session=session,
    )
    values: dict[str, Any] = {
        "node": node,
        "place": place,
        "date": date,
        "starts_at": starts_at,
        "ends_at": ends_at,
        "status": status,
        "with_mediator": with_mediator,
        "vehicle": vehicle.strip(),
        "other_team": other_team.strip(),
        "notes": notes.strip(),
    }
    if session is None:
        session = OutreachSession(created_by=actor, **values)
        if cid is not None:
            session.client_id = cid
        session.save()
        session.team.set(team)
        session.languages.set(languages)
        record(
            actor=actor,
            action="outreach.session.saved",
            target=session,
            node_id=node.pk,
            data={"created": True, "status": status, "date": date},
        )
        return session
    if expected_version is None:
        raise ValidationError({"version": _("Manca la versione del record: ricarica la pagina.")})
    changes: dict[str, tuple[Any, Any]] = {}
    for name, value in values.items():
        old = getattr(session, name)
        if old != value:
            changes[name] = (old, value)
            setattr(session, name, value)
    old_team = set(session.team.values_list("pk", flat=True))
    old_languages = set(session.languages.values_list("pk", flat=True))
    new_team = {u.pk for u in team}
    new_languages = {lang.pk for lang in languages}
    if old_team != new_team:
        changes["team"] = (sorted(old_team), sorted(new_team))
    if old_languages != new_languages:
        changes["languages"] = (sorted(old_languages), sorted(new_languages))
    if session.version != expected_version:
        session.refresh_from_db()
        raise StaleEditError(session)
    if not changes:
        return session
    try:
        save_if_version(session, expected_version=expected_version, fields=list(values))
    except StaleEditError:
        session.refresh_from_db()
        raise
    session.team.set(team)
    session.languages.set(languages)
    record(
        actor=actor,
        action="outreach.session.saved",
        target=session,
        node_id=session.node_id,
        changes=changes,
        data={"created": False},
    )
    return session


@transaction.atomic
def session_cancel(
    *, actor: User, session: OutreachSession, reason: str, expected_version: int
) -> OutreachSession:
    """Cancel a session that did not take place (nothing was counted or recorded in it)."""
    require_person_access(actor, session.node_id)
    _require_open(session)
    text = reason.strip()
    if not text:
        raise ValidationError({"reason": _("Scrivi perché l'uscita è annullata.")})
    if len(text) > 200:
        raise ValidationError({"reason": _("Al massimo 200 caratteri.")})
    if session.first_contacts.exists() or session.headcounts.exists():
        raise ValidationError(
            _("Non si può annullare un'uscita con conteggi o primi contatti."), code="has_data"
        )
    old_status = session.status
    session.status = SessionStatus.CANCELLED
    session.cancel_reason = text
    try:
        save_if_version(
            session, expected_version=expected_version, fields=["status", "cancel_reason"]
        )
    except StaleEditError:
        session.refresh_from_db()
        raise
    record(
        actor=actor,
        action="outreach.session.cancelled",
        target=session,
        node_id=session.node_id,
        changes={"status": (old_status, SessionStatus.CANCELLED)},
        data={"reason": text},
    )
    return session


def _set_row(
    *,
    actor: User,
    session: OutreachSession,
    model: type[_V],
    key: dict[str, Any],
    values: dict[str, Any],
    amount: int,
    client_id: uuid.UUID | None,
    expected_version: int | None,
    action: str,
) -> _V | None:
    """Create, update or delete (amount 0) the row of one group of a session.

    The row is found by client id, else by its group key. A row that exists although the
    caller did not know it (no expected version), or whose version moved on, is a stale edit
    unless it already holds the same values (a retry).
    """
    manager = model._default_manager
    row = manager.filter(client_id=client_id).first() if client_id else None
    if row is not None and getattr(row, "session_id", None) != session.pk:
        raise ValidationError({"client_id": _("Identificativo già usato per un'altra uscita.")})
    if row is None:
        row = manager.filter(session=session, **key).first()
    wanted = {**key, **values}
    if row is None:
        if amount == 0:
            return None
        row = model(session=session, **wanted)
        if client_id is not None:
            row.client_id = client_id  # type: ignore[attr-defined]
        try:
            with transaction.atomic():
                row.save()
        except IntegrityError as exc:
            raise ValidationError(_("Questo gruppo è già stato registrato."), code="dup") from exc
        record(actor=actor, action=action, target=row, node_id=session.node_id, data=wanted)
        return row
    same = amount > 0 and all(getattr(row, name) == value for name, value in wanted.items())
    if same:
        return row
    if expected_version is None or expected_version != row.version:
        raise StaleEditError(row)
    if amount == 0:
        old = {name: getattr(row, name) for name in values}
        row.delete()
        record(
            actor=actor,
            action=action,
            node_id=session.node_id,
            data={**key, "deleted": True},
            changes={
                name: (value, 0 if isinstance(value, int) else "") for name, value in old.items()
            },
        )
        return None
    changes = {
        name: (getattr(row, name), value)
        for name, value in wanted.items()
        if getattr(row, name) != value
    }
    clash = manager.filter(session=session, **key).exclude(pk=row.pk)
    if clash.exists():
        raise ValidationError(_("Questo gruppo è già stato registrato."), code="dup")
    for name, value in wanted.items():
        setattr(row, name, value)
    try:
        save_if_version(row, expected_version=expected_version, fields=list(wanted))
    except StaleEditError:
        row.refresh_from_db()
        raise
    record(actor=actor, action=action, target=row, node_id=session.node_id, changes=changes)
    return row


def _amount(value: int, maximum: int, field: str) -> int:
    if not isinstance(value, int) or value < 0 or value > maximum:
        raise ValidationError({field: _("Scrivi un numero tra 0 e %(max)s.") % {"max": maximum}})
    return value


def _nationality(value: str) -> str:
    code = (value or "").strip().upper()
    if code and pycountry.countries.get(alpha_2=code) is None:
        raise ValidationError({"nationality": _("Cittadinanza non valida.")})
    return code


@transaction.atomic
def headcount_set(
    *,
    actor: User,
    session: OutreachSession,
    sex: str,
    age_band: str,
    nationality: str,
    count: int,
    client_id: uuid.UUID | str | None = None,
    expected_version: int | None = None,
) -> Headcount | None:
    """Set how many people of one sex, age band and nationality were met (0 removes it)."""
    require_person_access(actor, session.node_id)
    _require_done(session)
    errors: dict[str, str] = {}
    if sex not in Sex.values:
        errors["sex"] = _("Scegli il sesso.")
    if age_band not in AgeBand.values:
        errors["age_band"] = _("Scegli la fascia d'età.")
    if errors:
        raise ValidationError(errors)
    code = _nationality(nationality)
    amount = _amount(count, MAX_COUNT, "count")
    return _set_row(
        actor=actor,
        session=session,
        model=Headcount,
        key={"sex": sex, "age_band": age_band, "nationality": code},
        values={"count": amount},
        amount=amount,
        client_id=_as_uuid(client_id),
        expected_version=expected_version,
        action="outreach.headcount.set",
    )


@transaction.atomic
def onspot_service_set(
    *,
    actor: User,
    session: OutreachSession,
    kind: str,
    people: int,
    note: str = "",
    client_id: uuid.UUID | str | None = None,
    expected_version: int | None = None,
) -> OnSpotService | None:
    """Set how many people received one kind of service on the spot (0 removes it)."""
    require_person_access(actor, session.node_id)
    _require_done(session)
    if kind not in OnSpotServiceKind.values:
        raise ValidationError({"kind": _("Scegli il tipo di servizio.")})
    if len(note) > 200:
        raise ValidationError({"note": _("Al massimo 200 caratteri.")})
    amount = _amount(people, MAX_COUNT, "people")
    return _set_row(
        actor=actor,
        session=session,
        model=OnSpotService,
        key={"kind": kind},
        values={"people": amount, "note": note.strip()},
        amount=amount,
        client_id=_as_uuid(client_id),
        expected_version=expected_version,
        action="outreach.onspot_service.set",
    )


@transaction.atomic
def handout_set(
    *,
    actor: User,
    session: OutreachSession,
    material: AwarenessMaterial,
    quantity: int,
    client_id: uuid.UUID | str | None = None,
    expected_version: int | None = None,
) -> MaterialHandout | None:
    """Set how many pieces of one material were handed out (0 removes it)."""
    require_person_access(actor, session.node_id)
    _require_done(session)
    amount = _amount(quantity, MAX_QUANTITY, "quantity")
    if not material.active and not session.handouts.filter(material=material).exists():
        raise ValidationError({"material": _("Questo materiale non è più disponibile.")})
    return _set_row(
        actor=actor,
        session=session,
        model=MaterialHandout,
        key={"material": material},
        values={"quantity": amount},
        amount=amount,
        client_id=_as_uuid(client_id),
        expected_version=expected_version,
        action="outreach.handout.set",
    )


def default_referral_reason(place: Place) -> str:
    return _("Primo contatto dell'unità di strada a %(place)s.") % {"place": place.name}


@transaction.atomic
def first_contact_record(
    *,
    actor: User,
    session: OutreachSession,
    name: str,
    phone: str = "",
    language: Language | None = None,
    needs: str = "",
    with_mediator: bool = False,
    client_id: uuid.UUID | str | None = None,
) -> FirstContact:
    """A person met by name: opens a first-contact case for the hub and, from a spoke, a
    referral in the hub's inbox. The same client id returns the contact already recorded."""
    cid = _as_uuid(client_id)
    if cid is not None:
        existing = FirstContact.objects.select_related("case", "referral").filter(client_id=cid)
        found = existing.first()
        if found is not None:
            require_person_access(actor, found.session.node_id)
            return found
    require_person_access(actor, session.node_id)
    _require_done(session)
    if not name.strip():
        raise ValidationError({"name": _("Indica almeno un nome o un soprannome.")})
    if len(name.strip()) > 120:
        raise ValidationError({"name": _("Al massimo 120 caratteri.")})
    number = ""
    if phone.strip():
        try:
            number = normalise_phone(phone)
        except ValidationError as exc:
            raise ValidationError({"phone": exc.messages[0]}) from exc
    place = session.place
    case = case_services.case_open(
        actor=actor,
        origin_node=session.node,
        access_channel=AccessChannel.PROACTIVE,
        contact_name=name.strip(),
        contact_phone=number,
        contact_language=language,
        contact_place=place.name,
        contact_with_mediator=with_mediator,
        contact_needs=needs.strip(),
        opened_on=session.date,
    )
    referral = None
    from_node = case_services.actor_node(actor, case)
    hub = session.node.parent_hub
    if session.node.kind == NodeKind.SPOKE and from_node.kind == NodeKind.SPOKE and hub:
        present = {
            "name": case.contact_name,
            "phone": case.contact_phone,
            "languages": language,
            "place": case.contact_place,
            "needs": case.contact_needs,
        }
        shared = sorted(
            f for f in referral_services.FIRST_CONTACT_FIELDS if present.get(f) not in (None, "")
        )
        referral = referral_services.referral_send(
            actor=actor,
            case=case,
            to_node=hub,
            reason=case.contact_needs or default_referral_reason(place),
            shared_fields=shared,
        )
    contact = FirstContact(session=session, case=case, referral=referral, recorded_by=actor)
    if cid is not None:
        contact.client_id = cid
    contact.save()
    record(
        actor=actor,
        action="outreach.first_contact.recorded",
        target=contact,
        node_id=session.node_id,
        data={"case": case.reference, "referral": referral.pk if referral else None},
    )
    return contact
