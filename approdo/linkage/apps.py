from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LinkageConfig(AppConfig):
    name = "approdo.linkage"
    verbose_name = _("Collegamento dei record (una persona, contata una volta)")

    def ready(self) -> None:
        from approdo.linkage.tasks import link_after_commit
        from approdo.people.signals import person_facts_changed

        person_facts_changed.connect(link_after_commit, dispatch_uid="linkage.link_person")
