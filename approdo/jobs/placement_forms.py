"""Forms of the matching, the proposals and the job placements. They parse input; the rules
(seats, flagged employers, the agreement's minimum, the six-month check) live in
jobs.placements, so a refusal lands next to its field."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from approdo.core.forms import StyledFormMixin
from approdo.jobs.employer_models import MAX_HOURS_PER_WEEK
from approdo.jobs.models import (
    ContractType,
    Employer,
    FollowUp,
    Occupation,
    PlacementEnd,
    RefusalReason,
    RefusedBy,
    Vacancy,
)
from approdo.jobs.profile_forms import DATE, OccupationChoiceField
from approdo.network.models import Node


class VersionForm(StyledFormMixin, forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class RunForm(StyledFormMixin, forms.Form):
    hub = forms.ModelChoiceField(label=_("Polo"), queryset=Node.objects.none())
    housing_hard = forms.BooleanField(
        label=_("Escludi le offerte senza alloggio per chi ne ha bisogno"), required=False
    )

    def __init__(self, *args: Any, hubs: list[Node], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["hub"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Node.objects.filter(pk__in=[h.pk for h in hubs]).order_by("name")


class InterviewForm(VersionForm):
    interview_on = forms.DateField(label=_("Data del colloquio"), widget=DATE)


class RefuseForm(VersionForm):
    refused_by = forms.ChoiceField(label=_("Chi ha rifiutato"), choices=RefusedBy.choices)
    reason = forms.ChoiceField(label=_("Motivo"), choices=RefusalReason.choices)
    note = forms.CharField(
        label=_("Nota"), required=False, widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )


class ContractFields(StyledFormMixin, forms.Form):
    contract_type = forms.ChoiceField(label=_("Tipo di contratto"), choices=ContractType.choices)
    starts_on = forms.DateField(label=_("Inizio"), widget=DATE)
    ends_on = forms.DateField(
        label=_("Fine prevista"),
        required=False,
        widget=DATE,
        help_text=_("Vuota solo per tempo indeterminato, apprendistato o lavoro autonomo."),
    )
    hours_per_week = forms.IntegerField(
        label=_("Ore settimanali"), min_value=1, max_value=MAX_HOURS_PER_WEEK
    )
    gross_hourly_pay = forms.DecimalField(
        label=_("Paga oraria lorda (€)"),
        required=False,
        max_digits=6,
        decimal_places=2,
        min_value=0,
    )
    unilav_reference = forms.CharField(
        label=_("Comunicazione obbligatoria (UNILAV)"), required=False, max_length=40
    )
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )


class HireForm(VersionForm, ContractFields):
    """The contract of a proposal that ended in a hire; the job's data come from the vacancy."""

    @classmethod
    def initial_for(cls, vacancy: Vacancy) -> dict[str, Any]:
        return {
            "starts_on": vacancy.starts_on,
            "ends_on": vacancy.ends_on,
            "hours_per_week": vacancy.hours_per_week,
            "gross_hourly_pay": vacancy.gross_hourly_pay,
        }


class PlacementForm(ContractFields):
    """A job found another way (or through a vacancy, chosen here)."""

    employer = forms.ModelChoiceField(
        label=_("Datore di lavoro"), queryset=Employer.objects.order_by("legal_name")
    )
    vacancy = forms.ModelChoiceField(
        label=_("Offerta (se il lavoro viene da un'offerta registrata)"),
        queryset=Vacancy.objects.none(),
        required=False,
    )
    occupation = OccupationChoiceField(
        label=_("Mansione (ISCO-08)"), queryset=Occupation.objects.none()
    )
    flag_acknowledged = forms.CharField(
        label=_("Se il datore è segnalato: perché registri comunque il lavoro"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
    )

    field_order = [
        "employer",
        "vacancy",
        "occupation",
        "contract_type",
        "starts_on",
        "ends_on",
        "hours_per_week",
        "gross_hourly_pay",
        "unilav_reference",
        "flag_acknowledged",
        "note",
    ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        vacancy = self.fields["vacancy"]
        assert isinstance(vacancy, forms.ModelChoiceField)
        vacancy.queryset = Vacancy.objects.select_related("employer").order_by("-starts_on")
        occupation = self.fields["occupation"]
        assert isinstance(occupation, forms.ModelChoiceField)
        occupation.queryset = Occupation.objects.filter(active=True, level=4).order_by("code")


def vacancy_label(vacancy: Vacancy) -> str:
    return f"{vacancy.title} · {vacancy.employer} · {vacancy.site.municipality}"


class ProposeForm(StyledFormMixin, forms.Form):
    vacancy = forms.ModelChoiceField(label=_("Offerta"), queryset=Vacancy.objects.none())
    note = forms.CharField(label=_("Nota"), required=False, max_length=2000)

    def __init__(self, *args: Any, vacancies: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["vacancy"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = vacancies
        field.label_from_instance = vacancy_label  # type: ignore[method-assign,assignment]


class EndForm(VersionForm):
    ended_on = forms.DateField(label=_("Terminato il"), widget=DATE)
    reason = forms.ChoiceField(label=_("Motivo"), choices=PlacementEnd.choices)
    note = forms.CharField(label=_("Nota"), required=False, max_length=2000)


class FollowUpForm(VersionForm):
    outcome = forms.ChoiceField(label=_("A 6 mesi la persona è"), choices=FollowUp.choices)
    checked_on = forms.DateField(label=_("Verificato il"), widget=DATE)
    note = forms.CharField(label=_("Nota"), required=False, max_length=2000)
