"""Writes to the individual plan (PAI).

Rules enforced here:
- the team and the hub coordinator edit a plan while the case is open (require_edit);
- goals and actions are edited only on an open version (draft or submitted); an approved or
  superseded version is frozen, and `plan_new_draft` copies it into version n+1;
- editing the content of a submitted version sends it back to draft, and clears the person's
  agreement: the person agrees to what is written, so a change needs their agreement again;
- only the hub coordinator approves, a version with at least one goal and the person's
  agreement recorded; approval supersedes the previous approved version, sets the next review
  and, for the first approval, moves the case from "taken in charge" to "plan active";
- action status is execution, not content: it changes on the approved version too;
- a scheduled review moves the next review forward by the version's interval (reviews and the
  interval live in review_services.py and are re-exported here).
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from approdo.accounts.models import User
from approdo.cases.models import Case, CaseTeamMember
from approdo.cases.services import actor_node, case_move
from approdo.cases.stages import Stage
from approdo.core.concurrency import save_if_version
from approdo.plans.models import (
    Action,
    ActionStatus,
    AgreementKind,
    Goal,
    Plan,
    PlanArea,
    PlanVersion,
    VersionStatus,
    default_review_every_weeks,
)
from approdo.plans.review_services import review_interval_set, review_record
from approdo.plans.service_support import (
    case_of,
    check_date,
    content_changed,
    edit_perms,
    fresh,
    log,
    require_open,
)


@transaction.atomic
def plan_start(*, actor: User, case: Case, started_on: dt.date | None = None) -> PlanVersion:
    """Start the case's PAI: the plan and its first draft. One plan per case."""
    edit_perms(actor, case)
    if case.person_id is None:
        raise ValidationError(_("Registra prima la persona."), code="needs_person")
    if case.stage in (Stage.FIRST_CONTACT, Stage.SCREENING):
        raise ValidationError(_("Il PAI si avvia dopo la presa in carico."), code="stage")
    if Plan.objects.filter(case=case).exists():
        raise ValidationError(_("Questa presa in carico ha già un PAI."), code="exists")
    today = timezone.localdate()
    started_on = started_on or today
    if started_on > today:
        raise ValidationError({"started_on": _("La data non può essere nel futuro.")})
    node = actor_node(actor, case)
    plan = Plan.objects.create(case=case, node=node, started_on=started_on, created_by=actor)
    version = PlanVersion.objects.create(
        plan=plan,
        number=1,
        node=node,
        created_by=actor,
        review_every_weeks=default_review_every_weeks(),
    )
    log(
        actor=actor,
        case=case,
        action="plans.plan.started",
        target=version,
        summary=_("PAI avviato (bozza v1)"),
    )
    return version


def _check_goal(version: PlanVersion, *, area: str, title: str, target_on: dt.date | None) -> None:
    """The rules a goal's content follows, when added and when changed."""
    errors: dict[str, str] = {}
    if area not in PlanArea.values:
        errors["area"] = _("Scegli l'area.")
    if not title.strip():
        errors["title"] = _("Scrivi l'obiettivo.")
    check_date(errors, "target_on", target_on, version.plan, required=False)
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def goal_add(
    *,
    actor: User,
    version: PlanVersion,
    area: str,
    title: str,
    description: str = "",
    target_on: dt.date | None = None,
) -> Goal:
    """Add a goal to an open version."""
    version = fresh(version.pk)
    case = case_of(version)
    edit_perms(actor, case)
    require_open(version)
    _check_goal(version, area=area, title=title, target_on=target_on)
    order = version.goals.count() + 1
    goal = Goal.objects.create(
        plan_version=version,
        area=area,
        title=title.strip(),
        description=description.strip(),
        target_on=target_on,
        order=order,
    )
    content_changed(version)
    log(
        actor=actor,
        case=case,
        action="plans.goal.added",
        target=goal,
        summary=_("Obiettivo aggiunto: %(title)s") % {"title": goal.title},
    )
    return goal


@transaction.atomic
def goal_update(
    *,
    actor: User,
    goal: Goal,
    expected_version: int,
    area: str,
    title: str,
    description: str = "",
    target_on: dt.date | None = None,
) -> Goal:
    """Change a goal of an open version; a stale form is refused."""
    version = fresh(goal.plan_version_id)
    case = case_of(version)
    edit_perms(actor, case)
    require_open(version)
    _check_goal(version, area=area, title=title, target_on=target_on)
    changes = {
        name: (getattr(goal, name), new)
        for name, new in (
            ("area", area),
            ("title", title.strip()),
            ("description", description.strip()),
            ("target_on", target_on),
        )
        if getattr(goal, name) != new
    }
    for name, (_old, new) in changes.items():
        setattr(goal, name, new)
    save_if_version(
        goal,
        expected_version=expected_version,
        fields=["area", "title", "description", "target_on"],
    )
    if changes:
        content_changed(version)
    log(
        actor=actor,
        case=case,
        action="plans.goal.updated",
        target=goal,
        changes=changes,
        summary=_("Obiettivo modificato: %(title)s") % {"title": goal.title},
    )
    return goal


def _is_on_team(case: Case, user: User) -> bool:
    return CaseTeamMember.objects.filter(case=case, user=user, until__isnull=True).exists()


@transaction.atomic
def action_add(
    *, actor: User, goal: Goal, description: str, responsible: User, due_on: dt.date | None
) -> Action:
    """Add an action to a goal of an open version; the responsible is on the case's team."""
    version = fresh(goal.plan_version_id)
    case = case_of(version)
    edit_perms(actor, case)
    require_open(version)
    errors: dict[str, str] = {}
    if not description.strip():
        errors["description"] = _("Descrivi l'azione.")
    if not _is_on_team(case, responsible):
        errors["responsible"] = _("Il responsabile deve far parte dell'équipe del caso.")
    check_date(errors, "due_on", due_on, version.plan, required=True)
    if errors:
        raise ValidationError(errors)
    assert due_on is not None
    action = Action.objects.create(
        goal=goal, description=description.strip(), responsible=responsible, due_on=due_on
    )
    content_changed(version)
    log(
        actor=actor,
        case=case,
        action="plans.action.added",
        target=action,
        summary=_("Azione aggiunta: %(text)s") % {"text": action.description},
    )
    return action


@transaction.atomic
def action_set_status(
    *, actor: User, action: Action, status: str, expected_version: int | None = None
) -> Action:
    """Record how an action is going: allowed on the approved version, not on a superseded one."""
    version = fresh(Goal.objects.get(pk=action.goal_id).plan_version_id)
    case = case_of(version)
    edit_perms(actor, case)
    if version.status == VersionStatus.SUPERSEDED:
        raise ValidationError(
            _("Questa versione del PAI è stata sostituita: aggiorna la versione in vigore."),
            code="superseded",
        )
    if status not in ActionStatus.values:
        raise ValidationError({"status": _("Scegli lo stato.")})
    old = action.status
    action.status = status
    save_if_version(
        action,
        expected_version=action.version if expected_version is None else expected_version,
        fields=["status"],
    )
    log(
        actor=actor,
        case=case,
        action="plans.action.status_changed",
        target=action,
        changes={"status": (old, status)},
        summary=_("Azione «%(text)s»: %(status)s")
        % {"text": action.description, "status": action.get_status_display()},
    )
    return action


@transaction.atomic
def agreement_record(
    *,
    actor: User,
    version: PlanVersion,
    agreed_on: dt.date,
    kind: str,
    note: str = "",
    expected_version: int | None = None,
) -> PlanVersion:
    """Record that the person agreed to this version (signed, or verbally, with a mediator...)."""
    version = fresh(version.pk)
    case = case_of(version)
    edit_perms(actor, case)
    require_open(version)
    errors: dict[str, str] = {}
    if kind not in AgreementKind.values:
        errors["kind"] = _("Indica in che forma la persona ha aderito.")
    if agreed_on > timezone.localdate():
        errors["agreed_on"] = _("La data non può essere nel futuro.")
    else:
        check_date(errors, "agreed_on", agreed_on, version.plan, required=True)
    if not version.goals.exists():
        errors["__all__"] = _("Aggiungi almeno un obiettivo prima di condividere il PAI.")
    if errors:
        raise ValidationError(errors)
    old = version.person_agreed_on
    version.person_agreed_on = agreed_on
    version.agreement_kind = kind
    version.agreement_note = note.strip()
    save_if_version(
        version,
        expected_version=version.version if expected_version is None else expected_version,
        fields=["person_agreed_on", "agreement_kind", "agreement_note"],
    )
    log(
        actor=actor,
        case=case,
        action="plans.version.agreement_recorded",
        target=version,
        changes={"person_agreed_on": (old, agreed_on)},
        summary=_("Adesione della persona al PAI v%(n)s registrata") % {"n": version.number},
    )
    return version


@transaction.atomic
def plan_submit(
    *, actor: User, version: PlanVersion, expected_version: int | None = None
) -> PlanVersion:
    """Send a draft to the coordinator for approval (at least one goal)."""
    version = fresh(version.pk)
    case = case_of(version)
    edit_perms(actor, case)
    if version.status != VersionStatus.DRAFT:
        raise ValidationError(_("Solo una bozza può essere inviata in approvazione."), code="state")
    if not version.goals.exists():
        raise ValidationError(_("Aggiungi almeno un obiettivo."), code="no_goals")
    version.status = VersionStatus.SUBMITTED
    version.submitted_at = timezone.now()
    save_if_version(
        version,
        expected_version=version.version if expected_version is None else expected_version,
        fields=["status", "submitted_at"],
    )
    log(
        actor=actor,
        case=case,
        action="plans.version.submitted",
        target=version,
        changes={"status": (VersionStatus.DRAFT, VersionStatus.SUBMITTED)},
        summary=_("PAI v%(n)s inviato in approvazione") % {"n": version.number},
    )
    return version


@transaction.atomic
def plan_approve(
    *, actor: User, version: PlanVersion, expected_version: int | None = None
) -> PlanVersion:
    """The hub coordinator approves a draft or submitted version.

    Needs at least one goal and the person's agreement recorded first. The previous approved
    version is superseded; the first approval moves the case to "plan active".
    """
    version = fresh(version.pk)
    case = case_of(version)
    perms = edit_perms(actor, case)
    if not perms.is_coordinator:
        raise PermissionDenied(_("Solo il coordinatore dell'hub approva il PAI."))
    require_open(version)
    if not version.goals.exists():
        raise ValidationError(_("Aggiungi almeno un obiettivo."), code="no_goals")
    if version.person_agreed_on is None:
        raise ValidationError(
            _("Registra prima l'adesione della persona al PAI."), code="no_agreement"
        )
    old_status = version.status
    previous = PlanVersion.objects.filter(
        plan_id=version.plan_id, status=VersionStatus.APPROVED
    ).first()
    if previous is not None:
        previous.status = VersionStatus.SUPERSEDED
        save_if_version(previous, expected_version=previous.version, fields=["status"])
    today = timezone.localdate()
    version.status = VersionStatus.APPROVED
    version.approved_by = actor
    version.approved_at = timezone.now()
    version.next_review_on = today + dt.timedelta(weeks=version.review_every_weeks)
    save_if_version(
        version,
        expected_version=version.version if expected_version is None else expected_version,
        fields=["status", "approved_by", "approved_at", "next_review_on"],
    )
    log(
        actor=actor,
        case=case,
        action="plans.version.approved",
        target=version,
        changes={"status": (old_status, VersionStatus.APPROVED)},
        summary=_("PAI v%(n)s approvato") % {"n": version.number},
    )
    if case.stage == Stage.TAKEN_IN_CHARGE:
        case_move(actor=actor, case=case, to_stage=Stage.PLAN_ACTIVE, expected_version=case.version)
    return version


@transaction.atomic
def plan_new_draft(*, actor: User, plan: Plan) -> PlanVersion:
    """Start changing an approved plan: copy its goals and actions into draft n+1."""
    case = Case.objects.select_related("hub").get(pk=plan.case_id)
    edit_perms(actor, case)
    if plan.versions.filter(status__in=[VersionStatus.DRAFT, VersionStatus.SUBMITTED]).exists():
        raise ValidationError(_("Esiste già una bozza di questo PAI."), code="draft_exists")
    source = plan.versions.filter(status=VersionStatus.APPROVED).first()
    if source is None:
        raise ValidationError(_("Non c'è una versione approvata da modificare."), code="none")
    number = (plan.versions.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    draft = PlanVersion.objects.create(
        plan=plan,
        number=number,
        node=actor_node(actor, case),
        created_by=actor,
        review_every_weeks=source.review_every_weeks,
    )
    for goal in source.goals.prefetch_related("actions"):
        new_goal = Goal.objects.create(
            plan_version=draft,
            area=goal.area,
            title=goal.title,
            description=goal.description,
            target_on=goal.target_on,
            order=goal.order,
        )
        Action.objects.bulk_create(
            Action(
                goal=new_goal,
                description=a.description,
                responsible_id=a.responsible_id,
                due_on=a.due_on,
                status=a.status,
            )
            for a in goal.actions.all()
        )
    log(
        actor=actor,
        case=case,
        action="plans.version.draft_created",
        target=draft,
        summary=_("Nuova bozza del PAI (v%(n)s) dalla v%(src)s")
        % {"n": number, "src": source.number},
    )
    return draft


__all__ = [
    "action_add",
    "action_set_status",
    "agreement_record",
    "goal_add",
    "goal_update",
    "plan_approve",
    "plan_new_draft",
    "plan_start",
    "plan_submit",
    "review_interval_set",
    "review_record",
]
