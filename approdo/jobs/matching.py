"""Matching people who left exploitation with vacancies from employers who respect the law.

Three steps, each usable alone:

1. `score(candidate, vacancy)` (matching_fit) explains one pair: every factor with its value,
   weight, points and reason, the total in [0, 100], and the hard rules it breaks, if any.
   `score_matrix(people, vacancies)` (matching_matrix) computes the same integer scores with
   numpy for every pair and keeps the feasible ones: each person's `top_k` best and each
   vacancy's `vacancy_k` best people. The assignment is optimal over the pairs kept; on the
   synthetic bench, keeping every feasible pair instead adds under 0.5% to the total fit.
2. `assign(pairs, seats)` chooses the pairs with the largest total fit, each person at most
   once and each vacancy within its seats: a min-cost flow with OR-Tools (source → person,
   capacity 1 → vacancy, cost −score → sink, capacity seats), plus a zero-cost arc from source
   to sink so that a person may stay unmatched. The flow must carry every person, through a
   vacancy or through that bypass, so the minimum cost is minus the best total fit — not the
   largest number of people matched, which a plain max-flow-min-cost would put first.
3. `verify_assignment` checks any assignment from scratch; `greedy` (matching_greedy) is the
   baseline that bench/matching.py compares with.

A flagged employer (603-bis conviction, outside the Rete del Lavoro Agricolo di Qualità) is
never matched: its vacancies are infeasible for everyone, and `propose` lists them apart so the
operator sees why those seats stay empty. Pure Python and numpy; the app converts its rows into
Candidate and Vacancy.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

import numpy as np
from django.utils.translation import gettext as _
from ortools.graph.python import min_cost_flow

from approdo.jobs.matching_fit import WEIGHTS, Candidate, Factor, Fit, Vacancy, score
from approdo.jobs.matching_greedy import greedy
from approdo.jobs.matching_matrix import Pairs, score_matrix

__all__ = [
    "WEIGHTS",
    "Candidate",
    "Factor",
    "Fit",
    "Pairs",
    "Proposal",
    "Vacancy",
    "assign",
    "greedy",
    "propose",
    "score",
    "score_matrix",
    "total_fit",
    "verify_assignment",
]

Assignment = list[tuple[int, int, int]]  # (person index, vacancy index, score)


def assign(pairs: Pairs, seats: Sequence[int] | np.ndarray) -> Assignment:
    """The assignment of largest total score: each person once, each vacancy within seats."""
    if len(pairs) == 0:
        return []
    people, p_node = np.unique(pairs.person, return_inverse=True)
    vacs, v_node = np.unique(pairs.vacancy, return_inverse=True)
    n_p, n_v, n_arcs = len(people), len(vacs), len(pairs)
    source, sink = 0, 1 + n_p + n_v
    cap = np.asarray(seats, dtype=np.int64)[vacs]
    tails = np.concatenate([np.zeros(n_p), 1 + p_node, 1 + n_p + np.arange(n_v), [source]])
    heads = np.concatenate([1 + np.arange(n_p), 1 + n_p + v_node, np.full(n_v, sink), [sink]])
    caps = np.concatenate([np.ones(n_p), np.ones(n_arcs), cap, [n_p]])
    costs = np.concatenate([np.zeros(n_p), -pairs.score, np.zeros(n_v), [0]])
    flow = min_cost_flow.SimpleMinCostFlow()
    flow.add_arcs_with_capacity_and_unit_cost(
        tails.astype(np.int32),
        heads.astype(np.int32),
        caps.astype(np.int64),
        costs.astype(np.int64),
    )
    flow.set_nodes_supplies(np.array([source, sink], dtype=np.int32), np.array([n_p, -n_p]))
    status = flow.solve()
    if status != flow.OPTIMAL:
        raise RuntimeError(f"min-cost flow failed with status {status}")
    used = flow.flows(np.arange(n_p, n_p + n_arcs, dtype=np.int32)) > 0
    return list(
        zip(
            pairs.person[used].tolist(),
            pairs.vacancy[used].tolist(),
            pairs.score[used].tolist(),
            strict=True,
        )
    )


def total_fit(assignment: Assignment) -> int:
    return sum(s for _p, _v, s in assignment)


def verify_assignment(
    assignment: Assignment,
    pairs: Pairs,
    seats: Sequence[int] | np.ndarray,
    *,
    flagged: Collection[int] = (),
    total: int | None = None,
) -> list[str]:
    """What is wrong with an assignment, trusting nothing the solver says; empty when sound.

    Each person at most once, each vacancy within its seats, every pair one of the feasible
    pairs with the score stated, no flagged vacancy, and `total` (if given) the real sum.
    """
    known = dict(
        zip(
            zip(pairs.person.tolist(), pairs.vacancy.tolist(), strict=True),
            pairs.score.tolist(),
            strict=True,
        )
    )
    problems: list[str] = []
    seen: set[int] = set()
    taken: dict[int, int] = {}
    recomputed = 0
    for p, v, s in assignment:
        words = {"person": p, "vacancy": v}
        if p in seen:
            problems.append(_("Persona %(person)s proposta più di una volta.") % words)
        seen.add(p)
        taken[v] = taken.get(v, 0) + 1
        if v in flagged:
            problems.append(_("Offerta %(vacancy)s di un datore segnalato.") % words)
        if (p, v) not in known:
            problems.append(_("Coppia %(person)s–%(vacancy)s non ammissibile.") % words)
            continue
        if known[(p, v)] != s:
            problems.append(_("Coppia %(person)s–%(vacancy)s: punteggio diverso.") % words)
        recomputed += known[(p, v)]
    for v, n in sorted(taken.items()):
        if n > int(seats[v]):
            problems.append(
                _("Offerta %(vacancy)s: %(n)s persone per %(seats)s posti.")
                % {"vacancy": v, "n": n, "seats": int(seats[v])}
            )
    if total is not None and total != recomputed:
        problems.append(
            _("Totale dichiarato %(said)s, ricalcolato %(real)s.")
            % {"said": total, "real": recomputed}
        )
    return problems


@dataclass(frozen=True)
class Proposal:
    """What the operator reviews: the matches explained, who is left, the flagged offers."""

    matches: list[Fit]
    unmatched: list[int]  # candidate ids
    flagged: list[Vacancy]  # never matched, shown with their reason
    total: int
    baseline: int = 0  # the greedy's total over the same pairs, for the operator to compare


def propose(
    people: Sequence[Candidate],
    vacancies: Sequence[Vacancy],
    *,
    top_k: int = 40,
    housing_hard: bool = False,
) -> Proposal:
    """Score, assign, check, and explain every proposed match with `score()`."""
    pairs = score_matrix(people, vacancies, top_k=top_k, housing_hard=housing_hard)
    seats = [v.seats for v in vacancies]
    chosen = assign(pairs, seats)
    flagged = [k for k, v in enumerate(vacancies) if v.employer_flagged]
    problems = verify_assignment(chosen, pairs, seats, flagged=flagged)
    if problems:
        raise RuntimeError("; ".join(problems))
    fits = [score(people[p], vacancies[v], housing_hard=housing_hard) for p, v, _s in chosen]
    if any(f.total != s for f, (_p, _v, s) in zip(fits, chosen, strict=True)):
        raise RuntimeError("the vectorised and the reference scorer disagree")
    placed = {p for p, _v, _s in chosen}
    return Proposal(
        matches=fits,
        unmatched=[c.id for k, c in enumerate(people) if k not in placed],
        flagged=[vacancies[k] for k in flagged],
        total=total_fit(chosen),
        baseline=total_fit(greedy(pairs, seats)),
    )
