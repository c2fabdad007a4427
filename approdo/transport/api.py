"""Transport API: the same scoping as the pages. Stops, shuttles and trips in the caller's
places; bookings, boardings, ride requests and plans for person-data roles at the hub (through
the case for a person's rows). Errors are problem+json."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from approdo.api.base import ApiDetailView, ApiListView, ApiView, request_user
from approdo.api.problems import Conflict, problem_responses, service_errors, write_problems
from approdo.cases.selectors import case_read
from approdo.core.concurrency import StaleEditError
from approdo.network.models import Node
from approdo.transport import plan_services, selectors, services
from approdo.transport.access import operator_hubs
from approdo.transport.api_serializers import (
    BoardIn,
    BookingIn,
    BookingSerializer,
    PlanIn,
    PlanSerializer,
    PublishIn,
    RideRequestIn,
    RideRequestSerializer,
    ShuttleSerializer,
    StopSerializer,
    TripQuery,
    TripSerializer,
)
from approdo.transport.models import Booking, RideRequest, RoutePlan, Shuttle, Stop, Trip

PURPOSE = "api.transport"
CONFLICT = "Changed since it was read: reload and retry."


def _service(call: Any) -> Any:
    try:
        return call()
    except StaleEditError as exc:
        raise Conflict from exc
    except DjangoValidationError as exc:
        raise service_errors(exc) from exc


# --- views ----------------------------------------------------------------------------------
@extend_schema(tags=["transport"], responses={200: StopSerializer, **problem_responses()})
class StopListView(ApiListView[Stop]):
    """Stops served by the shuttles of the caller's hubs."""

    serializer_class = StopSerializer

    def get_queryset(self) -> QuerySet[Stop]:
        return selectors.stops_for(request_user(self.request)).order_by("hub", "name", "pk")


@extend_schema(tags=["transport"], responses={200: ShuttleSerializer, **problem_responses()})
class ShuttleListView(ApiListView[Shuttle]):
    """Shuttles of the caller's hubs."""

    serializer_class = ShuttleSerializer

    def get_queryset(self) -> QuerySet[Shuttle]:
        return selectors.shuttles_for(request_user(self.request)).order_by("hub", "plate", "pk")


@extend_schema(
    tags=["transport"],
    parameters=[TripQuery],
    responses={200: TripSerializer, **problem_responses()},
)
class TripListView(ApiListView[Trip]):
    """Trips of the caller's hubs' shuttles, with the seats left."""

    serializer_class = TripSerializer
    query_serializer_class = TripQuery

    def get_queryset(self) -> QuerySet[Trip]:
        day = self.query.get("date")
        trips = selectors.trips_for(request_user(self.request), [day] if day else None)
        return trips.prefetch_related("stops").order_by("date", "departs_at", "pk")


@extend_schema(tags=["transport"], responses={200: TripSerializer, **problem_responses()})
class TripDetailView(ApiDetailView[Trip]):
    """One trip with its stops and the seats left."""

    serializer_class = TripSerializer
    queryset = Trip.objects.none()

    def get_object(self) -> Trip:
        return selectors.trip_get(user=request_user(self.request), pk=self.kwargs["pk"])


@extend_schema(
    tags=["transport"], request=BookingIn, responses={201: BookingSerializer, **write_problems()}
)
class BookingCreateView(ApiView[Booking]):
    """Book a seat for the person of a case; refused (400) when the seats between the two
    stops are taken or the person already travels at that time."""

    queryset = Booking.objects.none()
    serializer_class = BookingSerializer

    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        self.validate_query(request)
        user = request_user(request)
        form = BookingIn(data=request.data)
        form.is_valid(raise_exception=True)
        data = form.validated_data
        case, perms = case_read(user=user, pk=data["case"], purpose=PURPOSE)
        if not perms.can_edit:
            raise PermissionDenied
        trip = selectors.bookable_trips(case).filter(pk=data["trip"]).first()
        if trip is None:
            raise ValidationError({"trip": [_("Corsa non prenotabile per questo caso.")]})
        stops = {s.pk: s for s in trip.stops.all()}
        if data["pickup"] not in stops or data["dropoff"] not in stops:
            raise ValidationError({"pickup": [_("Le fermate scelte non sono di questa corsa.")]})
        made = _service(
            lambda: services.booking_create(
                actor=user,
                case=case,
                trip=trip,
                pickup=stops[data["pickup"]],
                dropoff=stops[data["dropoff"]],
            )
        )
        return Response(BookingSerializer(made).data, status=201)


@extend_schema(
    tags=["transport"],
    request=BoardIn,
    responses={200: BookingSerializer, **write_problems(CONFLICT)},
)
class BoardView(ApiView[Booking]):
    """The driver or the operator records that the person got on (or did not show up)."""

    queryset = Booking.objects.none()
    serializer_class = BookingSerializer

    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        self.validate_query(request)
        user = request_user(request)
        booking = (
            Booking.objects.select_related("trip__shuttle").filter(pk=self.kwargs["pk"]).first()
        )
        if booking is None:
            raise Http404
        selectors.trip_get(user=user, pk=booking.trip_id)
        form = BoardIn(data=request.data)
        form.is_valid(raise_exception=True)
        data = form.validated_data
        _service(
            lambda: services.booking_board(
                actor=user,
                booking=booking,
                boarded=data["boarded"],
                expected_version=data["version"],
            )
        )
        booking.refresh_from_db()
        return Response(BookingSerializer(booking).data)


@extend_schema(tags=["transport"], responses={200: RideRequestSerializer, **problem_responses()})
class CaseRideRequestListView(ApiListView[RideRequest]):
    """The ride requests of a case, newest day first (the read is logged)."""

    serializer_class = RideRequestSerializer

    def get_queryset(self) -> QuerySet[RideRequest]:
        _case, perms = case_read(
            user=request_user(self.request), pk=self.kwargs["case_pk"], purpose=PURPOSE
        )
        return selectors.case_requests(perms).order_by("-date", "earliest_pickup", "pk")


@extend_schema(
    tags=["transport"],
    request=RideRequestIn,
    responses={201: RideRequestSerializer, **write_problems()},
)
class RideRequestCreateView(ApiView[RideRequest]):
    """Ask for a ride for the case's person on a day, within a time window."""

    queryset = RideRequest.objects.none()
    serializer_class = RideRequestSerializer

    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        self.validate_query(request)
        user = request_user(request)
        case, perms = case_read(user=user, pk=self.kwargs["case_pk"], purpose=PURPOSE)
        if not perms.can_edit:
            raise PermissionDenied
        form = RideRequestIn(data=request.data)
        form.is_valid(raise_exception=True)
        data = dict(form.validated_data)
        stops = selectors.case_stops(case).in_bulk([data["pickup"], data["dropoff"]])
        if data["pickup"] not in stops or data["dropoff"] not in stops:
            raise ValidationError({"pickup": [_("Fermata non servita dall'hub del caso.")]})
        data["pickup"], data["dropoff"] = stops[data["pickup"]], stops[data["dropoff"]]
        made = _service(lambda: services.ride_request_create(actor=user, case=case, **data))
        return Response(RideRequestSerializer(made).data, status=201)


@extend_schema(tags=["transport"], responses={200: PlanSerializer, **problem_responses()})
class PlanListView(ApiListView[RoutePlan]):
    """Route plans of the hubs where the caller handles transport, newest day first."""

    serializer_class = PlanSerializer

    def get_queryset(self) -> QuerySet[RoutePlan]:
        return selectors.plans_for(request_user(self.request)).order_by("-date", "-pk")


@extend_schema(
    tags=["transport"], request=PlanIn, responses={201: PlanSerializer, **write_problems()}
)
class PlanRunView(ApiView[RoutePlan]):
    """Plan a hub's day from its open ride requests (big days are computed in the background:
    poll the plan until `run_status` is `done`)."""

    queryset = RoutePlan.objects.none()
    serializer_class = PlanSerializer

    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        self.validate_query(request)
        user = request_user(request)
        form = PlanIn(data=request.data)
        form.is_valid(raise_exception=True)
        hub = next((h for h in operator_hubs(user) if h.pk == form.validated_data["hub"]), None)
        if hub is None or not isinstance(hub, Node):
            raise ValidationError({"hub": [_("Hub non valido.")]})
        plan = _service(
            lambda: plan_services.plan_create(actor=user, hub=hub, date=form.validated_data["date"])
        )
        return Response(PlanSerializer(plan).data, status=201)


@extend_schema(tags=["transport"], responses={200: PlanSerializer, **problem_responses()})
class PlanDetailView(ApiDetailView[RoutePlan]):
    """One route plan with its routes (pick-up and drop-off sequences per shuttle)."""

    serializer_class = PlanSerializer
    queryset = RoutePlan.objects.none()

    def get_object(self) -> RoutePlan:
        return selectors.plan_get(user=request_user(self.request), pk=self.kwargs["pk"])


@extend_schema(
    tags=["transport"],
    request=PublishIn,
    responses={200: PlanSerializer, **write_problems(CONFLICT)},
)
class PlanPublishView(ApiView[RoutePlan]):
    """Publish a draft plan: trips, their stops and a seat booking per rider are created."""

    queryset = RoutePlan.objects.none()
    serializer_class = PlanSerializer

    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        self.validate_query(request)
        user = request_user(request)
        plan = selectors.plan_get(user=user, pk=self.kwargs["pk"])
        form = PublishIn(data=request.data)
        form.is_valid(raise_exception=True)
        _service(
            lambda: plan_services.plan_publish(
                actor=user, plan=plan, expected_version=form.validated_data["version"]
            )
        )
        plan.refresh_from_db()
        return Response(PlanSerializer(plan).data)
