"""Checking one row at a time: what it would write, and every problem with it.

The dry run and the commit both use RowValidator, so the commit writes exactly what the dry
run showed. Errors block the import; warnings do not (a likely duplicate is a warning, and
the import may be told to skip those rows). Rows are compared with the earlier rows of the
same file (same codice fiscale or document number: error; same name and birth date: likely
duplicate) and with the people already in the network through the duplicate check of the
register form (people.duplicates.find_duplicates): matches in the user's scope are named,
matches elsewhere give only the node, as on the register form.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from approdo.accounts.models import User
from approdo.network.models import Language, Municipality
from approdo.people.duplicates import DuplicateHit, find_duplicates
from approdo.people.matching import fold_tokens
from approdo.people.models import DatePrecision, DocumentKind, Person, Sex
from approdo.people.services import (
    STRONG_MATCH_SCORE,
    NewPersonExtras,
    PersonData,
    birth_date_is_placeholder,
    check_birth_date,
    facts_of,
)
from approdo.registers import values as v
from approdo.registers.countries import is_stateless, parse_country
from approdo.registers.lookups import Lookups
from approdo.registers.models import RegisterImport, Severity
from approdo.registers.reading import Cell, SourceRow, cell_text, is_empty
from approdo.registers.values import CellError

T = TypeVar("T")

DUPLICATE_CODES = frozenset({"duplicate_network", "duplicate_in_file"})
MAX_DUPLICATES_REPORTED = 3
VALUE_MAX = 200
_LENGTHS = {
    "family_name": Person._meta.get_field("family_name").max_length or 120,
    "given_names": Person._meta.get_field("given_names").max_length or 160,
    "family_name_original": Person._meta.get_field("family_name_original").max_length or 120,
    "given_names_original": Person._meta.get_field("given_names_original").max_length or 160,
    "address": Person._meta.get_field("address").max_length or 200,
    "living_place": Person._meta.get_field("living_place").max_length or 200,
}
ALIAS_MAX = 200


@dataclass(frozen=True)
class Problem:
    row: int
    severity: str
    code: str
    message: str
    column: str = ""
    field: str = ""
    value: str = ""
    person_id: int | None = None

    @property
    def is_error(self) -> bool:
        return self.severity == Severity.ERROR


@dataclass(frozen=True)
class DocumentInput:
    kind: str
    number: str = ""
    permit_type: str = ""
    expires_on: dt.date | None = None


@dataclass
class CheckedRow:
    number: int
    problems: list[Problem] = field(default_factory=list)
    data: PersonData | None = None
    extras: NewPersonExtras | None = None
    documents: list[DocumentInput] = field(default_factory=list)
    opened_on: dt.date | None = None
    note: str = ""

    @property
    def has_errors(self) -> bool:
        return any(p.is_error for p in self.problems)

    @property
    def has_warnings(self) -> bool:
        return any(not p.is_error for p in self.problems)

    @property
    def is_likely_duplicate(self) -> bool:
        return any(p.code in DUPLICATE_CODES for p in self.problems)

    @property
    def first_error(self) -> Problem | None:
        return next((p for p in self.problems if p.is_error), None)


def problem_text(row: int, column: str, message: str) -> str:
    """The sentence a user reads: "Riga 14, colonna «Data di nascita»: «31/02/1990» ..."."""
    if row and column:
        return _("Riga %(row)s, colonna «%(column)s»: %(message)s") % {
            "row": row,
            "column": column,
            "message": message,
        }
    if row:
        return _("Riga %(row)s: %(message)s") % {"row": row, "message": message}
    return message


class _Row:
    """Collects the problems of one row while its cells are parsed."""

    def __init__(self, validator: RowValidator, source: SourceRow) -> None:
        self.validator = validator
        self.source = source
        self.problems: list[Problem] = []

    def mapped(self, key: str) -> bool:
        return key in self.validator.mapping

    def raw(self, key: str) -> Cell:
        index = self.validator.mapping.get(key)
        return None if index is None else self.source.get(index)

    def _add(
        self, severity: str, key: str, code: str, message: str, raw: Cell, person_id: int | None
    ) -> None:
        self.problems.append(
            Problem(
                row=self.source.number,
                severity=severity,
                code=code,
                message=message,
                column=self.validator.column_label(key) if key else "",
                field=key,
                value=cell_text(raw)[:VALUE_MAX] if raw is not None else "",
                person_id=person_id,
            )
        )

    def error(self, key: str, message: str, *, code: str = "invalid", raw: Cell = None) -> None:
        self._add(Severity.ERROR, key, code, message, raw, None)

    def warning(
        self,
        key: str,
        message: str,
        *,
        code: str,
        raw: Cell = None,
        person_id: int | None = None,
    ) -> None:
        self._add(Severity.WARNING, key, code, message, raw, person_id)

    def parse(self, key: str, parser: Callable[[Cell], T], default: T) -> T:
        """The parsed cell, or `default` when unmapped, empty or invalid (an error is noted)."""
        raw = self.raw(key)
        if is_empty(raw):
            return default
        try:
            return parser(raw)
        except CellError as exc:
            self.error(key, exc.message, raw=raw)
            return default

    def text(self, key: str) -> str:
        limit = _LENGTHS.get(key, VALUE_MAX)
        return self.parse(key, lambda raw: v.check_length(raw, limit), "")


class RowValidator:
    """Checks the rows of one import, in file order, remembering what earlier rows held."""

    def __init__(self, register_import: RegisterImport, actor: User) -> None:
        self.register_import = register_import
        self.actor = actor
        self.mapping: dict[str, int] = {
            str(k): int(i) for k, i in (register_import.mapping or {}).items()
        }
        self.headers: list[str] = list(register_import.headers or [])
        self.lookups = Lookups.load(register_import.node)
        self.today = timezone.localdate()
        # People written by the commit under way: not duplicates of the rows that follow.
        self.ignore_person_ids: set[int] = set()
        self._tax_codes: dict[str, int] = {}
        self._documents: dict[str, int] = {}
        self._people: dict[tuple[str, str], int] = {}

    def column_label(self, key: str) -> str:
        index = self.mapping.get(key)
        if index is None or index >= len(self.headers):
            return ""
        return self.headers[index]

    def check(self, source: SourceRow) -> CheckedRow:
        row = _Row(self, source)
        data = self._person(row)
        phones: list[str] = row.parse("phone", v.parse_phones, [])
        languages: list[tuple[Language, str]] = row.parse(
            "languages", self.lookups.spoken_languages, []
        )
        aliases = self._aliases(row)
        documents = self._documents_of(row)
        opened_on, note = self._case(row, data)
        extras = NewPersonExtras(
            aliases=aliases,
            phones=[(number, False) for number in phones],
            languages=languages,
            document_numbers=[d.number for d in documents if d.number],
        )
        checked = CheckedRow(
            number=source.number,
            data=data,
            extras=extras,
            documents=documents,
            opened_on=opened_on,
            note=note,
        )
        if data.given_names:
            self._in_file(row, data, documents)
            self._in_network(row, data, extras)
        checked.problems = row.problems
        return checked

    # --- the person's own fields -------------------------------------------------------------

    def _person(self, row: _Row) -> PersonData:
        given = row.text("given_names")
        if not given and not any(p.field == "given_names" for p in row.problems):
            row.error(
                "given_names",
                _("manca il nome, che è obbligatorio (per chi ha un solo nome, scrivilo qui)."),
                code="required",
            )
        family = row.text("family_name")
        if row.mapped("family_name") and is_empty(row.raw("family_name")):
            row.warning(
                "family_name",
                _("cognome vuoto: la persona sarà registrata senza cognome."),
                code="no_family_name",
            )
        birth_date, precision = self._birth_date(row)
        nationality = self._nationality(row)
        return PersonData(
            given_names=given,
            family_name=family,
            family_name_original=row.text("family_name_original"),
            given_names_original=row.text("given_names_original"),
            sex=row.parse("sex", v.parse_sex, str(Sex.NOT_STATED)),
            birth_date=birth_date,
            birth_date_precision=precision,
            birth_date_is_placeholder=birth_date_is_placeholder(
                birth_date, precision, self.register_import.jan_first_is_placeholder
            ),
            birth_country=row.parse("birth_country", parse_country, ""),
            nationality=nationality,
            needs_mediator=row.parse("needs_mediator", v.parse_bool, False),
            tax_code=row.parse("tax_code", v.parse_tax_code, ""),
            address=row.text("address"),
            living_place=row.text("living_place"),
            municipality=row.parse("municipality", self._municipality, None),
            education_level=row.parse("education_level", v.parse_education, "unknown"),
            employment_status=row.parse("employment_status", v.parse_employment, "unknown"),
        )

    def _municipality(self, raw: Cell) -> Municipality | None:
        return self.lookups.municipality(raw)

    def _birth_date(self, row: _Row) -> tuple[dt.date | None, str]:
        parsed = row.parse("birth_date", lambda raw: v.parse_date(raw, partial=True), None)
        precision = str(DatePrecision.EXACT)
        if parsed is not None:
            precision = parsed.precision
        stated = row.parse("birth_date_precision", v.parse_precision, None)
        if stated is not None:
            precision = v.coarser(stated, precision)
        if parsed is None:
            return None, str(DatePrecision.EXACT)
        try:
            check_birth_date(parsed.value)
        except ValidationError as exc:
            raw = row.raw("birth_date")
            row.error(
                "birth_date",
                f"«{cell_text(raw)}»: {exc.messages[0]}",
                code="implausible",
                raw=raw,
            )
            return None, str(DatePrecision.EXACT)
        return parsed.value, precision

    def _nationality(self, row: _Row) -> str:
        raw = row.raw("nationality")
        if not is_empty(raw) and is_stateless(raw):
            row.warning(
                "nationality",
                _("apolide: la cittadinanza resta vuota; annota l'apolidia nella scheda."),
                code="stateless",
                raw=raw,
            )
            return ""
        return row.parse("nationality", parse_country, "")

    def _aliases(self, row: _Row) -> list[str]:
        names: list[str] = row.parse("aliases", v.parse_list, [])
        too_long = [n for n in names if len(n) > ALIAS_MAX]
        if too_long:
            row.error(
                "aliases",
                _("un nome è troppo lungo (al massimo %(max)s caratteri).") % {"max": ALIAS_MAX},
                raw=row.raw("aliases"),
            )
            return []
        return names

    # --- documents -------------------------------------------------------------------------

    def _expiry(self, row: _Row, key: str) -> dt.date | None:
        parsed = row.parse(key, lambda raw: v.parse_date(raw, partial=False, past=False), None)
        return parsed.value if parsed is not None else None

    def _documents_of(self, row: _Row) -> list[DocumentInput]:
        documents: list[DocumentInput] = []
        passport = row.parse("passport_number", v.parse_document_number, "")
        passport_expiry = self._expiry(row, "passport_expires_on")
        if passport or passport_expiry:
            documents.append(
                DocumentInput(DocumentKind.PASSPORT, number=passport, expires_on=passport_expiry)
            )
        number = row.parse("permit_number", v.parse_document_number, "")
        permit = v.parse_permit_type(row.raw("permit_type"))
        if not permit.recognised:
            row.warning(
                "permit_type",
                _(
                    "«%(value)s» non è un tipo di permesso riconosciuto: sarà registrato come "
                    "«Altro» (correggilo poi nella scheda)."
                )
                % {"value": cell_text(row.raw("permit_type"))},
                code="permit_type_other",
                raw=row.raw("permit_type"),
            )
        expiry = self._expiry(row, "permit_expires_on")
        if number or permit.permit_type or expiry:
            documents.append(
                DocumentInput(
                    permit.kind, number=number, permit_type=permit.permit_type, expires_on=expiry
                )
            )
            if expiry is not None and expiry < self.today:
                row.warning(
                    "permit_expires_on",
                    _("permesso scaduto il %(date)s: sarà registrato comunque.")
                    % {"date": expiry.strftime("%d/%m/%Y")},
                    code="permit_expired",
                    raw=row.raw("permit_expires_on"),
                )
        return documents

    # --- the case --------------------------------------------------------------------------

    def _case(self, row: _Row, data: PersonData) -> tuple[dt.date | None, str]:
        if not self.register_import.open_cases:
            return None, ""
        parsed = row.parse("case_opened_on", lambda raw: v.parse_date(raw, partial=False), None)
        opened_on = parsed.value if parsed is not None else None
        raw = row.raw("case_opened_on")
        if opened_on is not None and opened_on > self.today:
            row.error(
                "case_opened_on",
                _("«%(value)s»: la presa in carico non può iniziare nel futuro.")
                % {"value": cell_text(raw)},
                code="future",
                raw=raw,
            )
            opened_on = None
        elif opened_on is not None and data.birth_date and opened_on < data.birth_date:
            row.error(
                "case_opened_on",
                _("«%(value)s»: la presa in carico non può precedere la nascita.")
                % {"value": cell_text(raw)},
                code="before_birth",
                raw=raw,
            )
            opened_on = None
        note = row.parse("notes", cell_text, "")
        return opened_on, note

    # --- duplicates ------------------------------------------------------------------------

    def _in_file(self, row: _Row, data: PersonData, documents: Iterable[DocumentInput]) -> None:
        number = row.source.number
        if data.tax_code:
            first = self._tax_codes.setdefault(data.tax_code, number)
            if first != number:
                row.error(
                    "tax_code",
                    _(
                        "stesso codice fiscale della riga %(row)s: ogni persona va importata "
                        "una volta sola."
                    )
                    % {"row": first},
                    code="duplicate_tax_code",
                    raw=row.raw("tax_code"),
                )
        for document in documents:
            if not document.number:
                continue
            first = self._documents.setdefault(document.number, number)
            if first != number:
                key = (
                    "passport_number" if document.kind == DocumentKind.PASSPORT else "permit_number"
                )
                row.error(
                    key,
                    _("stesso numero di documento della riga %(row)s.") % {"row": first},
                    code="duplicate_document",
                    raw=row.raw(key),
                )
        if data.birth_date is None:
            return
        names = " ".join(sorted(fold_tokens(f"{data.family_name} {data.given_names}")))
        person_key = (names, data.birth_date.isoformat())
        first = self._people.setdefault(person_key, number)
        if first != number:
            row.warning(
                "",
                _(
                    "sembra la stessa persona della riga %(row)s (stesso nome e stessa data di "
                    "nascita)."
                )
                % {"row": first},
                code="duplicate_in_file",
            )

    def _in_network(self, row: _Row, data: PersonData, extras: NewPersonExtras) -> None:
        query = facts_of(
            data,
            aliases=extras.aliases,
            documents=extras.document_numbers,
            phones=[number for number, _w in extras.phones],
        )
        hits = find_duplicates(
            user=self.actor,
            query=query,
            limit=MAX_DUPLICATES_REPORTED + 2,
            threshold=STRONG_MATCH_SCORE,
        )
        # find_duplicates also lists weak hits that share a phone or document (a work team's
        # phone): worth a look on the register form, not a likely duplicate to skip here.
        hits = [
            h
            for h in hits
            if h.score >= STRONG_MATCH_SCORE
            and (h.person is None or h.person.pk not in self.ignore_person_ids)
        ][:MAX_DUPLICATES_REPORTED]
        for hit in hits:
            row.warning(
                "",
                _duplicate_message(hit),
                code="duplicate_network",
                person_id=hit.person.pk if hit.person is not None else None,
            )


def _duplicate_message(hit: DuplicateHit) -> str:
    values: dict[str, Any] = {
        "node": hit.node_name,
        "score": round(hit.score * 100),
        "reasons": ", ".join(hit.reasons),
    }
    if hit.in_scope and hit.person is not None:
        values["name"] = hit.person.full_name
        return (
            _(
                "probabile doppione di %(name)s, già registrata presso %(node)s "
                "(somiglianza %(score)s%%: %(reasons)s)."
            )
            % values
        )
    return (
        _(
            "probabilmente la persona è già registrata presso %(node)s, fuori dal tuo ambito "
            "(somiglianza %(score)s%%: %(reasons)s): chiedi a quel nodo prima di importarla."
        )
        % values
    )
