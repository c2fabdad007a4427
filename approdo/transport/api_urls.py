"""/api/v1/transport/ endpoints."""

from django.urls import path

from approdo.transport import api

urlpatterns = [
    path("transport/stops/", api.StopListView.as_view(), name="api-transport-stop-list"),
    path("transport/shuttles/", api.ShuttleListView.as_view(), name="api-transport-shuttle-list"),
    path("transport/trips/", api.TripListView.as_view(), name="api-transport-trip-list"),
    path(
        "transport/trips/<int:pk>/", api.TripDetailView.as_view(), name="api-transport-trip-detail"
    ),
    path(
        "transport/bookings/", api.BookingCreateView.as_view(), name="api-transport-booking-create"
    ),
    path(
        "transport/bookings/<int:pk>/board/",
        api.BoardView.as_view(),
        name="api-transport-booking-board",
    ),
    path(
        "transport/cases/<int:case_pk>/ride-requests/",
        api.CaseRideRequestListView.as_view(),
        name="api-transport-request-list",
    ),
    path(
        "transport/cases/<int:case_pk>/ride-requests/new/",
        api.RideRequestCreateView.as_view(),
        name="api-transport-request-create",
    ),
    path("transport/plans/", api.PlanListView.as_view(), name="api-transport-plan-list"),
    path("transport/plans/run/", api.PlanRunView.as_view(), name="api-transport-plan-run"),
    path(
        "transport/plans/<int:pk>/", api.PlanDetailView.as_view(), name="api-transport-plan-detail"
    ),
    path(
        "transport/plans/<int:pk>/publish/",
        api.PlanPublishView.as_view(),
        name="api-transport-plan-publish",
    ),
]
