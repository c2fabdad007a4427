"""/api/v1/ endpoints of the interventions app."""

from django.urls import path

urlpatterns: list = []  # type: ignore[type-arg]
