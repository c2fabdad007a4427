"""The public report form, labelled and validated in the language the person chose.

Labels and error messages come from public_labels (not gettext): the form speaks the
page's language whatever the site's interface language. The time token and the honeypot
are not form fields: the view writes and checks them (spam.py), so a form shown again after
an error always carries a fresh token.
"""

from __future__ import annotations

from typing import Any

from django import forms

from approdo.helpdesk.intake import MESSAGE_MAX
from approdo.helpdesk.models import Need, PreferredChannel, Urgency
from approdo.helpdesk.public_labels import labels_for

# The twenty regions of Italy by ISTAT code, named as on the road signs.
REGIONS: tuple[tuple[str, str], ...] = (
    ("01", "Piemonte"),
    ("02", "Valle d'Aosta"),
    ("03", "Lombardia"),
    ("04", "Trentino-Alto Adige"),
    ("05", "Veneto"),
    ("06", "Friuli-Venezia Giulia"),
    ("07", "Liguria"),
    ("08", "Emilia-Romagna"),
    ("09", "Toscana"),
    ("10", "Umbria"),
    ("11", "Marche"),
    ("12", "Lazio"),
    ("13", "Abruzzo"),
    ("14", "Molise"),
    ("15", "Campania"),
    ("16", "Puglia"),
    ("17", "Basilicata"),
    ("18", "Calabria"),
    ("19", "Sicilia"),
    ("20", "Sardegna"),
)
REGION_NAMES: dict[str, str] = dict(REGIONS)

DANGER_YES = "yes"
DANGER_NO = "no"


class ReportForm(forms.Form):
    danger = forms.ChoiceField(required=False, widget=forms.RadioSelect)
    needs = forms.MultipleChoiceField(required=False, widget=forms.CheckboxSelectMultiple)
    message = forms.CharField(max_length=MESSAGE_MAX, widget=forms.Textarea(attrs={"rows": 6}))
    region = forms.ChoiceField(required=False)
    place = forms.CharField(max_length=200, required=False)
    anonymous = forms.BooleanField(required=False)
    name = forms.CharField(max_length=120, required=False)
    phone = forms.CharField(
        max_length=32,
        required=False,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel", "dir": "ltr"}),
    )
    email = forms.EmailField(
        max_length=254,
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "dir": "ltr"}),
    )
    preferred = forms.ChoiceField(required=False, widget=forms.RadioSelect)
    best_time = forms.CharField(max_length=120, required=False)
    safe_to_leave_message = forms.BooleanField(required=False)

    def __init__(self, *args: Any, lang: str, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "report-%s")
        super().__init__(*args, **kwargs)
        self.lang = lang
        labels = labels_for(lang)
        self.labels = labels
        fields = self.fields
        choices: dict[str, list[tuple[str, str]]] = {
            "danger": [(DANGER_NO, labels["no"]), (DANGER_YES, labels["yes"])],
            "needs": [(value, labels[f"need.{value}"]) for value in Need.values],
            "region": [("", labels["region_empty"]), *REGIONS],
            "preferred": [
                (value, labels[f"preferred.{value}"]) for value in PreferredChannel.values
            ],
        }
        for name, options in choices.items():
            field = fields[name]
            assert isinstance(field, forms.ChoiceField)
            field.choices = options
        for name, key in (
            ("danger", "danger_question"),
            ("needs", "needs_label"),
            ("message", "message_label"),
            ("region", "region_label"),
            ("place", "place_label"),
            ("anonymous", "anonymous_label"),
            ("name", "name_label"),
            ("phone", "phone_field"),
            ("email", "email_field"),
            ("preferred", "preferred_label"),
            ("best_time", "best_time_label"),
            ("safe_to_leave_message", "safe_message_label"),
        ):
            fields[name].label = labels[key]
            # Browsers enforce maxlength; a longer value is a tampered request.
            fields[name].error_messages.update(
                {"max_length": labels["err_form"], "invalid_choice": labels["err_form"]}
            )
        fields["needs"].help_text = labels["needs_help"]
        fields["message"].help_text = labels["message_help"]
        fields["anonymous"].help_text = labels["anonymous_help"]
        fields["message"].error_messages.update(
            {
                "required": labels["err_message"],
                "max_length": labels["err_too_long"].format(max=MESSAGE_MAX),
            }
        )
        fields["email"].error_messages["invalid"] = labels["err_email"]
        fields["message"].widget.attrs.update({"maxlength": str(MESSAGE_MAX), "dir": "auto"})
        for name in ("place", "name", "best_time"):
            fields[name].widget.attrs["dir"] = "auto"
        for field in fields.values():
            widget = field.widget
            if isinstance(widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
                continue
            if isinstance(widget, forms.CheckboxInput):
                widget.attrs["class"] = "form-check-input"
            elif isinstance(widget, forms.Select):
                widget.attrs["class"] = "form-select"
            else:
                widget.attrs["class"] = "form-control"

    def clean_message(self) -> str:
        message = str(self.cleaned_data.get("message") or "").strip()
        if not message:
            raise forms.ValidationError(self.labels["err_message"], code="required")
        return message

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        # Whoever asks to stay anonymous leaves no name, even one typed before ticking the box.
        if data.get("anonymous"):
            data["name"] = ""
        return data

    @property
    def in_danger(self) -> bool:
        return bool(getattr(self, "cleaned_data", {}).get("danger") == DANGER_YES)

    @property
    def urgency(self) -> str:
        return Urgency.DANGER if self.in_danger else Urgency.NORMAL
