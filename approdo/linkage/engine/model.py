"""The Fellegi-Sunter model: how much each comparison level says, learnt from the data.

- u (how often two different people agree at a level) from random pairs of records, which
  are almost all different people (as Splink does);
- m (how often the same person agrees at a level) and the share of matches among the
  candidate pairs by expectation-maximisation over the candidate pairs, u held fixed;
- term frequencies: agreeing on a rare name (or a phone few people share) says more than
  agreeing on Singh, Kaur or Mohamed, so the exact and variant name levels and the phone are
  adjusted by how often the value occurs (log2 of the average agreement rate over the
  value's own rate).

A pair's match weight is the sum of log2(m/u) over the comparisons, plus the adjustments; with
the prior odds that two random records are the same person, it gives the match probability.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from approdo.linkage.engine.columns import COSTLY, Columns, compare_columns
from approdo.linkage.engine.compare import (
    COMPARISONS,
    DATE,
    EXACT,
    FAMILY,
    GIVEN,
    NATIONALITY,
    PASSPORT,
    PERMIT,
    SEX,
    VARIANT,
    value_keys,
)
from approdo.linkage.engine.prepare import Prepared

U_SAMPLE_PAIRS = 1_000_000
U_MIN_SAMPLE_PAIRS = 200_000
U_COSTLY_PAIRS = 100_000
EM_ITERATIONS = 40
_FLOOR = 1e-6  # no level is ever certain or impossible
_TF_CLAMP = (-6.0, 12.0)  # bits: bounds the adjustment of a very common or unique value
TF_COLUMNS = (0, 1, 2, 8)  # family, given, birth date, phone: value_keys() order


@dataclass
class TermFrequencies:
    """How often each value occurs. A name is counted in either field (a Singh typed as a given
    name is as common as one typed as a family name), so a swapped name is judged right."""

    counts: list[Counter[str]]  # per TF column: the counts its values are looked up in
    agreement: list[float]  # per TF column: probability that two random records agree
    total: int

    @classmethod
    def of(cls, prepared: Sequence[Prepared]) -> TermFrequencies:
        fields: list[Counter[str]] = [Counter() for _ in TF_COLUMNS]
        for p in prepared:
            for column, key in enumerate(value_keys(p)):
                if key:
                    fields[column][key] += 1
        n = max(len(prepared), 2)
        agreement = [
            max(sum(c * (c - 1) for c in counter.values()) / (n * (n - 1)), _FLOOR)
            for counter in fields
        ]
        names = fields[0] + fields[1]
        return cls(counts=[names, names, fields[2], fields[3]], agreement=agreement, total=n)

    def adjustment(self, column: int, key: str) -> float:
        """Bits to add when two records agree on `key` in TF column `column`."""
        if not key:
            return 0.0
        others = max(self.counts[column].get(key, 1) - 1, 1) / (self.total - 1)
        bits = math.log2(self.agreement[column] / others)
        return min(max(bits, _TF_CLAMP[0]), _TF_CLAMP[1])


@dataclass
class NameBound:
    """Nationality and sex go with names (every Singh is Indian, Gurpreet a man): two people
    with the same name agree on them far more often than two random people. For pairs whose
    names agree, the u of those agreements is the chance that two records with that name
    agree on them (Simpson's concentration), not the population's."""

    concentration: list[dict[str, float]]  # [nationality by name key, sex by given key]

    @classmethod
    def of(cls, prepared: Sequence[Prepared]) -> NameBound:
        tables: list[dict[str, Counter[str]]] = [{}, {}]
        for p in prepared:
            family, given, _, _ = value_keys(p)
            for index, key, value in ((0, family or given, p.nationality), (1, given, p.sex)):
                if key and value:
                    tables[index].setdefault(key, Counter())[value] += 1
        concentration: list[dict[str, float]] = []
        for by_name in tables:
            found: dict[str, float] = {}
            for key, counter in by_name.items():
                n = sum(counter.values())
                if n >= _MIN_NAME_SAMPLE:
                    found[key] = sum(c * (c - 1) for c in counter.values()) / (n * (n - 1))
            concentration.append(found)
        return cls(concentration=concentration)


_MIN_NAME_SAMPLE = 5  # records with a name before its nationality/sex mix is trusted


@dataclass
class Model:
    m: list[np.ndarray]  # per comparison, probability of each level (index 0 = missing)
    u: list[np.ndarray]
    prior: float  # probability that two random records are the same person
    candidate_share: float  # share of matches among the candidate pairs (EM)
    tf: TermFrequencies | None = None
    name_bound: NameBound | None = None
    iterations: int = 0
    history: list[float] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """The parameters as JSON, enough to score new pairs later (incremental linking).
        A value seen once or twice adjusts like an unseen one, so only counts of three and
        more are kept."""
        data: dict[str, Any] = {
            "m": [np.round(m[1:], 8).tolist() for m in self.m],
            "u": [np.round(u[1:], 8).tolist() for u in self.u],
            "prior": self.prior,
            # NaN (the hand-set model learnt nothing) is not JSON.
            "candidate_share": None if math.isnan(self.candidate_share) else self.candidate_share,
        }
        if self.tf is not None:
            data["tf"] = {
                "agreement": self.tf.agreement,
                "total": self.tf.total,
                "names": {k: c for k, c in self.tf.counts[0].items() if c >= 3},
                "dates": {k: c for k, c in self.tf.counts[2].items() if c >= 3},
                "phones": {k: c for k, c in self.tf.counts[3].items() if c >= 3},
            }
        if self.name_bound is not None:
            data["name_bound"] = self.name_bound.concentration
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Model:
        tf = None
        if data.get("tf"):
            stored = data["tf"]
            names = Counter(stored["names"])
            tf = TermFrequencies(
                counts=[names, names, Counter(stored["dates"]), Counter(stored["phones"])],
                agreement=list(stored["agreement"]),
                total=int(stored["total"]),
            )
        bound = data.get("name_bound")
        share = data.get("candidate_share")
        return cls(
            m=[np.r_[1.0, np.array(row)] for row in data["m"]],
            u=[np.r_[1.0, np.array(row)] for row in data["u"]],
            prior=float(data["prior"]),
            candidate_share=float("nan") if share is None else float(share),
            tf=tf,
            name_bound=NameBound(concentration=bound) if bound else None,
        )

    def level_weights(self) -> list[np.ndarray]:
        weights = []
        for m, u in zip(self.m, self.u, strict=True):
            w = np.log2(np.maximum(m, _FLOOR) / np.maximum(u, _FLOOR))
            w[0] = 0.0
            weights.append(w)
        return weights


def _level_distribution(levels: np.ndarray, column: int, size: int, weights=None) -> np.ndarray:
    counts = np.bincount(levels[:, column], weights=weights, minlength=size + 1).astype(float)
    counts[0] = 0.0
    total = counts.sum()
    if total <= 0:
        probabilities = np.full(size + 1, 1.0 / size)
    else:
        probabilities = (counts + 1e-3) / (total + 1e-3 * size)
    probabilities[0] = 1.0
    return probabilities


def estimate_u(
    prepared: Sequence[Prepared], *, seed: int = 0, columns: Columns | None = None
) -> list[np.ndarray]:
    n = len(prepared)
    rng = np.random.default_rng(seed)
    # Enough random pairs for the rare levels, never more than the data could hold.
    count = min(U_SAMPLE_PAIRS, max(U_MIN_SAMPLE_PAIRS, 40 * n), n * (n - 1) // 2)
    left = rng.integers(0, n, size=count)
    right = rng.integers(0, n, size=count)
    keep = left != right
    left, right = left[keep], right[keep]
    columns = columns or Columns.of(prepared)
    levels = compare_columns(columns, left, right, costly=False)
    # String metrics cost a Python call per pair: a smaller sample is enough for their levels.
    sample = compare_columns(columns, left[:U_COSTLY_PAIRS], right[:U_COSTLY_PAIRS])
    return [
        _level_distribution(sample if column in COSTLY else levels, column, size)
        for column, size in enumerate(len(comparison.levels) for comparison in COMPARISONS)
    ]


# Parameters for inputs too small to learn from (a few hundred records): set by hand from
# what the model learns on FEBRL and on our synthetic registries, kept round on purpose.
# Per comparison, the probabilities of levels 1..n (see compare.COMPARISONS).
DEFAULT_M: tuple[tuple[float, ...], ...] = (
    (0.70, 0.12, 0.08, 0.04, 0.06),  # family name
    (0.70, 0.12, 0.08, 0.04, 0.06),  # given names
    (0.70, 0.10, 0.02, 0.03, 0.03, 0.02, 0.01, 0.09),  # birth date
    (0.98, 0.02),  # sex
    (0.97, 0.03),  # nationality
    (0.95, 0.05),  # codice fiscale
    (0.90, 0.05, 0.05),  # passport
    (0.90, 0.05, 0.05),  # permit
    (0.60, 0.40),  # phone
    (0.50, 0.10, 0.40),  # municipality
)
DEFAULT_U: tuple[tuple[float, ...], ...] = (
    (0.003, 0.002, 0.002, 0.002, 0.991),
    (0.003, 0.002, 0.002, 0.002, 0.991),
    (0.0001, 0.025, 0.00002, 0.002, 0.0001, 0.0005, 0.02, 0.95228),
    (0.70, 0.30),
    (0.12, 0.88),
    (0.000001, 0.999999),
    (0.000001, 0.00001, 0.999989),
    (0.000001, 0.00001, 0.999989),
    (0.0001, 0.9999),
    (0.05, 0.01, 0.94),
)
# Below these sizes the data cannot teach the model: the defaults are used.
MIN_RECORDS_TO_TRAIN = 2000
MIN_RECORDS_FOR_U = 100
MIN_PAIRS_TO_TRAIN = 500


def default_model(n_records: int) -> Model:
    """The hand-set model, with a prior that assumes about one record in two has a twin."""
    prior = min(0.5, 1.0 / max(n_records, 2))
    return Model(
        m=[np.r_[1.0, np.array(row)] for row in DEFAULT_M],
        u=[np.r_[1.0, np.array(row)] for row in DEFAULT_U],
        prior=prior,
        candidate_share=float("nan"),
    )


def _initial_m() -> list[np.ndarray]:
    m = []
    for comparison in COMPARISONS:
        size = len(comparison.levels)
        # Agreement likely for the same person, disagreement unlikely: a neutral start.
        raw = np.array([0.5**k for k in range(size)], dtype=float)
        raw[-1] = 0.02
        probabilities = np.r_[1.0, raw / raw.sum()]
        m.append(probabilities)
    return m


def _log_likelihoods(levels: np.ndarray, table: list[np.ndarray]) -> np.ndarray:
    total = np.zeros(len(levels))
    for column, probabilities in enumerate(table):
        total += np.log2(np.maximum(probabilities, _FLOOR))[levels[:, column]]
    return total


def _em(
    levels: np.ndarray,
    u: list[np.ndarray],
    m: list[np.ndarray],
    *,
    learn: set[int],
    ignore: frozenset[int] = frozenset(),
) -> tuple[list[np.ndarray], float, list[float]]:
    """EM over `levels` (u fixed), updating m of the `learn` columns and the share of matches.

    The `ignore` columns are those a training set was chosen by: every pair agrees on them, so
    they are left out of the likelihood (they would only measure the choice, not the people)."""
    share = 0.1
    kept = [c for c in range(len(COMPARISONS)) if c not in ignore]
    log_u = _log_likelihoods(levels[:, kept], [u[c] for c in kept])
    history: list[float] = []
    m = list(m)
    for _ in range(EM_ITERATIONS):
        log_m = _log_likelihoods(levels[:, kept], [m[c] for c in kept])
        log_odds = log_m - log_u + math.log2(share / (1 - share))
        posterior = 1.0 / (1.0 + np.exp2(-np.clip(log_odds, -60, 60)))
        share = float(min(max(posterior.mean(), 1e-6), 1 - 1e-6))
        change = 0.0
        for column in learn:
            size = len(COMPARISONS[column].levels)
            new = _level_distribution(levels, column, size, weights=posterior)
            change = max(change, float(np.abs(new - m[column]).max()))
            m[column] = new
        history.append(change)
        if change < 1e-4:
            break
    return m, share, history


# Training sets (Splink's way): pairs with the same exact birth date teach everything but the
# date; pairs with the same document teach the date. EM over all candidate pairs at once would
# learn "same name" instead of "same person", since blocking on names brings many homonyms.
MIN_TRAINING_PAIRS = 100


def train(
    prepared: Sequence[Prepared],
    levels: np.ndarray,
    *,
    seed: int = 0,
    columns: Columns | None = None,
) -> Model:
    """u from random pairs, then m by EM on two training sets of candidate pairs, and the share
    of matches among all candidates; the hand-set defaults when there is too little data."""
    if len(prepared) < MIN_RECORDS_TO_TRAIN or len(levels) < MIN_PAIRS_TO_TRAIN:
        # Too little to learn m from. How often different people agree (u) and how common
        # each name is, random pairs of even a few hundred records tell.
        model = default_model(len(prepared))
        if len(prepared) >= MIN_RECORDS_FOR_U:
            model.u = estimate_u(prepared, seed=seed, columns=columns)
        model.tf = TermFrequencies.of(prepared)
        model.name_bound = NameBound.of(prepared)
        return model
    u = estimate_u(prepared, seed=seed, columns=columns)
    m = _initial_m()
    everything = set(range(len(COMPARISONS)))
    history: list[float] = []
    same_date = levels[levels[:, DATE] == 1]
    date_matches = 0.0
    if len(same_date) >= MIN_TRAINING_PAIRS:
        m, date_share, steps = _em(
            same_date, u, m, learn=everything - {DATE}, ignore=frozenset({DATE})
        )
        date_matches = date_share * len(same_date)
        history += steps
    # The date is learnt on pairs that share a document: nearly all the same person, and a
    # document says nothing of how a birth date was typed. (Pairs sharing a name would not do:
    # homonyms share nationality and sex too, and would pass for the same person.)
    documented = levels[(levels[:, PASSPORT] == 1) | (levels[:, PERMIT] == 1)]
    if len(documented) >= MIN_TRAINING_PAIRS:
        m, _, steps = _em(documented, u, m, learn={DATE}, ignore=frozenset({PASSPORT, PERMIT}))
        history += steps
    # How many candidate pairs are the same person: the matches found among the same-date
    # pairs, over the share of matches whose dates agree exactly. (An E-step over all the
    # candidates would count homonyms, who agree on nationality and sex, as matches.)
    if date_matches:
        share = min(date_matches / max(float(m[DATE][1]), 0.05) / len(levels), 1 - 1e-6)
    else:
        _, share, _ = _em(levels, u, m, learn=set())
    n = len(prepared)
    all_pairs = max(n * (n - 1) / 2, 1.0)
    prior = min(max(share * len(levels) / all_pairs, 1e-12), 0.5)
    return Model(
        m=m,
        u=u,
        prior=prior,
        candidate_share=share,
        tf=TermFrequencies.of(prepared),
        name_bound=NameBound.of(prepared),
        iterations=len(history),
        history=history,
    )


def match_weights(
    model: Model, prepared: Sequence[Prepared], left: np.ndarray, levels: np.ndarray
) -> np.ndarray:
    """Match weight in bits of every pair (prior odds included).

    The adjustments that depend on a value (term frequencies, name bounds) are worked out once
    per record of the left side and added to the pairs in numpy."""
    weights = np.full(len(levels), math.log2(model.prior / (1 - model.prior)))
    for column, level_weight in enumerate(model.level_weights()):
        weights += level_weight[levels[:, column]]
    if model.tf is None and model.name_bound is None:
        return weights
    records = np.unique(left)
    keys = {int(r): value_keys(prepared[int(r)]) for r in records.tolist()}
    if model.tf is not None:
        tf = model.tf
        for key_column, column in enumerate(TF_COLUMNS):
            tf_levels = np.array(COMPARISONS[column].tf_levels, dtype=np.int8)
            cache: dict[str, float] = {}
            per_record = np.zeros(int(records.max()) + 1 if len(records) else 1)
            for record, values in keys.items():
                key = values[key_column]
                if key not in cache:
                    cache[key] = tf.adjustment(key_column, key)
                per_record[record] = cache[key]
            rows = np.isin(levels[:, column], tf_levels)
            weights[rows] += per_record[left[rows]]
    if model.name_bound is not None:
        _name_bound_adjustments(model, keys, left, levels, weights)
    return weights


def _name_bound_adjustments(
    model: Model,
    keys: dict[int, tuple[str, str, str, str]],
    left: np.ndarray,
    levels: np.ndarray,
    weights: np.ndarray,
) -> None:
    """Replace the population's u by the name's own for nationality (when the names agree) and
    sex (when the given names agree): see NameBound."""
    assert model.name_bound is not None
    names_agree = (levels[:, FAMILY] <= VARIANT) & (levels[:, GIVEN] <= VARIANT)
    given_agree = (levels[:, GIVEN] >= EXACT) & (levels[:, GIVEN] <= VARIANT)
    plans = (
        (NATIONALITY, 0, names_agree & (levels[:, NATIONALITY] > 0)),
        (SEX, 1, given_agree & (levels[:, SEX] > 0)),
    )
    size = max(keys, default=0) + 1
    for column, table, mask in plans:
        u_same = float(model.u[column][1])
        concentration = model.name_bound.concentration[table]
        # Per record: the bits to add when the pair agrees on the value, and when it does not.
        agree_bits, differ_bits = np.zeros(size), np.zeros(size)
        for record, (family, given, _, _) in keys.items():
            share = concentration.get((family or given) if table == 0 else given)
            if share is None:
                continue
            share = min(max(share, _FLOOR), 1 - _FLOOR)
            agree_bits[record] = math.log2(u_same / share)
            differ_bits[record] = math.log2((1 - u_same) / (1 - share))
        rows = np.flatnonzero(mask)
        same = levels[rows, column] == 1
        weights[rows] += np.where(same, agree_bits[left[rows]], differ_bits[left[rows]])


def probabilities(weights: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp2(-np.clip(weights, -60, 60)))
