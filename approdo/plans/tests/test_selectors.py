"""reviews_due (the "My work" list) and the PDF languages offered."""

from __future__ import annotations

import datetime as dt

import pytest

from approdo.cases.tests.factories import CaseWorld, make_case_world
from approdo.people.models import LanguageLevel, PersonLanguage
from approdo.plans import selectors
from approdo.plans.models import PlanVersion
from approdo.plans.tests.helpers import approved, draft_with_goal, today

pytestmark = pytest.mark.django_db


@pytest.fixture
def world() -> CaseWorld:
    return make_case_world()


def test_reviews_due_for_the_team_only(world: CaseWorld) -> None:
    version = approved(world)
    due_on = version.next_review_on
    assert due_on is not None
    assert list(selectors.reviews_due(user=world.manager)) == []  # 8 weeks away
    later = due_on - dt.timedelta(days=10)
    assert list(selectors.reviews_due(user=world.manager, today=later)) == [version]
    assert list(selectors.reviews_due(user=world.legal, today=due_on + dt.timedelta(days=30)))
    assert list(selectors.reviews_due(user=world.colleague, today=due_on)) == []
    assert list(selectors.reviews_due(user=world.manager, today=later, within_days=5)) == []


def test_reviews_due_ignores_drafts(world: CaseWorld) -> None:
    draft_with_goal(world)
    PlanVersion.objects.update(next_review_on=today())
    assert list(selectors.reviews_due(user=world.manager)) == []


def test_pdf_languages_offer_the_persons_language(world: CaseWorld) -> None:
    assert selectors.pdf_languages(world.case) == ["it"]
    PersonLanguage.objects.create(
        person=world.person, language=world.arabic, level=LanguageLevel.values[0]
    )
    assert selectors.pdf_languages(world.case) == ["it", "ar"]
