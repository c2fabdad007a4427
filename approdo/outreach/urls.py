"""/outreach/: the outreach back office (places, map, calendar, sessions, awareness)."""

from django.urls import path

from approdo.outreach import views, views_awareness, views_sessions

app_name = "outreach"

urlpatterns = [
    path("luoghi/", views.place_list, name="place_list"),
    path("luoghi/nuovo/", views.place_create, name="place_create"),
    path("luoghi/<int:pk>/", views.place_detail, name="place_detail"),
    path("luoghi/<int:pk>/modifica/", views.place_edit, name="place_edit"),
    path("luoghi/<int:pk>/attivo/", views.place_set_active, name="place_set_active"),
    path("mappa/", views.place_map, name="map"),
    path("mappa/luoghi.geojson", views.map_places, name="map_places"),
    path("calendario/", views_sessions.session_calendar, name="calendar"),
    path("calendario/nuova/", views_sessions.session_plan, name="session_plan"),
    path("uscite/", views_sessions.session_list, name="session_list"),
    path("uscite/<int:pk>/", views_sessions.session_detail, name="session_detail"),
    path("uscite/<int:pk>/modifica/", views_sessions.session_edit, name="session_edit"),
    path("uscite/<int:pk>/annulla/", views_sessions.session_cancel, name="session_cancel"),
    path("eventi/", views_awareness.event_list, name="event_list"),
    path("eventi/nuovo/", views_awareness.event_edit, name="event_create"),
    path("eventi/<int:pk>/", views_awareness.event_detail, name="event_detail"),
    path("eventi/<int:pk>/modifica/", views_awareness.event_edit, name="event_edit"),
    path("campagne/", views_awareness.campaign_list, name="campaign_list"),
    path("campagne/nuova/", views_awareness.campaign_edit, name="campaign_create"),
    path("campagne/<int:pk>/", views_awareness.campaign_detail, name="campaign_detail"),
    path("campagne/<int:pk>/modifica/", views_awareness.campaign_edit, name="campaign_edit"),
]
