"""The dashboard's filters and the snapshot form, limited to the viewer's places."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from approdo.accounts.models import User
from approdo.cases.models import AccessChannel
from approdo.core.forms import StyledFormMixin
from approdo.monitoring.frame import AGE_BANDS, AGE_UNKNOWN, Filters
from approdo.monitoring.selectors import viewer_node_ids
from approdo.network.models import ManagingBody, Node, Programme, Region
from approdo.people.forms import country_choices
from approdo.people.models import Sex

MAX_YEARS = 10


def default_period(today: dt.date | None = None) -> tuple[dt.date, dt.date]:
    """From the start of the programme (the earliest) to today; the year so far without one."""
    today = today or timezone.localdate()
    start = Programme.objects.order_by("starts_on").values_list("starts_on", flat=True).first()
    return (start or today.replace(month=1, day=1)), today


class FilterForm(StyledFormMixin, forms.Form):
    date_from = forms.DateField(label=_("Dal"), widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label=_("Al"), widget=forms.DateInput(attrs={"type": "date"}))
    region = forms.ModelChoiceField(
        label=_("Regione"), queryset=Region.objects.none(), required=False, empty_label=_("Tutte")
    )
    node = forms.ModelChoiceField(
        label=_("Nodo (hub o spoke)"),
        queryset=Node.objects.none(),
        required=False,
        empty_label=_("Tutti"),
    )
    managing_body = forms.ModelChoiceField(
        label=_("Ente gestore"),
        queryset=ManagingBody.objects.none(),
        required=False,
        empty_label=_("Tutti"),
    )
    access_channel = forms.ChoiceField(
        label=_("Canale di accesso"),
        choices=[("", _("Tutti")), *AccessChannel.choices],
        required=False,
    )
    nationality = forms.ChoiceField(label=_("Cittadinanza"), choices=(), required=False)
    sex = forms.ChoiceField(
        label=_("Sesso"),
        choices=[("", _("Tutti")), (Sex.FEMALE, Sex.FEMALE.label), (Sex.MALE, Sex.MALE.label)],
        required=False,
    )
    age_band = forms.ChoiceField(
        label=_("Fascia d'età"),
        choices=[("", _("Tutte")), *[(c, label) for c, label, _l, _h in AGE_BANDS], AGE_UNKNOWN],
        required=False,
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        ids = viewer_node_ids(user)
        nodes = Node.objects.all() if ids is None else Node.objects.filter(pk__in=ids)
        self.fields["node"].queryset = nodes.order_by("region__name", "code")  # type: ignore[attr-defined]
        regions = Region.objects.filter(nodes__in=nodes).distinct().order_by("name")
        self.fields["region"].queryset = regions  # type: ignore[attr-defined]
        bodies = ManagingBody.objects.filter(nodes__in=nodes).distinct().order_by("name")
        self.fields["managing_body"].queryset = bodies  # type: ignore[attr-defined]
        self.fields["nationality"].choices = [("", _("Tutte")), *country_choices()[1:]]  # type: ignore[attr-defined]
        start, end = default_period()
        self.fields["date_from"].initial = start
        self.fields["date_to"].initial = end

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("date_from"), data.get("date_to")
        if start and end:
            if start > end:
                self.add_error("date_to", _("La fine del periodo viene prima dell'inizio."))
            elif (end - start).days > MAX_YEARS * 366:
                self.add_error(
                    "date_from",
                    _("Il periodo può durare al massimo %(n)s anni.") % {"n": MAX_YEARS},
                )
        return data

    def filters(self) -> Filters:
        d = self.cleaned_data
        return Filters(
            date_from=d["date_from"],
            date_to=d["date_to"],
            region=d["region"].pk if d.get("region") else None,
            node=d["node"].pk if d.get("node") else None,
            managing_body=d["managing_body"].pk if d.get("managing_body") else None,
            access_channel=d.get("access_channel") or "",
            nationality=d.get("nationality") or "",
            sex=d.get("sex") or "",
            age_band=d.get("age_band") or "",
        )


def filter_form(data: Any, user: User) -> FilterForm:
    """The form bound to the query string, or to the default period when none is given."""
    if not any(key in data for key in FilterForm.base_fields):
        start, end = default_period()
        data = {"date_from": start.isoformat(), "date_to": end.isoformat()}
    return FilterForm(data, user=user)


class SnapshotForm(StyledFormMixin, forms.Form):
    title = forms.CharField(label=_("Titolo dell'istantanea"), max_length=200)
