from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JobsConfig(AppConfig):
    name = "approdo.jobs"
    verbose_name = _("Formazione e lavoro")

    def ready(self) -> None:
        from approdo.jobs.indicators import register_jobs_indicators

        register_jobs_indicators()
