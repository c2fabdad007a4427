"""Forms of the projects' pages. They parse input and offer only sensible choices; the rules
live in the services, whose refusals land next to their fields."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from approdo.accounts.models import User
from approdo.cases.models import Case
from approdo.core.forms import StyledFormMixin
from approdo.jobs.employer_models import Employer
from approdo.network.models import ManagingBody, Municipality, Node, Region
from approdo.socialfarming import permissions as perms
from approdo.socialfarming.models import (
    MAX_ACTIVITY_HOURS,
    MAX_WEEKLY_HOURS,
    ActivityKind,
    FarmingKind,
    ParticipantOutcome,
    ParticipantRole,
    PartnerKind,
    PilotProject,
    ProjectStatus,
    ResultIndicator,
)

MAX_AMOUNT = Decimal("9999999999.99")


def date_input() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PlaceChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name} ({obj.province.abbreviation})"


class HubChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name} ({obj.code})"


class EmployerChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        # The flag shows in the list; choosing such an employer is refused with the reasons.
        return f"{obj.legal_name} — {_('segnalato')}" if obj.is_flagged else obj.legal_name


class CaseChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.reference} — {obj.display_name} ({obj.hub.name})"


# --- projects --------------------------------------------------------------------------------
class ProjectFilterForm(StyledFormMixin, forms.Form):
    region = forms.ModelChoiceField(
        label=_("Regione"),
        queryset=Region.objects.order_by("name"),
        required=False,
        empty_label=_("Tutte"),
    )
    status = forms.ChoiceField(
        label=_("Stato"), choices=[("", _("Tutti")), *ProjectStatus.choices], required=False
    )

    def filters(self) -> dict[str, Any]:
        if not self.is_bound or not self.is_valid():
            return {}
        region = self.cleaned_data.get("region")
        return {"region_id": region.pk if region else None, "status": self.cleaned_data["status"]}


class ProjectForm(StyledFormMixin, forms.Form):
    code = forms.CharField(
        label=_("Codice"), max_length=32, help_text=_("Unico nella rete, ad esempio PUG-AS-01.")
    )
    title = forms.CharField(label=_("Titolo"), max_length=200)
    lead_hub = HubChoice(label=_("Hub capofila"), queryset=Node.objects.none())
    managing_body = forms.ModelChoiceField(
        label=_("Ente gestore"), queryset=ManagingBody.objects.none()
    )
    municipality = PlaceChoice(label=_("Comune del terreno"), queryset=Municipality.objects.none())
    address = forms.CharField(
        label=_("Indirizzo o località del terreno"), max_length=200, required=False
    )
    hectares = forms.DecimalField(
        label=_("Ettari"), min_value=0, max_digits=7, decimal_places=2, initial=0
    )
    starts_on = forms.DateField(label=_("Inizio"), widget=date_input())
    ends_on = forms.DateField(label=_("Fine"), required=False, widget=date_input())
    farming_kind = forms.ChoiceField(label=_("Attività"), choices=FarmingKind.choices)
    farming_other = forms.CharField(
        label=_("Quale attività (se altro)"), max_length=120, required=False
    )
    aims = forms.CharField(label=_("Obiettivi"), widget=forms.Textarea({"rows": 3}))
    aims_at_startup = forms.BooleanField(
        label=_("Punta ad avviare una cooperativa o un'impresa"), required=False
    )
    status = forms.ChoiceField(
        label=_("Stato"), choices=ProjectStatus.choices, initial=ProjectStatus.PLANNED
    )
    funding_amount = forms.DecimalField(
        label=_("Finanziamento (€)"),
        min_value=0,
        max_value=MAX_AMOUNT,
        max_digits=12,
        decimal_places=2,
        required=False,
    )
    funding_source = forms.CharField(
        label=_("Fonte del finanziamento"), max_length=200, required=False
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, required=False)

    def __init__(
        self, *args: Any, user: User, project: PilotProject | None = None, **kwargs: Any
    ) -> None:
        if project is not None and not args and "initial" not in kwargs:
            kwargs["initial"] = self.initial_for(project)
        super().__init__(*args, **kwargs)
        hubs = perms.lead_hub_choices(user)
        if project is not None:
            hubs = hubs | Node.objects.filter(pk=project.lead_hub_id)
            del self.fields["code"]  # the code names the project for good
        self.fields["lead_hub"].queryset = hubs  # type: ignore[attr-defined]
        self.fields["managing_body"].queryset = (  # type: ignore[attr-defined]
            ManagingBody.objects.filter(nodes__in=hubs).distinct().order_by("name")
        )
        self.fields["municipality"].queryset = self._places(user, hubs, project)  # type: ignore[attr-defined]

    @staticmethod
    def _places(
        user: User, hubs: QuerySet[Node], project: PilotProject | None
    ) -> QuerySet[Municipality]:
        places = Municipality.objects.select_related("province").order_by("name")
        if perms.writer_hub_ids(user) is None:
            return places  # administrators: anywhere
        regions = hubs.values_list("region_id", flat=True)
        chosen = places.filter(province__region_id__in=regions)
        if project is not None:
            chosen = chosen | places.filter(pk=project.municipality_id)
        return chosen

    @staticmethod
    def initial_for(project: PilotProject) -> dict[str, Any]:
        names = [
            "title",
            "lead_hub",
            "managing_body",
            "municipality",
            "address",
            "hectares",
            "starts_on",
            "ends_on",
            "farming_kind",
            "farming_other",
            "aims",
            "aims_at_startup",
            "status",
            "funding_amount",
            "funding_source",
            "version",
        ]
        return {name: getattr(project, name) for name in names}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("farming_kind") == FarmingKind.OTHER and not data.get("farming_other"):
            self.add_error("farming_other", _("Scrivi di quale attività si tratta."))
        return data

    def service_values(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data.pop("version", None)
        return data


# --- partners, participants, activities, results ---------------------------------------------
class PartnerForm(StyledFormMixin, forms.Form):
    # Several forms share a page: ids carry the form's name (field names stay plain).
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "partner_%s")
        super().__init__(*args, **kwargs)

    employer = EmployerChoice(
        label=_("Datore di lavoro registrato"),
        queryset=Employer.objects.order_by("legal_name"),
        required=False,
        empty_label=_("Nessuno (organizzazione non registrata come datore di lavoro)"),
        help_text=_("Un datore di lavoro segnalato non può essere partner."),
    )
    name = forms.CharField(
        label=_("Organizzazione"),
        max_length=200,
        required=False,
        help_text=_("Se scegli un datore di lavoro registrato, vale la sua ragione sociale."),
    )
    kind = forms.ChoiceField(label=_("Tipo"), choices=PartnerKind.choices)
    role = forms.CharField(label=_("Ruolo nel progetto"), max_length=200)
    contact = forms.CharField(label=_("Referente e contatti"), max_length=200, required=False)
    from_on = forms.DateField(label=_("Dal"), widget=date_input(), initial=timezone.localdate)
    until_on = forms.DateField(label=_("Al"), required=False, widget=date_input())


class ParticipantForm(StyledFormMixin, forms.Form):
    case = CaseChoice(
        label=_("Presa in carico"),
        queryset=Case.objects.none(),
        required=False,
        empty_label=_("Scegli tra i casi che segui"),
        help_text=_("Solo i casi aperti che puoi modificare."),
    )
    case_reference = forms.CharField(
        label=_("Oppure il riferimento del caso"), max_length=32, required=False
    )
    role = forms.ChoiceField(label=_("Ruolo"), choices=ParticipantRole.choices)
    hours_per_week = forms.IntegerField(
        label=_("Ore settimanali"), min_value=1, max_value=MAX_WEEKLY_HOURS, initial=20
    )
    joined_on = forms.DateField(
        label=_("Entra nel progetto il"), widget=date_input(), initial=timezone.localdate
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "participant_%s")
        super().__init__(*args, **kwargs)
        self.cases = perms.editable_cases(user)
        self.fields["case"].queryset = self.cases  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        reference = (data.get("case_reference") or "").strip()
        if data.get("case") is None and "case" not in self.errors:
            if not reference:
                raise forms.ValidationError(
                    _("Scegli la presa in carico o scrivi il suo riferimento."), code="no_case"
                )
            found = self.cases.filter(reference__iexact=reference).first()
            if found is None:
                self.add_error(
                    "case_reference",
                    _("Nessun caso aperto con questo riferimento tra quelli che puoi modificare."),
                )
            data["case"] = found
        return data


class ActivityForm(StyledFormMixin, forms.Form):
    on_date = forms.DateField(label=_("Data"), widget=date_input(), initial=timezone.localdate)
    kind = forms.ChoiceField(label=_("Tipo"), choices=ActivityKind.choices)
    hours = forms.DecimalField(
        label=_("Ore"),
        min_value=Decimal("0.1"),
        max_value=MAX_ACTIVITY_HOURS,
        max_digits=4,
        decimal_places=1,
    )
    description = forms.CharField(
        label=_("Descrizione"), required=False, widget=forms.Textarea({"rows": 2})
    )
    attendees = forms.TypedMultipleChoiceField(
        label=_("Presenti"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, choices: list[tuple[int, str]], **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "activity_%s")
        super().__init__(*args, **kwargs)
        self.fields["attendees"].choices = choices  # type: ignore[attr-defined]


class ResultForm(StyledFormMixin, forms.Form):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "result_%s")
        super().__init__(*args, **kwargs)

    indicator = forms.ChoiceField(label=_("Indicatore"), choices=ResultIndicator.choices)
    other_label = forms.CharField(label=_("Quale (se altro)"), max_length=120, required=False)
    target = forms.DecimalField(
        label=_("Obiettivo"),
        min_value=0,
        max_value=MAX_AMOUNT,
        max_digits=12,
        decimal_places=2,
        required=False,
    )
    achieved = forms.DecimalField(
        label=_("Raggiunto"), min_value=0, max_value=MAX_AMOUNT, max_digits=12, decimal_places=2
    )
    measured_on = forms.DateField(
        label=_("Misurato il"), widget=date_input(), initial=timezone.localdate
    )
    notes = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea({"rows": 2}))


class EndForm(StyledFormMixin, forms.Form):
    left_on = forms.DateField(
        label=_("Uscito/a il"), widget=date_input(), initial=timezone.localdate
    )
    outcome = forms.ChoiceField(label=_("Esito"), choices=[("", "—"), *ParticipantOutcome.choices])
    note = forms.CharField(label=_("Nota sull'esito"), max_length=300, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
