"""The start page's work sections, contributed by the apps.

Each app registers, in its AppConfig.ready(), a template and a provider that returns the
section's data for a user or None when the section does not concern them. The home page
needs to know none of the apps: a new app adds its section without touching the others.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from approdo.accounts.models import User


@dataclass(frozen=True)
class HomeSection:
    template: str
    provider: Callable[[User], Any]
    order: int


@dataclass(frozen=True)
class RenderedSection:
    template: str
    data: Any


_SECTIONS: dict[str, HomeSection] = {}


def register_home_section(
    key: str, *, template: str, provider: Callable[[User], Any], order: int = 50
) -> None:
    """Register (or replace, on a second ready()) one section; lower `order` shows first."""
    _SECTIONS[key] = HomeSection(template=template, provider=provider, order=order)


def home_sections(user: User) -> list[RenderedSection]:
    """The sections that concern `user`, in order; the template gets the data as `data`."""
    rendered = []
    for section in sorted(_SECTIONS.values(), key=lambda s: s.order):
        data = section.provider(user)
        if data:
            rendered.append(RenderedSection(template=section.template, data=data))
    return rendered
