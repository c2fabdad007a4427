"""/api/v1/ endpoints of training and work."""

from django.urls import path

from approdo.jobs import api, employer_api, people_api

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
    # People's side: always through a case (people_api)
    path("jobs/cases/<int:case_pk>/", people_api.CaseWorkView.as_view(), name="api-jobs-case"),
    path(
        "jobs/cases/<int:case_pk>/profile/",
        people_api.ProfileView.as_view(),
        name="api-jobs-case-profile",
    ),
    path(
        "jobs/cases/<int:case_pk>/proposals/",
        people_api.ProposeView.as_view(),
        name="api-jobs-case-proposals",
    ),
    path(
        "jobs/cases/<int:case_pk>/placements/",
        people_api.PlacementCreateView.as_view(),
        name="api-jobs-case-placements",
    ),
    path(
        "jobs/proposals/<int:pk>/decision/",
        people_api.DecisionView.as_view(),
        name="api-jobs-proposal-decision",
    ),
    path(
        "jobs/placements/<int:pk>/end/",
        people_api.PlacementEndView.as_view(),
        name="api-jobs-placement-end",
    ),
    path(
        "jobs/placements/<int:pk>/follow-up/",
        people_api.FollowUpView.as_view(),
        name="api-jobs-placement-follow-up",
    ),
    path("jobs/matching/runs/", people_api.RunListView.as_view(), name="api-jobs-matching-runs"),
]
