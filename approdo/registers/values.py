"""Turning one cell into the value a person's record stores, or saying in Italian why not.

Each parser takes the raw cell (text, number, date or datetime from openpyxl) and returns the
stored value or raises CellError with a sentence that quotes the value and says what to fix.
Phones and the codice fiscale go through people.services (normalise_phone,
normalise_tax_code), so an imported record obeys exactly the rules of the register form.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from anyascii import anyascii
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from approdo.people.models import (
    DatePrecision,
    DocumentKind,
    EducationLevel,
    EmploymentStatus,
    LanguageLevel,
    PermitType,
    Sex,
)
from approdo.people.services import normalise_phone, normalise_tax_code
from approdo.registers.reading import Cell, cell_text, is_empty

EXCEL_EPOCH = dt.date(1899, 12, 30)  # Excel's day 0 (the 1900 date system)
MAX_EXCEL_SERIAL = 109_574  # 31/12/2199
DOCUMENT_NUMBER_MAX = 40
_NON_WORD = re.compile(r"[^a-z0-9]+")


class CellError(Exception):
    """A value that cannot be stored; `message` is the sentence shown to the user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def norm(text: str) -> str:
    """Lower-case ASCII words and digits ("Art. 18-ter" -> "art 18 ter"), for value lookups.

    (people.matching.fold drops digits: right for names, wrong for "art. 18" or "ISCED 3".)
    """
    ascii_text = anyascii(text).lower().replace("'", "").replace("’", "")
    return " ".join(w for w in _NON_WORD.split(ascii_text) if w)


def quote(value: Cell) -> str:
    return f"«{cell_text(value)}»"


# --- dates -----------------------------------------------------------------------------------

_TIME = r"(?:[ T]\d{1,2}[:.]\d{2}(?:[:.]\d{2}(?:\.\d+)?)?)?"
_DMY = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4}|\d{2})" + _TIME + "$")
_YMD = re.compile(r"^(\d{4})[/.\-](\d{1,2})[/.\-](\d{1,2})" + _TIME + "$")
_MY = re.compile(r"^(\d{1,2})[/.\-](\d{4})$")
_YEAR = re.compile(r"^(\d{4})$")
_SERIAL = re.compile(r"^(\d{5})(?:[.,]0+)?$")


@dataclass(frozen=True)
class PartialDate:
    value: dt.date
    precision: str  # DatePrecision


def _full_year(two_digits: int, *, past: bool) -> int:
    """A two-digit year: in the past for birth and opening dates, this century for expiries."""
    year = 2000 + two_digits
    if past and year > timezone.localdate().year:
        year -= 100
    return year


def _make_date(year: int, month: int, day: int, raw: Cell) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError as exc:
        raise CellError(_("%(value)s non è una data valida.") % {"value": quote(raw)}) from exc


def _year_like(number: int) -> bool:
    return 1900 <= number <= timezone.localdate().year + 50


def parse_date(raw: Cell, *, partial: bool = False, past: bool = True) -> PartialDate:
    """A date from a date cell, an Excel serial or text (gg/mm/aaaa, g/m/aa, aaaa-mm-gg...).

    With `partial`, "1990" is the year 1990 and "03/1990" March 1990 (their precision says so).
    """
    if isinstance(raw, dt.datetime):
        return PartialDate(raw.date(), DatePrecision.EXACT)
    if isinstance(raw, dt.date):
        return PartialDate(raw, DatePrecision.EXACT)
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        number = int(raw)
        if raw == number and _year_like(number):
            return _year_only(number, raw, partial)
        if raw == number and 0 < number <= MAX_EXCEL_SERIAL:
            return PartialDate(EXCEL_EPOCH + dt.timedelta(days=number), DatePrecision.EXACT)
        raise CellError(_("%(value)s non è una data valida.") % {"value": quote(raw)})
    text = cell_text(raw)
    if match := _DMY.match(text):
        day, month, year = (int(g) for g in match.groups())
        if len(match.group(3)) == 2:
            year = _full_year(year, past=past)
        return PartialDate(_make_date(year, month, day, raw), DatePrecision.EXACT)
    if match := _YMD.match(text):
        year, month, day = (int(g) for g in match.groups())
        return PartialDate(_make_date(year, month, day, raw), DatePrecision.EXACT)
    if match := _MY.match(text):
        month, year = int(match.group(1)), int(match.group(2))
        if not partial:
            raise CellError(
                _("%(value)s: indica la data completa (gg/mm/aaaa).") % {"value": quote(raw)}
            )
        return PartialDate(_make_date(year, month, 1, raw), DatePrecision.MONTH)
    if match := _YEAR.match(text):
        return _year_only(int(match.group(1)), raw, partial)
    if match := _SERIAL.match(text):
        return PartialDate(
            EXCEL_EPOCH + dt.timedelta(days=int(match.group(1))), DatePrecision.EXACT
        )
    raise CellError(
        _("%(value)s non è una data valida: scrivila come gg/mm/aaaa.") % {"value": quote(raw)}
    )


def _year_only(year: int, raw: Cell, partial: bool) -> PartialDate:
    if not partial:
        raise CellError(
            _("%(value)s: indica la data completa (gg/mm/aaaa).") % {"value": quote(raw)}
        )
    return PartialDate(dt.date(year, 1, 1), DatePrecision.YEAR)


_PRECISIONS: dict[str, str] = {
    "esatta": DatePrecision.EXACT,
    "completa": DatePrecision.EXACT,
    "exact": DatePrecision.EXACT,
    "mese": DatePrecision.MONTH,
    "solo mese": DatePrecision.MONTH,
    "solo mese e anno": DatePrecision.MONTH,
    "mese e anno": DatePrecision.MONTH,
    "month": DatePrecision.MONTH,
    "anno": DatePrecision.YEAR,
    "solo anno": DatePrecision.YEAR,
    "year": DatePrecision.YEAR,
    "stimata": DatePrecision.ESTIMATED,
    "presunta": DatePrecision.ESTIMATED,
    "circa": DatePrecision.ESTIMATED,
    "estimated": DatePrecision.ESTIMATED,
}
# Coarser precisions win: a year-only date stays year-only whatever the column says.
_PRECISION_RANK: dict[str, int] = {
    DatePrecision.EXACT: 0,
    DatePrecision.ESTIMATED: 1,
    DatePrecision.MONTH: 2,
    DatePrecision.YEAR: 3,
}


def parse_precision(raw: Cell) -> str:
    key = norm(cell_text(raw))
    if key in _PRECISIONS:
        return _PRECISIONS[key]
    raise CellError(
        _("%(value)s non è una precisione: scrivi esatta, mese, anno o stimata.")
        % {"value": quote(raw)}
    )


def coarser(a: str, b: str) -> str:
    return a if _PRECISION_RANK.get(a, 0) >= _PRECISION_RANK.get(b, 0) else b


# --- choices ---------------------------------------------------------------------------------

_SEXES: dict[str, str] = {
    **dict.fromkeys(("m", "maschio", "maschile", "male", "man", "uomo", "masc", "h"), Sex.MALE),
    **dict.fromkeys(("f", "femmina", "femminile", "female", "woman", "donna", "fem"), Sex.FEMALE),
    **dict.fromkeys(
        ("nd", "n d", "non dichiarato", "non noto", "not stated", "unknown", "x"),
        Sex.NOT_STATED,
    ),
}


def parse_sex(raw: Cell) -> str:
    key = norm(cell_text(raw))
    if not key:
        return Sex.NOT_STATED
    if key in _SEXES:
        return _SEXES[key]
    raise CellError(
        _("%(value)s non è un sesso riconosciuto: scrivi M o F (Maschio, Femmina).")
        % {"value": quote(raw)}
    )


_TRUE = frozenset({"si", "s", "yes", "y", "x", "1", "true", "vero", "v"})
_FALSE = frozenset({"no", "n", "0", "false", "falso", "f", ""})


def parse_bool(raw: Cell) -> bool:
    if isinstance(raw, bool):
        return raw
    key = norm(cell_text(raw))
    if key in _TRUE:
        return True
    if key in _FALSE:
        return False
    raise CellError(_("%(value)s: scrivi sì o no.") % {"value": quote(raw)})


def _choice_index(choices: type, extra: dict[str, str]) -> dict[str, str]:
    index = {norm(str(label)): str(value) for value, label in choices.choices}  # type: ignore[attr-defined]
    index.update({norm(str(value)): str(value) for value in choices.values})  # type: ignore[attr-defined]
    index.update(extra)
    return index


_EDUCATION_WORDS: dict[str, str] = {
    **dict.fromkeys(
        ("nessuno", "nessun titolo", "analfabeta", "none", "no schooling", "isced 0"),
        EducationLevel.ISCED_0,
    ),
    **dict.fromkeys(
        ("elementare", "elementari", "licenza elementare", "primaria", "primary", "isced 1"),
        EducationLevel.ISCED_1,
    ),
    **dict.fromkeys(
        (
            "media",
            "medie",
            "licenza media",
            "scuola media",
            "secondaria inferiore",
            "secondaria di primo grado",
            "lower secondary",
            "isced 2",
        ),
        EducationLevel.ISCED_2,
    ),
    **dict.fromkeys(
        (
            "diploma",
            "superiore",
            "superiori",
            "secondaria superiore",
            "secondaria di secondo grado",
            "upper secondary",
            "high school",
            "isced 3",
        ),
        EducationLevel.ISCED_3,
    ),
    **dict.fromkeys(
        ("post diploma", "post secondaria", "post secondary", "ifts", "isced 4"),
        EducationLevel.ISCED_4,
    ),
    **dict.fromkeys(("its", "terziaria breve", "short cycle tertiary", "isced 5"), "5"),
    **dict.fromkeys(
        ("laurea", "laurea triennale", "bachelor", "degree", "university", "isced 6"), "6"
    ),
    **dict.fromkeys(("laurea magistrale", "magistrale", "master", "isced 7"), "7"),
    **dict.fromkeys(("dottorato", "phd", "doctorate", "isced 8"), "8"),
    **dict.fromkeys(("non noto", "sconosciuto", "unknown", "nd", "n d"), EducationLevel.UNKNOWN),
}

_EMPLOYMENT_WORDS: dict[str, str] = {
    **dict.fromkeys(
        ("occupato", "occupata", "con contratto", "employed", "dipendente", "regolare"),
        EmploymentStatus.EMPLOYED,
    ),
    **dict.fromkeys(
        ("irregolare", "lavoro irregolare", "in nero", "nero", "informale", "informal"),
        EmploymentStatus.INFORMAL,
    ),
    **dict.fromkeys(("stagionale", "lavoro stagionale", "seasonal"), EmploymentStatus.SEASONAL),
    **dict.fromkeys(
        ("disoccupato", "disoccupata", "inoccupato", "inoccupata", "senza lavoro", "unemployed"),
        EmploymentStatus.UNEMPLOYED,
    ),
    **dict.fromkeys(("inattivo", "inattiva", "inactive"), EmploymentStatus.INACTIVE),
    **dict.fromkeys(("studente", "studentessa", "student"), EmploymentStatus.STUDENT),
    **dict.fromkeys(("non noto", "sconosciuto", "unknown", "nd", "n d"), EmploymentStatus.UNKNOWN),
}


@lru_cache(maxsize=1)
def _education_index() -> dict[str, str]:
    return _choice_index(EducationLevel, _EDUCATION_WORDS)


@lru_cache(maxsize=1)
def _employment_index() -> dict[str, str]:
    return _choice_index(EmploymentStatus, _EMPLOYMENT_WORDS)


def parse_education(raw: Cell) -> str:
    key = norm(cell_text(raw))
    if not key:
        return EducationLevel.UNKNOWN
    found = _education_index().get(key)
    if found is None:
        raise CellError(
            _(
                "%(value)s non è un titolo di studio riconosciuto: scrivi il livello ISCED "
                "(0-8) o nessuno, elementare, media, diploma, laurea, laurea magistrale, "
                "dottorato."
            )
            % {"value": quote(raw)}
        )
    return found


def parse_employment(raw: Cell) -> str:
    key = norm(cell_text(raw))
    if not key:
        return EmploymentStatus.UNKNOWN
    found = _employment_index().get(key)
    if found is None:
        raise CellError(
            _(
                "%(value)s non è una condizione riconosciuta: scrivi occupato, irregolare, "
                "stagionale, disoccupato, inattivo, studente o non noto."
            )
            % {"value": quote(raw)}
        )
    return found


# Order matters: "18-ter" before "18", "richiesta asilo" before "asilo", "stagionale" before
# "lavoro".
_PERMIT_PATTERNS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("18 ter", "18ter"), PermitType.ART_18_TER),
    (("art 18", "articolo 18", "casi speciali", "18"), PermitType.ART_18),
    (
        ("richiesta asilo", "richiedente", "asylum request", "asylum seeker", "attesa"),
        PermitType.ASYLUM_REQUEST,
    ),
    (("sussidiaria", "subsidiary"), PermitType.SUBSIDIARY),
    (("protezione speciale", "special"), PermitType.SPECIAL),
    (("asilo", "rifugiat", "asylum", "refugee"), PermitType.ASYLUM),
    (("stagional", "seasonal"), PermitType.SEASONAL),
    (("lungo periodo", "soggiornant", "carta di soggiorno", "long term"), PermitType.LONG_TERM),
    (("lavoro", "work", "employment"), PermitType.WORK),
    (("famili", "famiglia", "ricongiungimento", "family"), PermitType.FAMILY),
    (("altro", "other"), PermitType.OTHER),
)
_RECEIPT_WORDS = ("ricevuta", "cedolino", "receipt")


@dataclass(frozen=True)
class Permit:
    kind: str  # residence_permit or permit_receipt
    permit_type: str  # "" when the cell is empty
    recognised: bool


def parse_permit_type(raw: Cell) -> Permit:
    """The permit's type; an unknown type is recorded as "other" (the caller warns)."""
    text = norm(cell_text(raw))
    padded = f" {text} "
    kind = (
        DocumentKind.PERMIT_RECEIPT
        if any(w in text for w in _RECEIPT_WORDS)
        else DocumentKind.RESIDENCE_PERMIT
    )
    if not text:
        return Permit(kind, "", True)
    for patterns, permit_type in _PERMIT_PATTERNS:
        for pattern in patterns:
            # Numbers match as whole words ("18" must not match "2018").
            if (pattern.isdigit() and f" {pattern} " in padded) or (
                not pattern.isdigit() and pattern in text
            ):
                return Permit(kind, permit_type, True)
    return Permit(kind, PermitType.OTHER, False)


# --- identifiers and contacts ----------------------------------------------------------------


def _first_message(exc: ValidationError) -> str:
    return str(exc.messages[0]) if exc.messages else ""


def parse_tax_code(raw: Cell) -> str:
    text = cell_text(raw)
    try:
        return normalise_tax_code(text)
    except ValidationError as exc:
        raise CellError(f"{quote(raw)}: {_first_message(exc)}") from exc


_DOCUMENT_CHARS = re.compile(r"^[A-Z0-9./\-]+$")


def parse_document_number(raw: Cell) -> str:
    number = "".join(cell_text(raw).split()).upper()
    if len(number) > DOCUMENT_NUMBER_MAX:
        raise CellError(
            _("%(value)s è troppo lungo per un numero di documento (massimo %(max)s caratteri).")
            % {"value": quote(raw), "max": DOCUMENT_NUMBER_MAX}
        )
    if number and not _DOCUMENT_CHARS.match(number):
        raise CellError(
            _("%(value)s: un numero di documento ha solo lettere e cifre.") % {"value": quote(raw)}
        )
    return number


_PHONE_SPLIT = re.compile(r"\s*(?:[;/,\n]|\s[oe]\s|\sor\s|\sand\s)\s*")


def _one_phone(text: str) -> str:
    try:
        return normalise_phone(text)
    except ValidationError as first:
        digits = re.sub(r"[\s.\-()]", "", text)
        # 393331234567 or 212612345678: an international number written without the "+".
        if digits.isdigit() and len(digits) >= 11:
            try:
                return normalise_phone("+" + digits)
            except ValidationError:
                pass
        raise CellError(f"«{text}»: {_first_message(first)}") from first


def parse_phones(raw: Cell) -> list[str]:
    """One or more numbers (separated by / ; , or "o"), in E.164, without repeats."""
    if is_empty(raw):
        return []
    parts = [p for p in _PHONE_SPLIT.split(cell_text(raw)) if p.strip()]
    return list(dict.fromkeys(_one_phone(p.strip()) for p in parts))


def parse_list(raw: Cell) -> list[str]:
    """Several names in a cell, separated by commas, semicolons or new lines."""
    return [p.strip() for p in re.split(r"[;,\n]", cell_text(raw)) if p.strip()]


_LEVELS: dict[str, str] = {
    **dict.fromkeys(
        ("madrelingua", "madre lingua", "lingua madre", "native", "mother tongue", "l1"),
        LanguageLevel.NATIVE,
    ),
    **dict.fromkeys(
        ("buona", "buono", "ottima", "ottimo", "fluente", "fluent", "good", "b1", "b2", "c1", "c2"),
        LanguageLevel.FLUENT,
    ),
    **dict.fromkeys(
        ("base", "di base", "basic", "elementare", "scarsa", "scarso", "a1", "a2"),
        LanguageLevel.BASIC,
    ),
    **dict.fromkeys(("nessuna", "nessuno", "none"), LanguageLevel.NONE),
}
_LANGUAGE_ITEM = re.compile(r"^(.*?)\s*(?:\((.*?)\)|[:\-]\s*(.+))?$")


def split_language(item: str) -> tuple[str, str]:
    """ "wolof (madrelingua)" -> ("wolof", "native"); without a level -> fluent."""
    match = _LANGUAGE_ITEM.match(item.strip())
    name, level_text = item.strip(), ""
    if match:
        name = match.group(1).strip()
        level_text = (match.group(2) or match.group(3) or "").strip()
    if not level_text:
        return name, LanguageLevel.FLUENT
    level = _LEVELS.get(norm(level_text))
    if level is None and match and match.group(2):
        # "fula (pular)": the brackets hold another name of the language, not a level.
        return item.strip(), LanguageLevel.FLUENT
    if level is None:
        raise CellError(
            _("«%(level)s» non è un livello di lingua: scrivi madrelingua, buona, base o nessuna.")
            % {"level": level_text}
        )
    return name, level


def check_length(raw: Cell, max_length: int) -> str:
    text = " ".join(cell_text(raw).split())
    if len(text) > max_length:
        raise CellError(
            _("%(value)s è troppo lungo: al massimo %(max)s caratteri (ne ha %(n)s).")
            % {"value": f"«{text[:40]}…»", "max": max_length, "n": len(text)}
        )
    return text
