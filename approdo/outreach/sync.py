"""The field sync: what a phone recorded offline, applied record by record.

Every record carries the `client_id` the phone generated and the `base_version` it last saw
(null for a record never synced). For each one the answer is:

- created / updated: saved now;
- unchanged: the server already holds these values (a retried sync creates nothing);
- conflict: the server's record changed since the phone saw it and the values differ. Nothing
  is written; `server` holds the current values. The operator keeps theirs (sends again with
  base_version = the server's version) or takes the server's;
- invalid: refused, `errors` says why in Italian; the other records are still saved.

Each session runs in its own savepoint, and so does each of its records.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.http import Http404
from django.utils.translation import gettext as _

from approdo.accounts.models import User
from approdo.core.concurrency import StaleEditError
from approdo.network.models import Language, Node
from approdo.outreach import services
from approdo.outreach.models import (
    AwarenessMaterial,
    FirstContact,
    Headcount,
    MaterialHandout,
    OnSpotService,
    OutreachSession,
    Place,
)
from approdo.outreach.selectors import field_node_ids, session_snapshot


class SyncStatus(models.TextChoices):
    CREATED = "created", "created"
    UPDATED = "updated", "updated"
    UNCHANGED = "unchanged", "unchanged"
    CONFLICT = "conflict", "conflict"
    INVALID = "invalid", "invalid"


CREATED = SyncStatus.CREATED.value
UPDATED = SyncStatus.UPDATED.value
UNCHANGED = SyncStatus.UNCHANGED.value
CONFLICT = SyncStatus.CONFLICT.value
INVALID = SyncStatus.INVALID.value

SESSION_COMPARED = (
    "node",
    "place",
    "date",
    "starts_at",
    "ends_at",
    "status",
    "with_mediator",
    "languages",
    "vehicle",
    "other_team",
    "notes",
)


def error_dict(exc: ValidationError) -> dict[str, str]:
    """A ValidationError as {field: first Italian message} ("__all__" when not on a field)."""
    if hasattr(exc, "error_dict"):
        return {
            name: str(ValidationError(errs).messages[0]) for name, errs in exc.error_dict.items()
        }
    return {"__all__": str(exc.messages[0])}


def _result(client_id: Any, status: str, row: models.Model | None = None) -> dict[str, Any]:
    return {
        "client_id": str(client_id),
        "status": status,
        "id": row.pk if row is not None else None,
        "version": getattr(row, "version", None) if row is not None else None,
        "errors": {},
        "server": None,
    }


def check_scope(user: User, sessions: list[dict[str, Any]]) -> None:
    """The whole sync is refused (nothing saved) if it names a node outside the user's
    places or a session the user may not write: 403 for monitors, 404 outside."""
    node_ids = field_node_ids(user)
    if not node_ids and sessions:
        raise PermissionDenied
    for item in sessions:
        if item["node"] not in node_ids:
            raise Http404
        existing = OutreachSession.objects.filter(client_id=item["client_id"]).first()
        if existing is not None and existing.node_id not in node_ids:
            raise Http404


def sync(*, user: User, sessions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    check_scope(user, sessions)
    with transaction.atomic():
        return [_sync_session(user, item) for item in sessions]


def _comparable(session: OutreachSession) -> dict[str, Any]:
    return {
        "node": session.node_id,
        "place": session.place_id,
        "date": session.date,
        "starts_at": session.starts_at.replace(second=0, microsecond=0),
        "ends_at": session.ends_at.replace(second=0, microsecond=0) if session.ends_at else None,
        "status": session.status,
        "with_mediator": session.with_mediator,
        "languages": sorted(lang.code for lang in session.languages.all()),
        "vehicle": session.vehicle,
        "other_team": session.other_team,
        "notes": session.notes,
    }


def _incoming(item: dict[str, Any]) -> dict[str, Any]:
    values = {name: item.get(name) for name in SESSION_COMPARED}
    values["languages"] = sorted(set(item.get("languages") or []))
    for name in ("starts_at", "ends_at"):
        value = values[name]
        if value is not None:
            values[name] = value.replace(second=0, microsecond=0)
    for name in ("vehicle", "other_team", "notes"):
        values[name] = (values[name] or "").strip()
    return values


def _resolve(item: dict[str, Any]) -> tuple[Node, Place, list[Language]]:
    errors: dict[str, str] = {}
    node = Node.objects.get(pk=item["node"])
    place = Place.objects.filter(pk=item["place"]).first()
    if place is None:
        errors["place"] = _("Luogo non trovato: aggiorna i dati del dispositivo.")
    codes = sorted(set(item.get("languages") or []))
    languages = list(Language.objects.filter(code__in=codes))
    unknown = set(codes) - {lang.code for lang in languages}
    if unknown:
        errors["languages"] = _("Lingue sconosciute: %(codes)s.") % {
            "codes": ", ".join(sorted(unknown))
        }
    if errors:
        raise ValidationError(errors)
    assert place is not None
    return node, place, languages


def _save_session(
    user: User, item: dict[str, Any]
) -> tuple[dict[str, Any], OutreachSession | None]:
    existing = OutreachSession.objects.filter(client_id=item["client_id"]).first()
    try:
        with transaction.atomic():
            if existing is not None and _comparable(existing) == _incoming(item):
                return _result(item["client_id"], UNCHANGED, existing), existing
            if existing is not None and item.get("base_version") != existing.version:
                out = _result(item["client_id"], CONFLICT, existing)
                out["server"] = session_snapshot(existing)
                return out, existing
            node, place, languages = _resolve(item)
            session = services.session_save(
                actor=user,
                node=node,
                place=place,
                date=item["date"],
                starts_at=item["starts_at"],
                ends_at=item.get("ends_at"),
                status=item["status"],
                team=existing.team.all() if existing is not None else [user],
                languages=languages,
                with_mediator=item.get("with_mediator", False),
                vehicle=item.get("vehicle", ""),
                other_team=item.get("other_team", ""),
                notes=item.get("notes", ""),
                client_id=item["client_id"],
                session=existing,
                expected_version=item.get("base_version"),
            )
    except StaleEditError as exc:
        current = OutreachSession.objects.get(pk=exc.current.pk)
        out = _result(item["client_id"], CONFLICT, current)
        out["server"] = session_snapshot(current)
        return out, current
    except ValidationError as exc:
        out = _result(item["client_id"], INVALID, existing)
        out["errors"] = error_dict(exc)
        return out, existing
    return _result(item["client_id"], CREATED if existing is None else UPDATED, session), session


def _sync_session(user: User, item: dict[str, Any]) -> dict[str, Any]:
    with transaction.atomic():
        out, session = _save_session(user, item)
        children: dict[str, list[dict[str, Any]]] = {
            "headcounts": [],
            "services": [],
            "handouts": [],
            "first_contacts": [],
        }
        for name in children:
            for child in item.get(name) or []:
                if session is None or session.pk is None:
                    res = _result(child["client_id"], INVALID)
                    res["errors"] = {"__all__": _("L'uscita non è stata salvata.")}
                else:
                    res = SYNCERS[name](user, session, child)
                children[name].append(res)
        out.update(children)
        return out


def _child(
    *,
    model: type[Any],
    item: dict[str, Any],
    write: Callable[[], models.Model | None],
    snapshot: Callable[[Any], dict[str, Any]],
) -> dict[str, Any]:
    cid = item["client_id"]
    before = model.objects.filter(client_id=cid).first()
    try:
        with transaction.atomic():
            row = write()
    except StaleEditError as exc:
        current = model.objects.filter(pk=exc.current.pk).first()
        out = _result(cid, CONFLICT, current)
        out["server"] = snapshot(current) if current is not None else None
        return out
    except ValidationError as exc:
        out = _result(cid, INVALID, before)
        out["errors"] = error_dict(exc)
        return out
    if row is None:
        return _result(cid, UPDATED if before is not None else UNCHANGED)
    if before is None:
        status = CREATED if str(getattr(row, "client_id", "")) == str(cid) else UNCHANGED
    else:
        status = UNCHANGED if getattr(row, "version", None) == before.version else UPDATED
    return _result(cid, status, row)


def _headcount(user: User, session: OutreachSession, item: dict[str, Any]) -> dict[str, Any]:
    return _child(
        model=Headcount,
        item=item,
        write=lambda: services.headcount_set(
            actor=user,
            session=session,
            sex=item["sex"],
            age_band=item["age_band"],
            nationality=item.get("nationality", ""),
            count=item["count"],
            client_id=item["client_id"],
            expected_version=item.get("base_version"),
        ),
        snapshot=lambda h: {
            "sex": h.sex,
            "age_band": h.age_band,
            "nationality": h.nationality,
            "count": h.count,
            "version": h.version,
        },
    )


def _service(user: User, session: OutreachSession, item: dict[str, Any]) -> dict[str, Any]:
    return _child(
        model=OnSpotService,
        item=item,
        write=lambda: services.onspot_service_set(
            actor=user,
            session=session,
            kind=item["kind"],
            people=item["people"],
            note=item.get("note", ""),
            client_id=item["client_id"],
            expected_version=item.get("base_version"),
        ),
        snapshot=lambda s: {
            "kind": s.kind,
            "people": s.people,
            "note": s.note,
            "version": s.version,
        },
    )


def _handout(user: User, session: OutreachSession, item: dict[str, Any]) -> dict[str, Any]:
    material = AwarenessMaterial.objects.filter(pk=item["material"]).first()
    if material is None:
        out = _result(item["client_id"], INVALID)
        out["errors"] = {"material": _("Materiale non trovato: aggiorna i dati del dispositivo.")}
        return out
    return _child(
        model=MaterialHandout,
        item=item,
        write=lambda: services.handout_set(
            actor=user,
            session=session,
            material=material,
            quantity=item["quantity"],
            client_id=item["client_id"],
            expected_version=item.get("base_version"),
        ),
        snapshot=lambda h: {
            "material": h.material_id,
            "quantity": h.quantity,
            "version": h.version,
        },
    )


def _first_contact(user: User, session: OutreachSession, item: dict[str, Any]) -> dict[str, Any]:
    cid: uuid.UUID = item["client_id"]
    before = FirstContact.objects.filter(client_id=cid).exists()
    language = None
    code = item.get("language") or ""
    try:
        if code:
            language = Language.objects.filter(code=code).first()
            if language is None:
                raise ValidationError({"language": _("Lingua sconosciuta.")})
        with transaction.atomic():
            contact = services.first_contact_record(
                actor=user,
                session=session,
                name=item.get("name", ""),
                phone=item.get("phone", ""),
                language=language,
                needs=item.get("needs", ""),
                with_mediator=item.get("with_mediator", False),
                client_id=cid,
            )
    except ValidationError as exc:
        out = _result(cid, INVALID)
        out["errors"] = error_dict(exc)
        return out
    out = _result(cid, UNCHANGED if before else CREATED, contact)
    out["case_reference"] = contact.case.reference
    out["referral_id"] = contact.referral_id
    return out


SYNCERS: dict[str, Callable[[User, OutreachSession, dict[str, Any]], dict[str, Any]]] = {
    "headcounts": _headcount,
    "services": _service,
    "handouts": _handout,
    "first_contacts": _first_contact,
}
