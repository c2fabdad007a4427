from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TransportConfig(AppConfig):
    name = "approdo.transport"
    verbose_name = _("Trasporti")

    def ready(self) -> None:
        from approdo.transport.indicators import register_transport_indicators

        register_transport_indicators()
