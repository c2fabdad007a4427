"""/importazioni/: importing existing registers. Paths are Italian; names are English."""

from django.urls import path

from approdo.registers import views

app_name = "registers"

urlpatterns = [
    path("", views.import_list, name="list"),
    path("nuova/", views.upload, name="upload"),
    path("registro-esempio.csv", views.sample, name="sample"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/avanzamento/", views.progress_partial, name="progress"),
    path("<int:pk>/colonne/", views.mapping, name="mapping"),
    path("<int:pk>/intestazione/", views.layout, name="layout"),
    path("<int:pk>/verifica/", views.check, name="check"),
    path("<int:pk>/importa/", views.commit, name="commit"),
    path("<int:pk>/annulla/", views.cancel, name="cancel"),
    path("<int:pk>/interrompi/", views.abandon, name="abandon"),
    path("<int:pk>/problemi.csv", views.problems_csv, name="problems_csv"),
]
