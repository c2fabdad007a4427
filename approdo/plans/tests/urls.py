"""The project's URLs plus stand-ins for the case pages other apps may not have yet.

The case header links to cases:list, cases:detail and the other tabs; while those apps are
being built a missing name would break every plan page in tests. A stand-in is added only for
a name the project does not resolve.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, URLResolver, include, path, reverse
from django.urls.exceptions import NoReverseMatch

from approdo import urls as project_urls


def _stub(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
    return HttpResponse("")


NEEDED: dict[str, list[tuple[str, bool]]] = {
    "cases": [("list", False), ("detail", True)],
    "screening": [("case", True)],
    "interventions": [("case", True)],
    "referrals": [("case", True)],
}


def _missing() -> list[URLResolver]:
    from django.urls.base import get_resolver

    resolver = get_resolver("approdo.urls")
    extra: list[URLResolver] = []
    for namespace, names in NEEDED.items():
        patterns: list[URLPattern] = []
        for name, with_pk in names:
            try:
                reverse(f"{namespace}:{name}", args=[1] if with_pk else [], urlconf="approdo.urls")
            except NoReverseMatch:
                route = f"stub-{namespace}/{name}/" + ("<int:pk>/" if with_pk else "")
                patterns.append(path(route, _stub, name=name))
        if patterns:
            if namespace in resolver.namespace_dict:
                # Rebuild the whole namespace: the project's patterns plus the stand-ins.
                _prefix, sub = resolver.namespace_dict[namespace]
                patterns = [*sub.url_patterns, *patterns]
            extra.append(path("", include((patterns, namespace), namespace=namespace)))
    return extra


urlpatterns = [*_missing(), *project_urls.urlpatterns]
