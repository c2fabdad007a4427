"""The matcher on small cases: flagged employers never proposed, the assignment optimal against
brute force, seats respected, never worse than greedy, the vectorised scorer equal to the
reference one. verify_assignment is trusted, the solver never is."""

from __future__ import annotations

import dataclasses
import itertools
import random
from datetime import date

import numpy as np
import pytest

from approdo.jobs import matching_matrix
from approdo.jobs.matching import (
    WEIGHTS,
    Candidate,
    Pairs,
    Vacancy,
    assign,
    greedy,
    propose,
    score,
    score_matrix,
    total_fit,
    verify_assignment,
)
from approdo.jobs.matching_synthetic import synthetic

FOGGIA = (41.4622, 15.5446)
BORGO = (41.5128, 15.8270)  # Borgo Mezzanone, about 24 km from Foggia


def person(i: int = 1, **kw) -> Candidate:
    base = {
        "id": i,
        "occupations": {"9211": 3.0},
        "languages": {"it": "A2", "ar": "C2"},
        "home": FOGGIA,
        "max_travel_km": 30.0,
        "available_from": date(2027, 1, 1),
    }
    return Candidate(**(base | kw))


def vacancy(i: int = 1, **kw) -> Vacancy:
    base = {
        "id": i,
        "employer_id": i,
        "occupation": "9211",
        "site": FOGGIA,
        "start": date(2027, 2, 1),
        "end": date(2027, 5, 31),
        "required_languages": {"it": "A2"},
        "sector": "agricoltura",
    }
    return Vacancy(**(base | kw))


def flagged_ids(vacancies: list[Vacancy]) -> list[int]:
    return [k for k, v in enumerate(vacancies) if v.employer_flagged]


# --- flagged employers --------------------------------------------------------------------


def test_flagged_employer_is_never_proposed_even_as_the_best_fit():
    best = vacancy(1, employer_flagged=True, flag_reason="603-bis conviction", seats=5)
    worse = vacancy(2, occupation="9329", site=BORGO, required_languages={"it": "B2"})
    people = [person(1), person(2)]
    fit = score(people[0], best)
    assert not fit.feasible and fit.total is None
    assert any("603-bis conviction" in r for r in fit.reasons)
    assert sum(f.points for f in fit.factors) > sum(
        f.points for f in score(people[0], worse).factors
    )
    pairs = score_matrix(people, [best, worse], min_score=0)
    assert 0 not in pairs.vacancy.tolist()
    proposal = propose(people, [best, worse])
    assert [m.vacancy_id for m in proposal.matches] == [2]
    assert proposal.flagged == [best]
    assert len(proposal.unmatched) == 1


def test_flagged_vacancies_never_in_a_synthetic_assignment():
    people, vacancies = synthetic(300, 120, seed=5, flagged_share=0.3)
    flagged = flagged_ids(vacancies)
    assert flagged
    pairs = score_matrix(people, vacancies)
    assert not set(pairs.vacancy.tolist()) & set(flagged)
    seats = [v.seats for v in vacancies]
    chosen = assign(pairs, seats)
    assert chosen
    assert verify_assignment(chosen, pairs, seats, flagged=flagged) == []


# --- the assignment -----------------------------------------------------------------------


def brute_force(pairs: Pairs, seats: list[int], n_people: int) -> int:
    options: list[list[tuple[int, int]]] = [[(-1, 0)] for _ in range(n_people)]
    for p, v, s in zip(pairs.person, pairs.vacancy, pairs.score, strict=True):
        options[p].append((int(v), int(s)))
    best = 0
    for combo in itertools.product(*options):
        used = [v for v, _s in combo if v >= 0]
        if all(used.count(v) <= seats[v] for v in set(used)):
            best = max(best, sum(s for _v, s in combo))
    return best


def random_pairs(rng: random.Random, n_people: int, n_vac: int, density: float) -> Pairs:
    triples = [
        (p, v, rng.randint(1, 100))
        for p in range(n_people)
        for v in range(n_vac)
        if rng.random() < density
    ]
    return Pairs.of(triples)


@pytest.mark.parametrize("seed", range(40))
def test_assignment_is_optimal_against_brute_force(seed):
    rng = random.Random(seed)
    seats = [rng.randint(1, 2) for _ in range(4)]
    pairs = random_pairs(rng, 6, 4, density=rng.choice([0.3, 0.6, 0.9]))
    chosen = assign(pairs, seats)
    assert verify_assignment(chosen, pairs, seats, total=total_fit(chosen)) == []
    assert total_fit(chosen) == brute_force(pairs, seats, 6)
    assert total_fit(chosen) >= total_fit(greedy(pairs, seats))


def test_greedy_is_beaten_where_the_best_pair_takes_the_only_seat():
    # Person 0 fits both vacancies, person 1 only vacancy 0: greedy gives 0 to person 0.
    pairs = Pairs.of([(0, 0, 10), (0, 1, 9), (1, 0, 9)])
    assert total_fit(greedy(pairs, [1, 1])) == 10
    assert sorted(assign(pairs, [1, 1])) == [(0, 1, 9), (1, 0, 9)]


def test_total_fit_comes_before_the_number_matched():
    # Matching both people gives 1 + 1; leaving person 1 out gives 10.
    pairs = Pairs.of([(0, 0, 10), (0, 1, 1), (1, 0, 1)])
    assert assign(pairs, [1, 1]) == [(0, 0, 10)]


def test_seats_are_respected_and_filled_when_worth_it():
    pairs = Pairs.of([(p, 0, 50 + p) for p in range(6)] + [(p, 1, 10) for p in range(6)])
    chosen = assign(pairs, [3, 2])
    taken = [v for _p, v, _s in chosen]
    assert taken.count(0) == 3 and taken.count(1) == 2
    assert {p for p, v, _s in chosen if v == 0} == {3, 4, 5}


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_synthetic_assignment_is_sound_and_beats_greedy(seed):
    people, vacancies = synthetic(600, 200, seed=seed)
    pairs = score_matrix(people, vacancies, top_k=20)
    seats = [v.seats for v in vacancies]
    chosen, baseline = assign(pairs, seats), greedy(pairs, seats)
    for plan in (chosen, baseline):
        assert verify_assignment(plan, pairs, seats, flagged=flagged_ids(vacancies)) == []
    assert total_fit(chosen) >= total_fit(baseline)


def test_nobody_feasible_gives_an_empty_assignment():
    people = [person(1, available_from=date(2028, 1, 1)), person(2, excluded_occupations={"92"})]
    later = {"start": date(2028, 2, 1), "end": date(2028, 3, 1)}
    vacancies = [vacancy(1), vacancy(2, employer_flagged=True, **later)]
    pairs = score_matrix(people, vacancies, min_score=0)
    assert len(pairs) == 0
    assert assign(pairs, [1, 1]) == []
    proposal = propose(people, vacancies)
    assert proposal.matches == [] and proposal.total == 0
    assert proposal.unmatched == [1, 2]


def test_the_checker_catches_broken_assignments():
    pairs = Pairs.of([(0, 0, 10), (1, 0, 8), (1, 1, 5)])
    assert len(verify_assignment([(0, 0, 10), (1, 0, 8)], pairs, [1, 1])) == 1  # seats
    assert verify_assignment([(1, 0, 8), (1, 1, 5)], pairs, [1, 1])  # person twice
    assert verify_assignment([(0, 1, 7)], pairs, [1, 1])  # not a feasible pair
    assert verify_assignment([(0, 0, 11)], pairs, [1, 1])  # score altered
    assert verify_assignment([(0, 0, 10)], pairs, [1, 1], total=12)  # total wrong
    assert verify_assignment([(0, 0, 10)], pairs, [1, 1], flagged=[0])


# --- scoring ------------------------------------------------------------------------------


def test_every_factor_is_shown_with_weight_and_reason():
    fit = score(person(needs_housing=True), vacancy(housing_offered=True))
    assert [f.key for f in fit.factors] == list(WEIGHTS)
    assert sum(WEIGHTS.values()) == 100
    for f in fit.factors:
        assert f.label and f.explanation and 0.0 <= f.value <= 1.0
        assert f.weight == WEIGHTS[f.key] and f.points == round(f.weight * f.value)
    assert fit.total == sum(f.points for f in fit.factors)
    assert fit.feasible and 0 <= fit.total <= 100


@pytest.mark.parametrize(
    ("code", "value"), [("9329", 1.0), ("9321", 0.7), ("9333", 0.4), ("9211", 0.0)]
)
def test_occupation_levels(code, value):
    fit = score(person(occupations={"9329": 2.0}), vacancy(occupation=code))
    assert fit.factors[0].value == value


def test_hard_rules_and_reach():
    far = vacancy(site=BORGO)
    assert not score(person(max_travel_km=10.0), far).feasible
    assert score(
        person(max_travel_km=10.0), dataclasses.replace(far, transport_offered=True)
    ).feasible
    shuttle = person(max_travel_km=0.0, shuttle_stops=((41.513, 15.83),))
    assert score(shuttle, far).factors[3].value == 0.5
    assert not score(person(excluded_occupations=frozenset({"92"})), vacancy()).feasible
    assert not score(person(available_until=date(2027, 1, 31)), vacancy()).feasible
    housing = person(needs_housing=True)
    assert score(housing, vacancy()).feasible
    assert not score(housing, vacancy(), housing_hard=True).feasible


def test_language_one_level_short_counts_half():
    fit = score(
        person(languages={"it": "A1"}), vacancy(required_languages={"it": "A2", "fr": "B1"})
    )
    assert fit.factors[2].value == 0.25


@pytest.mark.parametrize("seed", [11, 12, 13])
@pytest.mark.parametrize("housing_hard", [False, True])
def test_vectorised_scorer_agrees_with_reference(seed, housing_hard):
    people, vacancies = synthetic(90, 48, seed=seed, flagged_share=0.2)
    pairs = score_matrix(people, vacancies, top_k=48, min_score=0, housing_hard=housing_hard)
    fits = {
        (p, v): score(people[p], vacancies[v], housing_hard=housing_hard).total
        for p in range(len(people))
        for v in range(len(vacancies))
    }
    got = dict(zip(zip(pairs.person.tolist(), pairs.vacancy.tolist()), pairs.score.tolist()))
    assert got == {pv: t for pv, t in fits.items() if t is not None}
    assert len(got) > 100  # the instance has enough feasible pairs to mean something


def test_top_k_keeps_each_persons_and_each_vacancys_best():
    people, vacancies = synthetic(60, 60, seed=4)
    every = score_matrix(people, vacancies, top_k=60, vacancy_k=60)
    few = score_matrix(people, vacancies, top_k=5, vacancy_k=3)
    assert len(few) < len(every)
    for p in range(len(people)):
        all_scores = sorted(every.score[every.person == p].tolist(), reverse=True)
        assert sorted(few.score[few.person == p].tolist(), reverse=True)[:5] == all_scores[:5]
    for v in range(len(vacancies)):
        all_scores = sorted(every.score[every.vacancy == v].tolist(), reverse=True)
        assert sorted(few.score[few.vacancy == v].tolist(), reverse=True)[:3] == all_scores[:3]
    assert np.all(few.score >= 1)


def test_blocks_change_nothing(monkeypatch):
    people, vacancies = synthetic(150, 90, seed=8)
    whole = score_matrix(people, vacancies, top_k=8, vacancy_k=4)
    monkeypatch.setattr(matching_matrix, "BLOCK_PAIRS", 900)  # 10 people per block
    blocks = score_matrix(people, vacancies, top_k=8, vacancy_k=4)
    for field in ("person", "vacancy", "score"):
        assert np.array_equal(getattr(blocks, field), getattr(whole, field))


def test_proposal_explains_every_match():
    people, vacancies = synthetic(200, 80, seed=9, flagged_share=0.2)
    proposal = propose(people, vacancies)
    assert proposal.matches and proposal.flagged
    assert proposal.total == sum(m.total for m in proposal.matches)
    assert all(m.feasible and len(m.factors) == len(WEIGHTS) for m in proposal.matches)
    flagged = {v.id for v in proposal.flagged}
    assert not {m.vacancy_id for m in proposal.matches} & flagged
    matched = {m.candidate_id for m in proposal.matches}
    assert len(matched) == len(proposal.matches)
    assert matched | set(proposal.unmatched) == {p.id for p in people}
