"""Pages of the app under /lavoro/agricoltura-sociale/."""

from django.urls import URLPattern, URLResolver

app_name = "socialfarming"
urlpatterns: list[URLPattern | URLResolver] = []
