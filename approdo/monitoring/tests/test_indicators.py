"""Every indicator's value on a network whose figures are known (world.py)."""

from __future__ import annotations

from typing import Any

import pytest

from approdo.monitoring.compute import Dashboard, compute
from approdo.monitoring.frame import Context, Filters
from approdo.monitoring.tests.world import END, START, World, make_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world() -> World:
    return make_world()


def board(world: World, hide: bool = False, **filters: Any) -> Dashboard:
    ctx = Context(filters=Filters(date_from=START, date_to=END, **filters))
    return compute(ctx, hide_small=hide)


def value(dashboard: Dashboard, code: str) -> Any:
    result = dashboard.result(code)
    assert result is not None
    return result.value


def rows(dashboard: Dashboard, code: str, tally: str) -> dict[str, Any]:
    result = dashboard.result(code)
    assert result is not None
    found = next(t for t in result.tallies if t.code == tally)
    return {label: v for _key, label, v in found.rows if v != 0} | {"total": found.total}


def test_a_person_with_cases_at_three_hubs_is_counted_once(world: World):
    d = board(world)
    # Amadou (three records, one cluster, three hubs) + six men + two women.
    assert value(d, "people_taken_in_charge") == 9
    # In each region he was taken in charge in, once in the total.
    assert rows(d, "people_taken_in_charge", "region") == {"Puglia": 9, "Sicilia": 1, "total": 9}


def test_realisation_breakdowns(world: World):
    d = board(world)
    assert rows(d, "people_taken_in_charge", "sex") == {"Maschio": 7, "Femmina": 2, "total": 9}
    assert rows(d, "people_taken_in_charge", "age") == {
        "18–29 anni": 6,
        "30–54 anni": 3,
        "total": 9,
    }
    assert rows(d, "people_taken_in_charge", "channel") == {
        "Accesso diretto": 7,
        "Rete esterna": 2,
        "total": 9,
    }
    months = rows(d, "people_taken_in_charge", "month")
    assert months == {
        "2025-01": 6,
        "2025-02": 1,
        "2025-03": 1,
        "2025-04": 1,
        "2025-05": 2,
        "total": 9,
    }


def test_people_supported_include_every_open_case_and_never_the_anonymous(world: World):
    d = board(world)
    # 9 taken in charge, the one taken in charge before and still open, the first contact.
    assert value(d, "people_supported") == 11
    # Anonymous headcounts are their own figure: 2 sessions × (men + 3 women).
    assert value(d, "outreach_headcount") == 30 + 3 + 12 + 3
    assert rows(d, "outreach_headcount", "sex") == {"Uomini": 42, "Donne": 6, "total": 48}


def test_person_filters_narrow_every_people_count(world: World):
    women = board(world, sex="female")
    assert value(women, "people_taken_in_charge") == 2
    assert value(women, "people_supported") == 2
    young = board(world, age_band="18_29")
    assert value(young, "people_taken_in_charge") == 6
    senegal = board(world, nationality="SN")
    assert value(senegal, "people_taken_in_charge") == 1
    external = board(world, access_channel="external")
    assert value(external, "people_taken_in_charge") == 2


def test_place_filters(world: World):
    assert value(board(world, region=world.sicilia.pk), "people_taken_in_charge") == 1
    # A hub covers its spokes: the two men met by the mobile unit are Foggia's too.
    assert value(board(world, node=world.foggia.pk), "people_taken_in_charge") == 7
    assert value(board(world, node=world.spoke.pk), "people_taken_in_charge") == 2


def test_fse_participant_breakdowns(world: World):
    d = board(world)
    assert rows(d, "fse_participants", "gender") == {"donne": 2, "uomini": 7, "total": 9}
    assert rows(d, "fse_participants", "education") == {
        "ISCED 0–2": 6,
        "ISCED 5–8": 2,
        "non noto": 1,
        "total": 9,
    }
    assert rows(d, "fse_participants", "homeless") == {"sì": 1, "no": 2, "non noto": 6, "total": 9}
    # Met first at rural Foggia: Amadou (one of his cases) and four of the men; the other
    # two were met by the (periurban) mobile unit.
    assert rows(d, "fse_participants", "rural") == {"sì": 5, "no": 5, "total": 9}


def test_fami_outputs_count_people_with_services_of_the_mapped_types(world: World):
    d = board(world)
    assert value(d, "fami_outputs") == 3
    assert rows(d, "fami_outputs", "output") == {
        "Corso di lingua italiana": 1,
        "Consulenza personalizzata": 2,
        "total": 3,
    }


def test_activity_indicators(world: World):
    d = board(world)
    # Open in the period: 3 + 6 + 2 + the one from before + the first contact.
    assert value(d, "cases_by_stage") == 13
    assert rows(d, "cases_by_stage", "stage") == {
        "Primo contatto": 1,
        "Presa in carico": 6,
        "PAI attivo": 6,
        "total": 13,
    }
    assert value(d, "services_delivered") == 4  # the cancelled one and the older one do not
    assert rows(d, "services_delivered", "month") == {
        "2025-02": 1,
        "2025-03": 1,
        "2025-05": 2,
        "total": 4,
    }
    assert value(d, "people_screened") == 3  # Amadou's two screenings are one person
    assert value(d, "exploitation_indicators_observed") == 3
    assert value(d, "referrals") == 3
    referrals = rows(d, "referrals", "status")
    assert referrals["Accettato"] == 1 and referrals["Rifiutato"] == 1
    assert referrals["di cui in attesa oltre la scadenza"] == 1
    assert "Tempo mediano di accettazione: 3 giorni." in (d.result("referrals").note or "")
    assert value(d, "transfers_between_regions") == 1
    assert value(d, "helpdesk_contacts") == 3
    assert rows(d, "helpdesk_contacts", "channel") == {"Numero verde": 2, "WhatsApp": 1, "total": 3}
    assert value(d, "outreach_sessions") == 2
    # Two approved plans; one's review fell on 1 May and was not held by the end of June.
    assert value(d, "plans_active") == 2
    assert rows(d, "plans_active", "review") == {
        "verifica nei tempi": 1,
        "verifica scaduta": 1,
        "total": 2,
    }


def test_progress_against_regional_targets_with_projection(world: World):
    progress = board(world).progress
    by_name = {r.name: r for r in progress.regions}
    # Since the programme began (2023): Puglia the 9 and the case closed in 2024; Sicilia
    # Amadou and the one from 2024.
    assert (by_name["Puglia"].target, by_name["Puglia"].achieved) == (100, 10)
    assert (by_name["Sicilia"].target, by_name["Sicilia"].achieved) == (50, 2)
    assert progress.total is not None
    assert (progress.total.target, progress.total.achieved) == (150, 11)  # Amadou once
    # 912 days of 1826 gone by at the end of June 2025: the pace doubles the count.
    assert by_name["Puglia"].projected == 20
    assert by_name["Puglia"].percent == 10.0


def test_small_cells_are_hidden_with_their_complements_outside_the_hub(world: World):
    d = board(world, hide=True)
    regions = rows(d, "people_taken_in_charge", "region")
    # Sicilia's 1 is hidden, and Puglia's 9 with it (9 = total − Sicilia).
    assert regions == {"Puglia": None, "Sicilia": None, "total": 9}
    assert rows(d, "fse_participants", "gender") == {"donne": None, "uomini": None, "total": 9}
    # Counts of events are not people: they stay as they are.
    assert value(d, "helpdesk_contacts") == 3
    assert rows(d, "helpdesk_contacts", "channel")["WhatsApp"] == 1
    # A headline under 5 people is hidden too.
    assert value(board(world, hide=True, region=world.sicilia.pk), "people_taken_in_charge") is None
    progress = {r.name: r.achieved for r in d.progress.regions}
    assert progress == {"Puglia": None, "Sicilia": None}  # Sicilia's 2, Puglia by complement
    assert d.progress.total is not None and d.progress.total.achieved == 11
