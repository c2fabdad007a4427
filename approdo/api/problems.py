"""Errors as RFC 9457 problem details (application/problem+json), per ModI guidelines.

Every error the API answers has one shape: DRF's exceptions pass through
`problem_exception_handler`; the 403/404/500 that Django raises outside a DRF view (an unknown
URL under /api/) come from approdo.core.views through `problem_response`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from http import HTTPStatus
from typing import Any, TypeVar

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, JsonResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiResponse
from rest_framework import serializers
from rest_framework.exceptions import APIException, NotFound, ValidationError
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler

from approdo.core.concurrency import StaleEditError

_T = TypeVar("_T")

PROBLEM_CONTENT_TYPE = "application/problem+json"
# RFC 9457 §4.2.1: "about:blank" says the problem has no meaning beyond its HTTP status.
PROBLEM_TYPE = "about:blank"


def problem_body(
    status: int, detail: str, errors: dict[str, list[str]] | None = None
) -> dict[str, Any]:
    body: dict[str, Any] = {
        "type": PROBLEM_TYPE,
        # With type about:blank the title should be the status's reason phrase (RFC 9457 §4.2.1).
        "title": HTTPStatus(status).phrase,
        "status": status,
        "detail": detail,
    }
    if errors is not None:
        body["errors"] = errors
    return body


def problem_response(status: int, title: str, detail: str) -> JsonResponse:
    """A problem response outside DRF, for Django's error handlers (approdo.core.views)."""
    body = problem_body(status, detail)
    body["title"] = title
    return JsonResponse(body, status=status, content_type=PROBLEM_CONTENT_TYPE)


def flatten_errors(data: Any, prefix: str = "") -> dict[str, list[str]]:
    """DRF's nested validation errors as {"field" or "field.sub": [messages]}."""
    key = prefix or api_settings.NON_FIELD_ERRORS_KEY
    if isinstance(data, dict):
        out: dict[str, list[str]] = {}
        for name, value in data.items():
            out.update(flatten_errors(value, f"{prefix}.{name}" if prefix else str(name)))
        return out
    if isinstance(data, list):
        if all(not isinstance(item, dict | list) for item in data):
            return {key: [str(item) for item in data]}
        out = {}
        for index, item in enumerate(data):
            out.update(flatten_errors(item, f"{prefix}.{index}" if prefix else str(index)))
        return out
    return {key: [str(data)]}


def problem_exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    response = exception_handler(exc, context)
    if response is None:
        return None  # not an API error: Django's handler500 answers (problem+json too)
    errors: dict[str, list[str]] | None = None
    # Decide by the exception, not the payload: a parameter named "detail" is still a field.
    if isinstance(exc, ValidationError):
        detail = _("La richiesta non è valida: i dettagli sono in «errors».")
        errors = flatten_errors(response.data)
    elif isinstance(exc, Http404):
        # get_object_or_404's message names the model and differs between "missing" and
        # "outside your places"; one wording for every 404 confirms nothing.
        detail = str(NotFound.default_detail)
    elif isinstance(response.data, dict) and "detail" in response.data:
        detail = str(response.data["detail"])
    else:
        detail = str(response.data)
    response.data = problem_body(response.status_code, detail, errors)
    response.content_type = PROBLEM_CONTENT_TYPE
    return response


class ProblemSerializer(serializers.Serializer[dict[str, Any]]):
    """A problem details document (RFC 9457)."""

    type = serializers.CharField(help_text="A URI reference identifying the problem type.")
    title = serializers.CharField(help_text="The HTTP reason phrase of the status.")
    status = serializers.IntegerField(help_text="The HTTP status code.")
    detail = serializers.CharField(help_text="What went wrong, for a person to read.")
    # The metaclass moves declared fields off the class, so `errors` does not shadow
    # Serializer.errors at run time; only the type checker sees the clash.
    errors = serializers.DictField(  # type: ignore[assignment]
        child=serializers.ListField(child=serializers.CharField()),
        required=False,
        help_text="Validation problems only: messages per query parameter.",
    )


_DESCRIPTIONS = {
    400: "A query parameter is unknown or has a value that is not valid.",
    401: "No valid credentials: send `Authorization: Token <key>` or a session cookie.",
    403: "Signed in, but not allowed (for example: a second factor is required).",
    404: "No such resource, outside the caller's places, or a page beyond the last.",
    406: "The Accept header excludes application/json.",
}

# Every read operation can answer these: 400 because unknown query parameters are refused.
READ_ERRORS = (400, 401, 403, 404, 406)


def problem_responses(statuses: Iterable[int] = READ_ERRORS) -> dict[Any, OpenApiResponse]:
    """Schema entries declaring problem+json error responses for an operation."""
    return {
        (status, PROBLEM_CONTENT_TYPE): OpenApiResponse(
            ProblemSerializer, description=_DESCRIPTIONS[status]
        )
        for status in statuses
    }


# A write can also be refused because its body is not JSON (415), and a versioned write
# because the record changed since it was read (409).
WRITE_ERRORS = (400, 401, 403, 404, 406)


class Conflict(APIException):
    """The record changed since the caller read it, or was already decided (409)."""

    status_code = 409
    default_detail = gettext_lazy("Il dato è cambiato nel frattempo: ricaricalo e riprova.")
    default_code = "conflict"


def write_problems(conflict: str | None = None) -> dict[Any, OpenApiResponse]:
    """Schema entries for a write operation; `conflict` describes when it answers 409."""
    out = problem_responses(WRITE_ERRORS)
    if conflict is not None:
        out[(409, PROBLEM_CONTENT_TYPE)] = OpenApiResponse(ProblemSerializer, description=conflict)
    out[(415, PROBLEM_CONTENT_TYPE)] = OpenApiResponse(
        ProblemSerializer, description="The body is not JSON."
    )
    return out


def service_errors(exc: DjangoValidationError) -> ValidationError:
    """A service's validation error as the API's 400, field by field where it names fields."""
    return ValidationError(exc.message_dict if hasattr(exc, "error_dict") else exc.messages)


def parse_body(form_class: type[serializers.Serializer[Any]], data: Any) -> dict[str, Any]:
    """A write's body validated by its input serializer (a 400 naming the fields otherwise)."""
    form = form_class(data=data)
    form.is_valid(raise_exception=True)
    return dict(form.validated_data)


def run_write(call: Callable[[], _T]) -> _T:
    """Run a service for the API: a stale version is a 409, a refused write a 400 naming the
    fields, in the caller's language; never a 500."""
    try:
        return call()
    except StaleEditError as exc:
        raise Conflict from exc
    except DjangoValidationError as exc:
        raise service_errors(exc) from exc


def existing(qs: Any, field: str, message: str, **lookup: Any) -> Any:
    """The row of `qs` matching `lookup`, or a 400 naming `field` (an id the body points at
    that does not exist is the caller's mistake, not a 404 of the URL)."""
    found = qs.filter(**lookup).first()
    if found is None:
        raise ValidationError({field: [message]})
    return found
