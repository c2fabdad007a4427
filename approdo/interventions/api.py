"""Read API of services delivered: the same scoping as the pages (interventions.selectors).

Case data is for the case's team and coordinator (case_read): monitors and hub colleagues
outside the team get 403, a case outside the caller's scope is a 404. The catalogue is open
to every signed-in user.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import serializers

from approdo.api.base import ApiDetailView, ApiListView, id_filter, request_user, stable_order
from approdo.api.problems import problem_responses
from approdo.cases.selectors import case_read
from approdo.interventions import selectors
from approdo.interventions.models import ServiceDelivered, ServiceType
from approdo.network.api import NodeRefSerializer, OutputSerializer

API_LIST_PURPOSE = "api.interventions.service.list"
API_DETAIL_PURPOSE = "api.interventions.service.detail"


class ServiceTypeSerializer(OutputSerializer[ServiceType]):
    area = serializers.CharField(source="area.code", read_only=True)

    class Meta:
        model = ServiceType
        fields = ("id", "code", "name_it", "name_en", "area", "active", "position")


class ServiceDeliveredSerializer(OutputSerializer[ServiceDelivered]):
    service_type = serializers.CharField(source="service_type.code", read_only=True)
    area = serializers.CharField(source="service_type.area.code", read_only=True)
    language = serializers.CharField(source="language.code", read_only=True, allow_null=True)
    node = NodeRefSerializer(read_only=True)
    cancelled = serializers.BooleanField(source="is_cancelled", read_only=True)

    class Meta:
        model = ServiceDelivered
        fields = (
            "id",
            "case",
            "service_type",
            "area",
            "date",
            "duration_minutes",
            "operator",
            "node",
            "place",
            "with_mediator",
            "mediator",
            "language",
            "plan_action_id",
            "notes",
            "cancelled",
            "cancelled_at",
            "cancel_reason",
        )


class ServiceQuery(serializers.Serializer[Any]):
    area = id_filter("Only services of this area (service area id).")


class ServiceTypeQuery(serializers.Serializer[Any]):
    active = serializers.BooleanField(
        required=False, default=None, allow_null=True, help_text="Only active (or inactive) types."
    )


@extend_schema(
    tags=["services"],
    parameters=[ServiceTypeQuery],
    responses={200: ServiceTypeSerializer, **problem_responses()},
)
class ServiceTypeListView(ApiListView[ServiceType]):
    """The catalogue of service types, by area."""

    serializer_class = ServiceTypeSerializer
    query_serializer_class = ServiceTypeQuery

    def get_queryset(self) -> QuerySet[ServiceType]:
        rows = selectors.service_types(active_only=False)
        if self.query.get("active") is not None:
            rows = rows.filter(active=self.query["active"])
        return stable_order(rows)


@extend_schema(
    tags=["services"],
    parameters=[ServiceQuery],
    responses={200: ServiceDeliveredSerializer, **problem_responses()},
)
class CaseServiceListView(ApiListView[ServiceDelivered]):
    """Services delivered to a case (404 outside the caller's scope, 403 for monitors and
    hub colleagues outside the team); the read is logged."""

    serializer_class = ServiceDeliveredSerializer
    query_serializer_class = ServiceQuery

    def get_queryset(self) -> QuerySet[ServiceDelivered]:
        _case, perms = case_read(
            user=request_user(self.request), pk=self.kwargs["case_pk"], purpose=API_LIST_PURPOSE
        )
        return stable_order(selectors.case_services(perms, area_id=self.query.get("area")))


@extend_schema(
    tags=["services"], responses={200: ServiceDeliveredSerializer, **problem_responses()}
)
class ServiceDeliveredDetailView(ApiDetailView[ServiceDelivered]):
    """One service delivered (same scoping as its case); the read is logged."""

    serializer_class = ServiceDeliveredSerializer
    queryset = ServiceDelivered.objects.none()

    def get_object(self) -> ServiceDelivered:
        return selectors.service_read(
            user=request_user(self.request), pk=self.kwargs["pk"], purpose=API_DETAIL_PURPOSE
        )
