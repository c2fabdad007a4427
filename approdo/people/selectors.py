"""Reads of people's records, always scoped by the user through accounts.access.

A person is visible to the person-data roles whose person scope contains the node where the
person is registered, or the hub of one of the person's cases (a transfer brings the record
along), and to whoever is or was on one of the person's case teams. Monitors get 403, everyone
else outside 404.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TypeVar

import phonenumbers
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, Model, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from approdo.accounts import access
from approdo.accounts.models import User
from approdo.accounts.roles import Role
from approdo.audit.models import AccessLog
from approdo.audit.services import log_access
from approdo.network.models import Municipality, Node
from approdo.people.matching import fold
from approdo.people.models import (
    Consent,
    ConsentPurpose,
    IdentityDocument,
    InformationNotice,
    Person,
    PersonAlias,
    PersonLanguage,
    PhoneNumber,
)

_Row = TypeVar("_Row", bound=Model)

DETAIL_PURPOSE = "people.person.detail"
EXPIRING_WITHIN_DAYS = 60
ACCESS_LOG_LIMIT = 50


def _require_reader(user: User) -> frozenset[int]:
    """The user's person scope; 403 for users without a person-data role (monitors)."""
    acc = access.access_for(user)
    if not acc.can_see_person_data:
        raise PermissionDenied
    return acc.person_node_ids


def person_list(*, user: User, q: str = "") -> QuerySet[Person]:
    """People registered at the nodes of the user's scope, optionally searched.

    `q` matches names (any word, case-insensitive, also aliases and original script), a
    document number or a phone number.
    """
    node_ids = _require_reader(user)
    # A record merged into another (linkage) is reached through the one it was merged into.
    people = Person.objects.filter(
        visible_people_q(user, node_ids), merged_into__isnull=True
    ).select_related("registered_at")
    text = " ".join(q.split())
    if text:
        people = people.filter(_search_q(text)).distinct()
    return people.order_by("family_name", "given_names", "pk")


def visible_people_q(user: User, node_ids: frozenset[int]) -> Q:
    """People registered in the user's scope, taken in charge there, or on whose case team
    the user is or was."""
    from approdo.cases.models import Case

    via_cases = Case.objects.filter(person=OuterRef("pk")).filter(
        Q(hub_id__in=node_ids) | Q(team__user=user)
    )
    return Q(registered_at_id__in=node_ids) | Q(Exists(via_cases))


def can_read_person(user: User, person: Person) -> bool:
    acc = access.access_for(user)
    if not acc.can_see_person_data:
        return False
    if person.registered_at_id in acc.person_node_ids:
        return True
    return Person.objects.filter(visible_people_q(user, acc.person_node_ids), pk=person.pk).exists()


def require_person(user: User, person: Person) -> None:
    """403 without a person-data role, 404 for a person the user may not see."""
    if not access.access_for(user).can_see_person_data:
        raise PermissionDenied
    if not can_read_person(user, person):
        raise Http404


def _search_q(text: str) -> Q:
    names = Q()
    for word in text.split():
        word_q = Q()
        # The word as typed and folded: "Aïcha" typed also finds "Aicha" as in the passport.
        for variant in dict.fromkeys((word, fold(word))):
            if variant:
                word_q |= (
                    Q(family_name__icontains=variant)
                    | Q(given_names__icontains=variant)
                    | Q(family_name_original__icontains=variant)
                    | Q(given_names_original__icontains=variant)
                    | Q(aliases__name__icontains=variant)
                )
        names &= word_q
    compact = "".join(text.split()).upper()
    found = names | Q(documents__number=compact) | Q(tax_code=compact)
    try:
        parsed = phonenumbers.parse(text, "IT")
    except phonenumbers.NumberParseException:
        return found
    e164 = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
    return found | Q(phones__number=e164)


def person_get(*, user: User, pk: int) -> Person:
    """A person in the user's scope (404 outside it, 403 without a person-data role)."""
    _require_reader(user)
    person = Person.objects.select_related("registered_at", "municipality").filter(pk=pk).first()
    if person is None:
        raise Http404
    require_person(user, person)
    return person


def person_read(*, user: User, pk: int, purpose: str = DETAIL_PURPOSE) -> Person:
    """person_get for a page that shows the record: the read is logged (AccessLog)."""
    person = person_get(user=user, pk=pk)
    log_access(user=user, record=person, node_id=person.registered_at_id, purpose=purpose)
    return person


def person_node_choices(*, user: User) -> QuerySet[Node]:
    """The nodes where the user may register a person (their person scope)."""
    node_ids = _require_reader(user)
    return Node.objects.filter(pk__in=node_ids).order_by("name")


def municipality_choices(*, user: User) -> QuerySet[Municipality]:
    """Municipalities of the regions where the user may register people."""
    node_ids = _require_reader(user)
    regions = Node.objects.filter(pk__in=node_ids).values("region_id")
    return Municipality.objects.filter(province__region_id__in=regions).select_related("province")


def default_node_for(*, user: User) -> Node | None:
    """The node of the user's own node membership, if it is in their person scope."""
    acc = access.access_for(user)
    for grant in acc.grants:
        if grant.node_id is not None and grant.node_id in acc.person_node_ids:
            return Node.objects.filter(pk=grant.node_id).first()
    return None


def can_see_access_log(*, user: User, person: Person) -> bool:
    """Hub coordinators covering the person's node see who read the record."""
    hubs = {
        g.node_id
        for g in access.access_for(user).grants
        if g.role == Role.HUB_COORDINATOR and g.node_id is not None
    }
    node = person.registered_at
    return node.pk in hubs or (node.parent_hub_id is not None and node.parent_hub_id in hubs)


def person_access_log(*, user: User, person: Person) -> list[AccessLog]:
    """The last reads of a person's record, for the coordinators allowed to see them."""
    if not can_see_access_log(user=user, person=person):
        raise PermissionDenied
    return list(
        AccessLog.objects.filter(record_type=person._meta.label_lower, record_id=str(person.pk))
        .select_related("user")
        .order_by("-occurred_at", "-pk")[:ACCESS_LOG_LIMIT]
    )


@dataclass(frozen=True)
class DocumentRow:
    document: IdentityDocument
    expired: bool
    expiring_soon: bool


def person_documents(person: Person, *, today: dt.date | None = None) -> list[DocumentRow]:
    today = today or timezone.localdate()
    soon = today + dt.timedelta(days=EXPIRING_WITHIN_DAYS)
    rows = []
    for doc in person.documents.order_by("-expires_on", "-pk"):
        expired = doc.expires_on is not None and doc.expires_on < today
        expiring = doc.expires_on is not None and not expired and doc.expires_on <= soon
        rows.append(DocumentRow(doc, expired, expiring))
    return rows


def person_phones(person: Person) -> QuerySet[PhoneNumber]:
    return person.phones.order_by("pk")


def person_aliases(person: Person) -> QuerySet[PersonAlias]:
    return person.aliases.order_by("name")


def person_languages(person: Person) -> QuerySet[PersonLanguage]:
    return person.languages.select_related("language").order_by("language__name_it")


def person_consents(person: Person) -> QuerySet[Consent]:
    return person.consents.select_related("recorded_by").order_by("-given_on", "-pk")


def person_notices(person: Person) -> QuerySet[InformationNotice]:
    return person.notices.select_related("language", "given_by").order_by("-given_on", "-pk")


def has_taking_charge_consent(person: Person) -> bool:
    return person.consents.filter(
        purpose=ConsentPurpose.TAKING_CHARGE, withdrawn_on__isnull=True
    ).exists()


def sharing_allowed(person: Person, external_service: str) -> bool:
    """Whether an active sharing consent names `external_service` (case-insensitive)."""
    name = " ".join(external_service.split())
    if not name:
        return False
    return person.consents.filter(
        purpose=ConsentPurpose.SHARING,
        withdrawn_on__isnull=True,
        external_service__iexact=name,
    ).exists()


def document_get(*, user: User, person: Person, pk: int) -> IdentityDocument:
    return _child(person.documents.all(), pk)


def phone_get(*, user: User, person: Person, pk: int) -> PhoneNumber:
    return _child(person.phones.all(), pk)


def alias_get(*, user: User, person: Person, pk: int) -> PersonAlias:
    return _child(person.aliases.all(), pk)


def language_get(*, user: User, person: Person, pk: int) -> PersonLanguage:
    return _child(person.languages.select_related("language"), pk)


def consent_get(*, user: User, person: Person, pk: int) -> Consent:
    return _child(person.consents.all(), pk)


def _child(rows: QuerySet[_Row], pk: int) -> _Row:
    row = rows.filter(pk=pk).first()
    if row is None:
        raise Http404
    return row
