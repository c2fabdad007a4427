"""/api/v1/ endpoints of the linkage's review queue."""

from django.urls import path

from approdo.linkage import api

urlpatterns = [
    path("linkage/candidates/", api.CandidateListView.as_view(), name="api-linkage-candidate-list"),
    path(
        "linkage/candidates/<int:pk>/",
        api.CandidateDetailView.as_view(),
        name="api-linkage-candidate-detail",
    ),
    path(
        "linkage/candidates/<int:pk>/decision/",
        api.CandidateDecisionView.as_view(),
        name="api-linkage-candidate-decision",
    ),
    path("linkage/merges/", api.MergeListView.as_view(), name="api-linkage-merge-list"),
    path(
        "linkage/merges/<int:pk>/", api.MergeDetailView.as_view(), name="api-linkage-merge-detail"
    ),
    path(
        "linkage/merges/<int:pk>/unmerge/",
        api.UnmergeView.as_view(),
        name="api-linkage-merge-unmerge",
    ),
]
