"""Forms of the case's "Formazione" tab: orientation, assessment, enrolment, outcome and
withdrawal. They parse input; the rules are in training.case_services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from approdo.accounts.models import User
from approdo.core.forms import StyledFormMixin, style_widgets
from approdo.jobs.employer_models import CefrLevel
from approdo.jobs.models import Occupation
from approdo.training.models import (
    MAX_ORIENTATION_MINUTES,
    OUTCOMES,
    SKILL_AREAS,
    AssessmentMethod,
    Course,
    CourseKind,
    EnrolmentStatus,
    OrientationKind,
    OrientationSession,
    OrientationTopic,
    SkillLevel,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
LEVELS = [("", _("Non valutato")), *[(str(v), label) for v, label in SkillLevel.choices]]


class StaffChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.display_name)


class UnitGroups(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.code} {obj.title}"


class CourseChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return gettext(
            "%(title)s — %(place)s, dal %(start)s al %(end)s (%(status)s, posti liberi: %(left)s)"
        ) % {
            "title": obj.title,
            "place": obj.municipality.name,
            "start": f"{obj.starts_on:%d/%m/%Y}",
            "end": f"{obj.ends_on:%d/%m/%Y}",
            "status": obj.get_status_display(),
            "left": getattr(obj, "seats_left", obj.seats),
        }


class OrientationForm(StyledFormMixin, forms.Form):
    held_on = forms.DateField(label=_("Data"), widget=DATE, initial=timezone.localdate)
    kind = forms.ChoiceField(label=_("Modalità"), choices=OrientationKind.choices)
    led_by = StaffChoice(label=_("Condotta da"), queryset=User.objects.none())
    duration_minutes = forms.IntegerField(
        label=_("Durata (minuti)"), min_value=5, max_value=MAX_ORIENTATION_MINUTES, initial=60
    )
    topics = forms.MultipleChoiceField(
        label=_("Argomenti trattati"),
        choices=OrientationTopic.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    notes = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea({"rows": 2}))
    next_steps = forms.CharField(
        label=_("Prossimi passi concordati"), required=False, widget=forms.Textarea({"rows": 2})
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, required=False)

    def __init__(self, *args: Any, staff: QuerySet[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["led_by"].queryset = staff  # type: ignore[attr-defined]

    @staticmethod
    def initial_for(session: OrientationSession) -> dict[str, Any]:
        return {
            "held_on": session.held_on,
            "kind": session.kind,
            "led_by": session.led_by_id,
            "duration_minutes": session.duration_minutes,
            "topics": session.topics,
            "notes": session.notes,
            "next_steps": session.next_steps,
            "version": session.version,
        }

    def service_values(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data.pop("version", None)
        return data


class AssessmentForm(StyledFormMixin, forms.Form):
    assessed_on = forms.DateField(label=_("Data"), widget=DATE, initial=timezone.localdate)
    method = forms.ChoiceField(label=_("Metodo"), choices=AssessmentMethod.choices)
    assessed_by = StaffChoice(label=_("Valutazione di"), queryset=User.objects.none())
    qualification = forms.CharField(
        label=_("Titolo estero (per il riconoscimento)"),
        required=False,
        max_length=200,
        help_text=_("Il titolo di studio o professionale, con il paese in cui è stato preso."),
    )
    recommended_occupations = UnitGroups(
        label=_("Mansioni consigliate (ISCO-08)"),
        queryset=Occupation.objects.none(),
        required=False,
    )
    recommended_course_kinds = forms.MultipleChoiceField(
        label=_("Corsi consigliati"),
        choices=CourseKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    summary = forms.CharField(label=_("Sintesi"), widget=forms.Textarea({"rows": 3}))

    def __init__(self, *args: Any, staff: QuerySet[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["assessed_by"].queryset = staff  # type: ignore[attr-defined]
        self.fields["recommended_occupations"].queryset = Occupation.objects.filter(  # type: ignore[attr-defined]
            level=4, active=True
        ).order_by("code")
        for field, label in SKILL_AREAS:
            self.fields[field] = forms.TypedChoiceField(
                label=label, choices=LEVELS, coerce=int, empty_value=None, required=False
            )
        self.order_fields(["assessed_on", "method", "assessed_by", *[f for f, _l in SKILL_AREAS]])
        style_widgets(self)  # the level fields were added after the mixin styled the others

    def level_fields(self) -> list[forms.BoundField]:
        return [self[field] for field, _label in SKILL_AREAS]


class EnrolForm(StyledFormMixin, forms.Form):
    course = CourseChoice(
        label=_("Corso"),
        queryset=Course.objects.none(),
        help_text=_("Corsi con iscrizioni aperte o in corso e almeno un posto libero."),
    )
    enrolled_on = forms.DateField(
        label=_("Data dell'iscrizione"),
        widget=DATE,
        initial=timezone.localdate,
        required=False,
        help_text=_("Vuoto: oggi."),
    )

    def __init__(self, *args: Any, courses: QuerySet[Course], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["course"].queryset = courses  # type: ignore[attr-defined]


class OutcomeForm(StyledFormMixin, forms.Form):
    outcome = forms.ChoiceField(
        label=_("Esito"),
        choices=[(v, label) for v, label in EnrolmentStatus.choices if v in OUTCOMES],
    )
    outcome_on = forms.DateField(
        label=_("Data dell'esito"), widget=DATE, initial=timezone.localdate
    )
    cefr_reached = forms.ChoiceField(
        label=_("Livello QCER raggiunto (corsi di italiano)"),
        choices=[("", "—"), *CefrLevel.choices],
        required=False,
    )
    certificate_issued_on = forms.DateField(
        label=_("Attestato rilasciato il"),
        widget=DATE,
        required=False,
        help_text=_("Vuoto: la data dell'esito."),
    )
    note = forms.CharField(label=_("Nota"), required=False, widget=forms.Textarea({"rows": 2}))
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class WithdrawForm(StyledFormMixin, forms.Form):
    reason = forms.CharField(label=_("Motivo del ritiro"), widget=forms.Textarea({"rows": 2}))
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
