"""Forms of the helpdesk pages. The rules live in intake.py and services.py; their errors
land on the fields."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from approdo.accounts.models import User
from approdo.cases.models import ExternalBodyKind, ExternalService
from approdo.cases.referral_services import FIRST_CONTACT_FIELDS, SHAREABLE_FIELDS
from approdo.core.forms import StyledFormMixin
from approdo.helpdesk.models import (
    Authority,
    Channel,
    ContactStatus,
    Need,
    PreferredChannel,
    TaskKind,
    Urgency,
)
from approdo.helpdesk.selectors import TASK_SCOPES, helpdesk_languages, helpdesk_operators
from approdo.network.models import Language, Municipality, Node, NodeKind, Region, ServiceArea

OTHER_LANGUAGE = "other"
DATETIME_WIDGET = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"]
YES_NO = [("", _("Tutti")), ("1", _("Sì")), ("0", _("No"))]


class UserChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.get_full_name() or obj)


class MunicipalityChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name} ({obj.province.abbreviation})"


def language_choices() -> list[tuple[str, str]]:
    rows = [(str(lang.pk), lang.name) for lang in helpdesk_languages()]
    return [("", "—"), *rows, (OTHER_LANGUAGE, str(_("Altra lingua")))]


class ContactForm(StyledFormMixin, forms.Form):
    """A contact recorded by an operator on a call or a chat: the essentials first."""

    channel = forms.ChoiceField(label=_("Canale"), choices=Channel.choices, initial=Channel.PHONE)
    language = forms.ChoiceField(label=_("Lingua"), choices=(), required=False)
    language_other = forms.CharField(label=_("Altra lingua (quale)"), max_length=60, required=False)
    urgency = forms.ChoiceField(label=_("Urgenza"), choices=Urgency.choices, initial=Urgency.NORMAL)
    needs = forms.MultipleChoiceField(
        label=_("Bisogni"), choices=Need.choices, widget=forms.CheckboxSelectMultiple
    )
    message = forms.CharField(
        label=_("Richiesta o segnalazione"), widget=forms.Textarea(attrs={"rows": 5})
    )
    anonymous = forms.BooleanField(
        label=_("Segnalazione anonima (non chiedere il nome)"), required=False
    )
    name = forms.CharField(label=_("Nome o soprannome"), max_length=120, required=False)
    region = forms.ModelChoiceField(
        label=_("Regione"), queryset=Region.objects.order_by("name"), required=False
    )
    municipality = MunicipalityChoiceField(
        label=_("Comune"),
        queryset=Municipality.objects.select_related("province").order_by("name"),
        required=False,
    )
    place = forms.CharField(
        label=_("Luogo (azienda, campo, insediamento)"), max_length=200, required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = language_choices()  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        choice = data.get("language") or ""
        data["language_obj"] = None
        if choice and choice != OTHER_LANGUAGE:
            data["language_obj"] = helpdesk_languages().filter(pk=choice).first()
        if choice == OTHER_LANGUAGE and not (data.get("language_other") or "").strip():
            self.add_error("language_other", _("Scrivi quale lingua."))
        if choice != OTHER_LANGUAGE:
            data["language_other"] = ""
        if data.get("anonymous") and (data.get("name") or "").strip():
            self.add_error(
                "name", _("Una segnalazione anonima non ha un nome: lascia vuoto il campo.")
            )
        return data

    def service_values(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "channel": data["channel"],
            "message": data["message"],
            "needs": list(data["needs"]),
            "urgency": data["urgency"],
            "language": data["language_obj"],
            "language_other": data["language_other"],
            "anonymous": data["anonymous"],
            "name": data["name"],
            "region": data["region"],
            "municipality": data["municipality"],
            "place": data["place"],
        }


class NewContactForm(ContactForm):
    """A new contact. A message read later than it arrived (WhatsApp, e-mail, voicemail)
    keeps the time it arrived: out of hours, that time is what gives it a call-back."""

    received_at = forms.DateTimeField(
        label=_("Ricevuto il"),
        required=False,
        widget=DATETIME_WIDGET,
        input_formats=DATETIME_FORMATS,
        help_text=_(
            "Solo se il messaggio è arrivato prima (WhatsApp, e-mail, segreteria): "
            "se era fuori orario viene creata la richiamata. Vuoto = adesso."
        ),
    )

    def service_values(self) -> dict[str, Any]:
        return {**super().service_values(), "received_at": self.cleaned_data.get("received_at")}


class ReporterForm(StyledFormMixin, forms.Form):
    """How to call back (optional; kept apart and erased when the contact is closed)."""

    prefix = "reporter"

    phone = forms.CharField(label=_("Telefono"), max_length=32, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    preferred = forms.ChoiceField(
        label=_("Come preferisce essere ricontattato"),
        choices=[("", "—"), *PreferredChannel.choices],
        required=False,
    )
    best_time = forms.CharField(label=_("Quando chiamare"), max_length=120, required=False)
    safe_to_leave_message = forms.BooleanField(
        label=_("Si può lasciare un messaggio"), required=False
    )


class ContactEditForm(ContactForm):
    version = forms.IntegerField(widget=forms.HiddenInput)


class VersionForm(forms.Form):
    version = forms.IntegerField(min_value=0)


class CloseForm(StyledFormMixin, forms.Form):
    prefix = "close"

    version = forms.IntegerField(widget=forms.HiddenInput)
    note = forms.CharField(label=_("Nota di chiusura"), widget=forms.Textarea(attrs={"rows": 3}))


class AnswerForm(StyledFormMixin, forms.Form):
    """(a) answered directly / (d) no action possible."""

    prefix = "answer"

    version = forms.IntegerField(widget=forms.HiddenInput)
    note = forms.CharField(label=_("Nota"), widget=forms.Textarea(attrs={"rows": 3}))
    close = forms.BooleanField(
        label=_("Chiudi il contatto (i recapiti vengono cancellati)"), required=False
    )


class NoActionForm(AnswerForm):
    prefix = "noaction"


class HubChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name} ({obj.municipality.name})"


def _active_hubs() -> QuerySet[Node]:
    return Node.objects.filter(kind=NodeKind.HUB).select_related("municipality")


class ReferPsiForm(StyledFormMixin, forms.Form):
    """(b) refer to a PSI; the hub is picked from the table of hubs on the page."""

    prefix = "psi"

    version = forms.IntegerField(widget=forms.HiddenInput)
    hub = HubChoiceField(label=_("PSI"), queryset=_active_hubs(), widget=forms.RadioSelect)
    reason = forms.CharField(label=_("Motivo dell'invio"), widget=forms.Textarea(attrs={"rows": 3}))
    shared_fields = forms.MultipleChoiceField(
        label=_("Dati da condividere con il PSI"),
        choices=[
            (name, label)
            for name, label in SHAREABLE_FIELDS.items()
            if name in FIRST_CONTACT_FIELDS
        ],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    area = forms.ModelChoiceField(
        label=_("Area"), queryset=ServiceArea.objects.all(), required=False
    )


class ReferAuthorityForm(StyledFormMixin, forms.Form):
    """(c) report to an authority, optionally naming the office from the directory."""

    prefix = "authority"

    version = forms.IntegerField(widget=forms.HiddenInput)
    authority = forms.ChoiceField(label=_("Autorità"), choices=Authority.choices)
    external_service = forms.ModelChoiceField(
        label=_("Ufficio (dall'elenco dei servizi)"),
        queryset=ExternalService.objects.filter(active=True).order_by("name"),
        required=False,
    )
    note = forms.CharField(
        label=_("Cosa è stato segnalato e come"), widget=forms.Textarea(attrs={"rows": 3})
    )
    follow_up_days = forms.IntegerField(
        label=_("Verifica tra (giorni)"), min_value=1, max_value=90, initial=7
    )


class TaskForm(StyledFormMixin, forms.Form):
    prefix = "task"

    kind = forms.ChoiceField(label=_("Tipo"), choices=TaskKind.choices)
    due_at = forms.DateTimeField(
        label=_("Entro"), widget=DATETIME_WIDGET, input_formats=DATETIME_FORMATS
    )
    note = forms.CharField(label=_("Nota"), max_length=300, required=False)
    assigned_to = UserChoiceField(
        label=_("Assegnata a"), queryset=User.objects.none(), required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["assigned_to"].queryset = helpdesk_operators()  # type: ignore[attr-defined]


class TaskCompleteForm(StyledFormMixin, forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    outcome = forms.CharField(label=_("Esito"), max_length=300)


class QueueFilterForm(StyledFormMixin, forms.Form):
    q = forms.CharField(label=_("Cerca (riferimento o testo)"), required=False, max_length=100)
    status = forms.ChoiceField(
        label=_("Stato"),
        choices=[("", _("Aperti")), *ContactStatus.choices],
        required=False,
    )
    channel = forms.ChoiceField(
        label=_("Canale"), choices=[("", _("Tutti")), *Channel.choices], required=False
    )
    language = forms.ModelChoiceField(
        label=_("Lingua"), queryset=Language.objects.all(), required=False
    )
    need = forms.ChoiceField(
        label=_("Bisogno"), choices=[("", _("Tutti")), *Need.choices], required=False
    )
    urgency = forms.ChoiceField(
        label=_("Urgenza"), choices=[("", _("Tutte")), *Urgency.choices], required=False
    )
    region = forms.ModelChoiceField(
        label=_("Regione"), queryset=Region.objects.order_by("name"), required=False
    )
    out_of_hours = forms.ChoiceField(label=_("Fuori orario"), choices=YES_NO, required=False)
    anonymous = forms.ChoiceField(label=_("Anonimo"), choices=YES_NO, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["language"].queryset = helpdesk_languages()  # type: ignore[attr-defined]


class TaskScopeForm(forms.Form):
    scope = forms.ChoiceField(
        choices=[(scope, scope) for scope in TASK_SCOPES], required=False, initial="mine"
    )
    done = forms.BooleanField(required=False)


class HubRegionForm(StyledFormMixin, forms.Form):
    hub_region = forms.ModelChoiceField(
        label=_("Regione dei PSI"),
        queryset=Region.objects.order_by("name"),
        required=False,
        empty_label=_("Tutte le regioni"),
    )


class DirectoryForm(StyledFormMixin, forms.Form):
    q = forms.CharField(label=_("Cerca (nome, comune, note)"), required=False, max_length=100)
    kind = forms.ChoiceField(
        label=_("Tipo di servizio"),
        choices=[("", _("Tutti")), *ExternalBodyKind.choices],
        required=False,
    )
    region = forms.ModelChoiceField(
        label=_("Regione"), queryset=Region.objects.order_by("name"), required=False
    )
    municipality = MunicipalityChoiceField(
        label=_("Comune"),
        queryset=Municipality.objects.select_related("province").order_by("name"),
        required=False,
    )
    language = forms.ModelChoiceField(
        label=_("Lingua parlata"), queryset=Language.objects.all(), required=False
    )
