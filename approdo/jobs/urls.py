"""Pages of training and work under /lavoro/: employers and vacancies."""

from django.urls import path

from approdo.jobs import employer_views as views

app_name = "jobs"
urlpatterns = [
    path("datori/", views.employers, name="employers"),
    path("datori/<int:pk>/", views.employer, name="employer"),
    path("datori/<int:pk>/sedi/", views.employer_site, name="employer_site"),
    path("datori/<int:pk>/ispezioni/", views.employer_inspection, name="employer_inspection"),
    path("datori/<int:employer_pk>/nuova-offerta/", views.vacancy_create, name="vacancy_create"),
    path("offerte/", views.vacancies, name="vacancies"),
    path("offerte/<int:pk>/", views.vacancy, name="vacancy"),
    path("offerte/<int:pk>/chiusura/", views.vacancy_close, name="vacancy_close"),
]

# The skills profile, as a tab of the case (profile_views).
from approdo.jobs import profile_views  # noqa: E402

urlpatterns += [
    path("casi/<int:case_pk>/", profile_views.case_jobs, name="case"),
    path("casi/<int:case_pk>/profilo/", profile_views.profile_save, name="profile_save"),
    path("casi/<int:case_pk>/esperienze/", profile_views.experience_add, name="experience_add"),
    path("casi/<int:case_pk>/attestati/", profile_views.certificate_add, name="certificate_add"),
    path("casi/<int:case_pk>/patenti/", profile_views.licence_set, name="licence_set"),
    path("casi/<int:case_pk>/lingue/", profile_views.language_set, name="language_set"),
    path(
        "casi/<int:case_pk>/rimuovi/<slug:kind>/<int:pk>/",
        profile_views.remove,
        name="profile_remove",
    ),
]

# Matching, proposals and job placements (matching_views, placement_views).
from approdo.jobs import matching_views, placement_views  # noqa: E402

urlpatterns += [
    path("abbinamenti/", matching_views.matching, name="matching"),
    path("abbinamenti/calcola/", matching_views.matching_run, name="matching_run"),
    path("proposte/<int:pk>/proponi/", matching_views.proposal_propose, name="proposal_propose"),
    path(
        "proposte/<int:pk>/colloquio/", matching_views.proposal_interview, name="proposal_interview"
    ),
    path("proposte/<int:pk>/rifiuto/", matching_views.proposal_refuse, name="proposal_refuse"),
    path("proposte/<int:pk>/assunzione/", matching_views.proposal_hire, name="proposal_hire"),
    path("inserimenti/", placement_views.placement_list, name="placements"),
    path("inserimenti/<int:pk>/fine/", placement_views.placement_end, name="placement_end"),
    path(
        "inserimenti/<int:pk>/verifica/",
        placement_views.placement_follow_up,
        name="placement_follow_up",
    ),
    path("casi/<int:case_pk>/proposta/", placement_views.proposal_create, name="proposal_create"),
    path(
        "casi/<int:case_pk>/inserimento/", placement_views.placement_create, name="placement_create"
    ),
]
