from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SocialFarmingConfig(AppConfig):
    name = "approdo.socialfarming"
    verbose_name = _("Agricoltura sociale")

    def ready(self) -> None:
        from approdo.socialfarming.indicators import register_socialfarming_indicators

        register_socialfarming_indicators()
