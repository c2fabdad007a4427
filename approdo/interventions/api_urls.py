"""/api/v1/ endpoints of the interventions app."""

from django.urls import path

from approdo.interventions import api

urlpatterns = [
    path(
        "cases/<int:case_pk>/services/",
        api.CaseServiceListView.as_view(),
        name="api-case-service-list",
    ),
    path(
        "services-delivered/<int:pk>/",
        api.ServiceDeliveredDetailView.as_view(),
        name="api-service-delivered-detail",
    ),
    path("service-types/", api.ServiceTypeListView.as_view(), name="api-service-type-list"),
]
