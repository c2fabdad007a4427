"""Writes of the linkage: a full run over the people of the network stores every person's
cluster and the run's figures, in one transaction, audited."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from django.db import transaction
from django.utils import timezone

from approdo.accounts.models import User
from approdo.audit.services import record
from approdo.linkage.engine.link import LINK_THRESHOLD, LinkResult, link_records
from approdo.linkage.engine.model import Model
from approdo.linkage.models import LinkRun, PersonCluster, RunKind
from approdo.linkage.people_records import cluster_name, people_for_linkage, person_pk, records_of

_BATCH = 2000


def _model_summary(model: Model) -> dict[str, Any]:
    return {
        "m": [np.round(m[1:], 6).tolist() for m in model.m],
        "u": [np.round(u[1:], 6).tolist() for u in model.u],
        "prior": model.prior,
        # NaN (the hand-set model learnt nothing) is not JSON.
        "candidate_share": None if math.isnan(model.candidate_share) else model.candidate_share,
    }


def relink_all(*, actor: User | None, threshold: float = LINK_THRESHOLD) -> LinkRun:
    """Link every person record of the network and store each one's cluster.

    The clusters replace the previous run's whole; a person added while the run works keeps
    no cluster row until the next run (it counts as a person of its own meanwhile)."""
    started = timezone.now()
    people = list(people_for_linkage())
    result: LinkResult = link_records(list(records_of(people)), threshold=threshold)
    clusters = {person_pk(rid): cluster_name(cid) for rid, cid in result.clusters.items()}
    with transaction.atomic():
        run = LinkRun.objects.create(
            kind=RunKind.FULL,
            started_at=started,
            finished_at=timezone.now(),
            records=len(people),
            clusters=len(set(clusters.values())),
            compared_pairs=len(result.left),
            linked_pairs=result.linked_pairs,
            threshold=threshold,
            seconds={k: round(v, 3) for k, v in result.seconds.items()},
            model=_model_summary(result.model),
            started_by=actor,
        )
        PersonCluster.objects.all().delete()
        PersonCluster.objects.bulk_create(
            (PersonCluster(person_id=pk, cluster_id=cid, run=run) for pk, cid in clusters.items()),
            batch_size=_BATCH,
        )
        record(
            actor=actor,
            action="linkage.run.completed",
            target=run,
            data={
                "kind": run.kind,
                "records": run.records,
                "clusters": run.clusters,
                "linked_pairs": run.linked_pairs,
            },
        )
    return run
