"""Reads of imports, always scoped by the user through accounts.access.

An import is visible to the person-data roles whose person scope holds its node (it shows
people's data from the file); monitors get 403, everyone else 404. Importing (upload,
mapping, checks, commit) is for hub coordinators and case workers at that node or its hub:
they register people there every day. Others who can see an import get 403 on its actions.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext

from approdo.accounts import access
from approdo.accounts.models import User
from approdo.accounts.roles import Role
from approdo.audit.services import log_access
from approdo.network.models import Node
from approdo.people.models import Person
from approdo.people.selectors import visible_people_q
from approdo.registers.models import KEEPS_FILE, ImportedRow, ImportProblem, RegisterImport
from approdo.registers.reading import cell_text, data_rows

IMPORT_ROLES: frozenset[str] = frozenset({Role.HUB_COORDINATOR, Role.CASE_WORKER})
DETAIL_PURPOSE = "registers.import.detail"


def _reader_nodes(user: User) -> frozenset[int]:
    acc = access.access_for(user)
    if not acc.can_see_person_data:
        raise PermissionDenied
    return acc.person_node_ids


def import_node_ids(user: User) -> frozenset[int]:
    """Nodes where the user may import people: their hub or node and, for a hub, its spokes."""
    acc = access.access_for(user)
    own = {g.node_id for g in acc.grants if g.role in IMPORT_ROLES and g.node_id is not None}
    if not own:
        return frozenset()
    nodes = Node.objects.filter(Q(pk__in=own) | Q(parent_hub_id__in=own))
    return frozenset(nodes.values_list("pk", flat=True)) & acc.person_node_ids


def can_import(user: User) -> bool:
    return bool(import_node_ids(user))


def import_node_choices(*, user: User) -> QuerySet[Node]:
    return Node.objects.filter(pk__in=import_node_ids(user)).order_by("name")


def require_import_rights(user: User, node_id: int) -> None:
    """403 for monitors and roles that do not import, 404 for a node outside the user's scope."""
    access.require_person_access(user, node_id)
    if node_id not in import_node_ids(user):
        raise PermissionDenied


def _imports() -> QuerySet[RegisterImport]:
    # The file's bytes (up to 20 MB) are read only by the tasks, through import_content.
    return RegisterImport.objects.defer("content").select_related("node", "created_by")


def import_list(*, user: User, status: str = "") -> QuerySet[RegisterImport]:
    node_ids = _reader_nodes(user)
    imports = _imports().filter(node_id__in=node_ids)
    if status:
        imports = imports.filter(status=status)
    return imports.order_by("-created_at", "-pk")


def import_get(*, user: User, pk: int) -> RegisterImport:
    node_ids = _reader_nodes(user)
    found = _imports().filter(pk=pk).first()
    if found is None or found.node_id not in node_ids:
        raise Http404
    return found


def import_read(*, user: User, pk: int, purpose: str = DETAIL_PURPOSE) -> RegisterImport:
    """import_get for a page that shows the file's data: the read is logged (AccessLog)."""
    found = import_get(user=user, pk=pk)
    log_access(user=user, record=found, node_id=found.node_id, purpose=purpose)
    return found


def import_for_action(*, user: User, pk: int) -> RegisterImport:
    """An import the user may work on (404 outside their scope, 403 without import rights)."""
    found = import_get(user=user, pk=pk)
    require_import_rights(user, found.node_id)
    return found


def import_content(register_import: RegisterImport) -> bytes:
    raw = RegisterImport.objects.filter(pk=register_import.pk).values_list("content", flat=True)
    value = raw.first()
    return bytes(value) if value is not None else b""


def import_problems(
    register_import: RegisterImport, *, severity: str = ""
) -> QuerySet[ImportProblem]:
    problems = register_import.problems.all()
    if severity:
        problems = problems.filter(severity=severity)
    return problems.order_by("row_number", "pk")


def redact_problems(user: User, problems: Iterable[ImportProblem]) -> list[ImportProblem]:
    """Problems as `user` may read them: a likely duplicate the user cannot see is reported by
    its existence only. (The check named the people in the scope of whoever ran it, which can
    be wider than the reader's: a hub's coordinator checks, a spoke's operator reads.)"""
    rows = list(problems)
    ids = {p.person_id for p in rows if p.person_id is not None}
    if not ids:
        return rows
    node_ids = access.access_for(user).person_node_ids
    readable = set(
        Person.objects.filter(visible_people_q(user, node_ids), pk__in=ids).values_list(
            "pk", flat=True
        )
    )
    for problem in rows:
        if problem.person_id is not None and problem.person_id not in readable:
            problem.person_id = None
            problem.message = gettext(
                "probabilmente la persona è già registrata in un nodo fuori dal tuo ambito: "
                "chiedi prima di importarla."
            )
    return rows


def imported_rows(register_import: RegisterImport, *, outcome: str = "") -> QuerySet[ImportedRow]:
    rows = register_import.rows.select_related("person", "case")
    if outcome:
        rows = rows.filter(outcome=outcome)
    return rows.order_by("row_number")


def import_preview(register_import: RegisterImport, *, rows: int = 5) -> list[list[str]]:
    """The first data rows as the spreadsheet shows them, for the mapping page."""
    out: list[list[str]] = []
    if register_import.status not in KEEPS_FILE:
        return out
    width = len(register_import.headers)
    for row in data_rows(
        import_content(register_import),
        kind=register_import.file_kind,
        sheet=register_import.sheet_name,
        header_row=register_import.header_row,
        columns=width,
        encoding=register_import.csv_encoding,
        delimiter=register_import.csv_delimiter,
    ):
        texts = [cell_text(c) for c in row.cells]
        out.append([str(row.number), *texts, *[""] * (width - len(texts))])
        if len(out) >= rows:
            break
    return out
