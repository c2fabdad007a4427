"""Writes to cases: opening, stages, team, break-the-glass, notes, attachments, tasks.

Every service is atomic, checks the actor's rights on the case (permissions.py), writes the
case timeline (what users read) and the audit trail (what coordinators search).
Referrals, transfers and inquiries live in referral_services.py, transfer_services.py and
inquiry_services.py.
"""

from __future__ import annotations

import datetime as dt
import hashlib

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from approdo.accounts import access
from approdo.accounts.models import User
from approdo.audit.services import record
from approdo.cases import permissions as perm
from approdo.cases.models import (
    AccessChannel,
    BreakGlassAccess,
    Case,
    CaseAttachment,
    CaseEvent,
    CaseNote,
    CaseTask,
    CaseTeamMember,
    EventKind,
    Sensitivity,
    TeamRole,
)
from approdo.cases.stages import NEEDS_PERSON, TAKEN_STAGES, ClosureOutcome, Stage, can_move
from approdo.core.concurrency import StaleEditError, save_if_version
from approdo.core.models import VersionedModel
from approdo.network.models import Language, Node, NodeKind
from approdo.people.models import Person
from approdo.people.selectors import require_person

BREAK_GLASS_HOURS = 12
# Accepted attachment types, recognised by their first bytes (never by the name given).
ATTACHMENT_SIGNATURES: dict[str, tuple[bytes, ...]] = {
    "application/pdf": (b"%PDF-",),
    "image/jpeg": (b"\xff\xd8\xff",),
    "image/png": (b"\x89PNG\r\n\x1a\n",),
    # DOCX/XLSX/ODT are ZIP containers.
    "application/zip": (b"PK\x03\x04",),
}
ATTACHMENT_TYPES_LABEL = "PDF, JPEG, PNG, DOCX/ODT"


def timeline_add(
    *,
    case: Case,
    actor: User | None,
    kind: str,
    summary: str = "",
    node: Node | None = None,
    from_stage: str = "",
    to_stage: str = "",
) -> CaseEvent:
    """Append one line to the case timeline (other apps call this for their records)."""
    return CaseEvent.objects.create(
        case=case,
        actor=actor,
        node=node or case.hub,
        kind=kind,
        summary=summary[:300],
        from_stage=from_stage,
        to_stage=to_stage,
    )


def _save_or_reload(obj: VersionedModel, *, expected_version: int, fields: list[str]) -> None:
    """save_if_version; on a stale edit the caller's object goes back to the stored values,
    so a retry with it is not misled by the refused changes."""
    try:
        save_if_version(obj, expected_version=expected_version, fields=fields)
    except StaleEditError:
        obj.refresh_from_db()
        raise


def actor_node(actor: User, case: Case) -> Node:
    """The node the actor writes from: their node membership covering the case, else the hub."""
    candidates = {case.hub_id, case.origin_node_id}
    for grant in access.access_for(actor).grants:
        if grant.node_id in candidates:
            return Node.objects.get(pk=grant.node_id)
    return case.hub


def _hub_of(node: Node) -> Node:
    if node.kind == NodeKind.HUB:
        return node
    if node.parent_hub is None:
        raise ValidationError(_("Lo spoke non ha un hub di riferimento."), code="no_hub")
    return node.parent_hub


@transaction.atomic
def case_open(
    *,
    actor: User,
    origin_node: Node,
    access_channel: str,
    person: Person | None = None,
    hub: Node | None = None,
    internal_source: str = "",
    external_body_kind: str = "",
    external_body_name: str = "",
    contact_name: str = "",
    contact_phone: str = "",
    contact_language: Language | None = None,
    contact_place: str = "",
    contact_with_mediator: bool = False,
    contact_needs: str = "",
    opened_on: dt.date | None = None,
    team_role: str = "",
) -> Case:
    """Open a case at first contact. The opener joins the team (case manager at a hub).

    A spoke opens the case for its hub; the hub takes it over by accepting the referral.
    A first contact needs at least a name or nickname, or a registered person.
    """
    access.require_person_access(actor, origin_node.pk)
    hub = hub or _hub_of(origin_node)
    if hub.kind != NodeKind.HUB:
        raise ValidationError({"hub": _("Una presa in carico appartiene a un hub.")})
    if person is None and not contact_name.strip():
        raise ValidationError(
            {"contact_name": _("Indica almeno un nome o un soprannome, o registra la persona.")}
        )
    if access_channel == AccessChannel.EXTERNAL and not external_body_kind:
        raise ValidationError({"external_body_kind": _("Indica quale ente ha inviato la persona.")})
    if access_channel == AccessChannel.INTERNAL and not internal_source:
        raise ValidationError(
            {"internal_source": _("Indica quale servizio ha inviato la persona.")}
        )
    if person is not None:
        require_person(actor, person)
        if Case.objects.filter(person=person, hub=hub).exclude(stage=Stage.CLOSED).exists():
            raise ValidationError(
                _("Questa persona ha già una presa in carico aperta in questo hub."), code="open"
            )
    today = timezone.localdate()
    case = Case(
        reference=f"tmp-{timezone.now().timestamp()}-{actor.pk}",
        person=person,
        hub=hub,
        origin_node=origin_node,
        access_channel=access_channel,
        internal_source=internal_source if access_channel == AccessChannel.INTERNAL else "",
        external_body_kind=external_body_kind if access_channel == AccessChannel.EXTERNAL else "",
        external_body_name=external_body_name if access_channel == AccessChannel.EXTERNAL else "",
        contact_name=contact_name.strip(),
        contact_phone=contact_phone.strip(),
        contact_language=contact_language,
        contact_place=contact_place.strip(),
        contact_with_mediator=contact_with_mediator,
        contact_needs=contact_needs.strip(),
        opened_on=opened_on or today,
        opened_by=actor,
    )
    if case.opened_on > today:
        raise ValidationError({"opened_on": _("La data di apertura non può essere nel futuro.")})
    case.full_clean(exclude=["reference"])
    case.save()
    case.reference = f"{hub.code}-{case.opened_on.year}-{case.pk:06d}"
    case.save(update_fields=["reference"])
    role = team_role or (
        TeamRole.CASE_MANAGER if origin_node.kind == NodeKind.HUB else TeamRole.SPOKE_OPERATOR
    )
    CaseTeamMember.objects.create(
        case=case, user=actor, role=role, node=origin_node, since=case.opened_on
    )
    timeline_add(
        case=case,
        actor=actor,
        kind=EventKind.OPENED,
        node=origin_node,
        to_stage=Stage.FIRST_CONTACT,
        summary=case.get_access_channel_display(),
    )
    record(actor=actor, action="cases.case.opened", target=case, node_id=hub.pk)
    return case


@transaction.atomic
def case_link_person(*, actor: User, case: Case, person: Person) -> Case:
    """Attach the registered person to a first contact (after the duplicate check)."""
    perms = perm.permissions_for(actor, case)
    perm.require_edit(perms)
    require_person(actor, person)
    if case.person_id is not None and case.person_id != person.pk:
        raise ValidationError(_("La presa in carico ha già una persona registrata."), code="linked")
    if (
        Case.objects.filter(person=person, hub=case.hub)
        .exclude(stage=Stage.CLOSED)
        .exclude(pk=case.pk)
        .exists()
    ):
        raise ValidationError(
            _("Questa persona ha già una presa in carico aperta in questo hub."), code="open"
        )
    case.person = person
    Case.objects.filter(pk=case.pk).update(person=person, updated_at=timezone.now())
    timeline_add(case=case, actor=actor, kind=EventKind.PERSON, summary=person.full_name)
    record(
        actor=actor,
        action="cases.case.person_linked",
        target=case,
        changes={"person": (None, person.pk)},
        node_id=case.hub_id,
    )
    return case


@transaction.atomic
def case_move(
    *, actor: User, case: Case, to_stage: str, expected_version: int, note: str = ""
) -> Case:
    """Move a case along its state machine (closing goes through case_close)."""
    perms = perm.permissions_for(actor, case)
    perm.require_manage(perms)
    if to_stage == Stage.CLOSED:
        raise ValidationError(_("Per chiudere indica l'esito."), code="needs_outcome")
    if not can_move(case.stage, to_stage, suspended_from=case.suspended_from):
        raise ValidationError(
            _("Non si può passare da «%(from)s» a «%(to)s».")
            % {"from": case.get_stage_display(), "to": Stage(to_stage).label},
            code="transition",
        )
    if to_stage in NEEDS_PERSON and case.person_id is None:
        raise ValidationError(
            _("Registra prima la persona (con il controllo dei duplicati)."), code="needs_person"
        )
    old = case.stage
    if to_stage == Stage.SUSPENDED:
        case.suspended_from = old
    else:
        case.suspended_from = ""
    case.stage = to_stage
    fields = ["stage", "suspended_from"]
    if to_stage in TAKEN_STAGES and case.taken_in_charge_on is None:
        case.taken_in_charge_on = timezone.localdate()
        fields.append("taken_in_charge_on")
    _save_or_reload(case, expected_version=expected_version, fields=fields)
    timeline_add(
        case=case,
        actor=actor,
        kind=EventKind.STAGE,
        node=actor_node(actor, case),
        from_stage=old,
        to_stage=to_stage,
        summary=note,
    )
    record(
        actor=actor,
        action="cases.case.stage_changed",
        target=case,
        changes={"stage": (old, to_stage)},
        node_id=case.hub_id,
    )
    return case


@transaction.atomic
def case_close(
    *,
    actor: User,
    case: Case,
    outcome: str,
    note: str,
    expected_version: int,
    closed_on: dt.date | None = None,
) -> Case:
    """Close with an outcome and a note. Open tasks are left as they are, for the record.

    The team stays as it was at closure: its members keep reading the closed case (nobody
    can write to it any more), which is what a later return of the person needs.
    """
    perms = perm.permissions_for(actor, case)
    perm.require_manage(perms)
    errors: dict[str, str] = {}
    if outcome not in ClosureOutcome.values:
        errors["outcome"] = _("Scegli l'esito della chiusura.")
    if not note.strip():
        errors["note"] = _("Scrivi una nota di chiusura.")
    closed_on = closed_on or timezone.localdate()
    if closed_on > timezone.localdate():
        errors["closed_on"] = _("La data di chiusura non può essere nel futuro.")
    elif closed_on < case.opened_on:
        errors["closed_on"] = _("La data di chiusura non può precedere l'apertura.")
    if errors:
        raise ValidationError(errors)
    old = case.stage
    case.stage = Stage.CLOSED
    case.suspended_from = ""
    case.closure_outcome = outcome
    case.closure_note = note.strip()
    case.closed_on = closed_on
    _save_or_reload(
        case,
        expected_version=expected_version,
        fields=["stage", "suspended_from", "closure_outcome", "closure_note", "closed_on"],
    )
    timeline_add(
        case=case,
        actor=actor,
        kind=EventKind.STAGE,
        node=actor_node(actor, case),
        from_stage=old,
        to_stage=Stage.CLOSED,
        summary=f"{ClosureOutcome(outcome).label}: {case.closure_note}",
    )
    record(
        actor=actor,
        action="cases.case.closed",
        target=case,
        changes={"stage": (old, Stage.CLOSED), "closure_outcome": ("", outcome)},
        node_id=case.hub_id,
    )
    return case


# --- team -----------------------------------------------------------------------------------
@transaction.atomic
def team_add(*, actor: User, case: Case, user: User, role: str) -> CaseTeamMember:
    """Add a professional of the hub's équipe; naming a new case manager replaces the old one."""
    from approdo.cases.selectors import team_candidates

    perm.require_manage(perm.permissions_for(actor, case))
    if not team_candidates(case).filter(pk=user.pk).exists():
        raise ValidationError(
            {"user": _("Può far parte dell'équipe solo chi lavora in questo hub.")}
        )
    if role not in TeamRole.values:
        raise ValidationError({"role": _("Scegli un ruolo.")})
    today = timezone.localdate()
    CaseTeamMember.objects.filter(case=case, user=user, until__isnull=True).update(until=today)
    if role == TeamRole.CASE_MANAGER:
        CaseTeamMember.objects.filter(
            case=case, role=TeamRole.CASE_MANAGER, until__isnull=True
        ).update(role=TeamRole.OTHER)
    node = next(
        (
            Node.objects.get(pk=g.node_id)
            for g in access.access_for(user).grants
            if g.node_id in {case.hub_id, *case.hub.spokes.values_list("pk", flat=True)}
        ),
        case.hub,
    )
    member = CaseTeamMember.objects.create(case=case, user=user, role=role, node=node, since=today)
    timeline_add(
        case=case,
        actor=actor,
        kind=EventKind.TEAM,
        summary=f"+ {_display(user)} ({member.get_role_display()})",
    )
    record(
        actor=actor,
        action="cases.team.added",
        target=case,
        node_id=case.hub_id,
        data={"user": user.pk, "role": role},
    )
    return member


@transaction.atomic
def team_end(*, actor: User, member: CaseTeamMember) -> None:
    case = member.case
    perm.require_manage(perm.permissions_for(actor, case))
    if member.until is not None:
        return  # already ended: keep the date it ended on
    if member.role == TeamRole.CASE_MANAGER:
        raise ValidationError(_("Nomina prima un altro case manager."), code="manager")
    CaseTeamMember.objects.filter(pk=member.pk).update(until=timezone.localdate())
    timeline_add(case=case, actor=actor, kind=EventKind.TEAM, summary=f"− {_display(member.user)}")
    record(
        actor=actor,
        action="cases.team.ended",
        target=case,
        node_id=case.hub_id,
        data={"user": member.user_id},
    )


def _display(user: User) -> str:
    return user.get_full_name() or user.get_username()


# --- break the glass ------------------------------------------------------------------------
@transaction.atomic
def break_glass_open(*, actor: User, case: Case, justification: str) -> BreakGlassAccess:
    """Emergency read access for a hub colleague outside the team, for BREAK_GLASS_HOURS."""
    perms = perm.permissions_for(actor, case)
    perm.require_level(perms, perm.Level.EXISTENCE)
    if not perms.can_break_glass:
        raise PermissionDenied
    text = " ".join(justification.split())
    if len(text) < 20:
        raise ValidationError(
            {
                "justification": _(
                    "Spiega l'urgenza in almeno 20 caratteri: la legge il coordinatore."
                )
            }
        )
    row = BreakGlassAccess.objects.create(
        case=case,
        user=actor,
        justification=text,
        expires_at=timezone.now() + dt.timedelta(hours=BREAK_GLASS_HOURS),
    )
    timeline_add(
        case=case,
        actor=actor,
        kind=EventKind.BREAK_GLASS,
        node=actor_node(actor, case),
        summary=text,
    )
    record(
        actor=actor,
        action="cases.case.break_glass",
        target=case,
        node_id=case.hub_id,
        data={"justification": text},
    )
    return row


@transaction.atomic
def break_glass_review(*, actor: User, row: BreakGlassAccess) -> BreakGlassAccess:
    """The coordinator acknowledges an emergency access (it stays on the record)."""
    if row.case.hub_id not in perm.coordinated_hub_ids(actor):
        raise PermissionDenied
    if row.reviewed_at is None:
        row.reviewed_by = actor
        row.reviewed_at = timezone.now()
        row.save(update_fields=["reviewed_by", "reviewed_at"])
        record(
            actor=actor,
            action="cases.break_glass.reviewed",
            target=row.case,
            node_id=row.case.hub_id,
            data={"access": row.pk, "user": row.user_id},
        )
    return row


# --- notes, attachments, tasks --------------------------------------------------------------
@transaction.atomic
def note_add(*, actor: User, case: Case, text: str, sensitivity: str) -> CaseNote:
    perms = perm.permissions_for(actor, case)
    if perms.break_glass is None:
        perm.require_edit(perms)
    if not text.strip():
        raise ValidationError({"text": _("La nota è vuota.")})
    if sensitivity == Sensitivity.LEGAL and not perms.is_legal:
        raise ValidationError(
            {
                "sensitivity": _(
                    "Solo chi segue l'area legale del caso scrive note riservate legali."
                )
            }
        )
    note = CaseNote.objects.create(
        case=case,
        author=actor,
        node=actor_node(actor, case),
        sensitivity=sensitivity,
        text=text.strip(),
    )
    timeline_add(
        case=case,
        actor=actor,
        kind=EventKind.NOTE,
        node=note.node,
        summary=note.get_sensitivity_display(),
    )
    record(actor=actor, action="cases.note.added", target=note, node_id=case.hub_id)
    return note


def sniff_content_type(head: bytes) -> str | None:
    for content_type, signatures in ATTACHMENT_SIGNATURES.items():
        if any(head.startswith(sig) for sig in signatures):
            return content_type
    return None


def check_upload(upload: UploadedFile) -> tuple[bytes, str]:
    """The file's bytes and type, or a ValidationError the form shows on the file field."""
    limit = settings.ATTACHMENT_MAX_BYTES
    if upload.size is not None and upload.size > limit:
        raise ValidationError(
            _("Il file è troppo grande (%(size)s MB): il massimo è %(max)s MB.")
            % {"size": f"{upload.size / 1_048_576:.1f}", "max": f"{limit / 1_048_576:.0f}"},
            code="too_large",
        )
    data = upload.read()
    if len(data) == 0:
        raise ValidationError(_("Il file è vuoto."), code="empty")
    content_type = sniff_content_type(data[:16])
    if content_type is None:
        raise ValidationError(
            _("Tipo di file non accettato. Sono accettati: %(types)s.")
            % {"types": ATTACHMENT_TYPES_LABEL},
            code="type",
        )
    return data, content_type


@transaction.atomic
def attachment_add(
    *, actor: User, case: Case, upload: UploadedFile, title: str, sensitivity: str
) -> CaseAttachment:
    perms = perm.permissions_for(actor, case)
    perm.require_edit(perms)
    try:
        data, content_type = check_upload(upload)
    except ValidationError as exc:
        raise ValidationError({"upload": exc.messages}) from exc
    if sensitivity == Sensitivity.LEGAL and not perms.is_legal:
        raise ValidationError(
            {"sensitivity": _("Solo chi segue l'area legale del caso carica allegati legali.")}
        )
    name = (upload.name or "file")[-200:]
    row = CaseAttachment(
        case=case,
        uploaded_by=actor,
        node=actor_node(actor, case),
        title=title.strip() or name,
        original_name=name,
        content_type=content_type,
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        sensitivity=sensitivity,
    )
    row.file.save(row.sha256, ContentFile(data), save=False)
    row.save()
    timeline_add(
        case=case, actor=actor, kind=EventKind.ATTACHMENT, node=row.node, summary=row.title
    )
    record(actor=actor, action="cases.attachment.added", target=row, node_id=case.hub_id)
    return row


@transaction.atomic
def task_add(
    *,
    actor: User,
    case: Case,
    title: str,
    assignee: User,
    due_on: dt.date,
    remind_on: dt.date | None = None,
    details: str = "",
) -> CaseTask:
    perm.require_edit(perm.permissions_for(actor, case))
    errors: dict[str, str] = {}
    if not title.strip():
        errors["title"] = _("Scrivi che cosa c'è da fare.")
    if remind_on is not None and remind_on > due_on:
        errors["remind_on"] = _("Il promemoria deve arrivare prima della scadenza.")
    if perm.permissions_for(assignee, case).level < perm.Level.FULL:
        errors["assignee"] = _("Assegna l'attività a chi fa parte dell'équipe del caso.")
    if errors:
        raise ValidationError(errors)
    task = CaseTask.objects.create(
        case=case,
        title=title.strip(),
        details=details.strip(),
        assignee=assignee,
        created_by=actor,
        due_on=due_on,
        remind_on=remind_on,
    )
    timeline_add(case=case, actor=actor, kind=EventKind.TASK, summary=task.title)
    record(actor=actor, action="cases.task.added", target=task, node_id=case.hub_id)
    return task


@transaction.atomic
def task_complete(*, actor: User, task: CaseTask, expected_version: int) -> CaseTask:
    perm.require_edit(perm.permissions_for(actor, task.case))
    if task.done_at is not None:
        return task
    task.done_at = timezone.now()
    task.done_by = actor
    _save_or_reload(task, expected_version=expected_version, fields=["done_at", "done_by"])
    timeline_add(case=task.case, actor=actor, kind=EventKind.TASK, summary=f"✓ {task.title}")
    record(actor=actor, action="cases.task.completed", target=task, node_id=task.case.hub_id)
    return task
