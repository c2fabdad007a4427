"""Link a set of person records: prepare, block, compare, learn the model, score, cluster."""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from approdo.linkage.engine.blocking import candidate_pairs
from approdo.linkage.engine.cluster import average_linkage, cluster_ids
from approdo.linkage.engine.columns import Columns, compare_columns
from approdo.linkage.engine.model import Model, match_weights, probabilities, train
from approdo.linkage.engine.prepare import prepare_all
from approdo.linkage.engine.records import Record

# A pair at or above this match probability joins its two clusters when the clusters hold
# together (mean probability across them at least COHESION: cluster.average_linkage).
# Measured on FEBRL and on our synthetic registries (bench/linkage.py).
LINK_THRESHOLD = 0.5
COHESION = 0.35
# Pairs from this probability up that end in different clusters go to a reviewer.
REVIEW_THRESHOLD = 0.15


@dataclass
class LinkResult:
    record_ids: list[str]
    clusters: dict[str, str]  # record_id -> cluster_id, every record
    left: np.ndarray  # indices into record_ids of every compared pair (left < right)
    right: np.ndarray
    probability: np.ndarray  # match probability of each compared pair
    model: Model
    linked_pairs: int  # compared pairs whose records ended in one cluster
    labels: np.ndarray  # cluster label of every record (index into record_ids)
    seconds: dict[str, float] = field(default_factory=dict)


def link_records(
    records: Sequence[Record],
    *,
    threshold: float | None = None,
    seed: int = 0,
    apart: Sequence[tuple[str, str]] = (),
) -> LinkResult:
    """Cluster `records` into people: pairs at or above `threshold` (default LINK_THRESHOLD),
    most probable first, join clusters that hold together (see cluster.average_linkage).
    `apart`: pairs of record ids judged different people, never put in one cluster."""
    cut = LINK_THRESHOLD if threshold is None else threshold
    seconds: dict[str, float] = {}
    clock = time.perf_counter()

    def lap(phase: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        seconds[phase] = now - clock
        clock = now

    record_ids = [r.record_id for r in records]
    prepared = prepare_all(records)
    lap("prepare")
    left, right = candidate_pairs(prepared)
    lap("blocking")
    columns = Columns.of(prepared)
    levels = compare_columns(columns, left, right)
    lap("compare")
    model = train(prepared, levels, seed=seed, columns=columns)
    lap("train")
    probability = probabilities(match_weights(model, prepared, left, levels))
    lap("score")
    index = {rid: i for i, rid in enumerate(record_ids)}
    kept_apart = [(index[a], index[b]) for a, b in apart if a in index and b in index]
    labels = average_linkage(
        len(records), left, right, probability, link=cut, cohesion=COHESION, apart=kept_apart
    )
    clusters = cluster_ids(record_ids, labels)
    linked_pairs = int((labels[left] == labels[right]).sum())
    lap("cluster")
    seconds["total"] = sum(seconds.values())
    return LinkResult(
        record_ids=record_ids,
        clusters=clusters,
        left=left,
        right=right,
        probability=probability,
        model=model,
        linked_pairs=linked_pairs,
        labels=labels,
        seconds=seconds,
    )
