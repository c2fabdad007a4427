"""Forms of the import pages. Rules live in services (check_file, check_mapping); the forms
collect the input and show the services' errors next to the field they concern."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from approdo.cases.models import AccessChannel, ExternalBodyKind, InternalSource
from approdo.core.forms import StyledFormMixin
from approdo.network.models import Node
from approdo.registers.models import RegisterImport
from approdo.registers.reading import MAX_FILE_BYTES, column_letter
from approdo.registers.services import ImportOptions
from approdo.registers.targets import TARGETS, Target

NOT_IMPORTED = ""


class VersionForm(forms.Form):
    """The version the page was built on: a stale page's action is refused, never applied."""

    version = forms.IntegerField(min_value=1, widget=forms.HiddenInput)


class UploadForm(StyledFormMixin, forms.Form):
    file = forms.FileField(
        label=_("File del registro"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )
    node = forms.ModelChoiceField(
        label=_("Nodo in cui registrare le persone"), queryset=Node.objects.none()
    )
    sheet = forms.CharField(
        label=_("Foglio"),
        required=False,
        max_length=100,
        help_text=_("Solo per un file Excel con più fogli; vuoto: il primo foglio."),
    )

    def __init__(
        self, *args: Any, nodes: QuerySet[Node], default: Node | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = gettext(
            "Excel (.xlsx) o CSV (.csv), al massimo %(mb)s MB."
        ) % {"mb": MAX_FILE_BYTES // 1_048_576}
        node = self.fields["node"]
        assert isinstance(node, forms.ModelChoiceField)
        node.queryset = nodes
        if default is not None and nodes.filter(pk=default.pk).exists():
            node.initial = default
        elif nodes.count() == 1:
            node.initial = nodes.first()

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size is not None and upload.size > MAX_FILE_BYTES:
            raise ValidationError(
                _("Il file è troppo grande: il massimo è %(max)s MB.")
                % {"max": MAX_FILE_BYTES // 1_048_576},
                code="too_large",
            )
        return upload


class LayoutForm(StyledFormMixin, VersionForm):
    sheet = forms.ChoiceField(label=_("Foglio"), required=False)
    header_row = forms.IntegerField(
        label=_("Riga di intestazione"),
        min_value=1,
        max_value=1000,
        help_text=_("La riga con i nomi delle colonne, come numerata nel foglio."),
    )

    def __init__(self, *args: Any, register_import: RegisterImport, **kwargs: Any) -> None:
        kwargs.setdefault(
            "initial",
            {
                "sheet": register_import.sheet_name,
                "header_row": register_import.header_row,
                "version": register_import.version,
            },
        )
        super().__init__(*args, **kwargs)
        sheet = self.fields["sheet"]
        assert isinstance(sheet, forms.ChoiceField)
        sheet.choices = [(name, name) for name in register_import.sheets or []]
        if not register_import.sheets:
            sheet.widget = forms.HiddenInput()


def _column_choices(headers: list[str]) -> list[tuple[str, str]]:
    return [(NOT_IMPORTED, "— " + gettext("non importare") + " —")] + [
        (str(i), f"{column_letter(i)} · {header}") for i, header in enumerate(headers)
    ]


class MappingForm(StyledFormMixin, VersionForm):
    """One select per target field (the file's columns) and the options for the whole file."""

    open_cases = forms.BooleanField(
        label=_("Apri una presa in carico per ogni persona importata"), required=False
    )
    access_channel = forms.ChoiceField(
        label=_("Canale di accesso delle prese in carico"), choices=AccessChannel.choices
    )
    internal_source = forms.ChoiceField(
        label=_("Inviate da (servizio del programma)"),
        choices=[("", "—"), *InternalSource.choices],
        required=False,
    )
    external_body_kind = forms.ChoiceField(
        label=_("Inviate da (rete esterna)"),
        choices=[("", "—"), *ExternalBodyKind.choices],
        required=False,
    )
    external_body_name = forms.CharField(
        label=_("Nome dell'ente inviante"), max_length=200, required=False
    )
    skip_likely_duplicates = forms.BooleanField(
        label=_("Salta le righe che sono probabili doppioni"),
        required=False,
        help_text=_(
            "Le righe che somigliano molto a una persona già nella rete, o a una riga "
            "precedente del file, non vengono importate (restano nell'elenco delle righe "
            "saltate)."
        ),
    )
    jan_first_is_placeholder = forms.BooleanField(
        label=_("Il 1° gennaio è una data di comodo (conta solo l'anno)"),
        required=False,
        help_text=_("Nei registri il 1° gennaio spesso sta per «data di nascita sconosciuta»."),
    )

    OPTION_FIELDS = (
        "open_cases",
        "access_channel",
        "internal_source",
        "external_body_kind",
        "external_body_name",
        "skip_likely_duplicates",
        "jan_first_is_placeholder",
    )

    def __init__(self, *args: Any, register_import: RegisterImport, **kwargs: Any) -> None:
        imp = register_import
        initial: dict[str, Any] = {key: str(column) for key, column in (imp.mapping or {}).items()}
        initial.update({name: getattr(imp, name) for name in self.OPTION_FIELDS})
        initial["version"] = imp.version
        kwargs.setdefault("initial", initial)
        super().__init__(*args, **kwargs)
        choices = _column_choices(list(imp.headers or []))
        for target in TARGETS:
            self.fields[target.key] = forms.ChoiceField(
                label=str(target.label),
                choices=choices,
                required=False,
                help_text=str(target.help_text),
            )
            self.fields[target.key].widget.attrs["class"] = "form-select"

    def target_fields(self, group: str) -> list[tuple[Target, forms.BoundField]]:
        return [(t, self[t.key]) for t in TARGETS if t.group == group]

    def mapping(self) -> dict[str, int]:
        data = self.cleaned_data
        return {t.key: int(data[t.key]) for t in TARGETS if data.get(t.key) not in (None, "")}

    def options(self) -> ImportOptions:
        data = self.cleaned_data
        return ImportOptions(
            open_cases=bool(data.get("open_cases")),
            access_channel=data["access_channel"],
            internal_source=data.get("internal_source") or "",
            external_body_kind=data.get("external_body_kind") or "",
            external_body_name=data.get("external_body_name") or "",
            skip_likely_duplicates=bool(data.get("skip_likely_duplicates")),
            jan_first_is_placeholder=bool(data.get("jan_first_is_placeholder")),
        )


class ProblemFilterForm(forms.Form):
    severity = forms.ChoiceField(
        choices=[("", _("Tutti")), ("error", _("Errori")), ("warning", _("Avvisi"))],
        required=False,
    )
