"""Reports of the integration budget: what is committed (pending and approved) and paid, per
region, hub, category and person, against the allocations.

The figures cover the viewer's places (monitoring.selectors.viewer_node_ids). A row about
fewer than five people is hidden, with its complements, for a viewer who does not read
people's records at that row's places (rule 4: aggregates never expose small cells); the
people rows list only the cases the viewer may read.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import DecimalField, Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce
from django.urls import reverse

from approdo.accounts.access import access_for
from approdo.accounts.models import User
from approdo.budget.models import (
    HOLDING,
    ZERO,
    Category,
    Commitment,
    CommitmentStatus,
    HubAllocation,
    RegionalBudget,
)
from approdo.cases.selectors import readable_case_ids
from approdo.monitoring.selectors import viewer_node_ids
from approdo.monitoring.suppression import breakdown_of, suppress
from approdo.network.models import Node, Region

MONEY = DecimalField(max_digits=14, decimal_places=2)  # type: ignore[var-annotated]


@dataclass
class Row:
    key: Any  # a region, hub or case id, or a category code
    label: str
    pending: Decimal = ZERO
    approved: Decimal = ZERO
    paid: Decimal = ZERO
    people: int = 0
    allocation: Decimal | None = None
    hidden: bool = False
    link: str = ""

    @property
    def committed(self) -> Decimal:
        return self.pending + self.approved

    @property
    def available(self) -> Decimal | None:
        return None if self.allocation is None else self.allocation - self.committed

    @property
    def used_percent(self) -> Decimal | None:
        if not self.allocation:
            return None
        return (self.committed * 100 / self.allocation).quantize(Decimal("0.1"))


@dataclass
class Report:
    regions: list[Row]
    hubs: list[Row]
    categories: list[Row]
    people: list[Row]
    total: Row
    small_cells_hidden: bool
    filters: dict[str, Any] = field(default_factory=dict)


def _scoped(user: User, region_id: int | None, hub_id: int | None) -> QuerySet[Commitment]:
    rows = Commitment.objects.filter(status__in=HOLDING)
    node_ids = viewer_node_ids(user)
    if node_ids is not None:
        rows = rows.filter(Q(case__hub_id__in=node_ids) | Q(case__origin_node_id__in=node_ids))
    if region_id:
        rows = rows.filter(region_id=region_id)
    if hub_id:
        rows = rows.filter(case__hub_id=hub_id)
    return rows


def _sums(rows: QuerySet[Commitment], *keys: str) -> list[dict[str, Any]]:
    """Pending, approved and paid amounts and distinct people, grouped by `keys`.

    Paid is summed per commitment first (a subquery would double the amounts of a commitment
    paid in two instalments if joined)."""
    paid = Commitment.objects.filter(pk__in=rows.values("pk")).annotate(
        p=Coalesce(Sum("payments__amount"), Value(ZERO), output_field=MONEY)
    )
    paid_by_pk = dict(paid.values_list("pk", "p"))
    grouped: dict[tuple[Any, ...], dict[str, Any]] = {}
    values = rows.values("pk", "person_id", "status", "amount", *keys)
    people: dict[tuple[Any, ...], set[int]] = {}
    for item in values:
        key = tuple(item[k] for k in keys)
        out = grouped.setdefault(key, {"pending": ZERO, "approved": ZERO, "paid": ZERO})
        out["pending" if item["status"] == CommitmentStatus.PENDING else "approved"] += item[
            "amount"
        ]
        out["paid"] += paid_by_pk.get(item["pk"], ZERO)
        people.setdefault(key, set()).add(item["person_id"])
    return [
        {**dict(zip(keys, key, strict=True)), **sums, "people": len(people[key])}
        for key, sums in grouped.items()
    ]


def _fill(row: Row, sums: dict[str, Any]) -> Row:
    row.pending, row.approved, row.paid = sums["pending"], sums["approved"], sums["paid"]
    row.people = sums["people"]
    return row


def _hide_small(rows: list[Row], total_people: int, open_keys: Iterable[Hashable]) -> None:
    """Suppress rows about fewer than five people, with complements, except rows the viewer
    reads in full (`open_keys`)."""
    open_set = set(open_keys)
    table = suppress(breakdown_of({row.key: row.people for row in rows}, total=total_people))
    for row in rows:
        if row.key not in open_set and ("cell", row.key, "n") in table.hidden:
            row.hidden = True


def budget_report(
    *,
    user: User,
    region_id: int | None = None,
    hub_id: int | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
) -> Report:
    """The budget report for the user's places, optionally for one region or hub and for the
    commitments made in a period."""
    rows = _scoped(user, region_id, hub_id)
    if date_from:
        rows = rows.filter(created_at__date__gte=date_from)
    if date_to:
        rows = rows.filter(created_at__date__lte=date_to)
    access = access_for(user)
    readable_hubs = access.person_node_ids

    region_names = dict(Region.objects.values_list("pk", "name"))
    allocations = dict(RegionalBudget.objects.values_list("region_id", "allocation"))
    regions = [
        _fill(Row(key=s["region_id"], label=region_names[s["region_id"]]), s)
        for s in _sums(rows, "region_id")
    ]
    for row in regions:
        row.allocation = allocations.get(row.key)

    hub_names = dict(Node.objects.filter(kind="hub").values_list("pk", "name"))
    hub_allocations = dict(HubAllocation.objects.values_list("hub_id", "amount"))
    hubs = [
        _fill(Row(key=s["case__hub_id"], label=hub_names.get(s["case__hub_id"], "")), s)
        for s in _sums(rows, "case__hub_id")
    ]
    for row in hubs:
        row.allocation = hub_allocations.get(row.key)

    labels = dict(Category.choices)
    categories = [
        _fill(Row(key=s["category"], label=str(labels.get(s["category"], s["category"]))), s)
        for s in _sums(rows, "category")
    ]
    total_sums = _sums(rows.annotate(all=Value(1)), "all")
    total = _fill(Row(key="total", label=""), total_sums[0]) if total_sums else Row("total", "")
    if region_id is None and hub_id is None:
        regional = [a for a in allocations.values() if a is not None]
        total.allocation = sum(regional, ZERO) if regional else None

    # Every hub in the report is read in full: nothing to hide.
    hub_ids = {row.key for row in hubs}
    whole = bool(hub_ids) and hub_ids <= readable_hubs
    if not whole:
        _hide_small(regions, total.people, open_keys=())
        _hide_small(hubs, total.people, open_keys=hub_ids & readable_hubs)
        _hide_small(categories, total.people, open_keys=())
        if 0 < total.people < 5:
            total.hidden = True

    return Report(
        regions=sorted(regions, key=lambda r: r.label),
        hubs=sorted(hubs, key=lambda r: r.label),
        categories=sorted(categories, key=lambda r: r.label),
        people=_people(user, rows),
        total=total,
        small_cells_hidden=not whole,
    )


def _people(user: User, rows: QuerySet[Commitment]) -> list[Row]:
    """One row per case the user may read: what its person holds and was paid."""
    if not access_for(user).can_see_person_data:
        return []
    case_ids = list(rows.values_list("case_id", flat=True).distinct()[:2000])
    readable = readable_case_ids(user=user, case_ids=case_ids)
    if not readable:
        return []
    sums = _sums(rows.filter(case_id__in=readable), "case_id")
    refs = dict(
        rows.filter(case_id__in=readable)
        .values_list("case_id", "case__reference")
        .distinct()
        .order_by()
    )
    out = [
        _fill(
            Row(
                key=s["case_id"],
                label=refs[s["case_id"]],
                link=reverse("budget:case", kwargs={"case_pk": s["case_id"]}),
            ),
            s,
        )
        for s in sums
    ]
    return sorted(out, key=lambda r: (-r.committed, r.label))


def write_csv(report: Report, out: Any) -> None:
    """The report in long form: one line per row of each table; hidden amounts left empty
    with `suppressed` set."""
    writer = csv.writer(out)
    writer.writerow(
        [
            "table",
            "key",
            "label",
            "people",
            "pending",
            "approved",
            "committed",
            "paid",
            "allocation",
            "available",
            "suppressed",
        ]
    )
    tables = [
        ("region", report.regions),
        ("hub", report.hubs),
        ("category", report.categories),
        ("case", report.people),
        ("total", [report.total]),
    ]
    for name, rows in tables:
        for row in rows:
            if row.hidden:
                writer.writerow([name, row.key, row.label, "", "", "", "", "", "", "", "1"])
                continue
            writer.writerow(
                [
                    name,
                    row.key,
                    row.label,
                    row.people,
                    row.pending,
                    row.approved,
                    row.committed,
                    row.paid,
                    _blank(row.allocation),
                    _blank(row.available),
                    "0",
                ]
            )


def _blank(value: Decimal | None) -> str:
    return "" if value is None else str(value)
