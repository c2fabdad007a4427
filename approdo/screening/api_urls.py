"""/api/v1/ endpoints of the screening app."""

from django.urls import path

from approdo.screening import api

urlpatterns = [
    path(
        "cases/<int:case_pk>/screenings/",
        api.CaseScreeningListView.as_view(),
        name="api-case-screening-list",
    ),
    path("screenings/<int:pk>/", api.ScreeningDetailView.as_view(), name="api-screening-detail"),
]
