"""/api/v1/ endpoints of the field outreach."""

from django.urls import path

from approdo.outreach import api

urlpatterns = [
    path("outreach/sync/", api.SyncView.as_view(), name="api-outreach-sync"),
    path(
        "outreach/field-context/",
        api.FieldContextView.as_view(),
        name="api-outreach-field-context",
    ),
    path("outreach/sessions/", api.SessionListView.as_view(), name="api-outreach-session-list"),
    path(
        "outreach/sessions/<int:pk>/",
        api.SessionDetailView.as_view(),
        name="api-outreach-session-detail",
    ),
]
