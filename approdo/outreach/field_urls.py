"""URLs of the field pages."""

from django.urls import URLPattern, path  # noqa: F401

app_name = "field"

urlpatterns: list[URLPattern] = []
