from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "approdo.cases"
    verbose_name = "Prese in carico"
