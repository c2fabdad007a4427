"""Records turned into the features that blocking and comparison use, once per record.

Names are folded and cut into tokens by the duplicate check's folding (people.matching: one
folding for both), each token with its transliteration skeleton. Dates are split and judged:
a 1 January date whose precision is not stated exact is treated as a possible placeholder
(the registers rarely mark them). Identifiers are reduced to letters and digits, phones to
their last ten digits (so +39, 0039 and spaces do not matter).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from approdo.linkage.engine.records import Record
from approdo.people.matching import fold, fold_tokens, normalise_document, skeleton

_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_NOT_DIGIT = re.compile(r"[^0-9]")
_SEX = {
    "m": "m",
    "male": "m",
    "maschio": "m",
    "uomo": "m",
    "f": "f",
    "female": "f",
    "femmina": "f",
    "donna": "f",
}
# Tokens of a name chain beyond this are rare and would only multiply the blocking keys.
MAX_TOKENS = 6


@dataclass(slots=True)
class Prepared:
    given: tuple[str, ...]
    family: tuple[str, ...]
    given_sk: tuple[str, ...]
    family_sk: tuple[str, ...]
    year: int  # 0 = unknown
    month: int
    day: int
    year_only: bool  # the day and month say nothing (placeholder, year precision)
    estimated: bool  # the year itself may be off by one
    sex: str  # "m", "f" or ""
    nationality: str
    tax_code: str
    passport: str
    permit: str
    phone: str
    municipality: str

    @property
    def tokens(self) -> tuple[str, ...]:
        return self.given + self.family

    @property
    def skeletons(self) -> tuple[str, ...]:
        return self.given_sk + self.family_sk


def _date(record: Record) -> tuple[int, int, int, bool, bool]:
    match = _DATE.match(record.birth_date)
    if not match:
        return 0, 0, 0, False, False
    year, month, day = (int(g) for g in match.groups())
    if not (1900 <= year <= 2100 and 1 <= month <= 12 and 1 <= day <= 31):
        return 0, 0, 0, False, False
    precision = record.birth_date_precision
    estimated = precision == "estimated"
    year_only = precision in ("year", "estimated") or (
        (month, day) == (1, 1) and precision != "exact"
    )
    if precision == "month":
        day = 0
    return year, month, day, year_only, estimated


def phone_key(number: str) -> str:
    digits = _NOT_DIGIT.sub("", number)
    return digits[-10:] if len(digits) >= 6 else ""


def prepare(record: Record) -> Prepared:
    given = fold_tokens(record.given_names)[:MAX_TOKENS]
    family = fold_tokens(record.family_name)[:MAX_TOKENS]
    year, month, day, year_only, estimated = _date(record)
    return Prepared(
        given=given,
        family=family,
        given_sk=tuple(skeleton(t) for t in given),
        family_sk=tuple(skeleton(t) for t in family),
        year=year,
        month=month,
        day=day,
        year_only=year_only,
        estimated=estimated,
        sex=_SEX.get(record.sex.strip().lower(), ""),
        nationality=record.nationality.strip().upper()[:2],
        tax_code=normalise_document(record.codice_fiscale),
        passport=normalise_document(record.passport_number),
        permit=normalise_document(record.permit_number),
        phone=phone_key(record.phone),
        municipality=fold(record.municipality),
    )


def prepare_all(records: Sequence[Record]) -> list[Prepared]:
    return [prepare(r) for r in records]
