"""Deal and meeting groups across documents, the register and people, on a corpus of our own
(tests/groups: one deal told by five articles, two orders of one family, a lost bid and the winner, a
meeting told by three articles and a later one)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlalchemy import text

from pipeline import store
from pipeline.analyse import analyse
from pipeline.ingest import discover, read_article
from pipeline.run import run_corpus

CORPUS = Path(__file__).resolve().parent / "groups" / "corpus"


@pytest.fixture(scope="module")
def results(kit):
    """Every article of the corpus analysed once, by name."""
    sources = list(discover([str(CORPUS)]))
    found = analyse([read_article(s, rules=kit.rules) for s in sources], kit)
    return {Path(r.article.path).stem: r for r in found}


def _store(db: str, results, names=None, *, regroup: bool = True):
    engine = store.connect(db, create=True)
    for name in names or sorted(results):
        store.save_batch(engine, [results[name]])
    done = store.regroup(engine) if regroup else None
    return engine, done


def _rows(engine, sql: str) -> list[dict]:
    with engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(text(sql))]


def _deal_groups(engine) -> dict[tuple, dict]:
    return {(g["buyer"], g["supplier"], g["system"], g["order_date"] and g["order_date"][:4], g["status"]): g
            for g in _rows(engine, "SELECT * FROM deal_groups")}


def test_one_deal_told_by_five_articles_is_one_group_whose_status_moves_on(results, db_url):
    engine, _ = _store(db_url, results)
    groups = [g for g in _rows(engine, "SELECT * FROM deal_groups") if g["buyer"] == "ROU"]
    assert len(groups) == 1
    g = groups[0]
    assert (g["supplier"], g["system"], g["status"], g["sources"]) == ("KOR", "K9 Thunder", "delivered", 5)
    assert (g["quantity_low"], g["quantity_high"]) == (54, 54)  # the delivery of the first 18 is not the order
    assert (g["value_low"], g["currency"], g["order_date"]) == (940e6, "USD", "2024-07-09")
    assert g["first_date"] == "2023-06-14" and g["delivery_years"] == "2025"
    members = _rows(engine, f"SELECT * FROM deal_group_members WHERE group_id = {g['group_id']} ORDER BY date")
    assert [m["status"] for m in members] == ["planned", "negotiating", "signed", "signed", "delivered"]
    assert "$940 million" in g["comment"]  # the sentence that tells most of it: count, value, day


def test_two_orders_of_one_family_by_one_buyer_stay_two(results, db_url):
    engine, _ = _store(db_url, results)
    poland = {g["order_date"][:4]: g for g in _rows(engine, "SELECT * FROM deal_groups WHERE buyer = 'POL'")}
    assert sorted(poland) == ["2022", "2025"]
    assert poland["2022"]["sources"] == 2 and poland["2025"]["sources"] == 2  # each told twice
    assert poland["2025"]["designation"] == "K2PL" and poland["2022"]["designation"] == "K2 Black Panther"
    assert poland["2022"]["system"] == poland["2025"]["system"] == "K2 Black Panther"  # one family


def test_a_lost_bid_is_a_group_apart_from_the_deal_that_won(results, db_url):
    engine, _ = _store(db_url, results)
    norway = _rows(engine, "SELECT * FROM deal_groups WHERE buyer = 'NOR'")
    assert sorted((g["supplier"], g["status"], g["sources"]) for g in norway) == [("DEU", "signed", 2), ("KOR", "lost", 1)]
    register = _rows(engine, "SELECT * FROM register WHERE recipient = 'NOR'")
    assert [r["supplier"] for r in register] == ["DEU"]  # a lost bid is no transfer


def test_a_meeting_told_by_three_articles_is_one_and_a_later_one_stays_apart(results, db_url):
    engine, _ = _store(db_url, results)
    groups = sorted(_rows(engine, "SELECT * FROM meeting_groups"), key=lambda g: g["date"])
    assert [(g["date"], g["location_country"], g["sources"]) for g in groups] == [("2024-04-16", "FIN", 3),
                                                                                   ("2024-10-08", "SWE", 1)]
    assert groups[0]["countries"] == "FIN; SWE" and groups[0]["status"] == "held"
    members = _rows(engine, f"SELECT * FROM meeting_group_members WHERE group_id = {groups[0]['group_id']}")
    assert sorted(Path(m["path"]).stem for m in members) == ["meet_1_tuesday", "meet_2_fulldate", "meet_3_headline"]


def test_the_register_has_one_row_per_signed_or_delivered_group(results, db_url):
    engine, _ = _store(db_url, results)
    rows = {(r["recipient"], r["order_year"]): r for r in _rows(engine, "SELECT * FROM register")}
    assert sorted(rows) == [("NOR", "2023"), ("POL", "2022"), ("POL", "2025"), ("ROU", "2024")]
    k9 = rows[("ROU", "2024")]
    assert (k9["supplier"], k9["designation"], k9["category"], k9["number_ordered"]) == ("KOR", "K9 Thunder",
                                                                                         "self-propelled howitzer", 54)
    assert (k9["delivery_years"], k9["value_usd"], k9["sources"]) == ("2025", 940e6, 5)
    leopard = rows[("NOR", "2023")]
    assert (leopard["value"], leopard["currency"], leopard["value_usd"]) == (19.6e9, "NOK", 1.8e9)


def test_group_ids_are_the_same_in_any_order_and_in_another_database(results, tmp_path):
    first, _ = _store(str(tmp_path / "a.db"), results)
    backwards, _ = _store(str(tmp_path / "b.db"), results, sorted(results, reverse=True))
    for view in ("deal_groups", "meeting_groups", "people"):
        assert _rows(first, f"SELECT * FROM {view} ORDER BY 1") == _rows(backwards, f"SELECT * FROM {view} ORDER BY 1")
    assert (_rows(first, "SELECT group_id, event_id FROM deal_group_members ORDER BY 1, 2")
            == _rows(backwards, "SELECT group_id, event_id FROM deal_group_members ORDER BY 1, 2"))


def test_a_run_regroups_only_the_blocks_it_touched_and_an_unchanged_run_none(kit, tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    later = [p for p in corpus.iterdir() if p.name.startswith("leo_2")]
    held = tmp_path / "held"
    held.mkdir()
    for p in later:
        p.rename(held / p.name)
    db = str(tmp_path / "t.db")
    first = run_corpus([str(corpus)], db=db, progress=False)
    assert first.regrouped.deal_blocks == 3 and first.regrouped.meeting_blocks == 2  # NOR, POL, ROU; two months
    engine = store.connect(db, create=False)
    before = {g["group_id"]: g for g in _rows(engine, "SELECT * FROM deal_groups")}
    again = run_corpus([str(corpus)], db=db, progress=False)
    assert again.skipped == 13 and again.regrouped == store.Regrouped()
    assert {g["group_id"]: g for g in _rows(engine, "SELECT * FROM deal_groups")} == before
    for p in later:
        (held / p.name).rename(p)
    added = run_corpus([str(corpus)], db=db, progress=False)
    assert added.ok == 1 and (added.regrouped.deal_blocks, added.regrouped.meeting_blocks) == (1, 0)  # Norway alone
    assert "grouped again: the deals of 1 buyer(s) into 2 deal group(s)" in added.render()
    assert "grouped again" not in again.render()
    after = {g["group_id"]: g for g in _rows(engine, "SELECT * FROM deal_groups")}
    assert {k: v for k, v in after.items() if v["buyer"] != "NOR"} == {k: v for k, v in before.items() if v["buyer"] != "NOR"}
    leopard = next(g for g in after.values() if g["supplier"] == "DEU")
    assert leopard["group_id"] in before and leopard["sources"] == 2  # the id stays as a new report joins
    engine.dispose()


def test_removing_documents_regroups_what_they_were_part_of(results, tmp_path):
    engine, _ = _store(str(tmp_path / "t.db"), results)
    gone = [f"{CORPUS}/{name}.txt" for name in ("k9_4_retell", "k9_5_delivered")]
    assert store.remove_documents(engine, gone) == 2
    assert store.regroup(engine).deal_blocks == 1
    k9 = _rows(engine, "SELECT * FROM deal_groups WHERE buyer = 'ROU'")
    assert [(g["sources"], g["status"]) for g in k9] == [(3, "signed")]


def test_people_are_one_row_under_any_spelling(analyse, tmp_path):
    spelled = [analyse("Defense Acquisition Program Administration Minister Seok Jong-gun met Polish Deputy Defence "
                       "Minister Pawel Bejda in Seoul on Monday.", published="2025-03-04"),
               analyse("Defense Acquisition Program Administration Minister Seok Jong Gun visited Warsaw on Tuesday, "
                       "his office said.", published="2025-05-20")]
    engine = _grouped(spelled, tmp_path / "p.db", "p")
    seok = [p for p in _rows(engine, "SELECT * FROM people") if p["name"].startswith("Seok")]
    assert len(seok) == 1
    assert (seok[0]["documents"], seok[0]["first_date"], seok[0]["last_date"]) == (2, "2025-03-04", "2025-05-20")
    assert set(seok[0]["spellings"].split("; ")) == {"Seok Jong-gun", "Seok Jong Gun"}
    met = _rows(engine, f"SELECT * FROM meeting_participants WHERE person_id = {seok[0]['person_id']}")
    assert len(met) == 1 and seok[0]["meetings"] == 1


def _as_document(result, path: str):
    from dataclasses import replace

    return replace(result, article=replace(result.article, path=path, root="/tmp/own"))


def _grouped(told, db, prefix: str):
    """Analysed texts stored as documents PREFIX0.txt, PREFIX1.txt ... in a new database, then grouped."""
    engine = store.connect(str(db), create=True)
    store.save_batch(engine, [_as_document(r, f"{prefix}{i}.txt") for i, r in enumerate(told)])
    store.regroup(engine)
    return engine


def test_a_schema_6_database_gets_its_groups_with_the_next_run(tmp_path):
    from conftest import as_older_schema
    from pipeline.store.schema import (deal_group_members, deal_groups, deals, meeting_group_members, meeting_groups,
                                       meetings, officials, participants, people, touched)

    small = tmp_path / "corpus"
    small.mkdir()
    for p in CORPUS.glob("k9_3_signed*"):
        shutil.copy(p, small / p.name)
    db = str(tmp_path / "old.db")
    run_corpus([str(small)], db=db, progress=False)
    engine = store.connect(db, create=False)
    as_older_schema(engine, "6", {deals: ("families",), meetings: ("block",), officials: ("person_id",),
                                  participants: ("person_id", "rule")},
                    tables=(deal_group_members, deal_groups, meeting_group_members, meeting_groups, people, touched))
    again = run_corpus([str(small)], db=db, progress=False)
    assert again.ok == 1 and again.regrouped.deal_groups == 1  # the migration emptied fingerprints: redone, grouped
    engine = store.connect(db, create=False)
    assert [(g["buyer"], g["system"], g["sources"]) for g in _rows(engine, "SELECT * FROM deal_groups")] == [("ROU", "K9 Thunder", 1)]
    engine.dispose()


def test_groups_are_the_same_when_workers_analyse_the_documents(tmp_path):
    alone = run_corpus([str(CORPUS)], db=str(tmp_path / "one.db"), progress=False)
    two = run_corpus([str(CORPUS)], db=str(tmp_path / "two.db"), workers=2, progress=False)
    assert alone.regrouped == two.regrouped
    one, other = store.connect(str(tmp_path / "one.db"), create=False), store.connect(str(tmp_path / "two.db"), create=False)
    for view in ("deal_groups", "meeting_groups", "people"):
        assert _rows(one, f"SELECT * FROM {view} ORDER BY 1") == _rows(other, f"SELECT * FROM {view} ORDER BY 1")
    one.dispose()
    other.dispose()


def test_query_register_prints_the_register(results, tmp_path, capsys):
    from pipeline.cli import main

    db = str(tmp_path / "r.db")
    _store(db, results)[0].dispose()
    assert main(["query", "register", "--db", db, "--format", "csv"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("group_id,supplier,recipient,designation,category,number_ordered,order_year")
    assert sum(",ROU,K9 Thunder,self-propelled howitzer,54,2024,2025," in line for line in lines) == 1


def test_two_writers_racing_into_one_database_leave_the_groups_one_writer_makes(results, db_url, tmp_path):
    from concurrent.futures import ThreadPoolExecutor

    alone, _ = _store(str(tmp_path / "alone.db"), results)
    names = sorted(results)
    store.connect(db_url, create=True).dispose()

    def writer(part: list[str]) -> None:
        engine = store.connect(db_url, create=True)
        for name in part:
            store.save_batch(engine, [results[name]])
            store.regroup(engine)  # each writer regroups what it touched, as each run does
        engine.dispose()

    with ThreadPoolExecutor(2) as pool:
        list(pool.map(writer, [names[0::2], names[1::2]]))
    raced = store.connect(db_url, create=False)
    assert store.regroup(raced) == store.Regrouped()  # nothing left marked
    for view in ("deal_groups", "meeting_groups", "people"):
        assert _rows(raced, f"SELECT * FROM {view} ORDER BY 1") == _rows(alone, f"SELECT * FROM {view} ORDER BY 1")
    raced.dispose()


def test_a_holder_s_alias_is_one_person_with_the_holder(analyse, tmp_path):
    told = [analyse("US President Donald Trump met South Korean President Lee Jae Myung in Gyeongju on Wednesday.",
                    published="2025-10-29"),
            analyse("President Trump said on Friday that the United States would sell more jets to Saudi Arabia.",
                    published="2025-11-14")]
    assert told[1].mentions.officials[0].name == "Trump"  # the text's name stays in the officials view
    engine = _grouped(told, tmp_path / "a.db", "t")
    trump = [p for p in _rows(engine, "SELECT * FROM people") if "Trump" in p["name"]]
    assert len(trump) == 1 and trump[0]["documents"] == 2 and set(trump[0]["spellings"].split("; ")) == {"Donald Trump", "Trump"}
    engine.dispose()


def test_a_framework_agreement_is_a_group_but_no_row_of_the_register(analyse, tmp_path):
    told = [analyse("Poland signed a framework agreement with Hyundai Rotem on July 27, 2022 for up to 1,000 K2 tanks.",
                    published="2022-07-28"),
            analyse("Poland signed a $3.4 billion contract on August 26, 2022 for 180 K2 tanks from South Korea.",
                    published="2022-08-27")]
    engine = _grouped(told, tmp_path / "f.db", "f")
    groups = {g["quantity_high"]: g for g in _rows(engine, "SELECT * FROM deal_groups")}
    assert groups[1000]["framework"] and not groups[180]["framework"]
    assert [r["number_ordered"] for r in _rows(engine, "SELECT * FROM register")] == [180]
    engine.dispose()
