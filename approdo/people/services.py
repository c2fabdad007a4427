"""Writes to people's records. Each service is atomic, checks access and records its audit event.

Sensitive identity values (tax code, document numbers, phone numbers) never reach the audit
trail in clear: coordinators read the trail, so it only says that such a value changed.
Every write that changes names, aliases, birth date, documents, phones or tax code refreshes
the person's search keys for the duplicate check.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, fields
from typing import Any

import phonenumbers
from codicefiscale import codicefiscale
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from approdo.accounts import access
from approdo.accounts.models import User
from approdo.audit.services import record
from approdo.core.concurrency import StaleEditError, save_if_version
from approdo.network.models import Language, Municipality, Node
from approdo.people.duplicates import DuplicateHit, find_duplicates, refresh_search_keys
from approdo.people.matching import PersonFacts
from approdo.people.models import (
    AliasKind,
    Consent,
    ConsentPurpose,
    DatePrecision,
    IdentityDocument,
    InformationNotice,
    Person,
    PersonAlias,
    PersonLanguage,
    PhoneNumber,
)

EARLIEST_BIRTH_DATE = dt.date(1900, 1, 1)
DEFAULT_PHONE_REGION = "IT"
MASK = "***"
# In-scope hits at or above this score ask for an explicit "different person" confirmation.
STRONG_MATCH_SCORE = 0.85
# Person fields whose values are masked in the audit trail.
SENSITIVE_FIELDS = frozenset({"tax_code"})
# Fields that feed the duplicate check's search keys.
IDENTITY_FIELDS = frozenset(
    {
        "family_name",
        "given_names",
        "family_name_original",
        "given_names_original",
        "birth_date",
        "birth_date_precision",
        "birth_date_is_placeholder",
        "tax_code",
        "nationality",
        "sex",
    }
)


# --- validation shared with the forms ------------------------------------------------------


def check_birth_date(value: dt.date | None) -> None:
    if value is None:
        return
    if value > timezone.localdate():
        raise ValidationError(_("La data di nascita non può essere nel futuro."), code="future")
    if value < EARLIEST_BIRTH_DATE:
        raise ValidationError(_("La data di nascita non può precedere il 1900."), code="too_early")


def normalise_tax_code(value: str) -> str:
    """The codice fiscale as issued, upper-cased; checked, never computed (omocodes pass)."""
    code = "".join(value.split()).upper()
    if not code:
        return ""
    if len(code) != 16:
        raise ValidationError(
            _("Il codice fiscale deve avere 16 caratteri (ne ha %(n)s).") % {"n": len(code)},
            code="tax_code_length",
        )
    if not codicefiscale.is_valid(code):
        raise ValidationError(
            _(
                "Codice fiscale non valido: il carattere di controllo (l'ultimo) non "
                "corrisponde. Ricopialo esattamente dal documento."
            ),
            code="tax_code_check",
        )
    return code


def normalise_phone(value: str) -> str:
    """A phone number in E.164 (Italian numbers may omit +39)."""
    text = value.strip()
    try:
        parsed = phonenumbers.parse(text, DEFAULT_PHONE_REGION)
    except phonenumbers.NumberParseException:
        parsed = None
    if parsed is None or not phonenumbers.is_valid_number(parsed):
        raise ValidationError(
            _(
                "Numero di telefono non valido. Per i numeri esteri scrivi il prefisso "
                "internazionale (per esempio +212 ...)."
            ),
            code="phone_invalid",
        )
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


def birth_date_is_placeholder(value: dt.date | None, precision: str, flagged: bool) -> bool:
    """A 1 January with only the year known is a conventional date, whatever the form said."""
    if value is None:
        return False
    if precision == DatePrecision.YEAR and (value.month, value.day) == (1, 1):
        return True
    return flagged and (value.month, value.day) == (1, 1)


def _mask(value: Any) -> str:
    return MASK if value else ""


def _require(actor: User, person: Person) -> None:
    from approdo.people.selectors import require_person

    require_person(actor, person)
    if person.merged_into_id:
        # A merged record keeps the values it had, as the source of what was merged.
        raise ValidationError(
            _("Questa scheda è stata unita a un'altra: le modifiche vanno fatte su quella.")
        )


# --- person ---------------------------------------------------------------------------------


@dataclass
class PersonData:
    """The scalar fields of a person as entered in the register or edit form."""

    given_names: str
    family_name: str = ""
    family_name_original: str = ""
    given_names_original: str = ""
    sex: str = "not_stated"
    gender: str = "not_stated"
    birth_date: dt.date | None = None
    birth_date_precision: str = DatePrecision.EXACT
    birth_date_is_placeholder: bool = False
    birth_country: str = ""
    nationality: str = ""
    needs_mediator: bool = False
    tax_code: str = ""
    address: str = ""
    living_place: str = ""
    municipality: Municipality | None = None
    education_level: str = "unknown"
    employment_status: str = "unknown"
    housing_condition: str = "unknown"

    def names(self) -> list[str]:
        return [f.name for f in fields(self)]


@dataclass
class NewPersonExtras:
    """What the register form adds beyond the person's own fields."""

    aliases: Sequence[str] = ()
    phones: Sequence[tuple[str, bool]] = ()
    languages: Sequence[tuple[Language, str]] = ()
    document_numbers: Sequence[str] = field(default_factory=tuple)


def _clean_values(data: PersonData) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for name in data.names():
        value = getattr(data, name)
        values[name] = value.strip() if isinstance(value, str) else value
    errors: dict[str, list[ValidationError]] = {}
    try:
        check_birth_date(values["birth_date"])
    except ValidationError as exc:
        errors["birth_date"] = [exc]
    try:
        values["tax_code"] = normalise_tax_code(values["tax_code"])
    except ValidationError as exc:
        errors["tax_code"] = [exc]
    if errors:
        raise ValidationError(errors)
    values["birth_date_is_placeholder"] = birth_date_is_placeholder(
        values["birth_date"], values["birth_date_precision"], values["birth_date_is_placeholder"]
    )
    return values


def facts_of(
    data: PersonData,
    *,
    aliases: Iterable[str] = (),
    documents: Iterable[str] = (),
    phones: Iterable[str] = (),
) -> PersonFacts:
    return PersonFacts(
        family_name=data.family_name,
        given_names=data.given_names,
        aliases=tuple(aliases),
        birth_date=data.birth_date,
        birth_date_precision=data.birth_date_precision,
        birth_date_is_placeholder=data.birth_date_is_placeholder,
        nationality=data.nationality,
        sex=data.sex,
        tax_code=data.tax_code,
        document_numbers=tuple(documents),
        phones=tuple(phones),
    )


def strong_matches(hits: Iterable[DuplicateHit]) -> list[DuplicateHit]:
    return [hit for hit in hits if hit.in_scope and hit.score >= STRONG_MATCH_SCORE]


def person_register(
    *,
    actor: User,
    node: Node,
    data: PersonData,
    extras: NewPersonExtras | None = None,
    confirmed_distinct: bool = False,
) -> Person:
    """Register a person at `node` (which must be in the actor's person scope).

    Rules: birth date not in the future nor before 1900; the codice fiscale is stored as
    issued and must pass its check character; phones are stored in E.164. The duplicate check
    runs again here: strong matches among the records the actor may see stop the registration
    unless the actor confirmed the person is different (`confirmed_distinct`). One
    `people.person.created` event, with sensitive values masked.
    """
    access.require_person_access(actor, node.pk)
    extras = extras or NewPersonExtras()
    values = _clean_values(data)
    phones = [(normalise_phone(number), whatsapp) for number, whatsapp in extras.phones]
    aliases = [name.strip() for name in extras.aliases if name.strip()]
    if not confirmed_distinct:
        checked = PersonData(**values)
        hits = find_duplicates(
            user=actor,
            query=facts_of(
                checked,
                aliases=aliases,
                documents=extras.document_numbers,
                phones=[p for p, _w in phones],
            ),
        )
        if strong_matches(hits):
            raise ValidationError(
                {
                    "confirmed_distinct": ValidationError(
                        _(
                            "Esiste già una scheda molto simile. Aprila per controllare; se è "
                            "davvero una persona diversa, conferma spuntando la casella."
                        ),
                        code="possible_duplicate",
                    )
                }
            )
    with transaction.atomic():
        person = Person(**values, registered_at=node, registered_by=actor)
        person.full_clean()
        person.save()
        for name in dict.fromkeys(aliases):
            alias = PersonAlias(person=person, name=name, kind=AliasKind.ALIAS)
            alias.full_clean()
            alias.save()
        for number, whatsapp in dict(phones).items():
            PhoneNumber.objects.create(person=person, number=number, whatsapp=whatsapp)
        for language, level in extras.languages:
            PersonLanguage.objects.update_or_create(
                person=person, language=language, defaults={"level": level}
            )
        changes = {
            name: (None, _mask(value) if name in SENSITIVE_FIELDS else value)
            for name, value in values.items()
            if value not in ("", None, False)
        }
        record(
            actor=actor,
            action="people.person.created",
            target=person,
            changes=changes,
            node_id=node.pk,
            data={
                "aliases": aliases,
                "phones": len(phones),
                "languages": sorted(lang.code for lang, _lvl in extras.languages),
                "confirmed_distinct": confirmed_distinct,
            },
        )
        refresh_search_keys(person)
    return person


def person_update(
    *, actor: User, person: Person, expected_version: int, data: PersonData
) -> Person:
    """Update a person's own fields, starting from the version the actor's form was built on.

    A stale form raises StaleEditError carrying the stored record; nothing is written. A
    submission that changes nothing writes nothing. One `people.person.updated` event lists
    the changed fields (tax code masked).
    """
    _require(actor, person)
    values = _clean_values(data)
    with transaction.atomic():
        current = Person.objects.select_for_update().get(pk=person.pk)
        if current.version != expected_version:
            raise StaleEditError(current)
        changes: dict[str, tuple[Any, Any]] = {}
        for name, new in values.items():
            old = getattr(current, name)
            if old != new:
                changes[name] = (_mask(old), _mask(new)) if name in SENSITIVE_FIELDS else (old, new)
                setattr(current, name, new)
        if not changes:
            return current
        current.full_clean()
        save_if_version(current, expected_version=expected_version, fields=list(values))
        record(
            actor=actor,
            action="people.person.updated",
            target=current,
            changes=changes,
            node_id=current.registered_at_id,
        )
        if IDENTITY_FIELDS & changes.keys():
            refresh_search_keys(current)
    return current


# --- documents, phones, aliases, languages -------------------------------------------------


def document_add(
    *,
    actor: User,
    person: Person,
    kind: str,
    permit_type: str = "",
    number: str = "",
    issued_on: dt.date | None = None,
    expires_on: dt.date | None = None,
    issuer: str = "",
    issuing_country: str = "",
) -> IdentityDocument:
    """Add an identity document. Expiry before issue is refused; an expired one is accepted."""
    _require(actor, person)
    document = IdentityDocument(
        person=person,
        kind=kind,
        permit_type=permit_type,
        number="".join(number.split()).upper(),
        issued_on=issued_on,
        expires_on=expires_on,
        issuer=issuer.strip(),
        issuing_country=issuing_country,
    )
    if issued_on and expires_on and expires_on < issued_on:
        raise ValidationError(
            {"expires_on": _("La scadenza non può precedere la data di rilascio.")}
        )
    with transaction.atomic():
        document.full_clean(exclude=["person"])
        document.save()
        record(
            actor=actor,
            action="people.document.added",
            target=person,
            node_id=person.registered_at_id,
            data={
                "document_id": document.pk,
                "kind": kind,
                "permit_type": permit_type,
                "number": _mask(document.number),
                "expires_on": expires_on,
            },
        )
        refresh_search_keys(person)
    return document


def document_remove(*, actor: User, document: IdentityDocument) -> None:
    person = document.person
    _require(actor, person)
    with transaction.atomic():
        record(
            actor=actor,
            action="people.document.removed",
            target=person,
            node_id=person.registered_at_id,
            data={"document_id": document.pk, "kind": document.kind, "number": MASK},
        )
        document.delete()
        refresh_search_keys(person)


def phone_add(
    *, actor: User, person: Person, number: str, whatsapp: bool = False, note: str = ""
) -> PhoneNumber:
    _require(actor, person)
    try:
        e164 = normalise_phone(number)
    except ValidationError as exc:
        raise ValidationError({"number": exc}) from exc
    if person.phones.filter(number=e164).exists():
        raise ValidationError({"number": _("Questo numero è già nella scheda.")})
    with transaction.atomic():
        phone = PhoneNumber(person=person, number=e164, whatsapp=whatsapp, note=note.strip())
        phone.full_clean()
        phone.save()
        record(
            actor=actor,
            action="people.phone.added",
            target=person,
            node_id=person.registered_at_id,
            data={"phone_id": phone.pk, "number": MASK, "whatsapp": whatsapp},
        )
        refresh_search_keys(person)
    return phone


def phone_remove(*, actor: User, phone: PhoneNumber) -> None:
    person = phone.person
    _require(actor, person)
    with transaction.atomic():
        record(
            actor=actor,
            action="people.phone.removed",
            target=person,
            node_id=person.registered_at_id,
            data={"phone_id": phone.pk, "number": MASK},
        )
        phone.delete()
        refresh_search_keys(person)


def alias_add(
    *, actor: User, person: Person, name: str, kind: str = AliasKind.ALIAS
) -> PersonAlias:
    _require(actor, person)
    name = " ".join(name.split())
    if person.aliases.filter(name__iexact=name).exists():
        raise ValidationError({"name": _("Questo nome è già nella scheda.")})
    with transaction.atomic():
        alias = PersonAlias(person=person, name=name, kind=kind)
        alias.full_clean()
        alias.save()
        record(
            actor=actor,
            action="people.alias.added",
            target=person,
            node_id=person.registered_at_id,
            data={"name": name, "kind": kind},
        )
        refresh_search_keys(person)
    return alias


def alias_remove(*, actor: User, alias: PersonAlias) -> None:
    person = alias.person
    _require(actor, person)
    with transaction.atomic():
        record(
            actor=actor,
            action="people.alias.removed",
            target=person,
            node_id=person.registered_at_id,
            data={"name": alias.name},
        )
        alias.delete()
        refresh_search_keys(person)


def language_set(*, actor: User, person: Person, language: Language, level: str) -> PersonLanguage:
    """Add a spoken language or change its level."""
    _require(actor, person)
    with transaction.atomic():
        row = PersonLanguage.objects.filter(person=person, language=language).first()
        old = row.level if row else None
        if row is None:
            row = PersonLanguage(person=person, language=language, level=level)
        row.level = level
        row.full_clean()
        row.save()
        if old != level:
            record(
                actor=actor,
                action="people.language.set",
                target=person,
                changes={language.code: (old, level)},
                node_id=person.registered_at_id,
            )
    return row


def language_remove(*, actor: User, row: PersonLanguage) -> None:
    person = row.person
    _require(actor, person)
    with transaction.atomic():
        record(
            actor=actor,
            action="people.language.removed",
            target=person,
            node_id=person.registered_at_id,
            data={"language": row.language.code},
        )
        row.delete()


# --- information notice and consent --------------------------------------------------------


def notice_record(
    *,
    actor: User,
    person: Person,
    version: str,
    language: Language,
    given_on: dt.date,
    with_mediator: bool = False,
) -> InformationNotice:
    """Record that the privacy notice was given; the operator is the actor."""
    _require(actor, person)
    if given_on > timezone.localdate():
        raise ValidationError({"given_on": _("La data non può essere nel futuro.")})
    with transaction.atomic():
        notice = InformationNotice(
            person=person,
            version=version.strip(),
            language=language,
            given_on=given_on,
            given_by=actor,
            with_mediator=with_mediator,
        )
        notice.full_clean()
        notice.save()
        record(
            actor=actor,
            action="people.notice.recorded",
            target=person,
            node_id=person.registered_at_id,
            data={
                "version": notice.version,
                "language": language.code,
                "given_on": given_on,
                "with_mediator": with_mediator,
            },
        )
    return notice


def consent_give(
    *,
    actor: User,
    person: Person,
    purpose: str,
    given_on: dt.date,
    external_service: str = "",
) -> Consent:
    """Record a consent. Sharing must name the external service; other purposes name none."""
    _require(actor, person)
    service = external_service.strip() if purpose == ConsentPurpose.SHARING else ""
    if purpose == ConsentPurpose.SHARING and not service:
        raise ValidationError(
            {"external_service": _("Per la condivisione indica il servizio esterno.")}
        )
    if given_on > timezone.localdate():
        raise ValidationError({"given_on": _("La data non può essere nel futuro.")})
    with transaction.atomic():
        consent = Consent(
            person=person,
            purpose=purpose,
            external_service=service,
            given_on=given_on,
            recorded_by=actor,
        )
        consent.full_clean()
        consent.save()
        record(
            actor=actor,
            action="people.consent.given",
            target=person,
            node_id=person.registered_at_id,
            data={
                "consent_id": consent.pk,
                "purpose": purpose,
                "external_service": service,
                "given_on": given_on,
            },
        )
    return consent


def consent_withdraw(*, actor: User, consent: Consent, withdrawn_on: dt.date) -> Consent:
    """Withdraw a consent: the row stays, with the withdrawal date."""
    person = consent.person
    _require(actor, person)
    if consent.withdrawn_on is not None:
        raise ValidationError(_("Questo consenso è già stato revocato."))
    if withdrawn_on > timezone.localdate():
        raise ValidationError({"withdrawn_on": _("La data non può essere nel futuro.")})
    if withdrawn_on < consent.given_on:
        raise ValidationError(
            {"withdrawn_on": _("La revoca non può precedere la data del consenso.")}
        )
    with transaction.atomic():
        consent.withdrawn_on = withdrawn_on
        consent.full_clean()
        consent.save(update_fields=["withdrawn_on", "updated_at"])
        record(
            actor=actor,
            action="people.consent.withdrawn",
            target=person,
            node_id=person.registered_at_id,
            data={
                "consent_id": consent.pk,
                "purpose": consent.purpose,
                "external_service": consent.external_service,
                "withdrawn_on": withdrawn_on,
            },
        )
    return consent
