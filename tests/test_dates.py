"""Dates: absolute, partial and relative, each with its precision; never invented precision."""

from __future__ import annotations

import pytest

from pipeline.records import DateValue
from pipeline.stages.dates import DateGrammar, extract_dates, parse_absolute

PUB = DateValue("2025-01-21", "day")  # a Tuesday

# (text, published, [(mention text, value, precision)])
ABSOLUTE = [
    ("signed on March 4, 2024.", PUB, [("March 4, 2024", "2024-03-04", "day")]),
    ("signed on 4 March 2024.", PUB, [("4 March 2024", "2024-03-04", "day")]),
    ("Jan. 16, 2022", PUB, [("Jan. 16, 2022", "2022-01-16", "day")]),
    ("Monday, June 3, 2024", PUB, [("Monday, June 3, 2024", "2024-06-03", "day")]),
    ("29-07-2025", PUB, [("29-07-2025", "2025-07-29", "day")]),
    ("on 2024-06-03", PUB, [("2024-06-03", "2024-06-03", "day")]),
]
PARTIAL = [
    ("a memorandum in September 2023", PUB, [("September 2023", "2023-09", "month")]),
    ("In 2024 so far", PUB, [("2024", "2024", "year")]),
    ("during the 2023 summit", PUB, [("2023", "2023", "year")]),
    ("by the end of 2025", PUB, [("the end of 2025", "2025", "year")]),
    ("in mid-2026", PUB, [("mid-2026", "2026", "year")]),
    ("in the first quarter of 2026", PUB, [("the first quarter of 2026", "2026", "year")]),
    ("from 2017 to 2021", PUB, [("2017", "2017", "year"), ("2021", "2021", "year")]),
]
RELATIVE = [
    ("met in a separate meeting Monday", PUB, [("Monday", "2025-01-20", "day")]),
    ("said on Tuesday", PUB, [("Tuesday", "2025-01-21", "day")]),
    ("will meet on Friday", PUB, [("Friday", "2025-01-24", "day")]),
    ("last Tuesday", PUB, [("Tuesday", "2025-01-14", "day")]),
    ("exports last year", PUB, [("last year", "2024", "year")]),
    ("next year", PUB, [("next year", "2026", "year")]),
    ("earlier this month", PUB, [("earlier this month", "2025-01", "month")]),
    ("last month", PUB, [("last month", "2024-12", "month")]),
    ("last week", PUB, [("last week", "2025-01", "month")]),
    ("in the second half of the year", PUB, [("the second half of the year", "2025", "year")]),
    ("in the first quarter, exports rose", PUB, [("the first quarter", "2025", "year")]),
    ("yesterday", PUB, [("yesterday", "2025-01-20", "day")]),
    ("two years ago", PUB, [("two years ago", "2023", "year")]),
    # a month without a year: the occurrence nearest the article's date
    ("talks in December", PUB, [("December", "2024-12", "month")]),
    ("a summit in June", DateValue("2025-07-29", "day"), [("June", "2025-06", "month")]),
    ("as early as September", DateValue("2025-07-29", "day"), [("September", "2025-09", "month")]),
]
NO_PUBLICATION_DATE = [
    ("on Monday", None, [("Monday", None, "day")]),
    ("last year", None, [("last year", None, "year")]),
    ("in September 2023", None, [("September 2023", "2023-09", "month")]),
]
# an article known only to its month (a date in its address: ".../2025/01/slug"): what needs its day is unknown
MONTH_ONLY = DateValue("2025-01", "month")
PUBLISHED_MONTH = [
    ("exports last year", MONTH_ONLY, [("last year", "2024", "year")]),
    ("last month", MONTH_ONLY, [("last month", "2024-12", "month")]),
    ("two years ago", MONTH_ONLY, [("two years ago", "2023", "year")]),
    ("talks in December", MONTH_ONLY, [("December", "2024-12", "month")]),
    ("signed on Friday", MONTH_ONLY, [("Friday", None, "day")]),
    ("yesterday", MONTH_ONLY, [("yesterday", None, "day")]),
    ("last week", MONTH_ONLY, [("last week", None, "month")]),
    ("two days ago", MONTH_ONLY, [("two days ago", None, "day")]),
]
NOT_DATES = [
    ("exports may rise", PUB, []),
    ("over the past five years", PUB, []),
    ("2,972 units", PUB, []),
    ("the 2020s", PUB, []),
    ("$2024 million", PUB, []),
    # a date word inside another word ("end" in "intend", "May" in "Mayo") is not a date
    ("Seoul does not intend to stop, officials said.", PUB, []),
    ("the Mayo 2025 programme", PUB, [("2025", "2025", "year")]),
]


@pytest.fixture(scope="module")
def grammar(rules):
    return DateGrammar(rules)


@pytest.mark.parametrize("text,published,expected", ABSOLUTE + PARTIAL + RELATIVE + PUBLISHED_MONTH + NO_PUBLICATION_DATE + NOT_DATES)
def test_dates_table(grammar, text, published, expected):
    found = extract_dates(text, grammar=grammar, published=published, attribution_words=frozenset({"said"}))
    assert [(d.text, d.date.value, d.date.precision) for d in found] == expected


def test_dates_attribution_is_marked(grammar):
    text = "According to the ministry on Tuesday, Lee met Harry on Monday."
    found = extract_dates(text, grammar=grammar, published=PUB, attribution_words=frozenset({"according", "said"}))
    assert [(d.text, d.attribution) for d in found] == [("Tuesday", True), ("Monday", False)]


def test_dates_offsets_index_the_text(grammar):
    text = "The deal was signed in September 2023 in Seoul."
    d = extract_dates(text, grammar=grammar, published=PUB, attribution_words=frozenset())[0]
    assert text[d.start:d.end] == "September 2023"


@pytest.mark.parametrize("text,value", [
    ("Dec 13, 2021", "2021-12-13"), ("13 December 2021", "2021-12-13"), ("12/13/2021", "2021-12-13"),
    ("13.12.2021", "2021-12-13"), ("2021-12-13", "2021-12-13"),
])
def test_parse_absolute(text, value):
    assert parse_absolute(text) == DateValue(value, "day")


def test_parse_absolute_refuses_impossible_dates():
    assert parse_absolute("31-02-2024") is None


@pytest.mark.parametrize("text,expected", [
    ("Last year Seoul sold tanks.", [("Last year", "2024", "year")]),
    ("In June, the ministers met.", [("June", "2024-06", "month")]),
    ("Early September is likely.", [("Early September", "2024-09", "month")]),
])
def test_dates_at_the_start_of_a_sentence(grammar, text, expected):
    found = extract_dates(text, grammar=grammar, published=PUB, attribution_words=frozenset())
    assert [(d.text, d.date.value, d.date.precision) for d in found] == expected


@pytest.mark.parametrize("text,expected", [
    ("In August last year, Warsaw signed.", [("August last year", "2024-08", "month")]),
    ("The order, signed in September for $3 billion, covers 48 jets due in mid-2023.",
     [("September", "2024-09", "month"), ("mid-2023", "2023", "year")]),
    ("Seoul signed on Tuesday. On the same day, Riyadh signed too.",
     [("Tuesday", "2025-01-21", "day"), ("the same day", "2025-01-21", "day")]),
])
def test_dates_read_with_their_context(grammar, text, expected):
    found = extract_dates(text, grammar=grammar, published=PUB, attribution_words=frozenset())
    assert [(d.text, d.date.value, d.date.precision) for d in found] == expected


def test_dateline_date_is_not_an_event(grammar):
    text = "SEOUL, Feb. 2, 2022 (Yonhap) -- Hanwha clinched a deal on Tuesday."
    found = extract_dates(text, grammar=grammar, published=DateValue("2022-02-02", "day"),
                          attribution_words=frozenset(), dateline_end=19)
    assert [(d.text, d.attribution) for d in found] == [("Feb. 2, 2022", True), ("Tuesday", False)]


@pytest.mark.parametrize("text,expected", [
    # "X came a day after Y": Y was the day before X, whose date was named before
    ("Leaders met on Friday. The summit came a day after Hanwha signed a deal.", [("Friday", "2025-01-17"), ("a day after", "2025-01-16")]),
    ("Ministers met on Saturday. The meeting came a day after Austin sat down with Dong Jun.", [("Saturday", "2025-01-18"), ("a day after", "2025-01-17")]),
    ("Leaders met on Friday. The summit took place two days before the ministers signed.", [("Friday", "2025-01-17"), ("two days before", "2025-01-19")]),
    # "later"/"earlier": counted from the last date named
    ("The first batch arrived on June 3, 2024. Two weeks later, the second followed.", [("June 3, 2024", "2024-06-03"), ("Two weeks later", "2024-06-17")]),
    ("Talks began in March 2023. A year later, the contract was signed.", [("March 2023", "2023-03"), ("A year later", "2024")]),
    # no event verb before "after"/"before": the phrase dates nothing of its own
    ("The tanks arrived Tuesday, four months after the contract was signed.", [("Tuesday", "2025-01-21")]),
    ("On Tuesday, a day before the ceremony, the ministers met.", [("Tuesday", "2025-01-21")]),
    # nothing named before: the offset has no value
    ("The summit came a day after Hanwha signed a deal.", [("a day after", None)]),
    # no event noun before the link verb, or no clause after "after": counted on from the last date
    ("The deal was signed on June 3, 2024. The first tanks came four months after the signing.", [("June 3, 2024", "2024-06-03"), ("four months after", "2024-10")]),
    # the clause after "after" has a date of its own
    ("Talks were held in June. The order comes three months after Yoon welcomed Iohannis in April.", [("June", "2024-06"), ("April", "2024-04")]),
    # a comparison, a count with a thousands separator, a count beyond the calendar: no date
    ("The deal was signed on June 3, 2024. The tanks arrived a month later than planned.", [("June 3, 2024", "2024-06-03")]),
    ("The deal was signed on June 3, 2024. Some 1,000 days later, the tanks arrived.", [("June 3, 2024", "2024-06-03")]),
    ("The deal was signed on June 3, 2024. 9999 years later, the tanks arrived.", [("June 3, 2024", "2024-06-03")]),
])
def test_dates_counted_from_another_event(grammar, text, expected):
    found = extract_dates(text, grammar=grammar, published=PUB, attribution_words=frozenset({"said"}))
    assert [(d.text, d.date.value) for d in found] == expected


def test_a_noun_phrase_after_after_is_counted_on(grammar):
    # "came two days after Hanwha's signing": no clause follows, so the count goes forward from the signing
    text = "Hanwha signed the contract on Aug. 26, 2024. The summit came two days after Hanwha's signing."
    found = extract_dates(text, grammar=grammar, published=PUB, attribution_words=frozenset({"said"}))
    assert [(d.text, d.date.value) for d in found] == [("Aug. 26, 2024", "2024-08-26"), ("two days after", "2024-08-28")]


def test_the_following_month_of_a_story_counts_from_the_date_it_named(analyse):
    r = analyse("In July 2022, Poland signed a framework agreement for 1,000 K2 tanks. "
                "The following month, it signed the first contract for 180 K2 tanks.", published="2025-03-06")
    assert [d.date.value for d in r.mentions.dates] == ["2022-07", "2022-08"]
    r = analyse("Poland signed a framework agreement for K2 tanks in 2021. The next year, it signed a contract.",
                published="2025-03-06")
    assert [d.date.value for d in r.mentions.dates] == ["2021", "2022"]
    r = analyse("Poland signed for K2 tanks in 2021 and will sign another contract next year.", published="2025-03-06")
    assert [d.date.value for d in r.mentions.dates] == ["2021", "2026"]  # no article: the article's next year
