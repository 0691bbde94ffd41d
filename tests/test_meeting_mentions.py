"""Meeting events: a document's meeting mentions merged into one meeting per encounter (on texts of our own)."""

from __future__ import annotations

import pytest

from pipeline.records import DateValue, Meeting, Participant, Sentence
from pipeline.stages.meeting_events import merge_meetings
from tests.conftest import as_older_schema, as_read, view_dicts

THREE_TELLINGS = ("Foreign Minister Park Jin met Swedish Foreign Minister Tobias Billstrom in Stockholm on Tuesday. "
                  "During the talks, Park and Billstrom agreed to expand cooperation in the defence industry. "
                  "Park and Billstrom also discussed research in the Arctic.")


def _people(m: Meeting) -> list[str]:
    return sorted(p.name for p in m.participants if p.name)


def _mention(text: str, *people: Participant, date: str | None = None, place: tuple[str, str, str] | None = None) -> Meeting:
    when = DateValue(date, {4: "year", 7: "month", 10: "day"}[len(date)]) if date else DateValue(None, None)
    location, country, precision = place or (None, None, None)
    return Meeting(Sentence(0, len(text), text, 0), people, when, location, country, "t", date is not None, precision)


KIM = Participant("Kim Sun-ho", None, None, "KOR")
GRAM = Participant("Bjorn Arild Gram", "Defence Minister", None, "NOR")
OSLO = ("Oslo", "NOR", "city")


def test_meeting_mentions_one_meeting_told_in_three_sentences_is_one_meeting(analyse):
    r = analyse(THREE_TELLINGS, published="2024-06-13")
    assert [(_people(m), m.date.value, m.location) for m in r.meetings] == [
        (["Park Jin", "Tobias Billstrom"], "2024-06-11", "Stockholm")]
    (meeting,) = r.meetings
    assert [m.sentence.text.split()[:2] for m in meeting.mentions] == [["Foreign", "Minister"], ["During", "the"],
                                                                       ["Park", "and"]]
    assert meeting.sentence.text.startswith("Foreign Minister Park Jin met")  # the lead gave most of its facts


def test_meeting_mentions_same_people_on_another_day_stay_two(analyse):
    r = analyse("Defense Minister Kim Sun-ho met Norwegian Defence Minister Bjorn Arild Gram in Oslo on Monday. "
                "Kim and Gram met again on Thursday to tour a shipyard.", published="2024-06-14")
    assert sorted(m.date.value for m in r.meetings) == ["2024-06-10", "2024-06-13"]


def test_meeting_mentions_someone_new_is_another_meeting(analyse):
    r = analyse("Vice Minister Lee Jong-ho met Danish Defence Minister Troels Lund Poulsen in Copenhagen on Monday. "
                "Later that day, Lee also met Danish Foreign Minister Lars Lokke Rasmussen.", published="2024-06-14")
    assert sorted(_people(m) for m in r.meetings) == [["Lars Lokke Rasmussen", "Lee Jong-ho"],
                                                      ["Lee Jong-ho", "Troels Lund Poulsen"]]


def test_meeting_mentions_an_office_is_named_later(analyse):
    r = analyse("President Yoon Suk Yeol held talks with his Chilean counterpart in Santiago on Wednesday. "
                "During the talks, Yoon and Chilean President Gabriel Boric agreed to deepen defence ties.",
                published="2024-06-14")
    (meeting,) = r.meetings
    assert [(p.name, p.country) for p in meeting.participants] == [("Yoon Suk Yeol", None), ("Gabriel Boric", "CHL")]
    assert (meeting.date.value, meeting.location, len(meeting.mentions)) == ("2024-06-12", "Santiago", 2)


def test_meeting_mentions_participants_united_with_the_fullest_titles():
    lead = _mention("lead", KIM, Participant("Bjorn Arild Gram", None, None, "NOR"), date="2024-06", place=OSLO)
    body = _mention("body", Participant("Kim Sun-ho", "Defense Minister", "Ministry of National Defense", None), GRAM,
                    date="2024-06-10")
    (meeting,) = merge_meetings([lead, body])
    assert meeting.participants == (Participant("Kim Sun-ho", "Defense Minister", "Ministry of National Defense", "KOR"), GRAM)
    assert (meeting.date.value, meeting.location) == ("2024-06-10", "Oslo")  # the day over the month


def test_meeting_mentions_conflicts_keep_meetings_apart():
    lead = _mention("lead", KIM, GRAM, date="2024-06-10", place=OSLO)
    assert len(merge_meetings([lead, _mention("other day", KIM, GRAM, date="2024-06-13")])) == 2
    assert len(merge_meetings([lead, _mention("other city", KIM, GRAM, place=("Bergen", "NOR", "city"))])) == 2
    assert len(merge_meetings([lead, _mention("other country", KIM, GRAM, place=("Seoul", "KOR", "city"))])) == 2
    assert len(merge_meetings([lead, _mention("same month", KIM, GRAM, date="2024-06", place=("Norway", "NOR", "country"))])) == 1
    assert len(merge_meetings([lead, _mention("someone new", KIM, GRAM, Participant("Jonas Gahr Store", None, None, "NOR"))])) == 2
    assert len(merge_meetings([lead, _mention("one of them", GRAM, Participant(None, "minister", None, "KOR"))])) == 1


# --- the store: meeting_mentions beside meetings, on SQLite and (where a server is given) PostgreSQL ---

def _stored(analyse, text: str = THREE_TELLINGS):
    return as_read(analyse(text, published="2024-06-13"))


_rows = view_dicts


def test_meeting_mentions_view_has_one_row_per_telling(engine, analyse):
    from pipeline import store

    store.save(engine, _stored(analyse))
    cols, _ = store.view_rows(engine, "meeting_mentions")
    assert cols == "event_id document_id path sentence start_char end_char zone rule".split()
    meetings, told = _rows(engine, "meetings"), _rows(engine, "meeting_mentions")
    assert len(meetings) == 1 and {x["event_id"] for x in told} == {meetings[0]["event_id"]}
    assert [x["sentence"].split()[0] for x in told] == ["Foreign", "During", "Park"]
    assert all(THREE_TELLINGS[x["start_char"]:x["end_char"]] == x["sentence"] for x in told)
    assert all(x["rule"].startswith("rules/") and x["path"] == "a.txt" and x["zone"] == "body" for x in told)
    assert meetings[0]["sentence"] == told[0]["sentence"]  # the meeting's sentence: the mention with most facts


def test_meeting_mentions_ids_stable_on_rerun(engine, analyse):
    from pipeline import store

    store.save(engine, _stored(analyse))
    first = (_rows(engine, "meetings"), _rows(engine, "meeting_mentions"))
    store.save(engine, _stored(analyse))
    assert (_rows(engine, "meetings"), _rows(engine, "meeting_mentions")) == first
    assert len(first[1]) == 3  # the re-run replaced the mentions, it did not add to them


def test_meeting_mentions_schema_3_database_is_brought_up_to_date(engine, analyse):
    from pipeline import store
    from pipeline.store.schema import deal_mentions, deals, documents, meeting_mentions, meetings, settings

    store.save(engine, _stored(analyse))
    # as a schema 3 database stood: none of schema 4's table and columns, a marker of 3
    as_older_schema(engine, "3", {deals: ("contract_id", "value_shared", "systems", "zone"), deal_mentions: ("zone",),
                                  meetings: ("zone",)}, tables=(meeting_mentions,))
    again = store.connect(engine.url.render_as_string(hide_password=False), create=True)
    try:
        assert _rows(again, "meeting_mentions") == []  # the table and view are there, empty till the next run
        assert {"contract_id", "value_shared", "systems", "zone"} <= set(store.view_rows(again, "deals")[0])
        assert all("zone" in store.view_rows(again, v)[0] for v in ("deal_mentions", "meetings", "meeting_mentions"))
        with again.connect() as conn:
            assert conn.execute(documents.select().with_only_columns(documents.c.fingerprint)).scalars().all() == [None]
            assert conn.execute(settings.select().with_only_columns(settings.c.value)
                                .where(settings.c.key == "views")).scalar() == store.SCHEMA_VERSION
    finally:
        again.dispose()
