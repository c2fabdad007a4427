"""/api/v1/ endpoints of monitoring (aggregates only)."""

from django.urls import path

from approdo.monitoring import api

urlpatterns = [
    path(
        "monitoring/indicators/",
        api.IndicatorListView.as_view(),
        name="api-monitoring-indicator-list",
    ),
    path("monitoring/dashboard/", api.DashboardView.as_view(), name="api-monitoring-dashboard"),
    path(
        "monitoring/snapshots/",
        api.SnapshotListView.as_view(),
        name="api-monitoring-snapshot-list",
    ),
    path(
        "monitoring/snapshots/<int:pk>/",
        api.SnapshotDetailView.as_view(),
        name="api-monitoring-snapshot-detail",
    ),
]
