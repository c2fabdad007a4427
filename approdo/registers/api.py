"""Read API of the imports: the imports of the caller's nodes, one import, its problems.

Same scope as the pages (selectors.py): person-data roles at the import's node; monitors get
403, anyone else 404. Imports are started from the pages or `manage.py import_register`, not
through the API. The file itself is never served.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import serializers

from approdo.api.base import ApiDetailView, ApiListView, id_filter, request_user, stable_order
from approdo.api.problems import problem_responses
from approdo.network.api import OutputSerializer
from approdo.registers import selectors
from approdo.registers.models import ImportProblem, ImportStatus, RegisterImport, Severity

API_DETAIL_PURPOSE = "api.registers.import.detail"
API_PROBLEMS_PURPOSE = "api.registers.import.problems"


class RegisterImportSerializer(OutputSerializer[RegisterImport]):
    class Meta:
        model = RegisterImport
        fields: tuple[str, ...] = (
            "id",
            "node",
            "status",
            "file_name",
            "file_kind",
            "file_size",
            "sheet_name",
            "header_row",
            "row_count",
            "rows_done",
            "rows_with_errors",
            "rows_with_warnings",
            "likely_duplicates",
            "people_created",
            "cases_opened",
            "rows_skipped",
            "error_message",
            "created_by",
            "created_at",
            "updated_at",
            "checked_at",
            "finished_at",
            "version",
        )


class RegisterImportDetailSerializer(RegisterImportSerializer):
    headers = serializers.ListField(child=serializers.CharField(), read_only=True)
    sheets = serializers.ListField(child=serializers.CharField(), read_only=True)
    mapping = serializers.DictField(
        child=serializers.IntegerField(min_value=0),
        read_only=True,
        help_text="Target field -> column index (0-based) of `headers`.",
    )

    class Meta(RegisterImportSerializer.Meta):
        fields = (
            *RegisterImportSerializer.Meta.fields,
            "sheets",
            "headers",
            "mapping",
            "open_cases",
            "access_channel",
            "internal_source",
            "external_body_kind",
            "external_body_name",
            "skip_likely_duplicates",
            "jan_first_is_placeholder",
            "file_sha256",
        )


class ImportProblemSerializer(OutputSerializer[ImportProblem]):
    class Meta:
        model = ImportProblem
        fields = (
            "id",
            "row_number",
            "severity",
            "code",
            "column",
            "field",
            "value",
            "message",
            "person",
        )


class ImportQuery(serializers.Serializer[Any]):
    status = serializers.ChoiceField(choices=ImportStatus.choices, required=False)
    node = id_filter("Only imports at this node (node id).")


class ProblemQuery(serializers.Serializer[Any]):
    severity = serializers.ChoiceField(choices=Severity.choices, required=False)


@extend_schema(
    tags=["registers"],
    parameters=[ImportQuery],
    responses={200: RegisterImportSerializer, **problem_responses()},
)
class ImportListView(ApiListView[RegisterImport]):
    """Imports of registers at the caller's nodes, newest first."""

    serializer_class = RegisterImportSerializer
    query_serializer_class = ImportQuery

    def get_queryset(self) -> QuerySet[RegisterImport]:
        imports = selectors.import_list(
            user=request_user(self.request), status=self.query.get("status", "")
        )
        if self.query.get("node"):
            imports = imports.filter(node_id=self.query["node"])
        return stable_order(imports)


@extend_schema(
    tags=["registers"], responses={200: RegisterImportDetailSerializer, **problem_responses()}
)
class ImportDetailView(ApiDetailView[RegisterImport]):
    """One import with its column mapping and options; the read is logged."""

    serializer_class = RegisterImportDetailSerializer
    queryset = RegisterImport.objects.none()

    def get_object(self) -> RegisterImport:
        return selectors.import_read(
            user=request_user(self.request), pk=self.kwargs["pk"], purpose=API_DETAIL_PURPOSE
        )


@extend_schema(
    tags=["registers"],
    parameters=[ProblemQuery],
    responses={200: ImportProblemSerializer, **problem_responses()},
)
class ImportProblemListView(ApiListView[ImportProblem]):
    """The problems the dry run found, by row; `person` is a likely duplicate in the caller's
    scope (never one outside it)."""

    serializer_class = ImportProblemSerializer
    query_serializer_class = ProblemQuery

    def get_queryset(self) -> QuerySet[ImportProblem]:
        register_import = selectors.import_read(
            user=request_user(self.request),
            pk=self.kwargs["import_pk"],
            purpose=API_PROBLEMS_PURPOSE,
        )
        return selectors.import_problems(register_import, severity=self.query.get("severity", ""))

    # The page is redacted for the caller (selectors.redact_problems); DRF types this hook
    # generically over any row type.
    def paginate_queryset(self, queryset: Any) -> list[ImportProblem] | None:  # type: ignore[override]
        page = super().paginate_queryset(queryset)
        if page is None:
            return None
        return selectors.redact_problems(request_user(self.request), page)
