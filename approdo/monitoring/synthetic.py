"""A network-sized synthetic data set for benchmarks: people, linkage clusters, cases at every
stage, screenings, plans, services, referrals, transfers, outreach and helpdesk contacts.

Everything is invented (names drawn from short lists, no real person) and generated in bulk:
columns are drawn with numpy from one seed, rows go to the database without models, services,
signals or audit events. On PostgreSQL they are streamed with COPY; elsewhere they are inserted
in batches with executemany. Primary keys are allocated here (after the current maximum) so
rows can point at each other before they are written; the sequences are reset at the end.

The data set obeys the models' constraints (a case taken in charge has its date, a closed case
its outcome, an external channel its body…), and the shapes monitoring counts: ~3% of person
records are duplicates of another person (same linkage cluster), ~8% of people have cases at
two or three hubs (mostly in their region), cases are spread over the programme period.

Writes are committed batch by batch: a run that fails half-way leaves what it wrote.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import time
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import islice, repeat
from typing import Any

import numpy as np
from django.contrib.auth import get_user_model
from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.db.models import Max, Min
from django.utils import timezone

from approdo.cases.models import (
    AccessChannel,
    Case,
    ExternalBodyKind,
    ExternalService,
    InternalSource,
    Referral,
    Transfer,
)
from approdo.cases.stages import ClosureOutcome, Stage
from approdo.helpdesk.models import Contact, ContactNeed, ContactStatus, Need
from approdo.interventions.models import ServiceDelivered, ServiceType
from approdo.linkage.models import LinkRun, PersonCluster, RunKind
from approdo.network.models import Language, Node, NodeKind, Programme, ServiceArea, SpokeKind
from approdo.outreach.models import (
    AgeBand,
    Headcount,
    OnSpotService,
    OnSpotServiceKind,
    OutreachSession,
    Place,
    PlaceKind,
    SessionStatus,
)
from approdo.outreach.models import Sex as HeadcountSex
from approdo.people.models import Person
from approdo.plans.models import Goal, Plan, PlanArea, PlanVersion, VersionStatus
from approdo.screening.models import Indicator, IndicatorAnswer, Screening

SYSTEM_USERNAME = "synthetic"
DEFAULT_SERVICES_PER_PERSON = 10
PROGRAMME_START = dt.date(2023, 1, 1)  # when no programme is in the database
COPY_ROWS = 100_000  # rows per COPY (one transaction each)
INSERT_ROWS = 5_000  # rows per executemany elsewhere
SERVICE_CHUNK = 500_000

DUPLICATE_SHARE = 0.03
MULTI_HUB_SHARE = 0.08
REOPENED_SHARE = 0.08
OTHER_REGION_SHARE = 0.25  # of the extra hubs of a person

NATIONALITIES = {  # DOMAIN.md's most frequent nationalities, with plausible weights
    "IN": 14,
    "MA": 12,
    "SN": 10,
    "NG": 10,
    "ML": 8,
    "PK": 8,
    "TN": 7,
    "GM": 7,
    "GH": 6,
    "AL": 5,
    "BD": 5,
    "BF": 4,
    "SD": 4,
}
MALE_NAMES = [
    *[
        "Amadou",
        "Kwesi",
        "Rahul",
        "Arben",
        "Youssef",
        "Mamadou",
        "Ibrahim",
        "Gurpreet",
        "Sami",
        "Lamin",
        "Kofi",
        "Emeka",
    ],
    *[
        "Abdoulaye",
        "Tariq",
        "Rashid",
        "Idrissa",
        "Bilal",
        "Karim",
        "Moussa",
        "Sekou",
        "Ilir",
        "Hamza",
        "Omar",
        "Babacar",
    ],
]
FEMALE_NAMES = [
    "Fatou",
    "Aisha",
    "Mariam",
    "Nadia",
    "Salma",
    "Jaspreet",
    "Elira",
    "Amina",
    "Awa",
    "Blessing",
    "Rokia",
]
FAMILY_NAMES = [  # invented spellings
    *[
        "Dialo",
        "Sinha",
        "Hoxhaj",
        "Amrani",
        "Bensalem",
        "Ndiayé",
        "Jallowe",
        "Traorré",
        "Mensa",
        "Okafe",
        "Ouedra",
    ],
    *[
        "Osmani",
        "Khanni",
        "Rahmani",
        "Kauri",
        "Sowe",
        "Bahh",
        "Kamara",
        "Koné",
        "Sarre",
        "Fofanah",
        "Boateng",
    ],
]

STAGE_WEIGHTS = {
    Stage.FIRST_CONTACT: 0.08,
    Stage.SCREENING: 0.10,
    Stage.TAKEN_IN_CHARGE: 0.22,
    Stage.PLAN_ACTIVE: 0.30,
    Stage.SUSPENDED: 0.05,
    Stage.CLOSED: 0.25,
}
CHANNEL_WEIGHTS = {
    AccessChannel.DIRECT: 0.40,
    AccessChannel.PROACTIVE: 0.25,
    AccessChannel.INTERNAL: 0.20,
    AccessChannel.EXTERNAL: 0.15,
}
TAKEN = ["taken_in_charge", "plan_active"]
OPEN = [Stage.FIRST_CONTACT, Stage.SCREENING, Stage.TAKEN_IN_CHARGE, Stage.PLAN_ACTIVE]
OUTCOMES_TAKEN = [
    ClosureOutcome.GOALS_REACHED,
    ClosureOutcome.MOVED_AWAY,
    ClosureOutcome.WITHDREW,
    ClosureOutcome.UNREACHABLE,
    ClosureOutcome.OTHER,
]
OUTCOMES_NOT_TAKEN = [ClosureOutcome.NOT_TAKEN, ClosureOutcome.WITHDREW, ClosureOutcome.UNREACHABLE]


@dataclass
class Result:
    counts: dict[str, int] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)
    network_loaded: bool = False
    distinct_people: int = 0

    @property
    def total_seconds(self) -> float:
        return sum(self.seconds.values())


# --- writing rows -----------------------------------------------------------------------------


class Writer:
    """Rows of one model at a time, as columns (a list per field, or one value for all)."""

    def __init__(self) -> None:
        self.postgres = connection.vendor == "postgresql"
        self.now = timezone.now()
        self.touched: list[type[models.Model]] = []

    @contextmanager
    def without_foreign_key_triggers(self) -> Iterator[None]:
        """On PostgreSQL, as a superuser, skip the foreign-key triggers while writing: every
        key written points at a row allocated by this generator (the tests check integrity),
        and the triggers more than double the time of a bulk load. CHECK and UNIQUE
        constraints still hold. Elsewhere, nothing changes."""
        if not self.postgres:
            yield
            return
        with connection.cursor() as cursor:
            cursor.execute("SHOW is_superuser")
            superuser = cursor.fetchone()[0] == "on"
            if superuser:
                cursor.execute("SET session_replication_role = replica")
            try:
                yield
            finally:
                if superuser:
                    cursor.execute("SET session_replication_role = DEFAULT")

    def first_id(self, model: type[models.Model]) -> int:
        return int(model._default_manager.aggregate(m=Max("pk"))["m"] or 0) + 1

    def write(self, model: type[models.Model], n: int, columns: dict[str, Any]) -> int:
        if n == 0:
            return 0
        fields = list(model._meta.concrete_fields)
        lists: list[Iterable[Any]] = []
        for f in fields:
            if f.attname in columns:
                value = columns[f.attname]
            elif f.name in columns:
                value = columns[f.name]
            else:
                value = self._default(f)
            if isinstance(value, str):
                value = str(value)  # a choice's member -> its plain value
            if isinstance(value, np.ndarray):
                value = value.tolist()
            if isinstance(value, list):
                if len(value) != n:
                    raise ValueError(f"{model.__name__}.{f.name}: {len(value)} values for {n}")
                if self.postgres and isinstance(f, models.JSONField):
                    value = [json.dumps(v) for v in value]
                lists.append(value)
            else:
                if self.postgres and isinstance(f, models.JSONField):
                    value = json.dumps(value)
                lists.append(repeat(value, n))
        rows = zip(*lists, strict=True)
        if self.postgres:
            self._copy(model, fields, rows)
        else:
            self._insert(model, fields, rows)
        if model not in self.touched:
            self.touched.append(model)
        return n

    def _default(self, f: models.Field[Any, Any]) -> Any:
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
            return self.now
        if f.has_default():
            if callable(f.default) and f.unique:
                raise ValueError(f"{f.model.__name__}.{f.name} needs a value per row")
            return f.get_default()
        if f.null:
            return None
        if f.blank and isinstance(f, models.CharField | models.TextField):
            return ""
        raise ValueError(f"no value for {f.model.__name__}.{f.name}")

    def _copy(
        self, model: type[models.Model], fields: list[Any], rows: Iterator[tuple[Any, ...]]
    ) -> None:
        table = connection.ops.quote_name(model._meta.db_table)
        names = ", ".join(connection.ops.quote_name(f.column) for f in fields)
        with connection.cursor() as cursor:
            raw = cursor.cursor  # the psycopg cursor under Django's wrapper
            while batch := list(islice(rows, COPY_ROWS)):
                with transaction.atomic(), raw.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                    for row in batch:
                        copy.write_row(row)

    def _insert(
        self, model: type[models.Model], fields: list[Any], rows: Iterator[tuple[Any, ...]]
    ) -> None:
        table = connection.ops.quote_name(model._meta.db_table)
        names = ", ".join(connection.ops.quote_name(f.column) for f in fields)
        marks = ", ".join(["%s"] * len(fields))
        sql = f"INSERT INTO {table} ({names}) VALUES ({marks})"  # noqa: S608 (names from models)
        with connection.cursor() as cursor:
            while batch := list(islice(rows, INSERT_ROWS)):
                prepared = [
                    [f.get_db_prep_save(v, connection) for f, v in zip(fields, row, strict=True)]
                    for row in batch
                ]
                with transaction.atomic():
                    cursor.executemany(sql, prepared)

    def reset_sequences(self) -> None:
        statements = connection.ops.sequence_reset_sql(no_style(), self.touched)
        if statements:
            with connection.cursor() as cursor:
                for sql in statements:
                    cursor.execute(sql)


# --- helpers ------------------------------------------------------------------------------------


class Days:
    """Dates as day numbers (proleptic ordinals) in numpy, turned back into dates in bulk."""

    def __init__(self, first: dt.date, last: dt.date) -> None:
        self.base = first.toordinal()
        days = [dt.date.fromordinal(o) for o in range(self.base, last.toordinal() + 1)]
        self.table = np.array([*days, None], dtype=object)  # index -1: None

    def dates(self, ordinals: np.ndarray) -> list[Any]:
        """Dates for ordinals; a negative ordinal is a missing date (None)."""
        index = np.where(ordinals < 0, -1, ordinals - self.base)
        return list(self.table[index].tolist())


def aware(ordinals: np.ndarray, seconds: np.ndarray) -> list[dt.datetime | None]:
    """Datetimes (UTC) at `seconds` after midnight of each day; a negative day gives None."""
    epoch = dt.datetime(1, 1, 1, tzinfo=dt.UTC)
    return [
        None if day < 0 else epoch + dt.timedelta(days=day - 1, seconds=sec)
        for day, sec in zip(ordinals.tolist(), seconds.tolist(), strict=True)
    ]


def pick(rng: np.random.Generator, weights: Mapping[Any, float], n: int) -> np.ndarray:
    keys = np.array([str(k) for k in weights], dtype=object)
    p = np.array(list(weights.values()), dtype=float)
    return np.asarray(keys[rng.choice(len(keys), size=n, p=p / p.sum())])


def choose(rng: np.random.Generator, values: Sequence[Any], n: int) -> np.ndarray:
    plain = [str(v) if isinstance(v, str) else v for v in values]  # choices -> their values
    table = np.empty(len(plain), dtype=object)
    table[:] = plain
    return np.asarray(table[rng.integers(0, len(plain), n)])


def where(mask: np.ndarray, yes: Any, no: Any) -> list[Any]:
    """np.where for values that may be None (kept as None, not as a numpy object)."""
    yes_list = yes.tolist() if isinstance(yes, np.ndarray) else repeat(yes)
    no_list = no.tolist() if isinstance(no, np.ndarray) else repeat(no)
    return [a if m else b for m, a, b in zip(mask.tolist(), yes_list, no_list, strict=False)]


def clamp(days: np.ndarray, last: int) -> np.ndarray:
    return np.minimum(days, last)


def system_user() -> Any:
    """The one account synthetic records are registered by (it can never sign in)."""
    user_model = get_user_model()
    user, created = user_model.objects.get_or_create(
        username=SYSTEM_USERNAME,
        defaults={"first_name": "Dati", "last_name": "sintetici", "is_active": False},
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


def ensure_network() -> bool:
    """The demo network (regions, 93+15 nodes, programmes, regional targets) unless hubs exist.
    Returns whether it was loaded now."""
    if Node.objects.filter(kind=NodeKind.HUB).exists():
        return False
    from approdo.network.demo import load_demo

    load_demo(accounts=False, people=False, cases=False, field=False)
    return True


@dataclass
class Network:
    hub_ids: np.ndarray
    hub_region: np.ndarray
    hub_codes: list[str]
    spokes_of: list[list[int]]  # per hub index, its spoke ids
    outreach_nodes: list[Node]
    regions: list[int]
    external: dict[int, list[int]]  # region -> external service ids

    @classmethod
    def load(cls) -> Network:
        hubs = list(Node.objects.filter(kind=NodeKind.HUB).order_by("pk"))
        position = {h.pk: i for i, h in enumerate(hubs)}
        spokes_of: list[list[int]] = [[] for _ in hubs]
        spokes = list(Node.objects.filter(kind=NodeKind.SPOKE).order_by("pk"))
        for spoke in spokes:
            if spoke.parent_hub_id in position:
                spokes_of[position[spoke.parent_hub_id]].append(spoke.pk)
        field_kinds = (SpokeKind.MOBILE_UNIT, SpokeKind.OUTPOST)
        outreach = [s for s in spokes if s.spoke_kind in field_kinds] or hubs
        regions = sorted({h.region_id for h in hubs})
        return cls(
            hub_ids=np.array([h.pk for h in hubs]),
            hub_region=np.array([h.region_id for h in hubs]),
            hub_codes=[h.code for h in hubs],
            spokes_of=spokes_of,
            outreach_nodes=outreach,
            regions=regions,
            external=_external_services(regions),
        )


def _external_services(regions: list[int]) -> dict[int, list[int]]:
    kinds = [
        ExternalBodyKind.LABOUR_INSPECTORATE,
        ExternalBodyKind.HEALTH,
        ExternalBodyKind.LEGAL_AID,
        ExternalBodyKind.JOB_CENTRE,
    ]
    out: dict[int, list[int]] = {}
    for region in regions:
        out[region] = [
            ExternalService.objects.get_or_create(
                region_id=region, name=f"Servizio sintetico: {kind.label}", defaults={"kind": kind}
            )[0].pk
            for kind in kinds
        ]
    return out


# --- the generator --------------------------------------------------------------------------


class Generator:
    def __init__(
        self, *, people: int, seed: int, services_per_person: int, log: Callable[[str], None]
    ) -> None:
        self.n = people
        self.rng = np.random.default_rng(seed)
        self.py = random.Random(seed)
        self.services_per_person = services_per_person
        self.log = log
        self.result = Result()
        self.w = Writer()
        self.today = timezone.localdate()
        start = Programme.objects.aggregate(s=Min("starts_on"))["s"]
        self.start = min(start or PROGRAMME_START, self.today)
        self.first = self.start.toordinal()
        self.last = self.today.toordinal()
        self.days = Days(dt.date(1960, 1, 1), self.today + dt.timedelta(days=400))

    def _timed(self, label: str, step: Callable[[], None]) -> None:
        started = time.perf_counter()
        step()
        self.result.seconds[label] = time.perf_counter() - started
        self.log(f"  {label}: {time.perf_counter() - started:.1f} s")

    def _count(self, label: str, n: int) -> None:
        self.result.counts[label] = self.result.counts.get(label, 0) + n

    def run(self) -> Result:
        started = time.perf_counter()
        self.result.network_loaded = ensure_network()
        self.user = system_user()
        self.net = Network.load()
        self.result.seconds["rete"] = time.perf_counter() - started
        steps: list[tuple[str, Callable[[], None]]] = [
            ("persone", self.people),
            ("cluster", self.clusters),
            ("prese in carico", self.cases),
            ("trasferimenti", self.transfers),
            ("screening", self.screenings),
            ("PAI", self.plans),
            ("prestazioni", self.services),
            ("invii", self.referrals),
            ("outreach", self.outreach),
            ("helpdesk", self.helpdesk),
        ]
        with self.w.without_foreign_key_triggers():
            for label, step in steps:
                self._timed(label, step)
        self.w.reset_sequences()
        return self.result

    # --- people and clusters ----------------------------------------------------------------
    def people(self) -> None:
        n, rng = self.n, self.rng
        self.pid = self.w.first_id(Person) + np.arange(n)
        hub_idx = rng.integers(0, len(self.net.hub_ids), n)
        # ~3% of the records are a second registration of someone already registered.
        dup = rng.random(n) < DUPLICATE_SHARE
        dup[0] = False
        originals = np.flatnonzero(~dup)
        dup_idx = np.flatnonzero(dup)
        before = np.searchsorted(originals, dup_idx)  # originals registered earlier
        root = np.arange(n)
        root[dup_idx] = originals[(rng.random(len(dup_idx)) * before).astype(np.int64)]
        self.root = root

        sex = pick(rng, {"male": 0.84, "female": 0.15, "not_stated": 0.01}, n)
        gender = np.where(sex == "female", "woman", np.where(sex == "male", "man", "not_stated"))
        gender = np.where(rng.random(n) < 0.25, "not_stated", gender)
        gender = np.where(rng.random(n) < 0.005, "non_binary", gender)
        born = rng.triangular(
            dt.date(1960, 1, 1).toordinal(),
            dt.date(1994, 1, 1).toordinal(),
            dt.date(2008, 12, 31).toordinal(),
            n,
        ).astype(np.int64)
        born[rng.random(n) < 0.04] = -1
        nationality = pick(rng, NATIONALITIES, n)
        given = np.where(
            sex == "female", choose(rng, FEMALE_NAMES, n), choose(rng, MALE_NAMES, n)
        ).astype(object)
        family = choose(rng, FAMILY_NAMES, n)
        # A duplicate carries the identity of the person it repeats (that is how it is found).
        for column in (sex, gender, born, nationality, given, family):
            column[dup_idx] = column[root[dup_idx]]
        self.hub_idx = hub_idx
        self.sex, self.born = sex, born

        registered = self.net.hub_ids[hub_idx].copy()
        at_spoke = np.flatnonzero(rng.random(n) < 0.3)
        for i in at_spoke.tolist():
            spokes = self.net.spokes_of[hub_idx[i]]
            if spokes:
                registered[i] = spokes[self.py.randrange(len(spokes))]
        self.registered = registered
        count = self.w.write(
            Person,
            n,
            {
                "id": self.pid,
                "family_name": family,
                "given_names": given,
                "sex": sex,
                "gender": gender,
                "birth_date": self.days.dates(born),
                "birth_date_precision": "exact",
                "birth_country": nationality,
                "nationality": nationality,
                "needs_mediator": rng.random(n) < 0.6,
                "education_level": pick(
                    rng,
                    {"0": 8, "1": 20, "2": 25, "3": 15, "4": 4, "6": 5, "7": 1, "unknown": 22},
                    n,
                ),
                "employment_status": pick(
                    rng,
                    {
                        "informal": 30,
                        "seasonal": 20,
                        "employed": 12,
                        "unemployed": 25,
                        "inactive": 3,
                        "student": 1,
                        "unknown": 9,
                    },
                    n,
                ),
                "housing_condition": pick(
                    rng,
                    {
                        "roofless": 8,
                        "houseless": 15,
                        "insecure": 25,
                        "inadequate": 22,
                        "housed": 18,
                        "unknown": 12,
                    },
                    n,
                ),
                "registered_at_id": registered,
                "registered_by_id": self.user.pk,
            },
        )
        self._count("persone (schede)", count)

    def clusters(self) -> None:
        cluster = [f"C{p}" for p in self.pid[self.root].tolist()]
        distinct = int(np.unique(self.root).size)
        self.result.distinct_people = distinct
        run = LinkRun.objects.create(
            kind=RunKind.FULL,
            started_at=self.w.now,
            finished_at=timezone.now(),
            records=self.n,
            clusters=distinct,
            compared_pairs=self.n - distinct,
            linked_pairs=self.n - distinct,
            threshold=0.9,
            model={"synthetic": True},
        )
        self._count("persone distinte (cluster)", distinct)
        self.w.write(
            PersonCluster,
            self.n,
            {
                "id": self.w.first_id(PersonCluster) + np.arange(self.n),
                "person_id": self.pid,
                "cluster_id": cluster,
                "run_id": run.pk,
            },
        )

    # --- cases --------------------------------------------------------------------------------
    def _other_hub(self, hub_idx: np.ndarray, other_region: np.ndarray) -> np.ndarray:
        """Another hub for each case: in the same region (when it has another), or not."""
        region = self.net.hub_region
        hubs = range(len(region))
        same = [[i for i in hubs if i != h and region[i] == region[h]] for h in hubs]
        other = [[i for i in hubs if region[i] != region[h]] for h in hubs]
        out = hub_idx.copy()
        for k, (h, elsewhere) in enumerate(
            zip(hub_idx.tolist(), other_region.tolist(), strict=True)
        ):
            pool = (other[h] if elsewhere else same[h]) or same[h] or other[h] or [h]
            out[k] = pool[self.py.randrange(len(pool))]
        return out

    def _stages(self, opened: np.ndarray) -> dict[str, np.ndarray]:
        rng, n, last = self.rng, len(opened), self.last
        stage = pick(rng, STAGE_WEIGHTS, n)
        suspended_from = np.where(stage == Stage.SUSPENDED, choose(rng, OPEN, n), "")
        taken = np.isin(stage, TAKEN) | np.isin(suspended_from, TAKEN)
        closed = stage == Stage.CLOSED
        taken |= closed & (rng.random(n) < 0.65)
        tic = np.where(taken, clamp(opened + rng.integers(0, 31, n), last), -1)
        closed_on = np.where(
            closed, clamp(np.maximum(opened, tic) + rng.integers(7, 400, n), last), -1
        )
        outcome = np.where(
            closed,
            np.where(taken, choose(rng, OUTCOMES_TAKEN, n), choose(rng, OUTCOMES_NOT_TAKEN, n)),
            "",
        )
        return {
            "stage": stage,
            "suspended_from": suspended_from,
            "tic": tic,
            "closed_on": closed_on,
            "outcome": outcome,
        }

    def cases(self) -> None:
        rng, n, net = self.rng, self.n, self.net
        person = np.arange(n)
        extra = np.flatnonzero(rng.random(n) < MULTI_HUB_SHARE)
        extra = np.concatenate([extra, extra[rng.random(len(extra)) < 0.3]])  # some at 3 hubs
        extra_hub = self._other_hub(
            self.hub_idx[extra], rng.random(len(extra)) < OTHER_REGION_SHARE
        )
        idx = np.concatenate([person, extra])
        hub = np.concatenate([self.hub_idx, extra_hub])
        m = len(idx)
        opened = rng.integers(self.first, self.last + 1, m)
        cols = self._stages(opened)

        # Some people come back: their first case is closed, a new one opens later.
        back = np.flatnonzero(rng.random(n) < REOPENED_SHARE)
        cols["stage"][back] = Stage.CLOSED
        cols["suspended_from"][back] = ""
        cols["outcome"][back] = choose(rng, OUTCOMES_TAKEN, len(back))
        tic = np.where(cols["tic"][back] < 0, opened[back], cols["tic"][back])
        cols["tic"][back] = tic
        cols["closed_on"][back] = clamp(tic + rng.integers(7, 200, len(back)), self.last)
        reopened = clamp(cols["closed_on"][back] + rng.integers(1, 90, len(back)), self.last)
        more = self._stages(reopened)
        idx = np.concatenate([idx, back])
        hub = np.concatenate([hub, self.hub_idx[back]])
        opened = np.concatenate([opened, reopened])
        for key in cols:
            cols[key] = np.concatenate([cols[key], more[key]])
        m = len(idx)

        hub_ids = net.hub_ids[hub]
        at_home = np.concatenate([np.ones(n, bool), np.zeros(m - n, bool)])
        at_home[n + len(extra) :] = True
        origin = np.where(at_home, self.registered[idx], hub_ids)
        channel = pick(rng, CHANNEL_WEIGHTS, m)
        person_id = self.pid[idx].astype(object)
        # A first contact is sometimes only a nickname: no person registered yet.
        anonymous = (cols["stage"] == Stage.FIRST_CONTACT) & (rng.random(m) < 0.25)
        person_id[anonymous] = None
        ids = self.w.first_id(Case) + np.arange(m)
        years = [d.year for d in self.days.dates(opened)]
        codes = [net.hub_codes[h] for h in hub.tolist()]
        reference = [f"{c}-{y}-{i:06d}" for c, y, i in zip(codes, years, ids.tolist(), strict=True)]
        self.case = {
            "id": ids,
            "person": idx,
            "has_person": ~anonymous,
            "hub": hub_ids,
            "hub_idx": hub,
            "origin": origin,
            "opened": opened,
            "end": np.where(cols["closed_on"] >= 0, cols["closed_on"], self.last),
            **cols,
        }
        count = self.w.write(
            Case,
            m,
            {
                "id": ids,
                "reference": reference,
                "person_id": person_id.tolist(),
                "hub_id": hub_ids,
                "origin_node_id": origin,
                "stage": cols["stage"],
                "suspended_from": cols["suspended_from"],
                "access_channel": channel,
                "internal_source": np.where(
                    channel == AccessChannel.INTERNAL, choose(rng, InternalSource.values, m), ""
                ),
                "external_body_kind": np.where(
                    channel == AccessChannel.EXTERNAL, choose(rng, ExternalBodyKind.values, m), ""
                ),
                "contact_name": np.where(anonymous, choose(rng, MALE_NAMES, m), ""),
                "opened_on": self.days.dates(opened),
                "taken_in_charge_on": self.days.dates(cols["tic"]),
                "opened_by_id": self.user.pk,
                "closed_on": self.days.dates(cols["closed_on"]),
                "closure_outcome": cols["outcome"],
            },
        )
        self._count("prese in carico", count)

    def transfers(self) -> None:
        """Accepted moves between regions (the case is at its new hub) and a few declined."""
        rng, c = self.rng, self.case
        candidates = np.flatnonzero(c["tic"] >= 0)
        chosen = candidates[rng.random(len(candidates)) < 0.02]
        accepted = rng.random(len(chosen)) < 0.8
        other = self.net.hub_ids[self._other_hub(c["hub_idx"][chosen], accepted)]
        here = c["hub"][chosen]
        moved = other != here  # a network of one hub has nowhere to go
        chosen, accepted, other, here = chosen[moved], accepted[moved], other[moved], here[moved]
        k = len(chosen)
        day = clamp(c["tic"][chosen] + rng.integers(10, 120, k), self.last)
        decided = clamp(day + rng.integers(0, 6, k), self.last)
        secs = rng.integers(8 * 3600, 18 * 3600, k)
        count = self.w.write(
            Transfer,
            k,
            {
                "id": self.w.first_id(Transfer) + np.arange(k),
                "created_at": aware(day, secs),
                "case_id": c["id"][chosen],
                "from_hub_id": np.where(accepted, other, here),
                "to_hub_id": np.where(accepted, here, other),
                "handover": "Passaggio di consegne (dati sintetici).",
                "status": np.where(accepted, "accepted", "declined"),
                "requested_by_id": self.user.pk,
                "decided_by_id": self.user.pk,
                "decided_at": aware(decided, secs + 3600),
                "decline_reason": np.where(accepted, "", "Posti esauriti (dati sintetici)."),
            },
        )
        self._count("trasferimenti", count)

    # --- screening and plans -----------------------------------------------------------------
    def screenings(self) -> None:
        rng, c = self.rng, self.case
        past_first = (c["stage"] != Stage.FIRST_CONTACT) & c["has_person"]
        past_first &= c["suspended_from"] != Stage.FIRST_CONTACT
        chosen = np.flatnonzero(
            past_first & ((c["tic"] >= 0) | (rng.random(len(past_first)) < 0.7))
        )
        k = len(chosen)
        opened, tic = c["opened"][chosen], c["tic"][chosen]
        span = np.where(tic >= 0, tic - opened, 14)
        held = clamp(opened + (rng.random(k) * (span + 1)).astype(np.int64), self.last)
        held = np.minimum(held, c["end"][chosen])
        draft = (c["stage"][chosen] == Stage.SCREENING) & (rng.random(k) < 0.4)
        priority = pick(rng, {"high": 0.25, "medium": 0.45, "low": 0.30}, k)
        ids = self.w.first_id(Screening) + np.arange(k)
        when = aware(held, rng.integers(9 * 3600, 17 * 3600, k))
        count = self.w.write(
            Screening,
            k,
            {
                "id": ids,
                "case_id": c["id"][chosen],
                "node_id": c["hub"][chosen],
                "operator_id": self.user.pk,
                "held_on": self.days.dates(held),
                "with_mediator": rng.random(k) < 0.5,
                "immediate_danger": rng.random(k) < 0.03,
                "urgency_level": pick(rng, {"low": 0.6, "medium": 0.3, "high": 0.1}, k),
                "status": np.where(draft, "draft", "completed"),
                "suggested_priority": priority,
                "suggested_steps": [[] for _ in range(k)],
                "confirmed_priority": np.where(draft, "", priority),
                "chosen_steps": [[] for _ in range(k)],
                "confirmed_by_id": where(draft, None, self.user.pk),
                "confirmed_at": [
                    None if d else w for d, w in zip(draft.tolist(), when, strict=True)
                ],
            },
        )
        self._count("screening", count)
        # A few indicators answered per completed screening, about half observed.
        indicators = np.array(list(Indicator.objects.values_list("pk", flat=True)))
        done = ids[~draft]
        if not len(indicators) or not len(done):
            return
        first = self.w.first_id(IndicatorAnswer)
        written = 0
        for part in np.array_split(done, max(1, len(done) // 200_000)):
            per = rng.integers(2, 6, len(part))
            order = np.argsort(rng.random((len(part), len(indicators))), axis=1)
            mask = np.arange(len(indicators))[None, :] < per[:, None]
            screening_id = np.repeat(part, per)
            indicator = indicators[order[mask]]
            a = len(screening_id)
            observed = rng.random(a) < 0.5
            status = np.where(observed, "observed", choose(rng, ["not_observed", "unknown"], a))
            written += self.w.write(
                IndicatorAnswer,
                a,
                {
                    "id": first + written + np.arange(a),
                    "screening_id": screening_id,
                    "indicator_id": indicator,
                    "status": status,
                    "source": np.where(
                        observed, choose(rng, ["account", "operator", "documents"], a), ""
                    ),
                },
            )
        self._count("risposte sugli indicatori", written)

    def plans(self) -> None:
        rng, c = self.rng, self.case
        active = (c["stage"] == Stage.PLAN_ACTIVE) | (c["suspended_from"] == Stage.PLAN_ACTIVE)
        active |= (c["stage"] == Stage.CLOSED) & (c["tic"] >= 0) & (rng.random(len(active)) < 0.6)
        chosen = np.flatnonzero(active)
        k = len(chosen)
        started = np.minimum(
            clamp(c["tic"][chosen] + rng.integers(0, 21, k), self.last), c["end"][chosen]
        )
        cycles = rng.integers(1, 2 + np.maximum(self.last - started, 0) // 56)
        next_review = started + 56 * cycles - rng.integers(0, 20, k)
        approved_at = aware(started, rng.integers(9 * 3600, 17 * 3600, k))
        ids = self.w.first_id(Plan) + np.arange(k)
        self.w.write(
            Plan,
            k,
            {
                "id": ids,
                "case_id": c["id"][chosen],
                "node_id": c["hub"][chosen],
                "started_on": self.days.dates(started),
                "created_by_id": self.user.pk,
            },
        )
        version_ids = self.w.first_id(PlanVersion) + np.arange(k)
        count = self.w.write(
            PlanVersion,
            k,
            {
                "id": version_ids,
                "plan_id": ids,
                "number": 1,
                "status": VersionStatus.APPROVED,
                "node_id": c["hub"][chosen],
                "created_by_id": self.user.pk,
                "submitted_at": approved_at,
                "approved_by_id": self.user.pk,
                "approved_at": approved_at,
                "person_agreed_on": self.days.dates(started),
                "agreement_kind": choose(rng, ["signed", "verbal_mediator", "verbal"], k),
                "review_every_weeks": 8,
                "next_review_on": self.days.dates(next_review),
            },
        )
        self._count("PAI approvati", count)
        areas = PlanArea.values
        g = 2 * k
        first_area = rng.integers(0, len(areas), k)
        second_area = (first_area + rng.integers(1, len(areas), k)) % len(areas)
        area = np.empty(g, dtype=object)
        area[0::2] = np.array(areas, dtype=object)[first_area]
        area[1::2] = np.array(areas, dtype=object)[second_area]
        count = self.w.write(
            Goal,
            g,
            {
                "id": self.w.first_id(Goal) + np.arange(g),
                "plan_version_id": np.repeat(version_ids, 2),
                "area": area,
                "title": "Obiettivo del PAI (dati sintetici)",
                "order": np.tile([0, 1], k),
            },
        )
        self._count("obiettivi", count)

    # --- services, referrals -----------------------------------------------------------------
    def services(self) -> None:
        rng, c = self.rng, self.case
        eligible = np.flatnonzero((c["stage"] != Stage.FIRST_CONTACT) & c["has_person"])
        if not len(eligible) or self.services_per_person <= 0:
            return
        rate = self.services_per_person * self.n / len(eligible)
        per_case = rng.poisson(rate, len(eligible))
        types = list(ServiceType.objects.filter(active=True).values_list("pk", "fami_output"))
        type_ids = np.array([pk for pk, _fami in types])
        weights = np.array([2.0 if fami else 1.0 for _pk, fami in types])
        all_languages = list(
            Language.objects.order_by("position", "pk").values_list("pk", flat=True)
        )
        languages: list[int | None] = [*all_languages[:12]] or [None]
        total, first = int(per_case.sum()), self.w.first_id(ServiceDelivered)
        case_pos = np.repeat(eligible, per_case)
        written = 0
        for start in range(0, total, SERVICE_CHUNK):
            pos = case_pos[start : start + SERVICE_CHUNK]
            k = len(pos)
            opened, end = c["opened"][pos], c["end"][pos]
            day = opened + (rng.random(k) * (end - opened + 1)).astype(np.int64)
            cancelled = rng.random(k) < 0.01
            mediated = rng.random(k) < 0.3
            language = choose(rng, languages, k)
            language[rng.random(k) < 0.5] = None
            written += self.w.write(
                ServiceDelivered,
                k,
                {
                    "id": first + start + np.arange(k),
                    "case_id": c["id"][pos],
                    "service_type_id": type_ids[
                        rng.choice(len(type_ids), k, p=weights / weights.sum())
                    ],
                    "date": self.days.dates(day),
                    "duration_minutes": rng.integers(15, 121, k),
                    "operator_id": self.user.pk,
                    "node_id": c["origin"][pos],
                    "place": pick(
                        rng, {"hub": 0.6, "spoke": 0.15, "outreach": 0.1, "remote": 0.15}, k
                    ),
                    "with_mediator": mediated,
                    "language_id": language,
                    "recorded_by_id": self.user.pk,
                    "cancelled_at": where(cancelled, self.w.now, None),
                    "cancelled_by_id": where(cancelled, self.user.pk, None),
                    "cancel_reason": np.where(cancelled, "Registrata per errore.", ""),
                },
            )
            self.log(f"    prestazioni: {written:,} / {total:,}")
        self._count("prestazioni", written)

    def referrals(self) -> None:
        rng, c, net = self.rng, self.case, self.net
        chosen = np.flatnonzero(c["has_person"] & (rng.random(len(c["id"])) < 0.15))
        k = len(chosen)
        hub, origin = c["hub"][chosen], c["origin"][chosen]
        # From the spoke where the person was met to the hub; otherwise from the hub to a local
        # service (labour inspectorate, health, legal aid, job centre).
        to_hub = origin != hub
        regions = net.hub_region[c["hub_idx"][chosen]].tolist()
        external = [net.external[r][self.py.randrange(len(net.external[r]))] for r in regions]
        status = pick(
            rng,
            {
                "sent": 0.15,
                "accepted": 0.40,
                "declined": 0.10,
                "completed": 0.30,
                "cancelled": 0.05,
            },
            k,
        )
        day = clamp(c["opened"][chosen] + rng.integers(0, 30, k), self.last)
        secs = rng.integers(8 * 3600, 18 * 3600, k)
        decided = status != "sent"
        decided_day = np.where(decided, clamp(day + rng.integers(0, 21, k), self.last), -1)
        completed_day = np.where(status == "completed", clamp(decided_day + 30, self.last), -1)
        areas = list(ServiceArea.objects.values_list("pk", flat=True))
        count = self.w.write(
            Referral,
            k,
            {
                "id": self.w.first_id(Referral) + np.arange(k),
                "created_at": aware(day, secs),
                "case_id": c["id"][chosen],
                "from_node_id": np.where(to_hub, origin, hub),
                "to_node_id": where(to_hub, hub, None),
                "to_external_id": where(to_hub, None, np.array(external)),
                "area_id": choose(rng, areas, k),
                "reason": "Invio (dati sintetici).",
                "shared_fields": [[] for _ in range(k)],
                "status": status,
                "due_on": self.days.dates(day + 7),
                "sent_by_id": self.user.pk,
                "decided_by_id": where(decided, self.user.pk, None),
                "decided_at": aware(decided_day, secs),
                "decline_reason": np.where(status == "declined", "Nessun posto disponibile.", ""),
                "completed_at": aware(completed_day, secs),
            },
        )
        self._count("invii", count)

    # --- outreach and helpdesk ---------------------------------------------------------------
    def outreach(self) -> None:
        rng = self.rng
        places: list[tuple[int, int]] = []  # (place id, node id)
        for node in self.net.outreach_nodes:
            for k in range(3):
                place, _created = Place.objects.get_or_create(
                    municipality_id=node.municipality_id,
                    name=f"Luogo sintetico {node.code}-{k + 1}",
                    defaults={
                        "kind": self.py.choice(PlaceKind.values),
                        "latitude": node.latitude if node.latitude is not None else 41.5,
                        "longitude": node.longitude if node.longitude is not None else 15.5,
                        "node": node,
                    },
                )
                places.append((place.pk, place.node_id))
        s = max(20, self.n // 20)
        which = rng.integers(0, len(places), s)
        status = pick(rng, {"done": 0.93, "cancelled": 0.07}, s)
        day = rng.integers(self.first, self.last + 1, s)
        ids = self.w.first_id(OutreachSession) + np.arange(s)
        count = self.w.write(
            OutreachSession,
            s,
            {
                "id": ids,
                "client_id": [uuid.UUID(int=self.py.getrandbits(128)) for _ in range(s)],
                "node_id": [places[i][1] for i in which.tolist()],
                "place_id": [places[i][0] for i in which.tolist()],
                "date": self.days.dates(day),
                "starts_at": dt.time(9, 0),
                "ends_at": dt.time(13, 0),
                "status": status,
                "with_mediator": rng.random(s) < 0.7,
                "cancel_reason": np.where(status == "cancelled", "Maltempo.", ""),
                "created_by_id": self.user.pk,
            },
        )
        self._count("uscite di outreach", count)
        groups = [
            (sex, band, nat)
            for sex in HeadcountSex.values
            for band in AgeBand.values
            for nat in ["", *NATIONALITIES]
        ]
        rows: list[tuple[int, str, str, str, int]] = []
        services: list[tuple[int, str, int]] = []
        for session, state in zip(ids.tolist(), status.tolist(), strict=True):
            if state != SessionStatus.DONE:
                continue
            for sex, band, nat in self.py.sample(groups, self.py.randint(2, 5)):
                rows.append((session, sex, band, nat, self.py.randint(1, 30)))
            for kind in self.py.sample(OnSpotServiceKind.values, self.py.randint(0, 2)):
                services.append((session, kind, self.py.randint(1, 20)))
        h = len(rows)
        count = self.w.write(
            Headcount,
            h,
            {
                "id": self.w.first_id(Headcount) + np.arange(h),
                "client_id": [uuid.UUID(int=self.py.getrandbits(128)) for _ in range(h)],
                "session_id": [r[0] for r in rows],
                "sex": [r[1] for r in rows],
                "age_band": [r[2] for r in rows],
                "nationality": [r[3] for r in rows],
                "count": [r[4] for r in rows],
            },
        )
        self._count("conteggi anonimi", count)
        o = len(services)
        self.w.write(
            OnSpotService,
            o,
            {
                "id": self.w.first_id(OnSpotService) + np.arange(o),
                "client_id": [uuid.UUID(int=self.py.getrandbits(128)) for _ in range(o)],
                "session_id": [r[0] for r in services],
                "kind": [r[1] for r in services],
                "people": [r[2] for r in services],
            },
        )
        self._count("servizi sul posto", o)

    def helpdesk(self) -> None:
        rng = self.rng
        k = max(10, self.n // 10)
        ids = self.w.first_id(Contact) + np.arange(k)
        day = rng.integers(self.first, self.last + 1, k)
        secs = rng.integers(0, 24 * 3600, k)
        received = aware(day, secs)
        anonymous = rng.random(k) < 0.35
        status = pick(rng, {"new": 0.10, "in_progress": 0.15, "referred": 0.25, "closed": 0.50}, k)
        closed = status == ContactStatus.CLOSED
        region = choose(rng, self.net.regions, k)
        region[rng.random(k) < 0.2] = None
        languages = list(Language.objects.order_by("position", "pk").values_list("pk", flat=True))
        language = choose(rng, languages[:10] or [None], k)
        language[rng.random(k) < 0.3] = None
        count = self.w.write(
            Contact,
            k,
            {
                "id": ids,
                "reference": [
                    f"HD-{d.year}-{i:06d}"
                    for d, i in zip(self.days.dates(day), ids.tolist(), strict=True)
                ],
                "channel": pick(
                    rng,
                    {
                        "phone": 45,
                        "whatsapp": 30,
                        "email": 5,
                        "web_form": 8,
                        "social": 4,
                        "walk_in": 8,
                    },
                    k,
                ),
                "received_at": received,
                "out_of_hours": (secs < 9 * 3600) | (secs >= 18 * 3600),
                "language_id": language,
                "urgency": pick(rng, {"low": 0.2, "normal": 0.6, "high": 0.15, "danger": 0.05}, k),
                "anonymous": anonymous,
                "name": np.where(anonymous, "", choose(rng, MALE_NAMES, k)),
                "region_id": region,
                "message": "Richiesta all'helpdesk (dati sintetici).",
                "status": status,
                "received_by_id": self.user.pk,
                "closed_at": aware(np.where(closed, day + 2, -1), secs),
            },
        )
        self._count("contatti dell'helpdesk", count)
        needs = Need.values
        per = rng.integers(1, 3, k)
        contact_id = np.repeat(ids, per)
        first_need = rng.integers(0, len(needs), k)
        step = rng.integers(1, len(needs), k)
        which = np.repeat(first_need, per)
        second = np.zeros(len(contact_id), dtype=bool)
        second[np.cumsum(per)[per == 2] - 1] = True
        which = np.where(second, (which + np.repeat(step, per)) % len(needs), which)
        n = len(contact_id)
        self.w.write(
            ContactNeed,
            n,
            {
                "id": self.w.first_id(ContactNeed) + np.arange(n),
                "contact_id": contact_id,
                "need": np.array(needs, dtype=object)[which],
            },
        )
        self._count("bisogni espressi", n)


def generate(
    *,
    people: int,
    seed: int = 0,
    services_per_person: int = DEFAULT_SERVICES_PER_PERSON,
    log: Callable[[str], None] = lambda line: None,
) -> Result:
    """Write a synthetic data set of `people` person records (and all that hangs off them)."""
    if people < 1:
        raise ValueError("people must be at least 1")
    return Generator(
        people=people, seed=seed, services_per_person=services_per_person, log=log
    ).run()
