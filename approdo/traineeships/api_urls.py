"""/api/v1/ endpoints of the app."""

from django.urls import URLPattern, URLResolver, path

from approdo.traineeships import api

urlpatterns: list[URLPattern | URLResolver] = [
    path("traineeships/", api.TraineeshipListView.as_view(), name="api-traineeship-list"),
    path(
        "traineeships/cases/<int:case_pk>/",
        api.CaseTraineeshipListView.as_view(),
        name="api-traineeship-case",
    ),
    path(
        "traineeships/<int:pk>/",
        api.TraineeshipDetailView.as_view(),
        name="api-traineeship-detail",
    ),
    path("traineeships/<int:pk>/start/", api.StartView.as_view(), name="api-traineeship-start"),
    path(
        "traineeships/<int:pk>/attendance/",
        api.AttendanceView.as_view(),
        name="api-traineeship-attendance",
    ),
    path(
        "traineeships/<int:pk>/payments/",
        api.PaymentView.as_view(),
        name="api-traineeship-payment",
    ),
    path("traineeships/<int:pk>/close/", api.CloseView.as_view(), name="api-traineeship-close"),
]
