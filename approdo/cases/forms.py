"""Forms of the case pages. Rules live in services; forms only parse and show errors on fields."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from approdo.accounts.models import User
from approdo.cases.models import (
    AccessChannel,
    Case,
    ExternalBodyKind,
    InternalSource,
    Sensitivity,
    TeamRole,
)
from approdo.cases.permissions import CasePermissions
from approdo.cases.selectors import case_team, team_candidates
from approdo.cases.stages import ClosureOutcome, Stage
from approdo.core.forms import StyledFormMixin
from approdo.network.models import Language, Node
from approdo.people.forms import LanguageChoiceField

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _blank(choices: Any) -> list[tuple[str, Any]]:
    return [("", "—"), *choices]


class UserChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.get_full_name() or obj.get_username())


class UniqueIdsMixin:
    """The card holds several forms: prefix their element ids (not their field names)."""

    id_prefix = "f"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", f"{self.id_prefix}_%s")
        super().__init__(*args, **kwargs)


class CaseFilterForm(StyledFormMixin, forms.Form):
    q = forms.CharField(
        label=_("Cerca"),
        required=False,
        max_length=100,
        help_text=_("Riferimento, oppure nome (solo per i casi di cui vedi i dati)."),
    )
    stage = forms.ChoiceField(label=_("Fase"), required=False, choices=_blank(Stage.choices))
    node = forms.ModelChoiceField(label=_("Nodo"), required=False, queryset=Node.objects.none())
    mine = forms.BooleanField(label=_("Solo i miei"), required=False)

    def __init__(self, *args: Any, nodes: QuerySet[Node], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["node"].queryset = nodes  # type: ignore[attr-defined]

    def filters(self) -> dict[str, Any]:
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        node = data.get("node")
        return {
            "q": data.get("q", ""),
            "stage": data.get("stage", ""),
            "mine": bool(data.get("mine")),
            "node_id": node.pk if node else None,
        }


class FirstContactForm(StyledFormMixin, forms.Form):
    """What a spoke operator (or a hub worker) records at first contact, in the field."""

    origin_node = forms.ModelChoiceField(
        label=_("Nodo del primo contatto"), queryset=Node.objects.none()
    )
    contact_name = forms.CharField(
        label=_("Nome o soprannome"),
        max_length=120,
        required=False,
        help_text=_("Come la persona si è presentata, anche solo un soprannome."),
    )
    contact_phone = forms.CharField(label=_("Telefono di contatto"), max_length=32, required=False)
    contact_language = LanguageChoiceField(
        label=_("Lingua"), queryset=Language.objects.all(), required=False
    )
    contact_place = forms.CharField(
        label=_("Luogo del contatto"),
        max_length=200,
        required=False,
        help_text=_("Insediamento, campo, piazza, sportello."),
    )
    contact_with_mediator = forms.BooleanField(label=_("Presente un mediatore"), required=False)
    contact_needs = forms.CharField(
        label=_("Bisogni espressi"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    opened_on = forms.DateField(
        label=_("Data del contatto"),
        required=False,
        widget=DATE_WIDGET,
        help_text=_("Lascia vuoto se è oggi."),
    )
    access_channel = forms.ChoiceField(
        label=_("Canale di accesso"), choices=_blank(AccessChannel.choices)
    )
    internal_source = forms.ChoiceField(
        label=_("Servizio del programma che ha inviato la persona"),
        required=False,
        choices=_blank(InternalSource.choices),
        help_text=_("Solo per «Invio interno»."),
    )
    external_body_kind = forms.ChoiceField(
        label=_("Ente della rete esterna"),
        required=False,
        choices=_blank(ExternalBodyKind.choices),
        help_text=_("Solo per «Rete esterna»."),
    )
    external_body_name = forms.CharField(
        label=_("Nome dell'ente inviante"),
        max_length=200,
        required=False,
        help_text=_("Solo per «Rete esterna», se noto."),
    )

    PERSON_FIELDS = (
        "contact_name",
        "contact_phone",
        "contact_language",
        "contact_place",
        "contact_with_mediator",
        "contact_needs",
        "opened_on",
    )
    CHANNEL_FIELDS = (
        "access_channel",
        "internal_source",
        "external_body_kind",
        "external_body_name",
    )

    def __init__(self, *args: Any, nodes: QuerySet[Node], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["origin_node"].queryset = nodes  # type: ignore[attr-defined]

    def section(self, names: tuple[str, ...]) -> list[forms.BoundField]:
        return [self[name] for name in names]

    def person_section(self) -> list[forms.BoundField]:
        return self.section(self.PERSON_FIELDS)

    def channel_section(self) -> list[forms.BoundField]:
        return self.section(self.CHANNEL_FIELDS)


class MoveForm(forms.Form):
    to_stage = forms.ChoiceField(choices=Stage.choices)
    version = forms.IntegerField(widget=forms.HiddenInput)
    note = forms.CharField(required=False, max_length=300)


class CloseForm(UniqueIdsMixin, StyledFormMixin, forms.Form):
    id_prefix = "close"

    outcome = forms.ChoiceField(label=_("Esito"), choices=_blank(ClosureOutcome.choices))
    note = forms.CharField(
        label=_("Nota di chiusura"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000
    )
    closed_on = forms.DateField(
        label=_("Chiusa il"),
        required=False,
        widget=DATE_WIDGET,
        help_text=_("Lascia vuoto se è oggi."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class TeamAddForm(UniqueIdsMixin, StyledFormMixin, forms.Form):
    id_prefix = "team"

    user = UserChoiceField(label=_("Professionista"), queryset=User.objects.none())
    role = forms.ChoiceField(label=_("Ruolo nel caso"), choices=_blank(TeamRole.choices))

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = team_candidates(case)  # type: ignore[attr-defined]


def sensitivity_choices(perms: CasePermissions) -> list[tuple[str, Any]]:
    allowed = {Sensitivity.NORMAL.value}
    if perms.is_team_member or perms.is_coordinator:
        allowed.add(Sensitivity.TEAM.value)
    if perms.is_legal:
        allowed.add(Sensitivity.LEGAL.value)
    return [(value, label) for value, label in Sensitivity.choices if value in allowed]


class NoteForm(UniqueIdsMixin, StyledFormMixin, forms.Form):
    id_prefix = "note"

    text = forms.CharField(label=_("Nota"), widget=forms.Textarea(attrs={"rows": 3}))
    sensitivity = forms.ChoiceField(label=_("Riservatezza"), choices=Sensitivity.choices)

    def __init__(self, *args: Any, perms: CasePermissions, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["sensitivity"].choices = sensitivity_choices(perms)  # type: ignore[attr-defined]


class AttachmentForm(UniqueIdsMixin, StyledFormMixin, forms.Form):
    id_prefix = "attachment"

    title = forms.CharField(label=_("Titolo"), max_length=200, required=False)
    upload = forms.FileField(
        label=_("File"), help_text=_("PDF, JPEG, PNG, DOCX/ODT. Il nome del file non è mostrato.")
    )
    sensitivity = forms.ChoiceField(label=_("Riservatezza"), choices=Sensitivity.choices)

    def __init__(self, *args: Any, perms: CasePermissions, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["sensitivity"].choices = sensitivity_choices(perms)  # type: ignore[attr-defined]


class TaskForm(UniqueIdsMixin, StyledFormMixin, forms.Form):
    id_prefix = "task"

    title = forms.CharField(label=_("Attività"), max_length=200)
    assignee = UserChoiceField(label=_("Assegnata a"), queryset=User.objects.none())
    due_on = forms.DateField(label=_("Scadenza"), widget=DATE_WIDGET)
    remind_on = forms.DateField(label=_("Promemoria il"), required=False, widget=DATE_WIDGET)
    details = forms.CharField(
        label=_("Dettagli"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        members = case_team(case).values("user_id")
        self.fields["assignee"].queryset = User.objects.filter(  # type: ignore[attr-defined]
            pk__in=members
        ).order_by("last_name", "first_name")


class VersionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)


class BreakGlassForm(UniqueIdsMixin, StyledFormMixin, forms.Form):
    id_prefix = "glass"

    justification = forms.CharField(
        label=_("Motivazione dell'urgenza"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text=_(
            "Almeno 20 caratteri. L'accesso dura 12 ore, è registrato e il coordinatore lo legge."
        ),
    )
