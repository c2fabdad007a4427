"""The comparisons of compare.py over many pairs at once, for speed.

Every field but the names is turned into integer codes per record, so agreement is one numpy
comparison over all pairs; only the pairs that need a string metric (two different documents,
two different municipalities) go through Python, and names once per distinct pair of names.
`compare.compare` stays the reference: a test checks both give the same levels.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from rapidfuzz.distance import OSA, JaroWinkler
from rapidfuzz.process import cpdist

from approdo.linkage.engine import compare as c
from approdo.linkage.engine.prepare import MAX_TOKENS, Prepared


def _codes(values: Sequence[object]) -> np.ndarray:
    """An integer per distinct value, 0 for an empty one."""
    table: dict[object, int] = {}
    out = np.empty(len(values), dtype=np.int64)
    for index, value in enumerate(values):
        out[index] = table.setdefault(value, len(table) + 1) if value else 0
    return out


NameTokens = tuple[tuple[str, ...], tuple[str, ...]]  # tokens and their skeletons


@dataclass
class Columns:
    prepared: Sequence[Prepared]
    family: np.ndarray  # code of the family name's tokens (0: none)
    given: np.ndarray
    whole: np.ndarray  # code of all the name's tokens, for names typed in one field
    token_lists: list[NameTokens]  # code -> (tokens, skeletons)
    tokens: _TokenTable
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

        lists: dict[tuple[str, ...], int] = {}
        token_lists: list[NameTokens] = [((), ())]

        def code(tokens: tuple[str, ...], skeletons: tuple[str, ...]) -> int:
            if not tokens:
                return 0
            found = lists.get(tokens)
            if found is None:
                found = lists[tokens] = len(token_lists)
                token_lists.append((tokens, skeletons))
            return found

        def names(
            pick: Callable[[Prepared], tuple[tuple[str, ...], tuple[str, ...]]],
        ) -> np.ndarray:
            return np.fromiter(
                (code(*pick(p)) for p in prepared), dtype=np.int64, count=len(prepared)
            )

        return cls(
            prepared=prepared,
            family=names(lambda p: (p.family, p.family_sk)),
            given=names(lambda p: (p.given, p.given_sk)),
            whole=names(lambda p: (p.tokens, p.skeletons)),
            token_lists=token_lists,
            tokens=_TokenTable.of(token_lists),
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


def _string_levels(strings: list[str], a: np.ndarray, b: np.ndarray, kind: str) -> np.ndarray:
    """compare.document_level or compare.place_level of pairs of different values (indices
    into `strings`), with rapidfuzz's C++ pairwise metrics."""
    first = [strings[x] for x in a.tolist()]
    second = [strings[x] for x in b.tolist()]
    if kind == "document":
        # One typed character wrong, missing, extra, or two swapped (optimal string alignment).
        distance = cpdist(first, second, scorer=OSA.distance, score_cutoff=1, workers=-1)
        return np.where(distance <= 1, 2, 3).astype(np.int8)
    squeezed = np.array([x.replace(" ", "") for x in first]) == np.array(
        [x.replace(" ", "") for x in second]
    )
    similar = cpdist(
        first, second, scorer=JaroWinkler.normalized_similarity, dtype=np.float64, workers=-1
    )
    return np.where(squeezed | (similar >= c.PLACE_SIMILAR), 2, 3).astype(np.int8)


def _by_string(
    codes_i: np.ndarray, codes_j: np.ndarray, strings: list[str], kind: str
) -> np.ndarray:
    """Levels of a string comparison, computed once per distinct pair of different values."""
    level = _same(codes_i, codes_j)
    rows = np.flatnonzero(level == 2)
    if not len(rows):
        return level
    width = len(strings)
    unique, inverse = np.unique(codes_i[rows] * width + codes_j[rows], return_inverse=True)
    found = _string_levels(strings, unique // width, unique % width, kind)
    level[rows] = found[inverse.ravel()]
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
            codes[i], codes[j], _strings(cols, attribute, codes), "document"
        )
    levels[:, c.MUNICIPALITY] = _by_string(
        cols.municipality[i],
        cols.municipality[j],
        _strings(cols, "municipality", cols.municipality),
        "place",
    )
    _names(cols, i, j, levels)
    return levels


_JW_CHUNK = 200_000  # list pairs compared at once: bounds the token grid's memory


@dataclass
class _TokenTable:
    """The token lists of Columns as arrays: each list's token ids (padded with -1), its
    length, and each token's skeleton id and text."""

    ids: np.ndarray  # list code -> MAX_TOKENS token ids
    lengths: np.ndarray
    skeleton: np.ndarray  # token id -> skeleton id (0: no skeleton)
    text: list[str]  # token id -> token

    @classmethod
    def of(cls, token_lists: list[NameTokens]) -> _TokenTable:
        tokens: dict[str, int] = {}
        skeletons: dict[str, int] = {"": 0}
        skeleton_of: list[int] = []
        ids = np.full((len(token_lists), MAX_TOKENS), -1, dtype=np.int64)
        lengths = np.zeros(len(token_lists), dtype=np.int64)
        for code, (words, sks) in enumerate(token_lists):
            lengths[code] = len(words)
            for position, (word, sk) in enumerate(zip(words, sks, strict=True)):
                found = tokens.get(word)
                if found is None:
                    found = tokens[word] = len(skeleton_of)
                    skeleton_of.append(skeletons.setdefault(sk, len(skeletons)) if sk else 0)
                ids[code, position] = found
        return cls(ids, lengths, np.asarray([*skeleton_of, 0], dtype=np.int64), list(tokens))


def _list_levels(table: _TokenTable, x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """compare.name_level for pairs of token lists (codes, both present and different), in
    numpy: every token of the shorter list against every token of the longer, the
    Jaro-Winkler similarities of distinct token pairs by rapidfuzz in C++."""
    short_first = table.lengths[x] <= table.lengths[y]
    a = np.where(short_first, x, y)
    b = np.where(short_first, y, x)
    # Only as many token columns as the longest list here (most names have one or two).
    width_a, width_b = int(table.lengths[a].max()), int(table.lengths[b].max())
    ta, tb = table.ids[a][:, :width_a], table.ids[b][:, :width_b]
    same_sorted = table.lengths[a] == table.lengths[b]
    if width_a == width_b:
        same_sorted &= (np.sort(ta, axis=1) == np.sort(tb, axis=1)).all(axis=1)
    else:
        same_sorted &= False
    grid_a = np.broadcast_to(ta[:, :, None], (len(a), width_a, width_b))
    grid_b = np.broadcast_to(tb[:, None, :], (len(a), width_a, width_b))
    valid = (grid_a >= 0) & (grid_b >= 0)
    level = np.full(grid_a.shape, 9, dtype=np.int8)  # 9: no such token
    exact = valid & (grid_a == grid_b)
    sk_a, sk_b = table.skeleton[grid_a], table.skeleton[grid_b]
    variant = valid & ~exact & (sk_a == sk_b) & (sk_a != 0)
    rest = valid & ~exact & ~variant
    level[exact] = c.EXACT
    level[variant] = c.VARIANT
    if rest.any():
        left, right = grid_a[rest], grid_b[rest]
        pairs, inverse = np.unique(
            np.minimum(left, right) * len(table.text) + np.maximum(left, right),
            return_inverse=True,
        )
        width = len(table.text)
        similar = cpdist(
            [table.text[t] for t in (pairs // width).tolist()],
            [table.text[t] for t in (pairs % width).tolist()],
            scorer=JaroWinkler.normalized_similarity,
            dtype=np.float64,
            workers=-1,
        )
        fuzzy = similar[inverse.ravel()] >= c.JW_FUZZY
        level[rest] = np.where(fuzzy, c.FUZZY, c.DIFFERENT)
    best = level.min(axis=2)  # each short token's best partner (9 where no short token)
    present = ta >= 0
    worst = np.where(present, best, 0).max(axis=1)
    matched = (present & (best <= c.VARIANT)).sum(axis=1)
    same_length = table.lengths[a] == table.lengths[b]
    out = np.where(matched > 0, c.PARTIAL, c.DIFFERENT).astype(np.int8)
    out[(worst <= c.FUZZY) & same_length] = np.maximum(worst, c.VARIANT)[
        (worst <= c.FUZZY) & same_length
    ]
    out[same_sorted] = c.EXACT
    return out


def _token_levels(cols: Columns, x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """compare.name_level of every pair of token lists (codes), each distinct pair of
    different lists computed once."""
    out = np.zeros(len(x), dtype=np.int8)
    present = (x != 0) & (y != 0)
    out[present & (x == y)] = c.EXACT
    rest = np.flatnonzero(present & (x != y))
    if not len(rest):
        return out
    width = len(cols.token_lists)
    unique, inverse = np.unique(x[rest] * width + y[rest], return_inverse=True)
    table = cols.tokens
    levels = np.empty(len(unique), dtype=np.int8)
    for chunk in range(0, len(unique), _JW_CHUNK):
        part = unique[chunk : chunk + _JW_CHUNK]
        levels[chunk : chunk + _JW_CHUNK] = _list_levels(table, part // width, part % width)
    out[rest] = levels[inverse.ravel()]
    return out


def _names(cols: Columns, i: np.ndarray, j: np.ndarray, levels: np.ndarray) -> None:
    """compare.name_levels over all pairs: family and given names in the straight or the
    crossed alignment, whichever agrees better; a name in one field compared whole."""
    fa, fb, ga, gb = cols.family[i], cols.family[j], cols.given[i], cols.given[j]
    full = (fa != 0) & (ga != 0) & (fb != 0) & (gb != 0)
    family = np.zeros(len(i), dtype=np.int8)
    given = np.zeros(len(i), dtype=np.int8)
    rows = np.flatnonzero(full)
    s1 = _token_levels(cols, fa[rows], fb[rows])
    s2 = _token_levels(cols, ga[rows], gb[rows])
    exact = (s1 == c.EXACT) & (s2 == c.EXACT)
    c1 = np.zeros_like(s1)
    c2 = np.zeros_like(s2)
    other = np.flatnonzero(~exact)
    c1[other] = _token_levels(cols, fa[rows][other], gb[rows][other])
    c2[other] = _token_levels(cols, ga[rows][other], fb[rows][other])
    crossed = ~exact & (c1.astype(np.int16) + c2 < s1.astype(np.int16) + s2)
    family[rows] = np.where(crossed, c1, s1)
    given[rows] = np.where(crossed, c2, s2)
    whole = np.flatnonzero(~full)
    given[whole] = _token_levels(cols, cols.whole[i[whole]], cols.whole[j[whole]])
    levels[:, c.FAMILY] = family
    levels[:, c.GIVEN] = given
