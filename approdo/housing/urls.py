from django.urls import path

from approdo.housing import case_views, views

app_name = "housing"
urlpatterns = [
    path("", views.board, name="board"),
    path("strutture/<int:pk>/", views.site_detail, name="site"),
    path("lista-attesa/", views.waiting_list, name="waiting_list"),
    path("richieste/<int:pk>/inserimento/", views.place, name="place"),
    path("richieste/<int:pk>/ritiro/", views.withdraw, name="withdraw"),
    path("casi/<int:case_pk>/", case_views.case_housing, name="case"),
    path("casi/<int:case_pk>/ricerche/", case_views.search_add, name="search_add"),
    path("casi/<int:case_pk>/contratti/", case_views.contract_add, name="contract_add"),
    path("casi/<int:case_pk>/deposito/", case_views.deposit, name="deposit"),
    path("ricerche/<int:pk>/", case_views.search_update, name="search_update"),
    path("inserimenti/<int:pk>/proroga/", case_views.extend, name="extend"),
    path("inserimenti/<int:pk>/uscita/", case_views.end, name="exit"),
    path("inserimenti/<int:pk>/annullamento/", case_views.cancel, name="cancel"),
    path("inserimenti/<int:pk>/spostamento/", case_views.move, name="move"),
]
