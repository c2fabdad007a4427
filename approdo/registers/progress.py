"""Progress of a running import, for the status page that polls it.

The dry run writes its progress on the import row in short transactions of its own. The
commit cannot: it is one transaction, and nothing it writes is visible before it ends. So
every task also publishes its progress in the Django cache, keyed by import id.

The project's cache is the database cache, which writes through the same connection as the
commit, i.e. inside its transaction. On PostgreSQL the commit hands its progress to a helper
thread with a connection of its own (`side_channel`), which writes it at once. On SQLite a
second writer would wait for the commit's lock, so there the write phase publishes nothing
and the status page shows an indeterminate bar until the commit ends.
"""

from __future__ import annotations

import contextlib
import logging
import queue
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.core.cache import cache
from django.core.cache.backends.db import DatabaseCache
from django.db import connection, connections

from approdo.registers.models import ImportStatus, RegisterImport

logger = logging.getLogger(__name__)

CACHE_TIMEOUT = 24 * 3600
# Phases a task goes through, as published.
CHECKING, WRITING = "checking", "writing"


def cache_key(import_id: int) -> str:
    return f"registers:import:{import_id}:progress"


@dataclass(frozen=True)
class Progress:
    phase: str
    done: int
    total: int
    known: bool = True  # False while the commit writes without publishing (SQLite)

    @property
    def percent(self) -> int:
        if not self.total:
            return 0
        return min(100, round(100 * self.done / self.total))


class _SideWriter:
    """A thread with its own database connection that writes cache entries in autocommit."""

    def __init__(self) -> None:
        self.items: queue.Queue[tuple[str, dict[str, Any]] | None] = queue.Queue()
        self.thread = threading.Thread(target=self._run, name="register-progress", daemon=True)

    def _run(self) -> None:
        try:
            while (item := self.items.get()) is not None:
                key, value = item
                try:
                    cache.set(key, value, CACHE_TIMEOUT)
                except Exception:  # progress is a courtesy: never break the import for it
                    logger.warning("Could not publish import progress", exc_info=True)
        finally:
            connections.close_all()

    def put(self, key: str, value: dict[str, Any]) -> None:
        # Only the latest figure matters: a slow connection must not queue up thousands.
        if self.items.qsize() < 3:
            self.items.put((key, value))

    def stop(self) -> None:
        self.items.put(None)
        self.thread.join(timeout=10)


_side = threading.local()


def _default_cache() -> Any:
    from django.core.cache import caches

    return caches["default"]


@contextlib.contextmanager
def side_channel() -> Iterator[None]:
    """Publish through a helper connection while the caller holds a long transaction."""
    usable = isinstance(_default_cache(), DatabaseCache) and connection.vendor == "postgresql"
    if not usable:
        yield
        return
    writer = _SideWriter()
    writer.thread.start()
    _side.writer = writer
    try:
        yield
    finally:
        _side.writer = None
        writer.stop()


def live_during_transaction() -> bool:
    """Whether figures published inside a transaction reach the status page."""
    if not isinstance(_default_cache(), DatabaseCache):
        return True
    return getattr(_side, "writer", None) is not None


def publish(import_id: int, *, phase: str, done: int, total: int, live: bool = True) -> bool:
    """Make the figures visible to the status page; False when that is impossible now.

    `live=False` says no further figures will follow until the phase ends (the page then
    shows an indeterminate bar rather than a frozen percentage).
    """
    value = {"phase": phase, "done": done, "total": total, "live": live, "at": time.time()}
    key = cache_key(import_id)
    if isinstance(_default_cache(), DatabaseCache) and connection.in_atomic_block:
        writer: _SideWriter | None = getattr(_side, "writer", None)
        if writer is None:
            return False
        writer.put(key, value)
        return True
    try:
        cache.set(key, value, CACHE_TIMEOUT)
    except Exception:
        logger.warning("Could not publish import progress", exc_info=True)
        return False
    return True


def forget(import_id: int) -> None:
    with contextlib.suppress(Exception):
        cache.delete(cache_key(import_id))


def last_sign_of_life(register_import: RegisterImport) -> float:
    """When a running import last showed it was at work (a POSIX time): its last status
    change or the last figures its task published, whichever is later."""
    latest = register_import.updated_at.timestamp()
    value = None
    with contextlib.suppress(Exception):
        value = cache.get(cache_key(register_import.pk))
    if isinstance(value, dict) and isinstance(value.get("at"), int | float):
        latest = max(latest, float(value["at"]))
    return latest


def read(register_import: RegisterImport) -> Progress:
    """The latest figures of a running import (cache first, then the import row)."""
    total = register_import.row_count
    value = None
    with contextlib.suppress(Exception):
        value = cache.get(cache_key(register_import.pk))
    expected = CHECKING if register_import.status == ImportStatus.CHECKING else WRITING
    if isinstance(value, dict) and value.get("phase") == expected:
        return Progress(
            expected,
            int(value.get("done", 0)),
            int(value.get("total", total)),
            known=bool(value.get("live", True)),
        )
    if register_import.status == ImportStatus.IMPORTING:
        return Progress(WRITING, 0, total, known=False)
    return Progress(CHECKING, register_import.rows_done, total)
