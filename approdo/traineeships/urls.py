"""Pages of the app under /lavoro/tirocini/."""

from django.urls import URLPattern, URLResolver, path

from approdo.traineeships import case_views, views

app_name = "traineeships"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.traineeship_list, name="list"),
    path("casi/<int:case_pk>/", case_views.case_traineeships, name="case"),
    path("<int:pk>/modifica/", case_views.edit, name="edit"),
    path("<int:pk>/avvio/", case_views.start, name="start"),
    path("<int:pk>/sospensione/", case_views.suspend, name="suspend"),
    path("<int:pk>/ripresa/", case_views.resume, name="resume"),
    path("<int:pk>/chiusura/", case_views.close, name="close"),
    path("<int:pk>/presenze/", case_views.attendance_add, name="attendance"),
    path("presenze/<int:pk>/pagamento/", case_views.pay, name="pay"),
]
