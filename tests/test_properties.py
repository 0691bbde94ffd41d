"""Property-based tests: the normalisers and ingest never raise on any input, and keep their invariants."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.errors import IngestError
from pipeline.ingest import Source, to_article
from pipeline.records import Article, DateValue
from pipeline.stages.dates import DateGrammar, extract_dates
from pipeline.stages.money import MoneyGrammar, extract_money
from pipeline.wrapped import unwrapped

PRECISIONS = {"year": r"\d{4}", "month": r"\d{4}-\d{2}", "day": r"\d{4}-\d{2}-\d{2}"}
SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

# text that looks like the news: amounts, scales, currencies, dates and ordinary words, mixed at random
PIECES = st.sampled_from([
    "$", "US$", "₩", "W", "€", "£", "KRW", "1.6", "14", "2,000", "one-point-three", "billion", "bn", "trillion", "tr",
    "million", "m", "won", "dollars", "zloty", "between", "and", "to", "-", "(", ")", ",", ".", "about", "each", "apiece",
    "Monday", "last", "next", "year", "week", "month", "June", "May", "2024", "2025-06-03", "29-07-2025", "the end of",
    "first quarter", "ago", "two", "days", "said", "on", "in", "Seoul", "K9", "signed", " ", "\n", "%",
])
NEWSY = st.lists(PIECES, max_size=30).map(" ".join)
ANY_TEXT = st.one_of(NEWSY, st.text(max_size=200))


@pytest.fixture(scope="module")
def money(rules):
    return MoneyGrammar(rules)


@pytest.fixture(scope="module")
def dates(rules):
    return DateGrammar(rules)


@SETTINGS
@given(text=ANY_TEXT, year=st.one_of(st.none(), st.integers(1950, 2100)))
def test_money_never_raises_and_keeps_its_invariants(money, text, year):
    for m in extract_money(text, grammar=money, fx_year=year):
        assert 0 <= m.low <= m.high
        assert re.fullmatch(r"[A-Z]{3}", m.currency)
        assert text[m.start:m.end] == m.text and m.text.strip()
        if m.usd_low is not None:
            assert 0 <= m.usd_low <= m.usd_high


@SETTINGS
@given(text=ANY_TEXT, published=st.one_of(st.none(), st.dates().map(lambda d: DateValue(d.isoformat(), "day"))))
def test_dates_never_raise_and_always_state_a_precision(dates, text, published):
    for d in extract_dates(text, grammar=dates, published=published, attribution_words=frozenset({"said"})):
        assert d.date.precision in PRECISIONS
        assert d.date.value is None or re.fullmatch(PRECISIONS[d.date.precision], d.date.value)
        assert text[d.start:d.end] == d.text


@SETTINGS
@given(data=st.binary(max_size=2000), suffix=st.sampled_from([".txt", ".md", ".html"]))
def test_ingest_never_crashes_on_random_bytes(rules, tmp_path, data, suffix):
    path = tmp_path / f"random{suffix}"
    path.write_bytes(data)
    src = Source(str(tmp_path), path.name, len(data))
    try:
        article = to_article(src, data, rules=rules)
    except IngestError as e:
        assert str(e).startswith(path.name + ":") and "\n" not in str(e)
    else:
        assert isinstance(article, Article) and article.text.strip() and len(article.sha256) == 64


@SETTINGS
@given(text=st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=300))
def test_ingest_reads_any_utf8_text(rules, tmp_path, text):
    data = text.encode("utf-8")
    src = Source(str(tmp_path), "t.txt", len(data))
    try:
        article = to_article(src, data, rules=rules)
    except IngestError as e:
        assert "empty file" in str(e) or "binary file" in str(e)
    else:
        assert article.text == unwrapped(text.replace("\r\n", "\n").replace("\r", "\n"))  # (wire copy's lines joined)
        assert Path(src.root).is_dir()
