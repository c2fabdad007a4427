"""/api/v1/ endpoints of training and work."""

from django.urls import path

from approdo.jobs import api, employer_api

urlpatterns = [
    path("jobs/occupations/", api.OccupationListView.as_view(), name="api-jobs-occupation-list"),
    path(
        "jobs/occupations/<str:code>/",
        api.OccupationDetailView.as_view(),
        name="api-jobs-occupation-detail",
    ),
    path(
        "jobs/employers/",
        employer_api.EmployerListView.as_view(),
        name="api-jobs-employer-list",
    ),
    path(
        "jobs/employers/<int:pk>/",
        employer_api.EmployerDetailView.as_view(),
        name="api-jobs-employer-detail",
    ),
    path("jobs/vacancies/", employer_api.VacancyListView.as_view(), name="api-jobs-vacancy-list"),
    path(
        "jobs/vacancies/<int:pk>/",
        employer_api.VacancyDetailView.as_view(),
        name="api-jobs-vacancy-detail",
    ),
]
