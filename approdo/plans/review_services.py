"""Writes to plan reviews: the review interval and recording a review.

A scheduled review moves the next review forward by the version's interval from the day it
was held; an ad hoc review does not. Only the approved version in force is reviewed.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from approdo.accounts.models import User
from approdo.cases.services import actor_node
from approdo.core.concurrency import save_if_version
from approdo.plans.models import (
    GoalProgress,
    GoalReview,
    PlanReview,
    PlanVersion,
    ReviewKind,
    VersionStatus,
)
from approdo.plans.service_support import (
    case_of,
    check_interval,
    edit_perms,
    fresh,
    log,
    require_open,
)


@transaction.atomic
def review_interval_set(
    *, actor: User, version: PlanVersion, weeks: int, expected_version: int | None = None
) -> PlanVersion:
    """How often the plan is reviewed (weeks), set on an open version."""
    version = fresh(version.pk)
    case = case_of(version)
    edit_perms(actor, case)
    require_open(version)
    errors: dict[str, str] = {}
    check_interval(errors, weeks)
    if errors:
        raise ValidationError(errors)
    old = version.review_every_weeks
    version.review_every_weeks = weeks
    save_if_version(
        version,
        expected_version=version.version if expected_version is None else expected_version,
        fields=["review_every_weeks"],
    )
    log(
        actor=actor,
        case=case,
        action="plans.version.interval_changed",
        target=version,
        changes={"review_every_weeks": (old, weeks)},
        summary=_("Verifiche del PAI ogni %(n)s settimane") % {"n": weeks},
    )
    return version


@transaction.atomic
def review_record(
    *,
    actor: User,
    version: PlanVersion,
    held_on: dt.date,
    kind: str,
    note: str,
    progress: dict[int, tuple[str, str]],
) -> PlanReview:
    """Record a review of the approved version with the progress of each goal.

    `progress` maps goal ids to (progress, note). A scheduled review moves the next review
    forward by the version's interval, from the date it was held.
    """
    version = fresh(version.pk)
    case = case_of(version)
    edit_perms(actor, case)
    if version.status != VersionStatus.APPROVED:
        raise ValidationError(_("Si verifica solo il PAI approvato in vigore."), code="state")
    errors: dict[str, str] = {}
    if kind not in ReviewKind.values:
        errors["kind"] = _("Scegli il tipo di verifica.")
    if held_on > timezone.localdate():
        errors["held_on"] = _("La data non può essere nel futuro.")
    elif version.approved_at and held_on < timezone.localdate(version.approved_at):
        errors["held_on"] = _("La verifica non può precedere l'approvazione del PAI.")
    if not note.strip():
        errors["note"] = _("Scrivi una valutazione complessiva.")
    goal_ids = set(version.goals.values_list("pk", flat=True))
    if set(progress) - goal_ids:
        errors["__all__"] = _("Un obiettivo non appartiene a questa versione del PAI.")
    for goal_id, (value, _text) in progress.items():
        if value not in GoalProgress.values:
            errors[f"goal_{goal_id}"] = _("Scegli l'avanzamento.")
    if errors:
        raise ValidationError(errors)
    review = PlanReview.objects.create(
        plan_version=version,
        held_on=held_on,
        kind=kind,
        author=actor,
        node=actor_node(actor, case),
        note=note.strip(),
    )
    GoalReview.objects.bulk_create(
        GoalReview(review=review, goal_id=goal_id, progress=value, note=text.strip()[:300])
        for goal_id, (value, text) in progress.items()
    )
    changes: dict[str, tuple[Any, Any]] = {}
    if kind == ReviewKind.SCHEDULED:
        old = version.next_review_on
        version.next_review_on = held_on + dt.timedelta(weeks=version.review_every_weeks)
        save_if_version(version, expected_version=version.version, fields=["next_review_on"])
        changes["next_review_on"] = (old, version.next_review_on)
    log(
        actor=actor,
        case=case,
        action="plans.review.recorded",
        target=review,
        changes=changes,
        summary=_("Verifica del PAI (%(kind)s) del %(date)s")
        % {"kind": review.get_kind_display(), "date": held_on.strftime("%d/%m/%Y")},
    )
    return review
