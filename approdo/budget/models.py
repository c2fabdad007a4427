"""The integration budget (budget di integrazione): what pays a person's way to autonomy.

Each region sets a cap per person and the amount above which a commitment needs the
coordinator's approval (maker-checker). Commitments are linked to a goal of the person's PAI;
payments are made against approved commitments. Money is exact: decimals, never floats.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from approdo.core.models import TimeStampedModel, VersionedModel


class RegionalBudget(TimeStampedModel):
    """A region's rules: the cap per person and the approval threshold."""

    region = models.OneToOneField(
        "network.Region",
        on_delete=models.PROTECT,
        related_name="budget",
        verbose_name=_("regione"),
    )
    cap_per_person = models.DecimalField(
        _("tetto per persona (€)"), max_digits=10, decimal_places=2
    )
    approval_above = models.DecimalField(
        _("approvazione del coordinatore sopra (€)"),
        max_digits=10,
        decimal_places=2,
        help_text=_("Gli impegni di importo superiore vanno approvati dal coordinatore."),
    )
    allocation = models.DecimalField(
        _("dotazione della regione (€)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Quanto il programma assegna alla regione per il budget di integrazione."),
    )

    class Meta:
        verbose_name = _("budget regionale")
        verbose_name_plural = _("budget regionali")
        ordering = ["region__name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(cap_per_person__gt=0) & Q(approval_above__gte=0),
                name="regional_budget_amounts_valid",
            ),
            models.CheckConstraint(
                condition=Q(allocation__isnull=True) | Q(allocation__gt=0),
                name="regional_budget_allocation_positive",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.region}: {self.cap_per_person} €"


class HubAllocation(TimeStampedModel):
    """The share of the region's budget a hub may commit (its spokes' cases included)."""

    hub = models.OneToOneField(
        "network.Node",
        on_delete=models.PROTECT,
        related_name="budget_allocation",
        verbose_name=_("polo"),
        limit_choices_to={"kind": "hub"},
    )
    amount = models.DecimalField(_("dotazione del polo (€)"), max_digits=12, decimal_places=2)
    note = models.CharField(_("nota"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("dotazione di un polo")
        verbose_name_plural = _("dotazioni dei poli")
        ordering = ["hub__name"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="hub_allocation_positive")
        ]

    def __str__(self) -> str:
        return f"{self.hub}: {self.amount} €"


class Category(models.TextChoices):
    HOUSING_DEPOSIT = "housing_deposit", _("Deposito cauzionale per la casa")
    RENT = "rent", _("Affitto")
    TRAINEESHIP = "traineeship", _("Indennità di tirocinio")
    TRAINING = "training", _("Corso di formazione")
    TRANSPORT = "transport", _("Abbonamento ai trasporti")
    DOCUMENTS = "documents", _("Documenti e tasse")
    TOOLS = "tools", _("Attrezzi e dotazioni")


class CommitmentStatus(models.TextChoices):
    PENDING = "pending", _("Da approvare")
    APPROVED = "approved", _("Approvato")
    REJECTED = "rejected", _("Respinto")
    CANCELLED = "cancelled", _("Annullato")


# Commitments that hold part of the person's cap.
HOLDING = (CommitmentStatus.PENDING, CommitmentStatus.APPROVED)


class Commitment(VersionedModel):
    """An amount set aside for a person, for one category, towards one goal of their PAI."""

    case = models.ForeignKey(
        "cases.Case", on_delete=models.PROTECT, related_name="commitments", verbose_name=_("caso")
    )
    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="+", verbose_name=_("persona")
    )
    region = models.ForeignKey(
        "network.Region", on_delete=models.PROTECT, related_name="+", verbose_name=_("regione")
    )
    goal = models.ForeignKey(
        "plans.Goal",
        on_delete=models.PROTECT,
        related_name="commitments",
        verbose_name=_("obiettivo del PAI"),
    )
    category = models.CharField(_("voce"), max_length=16, choices=Category.choices)
    amount = models.DecimalField(_("importo (€)"), max_digits=10, decimal_places=2)
    description = models.CharField(_("descrizione"), max_length=300)
    status = models.CharField(
        _("stato"), max_length=12, choices=CommitmentStatus.choices, db_index=True
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(_("nota sulla decisione"), blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    closed_at = models.DateTimeField(null=True, blank=True)
    close_reason = models.TextField(_("motivo dell'annullamento o della chiusura"), blank=True)

    class Meta:
        verbose_name = _("impegno di spesa")
        verbose_name_plural = _("impegni di spesa")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="commitment_amount_positive"),
            # Maker-checker: whoever asked for it never approves it.
            models.CheckConstraint(
                condition=Q(decided_by__isnull=True) | ~Q(decided_by=F("requested_by")),
                name="commitment_four_eyes",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["rejected"]) | Q(decided_by__isnull=False),
                name="commitment_rejection_decided",
            ),
            models.CheckConstraint(
                condition=~Q(status="cancelled")
                | (Q(closed_by__isnull=False) & ~Q(close_reason="")),
                name="commitment_cancellation_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_category_display()}: {self.amount} €"


class Payment(TimeStampedModel):
    """Money paid out against an approved commitment."""

    commitment = models.ForeignKey(
        Commitment, on_delete=models.PROTECT, related_name="payments", verbose_name=_("impegno")
    )
    amount = models.DecimalField(_("importo (€)"), max_digits=10, decimal_places=2)
    paid_on = models.DateField(_("pagato il"))
    reference = models.CharField(_("riferimento (fattura, ricevuta)"), max_length=120, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("pagamento")
        verbose_name_plural = _("pagamenti")
        ordering = ["-paid_on", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="payment_amount_positive")
        ]


class CapRaise(TimeStampedModel):
    """An administrator's decision to raise one person's cap in a region, with the reason."""

    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="+", verbose_name=_("persona")
    )
    region = models.ForeignKey(
        "network.Region", on_delete=models.PROTECT, related_name="+", verbose_name=_("regione")
    )
    cap = models.DecimalField(_("nuovo tetto (€)"), max_digits=10, decimal_places=2)
    reason = models.TextField(_("motivo"))
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("innalzamento del tetto")
        verbose_name_plural = _("innalzamenti del tetto")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(cap__gt=0), name="cap_raise_positive"),
            models.CheckConstraint(condition=~Q(reason=""), name="cap_raise_has_reason"),
        ]


ZERO = Decimal("0.00")
