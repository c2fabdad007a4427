"""Forms of the integration budget (amounts are exact decimals in euros)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from approdo.budget.models import Category
from approdo.core.forms import StyledFormMixin
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
