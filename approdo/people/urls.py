"""/persone/: people's records. Paths are Italian (what users see); names are English."""

from django.urls import path

from approdo.people import views

app_name = "people"

urlpatterns = [
    path("", views.person_list, name="person_list"),
    path("nuova/", views.person_create, name="person_create"),
    path("controllo-duplicati/", views.duplicate_check, name="duplicate_check"),
    path("<int:pk>/", views.person_detail, name="person_detail"),
    path("<int:pk>/modifica/", views.person_edit, name="person_edit"),
    path("<int:pk>/documenti/", views.document_add, name="document_add"),
    path("<int:pk>/documenti/<int:item>/togli/", views.document_remove, name="document_remove"),
    path("<int:pk>/telefoni/", views.phone_add, name="phone_add"),
    path("<int:pk>/telefoni/<int:item>/togli/", views.phone_remove, name="phone_remove"),
    path("<int:pk>/nomi/", views.alias_add, name="alias_add"),
    path("<int:pk>/nomi/<int:item>/togli/", views.alias_remove, name="alias_remove"),
    path("<int:pk>/lingue/", views.language_set, name="language_set"),
    path("<int:pk>/lingue/<int:item>/togli/", views.language_remove, name="language_remove"),
    path("<int:pk>/informativa/", views.notice_record, name="notice_record"),
    path("<int:pk>/consensi/", views.consent_give, name="consent_give"),
    path("<int:pk>/consensi/<int:item>/revoca/", views.consent_withdraw, name="consent_withdraw"),
]
