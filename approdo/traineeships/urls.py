"""Pages of the app under /lavoro/tirocini/."""

from django.urls import URLPattern, URLResolver

app_name = "traineeships"
urlpatterns: list[URLPattern | URLResolver] = []
