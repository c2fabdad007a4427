from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BudgetConfig(AppConfig):
    name = "approdo.budget"
    verbose_name = _("Budget di integrazione")

    def ready(self) -> None:
        from approdo.budget.indicators import register_budget_indicators

        register_budget_indicators()
