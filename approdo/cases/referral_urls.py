"""/invii/: referrals, transfers and inquiries between nodes. Paths Italian, names English."""

from django.urls import path

from approdo.cases import referral_views as views

app_name = "referrals"

urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("caso/<int:pk>/", views.case_referrals, name="case"),
    path("caso/<int:pk>/nuovo/", views.referral_new, name="new"),
    path("caso/<int:pk>/trasferimento/", views.transfer_new, name="transfer_new"),
    path("caso/<int:pk>/collega/<int:person_pk>/", views.link_person, name="link_person"),
    path("<int:pk>/", views.referral_detail, name="detail"),
    path("<int:pk>/accetta/", views.referral_accept, name="accept"),
    path("<int:pk>/rifiuta/", views.referral_decline, name="decline"),
    path("<int:pk>/concludi/", views.referral_complete, name="complete"),
    path("<int:pk>/annulla/", views.referral_cancel, name="cancel"),
    path("trasferimenti/<int:pk>/", views.transfer_detail, name="transfer_detail"),
    path("trasferimenti/<int:pk>/accetta/", views.transfer_accept, name="transfer_accept"),
    path("trasferimenti/<int:pk>/rifiuta/", views.transfer_decline, name="transfer_decline"),
    path("trasferimenti/<int:pk>/annulla/", views.transfer_cancel, name="transfer_cancel"),
    path("richieste/nuova/", views.inquiry_new, name="inquiry_new"),
    path("richieste/<int:pk>/", views.inquiry_detail, name="inquiry_detail"),
    path("richieste/<int:pk>/rispondi/", views.inquiry_answer, name="inquiry_answer"),
]
