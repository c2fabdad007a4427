from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "approdo.plans"
    verbose_name = "PAI"

    def ready(self) -> None:
        from approdo.plans.indicators import register_plan_indicators

        register_plan_indicators()
