"""Pages of the app under /lavoro/centri-impiego/."""

from django.urls import URLPattern, URLResolver, path

from approdo.jobcentres import views

app_name = "jobcentres"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.centre_list, name="list"),
    path("<int:pk>/", views.centre_detail, name="detail"),
    path("casi/<int:case_pk>/", views.case_page, name="case"),
    path("casi/<int:case_pk>/iscrizione/", views.registration_save, name="registration_save"),
    path(
        "casi/<int:case_pk>/appuntamenti/",
        views.appointment_schedule,
        name="appointment_schedule",
    ),
    path("appuntamenti/<int:pk>/esito/", views.appointment_outcome, name="appointment_outcome"),
    path("appuntamenti/<int:pk>/annulla/", views.appointment_cancel, name="appointment_cancel"),
]
