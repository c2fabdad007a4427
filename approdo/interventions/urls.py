"""Pages of the interventions app (filled in by the app)."""

from django.urls import path

app_name = "interventions"

urlpatterns: list = []  # type: ignore[type-arg]
