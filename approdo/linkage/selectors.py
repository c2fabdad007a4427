"""Reads of the linkage.

- `distinct_people`: people counted once across the network, for monitoring (numbers only);
- the review queue: who may review which pairs, and the two records side by side with only
  what the reviewer may see. A record the reviewer may not read, and both records when they
  belong to different managing bodies, are shown pseudonymised: initials, year of birth, the
  last characters of documents and phones, and for every field whether the two agree.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import CharField, F, Q, QuerySet, Value
from django.db.models.functions import Cast, Coalesce, Concat
from django.http import Http404
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

from approdo.accounts import access
from approdo.accounts.models import User
from approdo.accounts.roles import LINKAGE_REVIEW_ROLES
from approdo.audit.services import log_access
from approdo.cases.models import Case
from approdo.linkage.engine.compare import COMPARISONS
from approdo.linkage.models import CandidateStatus, LinkCandidate, LinkRun, PersonMerge, RunKind
from approdo.network.models import ManagingBody, Node, Region
from approdo.people.models import Person
from approdo.people.selectors import can_read_person, visible_people_q

REVIEW_PURPOSE = "linkage review"


def distinct_people(
    *,
    scope: Node | ManagingBody | Region | None = None,
    period: tuple[dt.date, dt.date] | None = None,
) -> int:
    """Distinct people (linkage clusters) with a case at a hub in `scope` (a hub, a managing
    body, a region, or the whole programme when None) open at any time in `period` (both ends
    included): a person taken in charge at three hubs counts once. A person with no cluster
    yet (registered since the last run) counts as a person of their own."""
    cases = Case.objects.all()
    if isinstance(scope, Node):
        cases = cases.filter(hub=scope)
    elif isinstance(scope, ManagingBody):
        cases = cases.filter(hub__managing_bodies=scope)
    elif isinstance(scope, Region):
        cases = cases.filter(hub__region=scope)
    if period is not None:
        start, end = period
        cases = cases.filter(opened_on__lte=end).filter(
            Q(closed_on__isnull=True) | Q(closed_on__gte=start)
        )
    people = cases.annotate(who=person_key("person__"))
    return people.values("who").distinct().count()


def person_key(prefix: str = "") -> Coalesce:
    """An expression naming the distinct person a row belongs to, through `prefix` (the path
    to a Person, e.g. "person__" from a case): the linkage cluster, or for a record not yet
    linked "P" and its own id. Counting distinct keys counts people once across the network."""
    own = Concat(Value("P"), Cast(F(f"{prefix}id" if prefix else "id"), CharField()))
    return Coalesce(F(f"{prefix}cluster__cluster_id"), own, output_field=CharField())


# --- Review ---------------------------------------------------------------------------------


def review_node_ids(user: User) -> frozenset[int]:
    """The nodes where the user reviews possible duplicates: a coordinator's, within the
    places where they see people."""
    acc = access.access_for(user)
    if not acc.roles & LINKAGE_REVIEW_ROLES:
        return frozenset()
    return acc.person_node_ids


def can_see_runs(user: User) -> bool:
    """Coordinators see how the linkage runs; system administrators also start a full run."""
    return bool(review_node_ids(user)) or access.access_for(user).is_system_admin


def run_list(*, user: User) -> QuerySet[LinkRun]:
    if not can_see_runs(user):
        raise PermissionDenied
    return LinkRun.objects.filter(kind=RunKind.FULL).order_by("-started_at")


def can_review(user: User, *people: Person) -> bool:
    """A coordinator may decide on records of which at least one is in their scope."""
    nodes = review_node_ids(user)
    if not nodes:
        return False
    return any(p.registered_at_id in nodes or can_read_person(user, p) for p in people)


def _reviewable_q(user: User) -> Q:
    nodes = review_node_ids(user)
    if not nodes:
        return Q(pk__in=[])
    visible = Person.objects.filter(visible_people_q(user, nodes)).values("pk")
    return Q(person_a__in=visible) | Q(person_b__in=visible)


def candidate_queue(
    *, user: User, status: str = CandidateStatus.PENDING
) -> QuerySet[LinkCandidate]:
    """The pairs the user may review, most probable first. 403 for non-reviewers."""
    if not review_node_ids(user):
        raise PermissionDenied
    rows = LinkCandidate.objects.filter(_reviewable_q(user))
    if status:
        rows = rows.filter(status=status)
    return rows.select_related(
        "person_a__registered_at", "person_b__registered_at", "decided_by"
    ).order_by("-probability", "pk")


def candidate_get(*, user: User, pk: int) -> LinkCandidate:
    candidate = candidate_queue(user=user, status="").filter(pk=pk).first()
    if candidate is None:
        raise Http404
    return candidate


def merge_list(*, user: User) -> QuerySet[PersonMerge]:
    if not review_node_ids(user):
        raise PermissionDenied
    visible = Person.objects.filter(visible_people_q(user, review_node_ids(user))).values("pk")
    return (
        PersonMerge.objects.filter(Q(survivor__in=visible) | Q(merged__in=visible))
        .select_related("survivor__registered_at", "merged__registered_at", "merged_by")
        .order_by("-merged_at")
    )


def merge_get(*, user: User, pk: int) -> PersonMerge:
    merge = merge_list(user=user).filter(pk=pk).first()
    if merge is None:
        raise Http404
    return merge


def merges_of(person: Person) -> QuerySet[PersonMerge]:
    """Active merges into `person` (for the person's page: the records merged into it)."""
    return PersonMerge.objects.filter(survivor=person, unmerged_at__isnull=True).select_related(
        "merged__registered_at", "merged_by"
    )


# --- Side by side -------------------------------------------------------------------------


@dataclass(frozen=True)
class FieldRow:
    label: str
    a: str
    b: str
    outcome: str  # the engine's comparison level, in words ("" when not compared)
    agree: bool | None  # True agree, False disagree, None not compared / partial


@dataclass(frozen=True)
class SideBySide:
    pseudonymised_a: bool
    pseudonymised_b: bool
    label_a: str  # the record's name when readable, else its pseudonym
    label_b: str
    node_a: str
    node_b: str
    rows: list[FieldRow]
    cross_body: bool


def pseudonym(person: Person) -> str:
    """A stable code for a record that says nothing about the person."""
    digest = salted_hmac("approdo.linkage.pseudonym", str(person.pk), algorithm="sha256")
    return f"S-{digest.hexdigest()[:8].upper()}"


def _initials(text: str) -> str:
    return " ".join(f"{word[0]}." for word in text.split() if word)


def _tail(value: str, keep: int = 3) -> str:
    value = value.strip()
    if not value:
        return ""
    return "•" * max(len(value) - keep, 2) + value[-keep:]


def _documents(person: Person) -> tuple[str, str]:
    passport = permit = ""
    for document in person.documents.all():
        if document.kind == "passport" and not passport:
            passport = document.number
        elif document.kind in ("residence_permit", "permit_receipt") and not permit:
            permit = document.number
    return passport, permit


def _values(person: Person, *, pseudonymised: bool) -> list[str]:
    passport, permit = _documents(person)
    phone = next((p.number for p in person.phones.all()), "")
    born = person.birth_date
    if pseudonymised:
        return [
            _initials(person.family_name),
            _initials(person.given_names),
            str(born.year) if born else "",
            person.get_sex_display(),
            person.nationality,
            _tail(person.tax_code, 2),
            _tail(passport),
            _tail(permit),
            _tail(phone),
            person.municipality.province.abbreviation if person.municipality else "",
        ]
    return [
        person.family_name,
        person.given_names,
        _birth(person),
        person.get_sex_display(),
        person.nationality,
        person.tax_code,
        passport,
        permit,
        phone,
        person.municipality.name if person.municipality else "",
    ]


def _birth(person: Person) -> str:
    if person.birth_date is None:
        return ""
    text = person.birth_date.strftime("%d/%m/%Y")
    if person.birth_date_is_placeholder or person.birth_date_precision != "exact":
        return f"{text} ({person.get_birth_date_precision_display()})"
    return text


_FIELD_LABELS = (
    _("Cognome"),
    _("Nome/i"),
    _("Data di nascita"),
    _("Sesso"),
    _("Cittadinanza"),
    _("Codice fiscale"),
    _("Passaporto"),
    _("Permesso di soggiorno"),
    _("Telefono"),
    _("Comune"),
)
_OUTCOMES = {
    "exact": _("uguale"),
    "same": _("uguale"),
    "variant": _("variante di traslitterazione"),
    "fuzzy": _("simile (errore di battitura)"),
    "partial": _("in parte uguale"),
    "different": _("diverso"),
    "same year (placeholder or year only)": _("stesso anno (data convenzionale o solo anno)"),
    "day and month swapped": _("giorno e mese invertiti"),
    "same year and month": _("stesso mese e anno"),
    "same day and month, year off by one": _("anno diverso di uno"),
    "one digit typed wrong": _("una cifra diversa"),
    "same year, other day": _("stesso anno, altro giorno"),
    "one character off": _("un carattere diverso"),
    "similar spelling": _("grafia simile"),
}


def _agreement(level: int, levels: int) -> bool | None:
    if level == 1:
        return True
    if level == levels:
        return False
    return None


def _bodies(person: Person) -> set[int]:
    return set(person.registered_at.managing_bodies.values_list("pk", flat=True))


def side_by_side(*, user: User, candidate: LinkCandidate) -> SideBySide:
    """The two records of a pair as the reviewer may see them; each readable record's read
    is logged."""
    a, b = candidate.person_a, candidate.person_b
    cross_body = not (_bodies(a) & _bodies(b))
    readable_a = can_read_person(user, a) and not cross_body
    readable_b = can_read_person(user, b) and not cross_body
    for person, readable in ((a, readable_a), (b, readable_b)):
        if readable:
            log_access(
                user=user, record=person, node_id=person.registered_at_id, purpose=REVIEW_PURPOSE
            )
    values_a = _values(a, pseudonymised=not readable_a)
    values_b = _values(b, pseudonymised=not readable_b)
    levels = candidate.levels or {}
    rows = []
    for index, label in enumerate(_FIELD_LABELS):
        comparison = COMPARISONS[index]
        level = int(levels.get(comparison.name, 0))
        words = comparison.levels[level - 1] if level else ""
        rows.append(
            FieldRow(
                label=str(label),
                a=values_a[index],
                b=values_b[index],
                outcome=str(_OUTCOMES.get(words, words)) if words else "",
                agree=_agreement(level, len(comparison.levels)),
            )
        )
    return SideBySide(
        pseudonymised_a=not readable_a,
        pseudonymised_b=not readable_b,
        label_a=a.full_name if readable_a else pseudonym(a),
        label_b=b.full_name if readable_b else pseudonym(b),
        node_a=a.registered_at.name,
        node_b=b.registered_at.name,
        rows=rows,
        cross_body=cross_body,
    )


@dataclass(frozen=True)
class MergeDetails:
    survivor_label: str
    merged_label: str
    survivor_readable: bool
    merged_readable: bool
    moved: list[tuple[str, int]]  # what moved to the survivor: kind of row, how many
    filled: list[tuple[str, str]]  # survivor's fields completed: label, value taken


def merge_details(*, user: User, merge: PersonMerge) -> MergeDetails:
    """What a merge did, as the reviewer may see it."""
    from django.apps import apps

    survivor, merged = merge.survivor, merge.merged
    survivor_readable = can_read_person(user, survivor)
    merged_readable = can_read_person(user, merged)
    moved = [
        (str(apps.get_model(label)._meta.verbose_name_plural), len(ids))
        for label, ids in sorted(merge.moved.items())
    ]
    taken = merge.snapshot.get("merged", {}).get("person", {})
    filled = []
    for name in merge.filled:
        field = Person._meta.get_field(name.removesuffix("_id"))
        value = taken.get(name, "")
        shown = str(value) if survivor_readable and value not in (None, "") else "•••"
        filled.append((str(getattr(field, "verbose_name", name)), shown))
    return MergeDetails(
        survivor_label=survivor.full_name if survivor_readable else pseudonym(survivor),
        merged_label=merged.full_name if merged_readable else pseudonym(merged),
        survivor_readable=survivor_readable,
        merged_readable=merged_readable,
        moved=moved,
        filled=filled,
    )
