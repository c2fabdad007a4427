"""Reads of social-agriculture projects. Projects, partners, activities and results are read by
all staff with a place (permissions.require_read); participants are people, so a viewer sees
the name only of those whose case they may read (cases.selectors.readable_case_ids) and counts
the others ("2 persone di altri nodi")."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count, DecimalField, IntegerField, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from approdo.accounts.models import User
from approdo.cases.models import Case
from approdo.cases.selectors import readable_case_ids
from approdo.socialfarming import permissions as perms
from approdo.socialfarming.models import (
    Activity,
    Attendance,
    Participant,
    PilotProject,
    ProjectStatus,
    Result,
)


def _count(model: Any, **extra: Any) -> Coalesce:
    rows = (
        model.objects.filter(project=OuterRef("pk"), **extra)
        .order_by()
        .values("project")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), 0)


def _hours() -> Coalesce:
    rows = (
        Activity.objects.filter(project=OuterRef("pk"))
        .order_by()
        .values("project")
        .annotate(h=Sum("hours"))
        .values("h")
    )
    return Coalesce(
        Subquery(rows, output_field=DecimalField(max_digits=10, decimal_places=1)),
        Decimal(0),
        output_field=DecimalField(max_digits=10, decimal_places=1),
    )


def project_list(
    *, user: User, region_id: int | None = None, status: str = "", q: str = ""
) -> QuerySet[PilotProject]:
    """Projects of the network, filtered; each carries its key figures: participants taking
    part now and ever, activities and their hours."""
    perms.require_read(user)
    rows = PilotProject.objects.select_related("region", "lead_hub", "municipality")
    if region_id:
        rows = rows.filter(region_id=region_id)
    if status:
        rows = rows.filter(status=status)
    for word in q.split():
        rows = rows.filter(Q(title__icontains=word) | Q(code__icontains=word))
    return rows.annotate(
        participants_active=_count(Participant, left_on__isnull=True),
        participants_total=_count(Participant),
        activities_count=_count(Activity),
        activity_hours=_hours(),
    ).order_by("-starts_on", "code")


def project_get(*, user: User, pk: int) -> PilotProject:
    perms.require_read(user)
    project = (
        PilotProject.objects.select_related(
            "region", "lead_hub", "managing_body", "municipality__province", "created_by"
        )
        .filter(pk=pk)
        .first()
    )
    if project is None:
        raise Http404
    return project


def latest_results(project_ids: list[int]) -> dict[int, list[Result]]:
    """The latest measurement of each indicator of each project (the current figures)."""
    out: dict[int, list[Result]] = {pk: [] for pk in project_ids}
    seen: set[tuple[int, str, str]] = set()
    rows = Result.objects.filter(project_id__in=project_ids).order_by(
        "project_id", "indicator", "other_label", "-measured_on", "-pk"
    )
    for row in rows:
        key = (row.project_id, row.indicator, row.other_label.lower())
        if key not in seen:
            seen.add(key)
            out[row.project_id].append(row)
    return out


@dataclass
class TargetsReached:
    reached: int = 0
    with_target: int = 0


def targets_reached(results: list[Result]) -> TargetsReached:
    figures = TargetsReached()
    for row in results:
        if row.target is not None:
            figures.with_target += 1
            figures.reached += row.reached
    return figures


# --- participants -----------------------------------------------------------------------------
@dataclass
class ParticipantRow:
    participant: Participant
    name: str  # "" when the viewer may not read the case


@dataclass
class Participants:
    """A project's participants as one viewer may see them."""

    named: list[ParticipantRow] = field(default_factory=list)
    hidden_active: int = 0
    hidden_left: int = 0
    readable_case_ids: set[int] = field(default_factory=set)
    labels: dict[int, str] = field(default_factory=dict)  # participant pk -> name or pseudonym

    @property
    def hidden(self) -> int:
        return self.hidden_active + self.hidden_left

    @property
    def total(self) -> int:
        return len(self.named) + self.hidden

    @property
    def active_named(self) -> list[ParticipantRow]:
        return [row for row in self.named if row.participant.left_on is None]


def pseudonym(participant: Participant) -> str:
    # Told apart without naming anyone: the participation's number and the person's hub.
    return _("Partecipante n. %(number)s (%(node)s)") % {
        "number": participant.pk,
        "node": participant.node.name,
    }


def project_participants(*, user: User, project: PilotProject) -> Participants:
    rows = list(
        project.participants.select_related("case", "person", "node").order_by("joined_on", "pk")
    )
    readable = readable_case_ids(user=user, case_ids=[p.case_id for p in rows]) if rows else set()
    out = Participants(readable_case_ids=readable)
    for p in rows:
        if p.case_id in readable:
            out.named.append(ParticipantRow(p, p.person.full_name))
            out.labels[p.pk] = p.person.full_name
        else:
            out.labels[p.pk] = pseudonym(p)
            if p.left_on is None:
                out.hidden_active += 1
            else:
                out.hidden_left += 1
    return out


@dataclass
class ActivityRow:
    activity: Activity
    names: list[str]
    others: int


def project_activities(project: PilotProject, participants: Participants) -> list[ActivityRow]:
    """Activities, newest first, each with the attendees the viewer may name and how many
    others were there."""
    activities = list(project.activities.select_related("recorded_by").order_by("-on_date", "-pk"))
    present: dict[int, list[int]] = {a.pk: [] for a in activities}
    for activity_id, participant_id in Attendance.objects.filter(
        activity__project=project
    ).values_list("activity_id", "participant_id"):
        present[activity_id].append(participant_id)
    named = {row.participant.pk: row.name for row in participants.named}
    out: list[ActivityRow] = []
    for activity in activities:
        ids = present[activity.pk]
        names = sorted(named[pk] for pk in ids if pk in named)
        out.append(ActivityRow(activity, names, len(ids) - len(names)))
    return out


def project_results(project: PilotProject) -> QuerySet[Result]:
    return project.results.select_related("recorded_by")


def attendee_choices(project: PilotProject, participants: Participants) -> list[tuple[int, str]]:
    """Who may be ticked present: those taking part now, then those who left (an activity
    may be recorded days later), named when the viewer may read their case, otherwise by
    number: the lead hub's staff mark who came without reading other hubs' cases. The service
    checks that each was taking part on the activity's day."""
    rows = project.participants.filter(joined_on__lte=timezone.localdate())
    choices = []
    for p in sorted(rows, key=lambda p: (p.left_on is not None, p.joined_on, p.pk)):
        label = participants.labels.get(p.pk, str(p))
        if p.left_on is not None:
            left = p.left_on.strftime("%d/%m/%Y")
            label = _("%(name)s — uscito/a il %(day)s") % {"name": label, "day": left}
        choices.append((p.pk, label))
    return choices


# --- the case's "Lavoro" tab ------------------------------------------------------------------
def case_summary(case: Case) -> dict[str, Any]:
    """What the case's tab shows (the caller has read the case through case_read): the
    person's participations in projects (from any of their cases) and the projects they
    could still join. Template: socialfarming/_case_summary.html, context variable `farming`."""
    if case.person_id is None:
        return {"case": case, "participations": [], "open_projects": []}
    participations = list(
        Participant.objects.filter(person_id=case.person_id)
        .select_related("project", "node")
        .order_by("-joined_on", "-pk")
    )
    taking_part = {p.project_id for p in participations if p.left_on is None}
    open_projects = list(
        PilotProject.objects.exclude(status=ProjectStatus.CLOSED)
        .exclude(pk__in=taking_part)
        .select_related("lead_hub")
        .order_by("-starts_on", "code")[:10]
    )
    return {
        "case": case,
        "participations": participations,
        "active": [p for p in participations if p.left_on is None],
        "open_projects": open_projects,
    }


def participant_for_end(*, pk: int, project: PilotProject) -> Participant:
    row = project.participants.select_related("case", "node").filter(pk=pk).first()
    if row is None:
        raise Http404
    return row
