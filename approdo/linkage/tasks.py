"""Background work of the linkage (django-tasks): people linked after each change, full runs.

Each change to a person's identifying facts links that person once the change is committed.
Work that registers many people in one transaction (a register import) wraps it in
`linking_in_one_task()`: the people are then linked by one task after the commit, not one
task each.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.db import transaction
from django_tasks import task

from approdo.linkage.incremental import link_person

_batch: ContextVar[set[int] | None] = ContextVar("linkage_batch", default=None)


@task()
def link_person_task(person_pk: int) -> None:
    link_person(person_pk=person_pk)


@task()
def link_people_task(person_pks: list[int]) -> int:
    """Link several people in turn (each against the clusters as the previous left them)."""
    for pk in person_pks:
        link_person(person_pk=pk)
    return len(person_pks)


@task()
def relink_all_task(actor_pk: int | None) -> int:
    """A full run started from the runs page; returns the run's id."""
    from approdo.accounts.models import User
    from approdo.linkage.services import relink_all

    actor = User.objects.filter(pk=actor_pk).first() if actor_pk else None
    return relink_all(actor=actor).pk


def link_after_commit(sender: Any = None, *, person_pk: int, **kwargs: Any) -> None:
    """Receiver of people.signals.person_facts_changed: link the person once the change is
    committed (linking twice is harmless: it places the person where they belong)."""
    batch = _batch.get()
    if batch is not None:
        batch.add(person_pk)
        return
    transaction.on_commit(lambda: link_person_task.enqueue(person_pk))


@contextmanager
def linking_in_one_task() -> Iterator[None]:
    """Collect the people changed inside the block and link them all in one task after the
    commit of the transaction the block runs in (nothing, if it rolls back)."""
    people: set[int] = set()
    token = _batch.set(people)
    try:
        yield
    finally:
        _batch.reset(token)
    if people:
        chosen = sorted(people)
        transaction.on_commit(lambda: link_people_task.enqueue(chosen))
