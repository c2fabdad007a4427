from django.apps import AppConfig


class HelpdeskConfig(AppConfig):
    name = "approdo.helpdesk"
    verbose_name = "Helpdesk anticaporalato"
