"""A small network with its users for the import tests (people.tests.factories.make_world)."""

from __future__ import annotations

from typing import Any

import pytest

from approdo.people.tests.factories import World, make_world


@pytest.fixture
def world(db: Any) -> World:
    return make_world()
