"""API of housing: the same scoping and services as the pages.

Sites and their occupancy are for everyone whose places cover the site's hub (monitors
included: counts only). The waiting list is for person-data roles of the hub and its
spokes; placements are read through the case (case_read: scoped and logged). Writes call the
services: a clash, a closed season or a stale version come back as problem+json, never a 500.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from approdo.api.base import ApiDetailView, ApiListView, ApiView, request_user
from approdo.api.problems import parse_body, problem_responses, run_write, write_problems
from approdo.cases.selectors import case_read
from approdo.housing import request_services, selectors, services
from approdo.housing.api_serializers import (
    BedSerializer,
    EndInput,
    MoveInput,
    PlaceInput,
    PlacementSerializer,
    RangeQuery,
    RequestCreate,
    RequestSerializer,
    SiteQuery,
    SiteSerializer,
    WaitingQuery,
)
from approdo.housing.models import Bed, HousingRequest, Placement, Site
from approdo.plans.models import Goal

API_PURPOSE = "api.housing"
CONFLICT = "The record changed since it was read (send the current version)."


def _occupancy(sites: QuerySet[Site], query: dict[str, Any]) -> dict[int, selectors.SiteOccupancy]:
    rows = selectors.occupancy(sites, query["date_from"], query["date_to"])
    return {row.site.pk: row for row in rows}


# --- views ----------------------------------------------------------------------------------
@extend_schema(
    tags=["housing"], parameters=[SiteQuery], responses={200: SiteSerializer, **problem_responses()}
)
class SiteListView(ApiListView[Site]):
    """Housing sites in the caller's places with beds occupied and free per night of the
    range (today and the next 30 days unless asked)."""

    serializer_class = SiteSerializer
    query_serializer_class = SiteQuery

    def get_queryset(self) -> QuerySet[Site]:
        return selectors.site_list(user=request_user(self.request), hub_id=self.query.get("hub"))

    def get_serializer_context(self) -> dict[str, Any]:
        context = super().get_serializer_context()
        if hasattr(self, "query"):
            page_sites = self.get_queryset()
            context["occupancy"] = _occupancy(page_sites, self.query)
        return context


@extend_schema(
    tags=["housing"],
    parameters=[RangeQuery],
    responses={200: SiteSerializer, **problem_responses()},
)
class SiteDetailView(ApiDetailView[Site]):
    """One site with its occupancy per night of the range (404 outside the caller's places)."""

    serializer_class = SiteSerializer
    queryset = Site.objects.none()
    query_serializer_class = RangeQuery

    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        query = self.validate_query(request)
        site = selectors.site_get(user=request_user(request), pk=self.kwargs["pk"])
        sites = selectors.site_list(user=request_user(request), site_id=site.pk)
        data = SiteSerializer(site, context={"occupancy": _occupancy(sites, query)}).data
        return Response(data)


@extend_schema(
    tags=["housing"], parameters=[RangeQuery], responses={200: BedSerializer, **problem_responses()}
)
class SiteBedListView(ApiListView[Bed]):
    """The beds of a site in use, each marked free or not for every night of the range."""

    serializer_class = BedSerializer
    query_serializer_class = RangeQuery

    def get_queryset(self) -> QuerySet[Bed]:
        site = selectors.site_get(user=request_user(self.request), pk=self.kwargs["pk"])
        return (
            Bed.objects.filter(room__site=site, active=True)
            .select_related("room")
            .order_by("room__name", "label", "pk")
        )

    def get_serializer_context(self) -> dict[str, Any]:
        context = super().get_serializer_context()
        if hasattr(self, "query"):
            site = selectors.site_get(user=request_user(self.request), pk=self.kwargs["pk"])
            free = selectors.free_beds(
                hub_id=site.hub_id,
                first=self.query["date_from"],
                last=self.query["date_to"],
                site_id=site.pk,
            )
            context["free"] = {bed.pk for bed in free}
        return context


@extend_schema(
    tags=["housing"],
    parameters=[WaitingQuery],
    responses={200: RequestSerializer, **problem_responses()},
    methods=["GET"],
)
@extend_schema(
    tags=["housing"],
    request=RequestCreate,
    responses={201: RequestSerializer, **write_problems()},
    methods=["POST"],
)
class RequestListView(ApiListView[HousingRequest]):
    """The waiting list of the caller's hubs, higher priority and earlier requests first;
    POST puts the person of a case the caller works on into its hub's waiting list."""

    serializer_class = RequestSerializer
    query_serializer_class = WaitingQuery

    def get_queryset(self) -> QuerySet[HousingRequest]:
        return selectors.waiting_list(user=request_user(self.request), hub_id=self.query.get("hub"))

    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        user = request_user(request)
        self.validate_query(request)
        data = parse_body(RequestCreate, request.data)
        case, _perms = case_read(user=user, pk=data.pop("case"), purpose=API_PURPOSE)
        row = run_write(lambda: request_services.request_create(actor=user, case=case, **data))
        return Response(RequestSerializer(row).data, status=status.HTTP_201_CREATED)


@extend_schema(tags=["housing"], responses={200: PlacementSerializer, **problem_responses()})
class CasePlacementListView(ApiListView[Placement]):
    """Placements of the case's person under the cases the caller may read (404 outside the
    caller's places, 403 for monitors); the read is logged."""

    serializer_class = PlacementSerializer

    def get_queryset(self) -> QuerySet[Placement]:
        user = request_user(self.request)
        case, _perms = case_read(user=user, pk=self.kwargs["case_pk"], purpose=API_PURPOSE)
        return selectors.person_placements(user=user, case=case).order_by("-starts_on", "-pk")


def _bed(pk: int) -> Bed:
    bed = Bed.objects.select_related("room__site").filter(pk=pk).first()
    if bed is None:
        raise ValidationError({"bed": [_("Posto letto inesistente.")]})
    return bed


@extend_schema(
    tags=["housing"],
    request=PlaceInput,
    responses={201: PlacementSerializer, **write_problems(CONFLICT)},
)
class PlaceView(ApiView[Placement]):
    """The hub's coordinator places a waiting request into a free bed for its nights."""

    serializer_class = PlacementSerializer
    queryset = Placement.objects.none()

    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        user = request_user(request)
        self.validate_query(request)
        data = parse_body(PlaceInput, request.data)
        row = selectors.request_get(user=user, pk=data["request"])
        case_read(user=user, pk=row.case_id, purpose=API_PURPOSE)
        bed = _bed(data["bed"])
        goal = None
        if data.get("goal"):
            goal = Goal.objects.filter(pk=data["goal"], plan_version__plan__case=row.case).first()
            if goal is None:
                raise ValidationError({"goal": [_("L'obiettivo non è del PAI di questo caso.")]})
        placement = run_write(
            lambda: request_services.request_place(
                actor=user,
                request=row,
                bed=bed,
                starts_on=data["starts_on"],
                ends_on=data["ends_on"],
                goal=goal,
                expected_version=data["request_version"],
            )
        )
        return Response(PlacementSerializer(placement).data, status=status.HTTP_201_CREATED)


def _placement(user: Any, pk: int) -> Placement:
    placement = selectors.placement_get(user=user, pk=pk)
    case, _perms = case_read(user=user, pk=placement.case_id, purpose=API_PURPOSE)
    placement.case = case
    return placement


@extend_schema(
    tags=["housing"],
    request=MoveInput,
    responses={201: PlacementSerializer, **write_problems(CONFLICT)},
)
class MoveView(ApiView[Placement]):
    """Move to another bed from a night: the placement ends the night before and a new one,
    linked to it, runs to the same last night (the hub's coordinator)."""

    serializer_class = PlacementSerializer
    queryset = Placement.objects.none()

    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        user = request_user(request)
        self.validate_query(request)
        placement = _placement(user, self.kwargs["pk"])
        data = parse_body(MoveInput, request.data)
        bed = _bed(data["bed"])
        moved = run_write(
            lambda: services.placement_move(
                actor=user,
                placement=placement,
                bed=bed,
                from_day=data["from_day"],
                expected_version=data["version"],
            )
        )
        return Response(PlacementSerializer(moved).data, status=status.HTTP_201_CREATED)


@extend_schema(
    tags=["housing"],
    request=EndInput,
    responses={200: PlacementSerializer, **write_problems(CONFLICT)},
)
class EndView(ApiView[Placement]):
    """Exit: the last night, a reason from the reference list (code) and a note; the nights
    after it are freed."""

    serializer_class = PlacementSerializer
    queryset = Placement.objects.none()

    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        user = request_user(request)
        self.validate_query(request)
        placement = _placement(user, self.kwargs["pk"])
        data = parse_body(EndInput, request.data)
        ended = run_write(
            lambda: services.placement_end(
                actor=user,
                placement=placement,
                last_night=data["last_night"],
                exit_reason=data["exit_reason"],
                note=data["note"],
                expected_version=data["version"],
            )
        )
        return Response(PlacementSerializer(ended).data)
