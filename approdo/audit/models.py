"""Append-only records of what was done (AuditEvent) and what was read (AccessLog)."""

from __future__ import annotations

from typing import Any, NoReturn

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class AppendOnlyError(RuntimeError):
    """Audit rows are never changed or deleted by the application."""


class AppendOnlyQuerySet(models.QuerySet[Any]):
    def update(self, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError("audit rows cannot be updated")

    def delete(self) -> NoReturn:
        raise AppendOnlyError("audit rows cannot be deleted")


class AppendOnlyModel(models.Model):
    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AppendOnlyError("audit rows cannot be updated")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError("audit rows cannot be deleted")


class AuditEvent(AppendOnlyModel):
    """One change made through a service: who, what (dotted code), on what, where, when."""

    occurred_at = models.DateTimeField(_("quando"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("autore"),
    )
    # Kept as text too, so the trail reads the same after a user is renamed.
    actor_label = models.CharField(_("autore (al momento)"), max_length=150, blank=True)
    action = models.CharField(_("azione"), max_length=100, db_index=True)
    target_type = models.CharField(_("tipo di oggetto"), max_length=100, blank=True)
    target_id = models.CharField(_("id oggetto"), max_length=64, blank=True)
    target_label = models.CharField(pgettext_lazy("audit", "oggetto"), max_length=255, blank=True)
    changes = models.JSONField(_("campi modificati"), default=dict, blank=True)
    node = models.ForeignKey(
        "network.Node",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("nodo"),
    )
    ip_address = models.GenericIPAddressField(_("indirizzo IP"), null=True, blank=True)

    class Meta:
        verbose_name = _("evento di audit")
        verbose_name_plural = _("eventi di audit")
        ordering = ["-occurred_at", "-id"]
        indexes = [
            models.Index(fields=["node", "-occurred_at"]),
            models.Index(fields=["target_type", "target_id"]),
        ]

    def __str__(self) -> str:
        return f"{self.occurred_at:%Y-%m-%d %H:%M} {self.actor_label} {self.action}"


class AccessLog(AppendOnlyModel):
    """One read of a person-level record (person, case, ...): kept 24 months."""

    occurred_at = models.DateTimeField(_("quando"), auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("utente"),
    )
    record_type = models.CharField(_("tipo di record"), max_length=100)
    record_id = models.CharField(_("id record"), max_length=64)
    node = models.ForeignKey(
        "network.Node",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("nodo"),
    )
    purpose = models.CharField(_("contesto"), max_length=100, blank=True)
    ip_address = models.GenericIPAddressField(_("indirizzo IP"), null=True, blank=True)

    class Meta:
        verbose_name = _("accesso a dati personali")
        verbose_name_plural = _("accessi a dati personali")
        ordering = ["-occurred_at", "-id"]
        indexes = [models.Index(fields=["record_type", "record_id", "-occurred_at"])]

    def __str__(self) -> str:
        return (
            f"{self.occurred_at:%Y-%m-%d %H:%M} {self.user_id} {self.record_type}:{self.record_id}"
        )
