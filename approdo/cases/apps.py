from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "approdo.cases"
    verbose_name = "Prese in carico"

    def ready(self) -> None:
        from approdo.cases.indicators import register_case_indicators

        register_case_indicators()
        from approdo.cases.my_work import my_work_for
        from approdo.core.home import register_home_section

        register_home_section(
            "cases.my_work",
            template="cases/_my_work.html",
            provider=lambda user: my_work_for(user=user),
            order=10,
        )
