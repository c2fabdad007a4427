"""/api/v1/ endpoints of housing."""

from django.urls import path

from approdo.housing import api

urlpatterns = [
    path("housing/sites/", api.SiteListView.as_view(), name="api-housing-site-list"),
    path("housing/sites/<int:pk>/", api.SiteDetailView.as_view(), name="api-housing-site-detail"),
    path(
        "housing/sites/<int:pk>/beds/", api.SiteBedListView.as_view(), name="api-housing-bed-list"
    ),
    path("housing/requests/", api.RequestListView.as_view(), name="api-housing-request-list"),
    path("housing/placements/", api.PlaceView.as_view(), name="api-housing-place"),
    path(
        "housing/placements/<int:pk>/move/",
        api.MoveView.as_view(),
        name="api-housing-placement-move",
    ),
    path(
        "housing/placements/<int:pk>/end/", api.EndView.as_view(), name="api-housing-placement-end"
    ),
    path(
        "cases/<int:case_pk>/placements/",
        api.CasePlacementListView.as_view(),
        name="api-case-placement-list",
    ),
]
