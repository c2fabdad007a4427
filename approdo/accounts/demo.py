"""Demo accounts: one per role, bound to places of the demo network (see network/demo.py).

Every account uses the same password, from the environment variable `APPRODO_DEMO_PASSWORD`
(default `approdo-demo-2026`), and an address under the reserved `.example` domain. Running
again updates names and memberships and resets the password only when it changed.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import check_password, make_password
from django.db import transaction
from django.utils.text import slugify

from approdo.accounts.models import Membership, User
from approdo.accounts.roles import Role
from approdo.network.models import ManagingBody, Node, Region

PASSWORD_ENV = "APPRODO_DEMO_PASSWORD"
DEFAULT_PASSWORD = "approdo-demo-2026"
EMAIL_DOMAIN = "demo.approdo.example"
# Memberships start with the programme, so they are active on any date the demo is shown.
VALID_FROM = dt.date(2023, 1, 1)
FOGGIA_HUB = "PUG-H01"


@dataclass(frozen=True)
class AccountSpec:
    username: str  # empty for the body administrator, named after the body
    first_name: str
    last_name: str
    role: str
    node: str = ""  # node code
    body_of_node: str = ""  # the lead managing body of this node
    region: str = ""


DEMO_ACCOUNTS: tuple[AccountSpec, ...] = (
    AccountSpec("coordinatore.foggia", "Michele", "Colella", Role.HUB_COORDINATOR, FOGGIA_HUB),
    AccountSpec("operatore.borgomezzanone", "Davide", "Trotta", Role.SPOKE_OPERATOR, "PUG-S01"),
    AccountSpec("assistente.foggia", "Serena", "Iannone", Role.CASE_WORKER, FOGGIA_HUB),
    AccountSpec("mediatrice.rosarno", "Aminata", "Keita", Role.MEDIATOR, "CAL-H01"),
    AccountSpec("legale.castelvolturno", "Roberta", "Schiavone", Role.LEGAL_ADVISOR, "CAM-H01"),
    AccountSpec("psicologa.ragusa", "Giulia", "Scalia", Role.CARE_PROFESSIONAL, "SIC-H01"),
    AccountSpec("", "Paolo", "Marchese", Role.BODY_ADMIN, body_of_node=FOGGIA_HUB),
    AccountSpec("helpdesk", "Youssef", "El Idrissi", Role.HELPDESK_OPERATOR),
    AccountSpec("monitor.puglia", "Teresa", "Lo Bianco", Role.REGIONAL_MONITOR, region="Puglia"),
    AccountSpec("monitor.ministero", "Elena", "Di Pietro", Role.MINISTRY_MONITOR),
    AccountSpec("admin", "Stefano", "Liguori", Role.SYSTEM_ADMIN),
)

# Words of a body's name that say its legal form, not who it is.
_LEGAL_WORDS = re.compile(
    r"^(cooperativa-sociale|associazione-di-volontariato|associazione|fondazione|"
    r"consorzio-di-cooperative-sociali|consorzio|opera)-|"
    r"-(societa-cooperativa-sociale|onlus|odv|aps|impresa-sociale)$"
)


class DemoAccountsError(LookupError):
    """A place a demo account is bound to is missing: load the demo network first."""


@dataclass(frozen=True)
class DemoAccount:
    username: str
    role: str  # the role's label
    place: str


def demo_password() -> str:
    return os.environ.get(PASSWORD_ENV) or DEFAULT_PASSWORD


def body_username(body: ManagingBody) -> str:
    """`ente.` and the distinctive part of the body's name: `ente.tavoliere-solidale`."""
    return "ente." + _LEGAL_WORDS.sub("", slugify(body.name))


@transaction.atomic
def ensure_demo_accounts(*, password: str) -> list[DemoAccount]:
    """Create or update the demo accounts and their memberships; the demo network must exist.

    Every account gets the same password. It is hashed once and the hash is shared: the accounts
    are public by design, so a shared salt reveals nothing, and one hash instead of eleven keeps
    the load fast with Argon2. An unchanged password keeps the stored hash (and open sessions).
    """
    names = [spec.username for spec in DEMO_ACCOUNTS if spec.username]
    stored = set(User.objects.filter(username__in=names).values_list("password", flat=True))
    reuse = len(stored) == 1 and check_password(password, next(iter(stored)))
    encoded = next(iter(stored)) if reuse else make_password(password)

    accounts: list[DemoAccount] = []
    for spec in DEMO_ACCOUNTS:
        node = _node(spec.node) if spec.node else None
        body = _lead_body(spec.body_of_node) if spec.body_of_node else None
        region = Region.objects.filter(name=spec.region).first() if spec.region else None
        if spec.region and region is None:
            raise DemoAccountsError(f"Regione {spec.region} assente: caricare il territorio.")
        username = body_username(body) if body else spec.username
        is_admin = spec.role == Role.SYSTEM_ADMIN
        email = f"{username}@{EMAIL_DOMAIN}"
        user, _created = User.objects.update_or_create(
            username=username,
            defaults={
                "first_name": spec.first_name,
                "last_name": spec.last_name,
                "email": email,
                "is_active": True,
                "is_staff": is_admin,
                "is_superuser": is_admin,
                "password": encoded,
                "preferred_language": "it",
            },
        )
        EmailAddress.objects.update_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
        membership, _created = Membership.objects.get_or_create(
            user=user,
            role=spec.role,
            node=node,
            managing_body=body,
            region=region,
            defaults={"valid_from": VALID_FROM},
        )
        accounts.append(DemoAccount(username, str(Role(spec.role).label), membership.scope_label))
    return accounts


def _node(code: str) -> Node:
    node = Node.objects.filter(code=code).first()
    if node is None:
        raise DemoAccountsError(f"Nodo {code} assente: caricare prima la rete demo.")
    return node


def _lead_body(node_code: str) -> ManagingBody:
    """The node's lead body: the first one linked to it."""
    link = (
        Node.managing_bodies.through.objects.filter(node__code=node_code)
        .select_related("managingbody")
        .order_by("pk")
        .first()
    )
    if link is None:
        raise DemoAccountsError(f"Nessun ente gestore per il nodo {node_code}.")
    return link.managingbody
