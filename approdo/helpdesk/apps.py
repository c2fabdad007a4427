from django.apps import AppConfig


class HelpdeskConfig(AppConfig):
    name = "approdo.helpdesk"
    verbose_name = "Helpdesk anticaporalato"

    def ready(self) -> None:
        from approdo.helpdesk.indicators import register_helpdesk_indicators

        register_helpdesk_indicators()
        from approdo.core.home import register_home_section
        from approdo.helpdesk.home import helpdesk_home

        register_home_section(
            "helpdesk", template="helpdesk/_home.html", provider=helpdesk_home, order=20
        )
