from django.apps import AppConfig


class OutreachConfig(AppConfig):
    name = "approdo.outreach"
    verbose_name = "Outreach e sensibilizzazione"

    def ready(self) -> None:
        from approdo.outreach.indicators import register_outreach_indicators

        register_outreach_indicators()
        from approdo.core.home import register_home_section
        from approdo.outreach.home import outreach_home

        register_home_section(
            "outreach", template="outreach/_home.html", provider=outreach_home, order=30
        )
