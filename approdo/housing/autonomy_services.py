"""Writes of housing autonomy: rental searches, contracts, and the deposit paid from the
integration budget (through budget.services, which enforces the cap and the approval)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from approdo.accounts.models import User
from approdo.audit.services import record
from approdo.budget.models import Category, CommitmentStatus
from approdo.budget.services import commitment_request, money
from approdo.cases.models import Case
from approdo.cases.permissions import permissions_for
from approdo.core.concurrency import save_if_version
from approdo.housing.models import RentalContract, RentalSearch, SearchStatus
from approdo.plans.models import Goal


def _require_edit(actor: User, case: Case) -> None:
    if not permissions_for(actor, case).can_edit:
        raise PermissionDenied


def _rent(value: object, field: str) -> Decimal:
    try:
        return money(value)
    except ValidationError as exc:
        raise ValidationError({field: exc.messages}) from exc


@transaction.atomic
def search_create(
    *,
    actor: User,
    case: Case,
    area: str,
    max_rent: object,
    started_on: dt.date,
    notes: str = "",
) -> RentalSearch:
    """Start a search for a home to rent for the person of the case."""
    _require_edit(actor, case)
    if not area.strip():
        raise ValidationError({"area": _("Indica la zona.")})
    search = RentalSearch.objects.create(
        case=case,
        area=area.strip(),
        max_rent=_rent(max_rent, "max_rent"),
        started_on=started_on,
        notes=notes.strip(),
        created_by=actor,
    )
    record(actor=actor, action="housing.search.started", target=search, node_id=case.hub_id)
    return search


@transaction.atomic
def search_update(
    *,
    actor: User,
    search: RentalSearch,
    status: str,
    ended_on: dt.date | None,
    notes: str,
    expected_version: int,
) -> RentalSearch:
    """Record how the search went; a search that is over has an end date."""
    _require_edit(actor, search.case)
    if status not in SearchStatus.values:
        raise ValidationError({"status": _("Stato non valido.")})
    if status == SearchStatus.SEARCHING:
        ended_on = None
    elif ended_on is None:
        raise ValidationError({"ended_on": _("Indica quando si è conclusa la ricerca.")})
    elif ended_on < search.started_on:
        raise ValidationError({"ended_on": _("La ricerca non può finire prima di iniziare.")})
    before = search.status
    search.status = status
    search.ended_on = ended_on
    search.notes = notes.strip()
    save_if_version(
        search, expected_version=expected_version, fields=["status", "ended_on", "notes"]
    )
    record(
        actor=actor,
        action="housing.search.updated",
        target=search,
        changes={"status": (before, status)},
        node_id=search.case.hub_id,
    )
    return search


@transaction.atomic
def contract_create(
    *,
    actor: User,
    case: Case,
    address: str,
    landlord: str,
    starts_on: dt.date,
    monthly_rent: object,
    ends_on: dt.date | None = None,
    registered: bool = False,
    registered_on: dt.date | None = None,
    search: RentalSearch | None = None,
) -> RentalContract:
    """Record a lease the person signed (registration with the Agenzia delle Entrate dated)."""
    _require_edit(actor, case)
    errors: dict[str, str] = {}
    if not address.strip():
        errors["address"] = _("Indica l'indirizzo.")
    if not landlord.strip():
        errors["landlord"] = _("Indica il proprietario o la proprietaria.")
    if ends_on is not None and ends_on <= starts_on:
        errors["ends_on"] = _("La scadenza deve seguire la decorrenza.")
    if registered and registered_on is None:
        errors["registered_on"] = _("Indica la data di registrazione.")
    if search is not None and search.case_id != case.pk:
        errors["search"] = _("La ricerca è di un altro caso.")
    if errors:
        raise ValidationError(errors)
    contract = RentalContract.objects.create(
        case=case,
        search=search,
        address=address.strip(),
        landlord=landlord.strip(),
        starts_on=starts_on,
        ends_on=ends_on,
        monthly_rent=_rent(monthly_rent, "monthly_rent"),
        registered=registered,
        registered_on=registered_on if registered else None,
        created_by=actor,
    )
    record(
        actor=actor,
        action="housing.contract.recorded",
        target=contract,
        data={"monthly_rent": str(contract.monthly_rent), "registered": registered},
        node_id=case.hub_id,
    )
    return contract


@transaction.atomic
def deposit_request(
    *,
    actor: User,
    contract: RentalContract,
    goal: Goal,
    amount: object,
    expected_version: int,
    description: str = "",
) -> RentalContract:
    """Ask the integration budget for the contract's deposit. The budget's rules apply as
    they are (cap per person, coordinator's approval above the threshold); the contract is
    linked to the commitment, whose status the housing page shows."""
    case = contract.case
    _require_edit(actor, case)
    current = contract.deposit
    if current is not None and current.status in (
        CommitmentStatus.PENDING,
        CommitmentStatus.APPROVED,
    ):
        raise ValidationError(
            _("Il deposito di questo contratto è già stato chiesto al budget."),
            code="deposit_exists",
        )
    text = description.strip() or _("Deposito cauzionale: %(address)s") % {
        "address": contract.address
    }
    commitment = commitment_request(
        actor=actor,
        case=case,
        goal=goal,
        category=Category.HOUSING_DEPOSIT,
        amount=amount,
        description=text[:300],
    )
    contract.deposit = commitment
    save_if_version(contract, expected_version=expected_version, fields=["deposit"])
    record(
        actor=actor,
        action="housing.contract.deposit_requested",
        target=contract,
        data={"commitment": commitment.pk, "amount": str(commitment.amount)},
        node_id=case.hub_id,
    )
    return contract
