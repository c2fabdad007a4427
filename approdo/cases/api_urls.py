"""/api/v1/ endpoints of the cases app."""

from django.urls import path

urlpatterns: list = []  # type: ignore[type-arg]
