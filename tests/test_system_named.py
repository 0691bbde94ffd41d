"""deals.system_named and deal_systems.named: whether a deal names its system ("20 K2 tanks") or only
its kind ("four frigates", stored as the category "frigate"), on each backend, and a schema 7 database
brought up to date."""

from __future__ import annotations

from conftest import as_older_schema, as_read, view_dicts

MIXED = ("Peru signed a $1.2 billion deal with South Korea on Friday for four frigates and 20 K2 tanks, "
         "the defence ministry said.")
NONE_NAMED = "Hanwha Ocean will supply two submarines to the Philippine Navy under a contract signed on Monday."


def _store(engine, analyse, text: str, path: str = "a.txt"):
    from pipeline import store

    store.save(engine, as_read(analyse(text, published="2025-05-04"), path))


def test_system_named_tells_named_systems_from_kinds(engine, analyse):
    _store(engine, analyse, MIXED)
    _store(engine, analyse, NONE_NAMED, "b.txt")
    deals = {d["systems"]: d for d in view_dicts(engine, "deals")}
    assert deals["K2 Black Panther"]["system_named"] in (True, 1)
    assert deals["frigate"]["system_named"] in (False, 0)
    assert deals["submarine"]["system_named"] in (False, 0)
    named = {(s["system"], bool(s["named"])) for s in view_dicts(engine, "deal_systems")}
    assert named == {("K2 Black Panther", True), ("frigate", False), ("submarine", False)}


def test_system_named_on_a_schema_7_database(engine, analyse):
    from pipeline import store
    from pipeline.store.schema import deal_systems, deals

    _store(engine, analyse, MIXED)
    url = engine.url.render_as_string(hide_password=False)
    as_older_schema(engine, "7", {deals: ("system_named",), deal_systems: ("named",)})
    again = store.connect(url, create=True)
    try:
        # the columns are there, empty until the next run redoes the document (its fingerprint is emptied)
        assert {d["system_named"] for d in view_dicts(again, "deals")} == {None}
        assert {s["named"] for s in view_dicts(again, "deal_systems")} == {None}
        _store(again, analyse, MIXED)
        assert {d["systems"]: bool(d["system_named"]) for d in view_dicts(again, "deals")} == {
            "K2 Black Panther": True, "frigate": False}
    finally:
        again.dispose()
