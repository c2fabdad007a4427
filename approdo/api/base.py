"""Base classes of the read API: who may call it and which query parameters it accepts.

Query parameters are validated by a serializer per operation. A malformed value is a 400, and
so is a parameter the operation does not know: a typo such as `regione=3` would otherwise
answer the whole registry as if it were the filtered list.
"""

from __future__ import annotations

from typing import Any, TypeVar

from django.db.models import Model, QuerySet
from django.utils.translation import gettext as _
from rest_framework import generics, serializers
from rest_framework.authentication import SessionAuthentication, TokenAuthentication
from rest_framework.exceptions import NotAuthenticated, ValidationError
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from approdo.accounts.models import User
from approdo.api.permissions import SecondFactorForSessions

_M = TypeVar("_M", bound=Model)

# Primary keys are 64-bit; a larger number is the client's mistake, not a database overflow.
MAX_ID = 2**63 - 1


def id_filter(help_text: str) -> serializers.IntegerField:
    """An optional query parameter holding a primary key."""
    return serializers.IntegerField(
        min_value=1, max_value=MAX_ID, required=False, help_text=help_text
    )


class NoQuery(serializers.Serializer[dict[str, Any]]):
    """An operation without query parameters (beyond pagination)."""


class _NoFormatOverride:
    URL_FORMAT_OVERRIDE = None


class AcceptHeaderNegotiation(DefaultContentNegotiation):
    """The Accept header alone picks the representation.

    DRF's `?format=` override would be a query parameter the schema does not declare.
    """

    settings = _NoFormatOverride()  # type: ignore[assignment]


def request_user(request: Request) -> User:
    """The authenticated caller (the permission classes have already refused anyone else)."""
    user = request.user
    if not isinstance(user, User) or not user.is_authenticated:
        raise NotAuthenticated
    return user


def stable_order(queryset: QuerySet[_M]) -> QuerySet[_M]:
    """The queryset's ordering plus the primary key, so that pages never overlap or skip."""
    ordering = [*queryset.query.order_by] or [*(queryset.model._meta.ordering or [])]
    return queryset.order_by(*ordering, "pk")


class ApiView(generics.GenericAPIView[_M]):
    # Token first: the first class's `authenticate_header` makes an anonymous call a 401
    # with `WWW-Authenticate: Token` (with SessionAuthentication first DRF answers 403).
    authentication_classes = [TokenAuthentication, SessionAuthentication]
    permission_classes = [IsAuthenticated, SecondFactorForSessions]
    content_negotiation_class = AcceptHeaderNegotiation
    query_serializer_class: type[serializers.Serializer[Any]] = NoQuery

    def validate_query(self, request: Request) -> dict[str, Any]:
        form = self.query_serializer_class(data=request.query_params)
        errors: dict[str, Any] = {} if form.is_valid() else dict(form.errors)
        allowed = set(form.fields) | self.pagination_query_params()
        for name in sorted(set(request.query_params) - allowed):
            errors[name] = [_("Parametro sconosciuto.")]
        if errors:
            raise ValidationError(errors)
        return dict(form.validated_data)

    def pagination_query_params(self) -> set[str]:
        return set()


# No docstrings on these bases: drf-spectacular would give theirs to every operation that
# lacks its own, as the operation's description.


class ApiListView(ApiView[_M], generics.ListAPIView[_M]):
    # A paginated list; `self.query` holds the validated filters when get_queryset runs.
    query: dict[str, Any]

    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        # Validated here rather than in initial(): a POST is a 405 whatever its query string.
        self.query = self.validate_query(request)
        return self.list(request, *args, **kwargs)

    def pagination_query_params(self) -> set[str]:
        paginator = self.paginator
        names = (
            getattr(paginator, "page_query_param", None),
            getattr(paginator, "page_size_query_param", None),
        )
        return {name for name in names if name}


class ApiDetailView(ApiView[_M], generics.RetrieveAPIView[_M]):
    pagination_class = None

    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        self.validate_query(request)
        return self.retrieve(request, *args, **kwargs)
