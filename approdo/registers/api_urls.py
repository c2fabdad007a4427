"""/api/v1/ endpoints of the imports of registers (read only)."""

from django.urls import path

from approdo.registers import api

urlpatterns = [
    path("register-imports/", api.ImportListView.as_view(), name="api-register-import-list"),
    path(
        "register-imports/<int:pk>/",
        api.ImportDetailView.as_view(),
        name="api-register-import-detail",
    ),
    path(
        "register-imports/<int:import_pk>/problems/",
        api.ImportProblemListView.as_view(),
        name="api-register-import-problems",
    ),
]
