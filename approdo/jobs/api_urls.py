"""/api/v1/ endpoints of training and work."""

from django.urls import path

from approdo.jobs import api

urlpatterns = [
    path("jobs/occupations/", api.OccupationListView.as_view(), name="api-jobs-occupation-list"),
    path(
        "jobs/occupations/<str:code>/",
        api.OccupationDetailView.as_view(),
        name="api-jobs-occupation-detail",
    ),
]
