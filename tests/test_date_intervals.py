"""Date intervals (pipeline/stages/date_intervals.py, rules/fiscal_years.yaml): every date also stands
for its first and last day, so that what year, month or day cannot hold is kept exactly; the date's
own value never changes. Sentences of our own."""

from __future__ import annotations

import pytest

from pipeline.records import CountryMention, DateValue
from pipeline.rules import check_rules
from pipeline.stages.dates import DateGrammar, extract_dates
from tests.conftest import as_older_schema, as_read, view_dicts

PUB = DateValue("2025-01-21", "day")  # a Tuesday

# (text, [(mention text, value, precision, date_start, date_end)])
PARTS = [
    ("Deliveries begin in the first quarter of 2025.", [("the first quarter of 2025", "2025", "year", "2025-01-01", "2025-03-31")]),
    ("The frigate is due in Q3 2026.", [("Q3 2026", "2026", "year", "2026-07-01", "2026-09-30")]),
    ("Trials finish in the second half of the year.", [("the second half of the year", "2025", "year", "2025-07-01", "2025-12-31")]),
    ("In the fourth quarter, output doubled.", [("the fourth quarter", "2025", "year", "2025-10-01", "2025-12-31")]),
    ("The radar arrived in late 2024.", [("late 2024", "2024", "year", "2024-09-01", "2024-12-31")]),
    ("Work began in early 2023.", [("early 2023", "2023", "year", "2023-01-01", "2023-04-30")]),
    ("Assembly moves to Busan in mid-2026.", [("mid-2026", "2026", "year", "2026-05-01", "2026-08-31")]),
    ("The order closes at the end of 2025.", [("the end of 2025", "2025", "year", "2025-10-01", "2025-12-31")]),
    ("Talks resume at the beginning of next year.", [("the beginning of next year", "2026", "year", "2026-01-01", "2026-01-31")]),
    ("The tanks left port in late June 2024.", [("late June 2024", "2024-06", "month", "2024-06-21", "2024-06-30")]),
    ("A team will visit in early February.", [("early February", "2025-02", "month", "2025-02-01", "2025-02-10")]),
]
WEEKS = [
    ("Officials met this week.", [("this week", "2025-01", "month", "2025-01-20", "2025-01-26")]),
    ("The ministers spoke last week.", [("last week", "2025-01", "month", "2025-01-13", "2025-01-19")]),
    # a week across two months: the month cannot hold it, the interval can
    ("They will sign next week.", [("next week", "2025", "year", "2025-01-27", "2025-02-02")]),
    ("The drones were shown two weeks ago.", [("two weeks ago", "2025-01", "month", "2025-01-06", "2025-01-12")]),
]
OPEN_START = [
    ("All 48 jets will be delivered by 2027.", [("2027", "2027", "year", None, "2027-12-31")]),
    ("The howitzers arrive by the end of 2026.", [("the end of 2026", "2026", "year", None, "2026-12-31")]),
    ("Bids are due no later than March 2025.", [("March 2025", "2025-03", "month", None, "2025-03-31")]),
]
WHOLE = [  # a plain date stands for all of its year, month or day
    ("The contract was signed in 2023.", [("2023", "2023", "year", "2023-01-01", "2023-12-31")]),
    ("A memorandum followed in February 2024.", [("February 2024", "2024-02", "month", "2024-02-01", "2024-02-29")]),
    ("They met on Monday.", [("Monday", "2025-01-20", "day", "2025-01-20", "2025-01-20")]),
    ("The ships were ordered on 4 March 2022.", [("4 March 2022", "2022-03-04", "day", "2022-03-04", "2022-03-04")]),
]


@pytest.fixture(scope="module")
def grammar(rules):
    return DateGrammar(rules)


def _found(grammar, text, published=PUB, countries=()):
    found = extract_dates(text, grammar=grammar, published=published, attribution_words=frozenset({"said"}),
                          countries=countries)
    return [(d.text, d.date.value, d.date.precision, *d.date.interval) for d in found]


@pytest.mark.parametrize("text,expected", PARTS + WEEKS + OPEN_START + WHOLE)
def test_date_intervals_table(grammar, text, expected):
    assert _found(grammar, text) == expected


def test_date_intervals_a_week_across_new_year_has_no_value_but_its_days(grammar):
    assert _found(grammar, "The ministers spoke last week.", DateValue("2025-01-08", "day")) == [
        ("last week", None, "year", "2024-12-30", "2025-01-05")]


@pytest.mark.parametrize("text,published", [
    ("Trials finish in the second half of the year.", None),
    ("They will sign next week.", None),
    ("They met on Monday.", DateValue("2025-01", "month")),  # the article's day unknown
    ("All 48 jets will be delivered by next year.", None),
])
def test_date_intervals_an_unresolved_date_keeps_null_in_all_four(grammar, text, published):
    (_, value, _, start, end), = _found(grammar, text, published)
    assert (value, start, end) == (None, None, None)


def _country(text: str, name: str, code: str) -> CountryMention:
    at = text.index(name)
    return CountryMention(at, at + len(name), name, code, "name", "t")


# (sentence, the country named in it, its code, [(mention text, value, date_start, date_end)])
FISCAL = [
    ("India raised its defence budget for fiscal 2025 by 9%.", "India", "IND", [("2025", "2025", "2024-04-01", "2025-03-31")]),
    ("Japan plans to buy the missiles in the 2026 fiscal year.", "Japan", "JPN", [("2026", "2026", "2026-04-01", "2027-03-31")]),
    ("The United States set aside funds in FY2026 for the tanks.", "United States", "USA",
     [("2026", "2026", "2025-10-01", "2026-09-30")]),
    ("Australia will pay in the 2025-26 financial year.", "Australia", "AUS", [("2025", "2025", "2025-07-01", "2026-06-30")]),
    ("The money comes from FY 2024/25, the Indian ministry said.", "Indian", "IND", [("2024", "2024", "2024-04-01", "2025-03-31")]),
    ("Korea's fiscal year 2025 budget grew.", "Korea", "KOR", [("2025", "2025", "2025-01-01", "2025-12-31")]),
]


@pytest.mark.parametrize("text,name,code,expected", FISCAL)
def test_date_intervals_a_fiscal_year_of_a_known_country(grammar, text, name, code, expected):
    found = _found(grammar, text, countries=[_country(text, name, code)])
    assert [(t, v, s, e) for t, v, _, s, e in found] == expected


def test_date_intervals_a_fiscal_year_of_no_known_country_has_an_unknown_interval(grammar):
    # no country named, or one whose fiscal year the table does not give: the year stays, its days are unknown
    assert _found(grammar, "The ministry spent more in fiscal 2025.") == [("2025", "2025", "year", None, None)]
    text = "Chile spent more in fiscal 2025."
    assert _found(grammar, text, countries=[_country(text, "Chile", "CHL")]) == [("2025", "2025", "year", None, None)]


def test_date_intervals_a_year_beside_other_words_is_no_fiscal_year(grammar):
    text = "India's fiscal deficit widened in 2025."
    assert _found(grammar, text, countries=[_country(text, "India", "IND")]) == [
        ("2025", "2025", "year", "2025-01-01", "2025-12-31")]


def test_date_intervals_the_interval_is_left_out_of_comparisons():
    # two dates of one value are one date to the events that merge mentions
    late = DateValue("2024", "year", ("2024-09-01", "2024-12-31"))
    assert late == DateValue("2024", "year") and hash(late) == hash(DateValue("2024", "year"))
    assert late.interval == ("2024-09-01", "2024-12-31") and DateValue("2024", "year").interval[0] == "2024-01-01"


def test_date_intervals_reach_the_deal_and_the_meeting(analyse):
    r = analyse("Japan signed a contract in the 2026 fiscal year to buy 12 Type 12 missiles from Mitsubishi.",
                published="2027-05-01")
    assert [(d.date.value, d.date.interval) for d in r.deals] == [("2026", ("2026-04-01", "2027-03-31"))]
    r = analyse("Poland signed a contract in late 2024 to buy 180 K2 tanks from South Korea.", published="2025-01-21")
    assert [(d.date.value, d.date.interval) for d in r.deals] == [("2024", ("2024-09-01", "2024-12-31"))]
    r = analyse("Defence Minister Kim met Polish Defence Minister Kosiniak-Kamysz in Seoul last week.",
                published="2025-01-21")
    assert [(m.date.value, m.date.interval) for m in r.meetings] == [("2025-01", ("2025-01-13", "2025-01-19"))]


@pytest.mark.parametrize("body,message", [
    ("- {country: IND, start_month: 13, named_by: end}\n", "fiscal_years.yaml:1: 'start_month' must be a month, 1-12"),
    ("- {country: XXX, start_month: 4, named_by: end}\n", "fiscal_years.yaml:1: 'country' must be an ISO 3166-1"),
    ("- {country: IND, start_month: 4, named_by: middle}\n", "fiscal_years.yaml:1: 'named_by' must be one of start, end"),
])
def test_date_intervals_a_bad_fiscal_year_line_gives_file_and_line(tmp_path, body, message):
    (tmp_path / "fiscal_years.yaml").write_text(body)
    _, problems = check_rules([str(tmp_path)])
    assert any(message in p for p in problems), problems


def test_date_intervals_a_user_rule_adds_a_fiscal_year(tmp_path, rules):
    from pipeline.rules import load_rules

    (tmp_path / "fiscal_years.yaml").write_text("- {country: CHL, start_month: 7, named_by: end}\n")
    grammar = DateGrammar(load_rules([str(tmp_path)]))
    text = "Chile spent more in fiscal 2025."
    assert _found(grammar, text, countries=[_country(text, "Chile", "CHL")]) == [
        ("2025", "2025", "year", "2024-07-01", "2025-06-30")]


# ---- the store: date_start and date_end on every view with a date -----------------------------------------

STORY = ("Poland signed a contract in late 2024 to buy 180 K2 tanks from South Korea. "
         "Defence Minister Kim met Polish Defence Minister Kosiniak-Kamysz in Seoul last week. "
         "The first 24 tanks are to arrive by 2026.")


def _stored(analyse, text=STORY, published="2025-01-21"):
    return as_read(analyse(text, published=published))


_rows = view_dicts


def test_date_intervals_reach_every_view_with_a_date(engine, analyse):
    from pipeline import store

    store.save(engine, _stored(analyse))
    interval = lambda r: (r["date_start"], r["date_end"])  # noqa: E731
    assert [(d["date"], interval(d)) for d in _rows(engine, "deals")] == [("2024", ("2024-09-01", "2024-12-31"))]
    assert [(m["date"], interval(m)) for m in _rows(engine, "meetings")] == [("2025-01", ("2025-01-13", "2025-01-19"))]
    assert {(m["text"], m["value"], interval(m)) for m in _rows(engine, "date_mentions")} == {
        ("late 2024", "2024", ("2024-09-01", "2024-12-31")), ("last week", "2025-01", ("2025-01-13", "2025-01-19")),
        ("2026", "2026", (None, "2026-12-31"))}
    (doc,) = _rows(engine, "documents")
    assert (doc["published"], doc["published_start"], doc["published_end"]) == ("2025-01-21", "2025-01-21", "2025-01-21")


def test_date_intervals_filter_by_range(engine, analyse):
    # "what happened in the last four months of 2024": a range over the interval, which "2024" alone cannot answer
    from sqlalchemy import text

    from pipeline import store

    store.save(engine, _stored(analyse))
    with engine.connect() as conn:
        inside = conn.execute(text("SELECT count(*) FROM deals WHERE date_start >= '2024-09-01' AND date_end <= '2024-12-31'"))
        assert inside.scalar() == 1
        early = conn.execute(text("SELECT count(*) FROM deals WHERE date_end < '2024-09-01'"))
        assert early.scalar() == 0


def test_date_intervals_a_document_of_a_month_spans_the_month(engine, analyse):
    from pipeline import store

    store.save(engine, _stored(analyse, "Seoul said nothing.", published="2024-02"))
    (doc,) = _rows(engine, "documents")
    assert (doc["published"], doc["published_start"], doc["published_end"]) == ("2024-02", "2024-02-01", "2024-02-29")


def test_date_intervals_a_schema_4_database_is_brought_up_to_date(engine, analyse):
    from pipeline import store
    from pipeline.store.schema import dates, deals, documents, meetings, settings

    store.save(engine, _stored(analyse))
    # as a schema 4 database stood: no interval columns, a marker of 4
    interval = ("date_start", "date_end")
    as_older_schema(engine, "4", {deals: interval, meetings: interval, dates: interval,
                                  documents: ("published_start", "published_end")})
    again = store.connect(engine.url.render_as_string(hide_password=False), create=True)
    try:
        # the columns are there, empty till the next run redoes the document
        assert [(d["date"], d["date_start"], d["date_end"]) for d in _rows(again, "deals")] == [("2024", None, None)]
        assert all({"date_start", "date_end"} <= set(store.view_rows(again, v)[0]) for v in ("meetings", "date_mentions"))
        assert {"published_start", "published_end"} <= set(store.view_rows(again, "documents")[0])
        with again.connect() as conn:
            assert conn.execute(documents.select().with_only_columns(documents.c.fingerprint)).scalars().all() == [None]
            assert conn.execute(settings.select().with_only_columns(settings.c.value)
                                .where(settings.c.key == "views")).scalar() == store.SCHEMA_VERSION == "8"
        store.save(again, _stored(analyse))
        assert [(d["date_start"], d["date_end"]) for d in _rows(again, "deals")] == [("2024-09-01", "2024-12-31")]
    finally:
        again.dispose()
