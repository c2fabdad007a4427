from django.apps import AppConfig


class InterventionsConfig(AppConfig):
    name = "approdo.interventions"
    verbose_name = "Prestazioni"
