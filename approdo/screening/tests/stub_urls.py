"""The project's URLs plus placeholders for the case-header links other apps have not
defined yet (cases:detail, plans:case, ...), so screening pages render in tests.

Used only when a name is missing (see conftest.py); placeholders come first so that their
namespace wins over an empty one, and the screening namespace is the real one.
"""

from __future__ import annotations

from typing import Any, cast

from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, include, path
from django.urls.exceptions import NoReverseMatch
from django.urls.resolvers import URLResolver

from approdo import urls as project

HEADER_LINKS: dict[str, list[str]] = {
    "cases": ["list", "detail"],
    "plans": ["case"],
    "interventions": ["case"],
    "referrals": ["case"],
}


def _placeholder(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    return HttpResponse("")


def missing_namespaces(reverse: Any) -> list[str]:
    missing = []
    for namespace, names in HEADER_LINKS.items():
        for name in names:
            try:
                reverse(f"{namespace}:{name}", args=[] if name == "list" else [1])
            except NoReverseMatch:
                missing.append(namespace)
                break
    return missing


def _namespace(namespace: str) -> URLResolver:
    patterns: list[URLPattern] = [
        path("" if name == "list" else f"{name}/<int:pk>/", _placeholder, name=name)
        for name in HEADER_LINKS[namespace]
    ]
    return path(f"_placeholder/{namespace}/", include((patterns, namespace)))


def build(namespaces: list[str]) -> list[URLPattern | URLResolver]:
    real = cast(list[URLPattern | URLResolver], project.urlpatterns)
    return [*(_namespace(ns) for ns in namespaces), *real]


urlpatterns = build(list(HEADER_LINKS))
handler400 = project.handler400
handler403 = project.handler403
handler404 = project.handler404
handler500 = project.handler500
