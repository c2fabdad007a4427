"""Writing one checked row through the services every other page uses.

A row becomes a person (people.services.person_register, the duplicate check already done
by the dry run), their documents (document_add) and, when the import opens cases, a case at
the hub (cases.services.case_open) with the row's notes as a team-only case note. Each of
these services checks access and records its own audit event, so an imported record carries
the same trail as one typed in by hand.
"""

from __future__ import annotations

from dataclasses import dataclass

from approdo.accounts.models import User
from approdo.cases.models import Case, Sensitivity
from approdo.cases.services import case_open, note_add
from approdo.network.models import Node
from approdo.people.models import Person
from approdo.people.services import document_add, person_register
from approdo.registers.models import RegisterImport
from approdo.registers.validation import CheckedRow


@dataclass(frozen=True)
class Written:
    person: Person
    case: Case | None


def write_row(
    *, actor: User, node: Node, register_import: RegisterImport, row: CheckedRow
) -> Written:
    assert row.data is not None and not row.has_errors
    person = person_register(
        actor=actor,
        node=node,
        data=row.data,
        extras=row.extras,
        # The dry run (and the commit's own pass) checked the network and the file: the
        # import decided per row whether a likely duplicate is written or skipped.
        confirmed_distinct=True,
    )
    for document in row.documents:
        document_add(
            actor=actor,
            person=person,
            kind=document.kind,
            permit_type=document.permit_type,
            number=document.number,
            expires_on=document.expires_on,
        )
    case = None
    if register_import.open_cases:
        case = case_open(
            actor=actor,
            origin_node=node,
            access_channel=register_import.access_channel,
            person=person,
            internal_source=register_import.internal_source,
            external_body_kind=register_import.external_body_kind,
            external_body_name=register_import.external_body_name,
            opened_on=row.opened_on,
        )
        if row.note.strip():
            note_add(actor=actor, case=case, text=row.note, sensitivity=Sensitivity.TEAM)
    return Written(person=person, case=case)
