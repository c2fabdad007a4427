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
