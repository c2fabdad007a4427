"""People taken in charge (beneficiaries): identity, documents, contacts, consent.

Names are kept as the document's Latin transliteration *and* in the original script; the
codice fiscale is stored as issued, never computed. Search keys (phonetic, transliteration-
folded) are derived by people.matching and stored in PersonSearchKey for the duplicate check.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from approdo.core.models import TimeStampedModel, VersionedModel


class Sex(models.TextChoices):
    FEMALE = "female", _("Femmina")
    MALE = "male", _("Maschio")
    NOT_STATED = "not_stated", _("Non dichiarato")


class Gender(models.TextChoices):
    WOMAN = "woman", _("Donna")
    MAN = "man", _("Uomo")
    NON_BINARY = "non_binary", _("Non binario")
    OTHER = "other", _("Altro")
    NOT_STATED = "not_stated", _("Non dichiarato")


class DatePrecision(models.TextChoices):
    EXACT = "exact", _("Esatta")
    MONTH = "month", _("Solo mese e anno")
    YEAR = "year", _("Solo anno")
    ESTIMATED = "estimated", _("Stimata")


class EducationLevel(models.TextChoices):
    """ISCED 2011 levels."""

    ISCED_0 = "0", _("ISCED 0 — nessun titolo / prima infanzia")
    ISCED_1 = "1", _("ISCED 1 — primaria")
    ISCED_2 = "2", _("ISCED 2 — secondaria inferiore")
    ISCED_3 = "3", _("ISCED 3 — secondaria superiore")
    ISCED_4 = "4", _("ISCED 4 — post-secondaria non terziaria")
    ISCED_5 = "5", _("ISCED 5 — terziaria breve")
    ISCED_6 = "6", _("ISCED 6 — laurea o equivalente")
    ISCED_7 = "7", _("ISCED 7 — laurea magistrale o equivalente")
    ISCED_8 = "8", _("ISCED 8 — dottorato")
    UNKNOWN = "unknown", _("Non noto")


class EmploymentStatus(models.TextChoices):
    EMPLOYED = "employed", _("Occupato/a con contratto")
    INFORMAL = "informal", _("Lavoro irregolare")
    SEASONAL = "seasonal", _("Lavoro stagionale")
    UNEMPLOYED = "unemployed", _("Disoccupato/a")
    INACTIVE = "inactive", _("Inattivo/a")
    STUDENT = "student", _("Studente/studentessa")
    UNKNOWN = "unknown", _("Non noto")


class HousingCondition(models.TextChoices):
    """Where the person lives, on the ETHOS Light categories (FSE+ counts the first four as
    homelessness or housing exclusion)."""

    ROOFLESS = "roofless", _("Senza tetto (in strada, rifugi di fortuna)")
    HOUSELESS = "houseless", _("Senza casa (centri di accoglienza, dormitori)")
    INSECURE = "insecure", _("Alloggio insicuro (ospite, senza contratto, insediamento informale)")
    INADEQUATE = "inadequate", _("Alloggio inadeguato (sovraffollato, baracca, inagibile)")
    HOUSED = "housed", _("Alloggio adeguato")
    UNKNOWN = "unknown", _("Non noto")


HOUSING_EXCLUSION: frozenset[str] = frozenset(
    {
        HousingCondition.ROOFLESS,
        HousingCondition.HOUSELESS,
        HousingCondition.INSECURE,
        HousingCondition.INADEQUATE,
    }
)


class Person(VersionedModel):
    """A third-country national the network works with."""

    family_name = models.CharField(
        _("cognome (come nel documento)"),
        max_length=120,
        blank=True,
        help_text=_("Vuoto se la persona non ha un cognome."),
    )
    given_names = models.CharField(_("nome/i (come nel documento)"), max_length=160)
    family_name_original = models.CharField(
        _("cognome nella scrittura originale"), max_length=120, blank=True
    )
    given_names_original = models.CharField(
        _("nome/i nella scrittura originale"), max_length=160, blank=True
    )
    sex = models.CharField(_("sesso"), max_length=16, choices=Sex.choices, default=Sex.NOT_STATED)
    gender = models.CharField(
        _("genere"), max_length=16, choices=Gender.choices, default=Gender.NOT_STATED
    )
    birth_date = models.DateField(_("data di nascita"), null=True, blank=True)
    birth_date_precision = models.CharField(
        _("precisione della data di nascita"),
        max_length=16,
        choices=DatePrecision.choices,
        default=DatePrecision.EXACT,
    )
    birth_date_is_placeholder = models.BooleanField(
        _("1° gennaio convenzionale"),
        default=False,
        help_text=_("La data registrata è un 1° gennaio di comodo: conta solo l'anno."),
    )
    birth_country = models.CharField(_("paese di nascita (ISO 3166)"), max_length=2, blank=True)
    nationality = models.CharField(_("cittadinanza (ISO 3166)"), max_length=2, blank=True)
    needs_mediator = models.BooleanField(_("serve un mediatore"), default=False)
    tax_code = models.CharField(
        _("codice fiscale (come rilasciato)"), max_length=16, blank=True, db_index=True
    )
    address = models.CharField(_("indirizzo"), max_length=200, blank=True)
    living_place = models.CharField(
        _("luogo di vita"),
        max_length=200,
        blank=True,
        help_text=_("Insediamento informale, azienda, struttura: dove la persona vive davvero."),
    )
    municipality = models.ForeignKey(
        "network.Municipality",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("comune"),
    )
    education_level = models.CharField(
        _("titolo di studio (ISCED)"),
        max_length=8,
        choices=EducationLevel.choices,
        default=EducationLevel.UNKNOWN,
    )
    employment_status = models.CharField(
        _("condizione occupazionale"),
        max_length=16,
        choices=EmploymentStatus.choices,
        default=EmploymentStatus.UNKNOWN,
    )
    housing_condition = models.CharField(
        _("condizione abitativa"),
        max_length=16,
        choices=HousingCondition.choices,
        default=HousingCondition.UNKNOWN,
    )
    # The node that registered the person; cases (next step) extend who may see the record.
    registered_at = models.ForeignKey(
        "network.Node",
        on_delete=models.PROTECT,
        related_name="registered_people",
        verbose_name=_("registrata presso"),
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("registrata da"),
    )
    # Set when a reviewer merged this record into another (linkage.merge): the record stays,
    # with every value as it was, and leaves lists and searches; unmerge clears it.
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="merged_records",
        verbose_name=_("unita alla scheda"),
        editable=False,
    )

    class Meta:
        verbose_name = _("persona")
        verbose_name_plural = _("persone")
        ordering = ["family_name", "given_names"]
        indexes = [models.Index(fields=["registered_at", "family_name", "given_names"])]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return " ".join(part for part in (self.given_names, self.family_name) if part)


class AliasKind(models.TextChoices):
    ALIAS = "alias", _("Altro nome")
    NICKNAME = "nickname", _("Soprannome")
    SPELLING = "spelling", _("Altra grafia")
    PREVIOUS = "previous", _("Nome precedente")


class PersonAlias(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(_("nome"), max_length=200)
    kind = models.CharField(_("tipo"), max_length=16, choices=AliasKind.choices)

    class Meta:
        verbose_name = _("altro nome")
        verbose_name_plural = _("altri nomi")
        constraints = [
            models.UniqueConstraint(fields=["person", "name"], name="person_alias_unique")
        ]

    def __str__(self) -> str:
        return self.name


class LanguageLevel(models.TextChoices):
    NATIVE = "native", _("Madrelingua")
    FLUENT = "fluent", _("Buona")
    BASIC = "basic", _("Di base")
    NONE = "none", _("Nessuna")


class PersonLanguage(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="languages")
    language = models.ForeignKey(
        "network.Language", on_delete=models.PROTECT, related_name="+", verbose_name=_("lingua")
    )
    level = models.CharField(_("livello"), max_length=8, choices=LanguageLevel.choices)

    class Meta:
        verbose_name = _("lingua parlata")
        verbose_name_plural = _("lingue parlate")
        constraints = [
            models.UniqueConstraint(fields=["person", "language"], name="person_language_unique")
        ]

    def __str__(self) -> str:
        return f"{self.language} ({self.get_level_display()})"


class DocumentKind(models.TextChoices):
    PASSPORT = "passport", _("Passaporto")
    RESIDENCE_PERMIT = "residence_permit", _("Permesso di soggiorno")
    PERMIT_RECEIPT = "permit_receipt", _("Ricevuta di richiesta/rinnovo del permesso")
    IDENTITY_CARD = "identity_card", _("Carta d'identità")
    OTHER = "other", _("Altro documento")


class PermitType(models.TextChoices):
    ART_18 = "art18", _("Casi speciali — art. 18 TUI")
    ART_18_TER = "art18ter", _("Vittime di sfruttamento lavorativo — art. 18-ter TUI")
    ASYLUM = "asylum", _("Asilo politico")
    SUBSIDIARY = "subsidiary", _("Protezione sussidiaria")
    SPECIAL = "special", _("Protezione speciale")
    ASYLUM_REQUEST = "asylum_request", _("Richiesta asilo")
    WORK = "work", _("Lavoro subordinato")
    SEASONAL = "seasonal", _("Lavoro stagionale")
    FAMILY = "family", _("Motivi familiari")
    LONG_TERM = "long_term", _("Soggiornante di lungo periodo (UE)")
    OTHER = "other", _("Altro")


class IdentityDocument(TimeStampedModel):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(_("tipo di documento"), max_length=24, choices=DocumentKind.choices)
    permit_type = models.CharField(
        _("tipo di permesso"), max_length=24, choices=PermitType.choices, blank=True
    )
    number = models.CharField(_("numero"), max_length=40, blank=True, db_index=True)
    issued_on = models.DateField(_("rilasciato il"), null=True, blank=True)
    expires_on = models.DateField(_("scade il"), null=True, blank=True)
    issuer = models.CharField(_("rilasciato da"), max_length=120, blank=True)
    issuing_country = models.CharField(_("paese di rilascio (ISO 3166)"), max_length=2, blank=True)

    class Meta:
        verbose_name = _("documento")
        verbose_name_plural = _("documenti")
        ordering = ["person", "-expires_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_on__isnull=True)
                | Q(issued_on__isnull=True)
                | Q(expires_on__gte=models.F("issued_on")),
                name="document_expiry_after_issue",
                violation_error_message=_("La scadenza precede il rilascio."),
            ),
            models.CheckConstraint(
                condition=Q(permit_type="") | Q(kind__in=["residence_permit", "permit_receipt"]),
                name="document_permit_type_only_for_permits",
                violation_error_message=_("Il tipo di permesso vale solo per i permessi."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.number}".strip()


class PhoneNumber(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="phones")
    number = models.CharField(_("numero (E.164)"), max_length=20, db_index=True)
    whatsapp = models.BooleanField(_("WhatsApp"), default=False)
    note = models.CharField(_("nota"), max_length=120, blank=True)

    class Meta:
        verbose_name = _("numero di telefono")
        verbose_name_plural = _("numeri di telefono")
        constraints = [
            models.UniqueConstraint(fields=["person", "number"], name="person_phone_unique")
        ]

    def __str__(self) -> str:
        return self.number


class PersonSearchKey(models.Model):
    """A derived key used to find likely duplicates fast (see people.matching).

    Rows are rewritten by the services whenever a person's names, birth date, documents or
    phones change; they hold no data that is not already on the person.
    """

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="search_keys")
    key = models.CharField(max_length=64)

    class Meta:
        indexes = [models.Index(fields=["key"])]
        constraints = [
            models.UniqueConstraint(fields=["person", "key"], name="person_search_key_unique")
        ]

    def __str__(self) -> str:
        return self.key


class InformationNotice(TimeStampedModel):
    """The privacy information notice given to the person (which version, language, how)."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="notices")
    version = models.CharField(_("versione dell'informativa"), max_length=32)
    language = models.ForeignKey(
        "network.Language", on_delete=models.PROTECT, related_name="+", verbose_name=_("lingua")
    )
    given_on = models.DateField(_("data"))
    given_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("operatore"),
    )
    with_mediator = models.BooleanField(_("con mediatore"), default=False)

    class Meta:
        verbose_name = _("informativa")
        verbose_name_plural = _("informative")
        ordering = ["person", "-given_on"]

    def __str__(self) -> str:
        return f"{self.version} ({self.given_on})"


class ConsentPurpose(models.TextChoices):
    TAKING_CHARGE = "taking_charge", _("Trattamento dei dati per la presa in carico")
    SHARING = "sharing", _("Condivisione con un servizio esterno indicato")
    PHOTOS = "photos", _("Fotografie")


class Consent(TimeStampedModel):
    """Consent per purpose; sharing names the external service. Withdrawal keeps the row."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="consents")
    purpose = models.CharField(_("finalità"), max_length=16, choices=ConsentPurpose.choices)
    external_service = models.CharField(
        _("servizio esterno"),
        max_length=200,
        blank=True,
        help_text=_("Obbligatorio per la condivisione: con chi si condividono i dati."),
    )
    given_on = models.DateField(_("dato il"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("registrato da"),
    )
    withdrawn_on = models.DateField(_("revocato il"), null=True, blank=True)

    class Meta:
        verbose_name = _("consenso")
        verbose_name_plural = _("consensi")
        ordering = ["person", "purpose", "-given_on"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(purpose="sharing") | ~Q(external_service=""),
                name="consent_sharing_names_a_service",
                violation_error_message=_("Per la condivisione indica il servizio esterno."),
            ),
            models.CheckConstraint(
                condition=Q(withdrawn_on__isnull=True) | Q(withdrawn_on__gte=models.F("given_on")),
                name="consent_withdrawn_after_given",
                violation_error_message=_("La revoca precede il consenso."),
            ),
        ]

    def __str__(self) -> str:
        return self.get_purpose_display()

    @property
    def is_active(self) -> bool:
        return self.withdrawn_on is None
