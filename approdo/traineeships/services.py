"""Writes of traineeships while they are planned: create and correct (lifecycle.py holds what
follows: start, suspend, resume, close). Each is atomic, checks the version the user read and
writes its audit event.

Rules enforced here: the host is an employer that is not flagged (603-bis conviction, farm
outside the Rete del Lavoro Agricolo di Qualità, Rete membership not re-checked in 12 months),
the site is the host's, the occupation an ISCO-08 unit group, the promoter's tutor works at the
case's hub, the traineeship lasts no longer than the region allows and pays at least its
minimum allowance.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from approdo.accounts.access import access_for
from approdo.accounts.models import User
from approdo.audit.services import record
from approdo.budget.services import euro
from approdo.cases.models import Case
from approdo.cases.permissions import permissions_for
from approdo.core.concurrency import save_if_version
from approdo.jobs.models import Employer, EmployerSite, Occupation
from approdo.people.services import normalise_phone
from approdo.traineeships.models import (
    MAX_HOURS_PER_WEEK,
    Traineeship,
    TraineeshipKind,
    TraineeshipStatus,
)
from approdo.traineeships.rules import (
    EARLIEST,
    LATEST,
    duration_months,
    in_calendar,
    latest_end,
    rule_for,
)

CENT = Decimal("0.01")
# The fields a case worker fills in (create, and edit while planned).
DETAIL_FIELDS = [
    "kind",
    "employer",
    "site",
    "promoter_node",
    "promoter_name",
    "promoter_tutor",
    "host_tutor_name",
    "host_tutor_role",
    "host_tutor_phone",
    "occupation",
    "starts_on",
    "ends_on",
    "hours_per_week",
    "monthly_allowance",
    "project",
]


def day_label(value: dt.date) -> str:
    return date_format(value, "SHORT_DATE_FORMAT")


def calendar_error() -> str:
    return _("Scegli una data tra il %(first)s e il %(last)s.") % {
        "first": day_label(EARLIEST),
        "last": day_label(LATEST),
    }


def require_edit(actor: User, case: Case) -> None:
    if not permissions_for(actor, case).can_edit:
        raise PermissionDenied


def host_refusal(employer: Employer) -> str:
    """Why a flagged employer cannot host a traineeship ("" when it can)."""
    reasons = employer.flag_reasons()
    if not reasons:
        return ""
    return _("%(host)s è segnalato e non può ospitare un tirocinio: %(reasons)s.") % {
        "host": employer.legal_name,
        "reasons": "; ".join(reasons),
    }


def _allowance(value: object) -> Decimal:
    try:
        amount = Decimal(str(value))
    except (InvalidOperation, ValueError) as exc:
        raise ValidationError({"monthly_allowance": _("Importo non valido.")}) from exc
    if not amount.is_finite() or amount < 0:
        raise ValidationError({"monthly_allowance": _("L'indennità non può essere negativa.")})
    if amount != amount.quantize(CENT):
        raise ValidationError({"monthly_allowance": _("Al massimo due decimali (centesimi).")})
    return amount.quantize(CENT)


def _clean_details(case: Case, values: dict[str, Any]) -> dict[str, Any]:
    """The checked and normalised fields of a traineeship of `case` (errors by field)."""
    errors: dict[str, list[str]] = {}

    def refuse(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    employer: Employer = values["employer"]
    site: EmployerSite = values["site"]
    occupation: Occupation = values["occupation"]
    tutor: User = values["promoter_tutor"]
    start: dt.date = values["starts_on"]
    end: dt.date = values["ends_on"]
    hours = int(values["hours_per_week"])
    rule = rule_for(case.hub.region)
    if values["kind"] not in TraineeshipKind.values:
        refuse("kind", _("Tipo di tirocinio non valido."))
    refusal = host_refusal(employer)
    if refusal:
        refuse("employer", refusal)
    if site.employer_id != employer.pk:
        refuse("site", _("La sede non è del soggetto ospitante scelto."))
    if occupation.level != 4:
        refuse("occupation", _("Scegli un gruppo unitario ISCO-08 (codice di 4 cifre)."))
    if not tutor.is_active or case.hub_id not in access_for(tutor).person_node_ids:
        refuse(
            "promoter_tutor",
            _("Il tutor del soggetto promotore deve lavorare nel polo che ha in carico il caso."),
        )
    outside = [
        name for name, day in (("starts_on", start), ("ends_on", end)) if not in_calendar(day)
    ]
    for name in outside:
        refuse(name, calendar_error())
    if outside:
        pass  # the order and the duration mean nothing for a date out of range
    elif end <= start:
        refuse("ends_on", _("La fine deve venire dopo l'inizio."))
    elif duration_months(start, end) > rule.max_months:
        refuse(
            "ends_on",
            _(
                "Un tirocinio in %(region)s dura al massimo %(months)s mesi: iniziando il "
                "%(start)s deve finire entro il %(last)s."
            )
            % {
                "region": rule.region,
                "months": rule.max_months,
                "start": day_label(start),
                "last": day_label(latest_end(start, rule.max_months)),
            },
        )
    if not 1 <= hours <= MAX_HOURS_PER_WEEK:
        refuse(
            "hours_per_week",
            _("Le ore settimanali vanno da 1 a %(max)s.") % {"max": MAX_HOURS_PER_WEEK},
        )
    try:
        allowance = _allowance(values["monthly_allowance"])
    except ValidationError as exc:
        errors.update(exc.message_dict)
        allowance = Decimal("0.00")
    else:
        if allowance < rule.minimum_allowance:
            refuse(
                "monthly_allowance",
                _(
                    "L'indennità è sotto il minimo: in %(region)s è di %(minimum)s € al mese"
                    "%(source)s."
                )
                % {
                    "region": rule.region,
                    "minimum": euro(rule.minimum_allowance),
                    "source": _(" (linee guida nazionali)") if rule.national else "",
                },
            )
    phone = values.get("host_tutor_phone", "").strip()
    if phone:
        try:
            phone = normalise_phone(phone)
        except ValidationError as exc:
            refuse("host_tutor_phone", " ".join(exc.messages))
    project = values["project"].strip()
    tutor_name = values["host_tutor_name"].strip()
    if not project:
        refuse("project", _("Scrivi gli obiettivi del progetto formativo."))
    if not tutor_name:
        refuse("host_tutor_name", _("Indica il tutor aziendale."))
    if errors:
        raise ValidationError(errors)
    promoter_name = values.get("promoter_name", "").strip()
    return {
        "kind": values["kind"],
        "employer": employer,
        "site": site,
        # No other promoter named: the hub that has the person in charge promotes it.
        "promoter_node": None if promoter_name else case.hub,
        "promoter_name": promoter_name,
        "promoter_tutor": tutor,
        "host_tutor_name": tutor_name,
        "host_tutor_role": values.get("host_tutor_role", "").strip(),
        "host_tutor_phone": phone,
        "occupation": occupation,
        "starts_on": start,
        "ends_on": end,
        "hours_per_week": hours,
        "monthly_allowance": allowance,
        "project": project,
    }


@transaction.atomic
def traineeship_create(*, actor: User, case: Case, **values: Any) -> Traineeship:
    """Plan a traineeship for the case's person (status planned; nothing is asked of the
    budget until it starts)."""
    require_edit(actor, case)
    if case.person_id is None:
        raise ValidationError(_("Registra prima la persona."), code="needs_person")
    clean = _clean_details(case, values)
    traineeship = Traineeship(
        case=case,
        person_id=case.person_id,
        attendance_threshold=rule_for(case.hub.region).attendance_threshold,
        created_by=actor,
        **clean,
    )
    traineeship.full_clean(validate_unique=False, validate_constraints=False)
    traineeship.save()
    record(
        actor=actor,
        action="traineeships.traineeship.created",
        target=traineeship,
        data={
            "case": case.pk,
            "employer": clean["employer"].pk,
            "starts_on": clean["starts_on"],
            "ends_on": clean["ends_on"],
            "monthly_allowance": clean["monthly_allowance"],
        },
        node_id=case.hub_id,
    )
    return traineeship


@transaction.atomic
def traineeship_update(
    *, actor: User, traineeship: Traineeship, expected_version: int, **values: Any
) -> Traineeship:
    """Correct a planned traineeship; once started its terms are those the budget paid for."""
    case = traineeship.case
    require_edit(actor, case)
    if traineeship.status != TraineeshipStatus.PLANNED:
        raise ValidationError(
            _("Si modifica solo un tirocinio programmato: questo è già avviato o chiuso."),
            code="not_planned",
        )
    clean = _clean_details(case, values)
    changes = {
        name: (getattr(traineeship, name), value)
        for name, value in clean.items()
        if getattr(traineeship, name) != value
    }
    for name, value in clean.items():
        setattr(traineeship, name, value)
    save_if_version(traineeship, expected_version=expected_version, fields=DETAIL_FIELDS)
    record(
        actor=actor,
        action="traineeships.traineeship.updated",
        target=traineeship,
        changes=changes,
        node_id=case.hub_id,
    )
    return traineeship
