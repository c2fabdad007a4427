"""Writes of the linkage: full runs, the review queue's decisions.

A full run over the people of the network stores every person's cluster, the run's figures
and the pairs a reviewer should look at, in one transaction, audited. Decisions are taken on
a pair at the version the reviewer saw: a pair decided meanwhile by someone else is refused.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from approdo.accounts.models import User
from approdo.audit.services import record
from approdo.core.concurrency import StaleEditError
from approdo.linkage.engine.compare import COMPARISONS, compare
from approdo.linkage.engine.link import LINK_THRESHOLD, REVIEW_THRESHOLD, LinkResult, link_records
from approdo.linkage.engine.prepare import prepare
from approdo.linkage.engine.records import Record
from approdo.linkage.merge import merge_people
from approdo.linkage.models import (
    CandidateStatus,
    LinkCandidate,
    LinkRun,
    PersonCluster,
    PersonMerge,
    RunKind,
)
from approdo.linkage.people_records import (
    cluster_name,
    people_for_linkage,
    person_pk,
    record_id,
    records_of,
)

_BATCH = 2000


def levels_by_name(levels: Iterable[int]) -> dict[str, int]:
    return {c.name: int(level) for c, level in zip(COMPARISONS, levels, strict=True)}


def rejected_pairs() -> list[tuple[int, int]]:
    """Pairs of records a reviewer judged different people."""
    return list(
        LinkCandidate.objects.filter(status=CandidateStatus.REJECTED).values_list(
            "person_a_id", "person_b_id"
        )
    )


def _review_pairs(
    result: LinkResult, records: list[Record]
) -> dict[tuple[int, int], tuple[float, dict[str, int]]]:
    """Probable pairs the clustering left apart: for a reviewer."""
    mask = (result.probability >= REVIEW_THRESHOLD) & (
        result.labels[result.left] != result.labels[result.right]
    )
    found: dict[tuple[int, int], tuple[float, dict[str, int]]] = {}
    for i, j, p in zip(
        result.left[mask].tolist(),
        result.right[mask].tolist(),
        result.probability[mask].tolist(),
        strict=True,
    ):
        a, b = sorted((person_pk(records[i].record_id), person_pk(records[j].record_id)))
        levels = compare(prepare(records[i]), prepare(records[j]))
        found[(a, b)] = (round(float(p), 6), levels_by_name(levels))
    return found


def store_candidates(
    run: LinkRun,
    found: dict[tuple[int, int], tuple[float, dict[str, int]]],
    *,
    withdraw_missing: bool,
) -> int:
    """Open the pairs found for review; a decided pair stays decided. In a full run, a pending
    pair no longer found (one record changed, or they were linked) is withdrawn."""
    existing = {
        (c.person_a_id, c.person_b_id): c
        for c in LinkCandidate.objects.filter(status=CandidateStatus.PENDING)
    }
    decided = set(
        LinkCandidate.objects.exclude(status=CandidateStatus.PENDING).values_list(
            "person_a_id", "person_b_id"
        )
    )
    new = []
    for (a, b), (probability, levels) in found.items():
        row = existing.get((a, b))
        if row is not None:
            if row.probability != probability or row.levels != levels:
                LinkCandidate.objects.filter(pk=row.pk).update(
                    probability=probability, levels=levels, found_by=run
                )
        elif (a, b) not in decided:
            new.append(
                LinkCandidate(
                    person_a_id=a,
                    person_b_id=b,
                    probability=probability,
                    levels=levels,
                    found_by=run,
                )
            )
    LinkCandidate.objects.bulk_create(new, batch_size=_BATCH)
    if withdraw_missing:
        gone = [row.pk for pair, row in existing.items() if pair not in found]
        LinkCandidate.objects.filter(pk__in=gone).update(status=CandidateStatus.WITHDRAWN)
    return len(new)


def relink_all(*, actor: User | None, threshold: float = LINK_THRESHOLD) -> LinkRun:
    """Link every person record of the network and store each one's cluster.

    The clusters replace the previous run's whole; a person added while the run works keeps
    no cluster row until the next run (it counts as a person of their own meanwhile). Merged
    records follow their survivor; pairs a reviewer rejected are never put together."""
    started = timezone.now()
    people = list(people_for_linkage())
    records = list(records_of(people))
    apart = [(record_id(a), record_id(b)) for a, b in rejected_pairs()]
    result: LinkResult = link_records(records, threshold=threshold, apart=apart)
    clusters = {person_pk(rid): cluster_name(cid) for rid, cid in result.clusters.items()}
    found = _review_pairs(result, records)
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
            model=result.model.to_json(),
            started_by=actor,
        )
        merged = PersonMerge.objects.filter(unmerged_at__isnull=True).values_list(
            "merged_id", "survivor_id"
        )
        for merged_pk, survivor_pk in merged:
            if survivor_pk in clusters:
                clusters[merged_pk] = clusters[survivor_pk]
        PersonCluster.objects.all().delete()
        PersonCluster.objects.bulk_create(
            (PersonCluster(person_id=pk, cluster_id=cid, run=run) for pk, cid in clusters.items()),
            batch_size=_BATCH,
        )
        opened = store_candidates(run, found, withdraw_missing=True)
        record(
            actor=actor,
            action="linkage.run.completed",
            target=run,
            data={
                "kind": run.kind,
                "records": run.records,
                "clusters": run.clusters,
                "linked_pairs": run.linked_pairs,
                "review_pairs": len(found),
                "review_pairs_new": opened,
            },
        )
    return run


# --- Decisions ------------------------------------------------------------------------------


def _decide(
    candidate: LinkCandidate, *, actor: User, expected_version: int, status: str, note: str
) -> LinkCandidate:
    """Lock the pair, check it is still pending at the version the reviewer saw, decide."""
    from approdo.linkage.selectors import can_review

    row = LinkCandidate.objects.select_for_update().get(pk=candidate.pk)
    if not can_review(actor, row.person_a, row.person_b):
        raise PermissionDenied
    if row.version != expected_version or row.status != CandidateStatus.PENDING:
        raise StaleEditError(row)
    row.status = status
    row.decided_by = actor
    row.decided_at = timezone.now()
    row.note = note.strip()
    row.version += 1
    row.save(update_fields=["status", "decided_by", "decided_at", "note", "version"])
    return row


def candidate_confirm(
    *,
    actor: User,
    candidate: LinkCandidate,
    expected_version: int,
    survivor_pk: int | None = None,
    note: str = "",
) -> PersonMerge:
    """The two records are one person: merge them (the older record stays unless the reviewer
    chose the other)."""
    with transaction.atomic():
        row = _decide(
            candidate,
            actor=actor,
            expected_version=expected_version,
            status=CandidateStatus.CONFIRMED,
            note=note,
        )
        pair = {row.person_a_id: row.person_a, row.person_b_id: row.person_b}
        keep = survivor_pk if survivor_pk in pair else row.person_a_id
        other = row.person_b_id if keep == row.person_a_id else row.person_a_id
        merge = merge_people(
            actor=actor, survivor=pair[keep], merged=pair[other], reason=note, candidate=row
        )
        record(
            actor=actor,
            action="linkage.candidate.confirmed",
            target=row,
            data={"merge": merge.pk, "probability": row.probability},
        )
    return merge


def candidate_reject(
    *, actor: User, candidate: LinkCandidate, expected_version: int, note: str = ""
) -> LinkCandidate:
    """The two records are different people: no run will link them again."""
    with transaction.atomic():
        row = _decide(
            candidate,
            actor=actor,
            expected_version=expected_version,
            status=CandidateStatus.REJECTED,
            note=note,
        )
        a_cluster = PersonCluster.objects.filter(person_id=row.person_a_id).first()
        b_cluster = PersonCluster.objects.filter(person_id=row.person_b_id).first()
        if a_cluster and b_cluster and a_cluster.cluster_id == b_cluster.cluster_id:
            # Linked automatically until now: the newer record leaves the cluster.
            PersonCluster.objects.filter(pk=b_cluster.pk).update(cluster_id=f"C{row.person_b_id}")
        record(
            actor=actor,
            action="linkage.candidate.rejected",
            target=row,
            data={"probability": row.probability, "note": row.note},
        )
    return row
