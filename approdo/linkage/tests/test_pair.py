"""One pair scored by the engine (engine.pair): the same weights as the batch linkage."""

from __future__ import annotations

import math

import numpy as np
import pytest

from approdo.linkage.engine.blocking import candidate_pairs
from approdo.linkage.engine.columns import Columns, compare_columns
from approdo.linkage.engine.compare import (
    COMPARISONS,
    DATE,
    EXACT,
    GIVEN,
    NATIONALITY,
    compare,
    name_level,
)
from approdo.linkage.engine.model import DEFAULT_U, default_model, match_weights, train
from approdo.linkage.engine.pair import (
    COMMON_NAMES,
    DUPLICATE_CHECK_PRIOR,
    level_weights,
    log_odds,
    names_crossed,
    score_pair,
)
from approdo.linkage.engine.prepare import Prepared, prepare, prepare_all
from approdo.linkage.engine.records import Record
from approdo.linkage.synthetic.generator import generate_registry


def p(family: str, given: str, born: str = "", **more: str) -> Prepared:
    return prepare(
        Record(record_id="x", family_name=family, given_names=given, birth_date=born, **more)
    )


def test_default_level_weights_are_the_hand_set_models_computed_once() -> None:
    expected = default_model(2).level_weights()
    weights = level_weights()
    assert weights is level_weights()
    assert len(weights) == len(COMPARISONS)
    for column, row in zip(expected, weights, strict=True):
        assert row == pytest.approx(column.tolist())
        assert row[0] == 0.0  # nothing to compare weighs nothing


def test_a_pair_weighs_the_sum_of_its_level_weights_and_the_prior() -> None:
    a = p("Diallo", "Mamadou", "1990-03-04", sex="m", nationality="SN", phone="+39 320 1234567")
    b = p("Jallow", "Mamadu", "1990-04-03", sex="m", nationality="GN", phone="3201234567")
    result = score_pair(a, b)
    assert result.levels == compare(a, b)
    weights = level_weights()
    expected = sum(weights[c][level] for c, level in enumerate(result.levels))
    assert result.weight == pytest.approx(expected + log_odds(DUPLICATE_CHECK_PRIOR))
    assert result.probability == pytest.approx(1 / (1 + 2**-result.weight))
    # A higher prior raises the probability, never the evidence.
    higher = score_pair(a, b, prior=0.01)
    assert higher.weight - result.weight == pytest.approx(
        log_odds(0.01) - log_odds(DUPLICATE_CHECK_PRIOR)
    )
    assert higher.probability > result.probability


def test_scores_are_probabilities_ordered_by_evidence() -> None:
    a = p("Ndiaye", "Ousmane", "1990-03-12", sex="m", nationality="SN")
    same = score_pair(a, p("Ndiaye", "Ousmane", "1990-03-12", sex="m", nationality="SN"))
    variant = score_pair(a, p("Ndiaye", "Usman", "1990-03-12", sex="m", nationality="SN"))
    other = score_pair(a, p("Traoré", "Bakary", "1990-03-12", sex="m", nationality="ML"))
    assert 0.0 < other.probability < variant.probability < same.probability <= 1.0
    assert other.probability < 0.01 < 0.99 < variant.probability


def test_common_names_weigh_less_and_their_nationality_says_nothing() -> None:
    singh = p("Singh", "Gurpreet", "1990-01-01", birth_date_precision="year", nationality="IN")
    rare = p("Sidhu", "Gurpreet", "1990-01-01", birth_date_precision="year", nationality="IN")
    with_singh = score_pair(singh, singh)
    with_rare = score_pair(rare, rare)
    assert with_singh.levels == with_rare.levels
    # The family name's agreement loses its term frequency; the shared nationality, which
    # every Singh has, is judged against Singhs (model.NameBound), not against everyone.
    name_bound = math.log2(DEFAULT_U[NATIONALITY][0] / COMMON_NAMES["sng"].nationality)
    assert with_rare.weight - with_singh.weight == pytest.approx(
        -COMMON_NAMES["sng"].bits - name_bound
    )
    assert abs(level_weights()[NATIONALITY][1] + name_bound) < 0.2  # India says ~nothing
    # Swapped, the common name is still recognised (keys are counted in either field).
    swapped = p("Gurpreet", "Singh", "1990-01-01", birth_date_precision="year", nationality="IN")
    assert score_pair(singh, swapped).weight == pytest.approx(with_singh.weight)
    # An explicit untrained model is the hand-set weights alone.
    assert score_pair(singh, singh, model=default_model(2)).weight == pytest.approx(
        with_rare.weight
    )


def test_a_trained_model_scores_one_pair_as_the_batch_does() -> None:
    registry = generate_registry(2500, seed=3)
    prepared = prepare_all(registry.records)
    left, right = candidate_pairs(prepared)
    columns = Columns.of(prepared)
    levels = compare_columns(columns, left, right)
    model = train(prepared, levels, columns=columns)
    assert model.tf is not None and model.name_bound is not None
    batch = match_weights(model, prepared, left, levels)
    rows = np.random.default_rng(0).choice(len(left), size=300, replace=False)
    for row in rows.tolist():
        one = score_pair(
            prepared[int(left[row])], prepared[int(right[row])], model=model, prior=model.prior
        )
        assert one.levels == tuple(levels[row].tolist())
        assert one.weight == pytest.approx(float(batch[row]))


def test_names_crossed_tells_which_alignment_compare_chose() -> None:
    a = p("Konaté", "Seydou")
    assert names_crossed(a, p("Seydou", "Konate")) is True
    assert names_crossed(a, p("Konate", "Seydou")) is False
    assert names_crossed(a, p("", "Seydou Konate")) is False  # one field: compared whole
    assert score_pair(a, p("Seydou", "Konate")).levels[:2] == (EXACT, EXACT)


def _aligned(a: Prepared, b: Prepared, *, crossed: bool) -> tuple[int, int]:
    b_family, b_family_sk = (b.given, b.given_sk) if crossed else (b.family, b.family_sk)
    b_given, b_given_sk = (b.family, b.family_sk) if crossed else (b.given, b.given_sk)
    return (
        name_level(a.family, b_family, a.family_sk, b_family_sk),
        name_level(a.given, b_given, a.given_sk, b_given_sk),
    )


def test_names_crossed_agrees_with_the_levels_compare_gives() -> None:
    prepared = prepare_all(generate_registry(3000, seed=5).records)
    left, right = candidate_pairs(prepared)
    crossed = 0
    for i, j in zip(left.tolist(), right.tolist(), strict=True):
        a, b = prepared[i], prepared[j]
        if not (a.family and a.given and b.family and b.given):
            assert names_crossed(a, b) is False
            continue
        if names_crossed(a, b):
            crossed += 1
            assert compare(a, b)[:2] == _aligned(a, b, crossed=True)
            assert sum(_aligned(a, b, crossed=True)) < sum(_aligned(a, b, crossed=False))
        else:
            assert compare(a, b)[:2] == _aligned(a, b, crossed=False)
    assert crossed  # the synthetic registry swaps 8% of the names


def test_the_date_level_feeds_the_weight() -> None:
    a = p("Sow", "Alpha", "1992-03-04")
    exact = score_pair(a, p("Sow", "Alpha", "1992-03-04"))
    swapped = score_pair(a, p("Sow", "Alpha", "1992-04-03"))
    far = score_pair(a, p("Sow", "Alpha", "1975-03-04"))
    assert (exact.levels[DATE], swapped.levels[DATE], far.levels[DATE]) == (1, 3, 8)
    assert exact.weight > swapped.weight > far.weight
    assert exact.levels[GIVEN] == swapped.levels[GIVEN] == EXACT
