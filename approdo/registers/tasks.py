"""Background tasks of the imports (django-tasks; the database backend outside tests).

They take the import's id only and never raise: runs.py leaves a failed import `failed` with
its reason, so a crashed task cannot leave it stuck in `checking` or `importing`.
"""

from __future__ import annotations

from django_tasks import task

from approdo.registers import runs


@task()
def check_register(import_id: int) -> bool:
    """The dry run of an import."""
    return runs.run_check(import_id)


@task()
def commit_register(import_id: int) -> bool:
    """The all-or-nothing commit of an import."""
    return runs.run_commit(import_id)
