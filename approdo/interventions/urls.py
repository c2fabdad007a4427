"""/prestazioni/: services delivered and appointments of a case. Paths are Italian."""

from django.urls import path

from approdo.interventions import views

app_name = "interventions"

urlpatterns = [
    path("caso/<int:case_pk>/", views.case_services, name="case"),
    path("caso/<int:case_pk>/registra/", views.service_log, name="service_log"),
    path(
        "caso/<int:case_pk>/prestazioni/<int:pk>/annulla/",
        views.service_cancel,
        name="service_cancel",
    ),
    path(
        "caso/<int:case_pk>/appuntamenti/nuovo/",
        views.appointment_schedule,
        name="appointment_schedule",
    ),
    path(
        "caso/<int:case_pk>/appuntamenti/<int:pk>/stato/",
        views.appointment_status,
        name="appointment_status",
    ),
]
