"""A small network with known figures, for checking every indicator's value.

Puglia (target 100): hub Foggia (rural) with a mobile unit, run by body A; hub Bari (urban), body
B. Sicilia (target 50): hub Ragusa, body C. The period is the first half of 2025.

- Amadou: three records (one per hub) that the linkage put in one cluster, each with a case
  taken in charge in the period: one person, counted once.
- Six men taken in charge at Foggia (born 2000, India), two women at Bari (born 1980, Nigeria,
  sent by the labour inspectorate), one man at Ragusa taken in charge before the period and
  still open, one first contact at Foggia (registered, not taken in charge), one case closed
  before the period.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils import timezone

from approdo.accounts.models import User
from approdo.accounts.roles import Role
from approdo.accounts.tests.factories import user_with_role
from approdo.cases.models import AccessChannel, Case, ExternalBodyKind, Referral, Transfer
from approdo.cases.stages import ClosureOutcome, Stage
from approdo.helpdesk.models import Channel, Contact, ContactNeed, Need
from approdo.interventions.models import Place as ServicePlace
from approdo.interventions.models import ServiceDelivered, ServiceType
from approdo.linkage.models import LinkRun, PersonCluster, RunKind
from approdo.network.models import Localisation, Node, Region, ServiceArea
from approdo.network.tests.factories import (
    HubFactory,
    ManagingBodyFactory,
    MunicipalityFactory,
    ProgrammeFactory,
    ProvinceFactory,
    RegionalTargetFactory,
    RegionFactory,
    SpokeFactory,
)
from approdo.outreach.models import AgeBand, Headcount, OutreachSession, PlaceKind, SessionStatus
from approdo.outreach.models import Place as OutreachPlace
from approdo.outreach.models import Sex as HeadcountSex
from approdo.people.models import Person
from approdo.people.tests.factories import PersonFactory
from approdo.plans.models import AgreementKind, Plan, PlanVersion, VersionStatus
from approdo.screening.models import (
    Framework,
    IndicatorAnswer,
    Observation,
    Screening,
    ScreeningStatus,
)
from approdo.screening.models import Indicator as ScreeningIndicator

START = dt.date(2025, 1, 1)
END = dt.date(2025, 6, 30)


@dataclass
class World:
    puglia: Region
    sicilia: Region
    foggia: Node
    spoke: Node
    bari: Node
    ragusa: Node
    coordinator: User  # hub coordinator at Foggia
    body_admin: User  # administrator of body A (Foggia)
    monitor: User  # regional monitor of Puglia
    ministry: User
    amadou: list[Person]
    staff: User
    cases: dict[str, Case] = field(default_factory=dict)


def _case(
    w: World,
    person: Person | None,
    hub: Node,
    *,
    stage: str,
    opened: dt.date,
    taken: dt.date | None = None,
    closed: dt.date | None = None,
    channel: str = AccessChannel.DIRECT,
    origin: Node | None = None,
) -> Case:
    extra: dict[str, object] = {}
    if channel == AccessChannel.EXTERNAL:
        extra["external_body_kind"] = ExternalBodyKind.LABOUR_INSPECTORATE
    if stage == Stage.CLOSED:
        extra |= {"closed_on": closed, "closure_outcome": ClosureOutcome.GOALS_REACHED}
    return Case.objects.create(
        reference=f"T-{Case.objects.count() + 1:05d}",
        person=person,
        hub=hub,
        origin_node=origin or hub,
        stage=stage,
        access_channel=channel,
        contact_name="" if person else "Senza nome",
        opened_on=opened,
        taken_in_charge_on=taken,
        opened_by=w.staff,
        **extra,
    )


def make_world() -> World:
    programme = ProgrammeFactory.create()
    puglia = RegionFactory.create(istat_code="16", name="Puglia", slug="puglia")
    sicilia = RegionFactory.create(istat_code="19", name="Sicilia", slug="sicilia")
    RegionalTargetFactory.create(programme=programme, region=puglia, value=100)
    RegionalTargetFactory.create(programme=programme, region=sicilia, value=50)
    fg = MunicipalityFactory.create(province=ProvinceFactory.create(region=puglia))
    rg = MunicipalityFactory.create(province=ProvinceFactory.create(region=sicilia))
    body_a, body_b = ManagingBodyFactory.create(region=puglia), ManagingBodyFactory.create()
    body_c = ManagingBodyFactory.create(region=sicilia)
    foggia = HubFactory.create(
        name="PSI Foggia",
        municipality=fg,
        localisation=Localisation.RURAL,
        managing_bodies=[body_a],
        programme=programme,
    )
    spoke = SpokeFactory.create(parent_hub=foggia, managing_bodies=[body_a], programme=programme)
    bari = HubFactory.create(
        name="PSI Bari", municipality=fg, managing_bodies=[body_b], programme=programme
    )
    ragusa = HubFactory.create(
        name="PSI Ragusa", municipality=rg, managing_bodies=[body_c], programme=programme
    )
    staff = user_with_role(Role.CASE_WORKER, node=foggia)
    w = World(
        puglia=puglia,
        sicilia=sicilia,
        foggia=foggia,
        spoke=spoke,
        bari=bari,
        ragusa=ragusa,
        coordinator=user_with_role(Role.HUB_COORDINATOR, node=foggia),
        body_admin=user_with_role(Role.BODY_ADMIN, managing_body=body_a),
        monitor=user_with_role(Role.REGIONAL_MONITOR, region=puglia),
        ministry=user_with_role(Role.MINISTRY_MONITOR),
        amadou=[],
        staff=staff,
    )

    def person(**kw: object) -> Person:
        return PersonFactory.create(registered_at=foggia, registered_by=staff, **kw)

    # Amadou: three records, one cluster, a case taken in charge at each hub.
    w.amadou = [
        person(
            given_names="Amadou",
            birth_date=dt.date(1990, 3, 1),
            nationality="SN",
            housing_condition="roofless",
        )
        for _ in range(3)
    ]
    now = timezone.now()
    run = LinkRun.objects.create(
        kind=RunKind.FULL,
        started_at=now,
        finished_at=now,
        records=3,
        clusters=1,
        compared_pairs=3,
        linked_pairs=3,
        threshold=0.5,
    )
    cluster = f"C{w.amadou[0].pk}"
    for record in w.amadou:
        PersonCluster.objects.update_or_create(
            person=record, defaults={"cluster_id": cluster, "run": run}
        )
    for record, hub, day in zip(
        w.amadou,
        (foggia, bari, ragusa),
        (dt.date(2025, 2, 10), dt.date(2025, 3, 5), dt.date(2025, 4, 20)),
        strict=True,
    ):
        w.cases[f"amadou-{hub.name}"] = _case(
            w, record, hub, stage=Stage.TAKEN_IN_CHARGE, opened=day, taken=day
        )
    for n in range(6):
        w.cases[f"man-{n}"] = _case(
            w,
            person(birth_date=dt.date(2000, 1, 1), nationality="IN", education_level="2"),
            foggia,
            stage=Stage.PLAN_ACTIVE,
            opened=dt.date(2025, 1, 10),
            taken=dt.date(2025, 1, 20),
            origin=spoke if n < 2 else foggia,
        )
    for n in range(2):
        w.cases[f"woman-{n}"] = _case(
            w,
            person(
                sex="female",
                birth_date=dt.date(1980, 6, 1),
                nationality="NG",
                education_level="6",
                housing_condition="housed",
            ),
            bari,
            stage=Stage.TAKEN_IN_CHARGE,
            opened=dt.date(2025, 5, 2),
            taken=dt.date(2025, 5, 12),
            channel=AccessChannel.EXTERNAL,
        )
    w.cases["before"] = _case(
        w,
        person(nationality="TN"),
        ragusa,
        stage=Stage.TAKEN_IN_CHARGE,
        opened=dt.date(2024, 10, 1),
        taken=dt.date(2024, 11, 1),
    )
    w.cases["first-contact"] = _case(
        w, person(nationality="MA"), foggia, stage=Stage.FIRST_CONTACT, opened=dt.date(2025, 6, 1)
    )
    w.cases["closed-before"] = _case(
        w,
        person(nationality="GH"),
        foggia,
        stage=Stage.CLOSED,
        opened=dt.date(2024, 1, 5),
        taken=dt.date(2024, 1, 15),
        closed=dt.date(2024, 6, 1),
    )
    _activity(w)
    return w


def _activity(w: World) -> None:
    """Services, screenings, referrals, a transfer, helpdesk contacts and outreach."""
    area = ServiceArea.objects.get_or_create(
        code="italian_courses", defaults={"name_it": "Corsi di italiano", "name_en": "Italian"}
    )[0]
    course = ServiceType.objects.get_or_create(
        code="italian_course",
        defaults={"area": area, "name_it": "Corso", "name_en": "Course"},
    )[0]
    course.fami_output = "language_course"
    course.save()
    legal_area = ServiceArea.objects.get_or_create(
        code="legal", defaults={"name_it": "Legale", "name_en": "Legal"}
    )[0]
    advice = ServiceType.objects.get_or_create(
        code="legal_advice",
        defaults={"area": legal_area, "name_it": "Consulenza", "name_en": "Advice"},
    )[0]
    advice.fami_output = "counselling"
    advice.save()

    def service(case: Case, kind: ServiceType, day: dt.date, cancelled: bool = False) -> None:
        ServiceDelivered.objects.create(
            case=case,
            service_type=kind,
            date=day,
            duration_minutes=60,
            operator=w.staff,
            node=case.hub,
            place=ServicePlace.HUB,
            recorded_by=w.staff,
            cancelled_at=timezone.now() if cancelled else None,
            cancel_reason="Registrata due volte" if cancelled else "",
        )

    # Amadou has two Italian lessons (two records of his, one person), the women advice.
    service(w.cases["amadou-PSI Foggia"], course, dt.date(2025, 2, 15))
    service(w.cases["amadou-PSI Bari"], course, dt.date(2025, 3, 15))
    service(w.cases["woman-0"], advice, dt.date(2025, 5, 20))
    service(w.cases["woman-1"], advice, dt.date(2025, 5, 21))
    service(w.cases["woman-1"], advice, dt.date(2025, 5, 22), cancelled=True)
    service(w.cases["man-0"], advice, dt.date(2024, 12, 1))  # before the period

    indicator = ScreeningIndicator.objects.get_or_create(
        code="wages",
        defaults={"framework": Framework.ART_603, "label_it": "Salari", "label_en": "Wages"},
    )[0]
    for key in ("man-0", "man-1", "amadou-PSI Foggia", "amadou-PSI Ragusa"):
        case = w.cases[key]
        screening = Screening.objects.create(
            case=case,
            node=case.hub,
            operator=w.staff,
            held_on=dt.date(2025, 1, 25),
            status=ScreeningStatus.COMPLETED,
            confirmed_priority="high",
            confirmed_by=w.staff,
            confirmed_at=timezone.now(),
        )
        IndicatorAnswer.objects.create(
            screening=screening, indicator=indicator, status=Observation.OBSERVED, source="account"
        )

    for key, review in (("man-0", dt.date(2025, 5, 1)), ("man-1", dt.date(2025, 8, 1))):
        case = w.cases[key]
        plan = Plan.objects.create(
            case=case, node=case.hub, started_on=dt.date(2025, 1, 25), created_by=w.staff
        )
        PlanVersion.objects.create(
            plan=plan,
            number=1,
            status=VersionStatus.APPROVED,
            node=case.hub,
            created_by=w.staff,
            approved_by=w.coordinator,
            approved_at=timezone.make_aware(dt.datetime(2025, 2, 1, 12)),
            person_agreed_on=dt.date(2025, 2, 1),
            agreement_kind=AgreementKind.SIGNED,
            next_review_on=review,
        )

    sent = timezone.make_aware(dt.datetime(2025, 3, 1, 10))
    for status, decided_days in (("accepted", 3), ("declined", 1), ("sent", None)):
        referral = Referral.objects.create(
            case=w.cases["man-2"],
            from_node=w.foggia,
            to_node=w.bari,
            reason="Consulenza",
            due_on=dt.date(2025, 3, 10),
            sent_by=w.staff,
            status=status,
            decided_at=sent + dt.timedelta(days=decided_days) if decided_days else None,
            decline_reason="Nessun posto" if status == "declined" else "",
        )
        Referral.objects.filter(pk=referral.pk).update(created_at=sent)
    Transfer.objects.create(
        case=w.cases["amadou-PSI Bari"],
        from_hub=w.bari,
        to_hub=w.ragusa,
        handover="Raccolta agrumi",
        requested_by=w.staff,
        status="accepted",
        decided_at=timezone.make_aware(dt.datetime(2025, 4, 1, 9)),
    )

    for n, channel in enumerate((Channel.PHONE, Channel.PHONE, Channel.WHATSAPP)):
        contact = Contact.objects.create(
            reference=f"HD-{n}",
            channel=channel,
            received_at=timezone.make_aware(dt.datetime(2025, 2, 1 + n, 11)),
            message="Paga bassa",
            region=w.puglia,
        )
        ContactNeed.objects.create(contact=contact, need=Need.WAGES)

    place = OutreachPlace.objects.create(
        name="Borgo Mezzanone",
        kind=PlaceKind.SETTLEMENT,
        municipality=w.foggia.municipality,
        latitude=41.5,
        longitude=15.6,
        node=w.spoke,
    )
    for day, men in ((dt.date(2025, 4, 2), 30), (dt.date(2025, 4, 9), 12)):
        session = OutreachSession.objects.create(
            node=w.spoke,
            place=place,
            date=day,
            starts_at=dt.time(9),
            status=SessionStatus.DONE,
            created_by=w.staff,
        )
        Headcount.objects.create(
            session=session, sex=HeadcountSex.MALE, age_band=AgeBand.FROM_18_TO_29, count=men
        )
        Headcount.objects.create(
            session=session, sex=HeadcountSex.FEMALE, age_band=AgeBand.FROM_30_TO_54, count=3
        )
