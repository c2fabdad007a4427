from django.apps import AppConfig


class LinkageConfig(AppConfig):
    name = "approdo.linkage"
    verbose_name = "Collegamento dei record (una persona, contata una volta)"
