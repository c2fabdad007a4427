from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TraineeshipsConfig(AppConfig):
    name = "approdo.traineeships"
    verbose_name = _("Tirocini")

    def ready(self) -> None:
        from approdo.traineeships.indicators import register_traineeship_indicators

        register_traineeship_indicators()
