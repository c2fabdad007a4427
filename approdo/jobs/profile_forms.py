"""Forms of the skills profile tab. Rules live in the services (jobs.profiles); the forms only
parse input, so a refusal from a service lands next to its field."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from approdo.core.forms import StyledFormMixin
from approdo.jobs.employer_models import CefrLevel, Sector
from approdo.jobs.models import Occupation
from approdo.jobs.profile_models import (
    MAX_PROFILE_HOURS,
    MAX_REACH_KM,
    MAX_YEARS,
    CertificateKind,
    FormalContract,
    LicenceCategory,
    SkillsProfile,
)
from approdo.network.models import Language

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
MONTHS = [(None, "—"), *[(m, str(m)) for m in range(1, 13)]]


class OccupationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.code} {obj.title}"


class OccupationMultipleField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.code} {obj.title}"


def _units() -> Any:
    return Occupation.objects.filter(active=True, level=4).order_by("code")


class ProfileForm(StyledFormMixin, forms.Form):
    available_from = forms.DateField(label=_("Disponibile dal"), required=False, widget=DATE)
    available_until = forms.DateField(label=_("Disponibile fino al"), required=False, widget=DATE)
    max_hours_per_week = forms.IntegerField(
        label=_("Ore settimanali al massimo"), min_value=1, max_value=MAX_PROFILE_HOURS, initial=40
    )
    reach_km = forms.IntegerField(
        label=_("Raggiunge luoghi entro (km)"), min_value=0, max_value=MAX_REACH_KM, initial=0
    )
    has_own_transport = forms.BooleanField(label=_("Ha un mezzo proprio"), required=False)
    needs_housing = forms.BooleanField(label=_("Ha bisogno di un alloggio"), required=False)
    preferred_occupations = OccupationMultipleField(
        label=_("Mansioni preferite"), queryset=Occupation.objects.none(), required=False
    )
    excluded_occupations = OccupationMultipleField(
        label=_("Mansioni escluse"), queryset=Occupation.objects.none(), required=False
    )
    preferred_sectors = forms.MultipleChoiceField(
        label=_("Settori preferiti"),
        choices=Sector.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    notes = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea({"rows": 2}))
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args: Any, profile: SkillsProfile | None = None, **kwargs: Any) -> None:
        if profile is not None and not args and "initial" not in kwargs:
            kwargs["initial"] = {
                "available_from": profile.available_from,
                "available_until": profile.available_until,
                "max_hours_per_week": profile.max_hours_per_week,
                "reach_km": profile.reach_km,
                "has_own_transport": profile.has_own_transport,
                "needs_housing": profile.needs_housing,
                "preferred_occupations": list(profile.preferred_occupations.all()),
                "excluded_occupations": list(profile.excluded_occupations.all()),
                "preferred_sectors": profile.preferred_sectors,
                "notes": profile.notes,
                "version": profile.version,
            }
        elif not args and "initial" not in kwargs:
            kwargs["initial"] = {"version": 0}
        super().__init__(*args, **kwargs)
        self.fields["preferred_occupations"].queryset = _units()  # type: ignore[attr-defined]
        # Excluding a whole group is allowed (e.g. "93", all labourers), so every level.
        self.fields["excluded_occupations"].queryset = Occupation.objects.filter(  # type: ignore[attr-defined]
            active=True
        ).order_by("code")


class ExperienceForm(StyledFormMixin, forms.Form):
    occupation = OccupationChoiceField(
        label=_("Mansione (ISCO-08)"), queryset=Occupation.objects.none()
    )
    sector = forms.ChoiceField(
        label=_("Settore"), choices=[("", "—"), *Sector.choices], required=False
    )
    tasks = forms.CharField(
        label=_("Compiti svolti"), required=False, widget=forms.Textarea({"rows": 2})
    )
    place = forms.CharField(label=_("Luogo"), required=False, max_length=200)
    from_month = forms.TypedChoiceField(
        label=_("Da mese"), choices=MONTHS, coerce=int, empty_value=None, required=False
    )
    to_month = forms.TypedChoiceField(
        label=_("A mese"), choices=MONTHS, coerce=int, empty_value=None, required=False
    )
    years = forms.DecimalField(
        label=_("Anni di esperienza"), min_value=0, max_value=MAX_YEARS, decimal_places=1
    )
    employer_name = forms.CharField(label=_("Datore di lavoro"), required=False, max_length=200)
    formal_contract = forms.ChoiceField(
        label=_("Con contratto regolare"),
        choices=FormalContract.choices,
        initial=FormalContract.UNKNOWN,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["occupation"].queryset = _units()  # type: ignore[attr-defined]


class CertificateForm(StyledFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Tipo"), choices=CertificateKind.choices)
    other_kind = forms.CharField(label=_("Quale (se altro)"), required=False, max_length=200)
    issued_on = forms.DateField(label=_("Rilasciato il"), required=False, widget=DATE)
    expires_on = forms.DateField(label=_("Scade il"), required=False, widget=DATE)
    issuer = forms.CharField(label=_("Rilasciato da"), required=False, max_length=200)


class LicenceForm(StyledFormMixin, forms.Form):
    category = forms.ChoiceField(label=_("Patente"), choices=LicenceCategory.choices)
    expires_on = forms.DateField(label=_("Scade il"), required=False, widget=DATE)


class LanguageForm(StyledFormMixin, forms.Form):
    language = forms.ModelChoiceField(label=_("Lingua"), queryset=Language.objects.all())
    level = forms.ChoiceField(label=_("Livello (QCER)"), choices=CefrLevel.choices)
