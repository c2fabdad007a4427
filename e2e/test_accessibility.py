"""Automated accessibility checks (axe-core, WCAG 2.1 A/AA rules) of the main pages.

axe-core is vendored under e2e/vendor (MPL-2.0) and injected by Playwright, not served by the
app. Automated rules catch only part of what matters (labels, contrast, landmarks, names of
controls); they complement, not replace, checks with a screen reader.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.db.models import Q
from django.test import Client

from approdo.accounts.models import User
from approdo.accounts.tests.factories import give_totp
from approdo.cases.models import Case
from approdo.cases.stages import Stage
from approdo.helpdesk.models import Contact
from approdo.monitoring.models import Snapshot
from approdo.network.models import Node
from approdo.outreach.models import AwarenessEvent, Campaign, OutreachSession, SessionStatus

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

AXE = Path(__file__).resolve().parent / "vendor" / "axe-core-4.14.1" / "axe.min.js"
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def axe_violations(page) -> list[str]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG
    )
    # A page where axe checked almost nothing would pass vacuously.
    assert len(result["passes"]) >= 10, page.url
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
        if v["impact"] in ("moderate", "serious", "critical")
    ]


def sign_in_as(page, user: User) -> None:
    """A session cookie for `user`: the journey test covers the login form itself."""
    client = Client()
    client.force_login(user)
    cookie = client.cookies[django_settings.SESSION_COOKIE_NAME].value
    page.context.clear_cookies()
    host = urlparse(page.url).hostname or "localhost"
    page.context.add_cookies(
        [
            {
                "name": django_settings.SESSION_COOKIE_NAME,
                "value": cookie,
                "domain": host,
                "path": "/",
            }
        ]
    )


def case_pages(hub: Node) -> list[str]:
    """The taking-charge pages, on a demo case of `hub` with a screening, a PAI and services."""
    case = (
        Case.objects.filter(hub=hub, stage=Stage.PLAN_ACTIVE, plan__isnull=False)
        .order_by("pk")
        .first()
    )
    assert case is not None, "the demo has no case with an active PAI at this hub"
    return [
        "/casi/",
        "/casi/primo-contatto/",
        f"/casi/{case.pk}/",
        f"/screening/caso/{case.pk}/",
        f"/screening/caso/{case.pk}/nuovo/",
        f"/pai/casi/{case.pk}/",
        f"/prestazioni/caso/{case.pk}/",
        f"/invii/caso/{case.pk}/",
        "/invii/",
    ]


def outreach_pages(hub: Node) -> list[str]:
    """The outreach back office and the field page, on the demo's sessions around `hub`."""
    session = (
        OutreachSession.objects.filter(node__parent_hub=hub, status=SessionStatus.DONE)
        .exclude(first_contacts=None)
        .order_by("-date")
        .first()
    )
    assert session is not None, "the demo has no session with first contacts around this hub"
    around = Q(node=hub) | Q(node__parent_hub=hub)
    event = AwarenessEvent.objects.filter(around).order_by("pk").first()
    campaign = Campaign.objects.filter(around).order_by("pk").first()
    assert event is not None and campaign is not None
    return [
        "/outreach/luoghi/",
        f"/outreach/luoghi/{session.place_id}/",
        "/outreach/luoghi/nuovo/",
        "/outreach/mappa/",
        "/outreach/calendario/",
        "/outreach/calendario/nuova/",
        "/outreach/uscite/",
        f"/outreach/uscite/{session.pk}/",
        f"/outreach/uscite/{session.pk}/modifica/",
        "/outreach/eventi/",
        f"/outreach/eventi/{event.pk}/",
        "/outreach/eventi/nuovo/",
        "/outreach/campagne/",
        f"/outreach/campagne/{campaign.pk}/",
        "/campo/",
    ]


def helpdesk_pages() -> list[str]:
    contact = Contact.objects.exclude(status="closed").order_by("pk").first()
    assert contact is not None
    return [
        "/",
        "/helpdesk/",
        "/helpdesk/nuovo/",
        f"/helpdesk/{contact.pk}/",
        f"/helpdesk/{contact.pk}/modifica/",
        "/helpdesk/attivita/",
        "/helpdesk/servizi/?q=salute",
    ]


def linkage_pages(coordinator: User) -> list[str]:
    """The review queue, a pair side by side and the merges (the demo's linkage opens pairs)."""
    from approdo.linkage.selectors import candidate_queue

    pair = candidate_queue(user=coordinator).first()
    assert pair is not None, "the demo leaves pairs to review at Foggia"
    return ["/collegamenti/", f"/collegamenti/{pair.pk}/", "/collegamenti/unioni/"]


def budget_pages(hub: Node) -> list[str]:
    """The integration budget of a demo case with an approved PAI at this hub."""
    case = Case.objects.filter(hub=hub, stage=Stage.PLAN_ACTIVE).order_by("pk").first()
    assert case is not None
    return [f"/budget/casi/{case.pk}/", "/budget/"]


def housing_and_transport_pages(hub: Node, coordinator: User) -> list[str]:
    """Beds, the waiting list, a site, a placement's move page, the plans and tomorrow's plan
    (computed here), a trip, and a placed person's Abitare and Trasporti tabs."""
    import datetime as dt

    from django.utils import timezone

    from approdo.housing.models import Placement, Site
    from approdo.transport.plan_services import plan_create
    from approdo.transport.trip_models import Trip

    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    plan = plan_create(actor=coordinator, hub=hub, date=tomorrow, time_limit=1)

    placement = Placement.objects.filter(case__hub=hub).order_by("pk").first()
    site = Site.objects.filter(hub=hub).order_by("pk").first()
    trip = Trip.objects.filter(shuttle__hub=hub).order_by("date", "departs_at").first()
    assert placement is not None and site is not None and trip is not None
    return [
        "/alloggi/",
        "/alloggi/lista-attesa/",
        f"/alloggi/strutture/{site.pk}/",
        f"/alloggi/casi/{placement.case_id}/",
        f"/alloggi/inserimenti/{placement.pk}/spostamento/",
        "/trasporti/",
        "/trasporti/piani/",
        f"/trasporti/piani/{plan.pk}/",
        f"/trasporti/corse/{trip.pk}/",
        f"/trasporti/casi/{placement.case_id}/",
        f"/lavoro/casi/{placement.case_id}/",
    ]


def jobs_pages() -> list[str]:
    """Vacancies and employers, a flagged employer's page and a vacancy; the matching with its
    suggestions, the placements, and the Lavoro tab of a case with a job and of one with a
    proposal in progress (with the job-centre and social-agriculture summaries), the hire form
    and the form of a job found another way."""
    from approdo.jobs.models import Employer, JobPlacement, MatchProposal, Vacancy

    flagged = Employer.objects.get(has_603bis_conviction=True)
    vacancy = Vacancy.objects.order_by("pk").first()
    job = JobPlacement.objects.order_by("pk").first()
    proposal = MatchProposal.objects.filter(status="proposed").order_by("pk").first()
    assert vacancy is not None and job is not None and proposal is not None
    return [
        "/lavoro/offerte/",
        "/lavoro/datori/",
        f"/lavoro/datori/{flagged.pk}/",
        f"/lavoro/offerte/{vacancy.pk}/",
        f"/lavoro/datori/{vacancy.employer_id}/nuova-offerta/",
        "/lavoro/abbinamenti/",
        "/lavoro/inserimenti/?show=all",
        f"/lavoro/casi/{job.case_id}/",
        f"/lavoro/casi/{proposal.case_id}/",
        f"/lavoro/proposte/{proposal.pk}/assunzione/",
        f"/lavoro/casi/{job.case_id}/inserimento/",
    ]


def training_pages() -> list[str]:
    """The course catalogue and form, a running course, a lesson's register, a case's
    Formazione tab and an orientation session's edit page."""
    from approdo.training.models import Course, Enrolment, OrientationSession

    running = Course.objects.get(node__code="PUG-H01", status="running")
    lesson = running.sessions.filter(attendance__isnull=False).distinct().order_by("date").first()
    enrolment = Enrolment.objects.filter(course=running).order_by("pk").first()
    orientation = OrientationSession.objects.order_by("pk").first()
    assert lesson is not None and enrolment is not None and orientation is not None
    return [
        "/lavoro/formazione/corsi/",
        "/lavoro/formazione/corsi/nuovo/",
        f"/lavoro/formazione/corsi/{running.pk}/",
        f"/lavoro/formazione/corsi/{running.pk}/modifica/",
        f"/lavoro/formazione/lezioni/{lesson.pk}/",
        f"/lavoro/formazione/casi/{enrolment.case_id}/",
        f"/lavoro/formazione/orientamenti/{orientation.pk}/",
    ]


def jobcentres_pages() -> list[str]:
    """The job centres (all, and Foggia's province), Foggia's CPI, and the job-centre page of a
    Foggia case with an appointment to come."""
    from approdo.jobcentres.models import Appointment, AppointmentStatus, JobCentre

    foggia = JobCentre.objects.get(code="CPI-FG-FOGGIA")
    coming = (
        Appointment.objects.filter(case__hub__code="PUG-H01", status=AppointmentStatus.SCHEDULED)
        .order_by("pk")
        .first()
    )
    assert coming is not None
    return [
        "/lavoro/centri-impiego/",
        f"/lavoro/centri-impiego/?province={foggia.province_id}",
        f"/lavoro/centri-impiego/{foggia.pk}/",
        f"/lavoro/centri-impiego/casi/{coming.case_id}/",
    ]


def traineeships_pages() -> list[str]:
    """The traineeships list (all and completed) and each demo case's traineeships page
    (planned, running with months to pay, completed)."""
    from approdo.traineeships.models import Traineeship

    case_ids = sorted(set(Traineeship.objects.values_list("case_id", flat=True)))
    assert case_ids
    return [
        "/lavoro/tirocini/",
        "/lavoro/tirocini/?status=completed",
        *[f"/lavoro/tirocini/casi/{pk}/" for pk in case_ids],
    ]


def socialfarming_pages() -> list[str]:
    """Social agriculture: the list, a new project, a project's page (with a participant
    from another hub, counted), and the same page with a case preselected."""
    from approdo.socialfarming.models import Participant, PilotProject

    project = PilotProject.objects.get(code="PUG-AS-01")
    case = Participant.objects.filter(project=project, node__code="PUG-H01").order_by("pk").first()
    assert case is not None
    return [
        "/lavoro/agricoltura-sociale/",
        "/lavoro/agricoltura-sociale/nuovo/",
        f"/lavoro/agricoltura-sociale/{project.pk}/",
        f"/lavoro/agricoltura-sociale/{project.pk}/?case={case.case_id}",
    ]


def test_main_pages_have_no_serious_accessibility_violations(browser, live_server, settings):
    settings.DEMO_MODE = False
    # Injecting axe is an inline script: this context alone bypasses the CSP to allow it.
    context = browser.new_context(base_url=live_server.url, bypass_csp=True, locale="it-IT")
    page = context.new_page()
    call_command("load_demo", verbosity=0)
    coordinator = User.objects.get(username="coordinatore.foggia")
    give_totp(coordinator)

    page.goto("/account/login/")
    problems = {"/account/login/": axe_violations(page)}

    sign_in_as(page, coordinator)
    foggia = coordinator.memberships.get().node
    for path in (
        "/",
        "/rete/",
        "/rete/?region=&kind=spoke",
        f"/rete/nodi/{foggia.pk}/",
        f"/rete/nodi/{foggia.pk}/equipe/",
        f"/rete/nodi/{foggia.pk}/modifica/",
        "/rete/totali/",
        "/rete/mappa/",
        "/rete/enti/",
        "/rete/affidamenti/",
        "/registro/",
        "/guida/",
        "/persone/",
        "/persone/nuova/",
        *case_pages(foggia),
        *outreach_pages(foggia),
        *linkage_pages(coordinator),
        *budget_pages(foggia),
        *housing_and_transport_pages(foggia, coordinator),
        *jobs_pages(),
        *training_pages(),
        *jobcentres_pages(),
        *traineeships_pages(),
        *socialfarming_pages(),
    ):
        page.goto(path)
        assert "/account/" not in page.url, path  # really signed in, not the login page
        problems[path] = axe_violations(page)

    body_admin = User.objects.get(username="ente.tavoliere-solidale")
    give_totp(body_admin)
    sign_in_as(page, body_admin)
    page.goto("/personale/")
    assert page.locator("h1").inner_text() == "Personale dei nodi"
    problems["/personale/"] = axe_violations(page)

    operator = User.objects.get(username="helpdesk")
    give_totp(operator)
    sign_in_as(page, operator)
    for path in helpdesk_pages():
        page.goto(path)
        assert "/account/" not in page.url, path
        problems[f"helpdesk {path}"] = axe_violations(page)

    # Monitoring as the Ministry sees it: dashboard (every breakdown open), definitions,
    # snapshots.
    ministry = User.objects.get(username="monitor.ministero")
    sign_in_as(page, ministry)
    call_command("monthly_snapshots", verbosity=0)
    snapshot = Snapshot.objects.order_by("pk").first()
    assert snapshot is not None
    for path in (
        "/monitoraggio/",
        "/monitoraggio/indicatori/",
        "/monitoraggio/indicatori/people_taken_in_charge/",
        "/monitoraggio/istantanee/",
        f"/monitoraggio/istantanee/{snapshot.pk}/?confronta=1",
    ):
        page.goto(path)
        assert "/account/" not in page.url, path
        page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
        problems[f"monitoring {path}"] = axe_violations(page)

    # The public form, signed out: Italian, and Arabic right to left.
    page.context.clear_cookies()
    for path in ("/segnala/", "/segnala/it/", "/segnala/ar/"):
        page.goto(path)
        problems[path] = axe_violations(page)

    context.close()
    assert {path: found for path, found in problems.items() if found} == {}
