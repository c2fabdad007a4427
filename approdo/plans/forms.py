"""Forms of the plan pages. Dates are checked again by the services (the rule lives there)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from approdo.accounts.models import User
from approdo.core.forms import StyledFormMixin, style_widgets
from approdo.plans.models import (
    ActionStatus,
    AgreementKind,
    Goal,
    GoalProgress,
    PlanArea,
    ReviewKind,
)

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class GoalForm(StyledFormMixin, forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    area = forms.ChoiceField(label=_("Area"), choices=PlanArea.choices)
    title = forms.CharField(label=_("Obiettivo"), max_length=200)
    description = forms.CharField(
        label=_("Descrizione"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    target_on = forms.DateField(label=_("Da raggiungere entro"), required=False, widget=DATE_WIDGET)


class TeamMemberField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.get_full_name() or obj.get_username())


class ActionForm(StyledFormMixin, forms.Form):
    description = forms.CharField(label=_("Azione"), max_length=300)
    responsible = TeamMemberField(
        label=_("Professionista responsabile"), queryset=User.objects.none()
    )
    due_on = forms.DateField(label=_("Scadenza"), widget=DATE_WIDGET)

    def __init__(self, *args: Any, team: QuerySet[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["responsible"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = team


class ActionStatusForm(StyledFormMixin, forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    status = forms.ChoiceField(label=_("Stato"), choices=ActionStatus.choices)


class VersionStepForm(forms.Form):
    """Submit, approve: the version the user saw."""

    version = forms.IntegerField(widget=forms.HiddenInput)


class AgreementForm(StyledFormMixin, forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    agreed_on = forms.DateField(label=_("Data dell'adesione"), widget=DATE_WIDGET)
    kind = forms.ChoiceField(label=_("Forma dell'adesione"), choices=AgreementKind.choices)
    note = forms.CharField(
        label=_("Nota"),
        required=False,
        max_length=300,
        help_text=_("Ad esempio: letto con la mediatrice in lingua wolof."),
    )

    def clean_agreed_on(self) -> Any:
        value = self.cleaned_data["agreed_on"]
        if value > timezone.localdate():
            raise forms.ValidationError(_("La data non può essere nel futuro."))
        return value


class IntervalForm(StyledFormMixin, forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    review_every_weeks = forms.IntegerField(
        label=_("Verifica ogni (settimane)"), min_value=1, max_value=52
    )


class ReviewForm(StyledFormMixin, forms.Form):
    held_on = forms.DateField(label=_("Data della verifica"), widget=DATE_WIDGET)
    kind = forms.ChoiceField(label=_("Tipo di verifica"), choices=ReviewKind.choices)
    note = forms.CharField(
        label=_("Valutazione complessiva"), widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args: Any, goals: list[Goal], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.goals = goals
        for goal in goals:
            self.fields[f"goal_{goal.pk}"] = forms.ChoiceField(
                label=_("Avanzamento: %(title)s") % {"title": goal.title},
                choices=GoalProgress.choices,
            )
            self.fields[f"goal_{goal.pk}_note"] = forms.CharField(
                label=_("Nota sull'obiettivo"), required=False, max_length=300
            )
        style_widgets(self)  # the fields added above

    def progress(self) -> dict[int, tuple[str, str]]:
        data = self.cleaned_data
        return {g.pk: (data[f"goal_{g.pk}"], data.get(f"goal_{g.pk}_note", "")) for g in self.goals}
