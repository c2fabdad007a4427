"""Pairwise comparisons: for each candidate pair, one level per comparison.

Level 0 always means "nothing to compare" (a side is missing): it weighs nothing. The other
levels go from the strongest agreement to disagreement; the model (model.py) learns how much
each level says. Names are compared in the alignment that fits best, so given/family swaps
and names typed all in one field compare as agreeing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from rapidfuzz.distance import OSA, JaroWinkler

from approdo.linkage.engine.prepare import Prepared


@dataclass(frozen=True)
class Comparison:
    name: str
    levels: tuple[str, ...]  # labels of levels 1..n (0 is "missing")
    tf_levels: tuple[int, ...] = ()  # levels whose weight depends on the value's frequency


NAME_LEVELS = ("exact", "variant", "fuzzy", "partial", "different")
EXACT, VARIANT, FUZZY, PARTIAL, DIFFERENT = 1, 2, 3, 4, 5
COMPARISONS: tuple[Comparison, ...] = (
    Comparison("family_name", NAME_LEVELS, tf_levels=(EXACT, VARIANT)),
    Comparison("given_names", NAME_LEVELS, tf_levels=(EXACT, VARIANT)),
    Comparison(
        "birth_date",
        (
            "exact",
            "same year (placeholder or year only)",
            "day and month swapped",
            "same year and month",
            "same day and month, year off by one",
            "one digit typed wrong",
            "same year, other day",
            "different",
        ),
        tf_levels=(1,),
    ),
    Comparison("sex", ("same", "different")),
    Comparison("nationality", ("same", "different")),
    Comparison("codice_fiscale", ("same", "different")),
    Comparison("passport_number", ("same", "one character off", "different")),
    Comparison("permit_number", ("same", "one character off", "different")),
    Comparison("phone", ("same", "different"), tf_levels=(1,)),
    Comparison("municipality", ("same", "similar spelling", "different")),
)
FAMILY, GIVEN, DATE, SEX, NATIONALITY, TAX_CODE, PASSPORT, PERMIT, PHONE, MUNICIPALITY = range(
    len(COMPARISONS)
)
JW_FUZZY = 0.88
PLACE_SIMILAR = 0.9


def _token_level(a: str, b: str, a_sk: str, b_sk: str) -> int:
    if a == b:
        return EXACT
    if a_sk == b_sk and a_sk:
        return VARIANT
    if JaroWinkler.normalized_similarity(a, b) >= JW_FUZZY:
        return FUZZY
    return DIFFERENT


@lru_cache(maxsize=1_000_000)
def name_level(
    a: tuple[str, ...], b: tuple[str, ...], a_sk: tuple[str, ...], b_sk: tuple[str, ...]
) -> int:
    """How two token lists agree: every token of the shorter paired with its best partner."""
    if not a or not b:
        return 0
    if a == b or sorted(a) == sorted(b):
        return EXACT
    short, long_ = ((a, a_sk), (b, b_sk)) if len(a) <= len(b) else ((b, b_sk), (a, a_sk))
    worst = EXACT
    matched = 0
    for token, token_sk in zip(*short, strict=True):
        best = min(
            _token_level(token, other, token_sk, other_sk)
            for other, other_sk in zip(*long_, strict=True)
        )
        worst = max(worst, best)
        matched += best <= VARIANT
    if worst <= FUZZY and len(a) == len(b):
        return max(worst, VARIANT)
    if matched:
        return PARTIAL
    return DIFFERENT


def name_levels(p: Prepared, q: Prepared) -> tuple[int, int]:
    """Family and given levels in the best of the straight and the crossed alignment; a name
    typed all in one field is compared whole against the other's whole name."""
    if not (p.family and p.given and q.family and q.given):
        whole = name_level(p.tokens, q.tokens, p.skeletons, q.skeletons)
        return 0, whole
    straight = (
        name_level(p.family, q.family, p.family_sk, q.family_sk),
        name_level(p.given, q.given, p.given_sk, q.given_sk),
    )
    if straight == (EXACT, EXACT):
        return straight
    crossed = (
        name_level(p.family, q.given, p.family_sk, q.given_sk),
        name_level(p.given, q.family, p.given_sk, q.family_sk),
    )
    return crossed if sum(crossed) < sum(straight) else straight


def date_digits(year: int, month: int, day: int) -> int:
    """The date as the eight digits an operator types (YYYYMMDD, day 0 when unknown)."""
    return year * 10_000 + month * 100 + day


def one_digit_off(a: int, b: int) -> bool:
    """Whether two YYYYMMDD numbers differ in exactly one digit."""
    differing = 0
    for _ in range(8):
        differing += a % 10 != b % 10
        a, b = a // 10, b // 10
    return differing == 1


def date_level(p: Prepared, q: Prepared) -> int:
    if not p.year or not q.year:
        return 0
    if p.year_only or q.year_only:
        if p.year == q.year or (abs(p.year - q.year) == 1 and (p.estimated or q.estimated)):
            return 2
        return 8
    if p.year == q.year:
        if (p.month, p.day) == (q.month, q.day):
            return 1
        if (p.month, p.day) == (q.day, q.month):
            return 3
        if p.month == q.month:
            return 4
    elif abs(p.year - q.year) == 1 and (p.month, p.day) == (q.month, q.day):
        return 5
    if one_digit_off(date_digits(p.year, p.month, p.day), date_digits(q.year, q.month, q.day)):
        return 6
    return 7 if p.year == q.year else 8


def _same(a: str, b: str) -> int:
    if not a or not b:
        return 0
    return 1 if a == b else 2


def place_level(a: str, b: str) -> int:
    if not a or not b:
        return 0
    if a == b:
        return 1
    if (
        a.replace(" ", "") == b.replace(" ", "")
        or JaroWinkler.normalized_similarity(a, b) >= PLACE_SIMILAR
    ):
        return 2
    return 3


def document_level(a: str, b: str) -> int:
    if not a or not b:
        return 0
    if a == b:
        return 1
    # One typed character wrong, missing, extra, or two swapped (optimal string alignment).
    if OSA.distance(a, b, score_cutoff=1) <= 1:
        return 2
    return 3


def compare_pairs(prepared: Sequence[Prepared], left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """The levels of every pair: an int8 matrix, one row per pair, one column per comparison
    (columns.compare_columns does the work; `compare` is the one-pair reference)."""
    from approdo.linkage.engine.columns import Columns, compare_columns

    return compare_columns(Columns.of(prepared), left, right)


def value_keys(p: Prepared) -> tuple[str, str, str, str]:
    """The values whose frequency adjusts an agreement (term frequencies), in TF_COLUMNS
    order: a family name, given names (or the whole name, when it sits in one field), the
    exact birth date, the phone."""
    date = f"{p.year}-{p.month}-{p.day}" if p.year and not p.year_only else ""
    if p.family and p.given:
        return " ".join(sorted(p.family_sk)), " ".join(sorted(p.given_sk)), date, p.phone
    return "", " ".join(sorted(p.skeletons)), date, p.phone


def compare(p: Prepared, q: Prepared) -> tuple[int, ...]:
    family, given = name_levels(p, q)
    return (
        family,
        given,
        date_level(p, q),
        _same(p.sex, q.sex),
        _same(p.nationality, q.nationality),
        _same(p.tax_code, q.tax_code),
        document_level(p.passport, q.passport),
        document_level(p.permit, q.permit),
        _same(p.phone, q.phone),
        place_level(p.municipality, q.municipality),
    )
