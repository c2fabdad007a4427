"""Forms of the course catalogue: filters, a course, its status, a lesson and a lesson's
register. Rules live in the services (training.services); the forms parse input, so a refusal
from a service lands next to its field."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from approdo.accounts.models import User
from approdo.core.forms import StyledFormMixin
from approdo.jobs.employer_models import CefrLevel
from approdo.jobs.profile_models import CertificateKind
from approdo.network.models import Language, Municipality, Node, Region
from approdo.training import selectors as sel
from approdo.training.models import (
    COURSE_TRANSITIONS,
    DEFAULT_MIN_ATTENDANCE,
    MAX_COURSE_HOURS,
    MAX_SESSION_HOURS,
    AttendanceStatus,
    Course,
    CourseKind,
    CourseSession,
    CourseStatus,
    Enrolment,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
ALL = _("Tutti")


class PlaceChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name} ({obj.province.abbreviation})"


class NodeChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.code} · {obj.name}"


class CourseFilterForm(StyledFormMixin, forms.Form):
    kind = forms.ChoiceField(
        label=_("Tipo"), choices=[("", ALL), *CourseKind.choices], required=False
    )
    status = forms.ChoiceField(
        label=_("Stato"), choices=[("", ALL), *CourseStatus.choices], required=False
    )
    region = forms.ModelChoiceField(
        label=_("Regione"),
        queryset=Region.objects.order_by("name"),
        required=False,
        empty_label=_("Tutte"),
    )
    node = NodeChoice(
        label=_("Nodo organizzatore"),
        queryset=Node.objects.order_by("code"),
        required=False,
        empty_label=ALL,
    )
    place = forms.CharField(label=_("Luogo (comune o indirizzo)"), required=False, max_length=100)
    enrollable_only = forms.BooleanField(label=_("Solo con iscrizioni possibili"), required=False)

    def filters(self) -> dict[str, Any]:
        data = self.cleaned_data if self.is_valid() else {}
        region, node = data.get("region"), data.get("node")
        return {
            "kind": data.get("kind", ""),
            "status": data.get("status", ""),
            "region_id": region.pk if region else None,
            "node_id": node.pk if node else None,
            "place": data.get("place", ""),
            "enrollable_only": bool(data.get("enrollable_only")),
        }


class CourseForm(StyledFormMixin, forms.Form):
    title = forms.CharField(label=_("Titolo"), max_length=200)
    kind = forms.ChoiceField(label=_("Tipo"), choices=CourseKind.choices)
    provider = forms.CharField(
        label=_("Ente erogatore"),
        max_length=200,
        help_text=_("Chi tiene il corso: CPIA, ente di formazione accreditato, il nodo stesso…"),
    )
    node = NodeChoice(label=_("Nodo organizzatore"), queryset=Node.objects.none())
    municipality = PlaceChoice(label=_("Comune"), queryset=Municipality.objects.none())
    address = forms.CharField(label=_("Indirizzo o sede"), max_length=200, required=False)
    starts_on = forms.DateField(label=_("Inizio"), widget=DATE)
    ends_on = forms.DateField(label=_("Fine"), widget=DATE)
    total_hours = forms.DecimalField(
        label=_("Ore totali"),
        min_value=Decimal("0.5"),
        max_value=MAX_COURSE_HOURS,
        decimal_places=1,
        help_text=_("Il monte ore su cui si calcola la frequenza."),
    )
    seats = forms.IntegerField(label=_("Posti"), min_value=1, max_value=500)
    language = forms.ModelChoiceField(label=_("Lingua del corso"), queryset=Language.objects.all())
    cefr_target = forms.ChoiceField(
        label=_("Livello QCER di arrivo"),
        choices=[("", "—"), *CefrLevel.choices],
        required=False,
        help_text=_("Solo per i corsi di italiano."),
    )
    certificate_kinds = forms.MultipleChoiceField(
        label=_("Attestati rilasciati a chi completa il corso"),
        choices=CertificateKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    certificate_other = forms.CharField(
        label=_("Quale attestato (se altro)"), max_length=200, required=False
    )
    min_attendance_pct = forms.IntegerField(
        label=_("Frequenza minima per il completamento (%)"),
        min_value=1,
        max_value=100,
        initial=DEFAULT_MIN_ATTENDANCE,
    )
    description = forms.CharField(
        label=_("Descrizione"), required=False, widget=forms.Textarea({"rows": 3})
    )
    status = forms.ChoiceField(
        label=_("Stato"),
        choices=[
            (CourseStatus.PLANNED, CourseStatus.PLANNED.label),
            (CourseStatus.OPEN, CourseStatus.OPEN.label),
        ],
        initial=CourseStatus.PLANNED,
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, required=False)

    def __init__(self, *args: Any, user: User, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        nodes = sel.writer_nodes(user)
        self.fields["node"].queryset = nodes  # type: ignore[attr-defined]
        regions = nodes.values("region_id")
        self.fields["municipality"].queryset = (  # type: ignore[attr-defined]
            Municipality.objects.filter(province__region__in=regions)
            .select_related("province")
            .order_by("name")
        )
        if editing:
            del self.fields["status"]  # the status has its own form on the course's page
        else:  # most courses are taught in Italian
            self.fields["language"].initial = (
                Language.objects.filter(code="it").values_list("pk", flat=True).first()
            )

    @staticmethod
    def initial_for(course: Course) -> dict[str, Any]:
        return {
            "title": course.title,
            "kind": course.kind,
            "provider": course.provider,
            "node": course.node_id,
            "municipality": course.municipality_id,
            "address": course.address,
            "starts_on": course.starts_on,
            "ends_on": course.ends_on,
            "total_hours": course.total_hours,
            "seats": course.seats,
            "language": course.language_id,
            "cefr_target": course.cefr_target,
            "certificate_kinds": course.certificate_kinds,
            "certificate_other": course.certificate_other,
            "min_attendance_pct": course.min_attendance_pct,
            "description": course.description,
            "version": course.version,
        }

    def service_values(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data.pop("version", None)
        data.pop("status", None)
        return data


class StatusForm(StyledFormMixin, forms.Form):
    status = forms.ChoiceField(label=_("Nuovo stato"), choices=CourseStatus.choices)
    reason = forms.CharField(
        label=_("Motivo (per l'annullamento)"),
        required=False,
        widget=forms.Textarea({"rows": 2}),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args: Any, course: Course, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"version": course.version})
        super().__init__(*args, **kwargs)
        allowed = COURSE_TRANSITIONS.get(course.status, frozenset())
        self.fields["status"].choices = [  # type: ignore[attr-defined]
            (value, label) for value, label in CourseStatus.choices if value in allowed
        ]


class SessionForm(StyledFormMixin, forms.Form):
    date = forms.DateField(label=_("Data"), widget=DATE, initial=timezone.localdate)
    starts_at = forms.TimeField(label=_("Inizio"), widget=TIME)
    ends_at = forms.TimeField(label=_("Fine"), widget=TIME)
    hours = forms.DecimalField(
        label=_("Ore"),
        required=False,
        min_value=Decimal("0.5"),
        max_value=MAX_SESSION_HOURS,
        decimal_places=1,
        help_text=_("Vuoto: la durata della lezione, arrotondata alla mezz'ora."),
    )
    topic = forms.CharField(label=_("Argomento"), required=False, max_length=200)


def status_field(enrolment: Enrolment) -> str:
    return f"status_{enrolment.pk}"


def hours_field(enrolment: Enrolment) -> str:
    return f"hours_{enrolment.pk}"


class RegisterForm(StyledFormMixin, forms.Form):
    """One lesson's register: a presence and the hours for each person expected."""

    def __init__(
        self,
        *args: Any,
        session: CourseSession,
        lines: list[tuple[Enrolment, Any]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.session = session
        self.lines = [(e, line) for e, line in lines if e.status == "enrolled"]
        for enrolment, line in self.lines:
            self.fields[status_field(enrolment)] = forms.ChoiceField(
                label=_("Presenza"),
                choices=AttendanceStatus.choices,
                initial=line.status if line else AttendanceStatus.PRESENT,
            )
            self.fields[hours_field(enrolment)] = forms.DecimalField(
                label=_("Ore"),
                required=False,
                min_value=Decimal(0),
                max_value=session.hours,
                decimal_places=1,
                initial=line.hours if line else session.hours,
            )

    def rows(self) -> list[tuple[Enrolment, str, Decimal | None]]:
        data = self.cleaned_data
        return [(e, data[status_field(e)], data.get(hours_field(e))) for e, _line in self.lines]

    def bound_rows(self) -> list[tuple[Enrolment, forms.BoundField, forms.BoundField]]:
        return [(e, self[status_field(e)], self[hours_field(e)]) for e, _line in self.lines]
