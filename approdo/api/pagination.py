"""Page-number pagination with a bounded, client-chosen page size.

DRF's own PageNumberPagination silently falls back to the default size on `page_size=abc` and
answers 404 to `page=abc`; here a malformed value is a 400 (the client's mistake is named) and
only a well-formed page past the last one is a 404.
"""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request

MAX_PAGE_SIZE = 500
# Far beyond any real page count; bounded so the schema (and fuzzers) know the range.
MAX_PAGE = 1_000_000


class PageQuerySerializer(serializers.Serializer[dict[str, int]]):
    page = serializers.IntegerField(min_value=1, max_value=MAX_PAGE, required=False)
    page_size = serializers.IntegerField(min_value=1, max_value=MAX_PAGE_SIZE, required=False)


class StandardPagination(PageNumberPagination):
    page_size = 50
    page_query_param = "page"
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE
    last_page_strings = ()  # the schema says `page` is an integer: no "last" alias

    def _query(self, request: Request) -> dict[str, int]:
        cached: dict[str, int] | None = getattr(self, "_validated", None)
        if cached is None:
            form = PageQuerySerializer(
                data={
                    key: request.query_params[key]
                    for key in (self.page_query_param, self.page_size_query_param)
                    if request.query_params.get(key, "") != ""
                },
            )
            if not form.is_valid():
                raise ValidationError(form.errors)
            cached = dict(form.validated_data)
            self._validated = cached
        return cached

    def get_page_size(self, request: Request) -> int:
        return self._query(request).get("page_size", self.page_size)

    def get_page_number(self, request: Request, paginator: Paginator) -> int:
        return self._query(request).get("page", 1)

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        return [
            {
                "name": self.page_query_param,
                "required": False,
                "in": "query",
                "description": "A page number within the paginated result set.",
                "schema": {"type": "integer", "minimum": 1, "maximum": MAX_PAGE},
            },
            {
                "name": self.page_size_query_param,
                "required": False,
                "in": "query",
                "description": f"Results per page (default {self.page_size}).",
                "schema": {"type": "integer", "minimum": 1, "maximum": self.max_page_size},
            },
        ]
