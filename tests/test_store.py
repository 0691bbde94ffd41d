"""The database: contract views, batch writes, skip/replace on re-run; on SQLite and PostgreSQL."""

from __future__ import annotations

import sqlite3

import pytest

from pipeline import store
from pipeline.errors import StoreError
from pipeline.records import Failure

CONTRACT_COLUMNS = {
    "documents": "id path sha256 url title published published_source status error ingested_at root full_path duplicate_of "
                 "published_start published_end",
    "deals": "event_id document_id path sentence start_char end_char supplier buyer quantity_low quantity_high value_low "
             "value_high currency per_unit value_usd_low value_usd_high date date_precision status rule "
             "contract_id systems value_usd_source value_shared zone date_start date_end system_named "
             "status_rule supplier_rule buyer_rule",
    "deal_systems": "event_id system named",
    "deal_mentions": "event_id document_id path sentence start_char end_char zone rule",
    "meetings": "event_id document_id path sentence start_char end_char date date_precision location location_country rule "
                "zone date_start date_end status",
    "meeting_participants": "event_id name title organization country person_id rule",
    "money_mentions": "document_id path text start_char end_char value_low value_high currency per_unit value_usd_low "
                      "value_usd_high rule",
    "date_mentions": "document_id path text start_char end_char value date_precision rule date_start date_end",
    "officials": "document_id path name title organization country start_char end_char rule person_id",
    "system_mentions": "document_id path system text start_char end_char rule",
    "country_mentions": "document_id path country text start_char end_char rule",
    "deal_groups": "group_id supplier buyer system quantity_low quantity_high value_low value_high currency value_usd_low "
                   "value_usd_high first_date last_date status sources designation category order_date delivery_years "
                   "comment comment_event_id value_shared framework",
    "deal_group_members": "group_id event_id document_id path date status",
    "meeting_groups": "group_id date date_precision first_date last_date location location_country countries participants "
                      "status sources",
    "meeting_group_members": "group_id event_id document_id path date status",
    "register": "group_id supplier recipient designation category number_ordered order_year delivery_years value currency "
                "value_usd sources comment status value_shared",
    "people": "person_id name titles organizations country first_date last_date documents spellings mentions meetings",
}

TEXT = ("Defense Minister Shin Won-sik met Polish Defense Minister Wladyslaw Kosiniak-Kamysz in Warsaw on Monday. "
        "Poland signed a $2.6 billion contract for 180 K2 tanks from South Korea.")


def test_every_contract_view_has_its_columns(engine):
    for view, columns in CONTRACT_COLUMNS.items():
        cols, _ = store.view_rows(engine, view)
        assert cols == columns.split(), view


def _result(analyse, text=TEXT, path="a.txt"):
    from dataclasses import replace

    r = analyse(text, published="2024-05-22")
    return replace(r, article=replace(r.article, path=path, root="/corpus", sha256="x" * 64))


def test_document_rows_reach_the_views(engine, analyse):
    store.save(engine, _result(analyse))
    _, deals = store.view_rows(engine, "deals")
    _, meetings = store.view_rows(engine, "meetings")
    _, offs = store.view_rows(engine, "officials")
    assert [(d[6], d[7], d[18]) for d in deals] == [("KOR", "POL", "signed")]
    assert len(meetings) == 1 and {o[2] for o in offs} == {"Shin Won-sik", "Wladyslaw Kosiniak-Kamysz"}
    cols, rows = store.view_rows(engine, "money_mentions")
    row = dict(zip(cols, rows[0]))
    assert row["path"] == "a.txt" and row["value_low"] == 2.6e9 and TEXT[row["start_char"]:row["end_char"]] == "$2.6 billion"


def test_rewriting_a_document_replaces_its_rows(engine, analyse):
    store.save(engine, _result(analyse))
    store.save(engine, _result(analyse, "Poland signed a $1 billion contract for 48 FA-50 jets from South Korea."))
    _, deals = store.view_rows(engine, "deals")
    _, meetings = store.view_rows(engine, "meetings")
    _, docs = store.view_rows(engine, "documents")
    assert len(deals) == 1 and deals[0][10] == 1e9 and meetings == [] and len(docs) == 1


def test_failure_removes_earlier_rows_and_keeps_the_reason(engine, analyse):
    store.save(engine, _result(analyse))
    store.save(engine, Failure("a.txt", "/corpus", None, "a.txt: permission denied"))
    _, docs = store.view_rows(engine, "documents")
    _, deals = store.view_rows(engine, "deals")
    assert [(d[7], d[8]) for d in docs] == [("failed", "a.txt: permission denied")] and deals == []


def test_a_file_that_is_not_a_database_is_a_store_error(tmp_path):
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="bad.db"):
        store.connect(str(bad), create=True)
    assert bad.read_bytes() == b"this is not sqlite" * 100


def test_missing_database_for_reading_is_a_store_error(tmp_path):
    with pytest.raises(StoreError, match="database not found"):
        store.connect(str(tmp_path / "none.db"), create=False)


def test_in_memory_url_works(analyse):
    e = store.connect("sqlite://", create=True)
    store.save(e, _result(analyse))
    assert len(store.view_rows(e, "deals")[1]) == 1


def test_views_are_plain_sqlite(tmp_path, analyse):
    engine = store.connect(str(tmp_path / "t.db"), create=True)
    store.save(engine, _result(analyse))
    engine.dispose()
    con = sqlite3.connect(tmp_path / "t.db")
    assert con.execute("SELECT system FROM deal_systems").fetchall() == [("K2 Black Panther",)]


def test_a_batch_is_written_whole_and_replaces_what_was_there(engine, analyse):
    first = _result(analyse, path="a.txt")
    second = _result(analyse, "Poland signed a $1 billion contract for 48 FA-50 jets from South Korea.", path="b.txt")
    store.save_batch(engine, [first, second, Failure("c.txt", "/corpus", "y" * 64, "c.txt: binary file")])
    _, docs = store.view_rows(engine, "documents")
    assert sorted((d[1], d[7]) for d in docs) == [("a.txt", "ok"), ("b.txt", "ok"), ("c.txt", "failed")]
    cols, deals = store.view_rows(engine, "deals")
    _, systems = store.view_rows(engine, "deal_systems")
    by_path = {d[2]: d for d in deals}
    assert set(by_path) == {"a.txt", "b.txt"}
    # each event keeps its own systems: ids handed back by the bulk insert are matched in order
    names = {e: s for e, s, _named in systems}
    assert names[by_path["a.txt"][0]] == "K2 Black Panther" and names[by_path["b.txt"][0]] == "FA-50"
    _, people = store.view_rows(engine, "meeting_participants")
    assert {p[1] for p in people} == {"Shin Won-sik", "Wladyslaw Kosiniak-Kamysz"}
    # again: a.txt unchanged, b.txt now failing, c.txt now read: rows replaced, never doubled
    third = _result(analyse, "Poland signed a $1 billion contract for 48 FA-50 jets from South Korea.", path="c.txt")
    store.save_batch(engine, [first, Failure("b.txt", "/corpus", "z" * 64, "b.txt: permission denied"), third])
    _, docs = store.view_rows(engine, "documents")
    _, deals = store.view_rows(engine, "deals")
    _, systems = store.view_rows(engine, "deal_systems")
    assert sorted((d[1], d[7]) for d in docs) == [("a.txt", "ok"), ("b.txt", "failed"), ("c.txt", "ok")]
    assert sorted(d[2] for d in deals) == ["a.txt", "c.txt"] and len(systems) == 2


def test_a_document_the_database_refuses_is_named_and_the_rest_of_its_batch_is_kept(engine, analyse):
    good = _result(analyse, path="a.txt")
    bad = Failure(None, "/corpus", None, "no path")  # ledger_documents.path is NOT NULL: not even storable as failed
    refused = store.save_batch(engine, [good, bad])
    assert [(r.stored, "the database refused it" in r.error) for r in refused] == [(False, True)]
    _, docs = store.view_rows(engine, "documents")
    assert [d[1] for d in docs] == ["a.txt"]
