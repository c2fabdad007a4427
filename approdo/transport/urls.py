from django.urls import path

from approdo.transport import views

app_name = "transport"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("corse/<int:pk>/", views.trip_detail, name="trip"),
    path("prenotazioni/<int:pk>/salita/", views.board, name="board"),
    path("casi/<int:case_pk>/", views.case_transport, name="case"),
    path("piani/", views.plans, name="plans"),
    path("piani/<int:pk>/", views.plan_detail, name="plan"),
]
