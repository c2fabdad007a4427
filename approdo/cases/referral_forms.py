"""Forms of referrals, transfers and inquiries. Rules live in the *_services modules."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from approdo.cases.models import ExternalService, InquiryKind, InquiryStatus
from approdo.cases.referral_services import SHAREABLE_FIELDS
from approdo.core.forms import StyledFormMixin
from approdo.network.models import Node, ServiceArea

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class NodeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name} ({obj.region})"


class ReferralForm(StyledFormMixin, forms.Form):
    to_node = NodeChoiceField(
        label=_("Hub destinatario"), queryset=Node.objects.none(), required=False
    )
    to_external = forms.ModelChoiceField(
        label=_("Oppure servizio esterno"),
        queryset=ExternalService.objects.none(),
        required=False,
    )
    area = forms.ModelChoiceField(
        label=_("Area"), queryset=ServiceArea.objects.order_by("name_it"), required=False
    )
    reason = forms.CharField(
        label=_("Motivo dell'invio"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000
    )
    due_on = forms.DateField(
        label=_("Risposta attesa entro"),
        required=False,
        widget=DATE_WIDGET,
        help_text=_("Se la lasci vuota: fra 7 giorni."),
    )
    shared_fields = forms.MultipleChoiceField(
        label=_("Dati da condividere"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=[(name, label) for name, label in SHAREABLE_FIELDS.items()],
        help_text=_(
            "Solo quelli che il consenso della persona permette; motivo, lingua e area "
            "non la identificano."
        ),
    )

    def __init__(
        self,
        *args: Any,
        hubs: QuerySet[Node],
        externals: QuerySet[ExternalService],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        to_node = self.fields["to_node"]
        assert isinstance(to_node, forms.ModelChoiceField)
        to_node.queryset = hubs
        to_external = self.fields["to_external"]
        assert isinstance(to_external, forms.ModelChoiceField)
        to_external.queryset = externals


class TransferForm(StyledFormMixin, forms.Form):
    to_hub = NodeChoiceField(label=_("Hub di destinazione"), queryset=Node.objects.none())
    handover = forms.CharField(
        label=_("Sintesi per il passaggio di consegne"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=8000,
    )

    def __init__(self, *args: Any, hubs: QuerySet[Node], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        to_hub = self.fields["to_hub"]
        assert isinstance(to_hub, forms.ModelChoiceField)
        to_hub.queryset = hubs


class ReasonForm(StyledFormMixin, forms.Form):
    reason = forms.CharField(
        label=_("Motivo del rifiuto"), widget=forms.Textarea(attrs={"rows": 2}), max_length=4000
    )


class OutcomeForm(StyledFormMixin, forms.Form):
    outcome_note = forms.CharField(
        label=_("Esito"), widget=forms.Textarea(attrs={"rows": 2}), max_length=4000
    )


class InquiryForm(StyledFormMixin, forms.Form):
    token = forms.CharField(widget=forms.HiddenInput, max_length=500)
    kind = forms.ChoiceField(
        label=_("Che cosa chiedi"), choices=InquiryKind.choices, widget=forms.RadioSelect
    )
    message = forms.CharField(
        label=_("Messaggio per il nodo"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
        help_text=_("Non scrivere dati della persona che il nodo non conosce già."),
    )


class InquiryAnswerForm(StyledFormMixin, forms.Form):
    status = forms.ChoiceField(
        label=_("Risposta"),
        choices=[
            (InquiryStatus.ANSWERED.value, InquiryStatus.ANSWERED.label),
            (InquiryStatus.DECLINED.value, InquiryStatus.DECLINED.label),
        ],
        widget=forms.RadioSelect,
    )
    answer = forms.CharField(
        label=_("Messaggio"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000
    )


class InboxFilterForm(forms.Form):
    node = forms.IntegerField(required=False)
    status = forms.CharField(required=False, max_length=16)
