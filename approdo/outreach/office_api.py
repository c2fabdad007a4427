"""Read API of the outreach back office: places (with a GeoJSON of the map), awareness events
and campaigns, with the same scoping as the pages (place_selectors, awareness_selectors).

Places, events and campaigns hold no personal data: every caller with a membership reads those
of the nodes their memberships cover; a place outside them is a 404.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from approdo.api.base import ApiDetailView, ApiListView, ApiView, id_filter, request_user
from approdo.api.problems import problem_responses
from approdo.network.api import Coordinate, NodeRefSerializer, OutputSerializer
from approdo.outreach import awareness_selectors as aw
from approdo.outreach import place_selectors as ps
from approdo.outreach.models import Audience, AwarenessEvent, Campaign, Place, PlaceKind


class PlaceSerializer(OutputSerializer[Place]):
    node = NodeRefSerializer(read_only=True)
    municipality = serializers.CharField(source="municipality.name", read_only=True)
    province = serializers.CharField(source="municipality.province.abbreviation", read_only=True)
    latitude = Coordinate()
    longitude = Coordinate()
    season_months = serializers.ListField(child=serializers.IntegerField(), read_only=True)

    class Meta:
        model = Place
        fields = (
            "id",
            "name",
            "kind",
            "municipality",
            "province",
            "latitude",
            "longitude",
            "season_months",
            "estimated_population",
            "access_notes",
            "safety_notes",
            "node",
            "active",
            "version",
        )


class EventSerializer(OutputSerializer[AwarenessEvent]):
    node = NodeRefSerializer(read_only=True)
    municipality = serializers.CharField(source="municipality.name", read_only=True)
    materials: serializers.PrimaryKeyRelatedField[Any] = serializers.PrimaryKeyRelatedField(
        many=True, read_only=True
    )
    languages: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        many=True, read_only=True, slug_field="code"
    )

    class Meta:
        model = AwarenessEvent
        fields = (
            "id",
            "title",
            "node",
            "campaign",
            "date",
            "place",
            "municipality",
            "venue",
            "audience",
            "partners",
            "materials",
            "languages",
            "people_reached",
            "version",
        )


class CampaignSerializer(OutputSerializer[Campaign]):
    node = NodeRefSerializer(read_only=True)
    materials: serializers.PrimaryKeyRelatedField[Any] = serializers.PrimaryKeyRelatedField(
        many=True, read_only=True
    )
    languages: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        many=True, read_only=True, slug_field="code"
    )

    class Meta:
        model = Campaign
        fields = (
            "id",
            "name",
            "node",
            "starts_on",
            "ends_on",
            "description",
            "materials",
            "languages",
            "version",
        )


class PlaceQuery(serializers.Serializer[Any]):
    q = serializers.CharField(required=False, max_length=100, help_text="Text in name or town.")
    kind = serializers.ChoiceField(choices=PlaceKind.choices, required=False)
    region = id_filter("Only places in this region (region id).")
    province = id_filter("Only places in this province (province id).")
    node = id_filter("Only places of this node (node id).")
    in_season = serializers.BooleanField(
        required=False, default=False, help_text="Only places frequented this month."
    )
    include_inactive = serializers.BooleanField(required=False, default=False)

    def filters(self, data: dict[str, Any]) -> ps.PlaceFilters:
        return ps.PlaceFilters(
            q=data.get("q", "").strip(),
            kind=data.get("kind", ""),
            region=data.get("region"),
            province=data.get("province"),
            node=data.get("node"),
            in_season=timezone.localdate().month if data.get("in_season") else None,
            include_inactive=bool(data.get("include_inactive")),
        )


class PlaceMapQuery(PlaceQuery):
    days = serializers.ChoiceField(
        choices=[(d, str(d)) for d in ps.PERIODS],
        required=False,
        default=ps.PERIODS[0],
        help_text="Sessions and people met in the last 30 or 90 days.",
    )


class AwarenessQuery(serializers.Serializer[Any]):
    node = id_filter("Only this node (and its spokes).")
    date_from = serializers.DateField(required=False)
    date_to = serializers.DateField(required=False)
    audience = serializers.ChoiceField(choices=Audience.choices, required=False)

    def filters(self, data: dict[str, Any]) -> aw.AwarenessFilters:
        return aw.AwarenessFilters(
            node=data.get("node"),
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
            audience=data.get("audience", ""),
        )


def _stable(qs: QuerySet[Any]) -> QuerySet[Any]:
    ordering = [*qs.query.order_by] or [*(qs.model._meta.ordering or [])]
    return qs.order_by(*ordering, "pk")


@extend_schema(
    tags=["outreach"],
    parameters=[PlaceQuery],
    responses={200: PlaceSerializer, **problem_responses()},
)
class PlaceListView(ApiListView[Place]):
    """Places visited by the outreach of the caller's nodes."""

    serializer_class = PlaceSerializer
    query_serializer_class = PlaceQuery

    def get_queryset(self) -> QuerySet[Place]:
        user = request_user(self.request)
        ps.require_place_reader(user)
        filters = PlaceQuery().filters(self.query)
        return _stable(ps.place_list(user=user, filters=filters))


@extend_schema(tags=["outreach"], responses={200: PlaceSerializer, **problem_responses()})
class PlaceDetailView(ApiDetailView[Place]):
    """One place (404 outside the caller's nodes)."""

    serializer_class = PlaceSerializer
    queryset = Place.objects.none()

    def get_object(self) -> Place:
        return ps.place_get(user=request_user(self.request), pk=self.kwargs["pk"])


@extend_schema(
    tags=["outreach"],
    parameters=[PlaceMapQuery],
    responses={200: OpenApiTypes.OBJECT, **problem_responses()},
)
class PlaceGeoJsonView(ApiView[Place]):
    """The filtered places as a GeoJSON FeatureCollection (lon, lat), each with the done
    sessions, the people met (anonymous counts) and the last session date of the period."""

    query_serializer_class = PlaceMapQuery
    pagination_class = None

    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        from approdo.outreach.views import place_features

        query = self.validate_query(request)
        user = request_user(request)
        ps.require_place_reader(user)
        places = list(ps.place_list(user=user, filters=PlaceMapQuery().filters(query)))
        return Response(place_features(places, days=int(query.get("days") or ps.PERIODS[0])))


@extend_schema(
    tags=["outreach"],
    parameters=[AwarenessQuery],
    responses={200: EventSerializer, **problem_responses()},
)
class EventListView(ApiListView[AwarenessEvent]):
    """Awareness events of the caller's nodes, latest first."""

    serializer_class = EventSerializer
    query_serializer_class = AwarenessQuery

    def get_queryset(self) -> QuerySet[AwarenessEvent]:
        user = request_user(self.request)
        aw.require_awareness_reader(user)
        rows = aw.event_list(user=user, filters=AwarenessQuery().filters(self.query))
        return _stable(rows.prefetch_related("materials", "languages"))


@extend_schema(
    tags=["outreach"],
    parameters=[AwarenessQuery],
    responses={200: CampaignSerializer, **problem_responses()},
)
class CampaignListView(ApiListView[Campaign]):
    """Awareness campaigns of the caller's nodes overlapping the period."""

    serializer_class = CampaignSerializer
    query_serializer_class = AwarenessQuery

    def get_queryset(self) -> QuerySet[Campaign]:
        user = request_user(self.request)
        aw.require_awareness_reader(user)
        rows = aw.campaign_list(user=user, filters=AwarenessQuery().filters(self.query))
        return _stable(rows.prefetch_related("materials", "languages"))
