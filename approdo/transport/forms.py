"""Forms of transport: ride requests, seat bookings, check-in, plans and their adjustments."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from approdo.core.forms import StyledFormMixin
from approdo.network.models import Node
from approdo.transport.models import DESTINATION_KINDS, Stop, Trip, TripStop

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


def tomorrow() -> dt.date:
    return timezone.localdate() + dt.timedelta(days=1)


class RideRequestForm(StyledFormMixin, forms.Form):
    date = forms.DateField(label=_("Giorno"), initial=tomorrow, widget=DATE)
    pickup = forms.ModelChoiceField(label=_("Salita a"), queryset=Stop.objects.none())
    dropoff = forms.ModelChoiceField(
        label=_("Destinazione (azienda o servizio)"), queryset=Stop.objects.none()
    )
    earliest_pickup = forms.TimeField(label=_("Salita non prima delle"), widget=TIME)
    latest_arrival = forms.TimeField(label=_("Arrivo entro le"), widget=TIME)
    note = forms.CharField(label=_("Nota"), max_length=200, required=False)

    def __init__(self, *args: Any, stops: QuerySet[Stop], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["pickup"].queryset = stops  # type: ignore[attr-defined]
        self.fields["dropoff"].queryset = stops.filter(kind__in=DESTINATION_KINDS)  # type: ignore[attr-defined]


class TripStopChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.trip} · {obj.planned_at:%H:%M} {obj.stop}"


class BookingForm(StyledFormMixin, forms.Form):
    trip = forms.ModelChoiceField(label=_("Corsa"), queryset=Trip.objects.none())
    pickup = TripStopChoice(label=_("Salita a"), queryset=TripStop.objects.none())
    dropoff = TripStopChoice(label=_("Discesa a"), queryset=TripStop.objects.none())

    def __init__(self, *args: Any, trips: QuerySet[Trip], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["trip"].queryset = trips  # type: ignore[attr-defined]
        stops = TripStop.objects.filter(trip__in=trips).select_related("trip__shuttle", "stop")
        self.fields["pickup"].queryset = stops  # type: ignore[attr-defined]
        self.fields["dropoff"].queryset = stops  # type: ignore[attr-defined]


class BoardForm(forms.Form):
    boarded = forms.ChoiceField(choices=[("yes", "yes"), ("no", "no")])
    version = forms.IntegerField(min_value=1)


class PlanRunForm(StyledFormMixin, forms.Form):
    hub = forms.ModelChoiceField(label=_("Hub"), queryset=Node.objects.none())
    date = forms.DateField(label=_("Giorno"), initial=tomorrow, widget=DATE)

    def __init__(self, *args: Any, hubs: list[Node], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["hub"].queryset = Node.objects.filter(pk__in=[h.pk for h in hubs])  # type: ignore[attr-defined]
        if len(hubs) == 1:
            self.fields["hub"].initial = hubs[0].pk


class AdjustForm(forms.Form):
    action = forms.ChoiceField(
        choices=[("move", "move"), ("remove", "remove"), ("up", "up"), ("down", "down")]
    )
    rider = forms.IntegerField(min_value=1)
    shuttle = forms.IntegerField(min_value=1, required=False)
    version = forms.IntegerField(min_value=1)


class PublishForm(forms.Form):
    version = forms.IntegerField(min_value=1)
