"""Imports of existing registers: the uploaded file, its column mapping, the problems found by
the dry run and, once committed, the people and cases each row became.

An import moves through an explicit state machine (TRANSITIONS, guarded in services): the
dry run and the commit run as background tasks, so `checking` and `importing` say a task is
at work. Nothing is written to people's records before `importing`, and the commit is one
transaction: an import is either `imported` in full or `failed` with nothing written.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from approdo.cases.models import AccessChannel, ExternalBodyKind, InternalSource
from approdo.core.models import VersionedModel


class ImportStatus(models.TextChoices):
    UPLOADED = "uploaded", _("File caricato")
    MAPPED = "mapped", _("Colonne associate")
    CHECKING = "checking", _("Verifica in corso")
    CHECKED = "checked", _("Verificata")
    IMPORTING = "importing", _("Importazione in corso")
    IMPORTED = "imported", _("Importata")
    FAILED = "failed", _("Non riuscita")
    CANCELLED = "cancelled", _("Annullata")


# from-status -> the statuses it may move to (services refuse anything else).
TRANSITIONS: dict[str, frozenset[str]] = {
    # Choosing another sheet or header row starts the mapping again.
    ImportStatus.UPLOADED: frozenset(
        {ImportStatus.UPLOADED, ImportStatus.MAPPED, ImportStatus.CANCELLED}
    ),
    ImportStatus.MAPPED: frozenset(
        {
            ImportStatus.UPLOADED,
            ImportStatus.MAPPED,
            ImportStatus.CHECKING,
            ImportStatus.CANCELLED,
        }
    ),
    ImportStatus.CHECKING: frozenset({ImportStatus.CHECKED, ImportStatus.FAILED}),
    # A checked import may be checked again (the network changed), re-mapped or committed.
    ImportStatus.CHECKED: frozenset(
        {
            ImportStatus.UPLOADED,
            ImportStatus.MAPPED,
            ImportStatus.CHECKING,
            ImportStatus.IMPORTING,
            ImportStatus.CANCELLED,
        }
    ),
    ImportStatus.IMPORTING: frozenset({ImportStatus.IMPORTED, ImportStatus.FAILED}),
    # Nothing was written by a failed import: it can be mapped and checked again.
    ImportStatus.FAILED: frozenset(
        {
            ImportStatus.UPLOADED,
            ImportStatus.MAPPED,
            ImportStatus.CHECKING,
            ImportStatus.CANCELLED,
        }
    ),
    ImportStatus.IMPORTED: frozenset(),
    ImportStatus.CANCELLED: frozenset(),
}
# What a commit writes per second on SQLite, for the warnings about its write lock and for
# how long a commit may stay silent before it counts as dead.
WRITE_ROWS_PER_SECOND = 50
# A background task is at work in these statuses.
RUNNING: frozenset[str] = frozenset({ImportStatus.CHECKING, ImportStatus.IMPORTING})
# The uploaded file is still needed (it is wiped when the import ends).
KEEPS_FILE: frozenset[str] = frozenset(TRANSITIONS) - {
    ImportStatus.IMPORTED,
    ImportStatus.CANCELLED,
}


def can_move(current: str, target: str) -> bool:
    return target in TRANSITIONS.get(current, frozenset())


class FileKind(models.TextChoices):
    CSV = "csv", "CSV"
    XLSX = "xlsx", "XLSX"


class RegisterImport(VersionedModel):
    """One uploaded register and what became of it."""

    node = models.ForeignKey(
        "network.Node",
        on_delete=models.PROTECT,
        related_name="register_imports",
        verbose_name=_("nodo di registrazione"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("caricata da"),
    )
    status = models.CharField(
        _("stato"),
        max_length=16,
        choices=ImportStatus.choices,
        default=ImportStatus.UPLOADED,
        db_index=True,
    )
    # The file: bytes in the database (one backup, no media directory to keep in step).
    # Wiped once the import is imported or cancelled; its name, size and digest stay.
    file_name = models.CharField(_("nome del file"), max_length=255)
    file_kind = models.CharField(_("formato"), max_length=8, choices=FileKind.choices)
    file_size = models.PositiveIntegerField(_("dimensione (byte)"))
    file_sha256 = models.CharField(_("impronta SHA-256"), max_length=64)
    content = models.BinaryField(_("contenuto"), editable=False, blank=True)
    csv_encoding = models.CharField(_("codifica CSV"), max_length=16, blank=True)
    csv_delimiter = models.CharField(_("separatore CSV"), max_length=1, blank=True)
    sheets = models.JSONField(_("fogli"), default=list, blank=True)
    sheet_name = models.CharField(_("foglio"), max_length=100, blank=True)
    header_row = models.PositiveIntegerField(_("riga di intestazione"), default=1)
    headers = models.JSONField(_("intestazioni"), default=list, blank=True)
    row_count = models.PositiveIntegerField(_("righe di dati"), default=0)
    # {"target field": column index (0-based)}
    mapping = models.JSONField(_("associazione delle colonne"), default=dict, blank=True)
    # What the mapping page decides for the whole file.
    open_cases = models.BooleanField(_("apri una presa in carico per ogni persona"), default=True)
    access_channel = models.CharField(
        _("canale di accesso"),
        max_length=16,
        choices=AccessChannel.choices,
        default=AccessChannel.DIRECT,
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
    skip_likely_duplicates = models.BooleanField(
        _("salta le righe che sono probabili doppioni"), default=False
    )
    jan_first_is_placeholder = models.BooleanField(
        _("il 1° gennaio è una data convenzionale"), default=True
    )
    # The language the problems are written in (the one of whoever started the check).
    language = models.CharField(_("lingua dei messaggi"), max_length=8, default="it")
    # Progress and results.
    rows_done = models.PositiveIntegerField(_("righe elaborate"), default=0)
    rows_with_errors = models.PositiveIntegerField(_("righe con errori"), default=0)
    rows_with_warnings = models.PositiveIntegerField(_("righe con avvisi"), default=0)
    likely_duplicates = models.PositiveIntegerField(_("probabili doppioni"), default=0)
    people_created = models.PositiveIntegerField(_("persone registrate"), default=0)
    cases_opened = models.PositiveIntegerField(_("prese in carico aperte"), default=0)
    rows_skipped = models.PositiveIntegerField(_("righe saltate"), default=0)
    error_message = models.TextField(_("motivo dell'errore"), blank=True)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("verificata da"),
    )
    checked_at = models.DateTimeField(_("verificata il"), null=True, blank=True)
    committed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("importata da"),
    )
    finished_at = models.DateTimeField(_("conclusa il"), null=True, blank=True)
    task_id = models.CharField(_("attività in background"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("importazione di un registro")
        verbose_name_plural = _("importazioni di registri")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["node", "-created_at"])]
        constraints = [
            models.CheckConstraint(
                condition=~Q(access_channel=AccessChannel.EXTERNAL) | ~Q(external_body_kind=""),
                name="register_import_external_channel_names_body",
            ),
            models.CheckConstraint(
                condition=~Q(access_channel=AccessChannel.INTERNAL) | ~Q(internal_source=""),
                name="register_import_internal_channel_names_source",
            ),
        ]

    def __str__(self) -> str:
        return (
            f"{self.file_name} ({self.created_at:%d/%m/%Y})" if self.created_at else self.file_name
        )

    @property
    def is_running(self) -> bool:
        return self.status in RUNNING

    @property
    def rows_ready(self) -> int:
        """Rows the commit would write (checked rows without errors, less skipped ones)."""
        ready = self.row_count - self.rows_with_errors
        if self.skip_likely_duplicates:
            ready -= self.likely_duplicates
        return max(ready, 0)


class Severity(models.TextChoices):
    ERROR = "error", _("Errore")
    WARNING = "warning", _("Avviso")


class ImportProblem(models.Model):
    """One problem of one row (or of the file, row 0) found by the dry run.

    Rows, not a JSON list on the import: a 50,000-row register can have as many problems,
    and they are paginated, filtered by severity and exported.
    """

    register_import = models.ForeignKey(
        RegisterImport, on_delete=models.CASCADE, related_name="problems"
    )
    row_number = models.PositiveIntegerField(_("riga"))
    column = models.CharField(_("colonna"), max_length=200, blank=True)
    field = models.CharField(_("campo"), max_length=40, blank=True)
    value = models.CharField(_("valore"), max_length=200, blank=True)
    severity = models.CharField(_("gravità"), max_length=8, choices=Severity.choices)
    code = models.CharField(_("codice"), max_length=40)
    message = models.TextField(_("problema"))
    # A likely duplicate the user may open (in their scope only).
    person = models.ForeignKey(
        "people.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("persona simile"),
    )

    class Meta:
        verbose_name = _("problema di importazione")
        verbose_name_plural = _("problemi di importazione")
        ordering = ["register_import", "row_number", "pk"]
        indexes = [models.Index(fields=["register_import", "severity", "row_number"])]

    def __str__(self) -> str:
        return self.message


class RowOutcome(models.TextChoices):
    CREATED = "created", _("Persona registrata")
    SKIPPED = "skipped", _("Saltata (probabile doppione)")


class ImportedRow(models.Model):
    """What one spreadsheet row became: the person and case it created, or why it was skipped."""

    register_import = models.ForeignKey(
        RegisterImport, on_delete=models.PROTECT, related_name="rows"
    )
    row_number = models.PositiveIntegerField(_("riga"))
    outcome = models.CharField(_("esito"), max_length=8, choices=RowOutcome.choices)
    person = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="register_rows",
        verbose_name=_("persona"),
    )
    case = models.ForeignKey(
        "cases.Case",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("presa in carico"),
    )

    class Meta:
        verbose_name = _("riga importata")
        verbose_name_plural = _("righe importate")
        ordering = ["register_import", "row_number"]
        constraints = [
            models.UniqueConstraint(
                fields=["register_import", "row_number"], name="imported_row_once"
            ),
            models.CheckConstraint(
                condition=~Q(outcome="created") | Q(person__isnull=False),
                name="imported_row_created_has_person",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.register_import_id}:{self.row_number}"
