"""Forms of the integration budget (amounts are exact decimals in euros)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from approdo.accounts.models import User
from approdo.budget.models import Category
from approdo.core.forms import StyledFormMixin
from approdo.monitoring.selectors import viewer_node_ids
from approdo.network.models import Node, NodeKind, Region
from approdo.plans.models import Goal

AMOUNT = {"max_digits": 10, "decimal_places": 2, "min_value": Decimal("0.01")}


class CommitmentForm(StyledFormMixin, forms.Form):
    goal = forms.ModelChoiceField(label=_("Obiettivo del PAI"), queryset=Goal.objects.none())
    category = forms.ChoiceField(label=_("Voce di spesa"), choices=Category.choices)
    amount = forms.DecimalField(label=_("Importo (€)"), **AMOUNT)  # type: ignore[arg-type]
    description = forms.CharField(label=_("Descrizione"), max_length=300)

    def __init__(self, *args: Any, goals: QuerySet[Goal], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["goal"].queryset = goals  # type: ignore[attr-defined]


class DecisionForm(StyledFormMixin, forms.Form):
    decision = forms.ChoiceField(
        label=_("Decisione"),
        choices=[("approve", _("Approva")), ("reject", _("Respingi"))],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(label=_("Nota (obbligatoria se respingi)"), required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class PaymentForm(StyledFormMixin, forms.Form):
    amount = forms.DecimalField(label=_("Importo pagato (€)"), **AMOUNT)  # type: ignore[arg-type]
    paid_on = forms.DateField(
        label=_("Pagato il"),
        initial=timezone.localdate,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    reference = forms.CharField(label=_("Riferimento (fattura, ricevuta)"), required=False)


class CloseForm(StyledFormMixin, forms.Form):
    reason = forms.CharField(label=_("Motivo dell'annullamento o della chiusura"), max_length=500)
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class ReportForm(StyledFormMixin, forms.Form):
    """The report's filters: only the regions and hubs within the user's places."""

    region = forms.ModelChoiceField(
        label=_("Regione"), queryset=Region.objects.none(), required=False, empty_label=_("Tutte")
    )
    hub = forms.ModelChoiceField(
        label=_("Polo"), queryset=Node.objects.none(), required=False, empty_label=_("Tutti")
    )
    date_from = forms.DateField(
        label=_("Impegni dal"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    date_to = forms.DateField(
        label=_("al"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        ids = viewer_node_ids(user)
        nodes = Node.objects.all() if ids is None else Node.objects.filter(pk__in=ids)
        hubs = nodes.filter(kind=NodeKind.HUB).order_by("region__name", "name")
        self.fields["hub"].queryset = hubs  # type: ignore[attr-defined]
        regions = Region.objects.filter(nodes__in=nodes).distinct().order_by("name")
        self.fields["region"].queryset = regions  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("La data finale viene prima di quella iniziale."))
        return data
