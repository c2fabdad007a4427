"""Background work of monitoring (django-tasks): the monthly regional snapshots.

`manage.py monthly_snapshots` runs the same work in the foreground; schedule it daily (cron or
a systemd timer): it only makes the snapshots still missing for the last complete month.
"""

from __future__ import annotations

from django_tasks import task

from approdo.monitoring.services import monthly_snapshots


@task()
def monthly_snapshots_task() -> list[int]:
    return [s.pk for s in monthly_snapshots()]
