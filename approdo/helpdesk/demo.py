"""The helpdesk demo: the directory of local services and eight weeks of contacts.

`ensure_helpdesk_directory` adds, per demo region, invented local services (health with an
STP/ENI clinic, legal aid, housing, union, job centre, social services) with languages,
hours, fake phone numbers and example.org sites; it runs on every load and only adds what is
missing (by region and name). `load_demo_helpdesk` writes about sixty contacts once, through
the real services (intake, triage, tasks, referrals to the PSI and the hub's answer), on the
simulated clock of the demo cases: out-of-hours messages get their call-back task from intake,
referrals land in the hubs' inboxes, and a few contacts are still new in today's queue.

The demo account `helpdesk` is the operator. Deterministic for a seed and a date.
Idempotent: contacts received or triaged by the demo operator mean the load already ran.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify

from approdo.accounts.demo import EMAIL_DOMAIN
from approdo.accounts.models import User
from approdo.cases import referral_services as refs
from approdo.cases.demo_steps import SimulatedClock, simulated_time
from approdo.cases.models import ExternalService
from approdo.helpdesk import services as hs
from approdo.helpdesk.demo_texts import (
    ANSWERS,
    AUTHORITY_NOTES,
    BEST_TIMES,
    CALL_BACK_DONE,
    CLOSE_AFTER_PSI,
    CONTACTS,
    DECLINE_REASON,
    DIRECTORY,
    DIRECTORY_NOTE,
    DIRECTORY_TOWNS,
    FOLLOW_UP_DONE,
    MANUAL_TASK,
    NO_ACTION,
    PHONE_PREFIX,
    PSI_REASON,
    ContactSpec,
)
from approdo.helpdesk.hours import is_open, next_opening
from approdo.helpdesk.intake import ReporterDetails, contact_receive
from approdo.helpdesk.models import (
    Channel,
    Contact,
    PreferredChannel,
    TaskKind,
    TriageOutcome,
)
from approdo.network.demo_data import DEFAULT_SEED
from approdo.network.models import Language, Municipality, Node, Region
from approdo.outreach.demo import hub_acceptor

OPERATOR = "helpdesk"
WEEKS_BACK = 8
# Where each outcome falls, in days before today (the queue of today is built apart).
WINDOWS: dict[str, tuple[int, int]] = {
    "take": (1, 6),
    "answer": (2, 14),
    "answer_close": (2, 56),
    "psi_ok": (14, 50),
    "psi_wait": (1, 5),
    "psi_no": (8, 20),
    "auth": (3, 50),
    "none": (5, 40),
}
CHANNEL_WEIGHTS = {
    Channel.PHONE: 40,
    Channel.WHATSAPP: 25,
    Channel.EMAIL: 8,
    Channel.WEB_FORM: 12,
    Channel.SOCIAL: 7,
    Channel.WALK_IN: 8,
}
PREFERRED: dict[str, str] = {
    Channel.WHATSAPP: PreferredChannel.WHATSAPP,
    Channel.EMAIL: PreferredChannel.EMAIL,
    Channel.PHONE: PreferredChannel.PHONE,
}
# The PSI a contact is referred to, by province (else by region).
PSI_BY_PROVINCE = {"TP": "SIC-H08", "SR": "SIC-H03"}
PSI_BY_REGION = {
    "Puglia": "PUG-H01",
    "Calabria": "CAL-H01",
    "Campania": "CAM-H01",
    "Sicilia": "SIC-H02",
    "Basilicata": "BAS-H01",
    "Lombardia": "LOM-H01",
}


@dataclass(frozen=True)
class DemoHelpdeskResult:
    contacts: int = 0
    by_channel: dict[str, int] = field(default_factory=dict)
    anonymous: int = 0
    out_of_hours: int = 0
    referred_psi: int = 0
    accepted: int = 0
    declined: int = 0
    referred_authority: int = 0
    still_new: int = 0
    directory: int = 0  # local services added to the directory
    already_present: bool = False
    skipped: bool = False


def helpdesk_demo_exists() -> bool:
    return Contact.objects.filter(
        Q(received_by__username=OPERATOR) | Q(triages__decided_by__username=OPERATOR)
    ).exists()


# --- the directory --------------------------------------------------------------------------
def ensure_helpdesk_directory() -> int:
    """Add the invented local services missing from the directory; how many were added."""
    languages = {lang.code: lang for lang in Language.objects.all()}
    created = 0
    for region in Region.objects.filter(name__in=list(DIRECTORY_TOWNS)).order_by("name"):
        town, province, area, spoken = DIRECTORY_TOWNS[region.name]
        municipality = Municipality.objects.filter(
            name=town, province__abbreviation=province
        ).first()
        for number, (kind, pattern, hours, how_many) in enumerate(DIRECTORY, start=11):
            name = pattern.format(town=town)
            slug = slugify(name)[:48].strip("-")
            row, was_created = ExternalService.objects.get_or_create(
                region=region,
                name=name,
                defaults={
                    "kind": kind,
                    "municipality": municipality,
                    "address": f"Via dei Servizi {number} (indirizzo di prova)",
                    "phone": f"{area} 000 0{number:02d}",
                    "email": f"{slug}@{EMAIL_DOMAIN}",
                    "website": f"https://{slug}.example.org/",
                    "opening_hours": hours,
                    "notes": DIRECTORY_NOTE,
                },
            )
            if was_created:
                codes = ("it", *spoken[:how_many])
                row.languages.set([languages[c] for c in codes if c in languages])
                created += 1
    return created


# --- contacts -------------------------------------------------------------------------------
def _moment(day: dt.date, hour: int, minute: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


class HelpdeskWriter:
    """Receives and works one contact after the other, as the helpdesk operator."""

    def __init__(self, *, clock: SimulatedClock, rng: random.Random, today: dt.date) -> None:
        self.clock, self.rng, self.today = clock, rng, today
        self.operator = User.objects.get(username=OPERATOR)
        self.languages = {lang.code: lang for lang in Language.objects.all()}
        self.hubs = {n.code: n for n in Node.objects.filter(code__in=PSI_BY_REGION.values())}
        self.hubs.update(
            {n.code: n for n in Node.objects.filter(code__in=PSI_BY_PROVINCE.values())}
        )
        self.tally: Counter[str] = Counter()
        self.contacts: list[Contact] = []

    def now(self, moment: dt.datetime) -> bool:
        """Move the clock to `moment`; False (and nothing moves) if it is still to come."""
        latest = self.clock.real_now - dt.timedelta(minutes=2)
        if moment > latest:
            return False
        self.clock.instant = moment
        return True

    def _received(self, spec: ContactSpec, number: int) -> dt.datetime:
        rng = self.rng
        if spec.outcome == "new":
            # Today's queue: the danger call a moment ago, the others overnight or this morning.
            if spec.urgency == "danger":
                return self.clock.real_now - dt.timedelta(minutes=35)
            back = number * 9 + rng.randint(0, 5)
            return self.clock.real_now - dt.timedelta(hours=back + 1)
        low, high = WINDOWS[spec.outcome.split(":")[0]]
        day = self.today - dt.timedelta(days=rng.randint(low, high))
        if rng.random() < 0.25:  # evenings, nights and weekends
            return _moment(day, rng.choice((6, 19, 21, 22, 23)), rng.randint(0, 59))
        while day.weekday() >= 5:
            day -= dt.timedelta(days=1)
        return _moment(day, rng.randint(10, 16), rng.randint(0, 59))

    def _reporter(self, spec: ContactSpec, channel: str, number: int) -> ReporterDetails | None:
        rng = self.rng
        if rng.random() > (0.35 if spec.anonymous else 0.75) and channel != Channel.WHATSAPP:
            return None
        if channel == Channel.EMAIL:
            return ReporterDetails(email=f"contatto{number}@example.org", preferred="email")
        return ReporterDetails(
            phone=f"{PHONE_PREFIX}{rng.randrange(10_000):04d}",
            preferred=PREFERRED.get(channel, PreferredChannel.PHONE),
            best_time=rng.choice(BEST_TIMES),
            safe_to_leave_message=rng.random() < 0.4,
        )

    def receive(self, spec: ContactSpec, number: int) -> Contact | None:
        rng = self.rng
        channel = (
            spec.channel
            or rng.choices(list(CHANNEL_WEIGHTS), weights=list(CHANNEL_WEIGHTS.values()))[0]
        )
        received = self._received(spec, number)
        if not self.now(received + dt.timedelta(minutes=1)):
            return None
        municipality = (
            Municipality.objects.select_related("province__region")
            .filter(name=spec.town[0], province__abbreviation=spec.town[1])
            .first()
            if spec.town[0]
            else None
        )
        contact = contact_receive(
            actor=None if channel == Channel.WEB_FORM else self.operator,
            channel=channel,
            message=spec.message,
            needs=list(spec.needs),
            urgency=spec.urgency,
            language=self.languages.get(spec.language),
            anonymous=spec.anonymous,
            name=spec.name,
            municipality=municipality,
            place=spec.place,
            reporter=self._reporter(spec, channel, number),
            received_at=received,
        )
        self.contacts.append(contact)
        return contact

    def work(self, spec: ContactSpec, contact: Contact) -> None:
        """Call back if needed, then triage as the spec says, at the next opening."""
        rng = self.rng
        start = contact.received_at
        if not is_open(start):
            start = next_opening(start)
        moment = start + dt.timedelta(minutes=rng.randint(10, 50))
        if spec.outcome == "new" or not self.now(moment):
            return
        call_back = contact.tasks.filter(kind=TaskKind.CALL_BACK, done_at__isnull=True).first()
        if call_back is not None:
            hs.task_complete(
                actor=self.operator,
                task=call_back,
                expected_version=call_back.version,
                outcome=CALL_BACK_DONE,
            )
        outcome = spec.outcome
        op = self.operator
        if outcome == "take":
            hs.contact_take(actor=op, contact=contact, expected_version=contact.version)
            if self.tally["manual_tasks"] == 0:
                due = next_opening(timezone.now() + dt.timedelta(days=2))
                hs.task_add(
                    actor=op,
                    contact=contact,
                    kind=TaskKind.CALL_BACK,
                    due_at=due,
                    note=MANUAL_TASK,
                    assigned_to=op,
                )
                self.tally["manual_tasks"] += 1
        elif outcome in ("answer", "answer_close", "none"):
            hs.triage_answer(
                actor=op,
                contact=contact,
                expected_version=contact.version,
                note=NO_ACTION if outcome == "none" else rng.choice(ANSWERS),
                close=outcome != "answer",
                outcome=TriageOutcome.NO_ACTION if outcome == "none" else TriageOutcome.ANSWERED,
            )
        elif outcome.startswith("psi"):
            self._refer_psi(spec, contact)
        elif outcome.startswith("auth:"):
            self._refer_authority(outcome.split(":", 1)[1], contact)

    def _hub(self, contact: Contact) -> Node:
        municipality = contact.municipality
        code = PSI_BY_PROVINCE.get(municipality.province.abbreviation, "") if municipality else ""
        region = contact.region.name if contact.region else "Puglia"
        return self.hubs[code or PSI_BY_REGION.get(region, "PUG-H01")]

    def _refer_psi(self, spec: ContactSpec, contact: Contact) -> None:
        rng, op = self.rng, self.operator
        hub = self._hub(contact)
        has_phone = contact.reporter.phone if hasattr(contact, "reporter") else ""
        fields = ["name", "languages", "place", "needs"] + (["phone"] if has_phone else [])
        triage = hs.triage_refer_psi(
            actor=op,
            contact=contact,
            expected_version=contact.version,
            hub=hub,
            reason=PSI_REASON,
            shared_fields=fields,
        )
        self.tally["psi"] += 1
        referral = triage.referral
        assert referral is not None
        if spec.outcome == "psi_wait":
            return
        answer = timezone.now() + dt.timedelta(days=rng.randint(1, 2), hours=rng.randint(0, 3))
        if not self.now(answer):
            return
        acceptor = hub_acceptor(hub)
        if spec.outcome == "psi_no":
            refs.referral_decline(actor=acceptor, referral=referral, reason=DECLINE_REASON)
            self.tally["declined"] += 1
            return
        refs.referral_accept(actor=acceptor, referral=referral)
        self.tally["accepted"] += 1
        if self._follow_up(contact, FOLLOW_UP_DONE[0]):
            contact.refresh_from_db()
            hs.contact_close(
                actor=op, contact=contact, expected_version=contact.version, note=CLOSE_AFTER_PSI
            )

    def _refer_authority(self, authority: str, contact: Contact) -> None:
        office = (
            ExternalService.objects.filter(region=contact.region, kind=authority, active=True)
            .order_by("pk")
            .first()
            if contact.region is not None and authority != "anti_trafficking"
            else None
        )
        hs.triage_refer_authority(
            actor=self.operator,
            contact=contact,
            expected_version=contact.version,
            authority=authority,
            note=AUTHORITY_NOTES[authority],
            external_service=office,
        )
        self.tally["authority"] += 1
        if self.rng.random() < 0.6:
            self._follow_up(contact, FOLLOW_UP_DONE[1])

    def _follow_up(self, contact: Contact, outcome: str) -> bool:
        """Complete the automatic follow-up when its day has come; True if done."""
        task = contact.tasks.filter(kind=TaskKind.FOLLOW_UP, done_at__isnull=True).first()
        if task is None or not self.now(task.due_at + dt.timedelta(minutes=40)):
            return False
        hs.task_complete(
            actor=self.operator, task=task, expected_version=task.version, outcome=outcome
        )
        return True


@transaction.atomic
def load_demo_helpdesk(
    *, seed: int = DEFAULT_SEED, today: dt.date | None = None
) -> DemoHelpdeskResult:
    """The directory (every run) and the contacts (once); needs the demo accounts and cases."""
    added = ensure_helpdesk_directory()
    if not User.objects.filter(username=OPERATOR).exists():
        return DemoHelpdeskResult(directory=added, skipped=True)
    if helpdesk_demo_exists():
        return DemoHelpdeskResult(directory=added, already_present=True)
    real_now = timezone.now()
    today = today or timezone.localdate(real_now)
    clock = SimulatedClock(real_now)
    writer = HelpdeskWriter(clock=clock, rng=random.Random(f"{seed}-helpdesk"), today=today)
    with simulated_time(clock):
        for number, spec in enumerate(CONTACTS):
            contact = writer.receive(spec, number)
            if contact is not None:
                writer.work(spec, contact)
    rows = Contact.objects.filter(pk__in=[c.pk for c in writer.contacts])
    tally = writer.tally
    return DemoHelpdeskResult(
        contacts=len(writer.contacts),
        by_channel=dict(Counter(rows.values_list("channel", flat=True))),
        anonymous=rows.filter(anonymous=True).count(),
        out_of_hours=rows.filter(out_of_hours=True).count(),
        referred_psi=tally["psi"],
        accepted=tally["accepted"],
        declined=tally["declined"],
        referred_authority=tally["authority"],
        still_new=rows.filter(status="new", assigned_to__isnull=True).count(),
        directory=added,
    )
