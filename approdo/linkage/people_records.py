"""The people of the network as linkage records (engine.records.Record).

A record id is the person's number, zero-padded so that text order is number order: the
engine names a cluster after its smallest record id, so the cluster id is the oldest record's.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from django.db.models import QuerySet

from approdo.linkage.engine.records import Record
from approdo.people.models import DocumentKind, Person

PERMITS = (DocumentKind.RESIDENCE_PERMIT, DocumentKind.PERMIT_RECEIPT)
_SEX = {"male": "m", "female": "f"}
_WIDTH = 12


def record_id(person_pk: int) -> str:
    return f"{person_pk:0{_WIDTH}d}"


def cluster_name(smallest_record_id: str) -> str:
    """The stored cluster id: C and the oldest record's number."""
    return f"C{int(smallest_record_id)}"


def person_pk(record: str) -> int:
    return int(record)


def people_for_linkage() -> QuerySet[Person]:
    """Every person record still in use (a merged record follows its survivor)."""
    return (
        Person.objects.filter(merged_into__isnull=True)
        .select_related("municipality", "registered_at")
        .prefetch_related("documents", "phones")
    )


def to_record(person: Person) -> Record:
    """One person as a record: the newest passport and permit, the first phone."""
    documents = sorted(person.documents.all(), key=lambda d: (d.issued_on is None, d.issued_on))
    passport = next(
        (d.number for d in reversed(documents) if d.kind == DocumentKind.PASSPORT and d.number), ""
    )
    permit = next((d.number for d in reversed(documents) if d.kind in PERMITS and d.number), "")
    phones = list(person.phones.all())
    birth = person.birth_date.isoformat() if person.birth_date else ""
    precision = "year" if person.birth_date_is_placeholder else person.birth_date_precision
    return Record(
        record_id=record_id(person.pk),
        family_name=person.family_name,
        given_names=person.given_names,
        sex=_SEX.get(person.sex, ""),
        birth_date=birth,
        birth_date_precision=precision if birth else "",
        nationality=person.nationality,
        codice_fiscale=person.tax_code,
        passport_number=passport,
        permit_number=permit,
        phone=phones[0].number if phones else "",
        municipality=person.municipality.name if person.municipality else "",
        source_node=person.registered_at.code if person.registered_at else "",
    )


def records_of(people: Iterable[Person]) -> Iterator[Record]:
    return (to_record(p) for p in people)
