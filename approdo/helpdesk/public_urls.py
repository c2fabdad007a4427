"""URLs of the public report pages (mounted at /segnala/, no login)."""

from django.urls import URLPattern, path

from approdo.helpdesk import public_views as views

app_name = "report"

urlpatterns: list[URLPattern] = [
    path("", views.choose_language, name="choose"),
    path("<slug:lang>/", views.report, name="form"),
    path("<slug:lang>/grazie/", views.thanks, name="thanks"),
]
