"""Who sees what of a case: team, coordinator, hub colleague, other hub, other body, monitor."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from approdo.cases import selectors, services
from approdo.cases.models import Sensitivity
from approdo.cases.permissions import Level, permissions_for
from approdo.cases.tests.factories import make_case_world

pytestmark = pytest.mark.django_db


def test_levels_follow_team_hub_and_place() -> None:
    w = make_case_world()
    assert permissions_for(w.manager, w.case).level == Level.FULL
    assert permissions_for(w.legal, w.case).level == Level.FULL
    assert permissions_for(w.coordinator, w.case).level == Level.FULL
    assert permissions_for(w.colleague, w.case).level == Level.EXISTENCE
    assert permissions_for(w.spoke_operator, w.case).level == Level.NONE
    assert permissions_for(w.other_hub, w.case).level == Level.NONE
    assert permissions_for(w.other_body, w.case).level == Level.NONE
    assert permissions_for(w.monitor, w.case).level == Level.NONE


def test_case_read_scopes_and_logs() -> None:
    w = make_case_world()
    _case, perms = selectors.case_read(user=w.manager, pk=w.case.pk)
    assert perms.can_manage
    with pytest.raises(PermissionDenied):
        selectors.case_read(user=w.colleague, pk=w.case.pk)
    for outsider in (w.other_hub, w.other_body, w.worker_c):
        with pytest.raises(Http404):
            selectors.case_get(user=outsider, pk=w.case.pk)
    with pytest.raises(PermissionDenied):
        selectors.case_get(user=w.monitor, pk=w.case.pk)


def test_break_glass_gives_a_colleague_normal_notes_only() -> None:
    w = make_case_world()
    services.note_add(actor=w.manager, case=w.case, text="Normale", sensitivity=Sensitivity.NORMAL)
    services.note_add(actor=w.manager, case=w.case, text="Équipe", sensitivity=Sensitivity.TEAM)
    services.note_add(actor=w.legal, case=w.case, text="Legale", sensitivity=Sensitivity.LEGAL)
    services.break_glass_open(
        actor=w.colleague,
        case=w.case,
        justification="La persona è in pericolo stanotte, serve il numero.",
    )
    perms = permissions_for(w.colleague, w.case)
    assert perms.level == Level.FULL
    assert [n.text for n in selectors.case_notes(perms)] == ["Normale"]
    manager_notes = {n.text for n in selectors.case_notes(permissions_for(w.manager, w.case))}
    assert manager_notes == {"Normale", "Équipe"}
    legal_notes = {n.text for n in selectors.case_notes(permissions_for(w.legal, w.case))}
    assert legal_notes == {"Normale", "Équipe", "Legale"}
    assert selectors.break_glass_for_coordinator(user=w.coordinator).count() == 1
