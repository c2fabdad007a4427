"""Writes of projects, partners and results. Each is atomic, checked and audited.

Rules enforced here (the database cannot see them): only the lead hub's staff (and system
administrators) write a project; the managing body runs the lead hub; the region is the land's;
the status moves only forward (planned → running → closed); **a flagged employer is never a
partner**, and the refusal says why; a count result (people, enterprises) is a whole number;
a stale edit is refused (core.concurrency).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from approdo.accounts.models import User
from approdo.audit.services import record
from approdo.core.concurrency import save_if_version
from approdo.jobs.employer_models import Employer
from approdo.network.models import ManagingBody, Municipality, Node, NodeKind
from approdo.socialfarming import permissions as perms
from approdo.socialfarming.models import (
    COUNT_INDICATORS,
    PROJECT_TRANSITIONS,
    FarmingKind,
    Partner,
    PartnerKind,
    PilotProject,
    ProjectStatus,
    Result,
    ResultIndicator,
)

PROJECT_FIELDS = (
    "title",
    "lead_hub",
    "managing_body",
    "municipality",
    "address",
    "hectares",
    "starts_on",
    "ends_on",
    "aims",
    "farming_kind",
    "farming_other",
    "aims_at_startup",
    "status",
    "funding_amount",
    "funding_source",
)


def _future(value: dt.date | None) -> bool:
    return value is not None and value > timezone.localdate()


def _project_values(
    *, actor: User, current: PilotProject | None, values: dict[str, Any]
) -> dict[str, Any]:
    """The cleaned values of a project, or a ValidationError naming every wrong field."""
    errors: dict[str, list[str]] = {}
    data = {name: values.get(name) for name in PROJECT_FIELDS}
    for name in ("title", "address", "aims", "farming_other", "funding_source"):
        data[name] = (data[name] or "").strip()
    if not data["title"]:
        errors["title"] = [_("Indica il titolo del progetto.")]
    if not data["aims"]:
        errors["aims"] = [_("Descrivi gli obiettivi del progetto.")]
    hub = data["lead_hub"]
    if not isinstance(hub, Node) or hub.kind != NodeKind.HUB:
        errors["lead_hub"] = [_("Scegli l'hub capofila.")]
    else:
        writable = perms.writer_hub_ids(actor)
        if writable is not None and hub.pk not in writable:
            errors["lead_hub"] = [_("Puoi indicare come capofila solo un hub in cui lavori.")]
        body = data["managing_body"]
        if (
            not isinstance(body, ManagingBody)
            or not hub.managing_bodies.filter(pk=body.pk).exists()
        ):
            errors["managing_body"] = [_("L'ente gestore non gestisce l'hub capofila.")]
    if not isinstance(data["municipality"], Municipality):
        errors["municipality"] = [_("Indica il comune del terreno.")]
    hectares = data["hectares"]
    if not isinstance(hectares, Decimal) or hectares < 0:
        errors["hectares"] = [_("Gli ettari non possono essere negativi.")]
    starts, ends = data["starts_on"], data["ends_on"]
    if not isinstance(starts, dt.date):
        errors["starts_on"] = [_("Indica la data di inizio.")]
    elif isinstance(ends, dt.date) and ends < starts:
        errors["ends_on"] = [_("La fine viene prima dell'inizio.")]
    if data["farming_kind"] not in FarmingKind.values:
        errors["farming_kind"] = [_("Scegli il tipo di attività.")]
    elif data["farming_kind"] == FarmingKind.OTHER:
        if not data["farming_other"]:
            errors["farming_other"] = [_("Scrivi di quale attività si tratta.")]
    else:
        data["farming_other"] = ""
    data["aims_at_startup"] = bool(data["aims_at_startup"])
    amount = data["funding_amount"]
    if amount is not None and (not isinstance(amount, Decimal) or amount < 0):
        errors["funding_amount"] = [_("Il finanziamento non può essere negativo.")]
    status = data["status"] or (current.status if current else ProjectStatus.PLANNED)
    data["status"] = status
    if status not in ProjectStatus.values:
        errors["status"] = [_("Stato non valido.")]
    elif (
        current is not None
        and status != current.status
        and status not in PROJECT_TRANSITIONS[current.status]
    ):
        errors["status"] = [
            _("Un progetto «%(old)s» non può tornare «%(new)s».")
            % {"old": current.get_status_display(), "new": ProjectStatus(status).label}
        ]
    if status == ProjectStatus.CLOSED and ends is None and "status" not in errors:
        errors["ends_on"] = [_("Per concludere il progetto indica la data di fine.")]
    if errors:
        raise ValidationError(errors)
    return data


@transaction.atomic
def project_create(*, actor: User, code: str, **values: Any) -> PilotProject:
    """Register a project led by one of the actor's hubs (fields: PROJECT_FIELDS)."""
    perms.require_read(actor)
    if not perms.can_create(actor):
        raise PermissionDenied
    code = (code or "").strip().upper()
    data = _project_values(actor=actor, current=None, values=values)
    if data["status"] == ProjectStatus.CLOSED:
        raise ValidationError({"status": _("Un nuovo progetto è in programma o in corso.")})
    if not code:
        raise ValidationError({"code": _("Indica il codice del progetto.")})
    if PilotProject.objects.filter(code__iexact=code).exists():
        raise ValidationError({"code": _("Questo codice è già di un altro progetto.")})
    project = PilotProject(
        code=code, region=data["municipality"].province.region, created_by=actor, **data
    )
    project.full_clean(exclude=["created_by"])
    project.save()
    record(
        actor=actor,
        action="socialfarming.project.created",
        target=project,
        changes={"code": (None, code), **{k: (None, v) for k, v in data.items()}},
        node_id=project.lead_hub_id,
    )
    return project


@transaction.atomic
def project_update(
    *, actor: User, project: PilotProject, expected_version: int, **values: Any
) -> PilotProject:
    """Change a project at the version the user read; the status only moves forward."""
    stored = PilotProject.objects.select_for_update().get(pk=project.pk)
    perms.require_write(actor, stored)
    data = _project_values(actor=actor, current=stored, values=values)
    changes = {k: (getattr(stored, k), v) for k, v in data.items() if getattr(stored, k) != v}
    for name, value in data.items():
        setattr(project, name, value)
    project.region = data["municipality"].province.region
    project.full_clean(exclude=["created_by"], validate_unique=False)
    save_if_version(project, expected_version=expected_version, fields=[*PROJECT_FIELDS, "region"])
    record(
        actor=actor,
        action="socialfarming.project.updated",
        target=project,
        changes=changes,
        node_id=project.lead_hub_id,
    )
    return project


def _open_for_records(project: PilotProject) -> None:
    if project.is_closed:
        raise ValidationError(
            _("Il progetto è concluso: non si aggiunge più nulla."), code="closed"
        )


@transaction.atomic
def partner_add(
    *,
    actor: User,
    project: PilotProject,
    name: str,
    kind: str,
    role: str,
    from_on: dt.date,
    until_on: dt.date | None = None,
    contact: str = "",
    employer: Employer | None = None,
) -> Partner:
    """Add a partner. A registered employer that is flagged is refused with its reasons;
    without a name, the employer's legal name is used."""
    perms.require_write(actor, project)
    _open_for_records(project)
    errors: dict[str, list[str]] = {}
    name = (name or "").strip() or (employer.legal_name if employer else "")
    if employer is not None and (reasons := employer.flag_reasons()):
        errors["employer"] = [
            _("%(name)s non può essere partner del progetto perché è segnalato: %(reasons)s.")
            % {"name": employer.legal_name, "reasons": "; ".join(reasons)}
        ]
    if not name:
        errors["name"] = [_("Indica il nome dell'organizzazione.")]
    elif project.partners.filter(name__iexact=name).exists():
        errors["name"] = [_("Questa organizzazione è già partner del progetto.")]
    if kind not in PartnerKind.values:
        errors["kind"] = [_("Tipo di partner non valido.")]
    if not (role or "").strip():
        errors["role"] = [_("Descrivi il ruolo nel progetto.")]
    if until_on is not None and until_on < from_on:
        errors["until_on"] = [_("La fine viene prima dell'inizio.")]
    if errors:
        raise ValidationError(errors)
    partner = Partner(
        project=project,
        name=name,
        kind=kind,
        employer=employer,
        role=role.strip(),
        contact=(contact or "").strip(),
        from_on=from_on,
        until_on=until_on,
        added_by=actor,
    )
    partner.full_clean(exclude=["project", "employer", "added_by"], validate_unique=False)
    partner.save()
    record(
        actor=actor,
        action="socialfarming.partner.added",
        target=partner,
        node_id=project.lead_hub_id,
        data={"project": project.pk, "kind": kind, "employer": employer.pk if employer else None},
    )
    return partner


@transaction.atomic
def result_record(
    *,
    actor: User,
    project: PilotProject,
    indicator: str,
    achieved: Decimal,
    measured_on: dt.date,
    target: Decimal | None = None,
    other_label: str = "",
    notes: str = "",
) -> Result:
    """Record a measured result against its target. People and enterprises are counted in
    whole numbers; a measurement cannot be in the future. Allowed on a closed project too (the
    final figures are measured at the end)."""
    perms.require_write(actor, project)
    errors: dict[str, list[str]] = {}
    other_label = (other_label or "").strip()
    if indicator not in ResultIndicator.values:
        errors["indicator"] = [_("Indicatore non valido.")]
    elif indicator == ResultIndicator.OTHER and not other_label:
        errors["other_label"] = [_("Scrivi che cosa misura l'indicatore.")]
    if indicator != ResultIndicator.OTHER:
        other_label = ""
    for field, value in (("achieved", achieved), ("target", target)):
        if value is None:
            continue
        if value < 0:
            errors[field] = [_("Il valore non può essere negativo.")]
        elif indicator in COUNT_INDICATORS and value != value.to_integral_value():
            errors[field] = [_("Persone e imprese si contano in numeri interi.")]
    if _future(measured_on):
        errors["measured_on"] = [_("La data non può essere nel futuro.")]
    if errors:
        raise ValidationError(errors)
    result = Result(
        project=project,
        indicator=indicator,
        other_label=other_label,
        target=target,
        achieved=achieved,
        measured_on=measured_on,
        notes=(notes or "").strip(),
        recorded_by=actor,
    )
    result.full_clean(exclude=["project", "recorded_by"])
    result.save()
    record(
        actor=actor,
        action="socialfarming.result.recorded",
        target=result,
        node_id=project.lead_hub_id,
        data={
            "project": project.pk,
            "indicator": indicator,
            "achieved": achieved,
            "target": target,
        },
    )
    return result
