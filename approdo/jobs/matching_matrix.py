"""The scorer of `matching_fit.score`, vectorised with numpy over blocks of people.

People and vacancies are encoded once as arrays (ISCO codes as integers, so that the minor and
sub-major groups are `code // 10` and `code // 100`; CEFR levels as 1–6; dates as ordinals;
preferred sectors as bit masks), then each block of people is scored against every vacancy.
Only feasible pairs are kept, and of those only each person's `top_k` best and each vacancy's
`vacancy_k` best people: an operator never weighs fifty offers for one person, and the
assignment solves in seconds on what is left.

The formulas, their order of operations and the rounding are those of `score()`, so the two
agree exactly on every pair returned (tested on random instances). Flagged employers'
vacancies are ruled out here as there: they never reach the assignment.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from approdo.jobs.matching_fit import (
    CEFR,
    DATES_SHARE,
    DISTANCE_EDGE,
    EARTH_RADIUS_KM,
    EXPERIENCE_FULL_YEARS,
    HOURS_SHARE,
    LANGUAGE_ONE_SHORT,
    OCCUPATION_LEVELS,
    PREF_NONE,
    PREF_OCCUPATION,
    PREF_SECTOR,
    SHUTTLE_STOP_KM,
    SHUTTLE_VALUE,
    TRANSPORT_OFFERED_KM,
    WEIGHTS,
    Candidate,
    Vacancy,
)

Triples = tuple[np.ndarray, np.ndarray, np.ndarray]  # person, vacancy, score
OPEN_END = 10**7  # an ordinal after any real date, for "available until further notice"
BLOCK_PAIRS = 1_000_000  # pairs scored per block: a few dozen MB of temporaries


@dataclass(frozen=True)
class Pairs:
    """Feasible (person, vacancy) pairs as parallel arrays of indices and integer scores."""

    person: np.ndarray
    vacancy: np.ndarray
    score: np.ndarray

    def __len__(self) -> int:
        return len(self.person)

    @classmethod
    def of(cls, triples: Sequence[tuple[int, int, int]]) -> Pairs:
        arr = np.array(triples, dtype=np.int64).reshape(-1, 3)
        return cls(arr[:, 0], arr[:, 1], arr[:, 2])


def _padded(rows: list[list[int]], fill: int) -> np.ndarray:
    width = max((len(r) for r in rows), default=0) or 1
    out = np.full((len(rows), width), fill, dtype=np.int64)
    for i, r in enumerate(rows):
        out[i, : len(r)] = r
    return out


def _radians(points: Sequence[tuple[float, float]]) -> tuple[np.ndarray, np.ndarray]:
    arr = np.radians(np.array(points, dtype=np.float64).reshape(-1, 2))
    return arr[:, 0], arr[:, 1]


Vectors = tuple[np.ndarray, np.ndarray, np.ndarray]


def _unit(points: Sequence[tuple[float, float]]) -> Vectors:
    lat, lon = _radians(points)
    return np.cos(lat) * np.cos(lon), np.cos(lat) * np.sin(lon), np.sin(lat)


def distance_km(a: Vectors, b: Vectors) -> np.ndarray:
    """Great-circle km, broadcasting; the formula of `matching_fit.distance_km`."""
    chord = np.sqrt((a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2 + (a[2] - b[2]) ** 2)
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.minimum(1.0, chord / 2))


class _People:
    def __init__(
        self, people: Sequence[Candidate], langs: dict[str, int], sectors: dict[str, int]
    ) -> None:
        self.occ = _padded([[int(c) for c in p.occupations] for p in people], -1)
        years = [list(p.occupations.values()) for p in people]
        self.years = np.zeros(self.occ.shape)
        for i, ys in enumerate(years):
            self.years[i, : len(ys)] = ys
        self.lang = np.zeros((len(people), len(langs) + 1), dtype=np.int64)
        for i, p in enumerate(people):
            for lang, lvl in p.languages.items():
                if lang in langs:
                    self.lang[i, langs[lang]] = CEFR[lvl]
        self.home = _unit([p.home for p in people])
        self.reach = np.array([p.max_travel_km for p in people], dtype=np.float64)
        stops = sorted({s for p in people for s in p.shuttle_stops})
        self.stop_index = {s: k for k, s in enumerate(stops)}
        self.stops = _padded(
            [[self.stop_index[s] for s in p.shuttle_stops] for p in people], len(stops)
        )
        self.stop_points = stops
        self.start = np.array([p.available_from.toordinal() for p in people])
        self.until = np.array(
            [p.available_until.toordinal() if p.available_until else OPEN_END for p in people]
        )
        self.hours = np.array([p.max_hours_per_week for p in people], dtype=np.int64)
        self.housing = np.array([p.needs_housing for p in people], dtype=bool)
        self.pref_occ = _padded([[int(c) for c in p.preferred_occupations] for p in people], -1)
        self.pref_sec = np.array(
            [sum(1 << sectors[s] for s in p.preferred_sectors if s in sectors) for p in people],
            dtype=np.int64,
        )
        self.no_prefs = np.array(
            [not p.preferred_occupations and not p.preferred_sectors for p in people]
        )
        # An excluded prefix of n digits matches when code // 10**(4-n) equals it.
        self.excl = _padded([[int(x) for x in p.excluded_occupations] for p in people], -2)
        self.excl_div = _padded(
            [[10 ** (4 - len(x)) for x in p.excluded_occupations] for p in people], 1
        )


class _Vacancies:
    def __init__(
        self, vacancies: Sequence[Vacancy], langs: dict[str, int], sectors: dict[str, int]
    ):
        self.code = np.array([int(v.occupation) for v in vacancies], dtype=np.int64)
        self.minor, self.sub = self.code // 10, self.code // 100
        self.site = _unit([v.site for v in vacancies])
        self.start = np.array([v.start.toordinal() for v in vacancies])
        self.end = np.array([v.end.toordinal() for v in vacancies])
        self.days = (self.end - self.start + 1).astype(np.float64)
        self.hours = np.array([v.hours_per_week for v in vacancies], dtype=np.int64)
        self.housing = np.array([v.housing_offered for v in vacancies], dtype=bool)
        self.bonus = np.array(
            [TRANSPORT_OFFERED_KM if v.transport_offered else 0.0 for v in vacancies]
        )
        self.open = ~np.array([v.employer_flagged for v in vacancies], dtype=bool)
        self.sector = np.array([1 << sectors[v.sector] if v.sector else 0 for v in vacancies])
        req = [sorted(v.required_languages.items()) for v in vacancies]
        self.req_lang = _padded([[langs[lang] for lang, _lvl in r] for r in req], len(langs))
        self.req_lvl = _padded([[CEFR[lvl] for _lang, lvl in r] for r in req], 0)
        self.n_req = (self.req_lvl > 0).sum(axis=1)


def _tables() -> tuple[np.ndarray, np.ndarray]:
    """Points for the occupation level (0-3 digits shared) and for (languages, credits)."""
    occupation = np.rint(WEIGHTS["occupation"] * np.array([0.0, *OCCUPATION_LEVELS[::-1]]))
    assert LANGUAGE_ONE_SHORT == 0.5  # the credits count halves: 2 met, 1 one level short
    most = 8  # languages a vacancy may require
    language = np.zeros((most + 1, 2 * most + 1))
    language[0, :] = np.rint(WEIGHTS["language"] * 1.0)
    for n in range(1, most + 1):
        for c in range(2 * n + 1):
            language[n, c] = np.rint(WEIGHTS["language"] * (c / (2 * n)))
    return occupation, language


OCCUPATION_POINTS, LANGUAGE_POINTS = _tables()


def _block(
    P: _People, Q: _Vacancies, rows: slice, near: np.ndarray, housing_hard: bool
) -> tuple[np.ndarray, np.ndarray]:
    """Scores and feasibility of a block of people against every vacancy."""
    W = WEIGHTS
    n = rows.stop - rows.start
    # occupation and experience: the best level over the person's codes, as the number of
    # leading digits shared beyond the first (0-3), read in a table
    shared = np.zeros((n, len(Q.code)), dtype=np.int8)
    years = np.zeros(shared.shape)
    for k in range(P.occ.shape[1]):
        code = P.occ[rows, k, None]
        minor = code // 10 == Q.minor
        here = (code // 100 == Q.sub).astype(np.int8)
        here += minor
        here += code == Q.code
        np.maximum(shared, here, out=shared)
        np.maximum(years, np.where(minor, P.years[rows, k, None], 0.0), out=years)
    total = np.take(OCCUPATION_POINTS, shared)
    total += np.rint(
        W["experience"] * (np.minimum(years, EXPERIENCE_FULL_YEARS) / EXPERIENCE_FULL_YEARS)
    )
    # languages: padding columns require level 0, always met, so their 2 credits come off
    credits = np.zeros(shared.shape, dtype=np.int8)
    lang = P.lang[rows]
    for k in range(Q.req_lvl.shape[1]):
        gap = Q.req_lvl[:, k] - lang[:, Q.req_lang[:, k]]
        credits += gap <= 0
        credits += gap <= 1
    credits -= (2 * (Q.req_lvl.shape[1] - Q.n_req)).astype(np.int8)
    total += LANGUAGE_POINTS[Q.n_req, credits]
    # distance and reachability
    hx, hy, hz = P.home
    km = distance_km((hx[rows, None], hy[rows, None], hz[rows, None]), Q.site)
    reach = P.reach[rows, None] + Q.bonus
    with np.errstate(divide="ignore", invalid="ignore"):
        direct = np.where((reach > 0) & (km <= reach), 1 - DISTANCE_EDGE * (km / reach), -1.0)
    shuttle = near[P.stops[rows]].any(axis=1)
    dist = np.maximum(direct, np.where(shuttle, SHUTTLE_VALUE, -1.0))
    ok = (dist >= 0) & Q.open
    total += np.rint(W["distance"] * np.maximum(dist, 0.0))
    # housing
    lacking = P.housing[rows, None] & ~Q.housing
    total += np.where(lacking, 0, W["housing"])
    if housing_hard:
        ok &= ~lacking
    # availability: share of the vacancy's days covered, and hours
    overlap = np.minimum(P.until[rows, None], Q.end) - np.maximum(P.start[rows, None], Q.start)
    overlap += 1
    ok &= overlap > 0
    hours = P.hours[rows, None]
    fit_h = np.where(Q.hours <= hours, 1.0, hours / Q.hours)
    avail = DATES_SHARE * (overlap / Q.days) + HOURS_SHARE * fit_h
    total += np.rint(W["availability"] * np.where(overlap > 0, avail, 0.0))
    # preferences
    pref_occ = (P.pref_occ[rows, :, None] == Q.code).any(axis=1)
    pref_sec = (P.pref_sec[rows, None] & Q.sector) != 0
    pref = np.where(
        pref_occ,
        PREF_OCCUPATION,
        np.where(pref_sec, PREF_SECTOR, np.where(P.no_prefs[rows, None], PREF_NONE, 0.0)),
    )
    total += np.rint(W["preferences"] * pref)
    # excluded occupations
    for k in range(P.excl.shape[1]):
        ok &= Q.code // P.excl_div[rows, k, None] != P.excl[rows, k, None]
    return total.astype(np.int64), ok


def _top(scores: np.ndarray, k: int, axis: int) -> Triples:
    """Row, column and score of the `k` best feasible entries along `axis`.

    Ties go to the lower index, so that the pairs kept do not depend on how people are split
    into blocks; infeasible entries (score -1) are never kept.
    """
    size = scores.shape[axis]
    if size > k:
        index = np.arange(size).reshape((-1, 1) if axis == 0 else (1, -1))
        key = scores * size + (size - 1 - index)  # unique along the axis, same order
        pick = np.argpartition(-key, k - 1, axis=axis)
        pick = pick[:, :k] if axis == 1 else pick[:k, :]
    else:
        pick = np.indices(scores.shape)[axis]
    best = np.take_along_axis(scores, pick, axis=axis)
    i, j = np.nonzero(best >= 0)
    if axis == 1:
        return i, pick[i, j], best[i, j]
    return pick[i, j], j, best[i, j]


def score_matrix(
    people: Sequence[Candidate],
    vacancies: Sequence[Vacancy],
    *,
    top_k: int = 40,
    vacancy_k: int = 10,
    min_score: int = 1,
    housing_hard: bool = False,
) -> Pairs:
    """Feasible pairs scoring at least `min_score`: each person's `top_k` best and each
    vacancy's `vacancy_k` best people (ties: lower index), sorted by person then vacancy.

    The vacancies' side keeps a vacancy that is nobody's favourite within reach of the
    assignment, which would otherwise leave its seats empty. (Scoring blocks on two threads
    was tried: no faster on the 2-core machine, the array loops wait on memory.)
    """
    sectors = {s: k for k, s in enumerate(sorted({v.sector for v in vacancies if v.sector}))}
    if len(sectors) > 62:
        raise ValueError("more than 62 sectors do not fit the bit masks")
    langs = sorted({lang for v in vacancies for lang in v.required_languages})
    lang_ix = {lang: k for k, lang in enumerate(langs)}
    if any(len(v.required_languages) > 8 for v in vacancies):
        raise ValueError("a vacancy requires more than 8 languages")
    P = _People(people, lang_ix, sectors)
    Q = _Vacancies(vacancies, lang_ix, sectors)
    # Which vacancies sit near each shuttle stop (last row: the padding, near nothing).
    sx, sy, sz = _unit(P.stop_points)
    near = np.zeros((len(P.stop_points) + 1, len(vacancies)), dtype=bool)
    near[:-1] = distance_km((sx[:, None], sy[:, None], sz[:, None]), Q.site) <= SHUTTLE_STOP_KM
    n, m = len(people), len(vacancies)
    block = max(1, BLOCK_PAIRS // max(1, m))

    def kept(a: int) -> tuple[Triples, Triples]:
        rows = slice(a, min(n, a + block))
        total, ok = _block(P, Q, rows, near, housing_hard)
        scores = np.where(ok & (total >= min_score), total, -1)
        i, j, s = _top(scores, top_k, axis=1)
        vi, vj, vs = _top(scores, vacancy_k, axis=0)
        return (i + a, j, s), (vi + a, vj, vs)

    parts = [kept(a) for a in range(0, n if m else 0, block)]
    if not parts:
        empty = np.zeros(0, dtype=np.int64)
        return Pairs(empty, empty, empty)
    person, vacancy, score = (np.concatenate(x) for x in zip(*(p for p, _v in parts), strict=True))
    vp, vv, vs = (np.concatenate(x) for x in zip(*(v for _p, v in parts), strict=True))
    # Each vacancy's best over all blocks: sort by vacancy, score down, person up; keep the
    # first `vacancy_k` of each vacancy.
    order = np.lexsort((vp, -vs, vv))
    vp, vv, vs = vp[order], vv[order], vs[order]
    rank = np.arange(len(vv)) - np.searchsorted(vv, vv, side="left")
    first = rank < vacancy_k
    person = np.concatenate([person, vp[first]])
    vacancy = np.concatenate([vacancy, vv[first]])
    score = np.concatenate([score, vs[first]])
    _keys, unique = np.unique(person * m + vacancy, return_index=True)
    return Pairs(person[unique], vacancy[unique], score[unique])
