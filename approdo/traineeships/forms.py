"""Forms of the traineeship pages. They parse input; the rules (flagged host, minimum
allowance, longest duration, attendance threshold) live in the services, whose refusals land
next to the field they concern."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from approdo.accounts.models import Membership, User
from approdo.accounts.roles import NODE_PERSON_DATA_ROLES
from approdo.cases.models import Case
from approdo.core.forms import StyledFormMixin
from approdo.jobs.employer_selectors import employer_list
from approdo.jobs.models import Employer, EmployerSite, Occupation
from approdo.plans.models import Goal, VersionStatus
from approdo.traineeships.models import (
    MAX_HOURS_PER_WEEK,
    ContractType,
    InterruptedBy,
    Result,
    Traineeship,
    TraineeshipKind,
    TraineeshipStatus,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
MONTH = forms.DateInput(attrs={"type": "month"}, format="%Y-%m")
HOURS = {"max_digits": 5, "decimal_places": 1, "min_value": 0}
ALLOWANCE = {"max_digits": 8, "decimal_places": 2, "min_value": 0}


class Version(forms.IntegerField):
    widget = forms.HiddenInput

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(min_value=1, max_value=2**31 - 1, **kwargs)


class EmployerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        if getattr(obj, "flagged", False):
            return str(_("%(name)s (segnalato)") % {"name": obj.legal_name})
        return str(obj.legal_name)


class SiteChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.employer.legal_name} · {obj.name} ({obj.municipality.name})"


class OccupationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.code} {obj.title}"


class TutorChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.display_name)


def hub_staff(case: Case) -> QuerySet[User]:
    """Who may be the promoter's tutor: staff reading people's records at the case's hub or
    its spokes, today."""
    members = Membership.objects.active().filter(
        Q(node_id=case.hub_id) | Q(node__parent_hub_id=case.hub_id),
        role__in=NODE_PERSON_DATA_ROLES,
    )
    return User.objects.filter(pk__in=members.values("user_id"), is_active=True).order_by(
        "last_name", "first_name", "pk"
    )


def approved_goals(case: Case) -> QuerySet[Goal]:
    return Goal.objects.filter(
        plan_version__plan__case=case, plan_version__status=VersionStatus.APPROVED
    ).order_by("order", "pk")


class TraineeshipForm(StyledFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Tipo di tirocinio"), choices=TraineeshipKind.choices)
    employer = EmployerChoiceField(
        label=_("Soggetto ospitante"),
        queryset=Employer.objects.none(),
        help_text=_("Un datore di lavoro segnalato non può ospitare un tirocinio."),
    )
    site = SiteChoiceField(label=_("Sede del tirocinio"), queryset=EmployerSite.objects.none())
    occupation = OccupationChoiceField(
        label=_("Mansione (ISCO-08)"), queryset=Occupation.objects.none()
    )
    starts_on = forms.DateField(label=_("Inizio"), widget=DATE)
    ends_on = forms.DateField(label=_("Fine prevista"), widget=DATE)
    hours_per_week = forms.IntegerField(
        label=_("Ore settimanali"), min_value=1, max_value=MAX_HOURS_PER_WEEK
    )
    monthly_allowance = forms.DecimalField(
        label=_("Indennità mensile (€)"),
        help_text=_("Almeno il minimo della regione; la paga il budget di integrazione."),
        **ALLOWANCE,  # type: ignore[arg-type]
    )
    promoter_name = forms.CharField(
        label=_("Soggetto promotore"),
        required=False,
        max_length=200,
        help_text=_("Lascia vuoto se promuove il polo che ha in carico la persona."),
    )
    promoter_tutor = TutorChoiceField(
        label=_("Tutor del soggetto promotore"), queryset=User.objects.none()
    )
    host_tutor_name = forms.CharField(label=_("Tutor aziendale"), max_length=200)
    host_tutor_role = forms.CharField(
        label=_("Ruolo del tutor aziendale"), required=False, max_length=120
    )
    host_tutor_phone = forms.CharField(
        label=_("Telefono del tutor aziendale"), required=False, max_length=30
    )
    project = forms.CharField(
        label=_("Progetto formativo: obiettivi"), widget=forms.Textarea({"rows": 3})
    )

    def __init__(self, *args: Any, case: Case, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields = self.fields
        fields["employer"].queryset = employer_list(user=user)  # type: ignore[attr-defined]
        fields["site"].queryset = EmployerSite.objects.select_related(  # type: ignore[attr-defined]
            "employer", "municipality"
        ).order_by("employer__legal_name", "name")
        fields["occupation"].queryset = Occupation.objects.filter(  # type: ignore[attr-defined]
            active=True, level=4
        ).order_by("code")
        fields["promoter_tutor"].queryset = hub_staff(case)  # type: ignore[attr-defined]

    @staticmethod
    def initial_for(traineeship: Traineeship) -> dict[str, Any]:
        return {
            name: getattr(traineeship, name)
            for name in [
                "kind",
                "employer",
                "site",
                "occupation",
                "starts_on",
                "ends_on",
                "hours_per_week",
                "monthly_allowance",
                "promoter_name",
                "promoter_tutor",
                "host_tutor_name",
                "host_tutor_role",
                "host_tutor_phone",
                "project",
            ]
        } | {"version": traineeship.version}


class TraineeshipEditForm(TraineeshipForm):
    version = Version()


class StartForm(StyledFormMixin, forms.Form):
    goal = forms.ModelChoiceField(
        label=_("Obiettivo del PAI"),
        queryset=Goal.objects.none(),
        help_text=_("L'indennità si chiede al budget di integrazione per questo obiettivo."),
    )
    version = Version()

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["goal"].queryset = approved_goals(case)  # type: ignore[attr-defined]


class SuspendForm(StyledFormMixin, forms.Form):
    reason = forms.CharField(label=_("Motivo della sospensione"), max_length=300)
    version = Version()


class ResumeForm(forms.Form):
    version = Version()


class CloseForm(StyledFormMixin, forms.Form):
    status = forms.ChoiceField(
        label=_("Come si è chiuso"),
        choices=[
            (TraineeshipStatus.COMPLETED, TraineeshipStatus.COMPLETED.label),
            (TraineeshipStatus.INTERRUPTED, TraineeshipStatus.INTERRUPTED.label),
        ],
    )
    ended_on = forms.DateField(label=_("Fine effettiva"), widget=DATE)
    interrupted_by = forms.ChoiceField(
        label=_("Interrotto da"),
        choices=[("", "—"), *InterruptedBy.choices],
        required=False,
        help_text=_("Solo se interrotto."),
    )
    end_reason = forms.CharField(
        label=_("Motivo"), required=False, widget=forms.Textarea({"rows": 2})
    )
    result = forms.ChoiceField(label=_("Esito"), choices=[("", "—"), *Result.choices])
    contract_type = forms.ChoiceField(
        label=_("Tipo di contratto"),
        choices=[("", "—"), *ContractType.choices],
        required=False,
        help_text=_("Solo se assunta dal soggetto ospitante."),
    )
    version = Version()


class AttendanceForm(StyledFormMixin, forms.Form):
    month = forms.DateField(
        label=_("Mese"),
        widget=MONTH,
        input_formats=["%Y-%m", "%Y-%m-%d", "%m/%Y"],
        help_text=_("Anno e mese, per esempio 2025-03."),
    )
    hours_planned = forms.DecimalField(label=_("Ore previste"), **HOURS)  # type: ignore[arg-type]
    hours_attended = forms.DecimalField(label=_("Ore svolte"), **HOURS)  # type: ignore[arg-type]
    note = forms.CharField(label=_("Nota"), required=False, max_length=300)


class PayForm(StyledFormMixin, forms.Form):
    paid_on = forms.DateField(label=_("Pagato il"), widget=DATE)
    reference = forms.CharField(
        label=_("Riferimento (bonifico, ricevuta)"), required=False, max_length=120
    )

    def __init__(self, *args: Any, row_id: int, today: dt.date | None = None, **kwargs: Any):
        kwargs.setdefault("prefix", f"pay-{row_id}")
        if today is not None and not args:
            kwargs.setdefault("initial", {"paid_on": today})
        super().__init__(*args, **kwargs)


class FilterForm(StyledFormMixin, forms.Form):
    status = forms.ChoiceField(
        label=_("Stato"), choices=[("", _("Tutti")), *TraineeshipStatus.choices], required=False
    )
    employer = forms.ModelChoiceField(
        label=_("Soggetto ospitante"),
        queryset=Employer.objects.order_by("legal_name"),
        required=False,
        empty_label=_("Tutti"),
    )
    date_from = forms.DateField(label=_("In corso dal"), required=False, widget=DATE)
    date_to = forms.DateField(label=_("In corso fino al"), required=False, widget=DATE)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", _("La fine del periodo viene prima dell'inizio."))
        return data

    def filters(self) -> dict[str, Any]:
        data = self.cleaned_data if self.is_valid() else {}
        employer = data.get("employer")
        return {
            "status": data.get("status", ""),
            "employer_id": employer.pk if employer else None,
            "date_from": data.get("date_from"),
            "date_to": data.get("date_to"),
        }
