"""Social agriculture pilot projects: the project, its partners, the people taking part, what
they did together (activities with attendance) and the results measured against targets.

Participants, activities and attendance live in participant_models.py (imported below).

A project is network reference data with no personal data: every member of staff reads it
and the staff of its lead hub write it. Participants are people taken in charge, reached only
through their case; the project page names only those whose case the viewer may read.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from approdo.core.models import TimeStampedModel, VersionedModel

__all__ = [
    "COUNT_INDICATORS",
    "PROJECT_TRANSITIONS",
    "FarmingKind",
    "Partner",
    "PartnerKind",
    "PilotProject",
    "ProjectStatus",
    "Result",
    "ResultIndicator",
]


class FarmingKind(models.TextChoices):
    HORTICULTURE = "horticulture", _("Orticoltura")
    OLIVE_GROWING = "olive_growing", _("Olivicoltura")
    PROCESSING = "processing", _("Trasformazione dei prodotti")
    SHORT_CHAIN = "short_chain", _("Filiera corta e mercati")
    BEEKEEPING = "beekeeping", _("Apicoltura")
    OTHER = "other", _("Altro")


class ProjectStatus(models.TextChoices):
    PLANNED = "planned", _("In programma")
    RUNNING = "running", _("In corso")
    CLOSED = "closed", _("Concluso")


# The allowed moves; a closed project is final.
PROJECT_TRANSITIONS: dict[str, frozenset[str]] = {
    ProjectStatus.PLANNED: frozenset({ProjectStatus.RUNNING, ProjectStatus.CLOSED}),
    ProjectStatus.RUNNING: frozenset({ProjectStatus.CLOSED}),
    ProjectStatus.CLOSED: frozenset(),
}


class PilotProject(VersionedModel):
    """An innovative social-agriculture pilot project led by one hub."""

    code = models.CharField(_("codice"), max_length=32, unique=True)
    title = models.CharField(_("titolo"), max_length=200)
    region = models.ForeignKey(
        "network.Region", on_delete=models.PROTECT, related_name="+", verbose_name=_("regione")
    )
    lead_hub = models.ForeignKey(
        "network.Node",
        on_delete=models.PROTECT,
        related_name="farming_projects",
        limit_choices_to={"kind": "hub"},
        verbose_name=_("hub capofila"),
    )
    managing_body = models.ForeignKey(
        "network.ManagingBody",
        on_delete=models.PROTECT,
        related_name="farming_projects",
        verbose_name=_("ente gestore"),
    )
    municipality = models.ForeignKey(
        "network.Municipality",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("comune del terreno"),
    )
    address = models.CharField(_("indirizzo o località del terreno"), max_length=200, blank=True)
    hectares = models.DecimalField(_("ettari"), max_digits=7, decimal_places=2)
    starts_on = models.DateField(_("inizio"))
    ends_on = models.DateField(_("fine"), null=True, blank=True)
    aims = models.TextField(_("obiettivi"))
    farming_kind = models.CharField(_("attività"), max_length=16, choices=FarmingKind.choices)
    farming_other = models.CharField(_("quale attività (se altro)"), max_length=120, blank=True)
    aims_at_startup = models.BooleanField(
        _("punta ad avviare una cooperativa o un'impresa"), default=False
    )
    status = models.CharField(
        _("stato"),
        max_length=8,
        choices=ProjectStatus.choices,
        default=ProjectStatus.PLANNED,
        db_index=True,
    )
    funding_amount = models.DecimalField(
        _("finanziamento (€)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    funding_source = models.CharField(_("fonte del finanziamento"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("progetto di agricoltura sociale")
        verbose_name_plural = _("progetti di agricoltura sociale")
        ordering = ["-starts_on", "code"]
        constraints = [
            models.CheckConstraint(condition=~Q(code=""), name="farming_project_code_not_empty"),
            models.CheckConstraint(condition=~Q(title=""), name="farming_project_title_not_empty"),
            models.CheckConstraint(
                condition=Q(hectares__gte=0), name="farming_project_hectares_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
                name="farming_project_period_order",
            ),
            models.CheckConstraint(
                condition=Q(funding_amount__isnull=True) | Q(funding_amount__gte=0),
                name="farming_project_funding_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(status__in=ProjectStatus.values), name="farming_project_status"
            ),
            models.CheckConstraint(
                condition=Q(farming_kind__in=FarmingKind.values), name="farming_project_kind"
            ),
            models.CheckConstraint(
                condition=~Q(farming_kind=FarmingKind.OTHER) | ~Q(farming_other=""),
                name="farming_project_other_kind_named",
            ),
            # A closed project says when it ended.
            models.CheckConstraint(
                condition=~Q(status=ProjectStatus.CLOSED) | Q(ends_on__isnull=False),
                name="farming_project_closed_has_end",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} · {self.title}"

    @property
    def kind_label(self) -> str:
        if self.farming_kind == FarmingKind.OTHER:
            return self.farming_other
        return str(self.get_farming_kind_display())

    @property
    def is_closed(self) -> bool:
        return self.status == ProjectStatus.CLOSED


class PartnerKind(models.TextChoices):
    FARM = "farm", _("Azienda agricola")
    SOCIAL_COOPERATIVE = "social_coop", _("Cooperativa sociale")
    MUNICIPALITY = "municipality", _("Comune")
    HEALTH_AUTHORITY = "asl", _("ASL")
    THIRD_SECTOR = "third_sector", _("Associazione del terzo settore")
    SCHOOL = "school", _("Scuola o università")
    TRADE_UNION = "union", _("Sindacato")
    EMPLOYERS_ASSOCIATION = "employers", _("Associazione datoriale")
    OTHER = "other", _("Altro")


class Partner(TimeStampedModel):
    """An organisation taking part in a project; a farm may be an employer of the network,
    and then never one that is flagged (603-bis, outside the Rete, Rete not re-checked)."""

    project = models.ForeignKey(
        PilotProject, on_delete=models.PROTECT, related_name="partners", verbose_name=_("progetto")
    )
    name = models.CharField(_("organizzazione"), max_length=200)
    kind = models.CharField(_("tipo"), max_length=16, choices=PartnerKind.choices)
    employer = models.ForeignKey(
        "jobs.Employer",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="farming_partnerships",
        verbose_name=_("datore di lavoro registrato"),
    )
    role = models.CharField(_("ruolo nel progetto"), max_length=200)
    contact = models.CharField(_("referente e contatti"), max_length=200, blank=True)
    from_on = models.DateField(_("dal"))
    until_on = models.DateField(_("al"), null=True, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("partner del progetto")
        verbose_name_plural = _("partner del progetto")
        ordering = ["project", "from_on", "name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["project", "name"], name="farming_partner_unique"),
            models.CheckConstraint(condition=~Q(name=""), name="farming_partner_name_not_empty"),
            models.CheckConstraint(
                condition=Q(kind__in=PartnerKind.values), name="farming_partner_kind"
            ),
            models.CheckConstraint(
                condition=Q(until_on__isnull=True) | Q(until_on__gte=F("from_on")),
                name="farming_partner_period_order",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class ResultIndicator(models.TextChoices):
    PEOPLE_TRAINED = "people_trained", _("Persone formate")
    PEOPLE_EMPLOYED = "people_employed", _("Persone occupate")
    ENTERPRISES = "enterprises", _("Imprese o cooperative avviate")
    HECTARES = "hectares", _("Ettari coltivati")
    PRODUCE_KG = "produce_kg", _("Prodotto raccolto (kg)")
    REVENUE = "revenue", _("Ricavi (€)")
    OTHER = "other", _("Altro")


# Indicators that count people or enterprises: whole numbers only.
COUNT_INDICATORS = frozenset(
    {ResultIndicator.PEOPLE_TRAINED, ResultIndicator.PEOPLE_EMPLOYED, ResultIndicator.ENTERPRISES}
)


class Result(TimeStampedModel):
    """A measurement of one of the project's results, with its target. A later measurement
    of the same indicator supersedes the earlier ones (which stay, as the history)."""

    project = models.ForeignKey(
        PilotProject, on_delete=models.PROTECT, related_name="results", verbose_name=_("progetto")
    )
    indicator = models.CharField(_("indicatore"), max_length=16, choices=ResultIndicator.choices)
    other_label = models.CharField(_("quale (se altro)"), max_length=120, blank=True)
    target = models.DecimalField(
        _("obiettivo"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    achieved = models.DecimalField(_("raggiunto"), max_digits=12, decimal_places=2)
    measured_on = models.DateField(_("misurato il"))
    notes = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("risultato del progetto")
        verbose_name_plural = _("risultati del progetto")
        ordering = ["project", "indicator", "other_label", "-measured_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(indicator__in=ResultIndicator.values), name="farming_result_indicator"
            ),
            models.CheckConstraint(
                condition=~Q(indicator=ResultIndicator.OTHER) | ~Q(other_label=""),
                name="farming_result_other_named",
            ),
            models.CheckConstraint(
                condition=Q(achieved__gte=0), name="farming_result_achieved_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(target__isnull=True) | Q(target__gte=0),
                name="farming_result_target_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.label}: {self.achieved}"

    @property
    def label(self) -> str:
        if self.indicator == ResultIndicator.OTHER:
            return self.other_label
        return str(self.get_indicator_display())

    @property
    def progress(self) -> int | None:
        """Achieved as a whole percentage of the target (None without a positive target)."""
        if not self.target:
            return None
        return int((self.achieved * 100 / self.target).to_integral_value())

    @property
    def reached(self) -> bool:
        return self.target is not None and self.achieved >= self.target


from approdo.socialfarming.participant_models import *  # noqa: E402, F403
