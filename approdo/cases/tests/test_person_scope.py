"""A case widens who may read the person's record: the case's hub and its team."""

from __future__ import annotations

import pytest
from django.http import Http404

from approdo.cases.models import Case, CaseTeamMember
from approdo.cases.tests.factories import make_case_world
from approdo.people import selectors as people

pytestmark = pytest.mark.django_db


def test_a_case_at_another_hub_brings_the_person_record_along() -> None:
    w = make_case_world()
    with pytest.raises(Http404):
        people.person_get(user=w.worker_c, pk=w.person.pk)
    Case.objects.filter(pk=w.case.pk).update(hub=w.hub_c)
    assert people.person_get(user=w.worker_c, pk=w.person.pk) == w.person
    assert w.person in people.person_list(user=w.worker_c)
    # Other hubs still see nothing.
    with pytest.raises(Http404):
        people.person_get(user=w.other_body, pk=w.person.pk)


def test_past_team_members_keep_reading_the_person() -> None:
    w = make_case_world()
    CaseTeamMember.objects.create(
        case=w.case,
        user=w.other_hub,
        role="other",
        node=w.hub_a2,
        since=w.case.opened_on,
        until=w.case.opened_on,
    )
    assert people.person_get(user=w.other_hub, pk=w.person.pk) == w.person


def test_duplicate_check_shows_a_person_taken_in_charge_here_as_in_scope() -> None:
    from approdo.people.duplicates import find_duplicates
    from approdo.people.matching import PersonFacts

    w = make_case_world()
    query = PersonFacts(family_name="Ndiaye", given_names="Ousmane", birth_date=w.person.birth_date)
    hits = find_duplicates(user=w.worker_c, query=query)
    assert hits and not hits[0].in_scope and hits[0].person is None and hits[0].inquiry_token
    Case.objects.filter(pk=w.case.pk).update(hub=w.hub_c)
    hits = find_duplicates(user=w.worker_c, query=query)
    assert hits[0].in_scope and hits[0].person == w.person and not hits[0].inquiry_token
