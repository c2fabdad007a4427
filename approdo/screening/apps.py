from django.apps import AppConfig


class ScreeningConfig(AppConfig):
    name = "approdo.screening"
    verbose_name = "Screening"
