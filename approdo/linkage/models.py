"""Which people of the network are one person: clusters, the review queue and merges.

A cluster id is stable: it is named after the oldest person record in it (`C` and that
record's number), so a new registration joining a known person leaves the id unchanged and
monitoring's counts of distinct people keep their meaning across runs.

Pairs the engine cannot decide (match probability between the review and the link threshold)
wait in the review queue (LinkCandidate). A reviewer confirms (the records are merged into one
person: PersonMerge keeps what is needed to undo it exactly) or rejects (the two are kept apart
by every later run).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from approdo.core.models import VersionedModel


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


class CandidateStatus(models.TextChoices):
    PENDING = "pending", _("Da esaminare")
    CONFIRMED = "confirmed", _("Stessa persona: schede unite")
    REJECTED = "rejected", _("Persone diverse")
    WITHDRAWN = "withdrawn", _("Non più proposta")


class LinkCandidate(VersionedModel):
    """A pair of person records that may be one person, for a reviewer to decide.

    `person_a` is always the older record (smaller id): one row per pair."""

    person_a = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="+", verbose_name=_("scheda A")
    )
    person_b = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="+", verbose_name=_("scheda B")
    )
    probability = models.FloatField(_("probabilità che sia la stessa persona"))
    levels = models.JSONField(_("esito dei confronti"), default=dict)
    status = models.CharField(
        _("stato"), max_length=16, choices=CandidateStatus.choices, default=CandidateStatus.PENDING
    )
    found_by = models.ForeignKey(
        LinkRun, on_delete=models.PROTECT, related_name="candidates", verbose_name=_("trovata da")
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decisa da"),
    )
    decided_at = models.DateTimeField(_("decisa il"), null=True, blank=True)
    note = models.TextField(_("nota"), blank=True)

    class Meta:
        verbose_name = _("possibile stessa persona")
        verbose_name_plural = _("possibili stesse persone")
        ordering = ["-probability", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["person_a", "person_b"], name="link_candidate_pair"),
            models.CheckConstraint(
                condition=Q(person_a__lt=F("person_b")), name="link_candidate_ordered"
            ),
            models.CheckConstraint(
                condition=Q(probability__gte=0) & Q(probability__lte=1),
                name="link_candidate_probability",
            ),
        ]
        indexes = [models.Index(fields=["status", "-probability"])]

    def __str__(self) -> str:
        return f"{self.person_a_id} ~ {self.person_b_id} ({self.probability:.2f})"


class PersonMerge(models.Model):
    """One record merged into another, with everything needed to undo it exactly.

    The merged record is never deleted: it keeps its own values (the original values and their
    source: its node, its operator, its dates) and points to the survivor. The merge moved the
    rows that belonged to it (cases, documents, phones…: `moved`, by model and id), filled the
    survivor's empty fields (`filled`: field → value before) and added the merged record's
    names as aliases (`created`). `snapshot` is both records as they were, for the record."""

    survivor = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        related_name="merges_received",
        verbose_name=_("scheda che resta"),
    )
    merged = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        related_name="merges_given",
        verbose_name=_("scheda unita"),
    )
    candidate = models.ForeignKey(
        LinkCandidate, on_delete=models.PROTECT, null=True, blank=True, related_name="merges"
    )
    snapshot = models.JSONField(_("le due schede prima dell'unione"), default=dict)
    moved = models.JSONField(_("righe spostate"), default=dict)
    created = models.JSONField(_("righe create"), default=dict)
    filled = models.JSONField(_("campi completati"), default=dict)
    reason = models.TextField(_("motivo"), blank=True)
    merged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    merged_at = models.DateTimeField(_("unite il"))
    unmerged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    unmerged_at = models.DateTimeField(_("separate il"), null=True, blank=True)
    unmerge_reason = models.TextField(_("motivo della separazione"), blank=True)

    class Meta:
        verbose_name = _("unione di schede")
        verbose_name_plural = _("unioni di schede")
        ordering = ["-merged_at"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(survivor=F("merged")), name="person_merge_two_records"
            ),
            # A record is merged into at most one other at a time.
            models.UniqueConstraint(
                fields=["merged"],
                condition=Q(unmerged_at__isnull=True),
                name="person_merge_active_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.merged_id} → {self.survivor_id}"

    @property
    def is_active(self) -> bool:
        return self.unmerged_at is None
