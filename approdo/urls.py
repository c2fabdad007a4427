"""Top-level URLs. Paths are Italian (what users see); names are English."""

from django.contrib import admin
from django.urls import include, path

from approdo.accounts import staff_views
from approdo.accounts import views as account_views
from approdo.core import views as core_views

urlpatterns = [
    path("", account_views.home, name="home"),
    path("account/verifica-in-due-passaggi/", account_views.mfa_enrol, name="mfa_enrol"),
    path("personale/", staff_views.staff, name="staff"),
    path("personale/<int:pk>/termina/", staff_views.membership_end, name="staff_membership_end"),
    path("account/", include("allauth.urls")),
    path("i18n/setlang/", account_views.set_language, name="set_language"),
    path("rete/", include("approdo.network.urls")),
    path("persone/", include("approdo.people.urls")),
    path("casi/", include("approdo.cases.urls")),
    path("invii/", include("approdo.cases.referral_urls")),
    path("screening/", include("approdo.screening.urls")),
    path("pai/", include("approdo.plans.urls")),
    path("prestazioni/", include("approdo.interventions.urls")),
    path("outreach/", include("approdo.outreach.urls")),
    path("campo/", include("approdo.outreach.field_urls")),
    path("helpdesk/", include("approdo.helpdesk.urls")),
    # The helpdesk's public form: no login, in the helpdesk's languages.
    path("segnala/", include("approdo.helpdesk.public_urls")),
    path("registro/", include("approdo.audit.urls")),
    path("importazioni/", include("approdo.registers.urls")),
    path("collegamenti/", include("approdo.linkage.urls")),
    path("monitoraggio/", include("approdo.monitoring.urls")),
    path("budget/", include("approdo.budget.urls")),
    path("alloggi/", include("approdo.housing.urls")),
    path("trasporti/", include("approdo.transport.urls")),
    path("lavoro/formazione/", include("approdo.training.urls")),
    path("lavoro/centri-impiego/", include("approdo.jobcentres.urls")),
    path("lavoro/tirocini/", include("approdo.traineeships.urls")),
    path("lavoro/agricoltura-sociale/", include("approdo.socialfarming.urls")),
    path("lavoro/", include("approdo.jobs.urls")),
    path("guida/", core_views.docs, name="docs"),
    path("api/v1/", include("approdo.api.urls")),
    path("admin/", admin.site.urls),
]

handler400 = "approdo.core.views.bad_request"
handler403 = "approdo.core.views.permission_denied"
handler404 = "approdo.core.views.page_not_found"
handler500 = "approdo.core.views.server_error"
