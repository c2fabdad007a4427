"""Monitoring's API: indicator definitions, a dashboard's figures for any filters, snapshots.

Aggregates only, for the caller's places, with small cells suppressed exactly as on the pages
(a suppressed figure is null). Filters are validated like the page's (a place outside the
caller's is a 400 naming the field).
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import QueryDict
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from approdo.api.base import ApiDetailView, ApiListView, ApiView, request_user
from approdo.api.problems import problem_responses, write_problems
from approdo.monitoring import selectors, services
from approdo.monitoring.compute import definitions
from approdo.monitoring.forms import FilterForm
from approdo.monitoring.models import Snapshot
from approdo.network.api import OutputSerializer

FILTER_PARAMETERS = [
    OpenApiParameter(
        "date_from", str, description="Start of the period (YYYY-MM-DD).", required=True
    ),
    OpenApiParameter("date_to", str, description="End of the period (YYYY-MM-DD).", required=True),
    OpenApiParameter("region", int, description="A region id."),
    OpenApiParameter("node", int, description="A node id (a hub also covers its spokes)."),
    OpenApiParameter("managing_body", int, description="A managing body id."),
    OpenApiParameter("access_channel", str, description="direct, proactive, internal, external."),
    OpenApiParameter("nationality", str, description="ISO 3166 alpha-2 code."),
    OpenApiParameter("sex", str, description="female or male."),
    OpenApiParameter("age_band", str, description="under_18, 18_29, 30_54, 55_plus, unknown."),
]


class DefinitionSerializer(serializers.Serializer[Any]):
    code = serializers.CharField()
    group = serializers.CharField()
    title = serializers.CharField()
    unit = serializers.CharField()
    counts = serializers.CharField(help_text="What is counted.")
    records = serializers.CharField(source="source", help_text="From which records.")
    when = serializers.CharField(help_text="When a record counts in a period.")


class DashboardSerializer(serializers.Serializer[Any]):
    format = serializers.IntegerField()
    filters = serializers.DictField()
    computed_at = serializers.DateTimeField()
    small_cells_suppressed = serializers.BooleanField()
    min_cell = serializers.IntegerField()
    progress = serializers.DictField(
        help_text="People taken in charge since the programme began, per region, against "
        "its target, with a projection to the programme's end."
    )
    indicators = serializers.ListField(
        child=serializers.DictField(),
        help_text="Each indicator: code, group, title, unit, value (null when suppressed), "
        "note and tallies (code, title, rows of [key, label, value], total, chart).",
    )


class SnapshotSerializer(OutputSerializer[Snapshot]):
    class Meta:
        model = Snapshot
        fields: tuple[str, ...] = (
            "id",
            "title",
            "kind",
            "region",
            "date_from",
            "date_to",
            "filters",
            "computed_at",
            "checksum",
            "created_by",
        )


class SnapshotDetailSerializer(SnapshotSerializer):
    class Meta(SnapshotSerializer.Meta):
        fields = (*SnapshotSerializer.Meta.fields, "figures", "definitions")


class SnapshotCreate(serializers.Serializer[Any]):
    title = serializers.CharField(max_length=200)
    filters = serializers.DictField(help_text="The dashboard's filters, as in its query.")


def _filters(data: Any, request: Request) -> Any:
    form = FilterForm(data, user=request_user(request))
    if not form.is_valid():
        raise ValidationError(form.errors.get_json_data())
    return form.filters()


@extend_schema(
    tags=["monitoring"], responses={200: DefinitionSerializer(many=True), **problem_responses()}
)
class IndicatorListView(ApiView[Snapshot]):
    """Every indicator: what it counts, from which records and when a record counts."""

    queryset = Snapshot.objects.none()
    serializer_class = DefinitionSerializer
    pagination_class = None

    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        self.validate_query(request)
        selectors.viewer_node_ids(request_user(request))
        return Response(DefinitionSerializer(definitions(), many=True).data)


class DashboardQuery(serializers.Serializer[Any]):
    date_from = serializers.CharField()
    date_to = serializers.CharField()
    region = serializers.CharField(required=False, allow_blank=True)
    node = serializers.CharField(required=False, allow_blank=True)
    managing_body = serializers.CharField(required=False, allow_blank=True)
    access_channel = serializers.CharField(required=False, allow_blank=True)
    nationality = serializers.CharField(required=False, allow_blank=True)
    sex = serializers.CharField(required=False, allow_blank=True)
    age_band = serializers.CharField(required=False, allow_blank=True)


@extend_schema(
    tags=["monitoring"],
    parameters=FILTER_PARAMETERS,
    responses={200: DashboardSerializer, **problem_responses()},
)
class DashboardView(ApiView[Snapshot]):
    """Every indicator's figures for the filters, within the caller's places."""

    queryset = Snapshot.objects.none()
    serializer_class = DashboardSerializer
    query_serializer_class = DashboardQuery

    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        self.validate_query(request)
        filters = _filters(request.query_params, request)
        return Response(selectors.dashboard_for(request_user(request), filters))


@extend_schema(tags=["monitoring"], responses={200: SnapshotSerializer, **problem_responses()})
class SnapshotListView(ApiListView[Snapshot]):
    """Snapshots of the caller's places, the most recent first (figures in the detail)."""

    serializer_class = SnapshotSerializer

    def get_queryset(self) -> QuerySet[Snapshot]:
        return selectors.snapshots_for(request_user(self.request)).order_by("-computed_at", "-pk")

    @extend_schema(
        request=SnapshotCreate,
        responses={201: SnapshotDetailSerializer, **write_problems()},
    )
    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Freeze the dashboard for the filters as a snapshot (small cells suppressed)."""
        self.validate_query(request)
        form = SnapshotCreate(data=request.data)
        form.is_valid(raise_exception=True)
        query = QueryDict(mutable=True)
        for key, value in form.validated_data["filters"].items():
            query[str(key)] = "" if value is None else str(value)
        filters = _filters(query, request)
        snapshot = services.snapshot_create(
            actor=request_user(request), filters=filters, title=form.validated_data["title"]
        )
        return Response(SnapshotDetailSerializer(snapshot).data, status=201)


@extend_schema(
    tags=["monitoring"], responses={200: SnapshotDetailSerializer, **problem_responses()}
)
class SnapshotDetailView(ApiDetailView[Snapshot]):
    """One snapshot with its frozen figures and definitions."""

    serializer_class = SnapshotDetailSerializer

    def get_queryset(self) -> QuerySet[Snapshot]:
        return selectors.snapshots_for(request_user(self.request))
