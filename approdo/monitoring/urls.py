from django.urls import path

from approdo.monitoring import views

app_name = "monitoring"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("esporta.<str:fmt>", views.export, name="export"),
    path("indicatori/", views.indicator_list, name="indicators"),
    path("indicatori/<slug:code>/", views.indicator_detail, name="indicator"),
    path("istantanee/", views.snapshot_list, name="snapshots"),
    path("istantanee/<int:pk>/", views.snapshot_detail, name="snapshot"),
    path(
        "istantanee/<int:pk>/scarica.<str:fmt>", views.snapshot_download, name="snapshot_download"
    ),
]
