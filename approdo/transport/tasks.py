"""Background tasks of transport (django-tasks; the database backend outside tests).

They take the plan's id only and never raise: a failed plan is left `failed` with its reason.
"""

from __future__ import annotations

from django_tasks import task

from approdo.transport import plan_services


@task()
def compute_plan(plan_id: int) -> bool:
    """Plan a big day's routes."""
    return plan_services.run_plan(plan_id)
