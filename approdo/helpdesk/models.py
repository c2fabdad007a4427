"""The anti-caporalato helpdesk: contacts from every channel, anonymous reports, triage,
call-back and follow-up tasks.

A contact is the helpdesk's own record, read only by helpdesk operators. Whoever reports
may stay anonymous: no identity field is required, and a way to call them back, if they
leave one, lives apart (ReporterContact) with its own reads logged.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from approdo.core.models import TimeStampedModel, VersionedModel


class Channel(models.TextChoices):
    PHONE = "phone", _("Numero verde")
    WHATSAPP = "whatsapp", _("WhatsApp")
    EMAIL = "email", _("E-mail")
    WEB_FORM = "web_form", _("Modulo web")
    SOCIAL = "social", _("Social media")
    WALK_IN = "walk_in", _("Di persona")


class Need(models.TextChoices):
    RIGHTS = "rights", _("Informazioni sui diritti")
    WAGES = "wages", _("Salario e paga")
    DOCUMENTS = "documents", _("Documenti e permesso di soggiorno")
    HEALTH = "health", _("Salute")
    HOUSING = "housing", _("Casa")
    WORK = "work", _("Lavoro")
    EXPLOITATION = "exploitation", _("Segnalazione di sfruttamento")
    OTHER = "other", _("Altro")


class Urgency(models.TextChoices):
    LOW = "low", _("Bassa")
    NORMAL = "normal", _("Normale")
    HIGH = "high", _("Alta")
    DANGER = "danger", _("Pericolo immediato")


class ContactStatus(models.TextChoices):
    NEW = "new", _("Da valutare")
    IN_PROGRESS = "in_progress", _("In lavorazione")
    REFERRED = "referred", _("Inviato")
    CLOSED = "closed", _("Chiuso")


class Contact(VersionedModel):
    """One request or report reaching the helpdesk, from any channel."""

    reference = models.CharField(_("riferimento"), max_length=20, unique=True)
    channel = models.CharField(_("canale"), max_length=16, choices=Channel.choices)
    received_at = models.DateTimeField(_("ricevuto il"), db_index=True)
    out_of_hours = models.BooleanField(_("fuori orario"), default=False, editable=False)
    language = models.ForeignKey(
        "network.Language",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("lingua"),
    )
    language_other = models.CharField(_("altra lingua"), max_length=60, blank=True)
    urgency = models.CharField(
        _("urgenza"), max_length=8, choices=Urgency.choices, default=Urgency.NORMAL
    )
    anonymous = models.BooleanField(
        _("anonimo"),
        default=False,
        help_text=_("Chi contatta non vuole dare il proprio nome: non chiederlo."),
    )
    # Optional, and empty for anonymous reports: how the person asks to be called.
    name = models.CharField(_("nome o soprannome"), max_length=120, blank=True)
    region = models.ForeignKey(
        "network.Region",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("regione"),
    )
    municipality = models.ForeignKey(
        "network.Municipality",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("comune"),
    )
    place = models.CharField(
        _("luogo"),
        max_length=200,
        blank=True,
        help_text=_("Azienda, campo, insediamento: quanto basta per capire dove."),
    )
    message = models.TextField(_("richiesta o segnalazione"))
    status = models.CharField(
        _("stato"),
        max_length=16,
        choices=ContactStatus.choices,
        default=ContactStatus.NEW,
        db_index=True,
    )
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ricevuto da"),
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("in carico a"),
    )
    closed_at = models.DateTimeField(null=True, blank=True)
    closing_note = models.TextField(_("nota di chiusura"), blank=True)

    class Meta:
        verbose_name = _("contatto dell'helpdesk")
        verbose_name_plural = _("contatti dell'helpdesk")
        ordering = ["-received_at", "-pk"]
        indexes = [models.Index(fields=["status", "urgency"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(anonymous=False) | Q(name=""), name="helpdesk_anonymous_has_no_name"
            ),
            models.CheckConstraint(
                condition=~Q(status=ContactStatus.CLOSED) | Q(closed_at__isnull=False),
                name="helpdesk_closed_has_time",
            ),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def display_name(self) -> str:
        if self.anonymous:
            return str(_("Anonimo"))
        return self.name or self.reference


class ContactNeed(models.Model):
    """The needs of a contact (one row each, so monitoring counts them with plain SQL)."""

    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="needs")
    need = models.CharField(_("bisogno"), max_length=16, choices=Need.choices)

    class Meta:
        verbose_name = _("bisogno")
        verbose_name_plural = _("bisogni")
        constraints = [
            models.UniqueConstraint(fields=["contact", "need"], name="helpdesk_need_once"),
        ]

    def __str__(self) -> str:
        return self.get_need_display()


class PreferredChannel(models.TextChoices):
    PHONE = "phone", _("Telefonata")
    WHATSAPP = "whatsapp", _("WhatsApp")
    SMS = "sms", _("SMS")
    EMAIL = "email", _("E-mail")


class ReporterContact(TimeStampedModel):
    """How to reach back whoever contacted the helpdesk: optional, kept apart from the contact
    (lists and exports never join it), each read logged; erased when the contact is closed."""

    contact = models.OneToOneField(Contact, on_delete=models.CASCADE, related_name="reporter")
    phone = models.CharField(_("telefono"), max_length=32, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    preferred = models.CharField(
        _("come preferisce essere ricontattato"),
        max_length=16,
        choices=PreferredChannel.choices,
        blank=True,
    )
    best_time = models.CharField(_("quando chiamare"), max_length=120, blank=True)
    safe_to_leave_message = models.BooleanField(_("si può lasciare un messaggio"), default=False)

    class Meta:
        verbose_name = _("recapito di chi contatta")
        verbose_name_plural = _("recapiti di chi contatta")
        constraints = [
            models.CheckConstraint(
                condition=~Q(phone="") | ~Q(email=""), name="helpdesk_reporter_has_a_way"
            ),
        ]

    def __str__(self) -> str:
        return str(self.contact)


class TriageOutcome(models.TextChoices):
    ANSWERED = "answered", _("Risposta diretta")
    REFERRED_PSI = "referred_psi", _("Invio a un PSI")
    REFERRED_AUTHORITY = "referred_authority", _("Segnalazione a un'autorità")
    NO_ACTION = "no_action", _("Nessuna azione possibile")


class Authority(models.TextChoices):
    LABOUR_INSPECTORATE = "labour_inspectorate", _("Ispettorato del lavoro")
    POLICE = "police", _("Forze dell'ordine (Carabinieri, Polizia)")
    ANTI_TRAFFICKING = "anti_trafficking", _("Numero verde antitratta (800 290 290)")
    PROSECUTOR = "prosecutor", _("Procura della Repubblica")
    OTHER = "other", _("Altra autorità")


class Triage(TimeStampedModel):
    """One decision on a contact: answer, refer to a PSI, refer to an authority."""

    contact = models.ForeignKey(Contact, on_delete=models.PROTECT, related_name="triages")
    outcome = models.CharField(_("esito"), max_length=20, choices=TriageOutcome.choices)
    note = models.TextField(_("nota"))
    hub = models.ForeignKey(
        "network.Node",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("PSI"),
    )
    referral = models.OneToOneField(
        "cases.Referral",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="helpdesk_triage",
    )
    authority = models.CharField(
        _("autorità"), max_length=20, choices=Authority.choices, blank=True
    )
    external_service = models.ForeignKey(
        "cases.ExternalService",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ufficio"),
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("valutazione")
        verbose_name_plural = _("valutazioni")
        ordering = ["contact", "created_at"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(outcome=TriageOutcome.REFERRED_PSI)
                | (Q(hub__isnull=False) & Q(referral__isnull=False)),
                name="triage_psi_has_referral",
            ),
            models.CheckConstraint(
                condition=~Q(outcome=TriageOutcome.REFERRED_AUTHORITY) | ~Q(authority=""),
                name="triage_authority_named",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.contact}: {self.get_outcome_display()}"


class TaskKind(models.TextChoices):
    CALL_BACK = "call_back", _("Richiamare")
    FOLLOW_UP = "follow_up", _("Verificare l'esito")


class HelpdeskTask(VersionedModel):
    """A call-back or follow-up on a contact. Out-of-hours messages get one automatically,
    due at the next opening."""

    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="tasks")
    kind = models.CharField(_("tipo"), max_length=16, choices=TaskKind.choices)
    due_at = models.DateTimeField(_("entro"), db_index=True)
    note = models.CharField(_("nota"), max_length=300, blank=True)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("assegnato a"),
    )
    automatic = models.BooleanField(default=False, editable=False)
    done_at = models.DateTimeField(null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    outcome = models.CharField(_("esito"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("attività dell'helpdesk")
        verbose_name_plural = _("attività dell'helpdesk")
        ordering = ["done_at", "due_at", "pk"]

    def __str__(self) -> str:
        return f"{self.contact}: {self.get_kind_display()}"


class PublicSubmission(models.Model):
    """When the public form was used from an address (a keyed hash, never the address): the
    rate limit counts these; rows older than a day are deleted."""

    client_hash = models.CharField(max_length=64, db_index=True)
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("invio del modulo pubblico")
        verbose_name_plural = _("invii del modulo pubblico")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M}"
