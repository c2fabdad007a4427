"""/api/v1/docs/: the API reference as a plain page.

drf-spectacular's Swagger UI loads its scripts from a CDN and runs an inline script, which our
Content-Security-Policy (script-src 'self' + nonce) refuses and an offline machine cannot
fetch. This page lists the operations from the same generated schema, links the schema for
tools, and needs no script at all.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe
from drf_spectacular.generators import SchemaGenerator

_METHODS = ("get", "post", "put", "patch", "delete")


@dataclass(frozen=True)
class Operation:
    method: str
    path: str
    summary: str
    parameters: list[str]


def operations_by_tag(schema: dict[str, Any]) -> dict[str, list[Operation]]:
    grouped: dict[str, list[Operation]] = {}
    for path, item in schema.get("paths", {}).items():
        for method in _METHODS:
            operation = item.get(method)
            if operation is None:
                continue
            tag = (operation.get("tags") or ["api"])[0]
            parameters = [
                p["name"] for p in operation.get("parameters", []) if p.get("in") == "query"
            ]
            text = operation.get("summary") or operation.get("description") or ""
            summary = text.split("\n\n")[0]
            grouped.setdefault(tag, []).append(Operation(method.upper(), path, summary, parameters))
    return dict(sorted(grouped.items()))


@require_safe
def api_reference(request: HttpRequest) -> HttpResponse:
    schema = SchemaGenerator().get_schema(request=None, public=True)
    return render(
        request,
        "api/reference.html",
        {
            "info": schema.get("info", {}),
            "groups": operations_by_tag(schema),
        },
    )
