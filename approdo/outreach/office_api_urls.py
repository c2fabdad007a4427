"""/api/v1/ endpoints."""

from django.urls import URLPattern, path  # noqa: F401

urlpatterns: list[URLPattern] = []
