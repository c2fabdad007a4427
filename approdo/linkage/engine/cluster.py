"""Clusters: records joined, directly or through others, by pairs above the threshold."""

from __future__ import annotations

import numpy as np
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components


def connected(n: int, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """The component label of each of n records, given the linked pairs."""
    if n == 0:
        return np.zeros(0, dtype=np.int64)
    graph = coo_matrix((np.ones(len(left), dtype=np.int8), (left, right)), shape=(n, n))
    _, labels = connected_components(graph, directed=False)
    return labels.astype(np.int64)


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
