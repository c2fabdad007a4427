"""One pair scored by the engine: the duplicate check's way into the linkage model.

`score_pair` compares two prepared records with `compare.compare` (the levels the network-wide
linkage uses) and adds up the model's weights, so a registration and a nightly run judge a
pair by the same rules. Without a trained model it uses the hand-set one (model.DEFAULT_M,
DEFAULT_U), whose level weights are computed once, plus `COMMON_NAMES`: the term-frequency
and name-bound adjustments a trained model learns (model.match_weights), set by hand for the
few names so common in the network that agreeing on them says little.

The default prior, `DUPLICATE_CHECK_PRIOR`, is a random pair's, calibrated for the duplicate
check (see its comment).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from approdo.linkage.engine.compare import (
    COMPARISONS,
    EXACT,
    FAMILY,
    GIVEN,
    NATIONALITY,
    VARIANT,
    compare,
    name_level,
    value_keys,
)
from approdo.linkage.engine.model import DEFAULT_U, Model, default_model, match_weights
from approdo.linkage.engine.prepare import Prepared

# The chance, before comparing them, that the person being typed is one given record. The
# weights come from random pairs (u), so this is a random pair's prior too: that blocking
# brought the candidate does not raise it, or the name agreement that brought it would count
# twice. About 1 in 130,000, the network-wide 1/n of a national register, and calibrated on
# the hand-set weights against the duplicate check's two cuts:
# - people.services.STRONG_MATCH_SCORE (0.85) stops a registration at 19.5 bits: names and
#   birth date agree (24 bits and more), or names, a 1 January year, nationality and sex
#   (21.2), or a document or codice fiscale alone (19.8); not names with nationality and sex
#   but no date (19.2), nor a common name with only a shared year (Singh, Kaur: 14.3);
# - people.duplicates.SHOW_THRESHOLD (0.05) shows a record at 12.75 bits: a name agreeing
#   with one spelling variant (13.8) is shown, an exact name with a conflicting birth year
#   (12.3) is not.
DUPLICATE_CHECK_PRIOR = 2.0**-17


@dataclass(frozen=True)
class CommonName:
    """A name (its skeletons, as compare.value_keys writes them) so common that agreeing on
    it says little: `bits` are added to an exact or variant agreement (the term frequency),
    `nationality` is how often two people with the name share a nationality (the name-bound
    u of model.NameBound: every Singh is Indian, so agreeing on India adds nothing)."""

    bits: float
    nationality: float


# Hand-set like DEFAULT_M and DEFAULT_U, kept round: every Sikh man is a Singh and every Sikh
# woman a Kaur (Singh is 9% of our synthetic registry, which has few women). What a trained
# model learns for them (about -3 bits against an average name, whose agreement the default
# u already sets low) is not enough here: the default model knows no rare names to offset.
# Mohamed is common too, but comes with a second given name or a family name that tells
# people apart; a penalty on it would hide Mohamed Traore typed as Muhammad Traore.
COMMON_NAMES: Mapping[str, CommonName] = {
    "sng": CommonName(bits=-4.0, nationality=0.93),  # Singh
    "kr": CommonName(bits=-4.0, nationality=0.93),  # Kaur, Kour
}


@dataclass(frozen=True, slots=True)
class PairScore:
    levels: tuple[int, ...]  # one per compare.COMPARISONS
    weight: float  # match weight in bits, prior odds included
    probability: float  # that the two records are the same person


def _as_tuples(weights: list[np.ndarray]) -> tuple[tuple[float, ...], ...]:
    return tuple(tuple(float(w) for w in column) for column in weights)


# Python floats: summing ten of them is faster than indexing numpy arrays, pair by pair.
_DEFAULT_WEIGHTS = _as_tuples(default_model(2).level_weights())
_NATIONALITY_U_SAME = DEFAULT_U[NATIONALITY][0]
_NAME_TF_LEVELS = COMPARISONS[FAMILY].tf_levels
assert COMPARISONS[GIVEN].tf_levels == _NAME_TF_LEVELS


def level_weights(model: Model | None = None) -> tuple[tuple[float, ...], ...]:
    """Per comparison, the weight in bits of each level (index 0, nothing to compare, is 0)."""
    return _DEFAULT_WEIGHTS if model is None else _as_tuples(model.level_weights())


def log_odds(probability: float) -> float:
    return math.log2(probability / (1 - probability))


def _probability(weight: float) -> float:
    return 1.0 / (1.0 + 2.0 ** -min(max(weight, -60.0), 60.0))  # as model.probabilities


def common_name_keys(p: Prepared, levels: tuple[int, ...]) -> tuple[str, ...]:
    """The COMMON_NAMES keys of `p` that an exact or variant name agreement rests on."""
    if levels[FAMILY] not in _NAME_TF_LEVELS and levels[GIVEN] not in _NAME_TF_LEVELS:
        return ()
    family_key, given_key = value_keys(p)[:2]
    return tuple(
        key
        for column, key in ((FAMILY, family_key), (GIVEN, given_key))
        if levels[column] in _NAME_TF_LEVELS and key in COMMON_NAMES
    )


def _common_name_bits(p: Prepared, levels: tuple[int, ...]) -> float:
    """model.match_weights' term-frequency and nationality name-bound adjustments, computed
    the same way (keys of the left record) from COMMON_NAMES."""
    if levels[FAMILY] not in _NAME_TF_LEVELS and levels[GIVEN] not in _NAME_TF_LEVELS:
        return 0.0  # no name agrees: neither adjustment applies
    family_key, given_key = value_keys(p)[:2]
    bits = 0.0
    for column, key in ((FAMILY, family_key), (GIVEN, given_key)):
        if levels[column] in _NAME_TF_LEVELS and key in COMMON_NAMES:
            bits += COMMON_NAMES[key].bits
    name = COMMON_NAMES.get(family_key or given_key)
    if name is not None and levels[NATIONALITY] and max(levels[FAMILY], levels[GIVEN]) <= VARIANT:
        u_same, share = _NATIONALITY_U_SAME, name.nationality
        if levels[NATIONALITY] == 1:
            bits += math.log2(u_same / share)
        else:
            bits += math.log2((1 - u_same) / (1 - share))
    return bits


def score_pair(
    p: Prepared, q: Prepared, *, model: Model | None = None, prior: float = DUPLICATE_CHECK_PRIOR
) -> PairScore:
    """How likely `p` and `q` are one person, by the engine's comparison levels.

    Without a model: the hand-set weights and COMMON_NAMES. With a model: its level weights,
    and its term-frequency and name-bound adjustments when it was trained (model.match_weights,
    `p` being the record whose values are looked up), with `prior` in place of its own.
    """
    levels = compare(p, q)
    if model is None:
        weight = sum(_DEFAULT_WEIGHTS[c][level] for c, level in enumerate(levels))
        weight += _common_name_bits(p, levels)
    elif model.tf is None and model.name_bound is None:
        weights = model.level_weights()
        weight = sum(float(weights[c][level]) for c, level in enumerate(levels))
    else:
        batch = np.array([levels], dtype=np.int8)
        weight = float(match_weights(model, [p], np.zeros(1, dtype=np.intp), batch)[0])
        weight -= log_odds(model.prior)
    weight += log_odds(prior)
    return PairScore(levels=levels, weight=weight, probability=_probability(weight))


def names_crossed(p: Prepared, q: Prepared) -> bool:
    """Whether compare() paired p's family name with q's given names (a given/family swap).

    compare.name_levels makes the same choice but returns only the levels.
    """
    if not (p.family and p.given and q.family and q.given):
        return False
    straight = (
        name_level(p.family, q.family, p.family_sk, q.family_sk),
        name_level(p.given, q.given, p.given_sk, q.given_sk),
    )
    if straight == (EXACT, EXACT):
        return False
    crossed = (
        name_level(p.family, q.given, p.family_sk, q.given_sk),
        name_level(p.given, q.family, p.given_sk, q.family_sk),
    )
    return sum(crossed) < sum(straight)
