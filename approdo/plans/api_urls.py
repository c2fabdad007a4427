"""/api/v1/ endpoints of the plans app."""

from django.urls import path

from approdo.plans import api

urlpatterns = [
    path(
        "cases/<int:case_pk>/plans/",
        api.CasePlanVersionListView.as_view(),
        name="api-case-plan-list",
    ),
    path("plans/<int:pk>/", api.PlanVersionDetailView.as_view(), name="api-plan-detail"),
]
