from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "approdo.accounts"
    verbose_name = _("Utenti e accessi")

    def ready(self) -> None:
        from approdo.accounts import signals  # noqa: F401  (audit of logins)
