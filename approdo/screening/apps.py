from django.apps import AppConfig


class ScreeningConfig(AppConfig):
    name = "approdo.screening"
    verbose_name = "Screening"

    def ready(self) -> None:
        from approdo.screening.indicators import register_screening_indicators

        register_screening_indicators()
