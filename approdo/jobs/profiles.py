"""Writes of the skills profile, always through a case the actor may edit, each audited.

The profile belongs to the person (a new case elsewhere finds it), but only a member of the
team of one of their cases may change it. Occupations are coded at the ISCO-08 unit group
(4 digits), the level the matching compares. `to_candidate` turns the profile into what the
matcher reads.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from approdo.accounts.models import User
from approdo.audit.services import record
from approdo.cases.models import Case
from approdo.cases.permissions import permissions_for
from approdo.core.concurrency import save_if_version
from approdo.jobs.employer_models import CefrLevel, Sector
from approdo.jobs.matching_fit import Candidate
from approdo.jobs.models import Occupation
from approdo.jobs.profile_models import (
    Certificate,
    CertificateKind,
    DrivingLicence,
    LanguageSkill,
    LicenceCategory,
    SkillsProfile,
    WorkExperience,
)
from approdo.network.models import Language, Municipality
from approdo.people.models import Person

PROFILE_FIELDS = [
    "available_from",
    "available_until",
    "max_hours_per_week",
    "reach_km",
    "has_own_transport",
    "needs_housing",
    "preferred_sectors",
    "notes",
]


def _person(actor: User, case: Case) -> Person:
    """The case's person, locked, if the actor may edit the case."""
    if not permissions_for(actor, case).can_edit:
        raise PermissionDenied
    if case.person_id is None:
        raise ValidationError(_("Registra prima la persona."), code="needs_person")
    return Person.objects.select_for_update().get(pk=case.person_id)


def _units(occupations: Iterable[Occupation], field: str) -> list[Occupation]:
    chosen = list(occupations)
    if any(o.level != 4 for o in chosen):
        raise ValidationError(
            {field: _("Scegli un gruppo unitario ISCO-08 (codice di 4 cifre).")}, code="not_unit"
        )
    return chosen


def _clean(instance: Any, exclude: list[str]) -> None:
    instance.full_clean(exclude=exclude, validate_unique=False)


@transaction.atomic
def profile_save(
    *,
    actor: User,
    case: Case,
    expected_version: int,
    available_from: dt.date | None,
    available_until: dt.date | None,
    max_hours_per_week: int,
    reach_km: int,
    has_own_transport: bool,
    needs_housing: bool,
    preferred_occupations: Iterable[Occupation] = (),
    excluded_occupations: Iterable[Occupation] = (),
    preferred_sectors: Iterable[str] = (),
    notes: str = "",
) -> SkillsProfile:
    """Create the profile (expected_version 0) or update it if nobody changed it since."""
    person = _person(actor, case)
    preferred = _units(preferred_occupations, "preferred_occupations")
    excluded = list(excluded_occupations)
    sectors = sorted(set(preferred_sectors))
    if any(s not in Sector.values for s in sectors):
        raise ValidationError({"preferred_sectors": _("Settore non valido.")})
    if {o.pk for o in preferred} & {o.pk for o in excluded}:
        raise ValidationError(
            {"excluded_occupations": _("Una mansione non può essere preferita ed esclusa.")}
        )
    if available_from and available_until and available_until < available_from:
        raise ValidationError(
            {"available_until": _("La fine della disponibilità viene prima dell'inizio.")}
        )
    values: dict[str, Any] = {
        "available_from": available_from,
        "available_until": available_until,
        "max_hours_per_week": max_hours_per_week,
        "reach_km": reach_km,
        "has_own_transport": has_own_transport,
        "needs_housing": needs_housing,
        "preferred_sectors": sectors,
        "notes": notes.strip(),
    }
    existing = SkillsProfile.objects.filter(person=person).first()
    if existing is None:
        if expected_version != 0:
            raise ValidationError(_("Il profilo non esiste più: ricarica la pagina."), code="stale")
        profile = SkillsProfile(person=person, updated_by=actor, **values)
        _clean(profile, exclude=["person", "updated_by"])
        profile.save()
        action, changes = "jobs.profile.created", {k: (None, v) for k, v in values.items()}
    else:
        if expected_version == 0:
            expected_version = -1  # someone created it meanwhile: stale
        profile = existing
        changes = {
            k: (getattr(profile, k), v) for k, v in values.items() if getattr(profile, k) != v
        }
        for key, value in values.items():
            setattr(profile, key, value)
        profile.updated_by = actor
        _clean(profile, exclude=["person", "updated_by"])
        save_if_version(
            profile, expected_version=expected_version, fields=[*PROFILE_FIELDS, "updated_by"]
        )
        action = "jobs.profile.updated"
    profile.preferred_occupations.set(preferred)
    profile.excluded_occupations.set(excluded)
    record(
        actor=actor,
        action=action,
        target=profile,
        changes=changes,
        node_id=case.hub_id,
        data={
            "case": case.pk,
            "preferred_occupations": sorted(o.code for o in preferred),
            "excluded_occupations": sorted(o.code for o in excluded),
        },
    )
    return profile


@transaction.atomic
def experience_add(
    *,
    actor: User,
    case: Case,
    occupation: Occupation,
    years: Decimal,
    sector: str = "",
    tasks: str = "",
    place: str = "",
    municipality: Municipality | None = None,
    from_month: int | None = None,
    to_month: int | None = None,
    employer_name: str = "",
    formal_contract: str = "unknown",
) -> WorkExperience:
    """Record a past job; the occupation must be an ISCO-08 unit group."""
    person = _person(actor, case)
    _units([occupation], "occupation")
    if (from_month is None) != (to_month is None):
        raise ValidationError({"to_month": _("Indica sia il mese d'inizio sia quello di fine.")})
    experience = WorkExperience(
        person=person,
        occupation=occupation,
        years=years,
        sector=sector,
        tasks=tasks.strip(),
        place=place.strip(),
        municipality=municipality,
        from_month=from_month,
        to_month=to_month,
        employer_name=employer_name.strip(),
        formal_contract=formal_contract,
    )
    _clean(experience, exclude=["person"])
    experience.save()
    record(
        actor=actor,
        action="jobs.experience.added",
        target=experience,
        node_id=case.hub_id,
        data={"case": case.pk, "occupation": occupation.code, "years": str(years)},
    )
    return experience


def _own(row: Any, case: Case, person: Person) -> None:
    if row.person_id != person.pk:
        raise ValidationError(_("Questo dato non è della persona del caso."), code="not_owned")


@transaction.atomic
def experience_remove(*, actor: User, case: Case, experience: WorkExperience) -> None:
    """Remove a job recorded by mistake (the audit keeps what it was)."""
    person = _person(actor, case)
    _own(experience, case, person)
    record(
        actor=actor,
        action="jobs.experience.removed",
        target=experience,
        node_id=case.hub_id,
        data={"case": case.pk, "occupation": experience.occupation.code},
    )
    experience.delete()


@transaction.atomic
def certificate_add(
    *,
    actor: User,
    case: Case,
    kind: str,
    other_kind: str = "",
    issued_on: dt.date | None = None,
    expires_on: dt.date | None = None,
    issuer: str = "",
) -> Certificate:
    """Record a certificate; «Altro» needs its name, the expiry cannot precede the issue."""
    person = _person(actor, case)
    if kind == CertificateKind.OTHER and not other_kind.strip():
        raise ValidationError({"other_kind": _("Scrivi di quale attestato si tratta.")})
    if issued_on and expires_on and expires_on < issued_on:
        raise ValidationError({"expires_on": _("La scadenza viene prima del rilascio.")})
    certificate = Certificate(
        person=person,
        kind=kind,
        other_kind=other_kind.strip() if kind == CertificateKind.OTHER else "",
        issued_on=issued_on,
        expires_on=expires_on,
        issuer=issuer.strip(),
    )
    _clean(certificate, exclude=["person"])
    certificate.save()
    record(
        actor=actor,
        action="jobs.certificate.added",
        target=certificate,
        node_id=case.hub_id,
        data={"case": case.pk, "kind": kind},
    )
    return certificate


@transaction.atomic
def certificate_remove(*, actor: User, case: Case, certificate: Certificate) -> None:
    person = _person(actor, case)
    _own(certificate, case, person)
    record(
        actor=actor,
        action="jobs.certificate.removed",
        target=certificate,
        node_id=case.hub_id,
        data={"case": case.pk, "kind": certificate.kind},
    )
    certificate.delete()


@transaction.atomic
def licence_set(
    *, actor: User, case: Case, category: str, expires_on: dt.date | None = None
) -> DrivingLicence:
    """Record a driving licence, or update the expiry of one already recorded."""
    person = _person(actor, case)
    if category not in LicenceCategory.values:
        raise ValidationError({"category": _("Categoria di patente non valida.")})
    licence, created = DrivingLicence.objects.get_or_create(
        person=person, category=category, defaults={"expires_on": expires_on}
    )
    old = None if created else licence.expires_on
    if not created and licence.expires_on != expires_on:
        licence.expires_on = expires_on
        licence.save(update_fields=["expires_on", "updated_at"])
    record(
        actor=actor,
        action="jobs.licence.set",
        target=licence,
        changes={"expires_on": (old, expires_on)},
        node_id=case.hub_id,
        data={"case": case.pk, "category": category},
    )
    return licence


@transaction.atomic
def licence_remove(*, actor: User, case: Case, licence: DrivingLicence) -> None:
    person = _person(actor, case)
    _own(licence, case, person)
    record(
        actor=actor,
        action="jobs.licence.removed",
        target=licence,
        node_id=case.hub_id,
        data={"case": case.pk, "category": licence.category},
    )
    licence.delete()


@transaction.atomic
def language_set(*, actor: User, case: Case, language: Language, level: str) -> LanguageSkill:
    """Record the CEFR level in a language, replacing the level recorded before."""
    person = _person(actor, case)
    if level not in CefrLevel.values:
        raise ValidationError({"level": _("Livello QCER non valido: da A1 a C2.")})
    skill, created = LanguageSkill.objects.get_or_create(
        person=person, language=language, defaults={"level": level}
    )
    old = None if created else skill.level
    if not created and skill.level != level:
        skill.level = level
        skill.save(update_fields=["level", "updated_at"])
    record(
        actor=actor,
        action="jobs.language.set",
        target=skill,
        changes={"level": (old, level)},
        node_id=case.hub_id,
        data={"case": case.pk, "language": language.code},
    )
    return skill


@transaction.atomic
def language_remove(*, actor: User, case: Case, skill: LanguageSkill) -> None:
    person = _person(actor, case)
    _own(skill, case, person)
    record(
        actor=actor,
        action="jobs.language.removed",
        target=skill,
        node_id=case.hub_id,
        data={"case": case.pk, "language": skill.language.code, "level": skill.level},
    )
    skill.delete()


def to_candidate(person: Person, *, today: dt.date | None = None) -> Candidate:
    """The person as the matcher reads them: unit groups with the years summed over the work
    history, languages by code with their CEFR level, home at the person's municipality, the
    reach, availability, hours and wishes. Without a municipality the home is (0, 0): callers
    must leave such people out of distance-based matching. Without a profile the person is
    available from today with no reach of their own.
    """
    profile = SkillsProfile.objects.filter(person=person).first()
    occupations: dict[str, float] = {}
    for code, years in WorkExperience.objects.filter(person=person).values_list(
        "occupation__code", "years"
    ):
        occupations[code] = occupations.get(code, 0.0) + float(years)
    languages = dict(
        LanguageSkill.objects.filter(person=person).values_list("language__code", "level")
    )
    municipality = person.municipality
    home = (
        (float(municipality.latitude), float(municipality.longitude))
        if municipality is not None
        else (0.0, 0.0)
    )
    start = today or timezone.localdate()
    if profile is None:
        return Candidate(
            id=person.pk,
            occupations=occupations,
            languages=languages,
            home=home,
            max_travel_km=0.0,
            available_from=start,
        )
    return Candidate(
        id=person.pk,
        occupations=occupations,
        languages=languages,
        home=home,
        max_travel_km=float(profile.reach_km),
        available_from=profile.available_from or start,
        available_until=profile.available_until,
        max_hours_per_week=profile.max_hours_per_week,
        needs_housing=profile.needs_housing,
        preferred_occupations=frozenset(
            profile.preferred_occupations.values_list("code", flat=True)
        ),
        preferred_sectors=frozenset(profile.preferred_sectors),
        excluded_occupations=frozenset(profile.excluded_occupations.values_list("code", flat=True)),
    )
