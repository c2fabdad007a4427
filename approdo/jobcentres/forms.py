"""Forms of the job-centre pages. Rules live in services.py; the forms only parse input, so a
refusal from a service lands next to its field."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from approdo.accounts.models import User
from approdo.core.forms import StyledFormMixin
from approdo.jobcentres.models import (
    AppointmentPurpose,
    AppointmentStatus,
    DidStatus,
    JobCentre,
    ProfilingClass,
    Registration,
)
from approdo.network.models import Province, Region

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"]


class CentreChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name} ({obj.province.abbreviation})"


class UserChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.get_full_name() or obj)


def _centres() -> QuerySet[JobCentre]:
    return (
        JobCentre.objects.filter(active=True)
        .select_related("province")
        .order_by("province__name", "name")
    )


class FilterForm(StyledFormMixin, forms.Form):
    region = forms.ModelChoiceField(
        label=_("Regione"), queryset=Region.objects.none(), required=False, empty_label=_("Tutte")
    )
    province = forms.ModelChoiceField(
        label=_("Provincia"),
        queryset=Province.objects.none(),
        required=False,
        empty_label=_("Tutte"),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        with_centres = JobCentre.objects.filter(active=True)
        fields: dict[str, Any] = self.fields
        fields["region"].queryset = Region.objects.filter(
            pk__in=with_centres.values("province__region_id")
        ).order_by("name")
        fields["province"].queryset = Province.objects.filter(
            pk__in=with_centres.values("province_id")
        ).order_by("name")

    def filters(self) -> dict[str, int | None]:
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        region, province = data.get("region"), data.get("province")
        return {
            "region_id": region.pk if region else None,
            "province_id": province.pk if province else None,
        }


class RegistrationForm(StyledFormMixin, forms.Form):
    job_centre = CentreChoiceField(
        label=_("Centro per l'impiego"), queryset=JobCentre.objects.none(), required=False
    )
    did_status = forms.ChoiceField(label=_("Stato della DID"), choices=DidStatus.choices)
    did_date = forms.DateField(label=_("Data della DID"), required=False, widget=DATE)
    status_changed_on = forms.DateField(
        label=_("Sospesa o decaduta dal"), required=False, widget=DATE
    )
    pact_signed_on = forms.DateField(
        label=_("Patto di servizio personalizzato firmato il"), required=False, widget=DATE
    )
    profiling_class = forms.ChoiceField(
        label=_("Profilazione (percorso GOL)"),
        choices=[("", _("Non nota")), *ProfilingClass.choices],
        required=False,
    )
    siu_reference = forms.CharField(label=_("Riferimento ANPAL/SIU"), max_length=64, required=False)
    notes = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea({"rows": 2}))
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(
        self,
        *args: Any,
        registration: Registration | None = None,
        suggested: JobCentre | None = None,
        **kwargs: Any,
    ) -> None:
        if not args and "initial" not in kwargs:
            if registration is not None:
                kwargs["initial"] = {
                    name: getattr(registration, name)
                    for name in (
                        "job_centre",
                        "did_status",
                        "did_date",
                        "status_changed_on",
                        "pact_signed_on",
                        "profiling_class",
                        "siu_reference",
                        "notes",
                        "version",
                    )
                }
                if registration.job_centre is None and suggested is not None:
                    kwargs["initial"]["job_centre"] = suggested
            else:
                kwargs["initial"] = {"version": 0, "job_centre": suggested}
        super().__init__(*args, **kwargs)
        centres = _centres()
        if registration is not None and registration.job_centre_id:
            # A CPI closed since keeps showing on the person who was registered there.
            centres = centres | JobCentre.objects.filter(pk=registration.job_centre_id)
        self.fields["job_centre"].queryset = centres  # type: ignore[attr-defined]


class AppointmentForm(StyledFormMixin, forms.Form):
    # Prefixed: the registration form on the same page also has a `job_centre` field.
    prefix = "appointment"

    job_centre = CentreChoiceField(
        label=_("Centro per l'impiego"), queryset=JobCentre.objects.none()
    )
    starts_at = forms.DateTimeField(
        label=_("Data e ora"), widget=DATETIME, input_formats=DATETIME_FORMATS
    )
    purpose = forms.ChoiceField(label=_("Motivo"), choices=AppointmentPurpose.choices)
    details = forms.CharField(
        label=_("Dettagli"),
        max_length=200,
        required=False,
        help_text=_("Obbligatori per «Altro»; per un'offerta, il datore di lavoro."),
    )
    accompanied_by = UserChoiceField(
        label=_("Accompagnata da"),
        queryset=User.objects.none(),
        required=False,
        help_text=_("Chi dell'équipe va con la persona (per esempio il mediatore)."),
    )

    def __init__(
        self, *args: Any, team: QuerySet[User], centre: JobCentre | None = None, **kwargs: Any
    ) -> None:
        if not args and "initial" not in kwargs and centre is not None:
            kwargs["initial"] = {"job_centre": centre}
        super().__init__(*args, **kwargs)
        fields: dict[str, Any] = self.fields
        fields["job_centre"].queryset = _centres()
        fields["accompanied_by"].queryset = team


class OutcomeForm(StyledFormMixin, forms.Form):
    status = forms.ChoiceField(
        label=_("Esito"),
        choices=[
            (s.value, s.label) for s in (AppointmentStatus.ATTENDED, AppointmentStatus.MISSED)
        ],
    )
    outcome_notes = forms.CharField(
        label=_("Note sull'esito"), required=False, widget=forms.Textarea({"rows": 2})
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class CancelForm(StyledFormMixin, forms.Form):
    reason = forms.CharField(label=_("Motivo dell'annullamento"), max_length=500)
    version = forms.IntegerField(widget=forms.HiddenInput)
