from django.urls import path

from approdo.network import views

app_name = "network"

urlpatterns = [
    path("", views.directory, name="directory"),
    path("mappa/", views.node_map, name="map"),
    path("totali/", views.totals, name="totals"),
]
