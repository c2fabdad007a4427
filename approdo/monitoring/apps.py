from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitoringConfig(AppConfig):
    name = "approdo.monitoring"
    verbose_name = _("Monitoraggio")

    def ready(self) -> None:
        from approdo.monitoring.indicators import register_programme_indicators

        register_programme_indicators()
