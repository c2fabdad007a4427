"""Forms of the outreach back office. The rules live in the services; their errors land here."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.dates import MONTHS as MONTH_NAMES
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from approdo.accounts.models import Membership, User
from approdo.core.concurrency import StaleEditError
from approdo.core.forms import StyledFormMixin, attach_service_errors
from approdo.network.models import Language, Municipality, Node, Province, Region
from approdo.outreach.models import (
    Audience,
    AwarenessMaterial,
    Campaign,
    Place,
    PlaceKind,
    SessionStatus,
)
from approdo.outreach.place_selectors import PERIODS, PlaceFilters

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME_WIDGET = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
MONTH_CHOICES = [(str(number), name) for number, name in MONTH_NAMES.items()]


class UserChoices(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.get_full_name() or obj)


class MunicipalityChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name} ({obj.province.abbreviation})"


# --- places ------------------------------------------------------------------------------
class PlaceFilterForm(StyledFormMixin, forms.Form):
    q = forms.CharField(label=_("Cerca"), max_length=100, required=False)
    kind = forms.ChoiceField(
        label=_("Tipo"), choices=[("", _("Tutti")), *PlaceKind.choices], required=False
    )
    region = forms.ModelChoiceField(
        label=_("Regione"), queryset=Region.objects.order_by("name"), required=False
    )
    province = forms.ModelChoiceField(
        label=_("Provincia"), queryset=Province.objects.order_by("name"), required=False
    )
    node = forms.ModelChoiceField(label=_("Nodo"), queryset=Node.objects.none(), required=False)
    in_season = forms.BooleanField(label=_("Frequentati questo mese"), required=False)
    include_inactive = forms.BooleanField(label=_("Anche i disattivati"), required=False)

    def __init__(self, *args: Any, nodes: QuerySet[Node], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["node"].queryset = nodes  # type: ignore[attr-defined]

    def filters(self, month: int) -> PlaceFilters:
        data = self.cleaned_data if self.is_valid() else {}
        return PlaceFilters(
            q=data.get("q", "").strip(),
            kind=data.get("kind", ""),
            region=data["region"].pk if data.get("region") else None,
            province=data["province"].pk if data.get("province") else None,
            node=data["node"].pk if data.get("node") else None,
            in_season=month if data.get("in_season") else None,
            include_inactive=bool(data.get("include_inactive")),
        )


class MapFilterForm(PlaceFilterForm):
    days = forms.TypedChoiceField(
        label=_("Uscite degli ultimi"),
        choices=[(str(d), _("%(days)d giorni") % {"days": d}) for d in PERIODS],
        coerce=int,
        required=False,
        empty_value=str(PERIODS[0]),
    )


class PlaceForm(StyledFormMixin, forms.Form):
    name = forms.CharField(label=_("Nome"), max_length=160)
    kind = forms.ChoiceField(label=_("Tipo"), choices=PlaceKind.choices)
    node = forms.ModelChoiceField(label=_("Nodo di riferimento"), queryset=Node.objects.none())
    municipality = MunicipalityChoice(label=_("Comune"), queryset=Municipality.objects.none())
    latitude = forms.DecimalField(
        label=_("Latitudine"), max_digits=8, decimal_places=5, help_text=_("Per esempio 41,46210")
    )
    longitude = forms.DecimalField(
        label=_("Longitudine"), max_digits=8, decimal_places=5, help_text=_("Per esempio 15,54320")
    )
    season_months = forms.MultipleChoiceField(
        label=_("Mesi in cui è frequentato"),
        choices=MONTH_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Nessun mese scelto: tutto l'anno."),
    )
    estimated_population = forms.IntegerField(
        label=_("Popolazione stimata"), min_value=0, max_value=100000, required=False
    )
    access_notes = forms.CharField(
        label=_("Come arrivarci, accesso"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    safety_notes = forms.CharField(
        label=_("Note di sicurezza"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(
        self,
        *args: Any,
        nodes: QuerySet[Node],
        municipalities: QuerySet[Municipality],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["node"].queryset = nodes  # type: ignore[attr-defined]
        self.fields["municipality"].queryset = municipalities  # type: ignore[attr-defined]

    @staticmethod
    def initial_for(place: Place) -> dict[str, Any]:
        return {
            "name": place.name,
            "kind": place.kind,
            "node": place.node_id,
            "municipality": place.municipality_id,
            "latitude": place.latitude,
            "longitude": place.longitude,
            "season_months": [str(m) for m in place.season_months],
            "estimated_population": place.estimated_population,
            "access_notes": place.access_notes,
            "safety_notes": place.safety_notes,
            "version": place.version,
        }

    def values(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data.pop("version", None)
        data["season_months"] = [int(m) for m in data["season_months"]]
        return data


class VersionForm(forms.Form):
    version = forms.IntegerField(min_value=1)


# --- sessions ----------------------------------------------------------------------------
class SessionForm(StyledFormMixin, forms.Form):
    """Plan a session from the calendar, or edit one from the office."""

    node = forms.ModelChoiceField(label=_("Nodo"), queryset=Node.objects.none())
    place = forms.ModelChoiceField(label=_("Luogo"), queryset=Place.objects.none())
    date = forms.DateField(label=_("Data"), widget=DATE_WIDGET)
    starts_at = forms.TimeField(label=_("Dalle"), widget=TIME_WIDGET)
    ends_at = forms.TimeField(label=_("Alle"), widget=TIME_WIDGET, required=False)
    team = UserChoices(
        label=_("Équipe"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    other_team = forms.CharField(
        label=_("Altri componenti"),
        max_length=200,
        required=False,
        help_text=_("Volontari o partner senza un account."),
    )
    languages = forms.ModelMultipleChoiceField(
        label=_("Lingue della mediazione"), queryset=Language.objects.all(), required=False
    )
    with_mediator = forms.BooleanField(label=_("Con mediatore/mediatrice"), required=False)
    vehicle = forms.CharField(label=_("Mezzo"), max_length=80, required=False)
    notes = forms.CharField(
        label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(
        self, *args: Any, nodes: QuerySet[Node], places: QuerySet[Place], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        fields: dict[str, Any] = self.fields
        fields["node"].queryset = nodes
        fields["place"].queryset = places
        staff = Membership.objects.active().filter(node__in=nodes).values("user_id")
        fields["team"].queryset = User.objects.filter(pk__in=staff, is_active=True).order_by(
            "last_name", "first_name"
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        node, place = data.get("node"), data.get("place")
        if node is not None and place is not None and place.node_id != node.pk:
            hub_of_place = place.node.parent_hub_id
            if node.pk != hub_of_place:
                self.add_error("place", _("Il luogo non è frequentato da questo nodo."))
        return data

    def values(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data.pop("version", None)
        return data


class SessionCancelForm(StyledFormMixin, forms.Form):
    reason = forms.CharField(label=_("Motivo dell'annullamento"), max_length=200)
    version = forms.IntegerField(widget=forms.HiddenInput)


class SessionFilterForm(StyledFormMixin, forms.Form):
    node = forms.ModelChoiceField(label=_("Nodo"), queryset=Node.objects.none(), required=False)
    place = forms.ModelChoiceField(label=_("Luogo"), queryset=Place.objects.none(), required=False)
    status = forms.ChoiceField(
        label=_("Stato"), choices=[("", _("Tutti")), *SessionStatus.choices], required=False
    )
    date_from = forms.DateField(label=_("Dal"), widget=DATE_WIDGET, required=False)
    date_to = forms.DateField(label=_("Al"), widget=DATE_WIDGET, required=False)

    def __init__(
        self, *args: Any, nodes: QuerySet[Node], places: QuerySet[Place], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        fields: dict[str, Any] = self.fields
        fields["node"].queryset = nodes
        fields["place"].queryset = places


class CalendarForm(StyledFormMixin, forms.Form):
    node = forms.ModelChoiceField(label=_("Nodo"), queryset=Node.objects.none(), required=False)
    month = forms.RegexField(regex=r"^\d{4}-(0[1-9]|1[0-2])$", required=False)

    def __init__(self, *args: Any, nodes: QuerySet[Node], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["node"].queryset = nodes  # type: ignore[attr-defined]

    def first_day(self, today: dt.date) -> dt.date:
        value = self.cleaned_data.get("month") if self.is_valid() else None
        if not value:
            return today.replace(day=1)
        year, month = (int(part) for part in value.split("-"))
        if not 2000 <= year <= 2100:
            return today.replace(day=1)
        return dt.date(year, month, 1)


# --- awareness ---------------------------------------------------------------------------
class AwarenessFilterForm(StyledFormMixin, forms.Form):
    node = forms.ModelChoiceField(label=_("Nodo"), queryset=Node.objects.none(), required=False)
    date_from = forms.DateField(label=_("Dal"), widget=DATE_WIDGET, required=False)
    date_to = forms.DateField(label=_("Al"), widget=DATE_WIDGET, required=False)
    audience = forms.ChoiceField(
        label=_("Pubblico"), choices=[("", _("Tutti")), *Audience.choices], required=False
    )

    def __init__(self, *args: Any, nodes: QuerySet[Node], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["node"].queryset = nodes  # type: ignore[attr-defined]


class CampaignForm(StyledFormMixin, forms.Form):
    name = forms.CharField(label=_("Nome"), max_length=200)
    node = forms.ModelChoiceField(label=_("Nodo"), queryset=Node.objects.none())
    starts_on = forms.DateField(label=_("Inizio"), widget=DATE_WIDGET)
    ends_on = forms.DateField(label=_("Fine"), widget=DATE_WIDGET, required=False)
    description = forms.CharField(
        label=_("Descrizione"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    languages = forms.ModelMultipleChoiceField(
        label=_("Lingue"), queryset=Language.objects.all(), required=False
    )
    materials = forms.ModelMultipleChoiceField(
        label=_("Materiali"),
        queryset=AwarenessMaterial.objects.filter(active=True),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, nodes: QuerySet[Node], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["node"].queryset = nodes  # type: ignore[attr-defined]

    def values(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data.pop("version", None)
        return data


class EventForm(StyledFormMixin, forms.Form):
    title = forms.CharField(label=_("Titolo"), max_length=200)
    node = forms.ModelChoiceField(label=_("Nodo"), queryset=Node.objects.none())
    campaign = forms.ModelChoiceField(
        label=_("Campagna"), queryset=Campaign.objects.none(), required=False
    )
    date = forms.DateField(label=_("Data"), widget=DATE_WIDGET)
    place = forms.ModelChoiceField(
        label=_("Luogo censito"),
        queryset=Place.objects.none(),
        required=False,
        help_text=_("Oppure indica comune e sede qui sotto."),
    )
    municipality = MunicipalityChoice(
        label=_("Comune"), queryset=Municipality.objects.none(), required=False
    )
    venue = forms.CharField(
        label=pgettext_lazy("event venue", "Sede"), max_length=200, required=False
    )
    audience = forms.ChoiceField(label=_("Pubblico"), choices=Audience.choices)
    partners = forms.CharField(
        label=_("Partner"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    materials = forms.ModelMultipleChoiceField(
        label=_("Materiali"),
        queryset=AwarenessMaterial.objects.filter(active=True),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    languages = forms.ModelMultipleChoiceField(
        label=_("Lingue"), queryset=Language.objects.all(), required=False
    )
    people_reached = forms.IntegerField(
        label=_("Persone raggiunte"), min_value=0, max_value=100000, initial=0
    )
    notes = forms.CharField(
        label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(
        self,
        *args: Any,
        nodes: QuerySet[Node],
        places: QuerySet[Place],
        campaigns: QuerySet[Campaign],
        municipalities: QuerySet[Municipality],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        fields: dict[str, Any] = self.fields
        fields["node"].queryset = nodes
        fields["place"].queryset = places
        fields["campaign"].queryset = campaigns
        fields["municipality"].queryset = municipalities

    def values(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data.pop("version", None)
        return data


def catch_stale() -> tuple[list[Any], Callable[[forms.BaseForm, ValidationError], None]]:
    """An `on_error` for submit_form that also keeps the record another person saved.

    The form's hidden version is moved to the saved one, so that after checking the values
    shown the user can submit again on purpose.
    """
    stale: list[Any] = []

    def on_error(bound: forms.BaseForm, exc: ValidationError) -> None:
        attach_service_errors(bound, exc)
        if isinstance(exc, StaleEditError):
            stale.append(exc.current)
            data = bound.data.copy()  # type: ignore[attr-defined]  # a QueryDict
            data["version"] = str(exc.current.version)
            bound.data = data

    return stale, on_error
