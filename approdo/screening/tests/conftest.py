"""Fixtures of the screening tests: the case world and the header links' placeholders."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from approdo.cases.tests.factories import CaseWorld, make_case_world
from approdo.screening.tests import stub_urls


@pytest.fixture(autouse=True)
def _header_links(settings: Any) -> None:
    # The case header links to other apps' pages; while they are not built yet, placeholders
    # stand in so that the screening pages can be rendered.
    if stub_urls.missing_namespaces(reverse):
        settings.ROOT_URLCONF = "approdo.screening.tests.stub_urls"


@pytest.fixture
def world(db: None) -> CaseWorld:
    return make_case_world()
