"""Taking charge: a case is one person at one hub, from first contact to closure."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from approdo.cases.stages import NEEDS_PERSON, TAKEN_STAGES, ClosureOutcome, Stage
from approdo.core.models import TimeStampedModel, VersionedModel


class AccessChannel(models.TextChoices):
    DIRECT = "direct", _("Accesso diretto")
    PROACTIVE = "proactive", _("Accesso proattivo (outreach)")
    INTERNAL = "internal", _("Invio interno")
    EXTERNAL = "external", _("Rete esterna")


class InternalSource(models.TextChoices):
    SPOKE = "spoke", _("Spoke")
    HELPDESK = "helpdesk", _("Helpdesk anticaporalato")
    OTHER_HUB = "other_hub", _("Altro PSI")
    OUTREACH = "outreach", _("Unità mobile")
    OTHER = "other", _("Altro servizio del programma")


class ExternalBodyKind(models.TextChoices):
    LABOUR_INSPECTORATE = "labour_inspectorate", _("Ispettorato del lavoro")
    POLICE = "police", _("Forze dell'ordine")
    PREFECTURE = "prefecture", _("Prefettura")
    MUNICIPALITY = "municipality", _("Comune / servizi sociali")
    HEALTH = "health", _("Servizio sanitario")
    JOB_CENTRE = "job_centre", _("Centro per l'Impiego")
    UNION = "union", _("Sindacato")
    NGO = "ngo", _("Associazione / ONG")
    ANTI_TRAFFICKING = "anti_trafficking", _("Ente antitratta")
    LEGAL_AID = "legal_aid", _("Assistenza legale")
    HOUSING = "housing", _("Servizi per l'abitare")
    OTHER = "other", _("Altro")


class ExternalService(TimeStampedModel):
    """A local service outside the programme: the referral catalogue of the hubs and the
    directory the helpdesk searches while on a call (admins extend it)."""

    name = models.CharField(_("nome"), max_length=200)
    kind = models.CharField(_("tipo"), max_length=24, choices=ExternalBodyKind.choices)
    region = models.ForeignKey(
        "network.Region", on_delete=models.PROTECT, related_name="+", verbose_name=_("regione")
    )
    municipality = models.ForeignKey(
        "network.Municipality",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("comune"),
    )
    address = models.CharField(_("indirizzo"), max_length=200, blank=True)
    phone = models.CharField(_("telefono"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    contact_person = models.CharField(_("referente"), max_length=120, blank=True)
    website = models.URLField(_("sito web"), blank=True)
    opening_hours = models.CharField(_("orari"), max_length=200, blank=True)
    languages = models.ManyToManyField(
        "network.Language", blank=True, related_name="+", verbose_name=_("lingue parlate")
    )
    notes = models.TextField(_("note"), blank=True)
    active = models.BooleanField(_("attivo"), default=True)

    class Meta:
        verbose_name = _("servizio esterno")
        verbose_name_plural = _("servizi esterni")
        ordering = ["region", "name"]
        constraints = [
            models.UniqueConstraint(fields=["region", "name"], name="external_service_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


class Case(VersionedModel):
    """One person taken in charge at one hub. `hub` changes only through an accepted transfer."""

    reference = models.CharField(_("riferimento"), max_length=32, unique=True)
    person = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cases",
        verbose_name=_("persona"),
    )
    hub = models.ForeignKey(
        "network.Node", on_delete=models.PROTECT, related_name="cases", verbose_name=_("hub")
    )
    origin_node = models.ForeignKey(
        "network.Node",
        on_delete=models.PROTECT,
        related_name="originated_cases",
        verbose_name=_("nodo del primo contatto"),
    )
    stage = models.CharField(
        _("fase"), max_length=16, choices=Stage.choices, default=Stage.FIRST_CONTACT, db_index=True
    )
    suspended_from = models.CharField(
        _("fase prima della sospensione"), max_length=16, choices=Stage.choices, blank=True
    )
    access_channel = models.CharField(
        _("canale di accesso"), max_length=16, choices=AccessChannel.choices
    )
    internal_source = models.CharField(
        _("inviata da (servizio del programma)"),
        max_length=16,
        choices=InternalSource.choices,
        blank=True,
    )
    external_body_kind = models.CharField(
        _("inviata da (rete esterna)"), max_length=24, choices=ExternalBodyKind.choices, blank=True
    )
    external_body_name = models.CharField(_("ente inviante"), max_length=200, blank=True)
    # First contact: what a spoke operator can record before the person is registered.
    contact_name = models.CharField(
        _("nome o soprannome"),
        max_length=120,
        blank=True,
        help_text=_("Come la persona si è presentata, anche solo un soprannome."),
    )
    contact_phone = models.CharField(_("telefono di contatto"), max_length=32, blank=True)
    contact_language = models.ForeignKey(
        "network.Language",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("lingua"),
    )
    contact_place = models.CharField(
        _("luogo del contatto"),
        max_length=200,
        blank=True,
        help_text=_("Insediamento, campo, piazza, sportello."),
    )
    contact_with_mediator = models.BooleanField(_("presente un mediatore"), default=False)
    contact_needs = models.TextField(_("bisogni espressi"), blank=True)
    opened_on = models.DateField(_("aperta il"))
    # The day the case first reached "taken in charge" (or went straight to an active plan):
    # what the programme's realisation indicator counts. Kept after suspension and closure.
    taken_in_charge_on = models.DateField(
        _("presa in carico il"), null=True, blank=True, db_index=True, editable=False
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("aperta da"),
    )
    closed_on = models.DateField(_("chiusa il"), null=True, blank=True)
    closure_outcome = models.CharField(
        _("esito della chiusura"), max_length=16, choices=ClosureOutcome.choices, blank=True
    )
    closure_note = models.TextField(_("nota di chiusura"), blank=True)

    class Meta:
        verbose_name = _("presa in carico")
        verbose_name_plural = _("prese in carico")
        ordering = ["-opened_on", "-pk"]
        indexes = [models.Index(fields=["hub", "stage"])]
        constraints = [
            models.CheckConstraint(
                condition=~Q(stage__in=sorted(NEEDS_PERSON)) | Q(person__isnull=False),
                name="case_person_after_first_contact",
            ),
            models.CheckConstraint(
                condition=~Q(stage=Stage.CLOSED)
                | (Q(closed_on__isnull=False) & ~Q(closure_outcome="")),
                name="case_closed_has_outcome",
            ),
            models.CheckConstraint(
                condition=~Q(stage__in=sorted(TAKEN_STAGES)) | Q(taken_in_charge_on__isnull=False),
                name="case_taken_in_charge_dated",
            ),
            models.CheckConstraint(
                condition=Q(stage=Stage.SUSPENDED) | Q(suspended_from=""),
                name="case_suspended_from_only_when_suspended",
            ),
            models.CheckConstraint(
                condition=~Q(access_channel=AccessChannel.EXTERNAL) | ~Q(external_body_kind=""),
                name="case_external_channel_names_body",
            ),
            models.CheckConstraint(
                condition=~Q(access_channel=AccessChannel.INTERNAL) | ~Q(internal_source=""),
                name="case_internal_channel_names_source",
            ),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def is_open(self) -> bool:
        return self.stage != Stage.CLOSED

    @property
    def display_name(self) -> str:
        """The person's name, or the first contact's name/nickname before registration."""
        if self.person_id is not None and self.person is not None:
            return self.person.full_name
        return self.contact_name


class TeamRole(models.TextChoices):
    CASE_MANAGER = "case_manager", _("Case manager")
    SOCIAL_WORKER = "social_worker", _("Assistente sociale")
    MEDIATOR = "mediator", _("Mediatore/mediatrice")
    LEGAL = "legal", _("Consulente legale")
    PSYCHOLOGIST = "psychologist", _("Psicologo/a")
    HEALTH = "health", _("Operatore/operatrice sanitario/a")
    EDUCATOR = "educator", _("Educatore/educatrice")
    TUTOR = "tutor", _("Tutor")
    SPOKE_OPERATOR = "spoke_operator", _("Operatore/operatrice di spoke")
    OTHER = "other", _("Altro")


class CaseTeamMember(models.Model):
    """A professional on the case's team. Ended rows stay: they are who worked on the case."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="team")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="case_teams",
        verbose_name=_("professionista"),
    )
    role = models.CharField(_("ruolo nel caso"), max_length=16, choices=TeamRole.choices)
    node = models.ForeignKey(
        "network.Node", on_delete=models.PROTECT, related_name="+", verbose_name=_("nodo")
    )
    since = models.DateField(_("dal"))
    until = models.DateField(_("al"), null=True, blank=True)

    class Meta:
        verbose_name = _("membro dell'équipe del caso")
        verbose_name_plural = _("équipe del caso")
        ordering = ["case", "until", "role"]
        constraints = [
            models.UniqueConstraint(
                fields=["case"],
                condition=Q(role="case_manager", until__isnull=True),
                name="case_one_active_case_manager",
            ),
            models.UniqueConstraint(
                fields=["case", "user"],
                condition=Q(until__isnull=True),
                name="case_team_member_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()})"


class BreakGlassAccess(models.Model):
    """Emergency access to a case's data by a hub colleague outside its team.

    Time-limited; the justification is logged and shown to the hub coordinator.
    """

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="break_glass")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    justification = models.TextField(_("motivazione"))
    opened_at = models.DateTimeField(_("aperto il"), auto_now_add=True)
    expires_at = models.DateTimeField(_("scade il"))
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("presa visione da"),
    )
    reviewed_at = models.DateTimeField(_("presa visione il"), null=True, blank=True)

    class Meta:
        verbose_name = _("accesso di emergenza")
        verbose_name_plural = _("accessi di emergenza")
        ordering = ["-opened_at"]

    def __str__(self) -> str:
        return f"{self.case} ({self.user})"


class EventKind(models.TextChoices):
    OPENED = "opened", _("Apertura")
    STAGE = "stage", _("Cambio di fase")
    PERSON = "person", _("Persona registrata")
    TEAM = "team", _("Équipe")
    NOTE = "note", _("Nota")
    ATTACHMENT = "attachment", _("Allegato")
    TASK = "task", _("Attività")
    BREAK_GLASS = "break_glass", _("Accesso di emergenza")
    REFERRAL = "referral", _("Invio")
    TRANSFER = "transfer", _("Trasferimento")
    SCREENING = "screening", _("Screening")
    PLAN = "plan", _("PAI")
    SERVICE = "service", _("Prestazione")
    APPOINTMENT = "appointment", _("Appuntamento")


class CaseEvent(models.Model):
    """One line of the case timeline: what happened, who did it, when, at which node."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(_("quando"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    node = models.ForeignKey("network.Node", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("tipo"), max_length=16, choices=EventKind.choices)
    from_stage = models.CharField(max_length=16, choices=Stage.choices, blank=True)
    to_stage = models.CharField(max_length=16, choices=Stage.choices, blank=True)
    summary = models.CharField(_("descrizione"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("evento del caso")
        verbose_name_plural = _("eventi del caso")
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.case}: {self.get_kind_display()}"


class Sensitivity(models.TextChoices):
    NORMAL = "normal", _("Normale (chi vede il caso)")
    TEAM = "team", _("Riservata all'équipe")
    LEGAL = "legal", _("Riservata all'area legale")


class CaseNote(TimeStampedModel):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("autore"),
    )
    node = models.ForeignKey(
        "network.Node", on_delete=models.PROTECT, related_name="+", verbose_name=_("scritta presso")
    )
    sensitivity = models.CharField(
        _("riservatezza"), max_length=8, choices=Sensitivity.choices, default=Sensitivity.NORMAL
    )
    text = models.TextField(_("testo"))

    def __str__(self) -> str:
        return f"{self.case}: {self.get_sensitivity_display()}"

    class Meta:
        verbose_name = _("nota")
        verbose_name_plural = _("note")
        ordering = ["-created_at", "-pk"]


def attachment_path(instance: CaseAttachment, filename: str) -> str:
    # The stored name never carries the uploaded name: it may contain personal data.
    return f"cases/{instance.case_id}/{instance.sha256[:32]}"


class CaseAttachment(TimeStampedModel):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="attachments")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    node = models.ForeignKey("network.Node", on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("titolo"), max_length=200)
    original_name = models.CharField(_("nome del file"), max_length=200)
    content_type = models.CharField(_("tipo"), max_length=100)
    size = models.PositiveIntegerField(_("dimensione (byte)"))
    sha256 = models.CharField(max_length=64)
    file = models.FileField(_("file"), upload_to=attachment_path)
    sensitivity = models.CharField(
        _("riservatezza"), max_length=8, choices=Sensitivity.choices, default=Sensitivity.NORMAL
    )

    def __str__(self) -> str:
        return self.title

    class Meta:
        verbose_name = _("allegato")
        verbose_name_plural = _("allegati")
        ordering = ["-created_at", "-pk"]


class CaseTask(VersionedModel):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="tasks")
    title = models.CharField(_("attività"), max_length=200)
    details = models.TextField(_("dettagli"), blank=True)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="case_tasks",
        verbose_name=_("assegnata a"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    due_on = models.DateField(_("scadenza"))
    remind_on = models.DateField(_("promemoria il"), null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True, editable=False)
    done_at = models.DateTimeField(_("completata il"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("attività")
        verbose_name_plural = _("attività")
        ordering = ["done_at", "due_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(remind_on__isnull=True) | Q(remind_on__lte=models.F("due_on")),
                name="case_task_reminder_before_due",
            )
        ]

    def __str__(self) -> str:
        return self.title


class ReferralStatus(models.TextChoices):
    SENT = "sent", _("Inviato")
    ACCEPTED = "accepted", _("Accettato")
    DECLINED = "declined", _("Rifiutato")
    COMPLETED = "completed", _("Concluso")
    CANCELLED = "cancelled", _("Annullato")


class Referral(TimeStampedModel):
    """A case sent from a node to another node or to an external service.

    Spoke -> hub, hub -> hub, hub -> external. The data shared is fixed when it is sent, from
    what the person's consents allow, and listed on the referral (`shared_fields`).
    """

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="referrals")
    # A node sends, or the helpdesk (which is not a node: it works for the whole programme).
    from_node = models.ForeignKey(
        "network.Node",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="referrals_sent",
    )
    from_helpdesk = models.BooleanField(_("inviato dall'helpdesk"), default=False)
    to_node = models.ForeignKey(
        "network.Node",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="referrals_received",
        verbose_name=_("nodo destinatario"),
    )
    to_external = models.ForeignKey(
        ExternalService,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="referrals",
        verbose_name=_("servizio esterno"),
    )
    area = models.ForeignKey(
        "network.ServiceArea",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("area"),
    )
    reason = models.TextField(_("motivo dell'invio"))
    shared_fields = models.JSONField(_("dati condivisi"), default=list)
    status = models.CharField(
        _("stato"),
        max_length=16,
        choices=ReferralStatus.choices,
        default=ReferralStatus.SENT,
        db_index=True,
    )
    due_on = models.DateField(_("risposta attesa entro"))
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decline_reason = models.TextField(_("motivo del rifiuto"), blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    outcome_note = models.TextField(_("esito"), blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("invio")
        verbose_name_plural = _("invii")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(to_node__isnull=False) & Q(to_external__isnull=True))
                | (Q(to_node__isnull=True) & Q(to_external__isnull=False)),
                name="referral_one_destination",
            ),
            models.CheckConstraint(
                condition=~Q(status=ReferralStatus.DECLINED) | ~Q(decline_reason=""),
                name="referral_declined_has_reason",
            ),
            models.CheckConstraint(
                condition=(Q(from_node__isnull=False) & Q(from_helpdesk=False))
                | (Q(from_node__isnull=True) & Q(from_helpdesk=True) & Q(to_node__isnull=False)),
                name="referral_one_sender",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case} → {self.to_node or self.to_external}"

    @property
    def sender_name(self) -> str:
        if self.from_node is not None:
            return self.from_node.name
        return str(InternalSource.HELPDESK.label)

    @property
    def destination(self) -> str:
        return str(self.to_node or self.to_external)


class TransferStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposto")
    ACCEPTED = "accepted", _("Accettato")
    DECLINED = "declined", _("Rifiutato")
    CANCELLED = "cancelled", _("Annullato")


class Transfer(TimeStampedModel):
    """A case moving to another hub (the person follows the harvest), with a handover."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="transfers")
    from_hub = models.ForeignKey("network.Node", on_delete=models.PROTECT, related_name="+")
    to_hub = models.ForeignKey(
        "network.Node",
        on_delete=models.PROTECT,
        related_name="transfers_received",
        verbose_name=_("hub di destinazione"),
    )
    handover = models.TextField(_("sintesi per il passaggio di consegne"))
    status = models.CharField(
        _("stato"),
        max_length=16,
        choices=TransferStatus.choices,
        default=TransferStatus.PROPOSED,
        db_index=True,
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decline_reason = models.TextField(_("motivo del rifiuto"), blank=True)

    class Meta:
        verbose_name = _("trasferimento")
        verbose_name_plural = _("trasferimenti")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["case"],
                condition=Q(status="proposed"),
                name="transfer_one_pending_per_case",
            ),
            models.CheckConstraint(
                condition=~Q(from_hub=models.F("to_hub")), name="transfer_to_another_hub"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case}: {self.from_hub} → {self.to_hub}"


class InquiryKind(models.TextChoices):
    REFERRAL = "referral", _("Chiedo un invio")
    TRANSFER = "transfer", _("Chiedo un trasferimento")


class InquiryStatus(models.TextChoices):
    OPEN = "open", _("Aperta")
    ANSWERED = "answered", _("Risposta data")
    DECLINED = "declined", _("Non accolta")


class PersonInquiry(TimeStampedModel):
    """ "Ask that node": a possible duplicate outside the asker's scope, raised with its node.

    The asker never learns who the person is; the receiving node sees which of its records
    matched and decides whether to refer or transfer.
    """

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    from_node = models.ForeignKey("network.Node", on_delete=models.PROTECT, related_name="+")
    to_node = models.ForeignKey(
        "network.Node", on_delete=models.PROTECT, related_name="inquiries_received"
    )
    kind = models.CharField(_("richiesta"), max_length=16, choices=InquiryKind.choices)
    message = models.TextField(_("messaggio"))
    status = models.CharField(
        _("stato"), max_length=16, choices=InquiryStatus.choices, default=InquiryStatus.OPEN
    )
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)
    answer = models.TextField(_("risposta"), blank=True)

    class Meta:
        verbose_name = _("richiesta a un altro nodo")
        verbose_name_plural = _("richieste ad altri nodi")
        ordering = ["-created_at", "-pk"]
