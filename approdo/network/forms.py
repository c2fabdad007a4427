"""Forms of the network pages: the directory filters and a node's registry data."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal
from html import escape
from typing import Any, cast

from django import forms
from django.core.validators import RegexValidator
from django.forms.models import ModelChoiceIterator
from django.forms.renderers import BaseRenderer
from django.forms.utils import flatatt
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import capfirst
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from approdo.core.forms import StyledFormMixin
from approdo.network.models import (
    Language,
    Localisation,
    ManagingBody,
    Node,
    NodeKind,
    Programme,
    Region,
    ServiceArea,
    SpokeKind,
    Weekday,
)
from approdo.network.selectors import NodeFilters
from approdo.network.services import OpeningSlot


def _label(field_name: str) -> str:
    """A node field's verbose name, so form labels and the model never disagree."""
    field = Node._meta.get_field(field_name)
    return capfirst(str(getattr(field, "verbose_name", field_name)))


def _with_blank(choices: list[tuple[str, Any]], blank: Any) -> list[tuple[str, Any]]:
    return [("", blank), *choices]


class FastSelect(forms.Select):
    """A single select rendered in Python rather than one template per option.

    The directory's filters list hundreds of managing bodies; Django's per-option widget
    templates made them most of the page's time. Same markup and attributes (id, classes,
    aria-invalid, aria-describedby from the bound field); no option groups.
    """

    def render(
        self,
        name: str,
        value: Any,
        attrs: dict[str, Any] | None = None,
        renderer: BaseRenderer | None = None,
    ) -> SafeString:
        selected = {str(v) for v in self.format_value(value)}
        options = []
        for option, label in self.choices:
            key = str(option)
            mark = " selected" if key in selected else ""
            options.append(f'<option value="{escape(key)}"{mark}>{escape(str(label))}</option>')
        final_attrs = self.build_attrs(self.attrs, attrs)
        # Every value and label above is escaped; html.escape is the fast C path.
        options_html = mark_safe("".join(options))  # noqa: S308
        return format_html(
            '<select name="{}"{}>{}</select>', name, flatatt(final_attrs), options_html
        )


# A FilterChoiceField labelled by a bilingual reference row's name in the user's language.
BILINGUAL = "name_it|name_en"


class ValuesChoiceIterator(ModelChoiceIterator):
    """The choices as (pk, label) straight from the database: one plain query, no model
    instances (hundreds of managing bodies), and no server-side cursor on PostgreSQL."""

    field: FilterChoiceField

    def __iter__(self) -> Iterator[tuple[Any, Any]]:
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        label = self.field.label_field
        if label == BILINGUAL:
            label = "name_en" if (get_language() or "it").startswith("en") else "name_it"
        yield from self.queryset.values_list("pk", label)


class FilterChoiceField(forms.ModelChoiceField):
    """An optional model choice for the directory filters, validated like any other."""

    iterator = ValuesChoiceIterator
    widget = FastSelect

    def __init__(self, *, label_field: str = "name", **kwargs: Any) -> None:
        self.label_field = label_field
        super().__init__(**kwargs)


class DirectoryFilterForm(StyledFormMixin, forms.Form):
    """The directory's GET filters. Invalid values become field errors, never a 500."""

    q = forms.CharField(
        label=_("Cerca"),
        required=False,
        max_length=100,
        help_text=_("Nome, codice, comune o indirizzo del nodo."),
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    region = FilterChoiceField(
        queryset=Region.objects.order_by("name"),
        required=False,
        label=_("Regione"),
        empty_label=_("Tutte le regioni"),
    )
    kind = forms.ChoiceField(
        choices=_with_blank(NodeKind.choices, _("Hub e spoke")),
        required=False,
        widget=FastSelect,
        label=_("Hub o spoke"),
    )
    spoke_kind = forms.ChoiceField(
        choices=_with_blank(SpokeKind.choices, _("Tutti i tipi")),
        required=False,
        widget=FastSelect,
        label=_("Tipo di spoke"),
    )
    localisation = forms.ChoiceField(
        choices=_with_blank(Localisation.choices, _("Tutte")),
        required=False,
        widget=FastSelect,
        label=_("Localizzazione"),
    )
    area = FilterChoiceField(
        queryset=ServiceArea.objects.all(),
        label_field=BILINGUAL,
        required=False,
        label=_("Area offerta"),
        empty_label=_("Tutte le aree"),
    )
    managing_body = FilterChoiceField(
        queryset=ManagingBody.objects.order_by("name"),
        required=False,
        label=_("Ente gestore"),
        empty_label=_("Tutti gli enti"),
    )
    language = FilterChoiceField(
        queryset=Language.objects.all(),
        label_field=BILINGUAL,
        required=False,
        label=_("Lingua parlata"),
        empty_label=_("Tutte le lingue"),
    )
    programme = FilterChoiceField(
        queryset=Programme.objects.all(),
        required=False,
        label=_("Programma"),
        empty_label=_("Tutti i programmi"),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The selects sit in Bootstrap Italia's select-wrapper, which draws its own arrow.
        for field in self.fields.values():
            if isinstance(field.widget, forms.Select):
                classes = field.widget.attrs.get("class", "").split()
                field.widget.attrs["class"] = " ".join(c for c in classes if c != "form-select")

    def filters(self) -> NodeFilters:
        """The valid part of the filters (an invalid field is ignored and shown as an error)."""
        data: dict[str, Any] = getattr(self, "cleaned_data", {})

        def pk(name: str) -> int | None:
            obj = data.get(name)
            return obj.pk if obj is not None else None

        return NodeFilters(
            q=(data.get("q") or "").strip(),
            region=pk("region"),
            kind=data.get("kind") or "",
            spoke_kind=data.get("spoke_kind") or "",
            localisation=data.get("localisation") or "",
            area=pk("area"),
            managing_body=pk("managing_body"),
            language=pk("language"),
            programme=pk("programme"),
        )


_phone_validator = RegexValidator(
    r"^\+?[0-9 ./()-]{6,32}$",
    _("Numero di telefono non valido: usa cifre, spazi e al massimo un + iniziale."),
)


class NodeEditForm(StyledFormMixin, forms.Form):
    """A node's registry data that its coordinators keep up to date."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    address = forms.CharField(label=_label("address"), max_length=200, required=False)
    phone = forms.CharField(
        label=_label("phone"), max_length=32, required=False, validators=[_phone_validator]
    )
    email = forms.EmailField(label=_label("email"), required=False)
    latitude = forms.DecimalField(
        label=_label("latitude"),
        max_digits=8,
        decimal_places=5,
        min_value=Decimal(-90),
        max_value=Decimal(90),
        required=False,
        help_text=_("Gradi decimali con il punto, per esempio 41.46210."),
    )
    longitude = forms.DecimalField(
        label=_label("longitude"),
        max_digits=8,
        decimal_places=5,
        min_value=Decimal(-180),
        max_value=Decimal(180),
        required=False,
        help_text=_("Gradi decimali con il punto, per esempio 15.54460."),
    )
    languages = forms.ModelMultipleChoiceField(
        queryset=Language.objects.all(),
        required=False,
        label=_label("languages"),
        widget=forms.CheckboxSelectMultiple,
    )
    areas = forms.ModelMultipleChoiceField(
        queryset=ServiceArea.objects.all(),
        required=False,
        label=_label("areas"),
        widget=forms.CheckboxSelectMultiple,
    )
    notes = forms.CharField(
        label=_label("notes"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )

    @staticmethod
    def initial_for(node: Node) -> dict[str, Any]:
        return {
            "version": node.version,
            "address": node.address,
            "phone": node.phone,
            "email": node.email,
            "latitude": node.latitude,
            "longitude": node.longitude,
            "languages": list(node.languages.all()),
            "areas": list(node.areas.all()),
            "notes": node.notes,
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        lat, lon = data.get("latitude"), data.get("longitude")
        already_wrong = self.has_error("latitude") or self.has_error("longitude")
        if (lat is None) != (lon is None) and not already_wrong:
            missing = "longitude" if lon is None else "latitude"
            self.add_error(missing, _("Indica sia la latitudine sia la longitudine, o nessuna."))
        return data


class OpeningHoursForm(StyledFormMixin, forms.Form):
    weekday = forms.TypedChoiceField(
        label=_("Giorno"),
        choices=_with_blank([(str(v), label) for v, label in Weekday.choices], "—"),
        coerce=int,
    )
    opens_at = forms.TimeField(
        label=_("Apre alle"), widget=forms.TimeInput(format="%H:%M", attrs={"type": "time"})
    )
    closes_at = forms.TimeField(
        label=_("Chiude alle"), widget=forms.TimeInput(format="%H:%M", attrs={"type": "time"})
    )
    note = forms.CharField(label=_("Nota"), max_length=120, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        opens: dt.time | None = data.get("opens_at")
        closes: dt.time | None = data.get("closes_at")
        if opens and closes and closes <= opens:
            self.add_error("closes_at", _("L'orario di chiusura deve seguire l'apertura."))
        return data


class BaseOpeningHoursFormSet(forms.BaseFormSet):
    def clean(self) -> None:
        super().clean()
        if any(self.errors):
            return
        seen: set[tuple[int, dt.time]] = set()
        for slot in self.slots():
            key = (slot.weekday, slot.opens_at)
            if key in seen:
                raise forms.ValidationError(
                    _("Due fasce orarie dello stesso giorno iniziano alla stessa ora."),
                    code="duplicate_slot",
                )
            seen.add(key)

    def slots(self) -> list[OpeningSlot]:
        """The filled-in rows that are not marked for deletion, in weekday order."""
        slots = [
            OpeningSlot(
                weekday=form.cleaned_data["weekday"],
                opens_at=form.cleaned_data["opens_at"],
                closes_at=form.cleaned_data["closes_at"],
                note=form.cleaned_data.get("note", ""),
            )
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]
        return sorted(slots, key=lambda s: (s.weekday, s.opens_at))

    @staticmethod
    def initial_for(node: Node) -> list[dict[str, Any]]:
        return [
            {"weekday": h.weekday, "opens_at": h.opens_at, "closes_at": h.closes_at, "note": h.note}
            for h in node.opening_hours.all()
        ]


OpeningHoursFormSet = cast(
    type[BaseOpeningHoursFormSet],
    forms.formset_factory(
        OpeningHoursForm,
        formset=BaseOpeningHoursFormSet,
        extra=2,
        can_delete=True,
        max_num=28,
        validate_max=True,
    ),
)
