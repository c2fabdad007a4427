"""Pages of the screening app: a case's screenings, the form, detail and confirmation."""

from django.urls import path

from approdo.screening import views

app_name = "screening"

urlpatterns = [
    path("caso/<int:case_pk>/", views.case_screenings, name="case"),
    path("caso/<int:case_pk>/nuovo/", views.screening_new, name="new"),
    path("<int:pk>/", views.screening_detail, name="detail"),
    path("<int:pk>/modifica/", views.screening_edit, name="edit"),
    path("<int:pk>/conferma/", views.screening_complete, name="complete"),
]
