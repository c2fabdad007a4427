"""Forms of housing: dates are nights (first and last included), money is exact decimals."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from approdo.budget.forms import AMOUNT
from approdo.core.forms import StyledFormMixin
from approdo.housing.models import (
    Bed,
    ExitReason,
    RentalContract,
    RentalSearch,
    RoomGender,
    SearchStatus,
)
from approdo.housing.nights import EARLIEST, LATEST
from approdo.plans.models import Goal

RENT = {"max_digits": 8, "decimal_places": 2, "min_value": Decimal("0.01")}


class Day(forms.DateField):
    """A date in the calendar range housing accepts (no arithmetic overflow on odd input)."""

    widget = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")

    def validate(self, value: Any) -> None:
        super().validate(value)
        if value and not EARLIEST <= value <= LATEST:
            raise ValidationError(
                _("Scegli una data tra il %(first)s e il %(last)s."),
                params={"first": f"{EARLIEST:%d/%m/%Y}", "last": f"{LATEST:%d/%m/%Y}"},
                code="out_of_range",
            )


class Version(forms.IntegerField):
    widget = forms.HiddenInput

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(min_value=1, max_value=2**31 - 1, **kwargs)


def _check_order(form: forms.Form, first: str, last: str, message: Any) -> None:
    data = form.cleaned_data
    if data.get(first) and data.get(last) and data[last] < data[first]:
        form.add_error(last, message)


class BoardFilterForm(StyledFormMixin, forms.Form):
    hub = forms.IntegerField(label=_("Hub"), required=False, min_value=1, max_value=2**63 - 1)
    site = forms.IntegerField(
        label=_("Struttura"), required=False, min_value=1, max_value=2**63 - 1
    )
    day = Day(label=_("Dal giorno"), required=False)


class RequestForm(StyledFormMixin, forms.Form):
    desired_from = Day(label=_("Dal (data desiderata)"), initial=timezone.localdate)
    needs_accessible = forms.BooleanField(
        label=_("Serve un posto letto accessibile"), required=False
    )
    room_gender = forms.ChoiceField(label=_("Stanza"), choices=RoomGender.choices)
    notes = forms.CharField(
        label=_("Note (bisogni, vincoli di lavoro, orari)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class WithdrawForm(StyledFormMixin, forms.Form):
    reason = forms.CharField(label=_("Motivo del ritiro"), max_length=500)
    version = Version()


class DatesForm(StyledFormMixin, forms.Form):
    """The nights the coordinator looks for a free bed for."""

    starts_on = Day(label=_("Prima notte"))
    ends_on = Day(label=_("Ultima notte"))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        _check_order(self, "starts_on", "ends_on", _("L'ultima notte non può precedere la prima."))
        first, last = data.get("starts_on"), data.get("ends_on")
        if first and last and (last - first).days > 730:
            self.add_error("ends_on", _("Al massimo due anni: poi si proroga."))
        return data


class PlaceForm(DatesForm):
    bed = forms.ModelChoiceField(label=_("Posto letto libero"), queryset=Bed.objects.none())
    goal = forms.ModelChoiceField(
        label=_("Obiettivo del PAI (facoltativo)"), queryset=Goal.objects.none(), required=False
    )
    version = Version()

    def __init__(
        self, *args: Any, beds: QuerySet[Bed], goals: QuerySet[Goal], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["bed"].queryset = beds  # type: ignore[attr-defined]
        self.fields["goal"].queryset = goals  # type: ignore[attr-defined]


class MoveForm(StyledFormMixin, forms.Form):
    bed = forms.ModelChoiceField(label=_("Nuovo posto letto"), queryset=Bed.objects.none())
    from_day = Day(label=_("Dalla notte del"))
    version = Version()

    def __init__(self, *args: Any, beds: QuerySet[Bed], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["bed"].queryset = beds  # type: ignore[attr-defined]


class ExtendForm(StyledFormMixin, forms.Form):
    ends_on = Day(label=_("Nuova ultima notte"))
    version = Version()


class ExitForm(StyledFormMixin, forms.Form):
    last_night = Day(label=_("Ultima notte"), initial=timezone.localdate)
    exit_reason = forms.ModelChoiceField(
        label=_("Motivo di uscita"), queryset=ExitReason.objects.filter(active=True)
    )
    note = forms.CharField(label=_("Nota"), required=False, max_length=1000)
    version = Version()


class CancelForm(StyledFormMixin, forms.Form):
    note = forms.CharField(label=_("Motivo dell'annullamento"), max_length=1000)
    version = Version()


class SearchForm(StyledFormMixin, forms.Form):
    area = forms.CharField(label=_("Zona"), max_length=160)
    max_rent = forms.DecimalField(label=_("Affitto massimo (€ al mese)"), **RENT)  # type: ignore[arg-type]
    started_on = Day(label=_("Iniziata il"), initial=timezone.localdate)
    notes = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class SearchUpdateForm(StyledFormMixin, forms.Form):
    status = forms.ChoiceField(label=_("Stato"), choices=SearchStatus.choices)
    ended_on = Day(label=_("Conclusa il"), required=False)
    notes = forms.CharField(label=_("Note"), required=False)
    version = Version()


class ContractForm(StyledFormMixin, forms.Form):
    address = forms.CharField(label=_("Indirizzo"), max_length=200)
    landlord = forms.CharField(label=_("Proprietario/a"), max_length=160)
    starts_on = Day(label=_("Decorrenza"))
    ends_on = Day(label=_("Scadenza"), required=False)
    monthly_rent = forms.DecimalField(label=_("Canone mensile (€)"), **RENT)  # type: ignore[arg-type]
    registered = forms.BooleanField(label=_("Registrato all'Agenzia delle Entrate"), required=False)
    registered_on = Day(label=_("Registrato il"), required=False)
    search = forms.ModelChoiceField(
        label=_("Dalla ricerca (facoltativo)"), queryset=RentalSearch.objects.none(), required=False
    )

    def __init__(self, *args: Any, searches: QuerySet[RentalSearch], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["search"].queryset = searches  # type: ignore[attr-defined]


class DepositForm(StyledFormMixin, forms.Form):
    contract = forms.ModelChoiceField(label=_("Contratto"), queryset=RentalContract.objects.none())
    goal = forms.ModelChoiceField(label=_("Obiettivo del PAI"), queryset=Goal.objects.none())
    amount = forms.DecimalField(label=_("Importo del deposito (€)"), **AMOUNT)  # type: ignore[arg-type]
    description = forms.CharField(label=_("Descrizione"), required=False, max_length=300)
    version = Version()

    def __init__(
        self,
        *args: Any,
        contracts: QuerySet[RentalContract],
        goals: QuerySet[Goal],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["contract"].queryset = contracts  # type: ignore[attr-defined]
        self.fields["goal"].queryset = goals  # type: ignore[attr-defined]


def today() -> dt.date:
    return timezone.localdate()
