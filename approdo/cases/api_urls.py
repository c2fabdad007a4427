"""/api/v1/ endpoints of the cases app: cases, their timeline, referrals and transfers."""

from django.urls import path

from approdo.cases import api

urlpatterns = [
    path("cases/", api.CaseListView.as_view(), name="api-case-list"),
    path("cases/<int:pk>/", api.CaseDetailView.as_view(), name="api-case-detail"),
    path("cases/<int:pk>/timeline/", api.CaseTimelineView.as_view(), name="api-case-timeline"),
    path("referrals/", api.ReferralListView.as_view(), name="api-referral-list"),
    path("referrals/<int:pk>/", api.ReferralDetailView.as_view(), name="api-referral-detail"),
    path("transfers/", api.TransferListView.as_view(), name="api-transfer-list"),
]
