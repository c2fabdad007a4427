"""Snapshots: a report frozen as computed, to be listed, downloaded identical later and
compared with a live recomputation (late data entry)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class SnapshotKind(models.TextChoices):
    MANUAL = "manual", _("Creata da un utente")
    MONTHLY = "monthly", _("Mensile, per regione")


class Snapshot(models.Model):
    """A dashboard's figures, definitions and time of computation, never recomputed.

    `node_ids` is the set of nodes the figures cover (None: the whole network): who may open
    the snapshot, and what a live comparison recomputes. Figures are always stored with small
    cells suppressed, since a snapshot is a report meant to be shared."""

    title = models.CharField(_("titolo"), max_length=200)
    kind = models.CharField(_("tipo"), max_length=8, choices=SnapshotKind.choices)
    region = models.ForeignKey(
        "network.Region",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("regione"),
    )
    date_from = models.DateField(_("dal"))
    date_to = models.DateField(_("al"))
    filters = models.JSONField(_("filtri"))
    node_ids = models.JSONField(_("nodi coperti"), null=True, blank=True)
    figures = models.JSONField(_("dati"))
    definitions = models.JSONField(_("definizioni"))
    computed_at = models.DateTimeField(_("calcolata il"))
    checksum = models.CharField(_("impronta SHA-256 dei dati"), max_length=64)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("creata da"),
    )
    language = models.CharField(_("lingua"), max_length=8, default="it")

    class Meta:
        verbose_name = _("istantanea")
        verbose_name_plural = _("istantanee")
        ordering = ["-computed_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(date_from__lte=models.F("date_to")), name="snapshot_period_valid"
            ),
            models.UniqueConstraint(
                fields=["region", "date_from"],
                condition=Q(kind="monthly"),
                name="snapshot_one_monthly_per_region",
            ),
            models.CheckConstraint(
                condition=~Q(kind="monthly") | Q(region__isnull=False),
                name="snapshot_monthly_has_region",
            ),
        ]

    def __str__(self) -> str:
        return self.title
