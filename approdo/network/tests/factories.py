"""Factories for the network registry (synthetic data only)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import factory
from stdnum import luhn

from approdo.network import models


def valid_tax_code(n: int) -> str:
    """An 11-digit organisation tax code: serial, province office code, Luhn check digit."""
    body = f"{n:07d}071"
    return body + luhn.calc_check_digit(body)


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Programme
        django_get_or_create = ("code",)

    code = "supreme2"
    name = "Su.Pr.Eme.2"
    starts_on = dt.date(2023, 1, 1)
    ends_on = dt.date(2027, 12, 31)


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Region
        django_get_or_create = ("istat_code",)

    istat_code = factory.Sequence(lambda n: f"{(n % 80) + 20:02d}")
    name = factory.Sequence(lambda n: f"Regione {n}")
    slug = factory.Sequence(lambda n: f"regione-{n}")


class ProvinceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Province

    istat_code = factory.Sequence(lambda n: f"{(n % 800) + 100:03d}")
    name = factory.Sequence(lambda n: f"Provincia {n}")
    abbreviation = factory.Sequence(lambda n: f"{chr(65 + (n // 26) % 26)}{chr(65 + n % 26)}")
    region = factory.SubFactory(RegionFactory)


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Municipality

    istat_code = factory.Sequence(lambda n: f"{n + 900000:06d}")
    name = factory.Sequence(lambda n: f"Comune {n}")
    province = factory.SubFactory(ProvinceFactory)
    latitude = Decimal("41.46")
    longitude = Decimal("15.55")


class ManagingBodyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.ManagingBody

    name = factory.Sequence(lambda n: f"Cooperativa Sociale Approdo {n}")
    tax_code = factory.Sequence(lambda n: valid_tax_code(n + 1000))
    legal_form = models.LegalForm.SOCIAL_COOPERATIVE
    region = factory.SubFactory(RegionFactory)


class HubFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Node
        skip_postgeneration_save = True

    code = factory.Sequence(lambda n: f"N{n:05d}")
    name = factory.Sequence(lambda n: f"PSI Hub {n}")
    programme = factory.SubFactory(ProgrammeFactory)
    kind = models.NodeKind.HUB
    localisation = models.Localisation.URBAN
    municipality = factory.SubFactory(MunicipalityFactory)
    region = factory.LazyAttribute(lambda o: o.municipality.province.region)
    latitude = Decimal("41.46210")
    longitude = Decimal("15.54460")
    active_from = dt.date(2024, 1, 1)

    @factory.post_generation
    def managing_bodies(self, create: bool, extracted: object, **kwargs: object) -> None:
        if create and extracted:
            self.managing_bodies.set(extracted)


class SpokeFactory(HubFactory):
    name = factory.Sequence(lambda n: f"Spoke {n}")
    kind = models.NodeKind.SPOKE
    spoke_kind = models.SpokeKind.MOBILE_UNIT
    parent_hub = factory.SubFactory(HubFactory)
    municipality = factory.LazyAttribute(lambda o: o.parent_hub.municipality)  # type: ignore[assignment]
    localisation = models.Localisation.PERIURBAN


class ProfessionalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Professional

    given_name = factory.Sequence(lambda n: f"Nome{n}")
    family_name = factory.Sequence(lambda n: f"Cognome{n}")
    area = models.ProfessionalArea.MEDIATION


class ServiceAreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.ServiceArea
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"area-{n}")
    name_it = factory.Sequence(lambda n: f"Area {n}")
    name_en = factory.Sequence(lambda n: f"Area {n} (en)")


class LanguageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Language
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"x{n}")
    name_it = factory.Sequence(lambda n: f"Lingua {n}")
    name_en = factory.Sequence(lambda n: f"Language {n}")


class OpeningHoursFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.OpeningHours

    node = factory.SubFactory(HubFactory)
    weekday = models.Weekday.MONDAY
    opens_at = dt.time(9, 0)
    closes_at = dt.time(13, 0)


class ProcedureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Procedure

    code = factory.Sequence(lambda n: f"PROC-{n:03d}")
    title = factory.Sequence(lambda n: f"Servizi dei Poli Sociali Integrati, lotto {n}")
    kind = models.ProcedureKind.CO_DESIGN
    programme = factory.SubFactory(ProgrammeFactory)
    contracting_authority = "Ministero del Lavoro e delle Politiche Sociali"
    published_on = dt.date(2023, 3, 1)


class ContractFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Contract
        skip_postgeneration_save = True

    procedure = factory.SubFactory(ProcedureFactory)
    code = factory.Sequence(lambda n: f"CIG{n:07d}")
    title = factory.Sequence(lambda n: f"Gestione del PSI {n}")
    amount = Decimal("1250000.00")
    starts_on = dt.date(2024, 1, 1)
    ends_on = dt.date(2026, 12, 31)

    @factory.post_generation
    def managing_bodies(self, create: bool, extracted: object, **kwargs: object) -> None:
        if create and extracted:
            self.managing_bodies.set(extracted)

    @factory.post_generation
    def nodes(self, create: bool, extracted: object, **kwargs: object) -> None:
        if create and extracted:
            self.nodes.set(extracted)


class TeamAssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.TeamAssignment

    professional = factory.SubFactory(ProfessionalFactory)
    node = factory.SubFactory(HubFactory)
    function = "Mediazione linguistico-culturale"
    starts_on = dt.date(2024, 1, 1)


class RegionalTargetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.RegionalTarget

    programme = factory.SubFactory(ProgrammeFactory)
    region = factory.SubFactory(RegionFactory)
    value = 1000
