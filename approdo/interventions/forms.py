"""Forms of the services page. The rules live in services.py; its errors land on the fields."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from approdo.accounts.models import User
from approdo.core.forms import StyledFormMixin
from approdo.interventions.models import (
    MAX_DURATION_MINUTES,
    AppointmentPlace,
    AppointmentStatus,
    Place,
    ServiceType,
)
from approdo.network.models import Language, ServiceArea

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME_WIDGET = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"]


class ServiceTypeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.area.name} · {obj.name}"


class UserChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.get_full_name() or obj)


class ServiceForm(StyledFormMixin, forms.Form):
    prefix = "service"

    service_type = ServiceTypeChoiceField(
        label=_("Prestazione"), queryset=ServiceType.objects.none()
    )
    date = forms.DateField(label=_("Data"), widget=DATE_WIDGET)
    duration_minutes = forms.IntegerField(
        label=_("Durata (minuti)"), min_value=1, max_value=MAX_DURATION_MINUTES
    )
    place = forms.ChoiceField(label=_("Luogo"), choices=Place.choices)
    operator = UserChoiceField(
        label=_("Operatore/operatrice"),
        queryset=User.objects.none(),
        required=False,
        help_text=_("Se vuoto, chi registra."),
    )
    with_mediator = forms.BooleanField(label=_("Con mediazione linguistica"), required=False)
    mediator = UserChoiceField(
        label=_("Mediatore/mediatrice"), queryset=User.objects.none(), required=False
    )
    language = forms.ModelChoiceField(
        label=_("Lingua usata"), queryset=Language.objects.all(), required=False
    )
    notes = forms.CharField(
        label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    plan_action_id = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)

    def __init__(self, *args: Any, team: QuerySet[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields: dict[str, Any] = self.fields
        fields["service_type"].queryset = ServiceType.objects.filter(active=True).select_related(
            "area"
        )
        fields["operator"].queryset = team
        fields["mediator"].queryset = team


class CancelForm(StyledFormMixin, forms.Form):
    reason = forms.CharField(label=_("Motivo dell'annullamento"), max_length=500)
    version = forms.IntegerField(widget=forms.HiddenInput)


class AppointmentForm(StyledFormMixin, forms.Form):
    prefix = "appointment"

    starts_at = forms.DateTimeField(
        label=_("Data e ora"), widget=DATETIME_WIDGET, input_formats=DATETIME_FORMATS
    )
    duration_minutes = forms.IntegerField(
        label=_("Durata (minuti)"), min_value=1, max_value=MAX_DURATION_MINUTES, initial=60
    )
    operator = UserChoiceField(
        label=_("Con chi"),
        queryset=User.objects.none(),
        required=False,
        help_text=_("Se vuoto, chi fissa l'appuntamento."),
    )
    purpose = forms.CharField(label=_("Motivo"), max_length=200)
    place = forms.ChoiceField(label=_("Luogo"), choices=AppointmentPlace.choices)
    external_place = forms.CharField(
        label=_("Servizio esterno o indirizzo"), max_length=200, required=False
    )
    needs_mediator = forms.BooleanField(label=_("Serve un mediatore"), required=False)
    language = forms.ModelChoiceField(
        label=_("Lingua"), queryset=Language.objects.all(), required=False
    )
    remind_at = forms.DateTimeField(
        label=_("Promemoria via e-mail il"),
        widget=DATETIME_WIDGET,
        input_formats=DATETIME_FORMATS,
        required=False,
    )

    def __init__(self, *args: Any, team: QuerySet[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields: dict[str, Any] = self.fields
        fields["operator"].queryset = team


class AppointmentStatusForm(forms.Form):
    status = forms.ChoiceField(
        choices=[
            (AppointmentStatus.DONE, AppointmentStatus.DONE.label),
            (AppointmentStatus.MISSED, AppointmentStatus.MISSED.label),
            (AppointmentStatus.CANCELLED, AppointmentStatus.CANCELLED.label),
        ]
    )
    version = forms.IntegerField(widget=forms.HiddenInput)
    note = forms.CharField(max_length=300, required=False)


class AreaFilterForm(forms.Form):
    area = forms.ModelChoiceField(
        label=_("Area"),
        queryset=ServiceArea.objects.all(),
        required=False,
        empty_label=_("Tutte le aree"),
    )
