from django.apps import AppConfig


class OutreachConfig(AppConfig):
    name = "approdo.outreach"
    verbose_name = "Outreach e sensibilizzazione"
