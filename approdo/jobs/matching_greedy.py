"""The greedy baseline: best-scoring pair first, while the person is free and a seat is left.

This is what an operator with a sorted spreadsheet would do, and it is what the min-cost-flow
assignment of `matching.assign` must beat (bench/matching.py): giving the best pair first can
take the only seat another person could fill, while the first person had a near-equal offer
elsewhere. Ties are broken by person, then vacancy, so that a run is reproducible.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from approdo.jobs.matching_matrix import Pairs


def greedy(pairs: Pairs, seats: Sequence[int] | np.ndarray) -> list[tuple[int, int, int]]:
    """(person, vacancy, score) taken in decreasing score order where still possible."""
    order = np.lexsort((pairs.vacancy, pairs.person, -pairs.score))
    left = np.asarray(seats, dtype=np.int64).copy()
    placed: set[int] = set()
    chosen = []
    for p, v, s in zip(
        pairs.person[order].tolist(),
        pairs.vacancy[order].tolist(),
        pairs.score[order].tolist(),
        strict=True,
    ):
        if p in placed or left[v] <= 0:
            continue
        placed.add(p)
        left[v] -= 1
        chosen.append((p, v, s))
    return chosen
