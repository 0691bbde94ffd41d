"""Contracts: the deal rows of one contract share a contract_id, and a value stated once for several rows
is marked shared, so that a sum by contract counts it once (on texts of our own; SQLite and PostgreSQL)."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest
from sqlalchemy import text

from pipeline import store
from pipeline.records import DateValue, Deal, Money, Sentence
from pipeline.stages.deals.contracts import assign_contracts

ONE_CONTRACT = "Egypt signed a $1 billion contract with Hanwha Aerospace on Monday for 20 K9 howitzers and 10 K10 vehicles."
TWO_CONTRACTS = ("Egypt signed a $1 billion contract with Hanwha Aerospace on Monday for 20 K9 howitzers.\n\n"
                 "Separately, Norway signed a $500 million contract for 30 K2 tanks on Tuesday.")
VALUE_AFTER = ("Poland signed a contract with Hanwha on Monday for 180 K2 tanks and 212 K9 howitzers. "
               "The deal is worth $6 billion.")
OWN_PRICES = ("Egypt signed contracts with Hanwha Aerospace on Monday worth $600 million for 20 K9 howitzers "
              "and $400 million for 10 K10 vehicles.")

# The README's sum of deal values by buyer: a shared value once per contract, every other value once per row,
# copies of a document (documents.duplicate_of) skipped.
DOLLARS_BY_BUYER = """
SELECT buyer, sum(value_usd_low) AS usd_low, count(DISTINCT contract_id) AS contracts
FROM (SELECT DISTINCT e.contract_id, CASE WHEN e.value_shared THEN NULL ELSE e.event_id END AS own_row,
                      e.buyer, e.value_usd_low
      FROM deals e JOIN documents d ON d.id = e.document_id
      WHERE d.duplicate_of IS NULL AND e.value_usd_low IS NOT NULL) AS priced
GROUP BY buyer ORDER BY buyer
"""


def _result(analyse, body: str, path: str = "a.txt", sha: str = "a"):
    r = analyse(body, published="2025-03-06")
    return replace(r, article=replace(r.article, path=path, root="/corpus", sha256=sha * 64))


def _deals(engine) -> list[dict]:
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT event_id, contract_id, value_shared, systems, value_usd_low, value_usd_source "
                                 "FROM deals ORDER BY systems")).mappings()
        return [dict(r) for r in rows]


def _by_buyer(engine) -> dict[str, tuple[float, int]]:
    with engine.connect() as conn:
        return {b: (float(usd), n) for b, usd, n in conn.execute(text(DOLLARS_BY_BUYER))}


def test_contracts_one_contract_for_two_systems_shares_id_and_value(engine, analyse):
    store.save(engine, _result(analyse, ONE_CONTRACT))
    rows = _deals(engine)
    assert [r["systems"] for r in rows] == ["K10", "K9 Thunder"]
    assert len({r["contract_id"] for r in rows}) == 1
    assert all(r["value_shared"] for r in rows) and {r["value_usd_low"] for r in rows} == {1e9}
    assert {r["value_usd_source"] for r in rows} == {"text"}
    assert _by_buyer(engine) == {"EGY": (1e9, 1)}  # once, not twice


def test_contracts_value_told_after_the_systems_is_shared(engine, analyse):
    store.save(engine, _result(analyse, VALUE_AFTER))
    rows = _deals(engine)
    assert len(rows) == 2 and len({r["contract_id"] for r in rows}) == 1 and all(r["value_shared"] for r in rows)
    assert _by_buyer(engine) == {"POL": (6e9, 1)}


def test_contracts_two_contracts_in_one_article_get_two_ids(engine, analyse):
    store.save(engine, _result(analyse, TWO_CONTRACTS))
    rows = _deals(engine)
    assert len(rows) == 2 and len({r["contract_id"] for r in rows}) == 2
    assert not any(r["value_shared"] for r in rows)
    assert all(r["contract_id"] != r["event_id"] for r in rows)
    assert _by_buyer(engine) == {"EGY": (1e9, 1), "NOR": (5e8, 1)}


def test_contracts_own_prices_of_one_contract_are_not_shared(engine, analyse):
    store.save(engine, _result(analyse, OWN_PRICES))
    rows = _deals(engine)
    assert len(rows) == 2 and len({r["contract_id"] for r in rows}) == 1 and not any(r["value_shared"] for r in rows)
    assert _by_buyer(engine) == {"EGY": (1e9, 1)}  # $600m + $400m, each counted once


def test_contracts_ids_stable_on_rerun(engine, analyse):
    store.save(engine, _result(analyse, ONE_CONTRACT + "\n\n" + TWO_CONTRACTS.split("\n\n")[1]))
    before = _deals(engine)
    store.save(engine, _result(analyse, ONE_CONTRACT + "\n\n" + TWO_CONTRACTS.split("\n\n")[1]))
    assert _deals(engine) == before
    assert len({r["contract_id"] for r in before}) == 2


def test_contracts_duplicate_document_counted_once(engine, analyse):
    store.save(engine, _result(analyse, ONE_CONTRACT, path="a.txt"))
    store.save(engine, _result(analyse, ONE_CONTRACT, path="copy/a.txt"))  # the same bytes again
    assert len(_deals(engine)) == 4
    assert _by_buyer(engine) == {"EGY": (1e9, 1)}


def test_contracts_columns_in_the_deals_view(engine):
    cols, _ = store.view_rows(engine, "deals")
    at = cols.index("contract_id")
    assert cols[at:at + 4] == ["contract_id", "systems", "value_usd_source", "value_shared"]


def test_contracts_schema_3_database_gains_the_columns(tmp_path, analyse):
    db = str(tmp_path / "old.db")
    e = store.connect(db, create=True)
    with e.begin() as conn:  # a database as schema 3 left it
        for name in store.VIEW_NAMES:
            conn.exec_driver_sql(f"DROP VIEW {name}")
        for column in ("contract_id", "value_shared", "systems"):
            conn.exec_driver_sql(f"ALTER TABLE ledger_deals DROP COLUMN {column}")
        conn.exec_driver_sql("UPDATE ledger_meta SET value = '3' WHERE key = 'views'")
    e.dispose()
    e = store.connect(db, create=True)
    store.save(e, _result(analyse, ONE_CONTRACT))
    assert _by_buyer(e) == {"EGY": (1e9, 1)}
    e.dispose()


# ---- the rule itself, on records ---------------------------------------------------------------


def _deal(system: str, *, buyer="EGY", contract=None, value_at=None, heading=False, per_unit=False) -> Deal:
    v = None
    if value_at is not None:
        amount = Decimal(10**9)
        v = Money(value_at, value_at + 5, "$1 bn", amount, amount, "USD", per_unit, amount, amount, "text", "t")
    return Deal(Sentence(0, 10, "s", 0, heading), "KOR", buyer, (system,), None, v, DateValue(None, None), "signed", "t",
                contract=contract)


def test_contracts_rows_of_no_clause_are_contracts_of_their_own():
    events = assign_contracts([_deal("K9"), _deal("K10")])
    assert [e.contract for e in events] == [0, 1] and not any(e.value_shared for e in events)


def test_contracts_one_amount_joins_one_buyers_rows_only():
    events = assign_contracts([_deal("K9", value_at=3), _deal("K10", value_at=3), _deal("K2", buyer="PER", value_at=3)])
    assert [e.contract for e in events] == [0, 0, 2] and [e.value_shared for e in events] == [True, True, False]


def test_contracts_price_per_unit_is_never_shared():
    events = assign_contracts([_deal("K9", contract=4, value_at=3, per_unit=True), _deal("K10", contract=4, value_at=3, per_unit=True)])
    assert [e.contract for e in events] == [0, 0] and not any(e.value_shared for e in events)


def test_contracts_headline_joins_no_contracts():
    k2 = replace(_deal("K2", contract=0), mentions=(_deal("K2", contract=0), _deal("K2", contract=9, heading=True)))
    k9 = replace(_deal("K9", contract=1), mentions=(_deal("K9", contract=1), _deal("K9", contract=9, heading=True)))
    assert [e.contract for e in assign_contracts([k2, k9])] == [0, 1]


def test_contracts_mention_of_another_year_joins_no_contracts():
    earlier = replace(_deal("K2", contract=0), date=DateValue("2022", "year"))
    k2 = replace(_deal("K2", contract=1), date=DateValue("2025-06", "month"), mentions=(
        replace(_deal("K2", contract=1), date=DateValue("2025-06", "month")), earlier))
    k9 = replace(_deal("K9", contract=0), date=DateValue("2022", "year"))
    assert [e.contract for e in assign_contracts([k2, k9])] == [0, 1]
