"""Forms of the people pages. Validation rules live in services; the forms reuse them so the
error appears next to the field it concerns, in Italian."""

from __future__ import annotations

import gettext
from functools import lru_cache
from typing import Any

import pycountry
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from approdo.core.forms import StyledFormMixin
from approdo.network.models import Language, Municipality, Node
from approdo.people import services
from approdo.people.matching import PersonFacts
from approdo.people.models import (
    AliasKind,
    Consent,
    ConsentPurpose,
    HousingCondition,
    IdentityDocument,
    LanguageLevel,
    Person,
    PhoneNumber,
)

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
# Fields of the register form that feed the live duplicate check (see _duplicates.html).
DUPLICATE_FIELDS = (
    "family_name",
    "given_names",
    "aliases",
    "birth_date",
    "birth_date_precision",
    "nationality",
    "sex",
    "tax_code",
    "phone",
)
DUPLICATE_CSS = "js-duplicate-field"


@lru_cache(maxsize=4)
def _country_choices(language: str) -> tuple[tuple[str, str], ...]:
    try:
        translation: gettext.NullTranslations = gettext.translation(
            "iso3166-1", pycountry.LOCALES_DIR, languages=[language]
        )
    except OSError:
        translation = gettext.NullTranslations()
    rows = [(c.alpha_2, translation.gettext(c.name)) for c in pycountry.countries]
    return tuple(sorted(rows, key=lambda row: row[1]))


def country_choices() -> list[tuple[str, str]]:
    language = (get_language() or "it").split("-")[0]
    return [("", "—"), *_country_choices(language)]


def country_name(code: str) -> str:
    return dict(country_choices()).get(code, code) if code else ""


class LanguageChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        lang = (get_language() or "it").split("-")[0]
        return str(obj.name_en if lang == "en" else obj.name_it)


PERSON_FIELDS = [
    "family_name",
    "given_names",
    "family_name_original",
    "given_names_original",
    "sex",
    "gender",
    "birth_date",
    "birth_date_precision",
    "birth_date_is_placeholder",
    "birth_country",
    "nationality",
    "needs_mediator",
    "tax_code",
    "address",
    "living_place",
    "municipality",
    "education_level",
    "employment_status",
    "housing_condition",
]


class PersonForm(StyledFormMixin, forms.ModelForm):
    """The person's own fields (register and edit)."""

    birth_country: forms.ChoiceField = forms.ChoiceField(
        label=_("Paese di nascita"), required=False
    )
    nationality: forms.ChoiceField = forms.ChoiceField(label=_("Cittadinanza"), required=False)

    class Meta:
        model = Person
        fields = PERSON_FIELDS
        widgets = {"birth_date": DATE_WIDGET}

    def __init__(self, *args: Any, municipalities: QuerySet[Municipality], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("birth_country", "nationality"):
            field = self.fields[name]
            assert isinstance(field, forms.ChoiceField)
            field.choices = country_choices()
        municipality = self.fields["municipality"]
        assert isinstance(municipality, forms.ModelChoiceField)
        municipality.queryset = municipalities
        self.fields["housing_condition"].required = False
        self.fields["tax_code"].widget.attrs.update({"autocomplete": "off", "maxlength": 16})
        self.fields["birth_date"].widget.attrs["max"] = timezone.localdate().isoformat()
        self.fields["birth_date"].widget.attrs["min"] = services.EARLIEST_BIRTH_DATE.isoformat()
        for name in DUPLICATE_FIELDS:
            if name in self.fields:
                widget = self.fields[name].widget
                widget.attrs["class"] = f"{widget.attrs.get('class', '')} {DUPLICATE_CSS}".strip()

    def clean_birth_date(self) -> Any:
        value = self.cleaned_data.get("birth_date")
        services.check_birth_date(value)
        return value

    def clean_tax_code(self) -> str:
        return services.normalise_tax_code(self.cleaned_data.get("tax_code") or "")

    def clean_housing_condition(self) -> str:
        # Optional (added later than the other fields): left out, it keeps what was recorded.
        value = self.cleaned_data.get("housing_condition")
        if value:
            return str(value)
        return self.instance.housing_condition if self.instance.pk else HousingCondition.UNKNOWN

    def person_data(self) -> services.PersonData:
        data = self.cleaned_data
        values: dict[str, Any] = {name: data.get(name) for name in PERSON_FIELDS}
        return services.PersonData(**values)


class PersonCreateForm(PersonForm):
    """Register: the person's fields plus where, first aliases, phone and language."""

    aliases = forms.CharField(
        label=_("Altri nomi"),
        required=False,
        max_length=500,
        help_text=_("Varianti, soprannomi, altre grafie: separali con una virgola."),
    )
    phone = forms.CharField(
        label=_("Telefono"),
        required=False,
        max_length=30,
        help_text=_("Per i numeri esteri scrivi il prefisso internazionale."),
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
    )
    phone_whatsapp = forms.BooleanField(label=_("Il numero usa WhatsApp"), required=False)
    language = LanguageChoiceField(
        label=_("Lingua parlata"), queryset=Language.objects.none(), required=False
    )
    language_level = forms.ChoiceField(
        label=_("Livello"), choices=LanguageLevel.choices, initial=LanguageLevel.NATIVE
    )
    registered_at = forms.ModelChoiceField(
        label=_("Registrata presso"), queryset=Node.objects.none(), empty_label=None
    )
    confirmed_distinct = forms.BooleanField(
        label=_("Ho verificato: è una persona diversa"), required=False
    )

    class Meta(PersonForm.Meta):
        pass

    def __init__(self, *args: Any, nodes: QuerySet[Node], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        registered_at = self.fields["registered_at"]
        assert isinstance(registered_at, forms.ModelChoiceField)
        registered_at.queryset = nodes
        language = self.fields["language"]
        assert isinstance(language, forms.ModelChoiceField)
        language.queryset = Language.objects.order_by("name_it")

    def clean_phone(self) -> str:
        value = self.cleaned_data.get("phone") or ""
        return services.normalise_phone(value) if value.strip() else ""

    def alias_list(self) -> list[str]:
        return [a.strip() for a in (self.cleaned_data.get("aliases") or "").split(",") if a.strip()]

    def extras(self) -> services.NewPersonExtras:
        data = self.cleaned_data
        phones = [(data["phone"], bool(data.get("phone_whatsapp")))] if data.get("phone") else []
        languages = [(data["language"], data["language_level"])] if data.get("language") else []
        return services.NewPersonExtras(
            aliases=self.alias_list(), phones=phones, languages=languages
        )


class PersonEditForm(PersonForm):
    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta(PersonForm.Meta):
        pass

    @staticmethod
    def initial_for(person: Person) -> dict[str, Any]:
        initial = {name: getattr(person, name) for name in PERSON_FIELDS}
        initial["municipality"] = person.municipality_id
        initial["version"] = person.version
        return initial


class DuplicateQueryForm(forms.Form):
    """The partial input of the register form, leniently read for the duplicate check."""

    family_name = forms.CharField(required=False, max_length=120)
    given_names = forms.CharField(required=False, max_length=160)
    aliases = forms.CharField(required=False, max_length=500)
    birth_date = forms.DateField(required=False)
    birth_date_precision = forms.CharField(required=False, max_length=16)
    nationality = forms.CharField(required=False, max_length=2)
    sex = forms.CharField(required=False, max_length=16)
    tax_code = forms.CharField(required=False, max_length=20)
    phone = forms.CharField(required=False, max_length=30)

    def is_enough(self) -> bool:
        data = self.cleaned_data
        name = len((data.get("family_name") or "") + (data.get("given_names") or "")) >= 3
        return name or len(data.get("tax_code") or "") >= 11 or len(data.get("phone") or "") >= 6

    def facts(self) -> PersonFacts:
        data = self.cleaned_data
        phone = data.get("phone") or ""
        try:
            phones: tuple[str, ...] = (services.normalise_phone(phone),) if phone else ()
        except ValidationError:
            phones = ()
        birth_date = data.get("birth_date")
        precision = data.get("birth_date_precision") or "exact"
        return PersonFacts(
            family_name=data.get("family_name") or "",
            given_names=data.get("given_names") or "",
            aliases=tuple(a.strip() for a in (data.get("aliases") or "").split(",") if a.strip()),
            birth_date=birth_date,
            birth_date_precision=precision,
            birth_date_is_placeholder=services.birth_date_is_placeholder(
                birth_date, precision, False
            ),
            nationality=(data.get("nationality") or "").upper(),
            sex=data.get("sex") or "",
            tax_code="".join((data.get("tax_code") or "").split()).upper(),
            document_numbers=(),
            phones=phones,
        )


class DocumentForm(StyledFormMixin, forms.ModelForm):
    issuing_country = forms.ChoiceField(label=_("Paese di rilascio"), required=False)

    class Meta:
        model = IdentityDocument
        fields = [
            "kind",
            "permit_type",
            "number",
            "issued_on",
            "expires_on",
            "issuer",
            "issuing_country",
        ]
        widgets = {"issued_on": DATE_WIDGET, "expires_on": DATE_WIDGET}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "doc")
        super().__init__(*args, **kwargs)
        field = self.fields["issuing_country"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = country_choices()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        issued, expires = data.get("issued_on"), data.get("expires_on")
        if issued and expires and expires < issued:
            self.add_error("expires_on", _("La scadenza non può precedere la data di rilascio."))
        return data

    def _post_clean(self) -> None:
        # The service validates the row; the form must not need the person to do so.
        pass


class PhoneForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = PhoneNumber
        fields = ["number", "whatsapp", "note"]
        labels = {"number": _("Numero")}
        widgets = {"number": forms.TextInput(attrs={"type": "tel"})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "phone")
        super().__init__(*args, **kwargs)

    def clean_number(self) -> str:
        return services.normalise_phone(self.cleaned_data.get("number") or "")

    def _post_clean(self) -> None:
        pass


class AliasForm(StyledFormMixin, forms.Form):
    name = forms.CharField(label=_("Nome"), max_length=200)
    kind = forms.ChoiceField(label=_("Tipo"), choices=AliasKind.choices)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "alias")
        super().__init__(*args, **kwargs)


class LanguageForm(StyledFormMixin, forms.Form):
    language = LanguageChoiceField(label=_("Lingua"), queryset=Language.objects.none())
    level = forms.ChoiceField(label=_("Livello"), choices=LanguageLevel.choices)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "lang")
        super().__init__(*args, **kwargs)
        language = self.fields["language"]
        assert isinstance(language, forms.ModelChoiceField)
        language.queryset = Language.objects.order_by("name_it")


class NoticeForm(StyledFormMixin, forms.Form):
    version = forms.CharField(label=_("Versione dell'informativa"), max_length=32)
    language = LanguageChoiceField(label=_("Lingua"), queryset=Language.objects.none())
    given_on = forms.DateField(label=_("Data"), widget=DATE_WIDGET)
    with_mediator = forms.BooleanField(label=_("Con mediatore"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "notice")
        kwargs.setdefault("initial", {"given_on": timezone.localdate()})
        super().__init__(*args, **kwargs)
        language = self.fields["language"]
        assert isinstance(language, forms.ModelChoiceField)
        language.queryset = Language.objects.order_by("name_it")


class ConsentForm(StyledFormMixin, forms.Form):
    purpose = forms.ChoiceField(label=_("Finalità"), choices=ConsentPurpose.choices)
    external_service = forms.CharField(
        label=_("Servizio esterno"),
        required=False,
        max_length=200,
        help_text=_("Solo per la condivisione: con chi si condividono i dati."),
    )
    given_on = forms.DateField(label=_("Dato il"), widget=DATE_WIDGET)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "consent")
        kwargs.setdefault("initial", {"given_on": timezone.localdate()})
        super().__init__(*args, **kwargs)


class WithdrawForm(StyledFormMixin, forms.Form):
    withdrawn_on = forms.DateField(label=_("Revocato il"), widget=DATE_WIDGET)

    def __init__(self, *args: Any, consent: Consent | None = None, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", f"withdraw-{consent.pk}" if consent else "withdraw")
        kwargs.setdefault("initial", {"withdrawn_on": timezone.localdate()})
        super().__init__(*args, **kwargs)


class SearchForm(StyledFormMixin, forms.Form):
    q = forms.CharField(
        label=_("Cerca"),
        required=False,
        max_length=100,
        help_text=_("Nome o altro nome, numero di documento, codice fiscale o telefono."),
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
