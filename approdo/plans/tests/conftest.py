from __future__ import annotations

import pytest
from django.test import override_settings


@pytest.fixture(autouse=True)
def _plan_urls() -> object:
    with override_settings(ROOT_URLCONF="approdo.plans.tests.urls"):
        yield
