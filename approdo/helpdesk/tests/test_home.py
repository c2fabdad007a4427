"""The helpdesk operator's start page shows today's work; nobody else sees it."""

from __future__ import annotations

import pytest
from django.test import Client

from approdo.accounts.roles import Role
from approdo.accounts.tests.factories import user_with_role
from approdo.cases.tests.factories import login
from approdo.helpdesk.intake import contact_receive
from approdo.helpdesk.models import Channel, Need, Urgency
from approdo.network.tests.factories import HubFactory

pytestmark = pytest.mark.django_db


def test_the_start_page_shows_contacts_in_danger(client: Client) -> None:
    operator = user_with_role(Role.HELPDESK_OPERATOR)
    contact = contact_receive(
        actor=operator,
        channel=Channel.PHONE,
        message="Il caporale lo minaccia, chiede aiuto subito.",
        needs=[Need.EXPLOITATION],
        urgency=Urgency.DANGER,
        anonymous=True,
    )
    login(client, operator)
    html = client.get("/").content.decode()
    assert 'data-testid="helpdesk-home"' in html
    assert contact.reference in html
    # The case workload is for node staff: the helpdesk has no cases of its own.
    assert 'data-testid="my-work"' not in html


def test_node_staff_do_not_see_the_helpdesk_section(client: Client) -> None:
    worker = user_with_role(Role.CASE_WORKER, node=HubFactory.create())
    login(client, worker)
    html = client.get("/").content.decode()
    assert 'data-testid="helpdesk-home"' not in html
