"""Progress of the commit, published from inside its one long transaction."""

from __future__ import annotations

import threading
import time
from typing import Any

import pytest
from django.db import connection, connections, transaction

from approdo.registers import progress

DB_CACHE = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "approdo_cache",
    }
}


def _read_from_another_connection(import_id: int) -> Any:
    seen: dict[str, Any] = {}

    def read() -> None:
        from django.core.cache import cache

        try:
            seen["value"] = cache.get(progress.cache_key(import_id))
            # Written outside the test's transaction: leave nothing behind.
            cache.delete(progress.cache_key(import_id))
        finally:
            connections.close_all()

    thread = threading.Thread(target=read)
    thread.start()
    thread.join()
    return seen.get("value")


@pytest.mark.django_db
def test_figures_published_inside_the_commit_transaction(settings):
    """With the database cache, PostgreSQL hands the figures to a helper connection so the
    status page sees them at once; SQLite cannot (a second writer would wait for the lock),
    so the page is told the figures are unknown rather than shown a frozen 0%.

    (The test's own transaction stands for the commit's: the helper and the reader use
    connections of their own, as a worker and a web server would.)"""
    settings.CACHES = DB_CACHE
    postgres = connection.vendor == "postgresql"
    with progress.side_channel(), transaction.atomic():
        assert progress.live_during_transaction() is postgres
        assert progress.publish(7, phase="writing", done=5, total=10) is postgres
        if not postgres:
            return
        deadline = time.monotonic() + 5
        value = _read_from_another_connection(7)
        while value is None and time.monotonic() < deadline:
            time.sleep(0.05)
            value = _read_from_another_connection(7)
    assert value is not None and (value["done"], value["total"]) == (5, 10)


def test_status_page_figures_follow_the_phase():
    from approdo.registers.models import ImportStatus, RegisterImport

    imp = RegisterImport(pk=5, status=ImportStatus.IMPORTING, row_count=10, rows_done=0)
    assert not progress.read(imp).known  # the commit has published nothing yet
    progress.publish(5, phase=progress.WRITING, done=0, total=10, live=False)
    assert not progress.read(imp).known  # SQLite: figures only at the end
    progress.publish(5, phase=progress.WRITING, done=4, total=10)
    shown = progress.read(imp)
    assert (shown.known, shown.percent) == (True, 40)
    imp.status, imp.rows_done = ImportStatus.CHECKING, 3
    assert progress.read(imp).done == 3  # a writing figure is not the dry run's
