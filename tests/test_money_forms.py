"""Money in the forms articles write it, and what a deal takes from it: our own sentences, one form each."""

from __future__ import annotations

import pytest

from pipeline.analyse import analyse_text
from pipeline.stages.money import MoneyGrammar, extract_money


@pytest.fixture(scope="module")
def grammar(rules):
    return MoneyGrammar(rules)


def _values(r):
    return [(d.buyer, d.systems, d.value and (float(d.value.low), d.value.currency)) for d in r.deals]


def test_money_forms_bracketed_restatement_is_not_the_deal_value(analyse):
    # the supplier's currency comes second, in brackets: it restates the value, the first amount is the value
    r = analyse("India signed a contract with France on Tuesday for three Scorpene submarines at a cost of "
                "Rs 36,000 crore (€4 billion).", published="2025-03-06")
    assert _values(r) == [("IND", ("Scorpene",), (3.6e11, "INR"))]


def test_money_forms_spelled_docstring_examples():
    import doctest

    from pipeline.stages import money_words

    assert doctest.testmod(money_words).failed == 0


@pytest.mark.parametrize("site,text,expected", [
    ("www.example.com.au", "The vehicles will cost between $4 billion and $6 billion.", [("AUD", 4e9, 6e9)]),
    ("www.example.com.au", "It paid $US1.5 billion for them.", [("USD", 1.5e9, 1.5e9)]),
    ("news.example.ca", "a $2 billion frigate refit", [("CAD", 2e9, 2e9)]),
    ("news.example.ca", "a US$2 billion frigate refit", [("USD", 2e9, 2e9)]),
    (None, "a $2 billion frigate refit", [("USD", 2e9, 2e9)]),
])
def test_money_forms_bare_dollar_is_the_sites_own(grammar, site, text, expected):
    found = extract_money(text, grammar=grammar, fx_year=2023, site=site)
    assert [(m.currency, float(m.low), float(m.high)) for m in found] == expected


def test_money_forms_site_reaches_the_stage(kit):
    r = analyse_text("Canberra will spend $3 billion on 30 new howitzers, the minister said.", kit,
                     published="2023-05-01", url="https://www.example.com.au/defence/howitzers")
    assert [(m.currency, float(m.low)) for m in r.mentions.money] == [("AUD", 3e9)]


@pytest.mark.parametrize("text,expected", [
    # a bare word takes the currency the text names in full
    ("A first order is worth 2.5 billion crowns. The whole programme costs 40 billion Swedish crowns.",
     ["SEK", "SEK"]),
    ("The order is worth 2.5 billion crowns.", ["CZK"]),
    # named in full twice over: the bare word keeps its own reading
    ("It pays 2 billion crowns, 3 billion Czech crowns and 1 billion Swedish crowns.", ["CZK", "CZK", "SEK"]),
    ("The frigates cost 5 billion dollars, or 4 billion US dollars, not 7 billion Australian dollars.",
     ["USD", "USD", "AUD"]),
])
def test_money_forms_bare_word_takes_the_currency_named_in_full(grammar, text, expected):
    assert [m.currency for m in extract_money(text, grammar=grammar, fx_year=2023)] == expected
