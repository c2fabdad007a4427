"""Fixtures shared by every app's tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest


@pytest.fixture(autouse=True)
def _fast_and_isolated(settings, tmp_path_factory) -> Iterator[None]:  # type: ignore[no-untyped-def]
    # Argon2 is deliberately slow; tests hash many passwords.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    # Uploaded attachments go to a throwaway directory, never into the developer's var/.
    settings.MEDIA_ROOT = tmp_path_factory.mktemp("media")
    yield
    # The in-memory cache outlives a test: login throttling and used TOTP codes must not
    # leak from one test into the next.
    from django.core.cache import cache

    cache.clear()
