"""Factories for outreach (synthetic data only): places, sessions, materials.

Shared with the other outreach tests (office views, helpdesk): keep the signatures stable.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import factory

from approdo.accounts.tests.factories import UserFactory
from approdo.network.tests.factories import SpokeFactory
from approdo.outreach import models


class PlaceFactory(factory.django.DjangoModelFactory[models.Place]):
    class Meta:
        model = models.Place

    name = factory.Sequence(lambda n: f"Ghetto {n}")
    kind = models.PlaceKind.SETTLEMENT
    node = factory.SubFactory(SpokeFactory)
    municipality = factory.LazyAttribute(lambda o: o.node.municipality)
    latitude = Decimal("41.48000")
    longitude = Decimal("15.62000")
    estimated_population = 300


class OutreachSessionFactory(factory.django.DjangoModelFactory[models.OutreachSession]):
    """A session that took place today at a place of its node (team empty by default)."""

    class Meta:
        model = models.OutreachSession
        skip_postgeneration_save = True

    place = factory.SubFactory(PlaceFactory)
    node = factory.LazyAttribute(lambda o: o.place.node)
    date = factory.LazyFunction(dt.date.today)
    starts_at = dt.time(9, 0)
    ends_at = dt.time(12, 0)
    status = models.SessionStatus.DONE
    created_by = factory.SubFactory(UserFactory)

    @factory.post_generation
    def team(self, create: bool, extracted: object, **kwargs: object) -> None:
        if create and extracted:
            self.team.set(extracted)


class HeadcountFactory(factory.django.DjangoModelFactory[models.Headcount]):
    class Meta:
        model = models.Headcount

    session = factory.SubFactory(OutreachSessionFactory)
    sex = models.Sex.MALE
    age_band = models.AgeBand.FROM_18_TO_29
    nationality = ""
    count = 5


class AwarenessMaterialFactory(factory.django.DjangoModelFactory[models.AwarenessMaterial]):
    class Meta:
        model = models.AwarenessMaterial
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Volantino diritti {n}")
    kind = models.MaterialKind.LEAFLET
