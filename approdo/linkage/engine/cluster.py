"""Clusters: records joined by probable pairs, when the clusters they join hold together."""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np


def cluster_ids(record_ids: list[str], labels: np.ndarray) -> dict[str, str]:
    """Stable cluster ids: each cluster is named after its smallest record id, so the same
    records give the same ids whatever order they came in."""
    first: dict[int, str] = {}
    for record_id, label in zip(record_ids, labels.tolist(), strict=True):
        current = first.get(label)
        if current is None or record_id < current:
            first[label] = record_id
    return {
        record_id: first[label]
        for record_id, label in zip(record_ids, labels.tolist(), strict=True)
    }


def average_linkage(
    n: int,
    left: np.ndarray,
    right: np.ndarray,
    probability: np.ndarray,
    *,
    link: float,
    cohesion: float,
    apart: Iterable[tuple[int, int]] = (),
) -> np.ndarray:
    """Clusters grown pair by pair, most probable first, where a pair at or above `link` joins
    its two clusters only if the clusters hold together: the mean match probability over all
    pairs across them (pairs never compared count as 0) is at least `cohesion`.

    Connected components chain: A like B, B like C, and so on until two different people
    with the same common name sit in one cluster through a chain of near-misses. Asking the
    whole of both clusters to agree stops the chain where it turns.

    `apart` are pairs of records a reviewer judged different people: no join ever puts them in
    one cluster."""
    parent = np.arange(n)
    size = np.ones(n, dtype=np.int64)

    def find(x: int) -> int:
        root = x
        while parent[root] != root:
            root = parent[root]
        while parent[x] != root:
            parent[x], x = root, parent[x]
        return root

    kept_apart = list(apart)
    weak = probability >= _NEGLIGIBLE
    adjacency: dict[int, dict[int, float]] = {}
    for a, b, p in zip(
        left[weak].tolist(), right[weak].tolist(), probability[weak].tolist(), strict=True
    ):
        row_a, row_b = adjacency.setdefault(a, {}), adjacency.setdefault(b, {})
        row_a[b] = row_a.get(b, 0.0) + p
        row_b[a] = row_b.get(a, 0.0) + p
    strong = np.flatnonzero(probability >= link)
    order = strong[np.argsort(-probability[strong], kind="stable")]
    for a, b in zip(left[order].tolist(), right[order].tolist(), strict=True):
        ra, rb = find(a), find(b)
        if ra == rb:
            continue
        across = adjacency.get(ra, {}).get(rb, 0.0)
        if across / (size[ra] * size[rb]) < cohesion:
            continue
        if kept_apart and any({find(x), find(y)} == {ra, rb} for x, y in kept_apart):
            continue
        if size[ra] < size[rb]:
            ra, rb = rb, ra
        parent[rb] = ra
        size[ra] += size[rb]
        # The merged cluster's sums to every neighbour: rb's added into ra's.
        merged = adjacency.setdefault(ra, {})
        for other, total in adjacency.pop(rb, {}).items():
            if other == ra:
                continue
            merged[other] = merged.get(other, 0.0) + total
            neighbour = adjacency[other]
            neighbour[ra] = neighbour.get(ra, 0.0) + neighbour.pop(rb, 0.0)
        merged.pop(rb, None)
    return np.fromiter((find(x) for x in range(n)), dtype=np.int64, count=n)


_NEGLIGIBLE = 0.01  # pairs less likely than this add nothing to a cluster's cohesion
