"""An import whose background task died can be abandoned, never one still at work."""

from __future__ import annotations

import time

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from approdo.audit.models import AuditEvent
from approdo.people.models import Person
from approdo.people.tests.factories import World, login
from approdo.registers import progress, runs, services
from approdo.registers.models import ImportStatus, RegisterImport
from approdo.registers.tests.builders import check, upload


def started_and_killed(world: World) -> RegisterImport:
    """An import whose check was started but whose worker never ran (killed)."""
    imp = upload(world)
    services.import_start_check(
        actor=world.worker_a, register_import=imp, expected_version=imp.version, background=False
    )
    imp.refresh_from_db()
    return imp


def test_a_silent_import_is_abandoned_and_can_be_checked_again(world, client: Client):
    imp = started_and_killed(world)
    later = time.time() + 31 * 60
    with pytest.raises(ValidationError) as alive:
        services.import_abandon(actor=world.worker_a, register_import=imp)
    assert "segni di vita 0 minuti fa" in str(alive.value)
    services.import_abandon(actor=world.worker_a, register_import=imp, now=later)
    imp.refresh_from_db()
    assert imp.status == ImportStatus.FAILED
    assert "non dava segni di vita da 31 minuti" in imp.error_message
    assert AuditEvent.objects.filter(action="registers.import.abandoned").exists()
    assert check(imp).status == ImportStatus.CHECKED


def test_published_progress_counts_as_a_sign_of_life(world):
    imp = started_and_killed(world)
    progress.publish(imp.pk, phase=progress.CHECKING, done=10, total=20)
    assert services.quiet_minutes(imp, now=time.time() + 60) == 1
    cache_at = progress.last_sign_of_life(imp)
    assert cache_at >= imp.updated_at.timestamp()


def test_a_commit_that_finishes_after_being_abandoned_writes_nothing(world):
    imp = check(upload(world))
    services.import_start_commit(
        actor=world.worker_a, register_import=imp, expected_version=imp.version, background=False
    )
    imp.refresh_from_db()
    services.import_abandon(actor=world.worker_a, register_import=imp, now=time.time() + 24 * 3600)
    before = Person.objects.count()
    assert runs.run_commit(imp.pk) is False  # the late worker finds it abandoned
    assert Person.objects.count() == before
    imp.refresh_from_db()
    assert imp.status == ImportStatus.FAILED


def test_the_page_offers_to_abandon_only_a_silent_import(world, client: Client, settings):
    imp = started_and_killed(world)
    login(client, world.worker_a)
    url = reverse("registers:detail", args=[imp.pk])
    assert 'data-testid="abandon"' not in client.get(url).content.decode()
    settings.REGISTER_IMPORT_STALL_MINUTES = 0
    assert 'data-testid="abandon"' in client.get(url).content.decode()
    response = client.post(reverse("registers:abandon", args=[imp.pk]))
    assert response.status_code == 302
    imp.refresh_from_db()
    assert imp.status == ImportStatus.FAILED
    login(client, world.worker_b)
    assert client.post(reverse("registers:abandon", args=[imp.pk])).status_code == 404
