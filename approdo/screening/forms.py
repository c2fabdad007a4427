"""Forms of the screening pages: the details, one row form per indicator and per
vulnerability factor (prefixed by the code), and the confirmation."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from approdo.core.forms import StyledFormMixin
from approdo.network.models import Language
from approdo.screening.models import (
    Indicator,
    IndicatorAnswer,
    NextStep,
    Observation,
    Presence,
    Priority,
    Screening,
    Source,
    UrgencyLevel,
    VulnerabilityAnswer,
    VulnerabilityFactor,
)
from approdo.screening.services import Answers, ScreeningDetails, Vulnerabilities

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class LanguageField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        lang = (get_language() or "it").split("-")[0]
        return str(obj.name_en if lang == "en" else obj.name_it)


class ScreeningForm(StyledFormMixin, forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    held_on = forms.DateField(label=_("Data dello screening"), widget=DATE_WIDGET)
    with_mediator = forms.BooleanField(label=_("Con mediatore/mediatrice"), required=False)
    language = LanguageField(
        label=_("Lingua usata"), queryset=Language.objects.none(), required=False
    )
    immediate_danger = forms.BooleanField(
        label=_("La persona è in pericolo immediato"), required=False
    )
    urgency_level = forms.ChoiceField(label=_("Urgenza"), choices=UrgencyLevel.choices)
    urgency_note = forms.CharField(
        label=_("Nota sull'urgenza"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        language = self.fields["language"]
        assert isinstance(language, forms.ModelChoiceField)
        language.queryset = Language.objects.order_by("name_it")
        self.fields["held_on"].widget.attrs["max"] = timezone.localdate().isoformat()

    def details(self) -> ScreeningDetails:
        data = self.cleaned_data
        return ScreeningDetails(
            held_on=data["held_on"],
            with_mediator=bool(data.get("with_mediator")),
            language=data.get("language"),
            immediate_danger=bool(data.get("immediate_danger")),
            urgency_level=data["urgency_level"],
            urgency_note=data.get("urgency_note", "").strip(),
        )

    @staticmethod
    def initial_for(screening: Screening) -> dict[str, Any]:
        return {
            "version": screening.version,
            "held_on": screening.held_on,
            "with_mediator": screening.with_mediator,
            "language": screening.language_id,
            "immediate_danger": screening.immediate_danger,
            "urgency_level": screening.urgency_level,
            "urgency_note": screening.urgency_note,
        }


class IndicatorRowForm(StyledFormMixin, forms.Form):
    """One row of the indicator table; prefixed with the indicator's code."""

    status = forms.ChoiceField(
        label=_("Esito"), choices=Observation.choices, widget=forms.RadioSelect
    )
    source = forms.ChoiceField(
        label=_("Fonte"), choices=[("", "—"), *Source.choices], required=False
    )
    note = forms.CharField(label=_("Nota"), max_length=500, required=False)

    def __init__(self, *args: Any, indicator: Indicator, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"status": Observation.UNKNOWN})
        super().__init__(*args, prefix=f"ind-{indicator.code}", **kwargs)
        self.indicator = indicator

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("status") == Observation.OBSERVED and not data.get("source"):
            self.add_error("source", _("Indica da dove emerge l'indicatore osservato."))
        return data


class FactorRowForm(StyledFormMixin, forms.Form):
    status = forms.ChoiceField(label=_("Esito"), choices=Presence.choices, widget=forms.RadioSelect)

    def __init__(self, *args: Any, factor: VulnerabilityFactor, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"status": Presence.UNKNOWN})
        super().__init__(*args, prefix=f"vul-{factor.code}", **kwargs)
        self.factor = factor


def indicator_forms(
    indicators: list[Indicator],
    data: Any = None,
    existing: dict[str, IndicatorAnswer] | None = None,
) -> list[IndicatorRowForm]:
    existing = existing or {}
    rows = []
    for indicator in indicators:
        answer = existing.get(indicator.code)
        initial = (
            {"status": answer.status, "source": answer.source, "note": answer.note}
            if answer
            else {"status": Observation.UNKNOWN}
        )
        rows.append(IndicatorRowForm(data, indicator=indicator, initial=initial))
    return rows


def factor_forms(
    factors: list[VulnerabilityFactor],
    data: Any = None,
    existing: dict[str, VulnerabilityAnswer] | None = None,
) -> list[FactorRowForm]:
    existing = existing or {}
    rows = []
    for factor in factors:
        answer = existing.get(factor.code)
        initial = {"status": answer.status if answer else Presence.UNKNOWN}
        rows.append(FactorRowForm(data, factor=factor, initial=initial))
    return rows


def collect_answers(rows: list[IndicatorRowForm]) -> Answers:
    return {
        row.indicator.code: (
            row.cleaned_data["status"],
            row.cleaned_data.get("source", ""),
            row.cleaned_data.get("note", ""),
        )
        for row in rows
    }


def collect_vulnerabilities(rows: list[FactorRowForm]) -> Vulnerabilities:
    return {row.factor.code: row.cleaned_data["status"] for row in rows}


class CompleteForm(StyledFormMixin, forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    priority = forms.ChoiceField(
        label=_("Priorità confermata"), choices=Priority.choices, widget=forms.RadioSelect
    )
    steps = forms.MultipleChoiceField(
        label=_("Passi successivi scelti"),
        choices=NextStep.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    note = forms.CharField(
        label=_("Nota della conferma"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Obbligatoria se la priorità è diversa da quella suggerita."),
    )
