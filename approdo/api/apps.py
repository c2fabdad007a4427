from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "approdo.api"
    verbose_name = "API"
