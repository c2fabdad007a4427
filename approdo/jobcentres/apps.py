from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JobCentresConfig(AppConfig):
    name = "approdo.jobcentres"
    verbose_name = _("Centri per l'impiego")

    def ready(self) -> None:
        from approdo.jobcentres.indicators import register_jobcentre_indicators

        register_jobcentre_indicators()
