"""Pages of the screening app (filled in by the app)."""

from django.urls import path

app_name = "screening"

urlpatterns: list = []  # type: ignore[type-arg]
