"""Money: one table of phrasings, in named lists (price-parser style); every new phrasing is a row."""

from __future__ import annotations

from decimal import Decimal

import pytest

from pipeline.stages.money import MoneyGrammar, extract_money

B, M, T = 10**9, 10**6, 10**12

# (text, [(mention text, low, high, currency)])
DOLLARS = [
    ("sold in a deal valued at $1.6 billion.", [("$1.6 billion", 1.6 * B, 1.6 * B, "USD")]),
    ("a contract worth US$788 million", [("US$788 million", 788 * M, 788 * M, "USD")]),
    ("valued at US$3.2bn", [("US$3.2bn", 3.2 * B, 3.2 * B, "USD")]),
    # a one-letter scale apart from the number, before the currency's code
    ("a contract of 2.1 B USD", [("2.1 B USD", 2.1 * B, 2.1 * B, "USD")]),
    ("some two billion dollars in aid", [("two billion dollars", 2 * B, 2 * B, "USD")]),
    ("a 463 million dollar package", [("463 million dollar", 463 * M, 463 * M, "USD")]),
    ("just over $12.5 billion a year", [("$12.5 billion", 12.5 * B, 12.5 * B, "USD")]),
    ("it cost $12", [("$12", 12, 12, "USD")]),
]
WON = [
    ("a 14 billion won order", [("14 billion won", 14 * B, 14 * B, "KRW")]),
    ("KRW 7.6 trillion", [("KRW 7.6 trillion", 7.6 * T, 7.6 * T, "KRW")]),
    ("KRW4.177 trillion", [("KRW4.177 trillion", 4.177 * T, 4.177 * T, "KRW")]),
    ("worth W930b in all", [("W930b", 930 * B, 930 * B, "KRW")]),
    ("a W3.2tr contract", [("W3.2tr", 3.2 * T, 3.2 * T, "KRW")]),
    ("1.3 trillion won", [("1.3 trillion won", 1.3 * T, 1.3 * T, "KRW")]),
    ("one-point-three trillion won", [("one-point-three trillion won", 1.3 * T, 1.3 * T, "KRW")]),
    # digits on either side of a spelled point, as broadcasters write
    ("signed the two-point-75 billion dollar order", [("two-point-75 billion dollar", 2.75 * B, 2.75 * B, "USD")]),
    ("orders worth 14-point-two billion dollars", [("14-point-two billion dollars", 14.2 * B, 14.2 * B, "USD")]),
    ("priced at 500,000 won each", [("500,000 won", 500_000, 500_000, "KRW")]),
]
OTHER_CURRENCIES = [
    ("€2.5 billion", [("€2.5 billion", 2.5 * B, 2.5 * B, "EUR")]),
    ("1.2 billion euros", [("1.2 billion euros", 1.2 * B, 1.2 * B, "EUR")]),
    ("£1.1bn", [("£1.1bn", 1.1 * B, 1.1 * B, "GBP")]),
    ("8.5 billion zloty", [("8.5 billion zloty", 8.5 * B, 8.5 * B, "PLN")]),
    ("PLN 8.5 billion", [("PLN 8.5 billion", 8.5 * B, 8.5 * B, "PLN")]),
    ("Rs 26,000 crore", [("Rs 26,000 crore", 2.6e11, 2.6e11, "INR")]),
    ("NOK 19.7 billion", [("NOK 19.7 billion", 19.7 * B, 19.7 * B, "NOK")]),
    # a currency's name before the number: with its code in brackets, or with a scale
    ("Norwegian kroner (NOK) 4.1 billion", [("Norwegian kroner (NOK) 4.1 billion", 4.1 * B, 4.1 * B, "NOK")]),
    ("a deal worth Euro 7 billion", [("Euro 7 billion", 7 * B, 7 * B, "EUR")]),
    ("SEK 8 billion", [("SEK 8 billion", 8 * B, 8 * B, "SEK")]),
    ("US$ 1.2 billion", [("US$ 1.2 billion", 1.2 * B, 1.2 * B, "USD")]),
    # crowns named by their country
    ("worth 2.4 billion Czech crowns", [("2.4 billion Czech crowns", 2.4 * B, 2.4 * B, "CZK")]),
    ("a 9.5 billion Swedish crowns order", [("9.5 billion Swedish crowns", 9.5 * B, 9.5 * B, "SEK")]),
    ("1.7 billion Norwegian crowns", [("1.7 billion Norwegian crowns", 1.7 * B, 1.7 * B, "NOK")]),
    ("A$1 billion", [("A$1 billion", 1 * B, 1 * B, "AUD")]),
    ("Cdn$2.5 billion", [("Cdn$2.5 billion", 2.5 * B, 2.5 * B, "CAD")]),
    ("a TL 5 billion order", [("TL 5 billion", 5 * B, 5 * B, "TRY")]),
    # a dollar sign with the dollar's country named after the amount
    ("$3 billion Canadian dollars", [("$3 billion Canadian dollars", 3 * B, 3 * B, "CAD")]),
    ("A$1 billion Australian dollars", [("A$1 billion Australian dollars", 1 * B, 1 * B, "AUD")]),
    ("the $5 billion won praise", [("$5 billion", 5 * B, 5 * B, "USD")]),
    # scales attached as Malaysian and Indian papers write them
    ("a RM300mil upgrade", [("RM300mil", 300 * M, 300 * M, "MYR")]),
    ("the RM1.2bil patrol ships", [("RM1.2bil", 1.2 * B, 1.2 * B, "MYR")]),
    ("a W1.2tril budget", [("W1.2tril", 1.2 * T, 1.2 * T, "KRW")]),
    ("a Rs 500 cr order", [("Rs 500 cr", 5 * B, 5 * B, "INR")]),
    # two scales multiplied
    ("a Rs 1.5 lakh crore budget", [("Rs 1.5 lakh crore", 1.5 * T, 1.5 * T, "INR")]),
    ("orders of 2 lakh crore rupees", [("2 lakh crore rupees", 2 * T, 2 * T, "INR")]),
    ("Rs 50 thousand crore", [("Rs 50 thousand crore", 500 * B, 500 * B, "INR")]),
]
RANGES = [
    ("between 14 billion and 20 billion won", [("between 14 billion and 20 billion won", 14 * B, 20 * B, "KRW")]),
    ("$9.73 million to $13.9 million", [("$9.73 million to $13.9 million", 9.73 * M, 13.9 * M, "USD")]),
    ("$1bn-$2bn", [("$1bn-$2bn", 1 * B, 2 * B, "USD")]),
    ("$1-2 billion", [("$1-2 billion", 1 * B, 2 * B, "USD")]),
    ("between $3 billion and $4 billion", [("between $3 billion and $4 billion", 3 * B, 4 * B, "USD")]),
    # a change over time is two amounts, not a range
    ("from $3 billion in 2020 to $7.25 billion in 2021", [("$3 billion", 3 * B, 3 * B, "USD"), ("$7.25 billion", 7.25 * B, 7.25 * B, "USD")]),
]
# amounts spelled in words, fractions of a scale unit included
SPELLED = [
    ("aid of two and a half billion dollars", [("two and a half billion dollars", 2.5 * B, 2.5 * B, "USD")]),
    ("a one-and-a-half billion dollar plan", [("one-and-a-half billion dollar", 1.5 * B, 1.5 * B, "USD")]),
    ("a quarter of a billion dollars", [("a quarter of a billion dollars", 0.25 * B, 0.25 * B, "USD")]),
    ("three quarters of a billion pounds", [("three quarters of a billion pounds", 0.75 * B, 0.75 * B, "GBP")]),
    ("nearly half a billion euros", [("half a billion euros", 0.5 * B, 0.5 * B, "EUR")]),
]
# an amount used as an adjective, hyphenated before the noun it prices
ADJECTIVES = [
    ("signed a 2-billion-euro order", [("2-billion-euro", 2 * B, 2 * B, "EUR")]),
    ("a 450 billion-won contract", [("450 billion-won", 450 * B, 450 * B, "KRW")]),
    ("a $1.5-billion deal", [("$1.5-billion", 1.5 * B, 1.5 * B, "USD")]),
    ("the 5-million-pound refit", [("5-million-pound", 5 * M, 5 * M, "GBP")]),
]
GLOSSES = [
    ("1.3 trillion won ($1 billion)", [("1.3 trillion won", 1.3 * T, 1.3 * T, "KRW"), ("$1 billion", 1 * B, 1 * B, "USD")]),
    ("$5.76 billion (KRW 7.6 trillion)", [("$5.76 billion", 5.76 * B, 5.76 * B, "USD"), ("KRW 7.6 trillion", 7.6 * T, 7.6 * T, "KRW")]),
    ("$5.6bn/£4.4bn", [("$5.6bn", 5.6 * B, 5.6 * B, "USD"), ("£4.4bn", 4.4 * B, 4.4 * B, "GBP")]),
]
NOT_MONEY = [
    ("2,972 units and 5,631 units", []),
    ("Won Jong-dae met Oliver Harry in 2024", []),
    ("In 2023 Hanwha won 5 bids", []),
    ("Hanwha won the contract", []),
    ("prices in euros 2022 and 2023", []),
    ("a barrel 5 m long", []),
    # a number glued to a word by a hyphen is part of it
    ("the KF-21 billion-won budget line", []),
    ("soared to seven-25 billion dollars", []),
    ("€1bn-2bn", [("€1bn-2bn", 1 * B, 2 * B, "EUR")]),
    # an exchange rate, as news agencies append it, prices nothing
    ("The deal was worth $2 billion. ($1 = 10.57 Swedish crowns)", [("$2 billion", 2 * B, 2 * B, "USD")]),
    ("$1 = 0.92 euros", []),
    ("Hanwha won 1.3 trillion won in orders", [("1.3 trillion won", 1.3 * T, 1.3 * T, "KRW")]),
    ("spending rose 4.4% to 5 percent of GDP", []),
    ("the K9 and the F-35", []),
]


def _rows(found):
    return [(m.text, float(m.low), float(m.high), m.currency) for m in found]


@pytest.fixture(scope="module")
def grammar(rules):
    return MoneyGrammar(rules)


@pytest.mark.parametrize("text,expected", DOLLARS + WON + OTHER_CURRENCIES + SPELLED + ADJECTIVES + RANGES + GLOSSES + NOT_MONEY)
def test_money_table(grammar, text, expected):
    found = _rows(extract_money(text, grammar=grammar, fx_year=2024))
    assert [(t, cur) for t, _, _, cur in found] == [(t, cur) for t, _, _, cur in expected]
    for (_, lo, hi, _), (_, elo, ehi, _) in zip(found, expected):
        assert lo == pytest.approx(elo) and hi == pytest.approx(ehi)


def test_money_amounts_are_decimals(grammar):
    m = extract_money("KRW4.177 trillion", grammar=grammar, fx_year=2024)[0]
    assert isinstance(m.low, Decimal) and m.low == Decimal("4177000000000")


def test_money_offsets_index_the_text(grammar):
    text = "Seoul said the deal, worth W3.2tr, was signed."
    m = extract_money(text, grammar=grammar, fx_year=2024)[0]
    assert text[m.start:m.end] == m.text == "W3.2tr"


@pytest.mark.parametrize("text", [
    "Each unit is priced at between 14 billion and 20 billion won ($9.73 million to $13.9 million).",
    "The jets cost about $80 million apiece.",
    "a unit price of 5.5 billion won",
    "at $4 million per unit",
])
def test_money_per_unit(grammar, text):
    found = extract_money(text, grammar=grammar, fx_year=2024)
    assert found and all(m.per_unit for m in found)


def test_money_total_is_not_per_unit(grammar):
    assert not extract_money("Poland paid $6.5 billion for 180 tanks.", grammar=grammar, fx_year=2024)[0].per_unit


def test_money_dollar_gloss_gives_value_usd(grammar):
    won, usd = extract_money("14 billion won ($9.73 million)", grammar=grammar, fx_year=2024)
    assert won.usd_source == "text" and float(won.usd_low) == pytest.approx(9.73e6)
    assert usd.usd_source == "text"


@pytest.mark.parametrize("text", [
    "1.2 trillion won, about $918 million, was paid",
    "1.2 trillion won (equivalent to $918 million)",
    "1.2 trillion won - roughly $918 million - was paid",
    "1.2 trillion won or about $918 million",
    "KRW 1.2 trillion (approx. USD 918 million)",
    "KRW 1.2 trillion/USD 918 million",
])
def test_money_restatement_gives_value_usd(grammar, text):
    won = extract_money(text, grammar=grammar, fx_year=2024)[0]
    assert won.usd_source == "text" and float(won.usd_low) == pytest.approx(9.18e8)


def test_money_list_of_amounts_is_no_restatement(grammar):
    won = extract_money("2 trillion won, $1.5 billion and 3 billion euros", grammar=grammar, fx_year=2024)[0]
    assert won.usd_source == "fx"


def test_money_fx_table_converts_by_year(grammar, rules):
    a = extract_money("1,364 billion won", grammar=grammar, fx_year=2024)[0]
    b = extract_money("1,364 billion won", grammar=grammar, fx_year=2022)[0]
    assert a.usd_source == b.usd_source == "fx"
    assert float(a.usd_low) == pytest.approx(1e9, rel=1e-3)  # 1,364 won to the dollar in 2024
    assert b.usd_low > a.usd_low  # the won was dearer in 2022


def test_money_year_past_the_table_uses_last_year(grammar):
    far = extract_money("€1 billion", grammar=grammar, fx_year=2040)[0]
    last = extract_money("€1 billion", grammar=grammar, fx_year=2025)[0]
    assert far.usd_low == last.usd_low


@pytest.mark.parametrize("text,expected", [
    ("PH buys 12 jets in $700-M deal", [("$700-M", 7e8, 7e8, "USD")]),
    ("estimates range from $1.4 billion to $2 billion", [("$1.4 billion to $2 billion", 1.4e9, 2e9, "USD")]),
])
def test_money_headline_and_range_forms(grammar, text, expected):
    found = _rows(extract_money(text, grammar=grammar, fx_year=2024))
    assert [(t, cur) for t, _, _, cur in found] == [(t, cur) for t, _, _, cur in expected]
    assert [(lo, hi) for _, lo, hi, _ in found] == [(lo, hi) for _, lo, hi, _ in expected]
