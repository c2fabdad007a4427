"""The duplicate check: likely existing records for what an operator is typing.

Retrieval is two steps so it stays fast on a national register:

1. one indexed `key IN (...)` query on PersonSearchKey with the query's blocking keys
   (people.matching.search_keys); candidates are ranked by the keys they share, identifier
   keys (document, phone, codice fiscale) first, and at most MAX_CANDIDATES are kept;
2. the candidates' names and dates are read with two flat queries and scored in Python
   (people.matching.rate: the linkage engine's match probability); only the hits shown are
   loaded as Person objects.

Records outside the user's places are reported by node only (never the person, never their
data): the operator learns that a colleague elsewhere knows this person and can ask for a
handover.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q
from django.utils.functional import Promise

from approdo.accounts import access
from approdo.accounts.models import User
from approdo.people.matching import PersonFacts, facts_of, is_identifier_key, rate, search_keys
from approdo.people.models import Person, PersonAlias, PersonSearchKey
from approdo.people.signals import person_facts_changed

MAX_CANDIDATES = 200
# Records at or above this match probability are shown while the operator types: one chance in
# twenty is worth a look (calibrated with engine.pair.DUPLICATE_CHECK_PRIOR, see there).
# Records sharing a document, phone or codice fiscale with the query are shown whatever their
# score: a number shared under another name is worth a look too (a phone of a work team, a
# mistyped or reused document).
SHOW_THRESHOLD = 0.05
# A shared identifier outranks any number of shared name keys when bounding candidates.
_IDENTIFIER_KEY_WEIGHT = 100


@dataclass(frozen=True)
class DuplicateHit:
    score: float
    reasons: tuple[str, ...]
    in_scope: bool
    person: Person | None  # only when in_scope: never leak another node's record
    node_id: int  # the node that holds the record (person.registered_at)
    node_name: str
    # Out of scope only: the signed reference to ask that node for a referral or transfer.
    inquiry_token: str = ""


def refresh_search_keys(person: Person) -> None:
    """Rewrite the person's PersonSearchKey rows from their current facts."""
    keys = search_keys(facts_of(person))
    with transaction.atomic():
        existing = set(PersonSearchKey.objects.filter(person=person).values_list("key", flat=True))
        stale = existing - keys
        if stale:
            PersonSearchKey.objects.filter(person=person, key__in=stale).delete()
        # Two saves of one person racing each other write the same keys: not an error.
        PersonSearchKey.objects.bulk_create(
            [PersonSearchKey(person=person, key=k) for k in sorted(keys - existing)],
            ignore_conflicts=True,
        )
    person_facts_changed.send(sender=Person, person_pk=person.pk)


@dataclass(frozen=True)
class _Candidates:
    ids: list[int]
    # Identifier keys (doc:, tel:, cf:) each candidate shares with the query.
    shared_identifiers: dict[int, list[str]]


def _candidates(query: PersonFacts, *, limit: int = MAX_CANDIDATES) -> _Candidates:
    """The people sharing most blocking keys with the query (one indexed query)."""
    keys = search_keys(query)
    if not keys:
        return _Candidates([], {})
    weights: Counter[int] = Counter()
    identifiers: defaultdict[int, list[str]] = defaultdict(list)
    rows = PersonSearchKey.objects.filter(key__in=keys).values_list("person_id", "key")
    for person_id, key in rows:
        if is_identifier_key(key):
            weights[person_id] += _IDENTIFIER_KEY_WEIGHT
            identifiers[person_id].append(key)
        else:
            weights[person_id] += 1
    ids = [person_id for person_id, _ in weights.most_common(limit)]
    return _Candidates(ids, dict(identifiers))


def candidate_ids(query: PersonFacts, *, limit: int = MAX_CANDIDATES) -> list[int]:
    """Ids of the people sharing most blocking keys with the query, best first."""
    return _candidates(query, limit=limit).ids


def _facts_by_id(candidates: _Candidates) -> dict[int, tuple[PersonFacts, int, str]]:
    """Facts, node id and node name of each candidate, with two flat queries.

    Documents and phones are not read: the shared doc:/tel: keys already say which agree with
    the query's, so the candidate's facts carry the shared identifiers only. A number that
    differs is thus unknown here rather than a disagreement (the engine would count it
    against): the check leans towards showing, and a renewed permit or a new phone is common.
    """
    ids = candidates.ids
    aliases: defaultdict[int, list[str]] = defaultdict(list)
    for pid, name in PersonAlias.objects.filter(person_id__in=ids).values_list("person_id", "name"):
        aliases[pid].append(name)
    rows = Person.objects.filter(pk__in=ids).values_list(
        "pk",
        "family_name",
        "given_names",
        "birth_date",
        "birth_date_precision",
        "birth_date_is_placeholder",
        "nationality",
        "sex",
        "tax_code",
        "registered_at_id",
        "registered_at__name",
    )
    result: dict[int, tuple[PersonFacts, int, str]] = {}
    for pid, family, given, born, precision, placeholder, nat, sex, cf, node_id, node in rows:
        shared = candidates.shared_identifiers.get(pid, ())
        facts = PersonFacts(
            family_name=family,
            given_names=given,
            aliases=tuple(aliases[pid]),
            birth_date=born,
            birth_date_precision=precision,
            birth_date_is_placeholder=placeholder,
            nationality=nat,
            sex=sex,
            tax_code=cf,
            document_numbers=tuple(k[4:] for k in shared if k.startswith("doc:")),
            phones=tuple(k[4:] for k in shared if k.startswith("tel:")),
        )
        result[pid] = (facts, node_id, node)
    return result


def _readable_through_cases(user: User, visible: frozenset[int], ids: list[int]) -> set[int]:
    if not ids:
        return set()
    from approdo.cases.models import Case

    return set(
        Case.objects.filter(person_id__in=ids)
        .filter(Q(hub_id__in=visible) | Q(team__user=user))
        .values_list("person_id", flat=True)
    )


def find_duplicates(
    *, user: User, query: PersonFacts, limit: int = 10, threshold: float = SHOW_THRESHOLD
) -> list[DuplicateHit]:
    """Likely existing records for `query` (match probability at least `threshold`) and the
    records sharing a document, phone or codice fiscale with it, best first.

    In-scope hits carry the Person; out-of-scope hits carry only the node, the score and
    reasons that restate what agrees with the query. Several out-of-scope hits at one node
    collapse into one (the best), so counting hits reveals nothing either.
    """
    candidates = _candidates(query)
    if not candidates.ids:
        return []
    visible = access.access_for(user).person_node_ids
    scored: list[tuple[float, int, tuple[Promise, ...], int, str]] = []
    for pid, (facts, node_id, node_name) in _facts_by_id(candidates).items():
        value, reasons = rate(query, facts)
        if value >= threshold or pid in candidates.shared_identifiers:
            scored.append((value, pid, reasons, node_id, node_name))
    # Best first; ties by id so repeated checks list the same records in the same order.
    scored.sort(key=lambda row: (-row[0], row[1]))

    # A person taken in charge at one of the user's hubs is in scope wherever registered.
    via_cases = _readable_through_cases(user, visible, [row[1] for row in scored])

    def in_scope(pid: int, node_id: int) -> bool:
        return node_id in visible or pid in via_cases

    selected: list[tuple[float, int, tuple[Promise, ...], int, str]] = []
    seen_nodes: set[int] = set()
    for row in scored:
        node_id = row[3]
        if not in_scope(row[1], node_id):
            if node_id in seen_nodes:
                continue
            seen_nodes.add(node_id)
        selected.append(row)
        if len(selected) >= limit:
            break

    from approdo.cases.inquiry_services import inquiry_token

    in_scope_ids = [row[1] for row in selected if in_scope(row[1], row[3])]
    people = Person.objects.select_related("registered_at").in_bulk(in_scope_ids)
    return [
        DuplicateHit(
            score=value,
            reasons=tuple(str(r) for r in reasons),
            in_scope=in_scope(pid, node_id),
            person=people.get(pid) if in_scope(pid, node_id) else None,
            node_id=node_id,
            node_name=node_name,
            inquiry_token=""
            if in_scope(pid, node_id)
            else inquiry_token(person_id=pid, node_id=node_id),
        )
        for value, pid, reasons, node_id, node_name in selected
    ]
