"""Pages of the app under /lavoro/centri-impiego/."""

from django.urls import URLPattern, URLResolver

app_name = "jobcentres"
urlpatterns: list[URLPattern | URLResolver] = []
