"""Background work of the linkage (django-tasks): a person linked after each change."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django_tasks import task

from approdo.linkage.incremental import link_person


@task()
def link_person_task(person_pk: int) -> None:
    link_person(person_pk=person_pk)


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
    transaction.on_commit(lambda: link_person_task.enqueue(person_pk))
