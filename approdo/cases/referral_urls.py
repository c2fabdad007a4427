"""Pages of referrals, transfers and inquiries between nodes."""

from django.urls import path

app_name = "referrals"

urlpatterns: list = []  # type: ignore[type-arg]
