"""The comparisons of compare.py over many pairs at once, for speed.

Every field but the names is turned into integer codes per record, so agreement is one numpy
comparison over all pairs; only the pairs that need a string metric (two different documents,
two different municipalities) go through Python, and names once per distinct pair of names.
`compare.compare` stays the reference: a test checks both give the same levels.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from approdo.linkage.engine import compare as c
from approdo.linkage.engine.prepare import Prepared


def _codes(values: Sequence[object]) -> np.ndarray:
    """An integer per distinct value, 0 for an empty one."""
    table: dict[object, int] = {}
    out = np.empty(len(values), dtype=np.int64)
    for index, value in enumerate(values):
        out[index] = table.setdefault(value, len(table) + 1) if value else 0
    return out


@dataclass
class Columns:
    prepared: Sequence[Prepared]
    name: np.ndarray  # code of (family, given) as typed
    sex: np.ndarray
    nationality: np.ndarray
    tax_code: np.ndarray
    passport: np.ndarray
    permit: np.ndarray
    phone: np.ndarray
    municipality: np.ndarray
    year: np.ndarray
    month: np.ndarray
    day: np.ndarray
    year_only: np.ndarray
    estimated: np.ndarray

    @classmethod
    def of(cls, prepared: Sequence[Prepared]) -> Columns:
        def ints(attribute: str) -> np.ndarray:
            return np.fromiter((getattr(p, attribute) for p in prepared), dtype=np.int64)

        return cls(
            prepared=prepared,
            name=_codes([(p.family, p.given) if p.tokens else None for p in prepared]),
            sex=_codes([p.sex for p in prepared]),
            nationality=_codes([p.nationality for p in prepared]),
            tax_code=_codes([p.tax_code for p in prepared]),
            passport=_codes([p.passport for p in prepared]),
            permit=_codes([p.permit for p in prepared]),
            phone=_codes([p.phone for p in prepared]),
            municipality=_codes([p.municipality for p in prepared]),
            year=ints("year"),
            month=ints("month"),
            day=ints("day"),
            year_only=ints("year_only").astype(bool),
            estimated=ints("estimated").astype(bool),
        )


def _same(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return np.where((a == 0) | (b == 0), 0, np.where(a == b, 1, 2)).astype(np.int8)


def _dates(cols: Columns, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    y1, y2 = cols.year[i], cols.year[j]
    m1, m2, d1, d2 = cols.month[i], cols.month[j], cols.day[i], cols.day[j]
    rough = cols.year_only[i] | cols.year_only[j]
    near = (np.abs(y1 - y2) == 1) & (cols.estimated[i] | cols.estimated[j])
    same_year = y1 == y2
    precise = ~rough
    a, b = y1 * 10_000 + m1 * 100 + d1, y2 * 10_000 + m2 * 100 + d2
    differing = np.zeros(len(i), dtype=np.int8)
    for _ in range(8):
        differing += (a % 10) != (b % 10)
        a, b = a // 10, b // 10
    level = np.full(len(i), 8, dtype=np.int8)
    level[precise & same_year] = 7
    level[precise & (differing == 1)] = 6
    level[rough & (same_year | near)] = 2
    level[precise & same_year & (m1 == m2)] = 4
    level[precise & same_year & (m1 == d2) & (d1 == m2) & (m1 != m2)] = 3
    level[precise & same_year & (m1 == m2) & (d1 == d2)] = 1
    level[precise & (np.abs(y1 - y2) == 1) & (m1 == m2) & (d1 == d2)] = 5
    level[(y1 == 0) | (y2 == 0)] = 0
    return level


def _by_string(
    codes_i: np.ndarray, codes_j: np.ndarray, strings: list[str], function: object
) -> np.ndarray:
    """Levels of a string comparison, computed once per distinct pair of different values."""
    level = _same(codes_i, codes_j)
    rows = np.flatnonzero(level == 2)
    cache: dict[tuple[int, int], int] = {}
    for row in rows.tolist():
        key = (int(codes_i[row]), int(codes_j[row]))
        if key not in cache:
            cache[key] = function(strings[key[0]], strings[key[1]])  # type: ignore[operator]
        level[row] = cache[key]
    return level


def _strings(cols: Columns, attribute: str, codes: np.ndarray) -> list[str]:
    """The value of each code (index = code)."""
    out = [""] * (int(codes.max()) + 1 if len(codes) else 1)
    for p, code in zip(cols.prepared, codes.tolist(), strict=True):
        out[code] = getattr(p, attribute)
    return out


# The columns that need string metrics: random pairs (model.estimate_u) need only a sample.
COSTLY = (c.FAMILY, c.GIVEN, c.PASSPORT, c.PERMIT, c.MUNICIPALITY)


def compare_columns(
    cols: Columns, left: np.ndarray, right: np.ndarray, *, costly: bool = True
) -> np.ndarray:
    """compare.compare for every pair: an int8 matrix, one row per pair. Without `costly`,
    the COSTLY columns are left at 0."""
    levels = np.zeros((len(left), len(c.COMPARISONS)), dtype=np.int8)
    if not len(left):
        return levels
    i, j = left, right
    levels[:, c.DATE] = _dates(cols, i, j)
    levels[:, c.SEX] = _same(cols.sex[i], cols.sex[j])
    levels[:, c.NATIONALITY] = _same(cols.nationality[i], cols.nationality[j])
    levels[:, c.TAX_CODE] = _same(cols.tax_code[i], cols.tax_code[j])
    levels[:, c.PHONE] = _same(cols.phone[i], cols.phone[j])
    if not costly:
        return levels
    for column, attribute in ((c.PASSPORT, "passport"), (c.PERMIT, "permit")):
        codes = getattr(cols, attribute)
        levels[:, column] = _by_string(
            codes[i], codes[j], _strings(cols, attribute, codes), c.document_level
        )
    levels[:, c.MUNICIPALITY] = _by_string(
        cols.municipality[i],
        cols.municipality[j],
        _strings(cols, "municipality", cols.municipality),
        c.place_level,
    )
    _names(cols, i, j, levels)
    return levels


def _names(cols: Columns, i: np.ndarray, j: np.ndarray, levels: np.ndarray) -> None:
    a, b = cols.name[i], cols.name[j]
    missing = (a == 0) | (b == 0)
    equal = (a == b) & ~missing
    both = np.fromiter(
        (bool(p.family and p.given) for p in cols.prepared), dtype=bool, count=len(cols.prepared)
    )
    levels[equal, c.FAMILY] = np.where(both[i[equal]], c.EXACT, 0)
    levels[equal, c.GIVEN] = c.EXACT
    rows = np.flatnonzero(~missing & ~equal)
    if not len(rows):
        return
    prepared = cols.prepared
    cache: dict[tuple[int, int], tuple[int, int]] = {}
    pair_codes = zip(
        a[rows].tolist(), b[rows].tolist(), i[rows].tolist(), j[rows].tolist(), strict=True
    )
    family, given = np.empty(len(rows), np.int8), np.empty(len(rows), np.int8)
    for index, (code_a, code_b, record_a, record_b) in enumerate(pair_codes):
        key = (code_a, code_b)
        found = cache.get(key)
        if found is None:
            found = cache[key] = c.name_levels(prepared[record_a], prepared[record_b])
        family[index], given[index] = found
    levels[rows, c.FAMILY] = family
    levels[rows, c.GIVEN] = given
