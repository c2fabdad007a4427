from django.urls import path

from approdo.budget import api

urlpatterns = [
    path("budget/cases/<int:case_pk>/", api.CaseBudgetView.as_view(), name="api-budget-case"),
    path(
        "budget/cases/<int:case_pk>/commitments/",
        api.CommitmentCreateView.as_view(),
        name="api-budget-commitment-create",
    ),
    path(
        "budget/commitments/<int:pk>/decision/",
        api.CommitmentDecisionView.as_view(),
        name="api-budget-commitment-decision",
    ),
    path(
        "budget/commitments/<int:pk>/payments/",
        api.PaymentCreateView.as_view(),
        name="api-budget-payment-create",
    ),
    path(
        "budget/commitments/<int:pk>/close/",
        api.CommitmentCloseView.as_view(),
        name="api-budget-commitment-close",
    ),
    path("budget/report/", api.ReportView.as_view(), name="api-budget-report"),
]
