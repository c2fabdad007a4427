"""/casi/: cases. Paths are Italian (what users see); names are English."""

from django.urls import path

from approdo.cases import views

app_name = "cases"

urlpatterns = [
    path("", views.case_list, name="list"),
    path("primo-contatto/", views.first_contact, name="first_contact"),
    path("accessi-emergenza/", views.break_glass_review, name="break_glass_review"),
    path(
        "accessi-emergenza/<int:pk>/presa-visione/",
        views.break_glass_ack,
        name="break_glass_ack",
    ),
    path("<int:pk>/", views.case_detail, name="detail"),
    path("<int:pk>/fase/", views.case_move, name="move"),
    path("<int:pk>/chiusura/", views.case_close, name="close"),
    path("<int:pk>/equipe/", views.team_add, name="team_add"),
    path("<int:pk>/equipe/<int:member>/termina/", views.team_end, name="team_end"),
    path("<int:pk>/note/", views.note_add, name="note_add"),
    path("<int:pk>/allegati/", views.attachment_add, name="attachment_add"),
    path("<int:pk>/allegati/<int:item>/", views.attachment_download, name="attachment"),
    path("<int:pk>/attivita/", views.task_add, name="task_add"),
    path("<int:pk>/attivita/<int:item>/fatta/", views.task_complete, name="task_complete"),
    path("<int:pk>/accesso-emergenza/", views.break_glass, name="break_glass"),
]
