"""Pages of the cases app (filled in by the app)."""

from django.urls import path

app_name = "cases"

urlpatterns: list = []  # type: ignore[type-arg]
