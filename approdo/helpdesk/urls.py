"""URLs of the helpdesk pages (mounted at /helpdesk/)."""

from django.urls import path

from approdo.helpdesk import views, views_directory, views_tasks, views_triage

app_name = "helpdesk"

urlpatterns = [
    path("", views.queue, name="queue"),
    path("nuovo/", views.contact_new, name="new"),
    path("attivita/", views_tasks.task_list, name="tasks"),
    path("attivita/<int:pk>/fatta/", views_tasks.task_complete, name="task_complete"),
    path("servizi/", views_directory.directory, name="directory"),
    path("<int:pk>/", views.contact_detail, name="detail"),
    path("<int:pk>/recapiti/", views.contact_reporter, name="reporter"),
    path("<int:pk>/modifica/", views.contact_edit, name="edit"),
    path("<int:pk>/prendi/", views.contact_take, name="take"),
    path("<int:pk>/chiudi/", views.contact_close, name="close"),
    path("<int:pk>/attivita/", views_tasks.task_add, name="task_add"),
    path("<int:pk>/valutazione/risposta/", views_triage.triage_answer, name="triage_answer"),
    path(
        "<int:pk>/valutazione/nessuna-azione/",
        views_triage.triage_no_action,
        name="triage_no_action",
    ),
    path("<int:pk>/valutazione/psi/", views_triage.triage_psi, name="triage_psi"),
    path("<int:pk>/valutazione/autorita/", views_triage.triage_authority, name="triage_authority"),
]
