from django.apps import AppConfig


class InterventionsConfig(AppConfig):
    name = "approdo.interventions"
    verbose_name = "Prestazioni"

    def ready(self) -> None:
        from approdo.interventions.indicators import register_intervention_indicators

        register_intervention_indicators()
