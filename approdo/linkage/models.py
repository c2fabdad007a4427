"""Which people of the network are one person: the cluster of every person record.

A cluster id is stable: it is named after the oldest person record in it (`C` and that
record's number), so a new registration joining a known person leaves the id unchanged and
monitoring's counts of distinct people keep their meaning across runs.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class RunKind(models.TextChoices):
    FULL = "full", _("Collegamento completo")
    INCREMENTAL = "incremental", _("Collegamento di una persona")


class LinkRun(models.Model):
    """One run of the linkage engine over the people of the network, with what it found."""

    kind = models.CharField(_("tipo"), max_length=16, choices=RunKind.choices)
    started_at = models.DateTimeField(_("iniziato il"))
    finished_at = models.DateTimeField(_("finito il"))
    records = models.PositiveIntegerField(_("schede di persone"))
    clusters = models.PositiveIntegerField(_("persone distinte"))
    compared_pairs = models.PositiveBigIntegerField(_("coppie confrontate"))
    linked_pairs = models.PositiveBigIntegerField(_("coppie collegate"))
    threshold = models.FloatField(_("soglia"))
    seconds = models.JSONField(_("tempi per fase (s)"), default=dict)
    model = models.JSONField(_("parametri del modello"), default=dict)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("esecuzione del collegamento")
        verbose_name_plural = _("esecuzioni del collegamento")
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.started_at:%Y-%m-%d %H:%M}"


class PersonCluster(models.Model):
    """The cluster a person record belongs to, as the last run judged."""

    person = models.OneToOneField("people.Person", on_delete=models.CASCADE, related_name="cluster")
    cluster_id = models.CharField(_("persona (cluster)"), max_length=24, db_index=True)
    run = models.ForeignKey(LinkRun, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(_("aggiornato il"), auto_now=True)

    class Meta:
        verbose_name = _("cluster di una persona")
        verbose_name_plural = _("cluster delle persone")

    def __str__(self) -> str:
        return f"{self.person_id} → {self.cluster_id}"
