"""Writes of employers, their sites and inspections, and vacancies. Each is atomic and audited.

Rules enforced here (the database cannot see them): the VAT number is a valid partita IVA,
stored compact and unique; a Rete membership needs the date it was last checked; only a
coordinator clears a 603-bis conviction; a vacancy's site is the employer's, its occupation a
unit group in use, its level one of the employer's agreement, and **its pay never below the
level's minimum**; a stale edit is refused (core.concurrency).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.it import codicefiscale, iva

from approdo.accounts.models import User
from approdo.audit.services import record
from approdo.core.concurrency import save_if_version
from approdo.jobs import employer_selectors as sel
from approdo.jobs.models import (
    MAX_HOURS_PER_WEEK,
    VACANCY_TRANSITIONS,
    AgreementRate,
    CefrLevel,
    CollectiveAgreement,
    Employer,
    EmployerSite,
    Inspection,
    InspectionBody,
    InspectionOutcome,
    Occupation,
    Sector,
    Vacancy,
    VacancyLanguage,
    VacancyStatus,
    below_minimum_message,
)
from approdo.network.models import Language, Municipality

CENT = Decimal("0.01")
EMPLOYER_FIELDS = (
    "legal_name",
    "vat_number",
    "tax_code",
    "sector",
    "agreement",
    "rete_member",
    "rete_member_since",
    "rete_checked_on",
    "has_603bis_conviction",
    "conviction_on",
    "conviction_note",
    "notes",
)
VACANCY_FIELDS = (
    "site",
    "occupation",
    "title",
    "agreement_rate",
    "gross_hourly_pay",
    "starts_on",
    "ends_on",
    "hours_per_week",
    "seats",
    "housing_offered",
    "transport_offered",
    "description",
)


# --- validation ---------------------------------------------------------------------------------
def clean_vat_number(value: str) -> str:
    """A partita IVA, compact (11 digits, no IT prefix); ValidationError when not valid."""
    try:
        return str(iva.validate(value or ""))
    except StdnumError as exc:
        raise ValidationError(
            _("Partita IVA non valida: servono 11 cifre con la cifra di controllo corretta."),
            code="vat_number",
        ) from exc


def clean_tax_code(value: str) -> str:
    """An organisation's codice fiscale (11 digits) or a sole trader's (16 characters)."""
    value = (value or "").strip().upper().replace(" ", "")
    if not value:
        return ""
    module = iva if len(value) == 11 else codicefiscale
    try:
        return str(module.validate(value))
    except StdnumError as exc:
        raise ValidationError(_("Codice fiscale non valido."), code="tax_code") from exc


def _not_future(value: dt.date | None, field: str, errors: dict[str, list[str]]) -> None:
    if value is not None and value > timezone.localdate():
        errors.setdefault(field, []).append(_("La data non può essere nel futuro."))


def _employer_values(
    *, actor: User, current: Employer | None, values: dict[str, Any]
) -> dict[str, Any]:
    """The cleaned values of an employer, or a ValidationError naming every wrong field."""
    errors: dict[str, list[str]] = {}
    data = {name: values.get(name) for name in EMPLOYER_FIELDS}
    data["legal_name"] = (data["legal_name"] or "").strip()
    if not data["legal_name"]:
        errors["legal_name"] = [_("Indica la ragione sociale.")]
    try:
        data["vat_number"] = clean_vat_number(data["vat_number"] or "")
    except ValidationError as exc:
        errors["vat_number"] = exc.messages
    else:
        taken = Employer.objects.filter(vat_number=data["vat_number"])
        if current is not None:
            taken = taken.exclude(pk=current.pk)
        if other := taken.first():
            errors["vat_number"] = [
                _("Questa partita IVA è già registrata: %(name)s.") % {"name": other.legal_name}
            ]
    try:
        data["tax_code"] = clean_tax_code(data["tax_code"] or "")
    except ValidationError as exc:
        errors["tax_code"] = exc.messages
    if data["sector"] not in Sector.values:
        errors["sector"] = [_("Settore non valido.")]
    agreement = data["agreement"]
    if agreement is not None and not isinstance(agreement, CollectiveAgreement):
        errors["agreement"] = [_("Contratto collettivo non valido.")]
    data["rete_member"] = bool(data["rete_member"])
    if data["rete_member"]:
        if data["rete_checked_on"] is None:
            errors["rete_checked_on"] = [
                _("Indica quando hai verificato l'iscrizione alla Rete sull'elenco INPS.")
            ]
        _not_future(data["rete_member_since"], "rete_member_since", errors)
    else:
        data["rete_member_since"] = None
    _not_future(data["rete_checked_on"], "rete_checked_on", errors)
    data["has_603bis_conviction"] = bool(data["has_603bis_conviction"])
    data["conviction_note"] = (data["conviction_note"] or "").strip()
    data["notes"] = (data["notes"] or "").strip()
    if data["has_603bis_conviction"]:
        _not_future(data["conviction_on"], "conviction_on", errors)
    else:
        data["conviction_on"] = None
        data["conviction_note"] = ""
        clearing = current is not None and current.has_603bis_conviction
        if clearing and not sel.can_clear_conviction(actor):
            errors["has_603bis_conviction"] = [
                _("Solo il coordinatore dell'hub può togliere una condanna per 603-bis.")
            ]
    if errors:
        raise ValidationError(errors)
    return data


# --- employers ----------------------------------------------------------------------------------
@transaction.atomic
def employer_create(*, actor: User, **values: Any) -> Employer:
    """Register an employer for the whole network (fields: EMPLOYER_FIELDS)."""
    sel.require_write(actor)
    data = _employer_values(actor=actor, current=None, values=values)
    employer = Employer(**data, created_by=actor, registered_at_id=sel.home_node_id(actor))
    employer.full_clean()
    employer.save()
    record(
        actor=actor,
        action="jobs.employer.created",
        target=employer,
        changes={name: (None, getattr(employer, name)) for name in EMPLOYER_FIELDS},
        node_id=employer.registered_at_id,
    )
    return employer


@transaction.atomic
def employer_update(
    *, actor: User, employer: Employer, expected_version: int, **values: Any
) -> Employer:
    """Change an employer's record at the version the user read (fields: EMPLOYER_FIELDS)."""
    sel.require_write(actor)
    stored = Employer.objects.get(pk=employer.pk)
    data = _employer_values(actor=actor, current=stored, values=values)
    changes = {
        name: (getattr(stored, name), value)
        for name, value in data.items()
        if getattr(stored, name) != value
    }
    for name, value in data.items():
        setattr(employer, name, value)
    employer.full_clean(validate_unique=False)
    save_if_version(employer, expected_version=expected_version, fields=list(EMPLOYER_FIELDS))
    record(
        actor=actor,
        action="jobs.employer.updated",
        target=employer,
        changes=changes,
        node_id=sel.home_node_id(actor),
    )
    return employer


@transaction.atomic
def site_add(
    *,
    actor: User,
    employer: Employer,
    name: str,
    municipality: Municipality,
    address: str = "",
    latitude: Decimal | None = None,
    longitude: Decimal | None = None,
) -> EmployerSite:
    """Add a place of work to an employer; a name is used once per employer."""
    sel.require_write(actor)
    name = name.strip()
    if EmployerSite.objects.filter(employer=employer, name__iexact=name).exists():
        raise ValidationError(
            {"name": _("Questo datore di lavoro ha già una sede con questo nome.")}
        )
    if (latitude is None) != (longitude is None):
        raise ValidationError({"longitude": _("Indica sia la latitudine sia la longitudine.")})
    site = EmployerSite(
        employer=employer,
        name=name,
        municipality=municipality,
        address=address.strip(),
        latitude=latitude,
        longitude=longitude,
    )
    site.full_clean()
    site.save()
    record(
        actor=actor,
        action="jobs.employer_site.created",
        target=site,
        data={"employer": employer.pk, "municipality": municipality.istat_code},
        node_id=sel.home_node_id(actor),
    )
    return site


@transaction.atomic
def inspection_record(
    *,
    actor: User,
    employer: Employer,
    inspected_on: dt.date,
    body: str,
    outcome: str,
    note: str = "",
) -> Inspection:
    """Note what an inspection found. Violations found make the employer show a warning until a
    later concluded inspection says otherwise."""
    sel.require_write(actor)
    errors: dict[str, list[str]] = {}
    if body not in InspectionBody.values:
        errors["body"] = [_("Organo di vigilanza non valido.")]
    if outcome not in InspectionOutcome.values:
        errors["outcome"] = [_("Esito non valido.")]
    _not_future(inspected_on, "inspected_on", errors)
    if outcome == InspectionOutcome.VIOLATIONS and not note.strip():
        errors["note"] = [_("Descrivi le irregolarità riscontrate.")]
    if errors:
        raise ValidationError(errors)
    inspection = Inspection.objects.create(
        employer=employer,
        inspected_on=inspected_on,
        body=body,
        outcome=outcome,
        note=note.strip(),
        recorded_by=actor,
    )
    record(
        actor=actor,
        action="jobs.inspection.recorded",
        target=inspection,
        data={"employer": employer.pk, "body": body, "outcome": outcome},
        node_id=sel.home_node_id(actor),
    )
    return inspection


# --- vacancies ----------------------------------------------------------------------------------
def _pay(value: object) -> Decimal:
    try:
        amount = Decimal(str(value))
    except (InvalidOperation, ValueError) as exc:
        raise ValidationError(_("Importo non valido."), code="pay") from exc
    if not amount.is_finite() or amount <= 0:
        raise ValidationError(_("La paga deve essere maggiore di zero."), code="pay")
    if amount != amount.quantize(CENT):
        raise ValidationError(_("Al massimo due decimali (centesimi)."), code="pay")
    return amount.quantize(CENT)


def _vacancy_values(*, employer: Employer, values: dict[str, Any]) -> dict[str, Any]:
    """The cleaned values of a vacancy, or a ValidationError naming every wrong field."""
    errors: dict[str, list[str]] = {}
    data = {name: values.get(name) for name in VACANCY_FIELDS}
    data["title"] = (data["title"] or "").strip()
    data["description"] = (data["description"] or "").strip()
    data["housing_offered"] = bool(data["housing_offered"])
    data["transport_offered"] = bool(data["transport_offered"])
    if not data["title"]:
        errors["title"] = [_("Indica un titolo.")]
    site = data["site"]
    if not isinstance(site, EmployerSite) or site.employer_id != employer.pk:
        errors["site"] = [_("La sede non è di questo datore di lavoro.")]
    occupation = data["occupation"]
    if not isinstance(occupation, Occupation) or occupation.level != 4 or not occupation.active:
        errors["occupation"] = [_("Scegli un gruppo unitario ISCO-08 (4 cifre) in uso.")]
    rate = data["agreement_rate"]
    if employer.agreement_id is None:
        errors["agreement_rate"] = [
            _(
                "Il datore di lavoro non ha un contratto collettivo indicato: aggiungilo alla "
                "sua scheda prima di registrare un'offerta."
            )
        ]
    elif not isinstance(rate, AgreementRate) or rate.agreement_id != employer.agreement_id:
        errors["agreement_rate"] = [
            _("Il livello non è del contratto applicato dal datore di lavoro (%(name)s).")
            % {"name": employer.agreement}
        ]
    try:
        pay = _pay(data["gross_hourly_pay"])
    except ValidationError as exc:
        errors["gross_hourly_pay"] = exc.messages
    else:
        data["gross_hourly_pay"] = pay
        if (
            "agreement_rate" not in errors
            and isinstance(rate, AgreementRate)
            and pay < rate.minimum_hourly_pay
        ):
            errors["gross_hourly_pay"] = [below_minimum_message(rate)]
    starts, ends = data["starts_on"], data["ends_on"]
    if not isinstance(starts, dt.date):
        errors["starts_on"] = [_("Indica la data di inizio.")]
    if not isinstance(ends, dt.date):
        errors["ends_on"] = [_("Indica la data di fine.")]
    elif isinstance(starts, dt.date) and ends < starts:
        errors["ends_on"] = [_("La data di fine viene prima di quella di inizio.")]
    hours = data["hours_per_week"]
    if not isinstance(hours, int) or not 1 <= hours <= MAX_HOURS_PER_WEEK:
        errors["hours_per_week"] = [
            _("Le ore settimanali vanno da 1 a %(max)s.") % {"max": MAX_HOURS_PER_WEEK}
        ]
    seats = data["seats"]
    if not isinstance(seats, int) or seats < 1:
        errors["seats"] = [_("Serve almeno un posto.")]
    if errors:
        raise ValidationError(errors)
    return data


def _languages(languages: Iterable[tuple[Language, str]]) -> list[tuple[Language, str]]:
    rows = list(languages)
    seen: set[int] = set()
    for language, level in rows:
        if level not in CefrLevel.values:
            raise ValidationError(
                {"languages": _("Livello QCER non valido: da A1 a C2.")}, code="cefr"
            )
        if language.pk in seen:
            raise ValidationError(
                {"languages": _("La lingua %(name)s è indicata due volte.") % {"name": language}}
            )
        seen.add(language.pk)
    return rows


def _set_languages(vacancy: Vacancy, rows: Sequence[tuple[Language, str]]) -> None:
    vacancy.languages.all().delete()
    VacancyLanguage.objects.bulk_create(
        VacancyLanguage(vacancy=vacancy, language=language, min_level=level)
        for language, level in rows
    )


def _language_codes(rows: Sequence[tuple[Language, str]]) -> list[str]:
    return [f"{language.code}:{level}" for language, level in rows]


@transaction.atomic
def vacancy_create(
    *,
    actor: User,
    employer: Employer,
    languages: Iterable[tuple[Language, str]] = (),
    status: str = VacancyStatus.DRAFT,
    **values: Any,
) -> Vacancy:
    """Record a vacancy (fields: VACANCY_FIELDS), as a draft or open. A pay below the minimum of
    the agreement's level is refused; a flagged employer's vacancy is recorded, shown with the
    flag and never matched."""
    sel.require_write(actor)
    data = _vacancy_values(employer=employer, values=values)
    rows = _languages(languages)
    if status not in (VacancyStatus.DRAFT, VacancyStatus.OPEN):
        raise ValidationError({"status": _("Una nuova offerta è una bozza o è aperta.")})
    vacancy = Vacancy(
        employer=employer,
        status=status,
        created_by=actor,
        registered_at_id=sel.home_node_id(actor),
        **data,
    )
    vacancy.full_clean()
    vacancy.save()
    _set_languages(vacancy, rows)
    record(
        actor=actor,
        action="jobs.vacancy.created",
        target=vacancy,
        changes={name: (None, data[name]) for name in VACANCY_FIELDS},
        data={"status": status, "employer": employer.pk, "languages": _language_codes(rows)},
        node_id=vacancy.registered_at_id,
    )
    return vacancy


def _require_vacancy_edit(actor: User, vacancy: Vacancy) -> None:
    sel.require_write(actor)
    if not sel.can_edit_vacancy(actor, vacancy):
        raise PermissionDenied


@transaction.atomic
def vacancy_update(
    *,
    actor: User,
    vacancy: Vacancy,
    expected_version: int,
    languages: Iterable[tuple[Language, str]] = (),
    status: str | None = None,
    **values: Any,
) -> Vacancy:
    """Change a draft or open vacancy at the version the user read; a draft may be opened.
    The pay is checked again against the level's minimum."""
    _require_vacancy_edit(actor, vacancy)
    stored = Vacancy.objects.select_related("employer").get(pk=vacancy.pk)
    if stored.status not in (VacancyStatus.DRAFT, VacancyStatus.OPEN):
        raise ValidationError(_("L'offerta è chiusa: non si modifica più."), code="closed")
    new_status = status or stored.status
    if new_status != stored.status and new_status not in VACANCY_TRANSITIONS[stored.status]:
        raise ValidationError({"status": _("Cambio di stato non consentito.")})
    if new_status not in (VacancyStatus.DRAFT, VacancyStatus.OPEN):
        raise ValidationError({"status": _("Per chiudere l'offerta usa «Chiudi l'offerta».")})
    data = _vacancy_values(employer=stored.employer, values=values)
    rows = _languages(languages)
    changes = {
        name: (getattr(stored, name), value)
        for name, value in data.items()
        if getattr(stored, name) != value
    }
    if new_status != stored.status:
        changes["status"] = (stored.status, new_status)
    for name, value in data.items():
        setattr(vacancy, name, value)
    vacancy.status = new_status
    vacancy.full_clean()
    save_if_version(vacancy, expected_version=expected_version, fields=[*VACANCY_FIELDS, "status"])
    before = _language_codes(
        [(row.language, row.min_level) for row in stored.languages.select_related("language")]
    )
    after = _language_codes(rows)
    if before != after:
        _set_languages(vacancy, rows)
        changes["languages"] = (before, after)
    record(
        actor=actor,
        action="jobs.vacancy.updated",
        target=vacancy,
        changes=changes,
        node_id=vacancy.registered_at_id,
    )
    return vacancy


@transaction.atomic
def vacancy_close(
    *, actor: User, vacancy: Vacancy, expected_version: int, status: str, note: str = ""
) -> Vacancy:
    """Mark a vacancy filled (the seats were taken) or closed (withdrawn); both are final."""
    _require_vacancy_edit(actor, vacancy)
    stored = Vacancy.objects.get(pk=vacancy.pk)
    if status not in (VacancyStatus.FILLED, VacancyStatus.CLOSED):
        raise ValidationError({"status": _("Scegli «coperta» o «chiusa».")})
    if status not in VACANCY_TRANSITIONS[stored.status]:
        raise ValidationError(
            _("Un'offerta %(status)s non può diventare %(new)s.")
            % {
                "status": stored.get_status_display().lower(),
                "new": VacancyStatus(status).label.lower(),
            },
            code="transition",
        )
    vacancy.status = status
    vacancy.close_note = note.strip()[:300]
    save_if_version(vacancy, expected_version=expected_version, fields=["status", "close_note"])
    record(
        actor=actor,
        action="jobs.vacancy.closed",
        target=vacancy,
        changes={"status": (stored.status, status)},
        data={"note": vacancy.close_note},
        node_id=vacancy.registered_at_id,
    )
    return vacancy
