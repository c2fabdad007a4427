"""Pages of the plans app (filled in by the app)."""

from django.urls import path

app_name = "plans"

urlpatterns: list = []  # type: ignore[type-arg]
