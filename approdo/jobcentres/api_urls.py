"""/api/v1/ endpoints of the app."""

from django.urls import URLPattern, URLResolver, path

from approdo.jobcentres import api

urlpatterns: list[URLPattern | URLResolver] = [
    path("jobcentres/", api.JobCentreListView.as_view(), name="api-jobcentre-list"),
    path("jobcentres/<int:pk>/", api.JobCentreDetailView.as_view(), name="api-jobcentre-detail"),
    path(
        "jobcentres/cases/<int:case_pk>/registration/",
        api.CaseRegistrationView.as_view(),
        name="api-jobcentre-registration",
    ),
    path(
        "jobcentres/cases/<int:case_pk>/appointments/",
        api.CaseAppointmentListView.as_view(),
        name="api-jobcentre-appointment-list",
    ),
    path(
        "jobcentres/appointments/<int:pk>/outcome/",
        api.AppointmentOutcomeView.as_view(),
        name="api-jobcentre-appointment-outcome",
    ),
    path(
        "jobcentres/appointments/<int:pk>/cancel/",
        api.AppointmentCancelView.as_view(),
        name="api-jobcentre-appointment-cancel",
    ),
]
