"""/api/v1/ endpoints of the app."""

from django.urls import URLPattern, URLResolver, path

from approdo.socialfarming import api

urlpatterns: list[URLPattern | URLResolver] = [
    path(
        "socialfarming/projects/",
        api.ProjectListView.as_view(),
        name="api-socialfarming-project-list",
    ),
    path(
        "socialfarming/projects/<int:pk>/",
        api.ProjectDetailView.as_view(),
        name="api-socialfarming-project-detail",
    ),
    path(
        "socialfarming/projects/<int:pk>/partners/",
        api.PartnerCreateView.as_view(),
        name="api-socialfarming-partner-create",
    ),
    path(
        "socialfarming/projects/<int:pk>/participants/",
        api.ParticipantCreateView.as_view(),
        name="api-socialfarming-participant-create",
    ),
    path(
        "socialfarming/projects/<int:pk>/activities/",
        api.ActivityCreateView.as_view(),
        name="api-socialfarming-activity-create",
    ),
    path(
        "socialfarming/projects/<int:pk>/results/",
        api.ResultCreateView.as_view(),
        name="api-socialfarming-result-create",
    ),
    path(
        "socialfarming/participants/<int:pk>/end/",
        api.ParticipantEndView.as_view(),
        name="api-socialfarming-participant-end",
    ),
]
