"""The linkage engine on small hand-made record sets, and the link_csv command."""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pytest
from django.core.management import CommandError, call_command

from approdo.linkage.engine.blocking import candidate_pairs
from approdo.linkage.engine.columns import Columns, compare_columns
from approdo.linkage.engine.compare import DATE, FAMILY, GIVEN, PASSPORT, compare
from approdo.linkage.engine.link import link_records
from approdo.linkage.engine.prepare import prepare, prepare_all
from approdo.linkage.engine.records import COLUMNS, Record, RecordError, read_csv, write_csv


def r(record_id: str, family: str, given: str, born: str = "", **more: str) -> Record:
    return Record(
        record_id=record_id, family_name=family, given_names=given, birth_date=born, **more
    )


PEOPLE = [
    # one person, three spellings, two hubs, a swapped name
    r("a1", "Ndiaye", "Ousmane", "1990-03-12", sex="M", nationality="SN", source_node="PUG-H01"),
    r("a2", "N'Diaye", "Usman", "1990-03-12", sex="M", nationality="SN", source_node="SIC-H02"),
    r("a3", "Ousmane", "Ndiaye", "1990-03-12", sex="M", nationality="SN"),
    # another person born the same day, another name
    r("b1", "Traoré", "Bakary", "1990-03-12", sex="M", nationality="ML"),
    # day and month swapped by an operator, same passport
    r("c1", "Hossain", "Mohammed Abdul", "1994-07-05", passport_number="BA1234567"),
    r("c2", "Hussain", "Mohamed Abdul", "1994-05-07", passport_number="BA1234567"),
    # one typed character wrong in the passport, names and year agree
    r("d1", "Diallo", "Mamadou", "1987-01-01", passport_number="A0456789X"),
    r("d2", "Jallow", "Mamadu", "1987-01-01", passport_number="A0456788X"),
    # a different, older Diallo (how common Diallo is, a file this small cannot tell)
    r("e1", "Diallo", "Alpha", "1962-01-01", birth_date_precision="year"),
]


def clusters_of(result_clusters: dict[str, str]) -> set[frozenset[str]]:
    groups: dict[str, set[str]] = {}
    for record_id, cluster in result_clusters.items():
        groups.setdefault(cluster, set()).add(record_id)
    return {frozenset(g) for g in groups.values()}


def test_variants_swaps_and_typed_documents_are_one_person_and_others_stay_apart() -> None:
    result = link_records(PEOPLE)
    assert clusters_of(result.clusters) == {
        frozenset({"a1", "a2", "a3"}),
        frozenset({"b1"}),
        frozenset({"c1", "c2"}),
        frozenset({"d1", "d2"}),
        frozenset({"e1"}),
    }
    # stable ids: a cluster is named after its smallest record id
    assert result.clusters["a3"] == "a1" and result.clusters["d2"] == "d1"


def test_comparison_levels_say_what_agrees() -> None:
    one, two = prepare(PEOPLE[0]), prepare(PEOPLE[2])  # swapped given and family names
    levels = compare(one, two)
    assert levels[FAMILY] == 1 and levels[GIVEN] == 1 and levels[DATE] == 1
    swapped_date = compare(prepare(PEOPLE[4]), prepare(PEOPLE[5]))
    assert swapped_date[DATE] == 3 and swapped_date[PASSPORT] == 1
    assert swapped_date[FAMILY] == 2  # Hossain/Hussain: a transliteration variant
    decade = compare(
        prepare(r("x", "Sow", "Awa", "1985-03-21")), prepare(r("y", "Sow", "Awa", "1995-03-21"))
    )
    assert decade[DATE] == 6  # one digit typed wrong
    typo = compare(prepare(PEOPLE[6]), prepare(PEOPLE[7]))
    assert typo[PASSPORT] == 2 and typo[DATE] == 2  # 1 January of unknown precision


def test_blocking_meets_a_one_character_document_typo_and_skips_huge_blocks() -> None:
    records = [
        r("x", "Rossi", "Mario", passport_number="YA7654321"),
        r("y", "Bianchi", "Luca", passport_number="YA7654312"),  # two characters swapped
    ]
    left, right = candidate_pairs(prepare_all(records))
    assert (left.tolist(), right.tolist()) == ([0], [1])
    crowd = [r(f"s{i}", "Singh", "", "1990-05-05") for i in range(30)]
    left, right = candidate_pairs(prepare_all(crowd), max_block=20)
    assert len(left) == 0
    left, _ = candidate_pairs(prepare_all(crowd), max_block=50)
    assert len(left) == 30 * 29 // 2


def test_unknown_precision_first_of_january_is_a_possible_placeholder() -> None:
    unknown = prepare(r("u", "Sow", "Aliou", "1985-01-01"))
    exact = prepare(r("v", "Sow", "Aliou", "1985-01-01", birth_date_precision="exact"))
    assert unknown.year_only and not exact.year_only
    assert prepare(r("w", "Sow", "Aliou", "not a date")).year == 0


def test_read_csv_refuses_what_it_cannot_read(tmp_path: Path) -> None:
    missing = tmp_path / "missing.csv"
    missing.write_text("id,family_name\n1,Rossi\n", encoding="utf-8")
    with pytest.raises(RecordError, match="record_id"):
        read_csv(missing)
    repeated = tmp_path / "repeated.csv"
    repeated.write_text("record_id,family_name\n1,Rossi\n1,Verdi\n", encoding="utf-8")
    with pytest.raises(RecordError, match="line 3"):
        read_csv(repeated)
    bom = tmp_path / "bom.csv"
    bom.write_text("\ufeffrecord_id,given_names,extra\n7,Awa,x\n", encoding="utf-8")
    assert read_csv(bom) == [Record(record_id="7", given_names="Awa")]


def test_link_csv_writes_every_record_once_and_touches_no_database(tmp_path: Path) -> None:
    source, out = tmp_path / "people.csv", tmp_path / "clusters.csv"
    write_csv(source, PEOPLE)
    with source.open(encoding="utf-8") as handle:
        assert next(csv.reader(handle)) == list(COLUMNS)
    call_command("link_csv", str(source), "--out", str(out))
    with out.open(encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == ["record_id", "cluster_id"]
    assert [row[0] for row in rows[1:]] == [p.record_id for p in PEOPLE]
    assert len({row[1] for row in rows[1:]}) == 5


def test_link_csv_errors_are_clear(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="File non trovato"):
        call_command("link_csv", str(tmp_path / "none.csv"), "--out", str(tmp_path / "o.csv"))
    bad = tmp_path / "bad.csv"
    bad.write_text("name\nx\n", encoding="utf-8")
    with pytest.raises(CommandError, match="record_id"):
        call_command("link_csv", str(bad), "--out", str(tmp_path / "o.csv"))
    with pytest.raises(CommandError, match="threshold"):
        call_command("link_csv", str(bad), "--out", str(tmp_path / "o.csv"), "--threshold", "1.5")


def test_an_empty_file_links_nothing(tmp_path: Path) -> None:
    empty = tmp_path / "empty.csv"
    empty.write_text("record_id\n", encoding="utf-8")
    result = link_records(read_csv(empty))
    assert result.clusters == {} and np.size(result.left) == 0


def test_the_columnar_comparison_gives_the_reference_levels_for_every_pair() -> None:
    more = [
        r("m1", "", "Mohamed Ali Ben Salah", "1980-02-01", birth_date_precision="month"),
        r("m2", "Ben Salah", "Mohamed", "1980-02-01", birth_date_precision="month"),
        r("m3", "Salah", "Mohammed", "1981-02-01", birth_date_precision="estimated"),
        r("m4", "Kaur", "Harpreet", "1979-12-31", sex="F", phone="+39 333 1234567"),
        r("m5", "Kaur", "Harprit", "1979-31-12", sex="female", phone="0039 3331234567"),
        r("m6", "Kour", "Harpreet", "", municipality="Rosarno", permit_number="FG0012345"),
        r("m7", "Kaur", "", "", municipality="rosarno ", permit_number="FG0012354"),
        r("m8", "Ceesay", "Lamin", "1985-03-21", birth_date_precision="exact"),
        r("m9", "Ceesay", "Lamin", "1995-03-21", birth_date_precision="exact"),
        r("m10", "Ceesay", "Lamin", "1985-08-21"),
    ]
    records = PEOPLE + more
    prepared = prepare_all(records)
    left, right = np.triu_indices(len(records), k=1)
    levels = compare_columns(Columns.of(prepared), left, right)
    expected = [compare(prepared[i], prepared[j]) for i, j in zip(left, right, strict=True)]
    assert levels.tolist() == [list(row) for row in expected]
