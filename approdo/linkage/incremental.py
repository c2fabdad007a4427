"""Link one new or edited person against the network's clusters, in a second or so.

The candidates are the duplicate check's (people.duplicates.candidate_ids: one indexed query
on the blocking keys), compared with the engine's comparisons and scored with the model the
last full run learnt (the hand-set one before any run). The person joins the cluster it agrees
with as the full run would (a pair at or above the link threshold, and the mean probability
over the cluster's records at least the cohesion), never one holding a record a reviewer
judged a different person; pairs in the review band go to the review queue. The nightly full
run (relink_people) revisits everything with term frequencies and a freshly learnt model.
"""

from __future__ import annotations

from collections import defaultdict

import numpy as np
from django.db import transaction
from django.utils import timezone

from approdo.linkage.engine.compare import COMPARISONS, compare
from approdo.linkage.engine.link import COHESION, LINK_THRESHOLD, REVIEW_THRESHOLD
from approdo.linkage.engine.model import (
    MIN_RECORDS_TO_TRAIN,
    Model,
    default_model,
    match_weights,
    probabilities,
)
from approdo.linkage.engine.prepare import Prepared, prepare
from approdo.linkage.models import LinkRun, PersonCluster, RunKind
from approdo.linkage.people_records import people_for_linkage, to_record
from approdo.linkage.services import levels_by_name, rejected_pairs, store_candidates
from approdo.people.duplicates import candidate_ids
from approdo.people.matching import facts_of
from approdo.people.models import Person


def current_model() -> Model:
    """The model of the last full run, or the hand-set one before any run."""
    last = LinkRun.objects.filter(kind=RunKind.FULL).exclude(model={}).first()
    if last is None or not last.model.get("m"):
        # The prior of a network at least the size a model could be learnt from: a handful
        # of records is no reason to believe that any two of them are one person.
        return default_model(max(Person.objects.count(), MIN_RECORDS_TO_TRAIN))
    return Model.from_json(last.model)


def score(me: Prepared, others: list[Prepared], model: Model) -> tuple[np.ndarray, np.ndarray]:
    """Match probability and comparison levels of `me` against each of `others`, by the same
    comparisons and weights as a full run."""
    prepared = [me, *others]
    left = np.zeros(len(others), dtype=np.int64)
    levels = np.array([compare(me, other) for other in others], dtype=np.int8).reshape(
        len(others), len(COMPARISONS)
    )
    return probabilities(match_weights(model, prepared, left, levels)), levels


def link_person(*, person_pk: int) -> LinkRun | None:
    """Place one person in a cluster and queue the pairs to review (see the module)."""
    started = timezone.now()
    person = people_for_linkage().prefetch_related("aliases").filter(pk=person_pk).first()
    if person is None:
        return None  # merged or gone meanwhile
    ids = [pk for pk in candidate_ids(facts_of(person)) if pk != person.pk]
    others = {p.pk: p for p in people_for_linkage().filter(pk__in=ids)}
    pks = list(others)
    found, levels = score(
        prepare(to_record(person)), [prepare(to_record(others[pk])) for pk in pks], current_model()
    )
    scored: dict[int, tuple[float, tuple[int, ...]]] = {
        pk: (float(p), tuple(int(x) for x in row))
        for pk, p, row in zip(pks, found.tolist(), levels.tolist(), strict=True)
    }
    with transaction.atomic():
        clusters = dict(
            PersonCluster.objects.filter(person_id__in=[*others, person.pk]).values_list(
                "person_id", "cluster_id"
            )
        )
        own = clusters.get(person.pk, f"C{person.pk}")
        target = _best_cluster(person.pk, scored, clusters)
        chosen = target or f"C{person.pk}"
        if target != own:
            _leave(person.pk, own)
        run = LinkRun.objects.create(
            kind=RunKind.INCREMENTAL,
            started_at=started,
            finished_at=timezone.now(),
            records=1 + len(others),
            clusters=len({clusters.get(pk, f"C{pk}") for pk in others} | {chosen}),
            compared_pairs=len(others),
            linked_pairs=sum(1 for pk in others if clusters.get(pk, f"C{pk}") == chosen),
            threshold=LINK_THRESHOLD,
        )
        PersonCluster.objects.update_or_create(
            person_id=person.pk, defaults={"cluster_id": chosen, "run": run}
        )
        review = {
            tuple(sorted((person.pk, pk))): (round(p, 6), levels_by_name(levels))
            for pk, (p, levels) in scored.items()
            if p >= REVIEW_THRESHOLD and clusters.get(pk, f"C{pk}") != chosen
        }
        store_candidates(run, review, withdraw_missing=False)  # type: ignore[arg-type]
    return run


def _best_cluster(
    me: int, scored: dict[int, tuple[float, tuple[int, ...]]], clusters: dict[int, str]
) -> str | None:
    """The cluster the person belongs in, as the full run's clustering would judge."""
    apart = {b if a == me else a for a, b in rejected_pairs() if me in (a, b)}
    members: dict[str, list[int]] = defaultdict(list)
    for pk, cid in PersonCluster.objects.filter(
        cluster_id__in={clusters.get(pk, f"C{pk}") for pk in scored}
    ).values_list("person_id", "cluster_id"):
        if pk != me:
            members[cid].append(pk)
    for pk in scored:
        if pk not in clusters:
            members[f"C{pk}"].append(pk)
    best: tuple[float, str] | None = None
    for cid, pks in members.items():
        if apart & set(pks):
            continue
        probabilities = [scored[pk][0] if pk in scored else 0.0 for pk in pks]
        if max(probabilities) < LINK_THRESHOLD:
            continue
        mean = sum(probabilities) / len(probabilities)
        if mean >= COHESION and (best is None or mean > best[0]):
            best = (mean, cid)
    return best[1] if best else None


def _leave(me: int, own: str) -> None:
    """The person leaves cluster `own`. A cluster named after the person keeps its other
    records under the name of its next oldest record."""
    if own == f"C{me}":
        rest = list(
            PersonCluster.objects.filter(cluster_id=own)
            .exclude(person_id=me)
            .values_list("person_id", flat=True)
        )
        if rest:
            PersonCluster.objects.filter(person_id__in=rest).update(cluster_id=f"C{min(rest)}")
