from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HousingConfig(AppConfig):
    name = "approdo.housing"
    verbose_name = _("Sostegno all'abitare")

    def ready(self) -> None:
        from approdo.housing.indicators import register_housing_indicators

        register_housing_indicators()
