"""Pages of the plans app, mounted at /pai/."""

from django.urls import path

from approdo.plans import views

app_name = "plans"

urlpatterns = [
    path("casi/<int:case_pk>/", views.plan_case, name="case"),
    path("casi/<int:case_pk>/avvia/", views.plan_start, name="start"),
    path("casi/<int:case_pk>/nuova-bozza/", views.plan_new_draft, name="new_draft"),
    path(
        "casi/<int:case_pk>/versioni/<int:version_pk>/obiettivi/nuovo/",
        views.goal_add,
        name="goal_add",
    ),
    path("casi/<int:case_pk>/obiettivi/<int:pk>/", views.goal_edit, name="goal_edit"),
    path(
        "casi/<int:case_pk>/obiettivi/<int:goal_pk>/azioni/nuova/",
        views.action_add,
        name="action_add",
    ),
    path("casi/<int:case_pk>/azioni/<int:pk>/stato/", views.action_status, name="action_status"),
    path(
        "casi/<int:case_pk>/versioni/<int:version_pk>/adesione/",
        views.agreement,
        name="agreement",
    ),
    path(
        "casi/<int:case_pk>/versioni/<int:version_pk>/verifiche-ogni/",
        views.interval,
        name="interval",
    ),
    path("casi/<int:case_pk>/versioni/<int:version_pk>/invia/", views.plan_submit, name="submit"),
    path(
        "casi/<int:case_pk>/versioni/<int:version_pk>/approva/", views.plan_approve, name="approve"
    ),
    path(
        "casi/<int:case_pk>/versioni/<int:version_pk>/verifica/",
        views.review_record,
        name="review",
    ),
    path("casi/<int:case_pk>/versioni/<int:version_pk>/pdf/", views.pdf, name="pdf"),
]
