"""What every indicator is computed over: the filters, the viewer's places, and the cases.

`Filters` are what a dashboard asks (period, region, node, managing body, access channel,
nationality, sex, age band); `Context` adds the nodes the viewer may see aggregates of and
offers the filtered base querysets and the counting helpers that indicators share, so each
indicator is a few lines that say what it counts.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import asdict, dataclass, field
from functools import cached_property
from operator import itemgetter
from typing import Any

from django.db.models import Count, F, Q, QuerySet, Sum
from django.utils.translation import gettext_lazy as _

from approdo.cases.models import Case
from approdo.linkage.selectors import person_key
from approdo.monitoring.registry import Tally
from approdo.network.models import Node

AGE_BANDS: tuple[tuple[str, Any, int, int | None], ...] = (
    # code, label, lowest age, highest age (included)
    ("under_18", _("meno di 18 anni"), 0, 17),
    ("18_29", _("18–29 anni"), 18, 29),
    ("30_54", _("30–54 anni"), 30, 54),
    ("55_plus", _("55 anni e più"), 55, None),
)
AGE_UNKNOWN = ("unknown", _("età non nota"))


def _years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def age_band_q(band: str, on: dt.date, prefix: str = "person__") -> Q:
    """People whose age on `on` falls in the band (birth dates compared, no SQL date maths)."""
    if band == AGE_UNKNOWN[0]:
        return Q(**{f"{prefix}birth_date__isnull": True})
    for code, _label, low, high in AGE_BANDS:
        if code == band:
            q = Q(**{f"{prefix}birth_date__lte": _years_before(on, low)})
            if high is not None:
                born_after = _years_before(on, high + 1)
                q &= Q(**{f"{prefix}birth_date__gt": born_after})
            return q
    raise ValueError(band)


@dataclass(frozen=True)
class Filters:
    date_from: dt.date
    date_to: dt.date
    region: int | None = None
    node: int | None = None
    managing_body: int | None = None
    access_channel: str = ""
    nationality: str = ""
    sex: str = ""
    age_band: str = ""

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["date_from"] = self.date_from.isoformat()
        data["date_to"] = self.date_to.isoformat()
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Filters:
        values = dict(data)
        values["date_from"] = dt.date.fromisoformat(values["date_from"])
        values["date_to"] = dt.date.fromisoformat(values["date_to"])
        return cls(**values)

    @property
    def person_filtered(self) -> bool:
        return bool(self.nationality or self.sex or self.age_band)


@dataclass
class Context:
    """Filters plus the viewer's places. `node_ids` None means the whole network."""

    filters: Filters
    node_ids: frozenset[int] | None = None
    today: dt.date = field(default_factory=dt.date.today)
    # Rows fetched once and shared by the indicators of one computation (see PeopleRows).
    cache: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    def shared(self, key: str, make: Callable[[], Any]) -> Any:
        if key not in self.cache:
            self.cache[key] = make()
        return self.cache[key]

    @property
    def start(self) -> dt.date:
        return self.filters.date_from

    @property
    def end(self) -> dt.date:
        return self.filters.date_to

    # --- places -------------------------------------------------------------------------
    @cached_property
    def nodes(self) -> frozenset[int] | None:
        """The nodes the figures cover: the viewer's places narrowed by the filters."""
        f = self.filters
        if f.region is None and f.node is None and f.managing_body is None:
            return self.node_ids
        q = Q()
        if f.region is not None:
            q &= Q(region_id=f.region)
        if f.node is not None:
            q &= Q(pk=f.node) | Q(parent_hub_id=f.node)
        if f.managing_body is not None:
            q &= Q(managing_bodies=f.managing_body)
        chosen = frozenset(Node.objects.filter(q).values_list("pk", flat=True).distinct())
        return chosen if self.node_ids is None else chosen & self.node_ids

    def region_ids(self) -> frozenset[int] | None:
        """The regions of the covered nodes (None: all)."""
        if self.nodes is None:
            return None
        return frozenset(
            Node.objects.filter(pk__in=self.nodes).values_list("region_id", flat=True).distinct()
        )

    def in_nodes(self, path: str) -> Q:
        """Rows whose node (at `path`) is among the covered nodes."""
        return Q() if self.nodes is None else Q(**{f"{path}__in": self.nodes})

    # --- people -------------------------------------------------------------------------
    def person_q(self, prefix: str = "person__") -> Q:
        f = self.filters
        q = Q()
        if f.nationality:
            q &= Q(**{f"{prefix}nationality": f.nationality})
        if f.sex:
            q &= Q(**{f"{prefix}sex": f.sex})
        if f.age_band:
            q &= age_band_q(f.age_band, self.end, prefix)
        return q

    def cases(self) -> QuerySet[Case]:
        """Cases at the covered hubs (or met at a covered spoke), filtered by channel and
        person; the period is each indicator's own rule."""
        q = self.person_q()
        if self.nodes is not None:
            q &= Q(hub_id__in=self.nodes) | Q(origin_node_id__in=self.nodes)
        if self.filters.access_channel:
            q &= Q(access_channel=self.filters.access_channel)
        return Case.objects.filter(q)

    def case_q(self, prefix: str = "case__") -> Q:
        """The same cases seen from a row that points at one (a service, a screening)."""
        f = self.filters
        q = self.person_q(f"{prefix}person__")
        if self.nodes is not None:
            q &= Q(**{f"{prefix}hub_id__in": self.nodes}) | Q(
                **{f"{prefix}origin_node_id__in": self.nodes}
            )
        if f.access_channel:
            q &= Q(**{f"{prefix}access_channel": f.access_channel})
        return q

    def in_period(self, path: str) -> Q:
        return Q(**{f"{path}__gte": self.start, f"{path}__lte": self.end})


class PeopleRows:
    """Records fetched once, each with the distinct person it belongs to, counted in Python.

    One read of the rows gives the total and every breakdown (a person counted once per
    category and once in the total), where one grouped query per breakdown would read the same
    joins again each time."""

    def __init__(
        self,
        rows: QuerySet[Any] | None,
        fields: Mapping[str, str],
        person_path: str = "person__",
        fetched: list[tuple[Any, ...]] | None = None,
        distinct: bool = False,
    ) -> None:
        self.columns = list(fields)
        if fetched is not None:
            self.rows = fetched
        else:
            assert rows is not None
            query = rows.annotate(who=person_key(person_path)).values_list("who", *fields.values())
            if distinct:  # many rows per person and category (services): the database dedupes
                query = query.order_by().distinct()
            self.rows = list(query.iterator(chunk_size=50_000))

    def column(self, name: str) -> Callable[[tuple[Any, ...]], Any]:
        return itemgetter(self.columns.index(name) + 1)

    def subset(self, keep: Callable[[tuple[Any, ...]], bool]) -> PeopleRows:
        fields = dict.fromkeys(self.columns, "")
        return PeopleRows(None, fields, fetched=[row for row in self.rows if keep(row)])

    @cached_property
    def total(self) -> int:
        return len({row[0] for row in self.rows})

    def counts(self, key: str | Callable[[tuple[Any, ...]], Any]) -> dict[Any, int]:
        category = self.column(key) if isinstance(key, str) else key
        groups: defaultdict[Any, set[Any]] = defaultdict(set)
        for row in self.rows:
            groups[category(row)].add(row[0])
        return {name: len(people) for name, people in groups.items()}

    def tally(
        self,
        key: str | Callable[[tuple[Any, ...]], Any],
        labels: Mapping[Any, Any],
        *,
        code: str,
        title: Any,
        chart: str = "bar",
    ) -> Tally:
        return tally(
            self.counts(key), labels, code=code, title=title, total=self.total, chart=chart
        )


class Groups:
    """Counts of records for every combination of a few categories, in one grouped query;
    each breakdown is then a sum over the combinations (records, not people, add up)."""

    def __init__(self, rows: QuerySet[Any], fields: Mapping[str, Any]) -> None:
        """`fields`: name -> a field path or an expression (e.g. TruncMonth("date"))."""
        self.columns = list(fields)
        aliases = {f"g_{name}": F(v) if isinstance(v, str) else v for name, v in fields.items()}
        query = rows.order_by().annotate(**aliases).values(*aliases).annotate(n=Count("pk"))
        self.rows = [(*(row[a] for a in aliases), row["n"]) for row in query]

    @property
    def total(self) -> int:
        return sum(row[-1] for row in self.rows)

    def tally(self, column: str, labels: Mapping[Any, Any], *, code: str, title: Any) -> Tally:
        index = self.columns.index(column)
        counts: defaultdict[Any, int] = defaultdict(int)
        for row in self.rows:
            counts[row[index]] += row[-1]
        return tally(counts, labels, code=code, title=title)


def records_by(
    rows: QuerySet[Any], category: str, labels: Mapping[Any, Any], *, code: str, title: Any
) -> Tally:
    counted = rows.values(category).annotate(n=Count("pk")).values_list(category, "n")
    return tally(dict(counted), labels, code=code, title=title)


def sums_by(
    rows: QuerySet[Any],
    category: str,
    amount: str,
    labels: Mapping[Any, Any],
    *,
    code: str,
    title: Any,
) -> Tally:
    """A quantity added up per category (anonymous headcounts, people reached at events)."""
    summed = rows.values(category).annotate(n=Sum(amount)).values_list(category, "n")
    return tally({key: n or 0 for key, n in summed}, labels, code=code, title=title)


def tally(
    counts: Mapping[Any, int],
    labels: Mapping[Any, Any],
    *,
    code: str,
    title: Any,
    total: int | None = None,
    chart: str = "bar",
    keep_empty: bool = True,
) -> Tally:
    """Rows in the labels' order (zeros kept, so a table's shape never depends on the data);
    keys with no label come after, labelled by themselves."""
    rows: list[tuple[str, str, int]] = []
    for key, label in labels.items():
        value = int(counts.get(key, 0))
        if value or keep_empty:
            rows.append((str(key), str(label), value))
    known = {str(k) for k in labels}
    for key, value in sorted(counts.items(), key=lambda kv: str(kv[0])):
        if str(key) not in known and value:
            rows.append(
                (
                    str(key),
                    str(key) if key not in (None, "") else str(_("non indicato")),
                    int(value),
                )
            )
    return Tally(code=code, title=str(title), rows=rows, total=total, chart=chart)


def months(start: dt.date, end: dt.date) -> list[dt.date]:
    """First days of the months from start's to end's."""
    out = []
    day = start.replace(day=1)
    while day <= end:
        out.append(day)
        day = (day + dt.timedelta(days=32)).replace(day=1)
    return out


def label_map(choices: Iterable[tuple[Any, Any]]) -> dict[Any, Any]:
    return dict(choices)
