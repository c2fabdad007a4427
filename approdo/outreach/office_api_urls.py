"""/api/v1/ endpoints of the outreach back office (places, map, awareness)."""

from django.urls import path

from approdo.outreach import office_api

urlpatterns = [
    path("outreach/places/", office_api.PlaceListView.as_view(), name="api-outreach-place-list"),
    path(
        "outreach/places/<int:pk>/",
        office_api.PlaceDetailView.as_view(),
        name="api-outreach-place-detail",
    ),
    path(
        "outreach/places.geojson",
        office_api.PlaceGeoJsonView.as_view(),
        name="api-outreach-place-geojson",
    ),
    path("outreach/events/", office_api.EventListView.as_view(), name="api-outreach-event-list"),
    path(
        "outreach/campaigns/",
        office_api.CampaignListView.as_view(),
        name="api-outreach-campaign-list",
    ),
]
