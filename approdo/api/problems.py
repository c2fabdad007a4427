"""Errors as RFC 9457 problem details (application/problem+json), per ModI guidelines."""

from __future__ import annotations

from typing import Any

from django.http import JsonResponse
from rest_framework.response import Response
from rest_framework.views import exception_handler

PROBLEM_CONTENT_TYPE = "application/problem+json"


def problem_response(status: int, title: str, detail: str) -> JsonResponse:
    return JsonResponse(
        {"type": "about:blank", "title": title, "status": status, "detail": detail},
        status=status,
        content_type=PROBLEM_CONTENT_TYPE,
    )


def problem_exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    response = exception_handler(exc, context)
    if response is None:
        return None
    data = response.data
    detail: Any
    errors: Any = None
    if isinstance(data, dict) and set(data) == {"detail"}:
        detail = str(data["detail"])
    else:
        detail = "The request is not valid."
        errors = data
    body: dict[str, Any] = {
        "type": "about:blank",
        "title": response.status_text,
        "status": response.status_code,
        "detail": detail,
    }
    if errors is not None:
        body["errors"] = errors
    response.data = body
    response.content_type = PROBLEM_CONTENT_TYPE
    return response
