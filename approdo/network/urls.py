"""/rete/: the network registry. Paths are Italian (what users see); names are English."""

from django.urls import path

from approdo.network import views

app_name = "network"

urlpatterns = [
    path("", views.directory, name="directory"),
    path("nodi/<int:pk>/", views.node_detail, name="node_detail"),
    path("nodi/<int:pk>/equipe/", views.node_team, name="node_team"),
    path("nodi/<int:pk>/modifica/", views.node_edit, name="node_edit"),
    path("enti/", views.managing_body_list, name="managing_body_list"),
    path("enti/<int:pk>/", views.managing_body_detail, name="managing_body_detail"),
    path("affidamenti/", views.contract_list, name="contract_list"),
    path("totali/", views.totals_view, name="totals"),
    path("mappa/", views.node_map, name="map"),
    path("mappa/nodi.geojson", views.map_nodes, name="map_nodes"),
]
