"""Pages of the app under /lavoro/formazione/: the course catalogue and the case's tab."""

from django.urls import URLPattern, URLResolver, path

from approdo.training import case_views, views

app_name = "training"
urlpatterns: list[URLPattern | URLResolver] = [
    path("corsi/", views.courses, name="courses"),
    path("corsi/nuovo/", views.course_create, name="course_create"),
    path("corsi/<int:pk>/", views.course_detail, name="course"),
    path("corsi/<int:pk>/modifica/", views.course_edit, name="course_edit"),
    path("corsi/<int:pk>/stato/", views.course_status, name="course_status"),
    path("corsi/<int:pk>/lezioni/", views.session_add, name="session_add"),
    path("lezioni/<int:pk>/", views.session_register, name="session"),
    path("lezioni/<int:pk>/rimozione/", views.session_remove, name="session_remove"),
    # The case's "Formazione" tab
    path("casi/<int:case_pk>/", case_views.case_training, name="case"),
    path("casi/<int:case_pk>/orientamento/", case_views.orientation_add, name="orientation_add"),
    path("casi/<int:case_pk>/valutazioni/", case_views.assessment_add, name="assessment_add"),
    path("casi/<int:case_pk>/iscrizioni/", case_views.enrol, name="enrol"),
    path("orientamenti/<int:pk>/", case_views.orientation_edit, name="orientation_edit"),
    path("iscrizioni/<int:pk>/esito/", case_views.outcome, name="outcome"),
    path("iscrizioni/<int:pk>/ritiro/", case_views.withdraw, name="withdraw"),
]
