"""URLs of the helpdesk pages."""

from django.urls import URLPattern, path  # noqa: F401

app_name = "helpdesk"

urlpatterns: list[URLPattern] = []
