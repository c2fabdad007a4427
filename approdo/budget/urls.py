from django.urls import path

from approdo.budget import views

app_name = "budget"
urlpatterns = [
    path("", views.report, name="report"),
    path("esporta.csv", views.report_csv, name="report_csv"),
    path("casi/<int:case_pk>/", views.case_budget, name="case"),
    path("impegni/<int:pk>/decisione/", views.decide, name="decide"),
    path("impegni/<int:pk>/pagamento/", views.pay, name="pay"),
    path("impegni/<int:pk>/chiusura/", views.close, name="close"),
]
