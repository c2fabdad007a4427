"""Who may do what with one case. The one place that interprets case teams.

Levels, from most to least:
- FULL: an active team member, the coordinator of the case's hub, or a hub colleague with an
  open break-the-glass access. They read the case's data (notes by sensitivity).
- PAST: someone who was on the team at a hub the case has left by transfer. They keep read
  access to what was written at their node, nothing newer.
- EXISTENCE: anyone else with a person-data role at the case's hub, its origin spoke or a
  node it was referred to. They see that the case exists (reference, stage, hub, manager).
Outside that, the case is a 404; monitors get 403 (they never see people's records).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from functools import cached_property

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone

from approdo.accounts import access
from approdo.accounts.models import User
from approdo.accounts.roles import Role
from approdo.cases.models import BreakGlassAccess, Case, CaseTeamMember, Sensitivity, TeamRole


class Level(enum.IntEnum):
    NONE = 0
    EXISTENCE = 1
    PAST = 2
    FULL = 3


def coordinated_hub_ids(user: User) -> frozenset[int]:
    """Hubs the user coordinates (a hub coordinator's membership names the hub)."""
    return frozenset(
        g.node_id
        for g in access.access_for(user).grants
        if g.role == Role.HUB_COORDINATOR and g.node_id is not None
    )


def legal_node_ids(user: User) -> frozenset[int]:
    return frozenset(
        g.node_id
        for g in access.access_for(user).grants
        if g.role == Role.LEGAL_ADVISOR and g.node_id is not None
    )


@dataclass
class CasePermissions:
    user: User
    case: Case
    team_rows: list[CaseTeamMember] = field(default_factory=list)
    break_glass: BreakGlassAccess | None = None

    @cached_property
    def active_membership(self) -> CaseTeamMember | None:
        return next((m for m in self.team_rows if m.until is None), None)

    @property
    def is_team_member(self) -> bool:
        return self.active_membership is not None

    @property
    def is_case_manager(self) -> bool:
        m = self.active_membership
        return m is not None and m.role == TeamRole.CASE_MANAGER

    @property
    def is_coordinator(self) -> bool:
        return self.case.hub_id in coordinated_hub_ids(self.user)

    @property
    def past_node_ids(self) -> frozenset[int]:
        """Nodes where the user worked on the case before it was transferred away."""
        return frozenset(m.node_id for m in self.team_rows if m.until is not None)

    @cached_property
    def level(self) -> Level:
        if not access.access_for(self.user).can_see_person_data:
            return Level.NONE
        if self.is_team_member or self.is_coordinator or self.break_glass is not None:
            return Level.FULL
        if self.past_node_ids:
            return Level.PAST
        if case_node_ids(self.case) & access.access_for(self.user).person_node_ids:
            return Level.EXISTENCE
        return Level.NONE

    @property
    def can_read(self) -> bool:
        return self.level >= Level.PAST

    @property
    def can_edit(self) -> bool:
        """Write to the case: the team and the coordinator, while it is open."""
        return self.case.is_open and (self.is_team_member or self.is_coordinator)

    @property
    def can_manage(self) -> bool:
        """Team, stages and closure: the case manager and the coordinator."""
        return self.case.is_open and (self.is_case_manager or self.is_coordinator)

    @property
    def can_break_glass(self) -> bool:
        """Only colleagues at the case's own hub; a node the case was referred to may not."""
        hub_ids = access.access_for(self.user).person_node_ids
        return self.case.is_open and self.level == Level.EXISTENCE and self.case.hub_id in hub_ids

    @property
    def is_legal(self) -> bool:
        m = self.active_membership
        if m is not None and m.role == TeamRole.LEGAL:
            return True
        return self.case.hub_id in legal_node_ids(self.user) and self.is_team_member

    def sensitivities(self) -> list[str]:
        """The note/attachment sensitivity levels this user may read."""
        if self.level < Level.PAST:
            return []
        allowed = [Sensitivity.NORMAL.value]
        if self.is_team_member or self.is_coordinator:
            allowed.append(Sensitivity.TEAM.value)
        if self.is_legal:
            allowed.append(Sensitivity.LEGAL.value)
        return allowed

    def visible_node_ids(self) -> frozenset[int] | None:
        """Nodes whose records of this case the user may read; None = all of them."""
        if self.level == Level.FULL:
            return None
        if self.level == Level.PAST:
            return self.past_node_ids
        return frozenset()


def case_node_ids(case: Case) -> frozenset[int]:
    """Nodes whose staff know the case exists: its hub, its origin, referral destinations."""
    ids = {case.hub_id, case.origin_node_id}
    ids.update(case.referrals.filter(to_node__isnull=False).values_list("to_node_id", flat=True))
    return frozenset(i for i in ids if i is not None)


def permissions_for(user: User, case: Case) -> CasePermissions:
    now = timezone.now()
    team_rows = list(CaseTeamMember.objects.filter(case=case, user=user))
    glass = (
        BreakGlassAccess.objects.filter(case=case, user=user, expires_at__gt=now)
        .order_by("-opened_at")
        .first()
    )
    return CasePermissions(user=user, case=case, team_rows=team_rows, break_glass=glass)


def require_level(perms: CasePermissions, level: Level) -> None:
    """403 for monitors, 404 when the user may not know the case, 403 below `level`."""
    if not access.access_for(perms.user).can_see_person_data:
        raise PermissionDenied
    if perms.level == Level.NONE:
        raise Http404
    if perms.level < level:
        raise PermissionDenied


def require_edit(perms: CasePermissions) -> None:
    require_level(perms, Level.FULL)
    if not perms.can_edit:
        raise PermissionDenied


def require_manage(perms: CasePermissions) -> None:
    require_level(perms, Level.FULL)
    if not perms.can_manage:
        raise PermissionDenied
