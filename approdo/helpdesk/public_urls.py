"""URLs of the report pages."""

from django.urls import URLPattern, path  # noqa: F401

app_name = "report"

urlpatterns: list[URLPattern] = []
