"""Pages of the app under /lavoro/agricoltura-sociale/."""

from django.urls import URLPattern, URLResolver, path

from approdo.socialfarming import record_views, views

app_name = "socialfarming"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.projects, name="projects"),
    path("nuovo/", views.project_create, name="project_create"),
    path("<int:pk>/", views.project, name="project"),
    path("<int:pk>/partner/", record_views.partner_add, name="partner_add"),
    path("<int:pk>/partecipanti/", record_views.participant_add, name="participant_add"),
    path(
        "<int:pk>/partecipanti/<int:participant_pk>/uscita/",
        record_views.participant_end,
        name="participant_end",
    ),
    path("<int:pk>/attivita/", record_views.activity_record, name="activity_record"),
    path("<int:pk>/risultati/", record_views.result_record, name="result_record"),
]
