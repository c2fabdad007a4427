"""The permission matrix of every page and endpoint of the taking-charge apps.

One world (make_case_world) with one of each object the URLs need, built through the real
services; every URL of the namespaces cases, referrals, screening, plans, interventions and
every /api/v1/ endpoint of cases, referrals, transfers, screenings, plans, services and people
is requested by each role and its status compared with the table below. A URL the table does
not list fails `test_every_url_is_in_the_matrix`: a new view must state who may use it.

Roles: the team member (case manager), the hub colleague outside the team, a case worker at
another hub of the same body, one at a hub of another body, the regional monitor, and the
receiver: a case worker at hub C (Sicilia), where the case was referred and a transfer
proposed, and which asked hub A about the person. Referral to hub C (not B) keeps the "other
body" a pure outsider: a referral makes the case's existence known at the receiving node.

GET cells compare the status and, for everyone off the team, check that the person's name
is not in the body (unless the row names the role in `shows_person`, e.g. the people
registry of hub A). POST cells are only those that must not write: the status is compared
and no audit or timeline row may appear. A write the team may do is not exercised here (each
app's own tests do), so the shared world stays the same for every cell.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from allauth.mfa.models import Authenticator
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client, override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from approdo.accounts.models import User
from approdo.accounts.roles import Role
from approdo.accounts.tests.factories import give_totp, user_with_role
from approdo.audit.models import AuditEvent
from approdo.cases import inquiry_services, referral_services, services, transfer_services
from approdo.cases.models import (
    BreakGlassAccess,
    CaseAttachment,
    CaseEvent,
    CaseNote,
    CaseTask,
    CaseTeamMember,
    PersonInquiry,
    Referral,
    Sensitivity,
    TeamRole,
    Transfer,
)
from approdo.cases.tests.factories import CaseWorld, make_case_world
from approdo.interventions.models import Appointment, ServiceDelivered
from approdo.interventions.tests.factories import log_service, schedule
from approdo.plans import services as plan_services
from approdo.plans.models import Action, Goal, PlanArea, PlanVersion
from approdo.screening import services as screening_services
from approdo.screening.models import Screening
from approdo.screening.tests.helpers import answers, factors

PAGE_NAMESPACES = ("cases", "referrals", "screening", "plans", "interventions")
API_PREFIX = "api/v1/"
API_RESOURCES = (
    "cases/",
    "referrals/",
    "transfers/",
    "screenings/",
    "plans/",
    "services-delivered/",
    "service-types/",
    "people/",
)
PERSON_NAMES = ("Ndiaye", "Ousmane")
# Roles with full access to the case: the person's name may show.
FULL_ACCESS = frozenset({"manager", "coordinator"})
ROLE_USERS = {
    "manager": "manager",
    "legal": "legal",
    "colleague": "colleague",
    "coordinator": "coordinator",
    "other_hub": "other_hub",
    "other_body": "other_body",
    "monitor": "monitor",
    "receiver": "worker_c",
    "coordinator_c": "coordinator_c",
}
OK, FOUND, FORBIDDEN, NOT_FOUND = 200, 302, 403, 404


# --- the world --------------------------------------------------------------------------------
@dataclass
class Objects:
    """The world and one of each record the URLs point at."""

    w: CaseWorld
    note: CaseNote
    attachment: CaseAttachment
    task: CaseTask
    member: CaseTeamMember  # the legal advisor's team row
    glass: BreakGlassAccess  # an emergency access by another hub A worker
    screening: Screening
    version: PlanVersion
    goal: Goal
    action: Action
    service: ServiceDelivered
    appointment: Appointment
    referral: Referral  # hub A -> hub C
    transfer: Transfer  # hub A -> hub C, proposed
    inquiry: PersonInquiry  # hub C asks hub A about the person
    media: Path | None = None  # where the attachment's file was stored
    clients: dict[str, Client] = field(default_factory=dict)  # one logged-in client a role

    @property
    def case_pk(self) -> int:
        return self.w.case.pk


def build_objects() -> Objects:
    w = make_case_world()
    case, manager, today = w.case, w.manager, timezone.localdate()
    note = services.note_add(
        actor=manager, case=case, text="Colloquio svolto", sensitivity=Sensitivity.NORMAL
    )
    upload = SimpleUploadedFile(
        "permesso.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n", content_type="application/pdf"
    )
    attachment = services.attachment_add(
        actor=manager,
        case=case,
        upload=upload,
        title="Permesso di soggiorno",
        sensitivity=Sensitivity.NORMAL,
    )
    task = services.task_add(
        actor=manager,
        case=case,
        title="Chiamare la Questura",
        assignee=manager,
        due_on=today + dt.timedelta(days=5),
    )
    member = CaseTeamMember.objects.get(case=case, user=w.legal, until__isnull=True)
    glass_user = user_with_role(Role.CASE_WORKER, node=w.hub_a)
    glass = services.break_glass_open(
        actor=glass_user,
        case=case,
        justification="La persona è allo sportello e il case manager è assente",
    )
    screening = screening_services.screening_record(
        actor=manager, case=case, answers=answers("deception"), vulnerabilities=factors()
    )
    version = plan_services.plan_start(actor=manager, case=case)
    goal = plan_services.goal_add(
        actor=manager,
        version=version,
        area=PlanArea.HOUSING,
        title="Trovare un posto letto in co-housing",
        target_on=today + dt.timedelta(days=60),
    )
    action = plan_services.action_add(
        actor=manager,
        goal=goal,
        description="Colloquio con il gestore del co-housing",
        responsible=w.legal,
        due_on=today + dt.timedelta(days=10),
    )
    service = log_service(manager, case)
    appointment = schedule(manager, case)
    referral = referral_services.referral_send(
        actor=manager,
        case=case,
        to_node=w.hub_c,
        reason="Raccolta stagionale a Ragusa",
        shared_fields=[],
    )
    transfer = transfer_services.transfer_propose(
        actor=manager, case=case, to_hub=w.hub_c, handover="Si trasferisce a Vittoria"
    )
    inquiry = inquiry_services.inquiry_send(
        actor=w.worker_c,
        token=inquiry_services.inquiry_token(person_id=w.person.pk, node_id=w.hub_a.pk),
        kind="transfer",
        message="È arrivato a Ragusa",
    )
    for name in ROLE_USERS.values():
        give_totp(getattr(w, name))
    w.reload()
    return Objects(
        w=w,
        note=note,
        attachment=attachment,
        task=task,
        member=member,
        glass=glass,
        screening=screening,
        version=PlanVersion.objects.get(pk=version.pk),
        goal=goal,
        action=action,
        service=service,
        appointment=appointment,
        referral=referral,
        transfer=transfer,
        inquiry=inquiry,
    )


@pytest.fixture(scope="module")
def world(
    django_db_setup: None, django_db_blocker: Any, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Objects]:
    """Built once for the module inside a transaction rolled back at the end; each test
    runs in a savepoint inside it (pytest-django's `db`), so no cell sees another's rows.

    The settings the root conftest gives each test are given to the build too (it runs
    before them): fast hashing and a throwaway media directory for the attachment.
    """
    media = tmp_path_factory.mktemp("matrix-media")
    fast = override_settings(
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"], MEDIA_ROOT=media
    )
    with django_db_blocker.unblock(), fast:
        outer = transaction.atomic()
        outer.__enter__()
        try:
            objects = build_objects()
            objects.media = media
            objects.clients = {role: _client(objects, role) for role in ROLE_USERS}
            yield objects
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


# --- the matrix -------------------------------------------------------------------------------
Expect = dict[str, int]
Args = Callable[[Objects], tuple[int, ...]]
Data = Callable[[Objects], dict[str, Any]]


@dataclass(frozen=True)
class Row:
    args: Args
    get: Expect | None = None  # role -> status for GET
    post: Expect | None = None  # role -> status for a POST that must not write
    data: Data | None = None
    shows_person: frozenset[str] = field(default_factory=frozenset)


def no_args(o: Objects) -> tuple[int, ...]:
    return ()


def case_arg(o: Objects) -> tuple[int, ...]:
    return (o.case_pk,)


def expect(**cells: int) -> Expect:
    return cells


# Reading a case's data (case_read): the team reads; the hub colleague and the receiving
# hub know the case exists (403); other places 404; monitors 403.
READ = expect(manager=OK, colleague=FORBIDDEN, other_hub=NOT_FOUND, other_body=NOT_FOUND)
READ |= expect(monitor=FORBIDDEN, receiver=FORBIDDEN)
# Writing to the case: the same refusals (the team member's write is not exercised).
WRITE = {role: status for role, status in READ.items() if role != "manager"}
# Team, stages, closure, transfers: the case manager and coordinator only, not the legal
# advisor on the team.
MANAGE = WRITE | expect(legal=FORBIDDEN)
# Lists of one's own nodes: every person-data role, never monitors.
ANY_STAFF = expect(manager=OK, colleague=OK, other_hub=OK, other_body=OK, receiver=OK)
ANY_STAFF |= expect(monitor=FORBIDDEN)
# The sending team and the receiving node read a referral or transfer page; the rest of the
# sending hub 403; elsewhere 404.
EXCHANGE_READ = READ | expect(receiver=OK)
# Deciding a referral or transfer is the receiving node's (not exercised); the sender 403.
DECIDE = {role: status for role, status in WRITE.items() if role != "receiver"}
DECIDE |= expect(manager=FORBIDDEN)


def page(args: Args, get: Expect, **kw: Any) -> Row:
    return Row(args=args, get=get, **kw)


def action(args: Args, post: Expect, data: Data | None = None) -> Row:
    return Row(args=args, post=post, data=data)


def form_page(
    args: Args, get: Expect = READ, post: Expect = WRITE, data: Data | None = None
) -> Row:
    return Row(args=args, get=get, post=post, data=data)


def _in_days(days: int) -> str:
    return (timezone.localdate() + dt.timedelta(days=days)).isoformat()


MATRIX: dict[str, Row] = {
    # cases
    "cases:list": page(no_args, ANY_STAFF),
    "cases:first_contact": form_page(
        no_args, ANY_STAFF, expect(monitor=FORBIDDEN), data=lambda o: {}
    ),
    "cases:break_glass_review": page(
        no_args, expect(coordinator=OK) | dict.fromkeys(ANY_STAFF, FORBIDDEN)
    ),
    "cases:break_glass_ack": action(
        lambda o: (o.glass.pk,),
        expect(coordinator_c=NOT_FOUND) | dict.fromkeys(ANY_STAFF, FORBIDDEN),
    ),
    # The existence page: the hub colleague and the receiving hub see that the case exists.
    "cases:detail": page(case_arg, READ | expect(colleague=OK, receiver=OK)),
    "cases:move": action(
        case_arg, MANAGE, lambda o: {"to_stage": "plan_active", "version": o.w.case.version}
    ),
    "cases:close": action(
        case_arg,
        MANAGE,
        lambda o: {"outcome": "goals_met", "note": "x", "version": o.w.case.version},
    ),
    "cases:team_add": action(
        case_arg, MANAGE, lambda o: {"user": o.w.colleague.pk, "role": TeamRole.SOCIAL_WORKER}
    ),
    "cases:team_end": action(lambda o: (o.case_pk, o.member.pk), MANAGE),
    "cases:note_add": action(
        case_arg, WRITE, lambda o: {"text": "Nota di prova", "sensitivity": "normal"}
    ),
    "cases:attachment_add": action(
        case_arg, WRITE, lambda o: {"title": "Prova", "sensitivity": "normal"}
    ),
    "cases:attachment": page(lambda o: (o.case_pk, o.attachment.pk), READ),
    "cases:task_add": action(
        case_arg,
        WRITE,
        lambda o: {"title": "Prova", "assignee": o.w.manager.pk, "due_on": _in_days(3)},
    ),
    "cases:task_complete": action(
        lambda o: (o.case_pk, o.task.pk), WRITE, lambda o: {"version": o.task.version}
    ),
    # Emergency access is for a hub colleague outside the team (break_glass_open's rule; here
    # with a justification too short, so the form answers 200 and nothing is written). The
    # team has no need; a hub the case was only referred to is not the case's hub.
    "cases:break_glass": action(
        case_arg,
        WRITE | expect(manager=FORBIDDEN, colleague=OK),
        lambda o: {"justification": "breve"},
    ),
    # referrals, transfers, inquiries
    # Hub A's staff see the inquiry hub C sent about a person of hub A's registry (the node
    # learns which of its records matched, as on the inquiry's page).
    "referrals:inbox": page(no_args, ANY_STAFF, shows_person=frozenset({"colleague"})),
    "referrals:case": page(case_arg, READ),
    # GET only redirects to the referrals tab (which decides); POST needs the right to edit.
    "referrals:new": Row(
        args=case_arg,
        get=READ | expect(manager=FOUND, colleague=FOUND, receiver=FOUND),
        post=WRITE,
        data=lambda o: {"to_node": o.w.hub_a2.pk, "reason": "Consulenza"},
    ),
    "referrals:transfer_new": action(
        case_arg, MANAGE, lambda o: {"to_hub": o.w.hub_a2.pk, "handover": "Sintesi"}
    ),
    # Hub C does not see the person in its registry: 404 before the case's 403.
    "referrals:link_person": action(
        lambda o: (o.case_pk, o.w.person.pk), WRITE | expect(receiver=NOT_FOUND)
    ),
    "referrals:detail": page(lambda o: (o.referral.pk,), EXCHANGE_READ),
    "referrals:accept": action(lambda o: (o.referral.pk,), DECIDE),
    "referrals:decline": action(lambda o: (o.referral.pk,), DECIDE, lambda o: {"reason": "No"}),
    "referrals:complete": action(
        lambda o: (o.referral.pk,), DECIDE, lambda o: {"outcome_note": "Fatto"}
    ),
    # Cancelling is the sending team's (not exercised).
    "referrals:cancel": action(lambda o: (o.referral.pk,), WRITE),
    "referrals:transfer_detail": page(lambda o: (o.transfer.pk,), EXCHANGE_READ),
    "referrals:transfer_accept": action(lambda o: (o.transfer.pk,), DECIDE),
    "referrals:transfer_decline": action(
        lambda o: (o.transfer.pk,), DECIDE, lambda o: {"reason": "No"}
    ),
    "referrals:transfer_cancel": action(lambda o: (o.transfer.pk,), MANAGE),
    # Any person-data role may ask another node (an empty token: the form answers 200).
    "referrals:inquiry_new": action(no_args, ANY_STAFF, lambda o: {"token": ""}),
    # Inquiries are between nodes: hub A (asked) and hub C (asking) read it; only hub A learns
    # which of its people matched.
    "referrals:inquiry_detail": page(
        lambda o: (o.inquiry.pk,),
        expect(manager=OK, colleague=OK, receiver=OK, other_hub=NOT_FOUND)
        | expect(other_body=NOT_FOUND, monitor=FORBIDDEN),
        shows_person=frozenset({"colleague"}),
    ),
    # Answering is hub A's (not exercised); the asking node cannot answer its own question.
    "referrals:inquiry_answer": action(
        lambda o: (o.inquiry.pk,),
        expect(receiver=NOT_FOUND, other_hub=NOT_FOUND, other_body=NOT_FOUND, monitor=FORBIDDEN),
        lambda o: {"status": "answered", "answer": "Sì"},
    ),
    # screening
    "screening:case": page(lambda o: (o.case_pk,), READ),
    "screening:new": form_page(case_arg),
    "screening:detail": page(lambda o: (o.screening.pk,), READ),
    "screening:edit": form_page(lambda o: (o.screening.pk,)),
    "screening:complete": form_page(
        lambda o: (o.screening.pk,),
        data=lambda o: {"version": o.screening.version, "priority": "high"},
    ),
    # plans
    "plans:case": page(case_arg, READ),
    "plans:start": action(case_arg, WRITE),
    "plans:new_draft": action(case_arg, WRITE),
    "plans:goal_add": form_page(
        lambda o: (o.case_pk, o.version.pk), data=lambda o: {"area": "housing", "title": "Casa"}
    ),
    "plans:goal_edit": form_page(
        lambda o: (o.case_pk, o.goal.pk),
        data=lambda o: {"area": "housing", "title": "Casa", "version": o.goal.version},
    ),
    "plans:action_add": form_page(
        lambda o: (o.case_pk, o.goal.pk),
        data=lambda o: {"description": "Prova", "responsible": o.w.manager.pk},
    ),
    "plans:action_status": action(
        lambda o: (o.case_pk, o.action.pk),
        WRITE,
        lambda o: {"status": "done", "version": o.action.version},
    ),
    "plans:agreement": form_page(lambda o: (o.case_pk, o.version.pk)),
    "plans:interval": form_page(
        lambda o: (o.case_pk, o.version.pk),
        data=lambda o: {"review_every_weeks": 4, "version": o.version.version},
    ),
    "plans:submit": action(lambda o: (o.case_pk, o.version.pk), WRITE),
    # Approval is the coordinator's: the case manager is refused too.
    "plans:approve": action(
        lambda o: (o.case_pk, o.version.pk), WRITE | expect(manager=FORBIDDEN, legal=FORBIDDEN)
    ),
    "plans:review": form_page(lambda o: (o.case_pk, o.version.pk)),
    "plans:pdf": page(lambda o: (o.case_pk, o.version.pk), READ),
    # interventions
    "interventions:case": page(case_arg, READ),
    "interventions:service_log": action(case_arg, WRITE),
    "interventions:service_cancel": action(
        lambda o: (o.case_pk, o.service.pk),
        WRITE,
        lambda o: {"reason": "Errore", "version": o.service.version},
    ),
    "interventions:appointment_schedule": action(case_arg, WRITE),
    "interventions:appointment_status": action(
        lambda o: (o.case_pk, o.appointment.pk),
        WRITE,
        lambda o: {"status": "cancelled", "version": o.appointment.version},
    ),
    # API (session with a second factor). No endpoint carries a person's name except people.
    "api-case-list": page(no_args, ANY_STAFF),
    "api-case-detail": page(case_arg, READ),
    "api-case-timeline": page(case_arg, READ),
    # The API's referral is the node's record (reference and field names, no person data):
    # every staff member of the sending and receiving nodes reads it.
    "api-referral-list": page(no_args, ANY_STAFF),
    "api-referral-detail": page(lambda o: (o.referral.pk,), EXCHANGE_READ | expect(colleague=OK)),
    "api-transfer-list": page(no_args, ANY_STAFF),
    "api-case-screening-list": page(case_arg, READ),
    "api-screening-detail": page(lambda o: (o.screening.pk,), READ),
    "api-case-plan-list": page(case_arg, READ),
    "api-plan-detail": page(lambda o: (o.version.pk,), READ),
    "api-case-service-list": page(case_arg, READ),
    "api-case-placement-list": page(case_arg, READ),
    "api-service-delivered-detail": page(lambda o: (o.service.pk,), READ),
    # The service catalogue is reference data, for monitors too.
    "api-service-type-list": page(no_args, ANY_STAFF | expect(monitor=OK)),
    # The people registry is the node's: hub A's colleague reads the person registered there.
    "api-person-list": page(no_args, ANY_STAFF, shows_person=frozenset({"colleague"})),
    "api-person-detail": page(
        lambda o: (o.w.person.pk,),
        READ | expect(colleague=OK, receiver=NOT_FOUND),
        shows_person=frozenset({"colleague"}),
    ),
}


# --- walking the URLconf ----------------------------------------------------------------------
def _walk(patterns: list[Any], prefix: str, namespace: str) -> Iterator[tuple[str, str, str]]:
    for p in patterns:
        if isinstance(p, URLResolver):
            ns = p.namespace or namespace
            yield from _walk(p.url_patterns, prefix + str(p.pattern), ns)
        elif isinstance(p, URLPattern) and p.name:
            yield prefix + str(p.pattern), p.name, namespace


def _api_in_scope(route: str) -> bool:
    tail = route.removeprefix(API_PREFIX)
    return tail != route and tail.startswith(API_RESOURCES)


def covered_url_names() -> set[str]:
    """Names of the pages of the five namespaces and of the API endpoints in scope."""
    names: set[str] = set()
    for route, name, namespace in _walk(get_resolver().url_patterns, "", ""):
        if namespace in PAGE_NAMESPACES:
            names.add(f"{namespace}:{name}")
        elif not namespace and _api_in_scope(route):
            names.add(name)
    return names


def test_every_url_is_in_the_matrix() -> None:
    names = covered_url_names()
    missing = sorted(names - MATRIX.keys())
    stale = sorted(MATRIX.keys() - names)
    assert not missing, f"URLs without a row in the permission matrix: {missing}"
    assert not stale, f"Matrix rows for URLs that no longer exist: {stale}"
    assert len(names) > 60  # the walk found the URLconf (not an empty include)


def test_every_row_asks_the_outsiders() -> None:
    outsiders = {"other_hub", "other_body", "monitor"}
    thin = [n for n, r in MATRIX.items() if not outsiders <= {*(r.get or {}), *(r.post or {})}]
    assert not thin, f"Rows that do not ask other hub, other body and monitor: {thin}"


def test_the_name_check_would_see_a_leak(world: Objects, db: None, settings: Any) -> None:
    """The team member's case card shows the name: the leak check is not looking at nothing."""
    settings.MEDIA_ROOT = world.media
    response = world.clients["manager"].get(reverse("cases:detail", args=[world.case_pk]))
    assert response.status_code == OK
    assert _leaks(response.content) == list(PERSON_NAMES)


# --- the cells --------------------------------------------------------------------------------
def _client(o: Objects, role: str) -> Client:
    user: User = getattr(o.w, ROLE_USERS[role])
    if not Authenticator.objects.filter(user=user).exists():
        give_totp(user)
    client = Client(raise_request_exception=False)  # a 500 is a cell's answer, not a crash
    client.force_login(user)
    return client


def _writes() -> tuple[int, int]:
    return AuditEvent.objects.count(), CaseEvent.objects.count()


def _leaks(body: bytes) -> list[str]:
    text = body.decode(errors="replace")
    return [name for name in PERSON_NAMES if name in text]


def check_row(o: Objects, name: str, row: Row) -> list[str]:
    """Every cell of one URL; returns the mismatches, one line each."""
    url = reverse(name, args=row.args(o))
    problems: list[str] = []
    for role, status in (row.get or {}).items():
        response = o.clients[role].get(url)
        if response.status_code != status:
            problems.append(f"GET {url} as {role}: {response.status_code}, expected {status}")
        elif status == OK and role not in FULL_ACCESS | row.shows_person:
            body = b"".join(response.streaming_content) if response.streaming else response.content
            if leaked := _leaks(body):
                problems.append(f"GET {url} as {role}: the body shows {leaked}")
    for role, status in (row.post or {}).items():
        data = row.data(o) if row.data else {}
        before = _writes()
        response = o.clients[role].post(url, data)
        after = _writes()
        if response.status_code != status:
            problems.append(f"POST {url} as {role}: {response.status_code}, expected {status}")
        if after != before:
            problems.append(f"POST {url} as {role}: wrote (audit, timeline) {before} -> {after}")
    return problems


@pytest.mark.parametrize("name", sorted(MATRIX))
def test_permission_matrix(name: str, world: Objects, db: None, settings: Any) -> None:
    settings.MEDIA_ROOT = world.media
    problems = check_row(world, name, MATRIX[name])
    assert not problems, "\n".join(problems)
