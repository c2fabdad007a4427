from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingConfig(AppConfig):
    name = "approdo.training"
    verbose_name = _("Formazione e orientamento")

    def ready(self) -> None:
        from approdo.training.indicators import register_training_indicators

        register_training_indicators()
