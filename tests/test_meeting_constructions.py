"""Meetings as articles tell them: one official meeting several others, hosts, signings, calls, planned
meetings (on sentences of our own)."""

from __future__ import annotations

import sqlite3
from dataclasses import replace

from pipeline import store
from pipeline.records import Meeting


def _pairs(meetings) -> list[tuple[str, ...]]:
    return sorted(tuple(sorted(p.name for p in m.participants if p.name)) for m in meetings)


def _one(r) -> Meeting:
    (m,) = r.meetings
    return m


def test_meeting_constructions_met_separately_is_one_meeting_per_pair(analyse):
    r = analyse("Defence Minister Tomas Berg met separately with Finnish Defence Minister Anna Lehto, Estonian "
                "Defence Minister Mart Kask and Latvian Defence Minister Ivo Ozols on Tuesday.", published="2024-06-13")
    assert _pairs(r.meetings) == [("Anna Lehto", "Tomas Berg"), ("Ivo Ozols", "Tomas Berg"), ("Mart Kask", "Tomas Berg")]
    assert {m.date.value for m in r.meetings} == {"2024-06-11"}


def test_meeting_constructions_two_clauses_are_two_meetings_each_with_its_date(analyse):
    r = analyse("Prime Minister Carla Moreau was welcomed by Japanese Prime Minister Kenji Sato on Monday, and "
                "held talks with Foreign Minister Yui Tanaka on Wednesday.", published="2024-06-13")
    dates = {tuple(sorted(p.name for p in m.participants)): m.date.value for m in r.meetings}
    assert dates == {("Carla Moreau", "Kenji Sato"): "2024-06-10", ("Carla Moreau", "Yui Tanaka"): "2024-06-12"}


def test_meeting_constructions_a_meeting_of_three_stays_one(analyse):
    r = analyse("Defence Minister Tomas Berg met Finnish Defence Minister Anna Lehto and Estonian Defence Minister "
                "Mart Kask in Helsinki on Tuesday.", published="2024-06-13")
    assert _pairs(r.meetings) == [("Anna Lehto", "Mart Kask", "Tomas Berg")]


def test_meeting_constructions_each_clause_subject_meets_its_own_partner(analyse):
    r = analyse("Defence Minister Tomas Berg held talks with Finnish Defence Minister Anna Lehto, while President "
                "Ilse Vogel met Finnish President Sauli Kallio.", published="2024-06-13")
    assert _pairs(r.meetings) == [("Anna Lehto", "Tomas Berg"), ("Ilse Vogel", "Sauli Kallio")]


def test_meeting_constructions_a_host_without_a_place_hosts_in_their_country(analyse):
    m = _one(analyse("Turkish Defence Minister Kemal Aydin hosted Pakistani Defence Minister Imran Qureshi on Monday.",
                     published="2024-06-13"))
    assert (m.location, m.location_country) == (None, "TUR")
    m = _one(analyse("Pakistani Defence Minister Imran Qureshi was welcomed by Turkish Defence Minister Kemal Aydin.",
                     published="2024-06-13"))
    assert m.location_country == "TUR"


def test_meeting_constructions_a_stated_place_beats_the_host(analyse):
    m = _one(analyse("Turkish Defence Minister Kemal Aydin hosted his Pakistani counterpart Imran Qureshi in Islamabad.",
                     published="2024-06-13"))
    assert (m.location, m.location_country) == ("Islamabad", "PAK")


def test_meeting_constructions_an_envoy_to_a_country_is_an_official(analyse):
    r = analyse("Norwegian Ambassador to Poland Ingrid Dahl met Polish Defence Minister Marek Nowak in Warsaw on "
                "Tuesday to discuss the planned purchase of several coastal defence missile systems for the navy.", published="2024-06-13")
    assert [(o.name, o.title) for o in r.mentions.officials][:1] == [("Ingrid Dahl", "Ambassador")]
    assert _pairs(r.meetings) == [("Ingrid Dahl", "Marek Nowak")]


def test_meeting_constructions_long_titles_after_the_names_keep_no_full_stop(analyse):
    r = analyse("The agreement was signed by Tomas Berg, Secretary of State for Defence, and Anna Lehto, "
                "Deputy Minister for Defence Industry Cooperation.", published="2024-06-13")
    assert [(o.name, o.title) for o in r.mentions.officials] == [
        ("Tomas Berg", "Secretary of State for Defence"), ("Anna Lehto", "Deputy Minister for Defence Industry Cooperation")]
    assert _pairs(r.meetings) == [("Anna Lehto", "Tomas Berg")]


def test_meeting_constructions_two_sides_at_a_signing_meet(analyse):
    r = analyse("Norwegian Ambassador to Poland Ingrid Dahl and Polish Defence Minister Marek Nowak at the signing "
                "of the letter of offer and acceptance for the new coastal defence missile systems.", published="2024-06-13")
    assert _pairs(r.meetings) == [("Ingrid Dahl", "Marek Nowak")]


def test_meeting_constructions_one_side_at_a_signing_is_no_meeting(analyse):
    r = analyse("Polish Prime Minister Jan Wrona and Polish Defence Minister Marek Nowak attended the signing of the "
                "contract for the new coastal defence missile systems at the shipyard.", published="2024-06-13")
    assert r.meetings == ()


def test_meeting_constructions_a_meeting_still_to_come_is_planned_with_its_date(analyse):
    m = _one(analyse("Defence Minister Tomas Berg will meet Finnish Defence Minister Anna Lehto in Helsinki on June 20.",
                     published="2024-06-13"))
    assert (m.status, m.date.value, m.location) == ("planned", "2024-06-20", "Helsinki")
    m = _one(analyse("Defence Minister Tomas Berg is scheduled to hold talks with Finnish Defence Minister Anna Lehto "
                     "on June 20.", published="2024-06-13"))
    assert (m.status, m.date.value) == ("planned", "2024-06-20")


def test_meeting_constructions_a_held_meeting_and_the_next_one_planned_are_two(analyse):
    r = analyse("Defence Minister Tomas Berg met Finnish Defence Minister Anna Lehto in Helsinki on Tuesday. "
                "The two ministers will meet again in Oslo on June 25.", published="2024-06-13")
    assert [(m.status, m.date.value, m.location) for m in r.meetings] == [
        ("held", "2024-06-11", "Helsinki"), ("planned", "2024-06-25", "Oslo")]


def test_meeting_constructions_what_the_ministers_say_will_happen_leaves_the_meeting_held(analyse):
    m = _one(analyse("Defence Minister Tomas Berg met Finnish Defence Minister Anna Lehto in Helsinki on Tuesday, and "
                     "said the two countries would sign a deal.", published="2024-06-13"))
    assert m.status == "held"


def test_meeting_constructions_a_deadline_in_the_sentence_does_not_date_the_meeting(analyse):
    m = _one(analyse("Defence Minister Tomas Berg met Finnish Defence Minister Anna Lehto in Helsinki to discuss "
                     "plans to double ammunition production by 2027.", published="2024-06-13"))
    assert (m.date.value, m.date_stated, m.status) == ("2024-06-13", False, "held")


def test_meeting_constructions_a_counterpart_from_a_country_named_after_a_comma(analyse):
    r = analyse("Defence Minister Tomas Berg said on Monday that he had discussed closer cooperation in several areas "
                "during a meeting with his counterpart from the United States, Peter Hale.", published="2024-06-13")
    assert [(o.name, o.title, o.country) for o in r.mentions.officials if o.name == "Peter Hale"] == [
        ("Peter Hale", "counterpart", "USA")]
    assert _pairs(r.meetings) == [("Peter Hale", "Tomas Berg")]


def test_meeting_constructions_a_later_telling_gives_the_place(analyse):
    r = analyse("Defence Minister Tomas Berg said on Monday he had discussed closer cooperation "
                "during a meeting with Finnish Defence Minister Anna Lehto.\n\"Glad to meet my friend Lehto in Helsinki "
                "today,\" he wrote on social media.", published="2024-06-13")
    m = _one(r)
    assert (m.location, m.location_country) == ("Helsinki", "FIN")


def test_meeting_constructions_a_later_meeting_of_others_gives_no_place(analyse):
    r = analyse("Defence Minister Tomas Berg held talks with Finnish Defence Minister Anna Lehto. President Ilse Vogel "
                "met Finnish President Sauli Kallio in Helsinki.", published="2024-06-13")
    places = {tuple(sorted(p.name for p in m.participants)): m.location for m in r.meetings}
    assert places[("Anna Lehto", "Tomas Berg")] is None
def _saved(analyse, text: str):
    r = analyse(text, published="2024-06-13")
    return replace(r, article=replace(r.article, path="m.txt", root="/corpus", sha256="m" * 64))


def test_meeting_constructions_the_meetings_view_has_a_status(analyse):
    engine = store.connect("sqlite://", create=True)
    store.save(engine, _saved(analyse, "Defence Minister Tomas Berg met Finnish Defence Minister Anna Lehto in Helsinki "
                                       "on Tuesday. The two ministers will meet again in Oslo on June 25."))
    cols, rows = store.view_rows(engine, "meetings")
    assert [(dict(zip(cols, m))["date"], dict(zip(cols, m))["status"]) for m in rows] == [
        ("2024-06-11", "held"), ("2024-06-25", "planned")]


def test_meeting_constructions_a_schema_4_database_gets_the_status_column(tmp_path, analyse):
    path = tmp_path / "old.db"
    store.connect(str(path), create=True).dispose()
    con = sqlite3.connect(path)  # back to schema 4: no status column, a document done by the old rules
    con.execute("DROP VIEW meetings")
    con.execute("DROP VIEW meeting_group_members")  # a view schema 4 did not have, which reads the status
    con.execute("ALTER TABLE ledger_meetings DROP COLUMN status")
    con.execute("UPDATE ledger_meta SET value = '4' WHERE key = 'views'")
    con.execute("INSERT INTO ledger_documents (corpus, path, full_path, fingerprint, status, ingested_at) "
                "VALUES ('/corpus', 'old.txt', '/corpus/old.txt', 'abc', 'ok', 'then')")
    con.commit()
    con.close()
    engine = store.connect(str(path), create=True)
    store.save(engine, _saved(analyse, "Defence Minister Tomas Berg will meet Finnish Defence Minister Anna Lehto "
                                       "in Helsinki on June 20."))
    cols, rows = store.view_rows(engine, "meetings")
    assert [dict(zip(cols, m))["status"] for m in rows] == ["planned"]
    engine.dispose()
    con = sqlite3.connect(path)
    assert con.execute("SELECT fingerprint FROM ledger_documents WHERE path = 'old.txt'").fetchall() == [(None,)]
    assert con.execute("SELECT value FROM ledger_meta WHERE key = 'views'").fetchall() == [(store.schema.SCHEMA_VERSION,)]
