"""Background work of the linkage (django-tasks): a person linked after each change."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django_tasks import task

from approdo.linkage.incremental import link_person


@task()
def link_person_task(person_pk: int) -> None:
    link_person(person_pk=person_pk)


def link_after_commit(sender: Any = None, *, person_pk: int, **kwargs: Any) -> None:
    """Receiver of people.signals.person_facts_changed: link the person once the change is
    committed (linking twice is harmless: it places the person where they belong)."""
    transaction.on_commit(lambda: link_person_task.enqueue(person_pk))
