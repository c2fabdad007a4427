from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "approdo.plans"
    verbose_name = "PAI"
