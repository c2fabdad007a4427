"""URLs of the field pages (/campo/)."""

from django.urls import path

from approdo.outreach import field_views

app_name = "field"

urlpatterns = [
    path("", field_views.app_shell, name="app"),
    path("sw.js", field_views.service_worker, name="sw"),
    path("manifest.webmanifest", field_views.manifest, name="manifest"),
]
