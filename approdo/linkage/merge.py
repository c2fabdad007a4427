"""Merge two person records into one, and undo it exactly.

A merge never deletes: the merged record stays with every value it had (its original values
and their source: node, operator, dates), marked `merged_into` the survivor, and leaves lists
and searches. What belonged to it (cases, documents, phones, aliases, languages, notices,
consents, and whatever a later app hangs on a person) moves to the survivor; the survivor's
empty fields are completed from it and its name becomes an alias of the survivor. PersonMerge
keeps the ids of what moved, the fields completed and the rows added, so unmerge puts back
exactly what was there. A row that cannot move (the survivor already has the same phone, the
same language) stays on the merged record and is shown with it.
"""

from __future__ import annotations

import datetime as dt
import decimal
from collections.abc import Iterator
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from approdo.accounts.models import User
from approdo.audit.services import record
from approdo.linkage.models import CandidateStatus, LinkCandidate, PersonCluster, PersonMerge
from approdo.people.duplicates import refresh_search_keys
from approdo.people.matching import fold
from approdo.people.models import (
    AliasKind,
    EducationLevel,
    EmploymentStatus,
    Gender,
    HousingCondition,
    Person,
    PersonAlias,
    PersonSearchKey,
    Sex,
)

# Relations that are not the person's own data: derived keys, the linkage's bookkeeping.
_NOT_MOVED = {
    ("people.PersonSearchKey", "person"),
    ("people.Person", "merged_into"),
    ("linkage.PersonCluster", "person"),
    ("linkage.PersonMerge", "survivor"),
    ("linkage.PersonMerge", "merged"),
}
# A survivor's field counts as empty when it holds one of these.
_EMPTY_CHOICES = {
    "sex": Sex.NOT_STATED,
    "gender": Gender.NOT_STATED,
    "education_level": EducationLevel.UNKNOWN,
    "employment_status": EmploymentStatus.UNKNOWN,
    "housing_condition": HousingCondition.UNKNOWN,
}
_FILLABLE = (
    "family_name",
    "family_name_original",
    "given_names_original",
    "sex",
    "gender",
    "birth_country",
    "nationality",
    "tax_code",
    "address",
    "living_place",
    "municipality_id",
    "education_level",
    "employment_status",
    "housing_condition",
)
_BIRTH = ("birth_date", "birth_date_precision", "birth_date_is_placeholder")
_BOOKKEEPING = ("version", "updated_at")


def _jsonable(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    return value


def row_values(row: models.Model) -> dict[str, Any]:
    """Every stored column of a row, as JSON-safe values."""
    return {f.attname: _jsonable(getattr(row, f.attname)) for f in row._meta.concrete_fields}


def _relations() -> Iterator[tuple[type[models.Model], str]]:
    """Every many-to-one relation pointing at a person that carries the person's own data."""
    for relation in Person._meta.related_objects:
        field = relation.field
        if not isinstance(field, models.ForeignKey) or isinstance(field, models.OneToOneField):
            continue
        model = relation.related_model
        assert isinstance(model, type)
        if (model._meta.label, field.name) in _NOT_MOVED:
            continue
        yield model, field.name


def person_snapshot(person: Person) -> dict[str, Any]:
    """The record and every row hanging on it, by model label."""
    rows: dict[str, list[dict[str, Any]]] = {}
    for model, field in _relations():
        found = [row_values(r) for r in model._default_manager.filter(**{field: person})]
        if found:
            rows.setdefault(model._meta.label, []).extend(found)
    return {"person": row_values(person), "rows": rows}


def _is_empty(person: Person, name: str) -> bool:
    value = getattr(person, name)
    return value in ("", None) or _EMPTY_CHOICES.get(name) == value


def _fill(survivor: Person, merged: Person) -> dict[str, Any]:
    """Complete the survivor's empty fields from the merged record; return field → old value."""
    filled: dict[str, Any] = {}
    for name in _FILLABLE:
        if _is_empty(survivor, name) and not _is_empty(merged, name):
            filled[name] = _jsonable(getattr(survivor, name))
            setattr(survivor, name, getattr(merged, name))
    if survivor.birth_date is None and merged.birth_date is not None:
        for name in _BIRTH:
            filled[name] = _jsonable(getattr(survivor, name))
            setattr(survivor, name, getattr(merged, name))
    return filled


def _name_alias(survivor: Person, merged: Person) -> PersonAlias | None:
    """The merged record's name as an alias of the survivor, when it is written otherwise."""
    name = " ".join(part for part in (merged.given_names, merged.family_name) if part)
    known = {fold(survivor.full_name), *(fold(a.name) for a in survivor.aliases.all())}
    if not name or fold(name) in known:
        return None
    return PersonAlias.objects.create(person=survivor, name=name[:200], kind=AliasKind.SPELLING)


def _move(merged: Person, survivor: Person) -> tuple[dict[str, list[Any]], dict[str, list[Any]]]:
    """Point the merged record's rows at the survivor, one by one; a row the survivor already
    has (a unique constraint says so) stays where it is."""
    moved: dict[str, list[Any]] = {}
    kept: dict[str, list[Any]] = {}
    for model, field in _relations():
        manager = model._default_manager
        for pk in manager.filter(**{field: merged}).order_by("pk").values_list("pk", flat=True):
            try:
                with transaction.atomic():
                    manager.filter(pk=pk).update(**{field: survivor})
            except IntegrityError:
                kept.setdefault(model._meta.label, []).append(pk)
            else:
                moved.setdefault(model._meta.label, []).append(pk)
    return moved, kept


def _lock_pair(first_pk: int, second_pk: int) -> tuple[Person, Person]:
    people = Person.objects.select_for_update().in_bulk([first_pk, second_pk])
    return people[first_pk], people[second_pk]


def _require_reviewer(actor: User, *people: Person) -> None:
    from approdo.linkage.selectors import can_review

    if not can_review(actor, *people):
        raise PermissionDenied


def merge_people(
    *,
    actor: User,
    survivor: Person,
    merged: Person,
    reason: str = "",
    candidate: LinkCandidate | None = None,
) -> PersonMerge:
    """Merge `merged` into `survivor` (see the module's docstring). Audited."""
    _require_reviewer(actor, survivor, merged)
    with transaction.atomic():
        survivor, merged = _lock_pair(survivor.pk, merged.pk)
        if survivor.pk == merged.pk:
            raise ValidationError(_("Una scheda non può essere unita a sé stessa."))
        if survivor.merged_into_id or merged.merged_into_id:
            raise ValidationError(
                _("Una delle due schede è già stata unita a un'altra: ricarica la pagina.")
            )
        snapshot = {"survivor": person_snapshot(survivor), "merged": person_snapshot(merged)}
        filled = _fill(survivor, merged)
        if filled:
            survivor.full_clean(exclude=["registered_at", "registered_by"])
            survivor.version += 1
            survivor.save()
        moved, kept = _move(merged, survivor)
        created: dict[str, list[Any]] = {}
        alias = _name_alias(survivor, merged)
        if alias is not None:
            created["people.PersonAlias"] = [alias.pk]
        Person.objects.filter(pk=merged.pk).update(merged_into=survivor)
        merged.merged_into = survivor
        PersonSearchKey.objects.filter(person=merged).delete()
        refresh_search_keys(survivor)
        cluster = PersonCluster.objects.filter(person=survivor).first()
        if cluster is not None:
            PersonCluster.objects.filter(person=merged).update(cluster_id=cluster.cluster_id)
        merge = PersonMerge.objects.create(
            survivor=survivor,
            merged=merged,
            candidate=candidate,
            snapshot=snapshot,
            moved=moved,
            created=created,
            filled=filled,
            reason=reason,
            merged_by=actor,
            merged_at=timezone.now(),
        )
        record(
            actor=actor,
            action="linkage.person.merged",
            target=survivor,
            node_id=survivor.registered_at_id,
            data={
                "merge": merge.pk,
                "merged_person": merged.pk,
                "moved": {label: len(ids) for label, ids in moved.items()},
                "kept_on_merged": {label: len(ids) for label, ids in kept.items()},
                "filled": sorted(filled),
                "candidate": candidate.pk if candidate else None,
            },
        )
    return merge


def unmerge_people(*, actor: User, merge: PersonMerge, reason: str) -> PersonMerge:
    """Undo a merge: the rows that moved go back, the fields the merge completed return to
    what they were (unless someone changed them since: then the newer value stays and the
    audit event says so), the alias the merge added goes. The pair is then kept apart."""
    if not reason.strip():
        raise ValidationError({"reason": _("Indica perché le due schede vanno separate.")})
    with transaction.atomic():
        merge = PersonMerge.objects.select_for_update().get(pk=merge.pk)
        if not merge.is_active:
            raise ValidationError(_("Queste schede sono già state separate."))
        survivor, merged = _lock_pair(merge.survivor_id, merge.merged_id)
        _require_reviewer(actor, survivor, merged)
        merged_version = merge.snapshot["survivor"]["person"]["version"] + (
            1 if merge.filled else 0
        )
        untouched = survivor.version == merged_version
        kept_changed = _restore_fields(survivor, merge, exact=untouched)
        _return_rows(merge, survivor, merged)
        for label, ids in merge.created.items():
            model = _model(label)
            model._default_manager.filter(pk__in=ids).delete()
        Person.objects.filter(pk=merged.pk).update(merged_into=None)
        refresh_search_keys(survivor)
        refresh_search_keys(merged)
        PersonCluster.objects.filter(person=merged).update(cluster_id=f"C{merged.pk}")
        merge.unmerged_by = actor
        merge.unmerged_at = timezone.now()
        merge.unmerge_reason = reason.strip()
        merge.save(update_fields=["unmerged_by", "unmerged_at", "unmerge_reason"])
        _keep_apart(actor, survivor, merged, reason.strip())
        record(
            actor=actor,
            action="linkage.person.unmerged",
            target=survivor,
            node_id=survivor.registered_at_id,
            data={
                "merge": merge.pk,
                "merged_person": merged.pk,
                "reason": merge.unmerge_reason,
                "changed_since_merge_kept": kept_changed,
            },
        )
    return merge


def _model(label: str) -> type[models.Model]:
    from django.apps import apps

    return apps.get_model(label)


def _restore_fields(survivor: Person, merge: PersonMerge, *, exact: bool) -> list[str]:
    """Put back the survivor's completed fields; return those left because they changed."""
    kept: list[str] = []
    if not merge.filled:
        return kept
    before = merge.snapshot["survivor"]["person"]
    merged_values = merge.snapshot["merged"]["person"]
    values: dict[str, Any] = {}
    for name, old in merge.filled.items():
        if _jsonable(getattr(survivor, name)) != merged_values.get(name):
            kept.append(name)
            continue
        values[name] = old
    if exact and not kept:
        # Nothing touched the record since the merge: it returns to exactly what it was,
        # version and time of the last change included (a form opened before the merge
        # is up to date again; one opened on the merged record is stale).
        values.update({name: before[name] for name in _BOOKKEEPING})
        Person.objects.filter(pk=survivor.pk).update(**_parsed(values))
    else:
        values["version"] = survivor.version + 1
        values["updated_at"] = timezone.now()
        Person.objects.filter(pk=survivor.pk).update(**_parsed(values))
    survivor.refresh_from_db()
    return kept


def _parsed(values: dict[str, Any]) -> dict[str, Any]:
    """JSON values back to what the Person fields take."""
    parsed: dict[str, Any] = {}
    for name, value in values.items():
        field = Person._meta.get_field(name.removesuffix("_id"))
        parsed[name] = (
            field.to_python(value)
            if value is not None and isinstance(field, models.DateField)
            else value
        )
    return parsed


def _return_rows(merge: PersonMerge, survivor: Person, merged: Person) -> None:
    fields = {model._meta.label: field for model, field in _relations()}
    for label, ids in merge.moved.items():
        field = fields.get(label)
        if field is None:
            continue
        model = _model(label)
        # Only rows still on the survivor go back; anything added since the merge stays.
        model._default_manager.filter(pk__in=ids, **{field: survivor}).update(**{field: merged})


def _keep_apart(actor: User, first: Person, second: Person, note: str) -> None:
    """Record that the two are different people, so no run links them again."""
    a, b = sorted((first.pk, second.pk))
    candidate = LinkCandidate.objects.filter(person_a_id=a, person_b_id=b).first()
    now = timezone.now()
    if candidate is None:
        from approdo.linkage.models import LinkRun, RunKind

        run = LinkRun.objects.create(
            kind=RunKind.INCREMENTAL,
            started_at=now,
            finished_at=now,
            records=2,
            clusters=2,
            compared_pairs=0,
            linked_pairs=0,
            threshold=1.0,
            started_by=actor,
        )
        LinkCandidate.objects.create(
            person_a_id=a,
            person_b_id=b,
            probability=0.0,
            status=CandidateStatus.REJECTED,
            found_by=run,
            decided_by=actor,
            decided_at=now,
            note=note,
        )
        return
    LinkCandidate.objects.filter(pk=candidate.pk).update(
        status=CandidateStatus.REJECTED,
        decided_by=actor,
        decided_at=now,
        note=note,
        version=candidate.version + 1,
    )
