"""Forms of employers and vacancies. The services check everything again; the forms give the
first, field-by-field answer (the pay below the agreement's minimum included)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from approdo.core.forms import StyledFormMixin, style_widgets
from approdo.jobs.employers import clean_tax_code, clean_vat_number
from approdo.jobs.models import (
    MAX_HOURS_PER_WEEK,
    AgreementRate,
    CefrLevel,
    CollectiveAgreement,
    Employer,
    EmployerSite,
    InspectionBody,
    InspectionOutcome,
    Occupation,
    Sector,
    VacancyStatus,
    below_minimum_message,
)
from approdo.network.models import Language, Municipality, Province, Region


def date_input() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


YES_NO = [("", _("Tutti")), ("yes", _("Sì")), ("no", _("No"))]
LANGUAGE_ROWS = 3


def yes_no(value: str) -> bool | None:
    return {"yes": True, "no": False}.get(value)


class PlaceChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name} ({obj.province.abbreviation})"


class OccupationChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.code} {obj.title}"


class RateChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.label} — min. {obj.minimum_hourly_pay} €/h"


def unit_groups() -> Any:
    return Occupation.objects.filter(level=4, active=True).order_by("code")


# --- employers ----------------------------------------------------------------------------------
class EmployerForm(StyledFormMixin, forms.Form):
    legal_name = forms.CharField(label=_("Ragione sociale"), max_length=200)
    vat_number = forms.CharField(
        label=_("Partita IVA"), max_length=20, help_text=_("11 cifre (il prefisso IT si toglie).")
    )
    tax_code = forms.CharField(
        label=_("Codice fiscale (se diverso)"), max_length=20, required=False
    )
    sector = forms.ChoiceField(label=_("Settore"), choices=Sector.choices)
    agreement = forms.ModelChoiceField(
        label=_("Contratto collettivo applicato"),
        queryset=CollectiveAgreement.objects.order_by("name"),
        required=False,
        empty_label=_("Non indicato"),
    )
    rete_member = forms.BooleanField(
        label=_("Iscritto alla Rete del Lavoro Agricolo di Qualità"), required=False
    )
    rete_member_since = forms.DateField(
        label=_("Iscritto dal"), required=False, widget=date_input()
    )
    rete_checked_on = forms.DateField(
        label=_("Iscrizione verificata il"),
        required=False,
        help_text=_("Obbligatoria per un iscritto; dopo 12 mesi va ricontrollata."),
        widget=date_input(),
    )
    has_603bis_conviction = forms.BooleanField(
        label=_("Condanna per art. 603-bis c.p. (intermediazione illecita e sfruttamento)"),
        required=False,
    )
    conviction_on = forms.DateField(
        label=_("Data della condanna"), required=False, widget=date_input()
    )
    conviction_note = forms.CharField(
        label=_("Nota sulla condanna"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    notes = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)

    @classmethod
    def initial_for(cls, employer: Employer) -> dict[str, Any]:
        initial = {name: getattr(employer, name) for name in cls.base_fields if name != "version"}
        initial["agreement"] = employer.agreement_id
        initial["version"] = employer.version
        return initial

    def clean_vat_number(self) -> str:
        return clean_vat_number(self.cleaned_data["vat_number"])

    def clean_tax_code(self) -> str:
        return clean_tax_code(self.cleaned_data["tax_code"])

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("rete_member") and not data.get("rete_checked_on"):
            self.add_error(
                "rete_checked_on",
                _("Indica quando hai verificato l'iscrizione alla Rete sull'elenco INPS."),
            )
        return data

    def service_values(self) -> dict[str, Any]:
        return {k: v for k, v in self.cleaned_data.items() if k != "version"}


class EmployerFilterForm(StyledFormMixin, forms.Form):
    q = forms.CharField(label=_("Nome o partita IVA"), required=False, max_length=100)
    sector = forms.ChoiceField(
        label=_("Settore"), choices=[("", _("Tutti")), *Sector.choices], required=False
    )
    rete = forms.ChoiceField(label=_("Iscritto alla Rete"), choices=YES_NO, required=False)
    flagged = forms.ChoiceField(label=_("Segnalato"), choices=YES_NO, required=False)

    def filters(self) -> dict[str, Any]:
        data = self.cleaned_data if self.is_valid() else {}
        return {
            "q": data.get("q", ""),
            "sector": data.get("sector", ""),
            "rete_member": yes_no(data.get("rete", "")),
            "flagged": yes_no(data.get("flagged", "")),
        }


class SiteForm(StyledFormMixin, forms.Form):
    name = forms.CharField(label=_("Nome della sede"), max_length=120)
    address = forms.CharField(label=_("Indirizzo o località"), max_length=200, required=False)
    municipality = PlaceChoice(
        label=_("Comune"),
        queryset=Municipality.objects.select_related("province").order_by("name"),
    )
    latitude = forms.DecimalField(
        label=_("Latitudine"),
        required=False,
        max_digits=8,
        decimal_places=5,
        min_value=-90,
        max_value=90,
    )
    longitude = forms.DecimalField(
        label=_("Longitudine"),
        required=False,
        max_digits=8,
        decimal_places=5,
        min_value=-180,
        max_value=180,
    )


class InspectionForm(StyledFormMixin, forms.Form):
    inspected_on = forms.DateField(
        label=_("Data dell'ispezione"), initial=timezone.localdate, widget=date_input()
    )
    body = forms.ChoiceField(label=_("Organo di vigilanza"), choices=InspectionBody.choices)
    outcome = forms.ChoiceField(label=_("Esito"), choices=InspectionOutcome.choices)
    note = forms.CharField(
        label=_("Nota"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


# --- vacancies ----------------------------------------------------------------------------------
class VacancyForm(StyledFormMixin, forms.Form):
    site = forms.ModelChoiceField(label=_("Sede"), queryset=EmployerSite.objects.none())
    occupation = OccupationChoice(label=_("Mansione (ISCO-08)"), queryset=Occupation.objects.none())
    title = forms.CharField(label=_("Titolo"), max_length=200)
    agreement_rate = RateChoice(
        label=_("Livello del contratto"), queryset=AgreementRate.objects.none()
    )
    gross_hourly_pay = forms.DecimalField(
        label=_("Paga oraria lorda (€)"), max_digits=6, decimal_places=2, min_value=Decimal("0.01")
    )
    starts_on = forms.DateField(label=_("Dal"), widget=date_input())
    ends_on = forms.DateField(label=_("Al"), widget=date_input())
    hours_per_week = forms.IntegerField(
        label=_("Ore settimanali"), min_value=1, max_value=MAX_HOURS_PER_WEEK
    )
    seats = forms.IntegerField(label=_("Posti"), min_value=1, max_value=1000)
    housing_offered = forms.BooleanField(label=_("Alloggio offerto"), required=False)
    transport_offered = forms.BooleanField(label=_("Trasporto offerto"), required=False)
    description = forms.CharField(
        label=_("Descrizione"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    status = forms.ChoiceField(
        label=_("Stato"),
        choices=[(VacancyStatus.DRAFT, _("Bozza")), (VacancyStatus.OPEN, _("Aperta"))],
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)

    def __init__(self, *args: Any, employer: Employer, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.employer = employer
        self.fields["site"].queryset = employer.sites.select_related("municipality")  # type: ignore[attr-defined]
        self.fields["occupation"].queryset = unit_groups()  # type: ignore[attr-defined]
        rates = AgreementRate.objects.filter(agreement_id=employer.agreement_id)
        self.fields["agreement_rate"].queryset = rates  # type: ignore[attr-defined]
        languages = Language.objects.order_by("position", "name_it")
        for n in range(1, LANGUAGE_ROWS + 1):
            self.fields[f"language_{n}"] = forms.ModelChoiceField(
                label=_("Lingua richiesta %(n)s") % {"n": n},
                queryset=languages,
                required=False,
                empty_label="—",
            )
            self.fields[f"level_{n}"] = forms.ChoiceField(
                label=_("Livello minimo %(n)s (QCER)") % {"n": n},
                choices=[("", "—"), *CefrLevel.choices],
                required=False,
            )
        style_widgets(self)

    @classmethod
    def initial_for(cls, vacancy: Any) -> dict[str, Any]:
        names = (
            "site", "occupation", "title", "agreement_rate", "gross_hourly_pay", "starts_on",
            "ends_on", "hours_per_week", "seats", "housing_offered", "transport_offered",
            "description", "status", "version",
        )  # fmt: skip
        initial = {name: getattr(vacancy, name) for name in names}
        for n, row in enumerate(vacancy.languages.all(), start=1):
            initial[f"language_{n}"] = row.language_id
            initial[f"level_{n}"] = row.min_level
        return initial

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("starts_on"), data.get("ends_on")
        if start and end and end < start:
            self.add_error("ends_on", _("La data di fine viene prima di quella di inizio."))
        rate, pay = data.get("agreement_rate"), data.get("gross_hourly_pay")
        if rate is not None and pay is not None and pay < rate.minimum_hourly_pay:
            self.add_error("gross_hourly_pay", below_minimum_message(rate))
        for n in range(1, LANGUAGE_ROWS + 1):
            if bool(data.get(f"language_{n}")) != bool(data.get(f"level_{n}")):
                self.add_error(f"level_{n}", _("Indica la lingua e il livello insieme."))
        return data

    def languages(self) -> list[tuple[Language, str]]:
        data = self.cleaned_data
        return [
            (data[f"language_{n}"], data[f"level_{n}"])
            for n in range(1, LANGUAGE_ROWS + 1)
            if data.get(f"language_{n}") and data.get(f"level_{n}")
        ]

    def service_values(self) -> dict[str, Any]:
        names = (
            "site", "occupation", "title", "agreement_rate", "gross_hourly_pay", "starts_on",
            "ends_on", "hours_per_week", "seats", "housing_offered", "transport_offered",
            "description", "status",
        )  # fmt: skip
        values = {name: self.cleaned_data[name] for name in names}
        values["languages"] = self.languages()
        return values


class CloseVacancyForm(StyledFormMixin, forms.Form):
    status = forms.ChoiceField(
        label=_("Esito"),
        choices=[
            (VacancyStatus.FILLED, _("Coperta (posti occupati)")),
            (VacancyStatus.CLOSED, _("Chiusa (ritirata o scaduta)")),
        ],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(label=_("Nota"), max_length=300, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class VacancyFilterForm(StyledFormMixin, forms.Form):
    occupation = forms.RegexField(
        label=_("Codice ISCO (o inizio del codice)"),
        regex=r"^[0-9]{1,4}$",
        required=False,
        error_messages={"invalid": _("Da 1 a 4 cifre.")},
    )
    region = forms.ModelChoiceField(
        label=_("Regione"),
        queryset=Region.objects.order_by("name"),
        required=False,
        empty_label=_("Tutte"),
    )
    province = forms.ModelChoiceField(
        label=_("Provincia"),
        queryset=Province.objects.order_by("name"),
        required=False,
        empty_label=_("Tutte"),
    )
    open_only = forms.BooleanField(label=_("Solo aperte e non scadute"), required=False)
    exclude_flagged = forms.BooleanField(
        label=_("Escludi i datori di lavoro segnalati"), required=False
    )

    def filters(self) -> dict[str, Any]:
        data = self.cleaned_data if self.is_valid() else {}
        region, province = data.get("region"), data.get("province")
        return {
            "occupation": data.get("occupation", ""),
            "region_id": region.pk if region else None,
            "province_id": province.pk if province else None,
            "open_only": bool(data.get("open_only")),
            "exclude_flagged": bool(data.get("exclude_flagged")),
        }
