"""Fixtures of the screening tests: the case world."""

from __future__ import annotations

import pytest

from approdo.cases.tests.factories import CaseWorld, make_case_world


@pytest.fixture
def world(db: None) -> CaseWorld:
    return make_case_world()
