"""Deal counts and values as real pages give them (tests/field, session 4), on sentences of our own."""

from __future__ import annotations

from decimal import Decimal


def _terms(r) -> list[tuple]:
    """(buyer, systems, count, value, currency) of each deal, sorted."""
    return sorted((d.buyer, d.systems, d.quantity.low if d.quantity else None,
                   d.value.low if d.value else None, d.value.currency if d.value else None) for d in r.deals)


def test_a_gloss_in_the_readers_currency_is_not_the_value(analyse):
    # an Australian paper glosses the dollar price in its own money: neither Korea nor Norway pays in it
    r = analyse("Hanwha signed a US$1.1 billion (AU$1.6 billion) contract to supply 30 K9 howitzers to Norway.",
                published="2025-03-06")
    assert _terms(r) == [("NOR", ("K9 Thunder",), 30, Decimal("1100000000"), "USD")]
    # the supplier's own currency in brackets stays the value, the dollars its gloss
    r = analyse("Hanwha signed a $920 million (1.2 trillion won) contract to supply 30 K9 howitzers to Norway.",
                published="2025-03-06")
    assert _terms(r) == [("NOR", ("K9 Thunder",), 30, Decimal("1200000000000"), "KRW")]


def test_each_system_takes_the_price_told_after_it_and_a_comma(analyse):
    r = analyse("Poland signed a contract with Hanwha for tanks and howitzers on Monday. The deal covers 180 K2 tanks "
                "for delivery from 2025-2028, valued at $3.1 billion, and 200 K9 howitzers in 2026-2029, valued on "
                "USD 2.2 bln.", published="2025-03-06")
    assert _terms(r) == [("POL", ("K2 Black Panther",), 180, Decimal("3100000000"), "USD"),
                         ("POL", ("K9 Thunder",), 200, Decimal("2200000000"), "USD")]


def test_a_price_after_a_list_of_systems_is_the_whole_contracts(analyse):
    # "10 K9 and 20 K10, valued at ...": the amount is the contract's, shared by both, not the K10's own
    r = analyse("Egypt ordered 10 K9 howitzers and 20 K10 vehicles from Hanwha, valued at $400 million.",
                published="2025-03-06")
    assert _terms(r) == [("EGY", ("K10",), 20, Decimal("400000000"), "USD"),
                         ("EGY", ("K9 Thunder",), 10, Decimal("400000000"), "USD")]


def test_a_count_of_units_of_the_system(analyse):
    r = analyse("Peru ordered 30 units of armored vehicles from South Korea.", published="2025-03-06")
    assert _terms(r) == [("PER", ("armored vehicle",), 30, None, None)]
    r = analyse("Vietnam ordered four batteries of BrahMos missiles from India.", published="2025-03-06")
    assert _terms(r) == [("VNM", ("BrahMos",), 4, None, None)]


def test_each_priced_deal_noun_prices_the_system_below_it(analyse):
    r = analyse("In May, Hanwha signed a $500 million contract to build six patrol vessels for Chile, followed by a "
                "$70 million deal by Hyundai Rotem to supply 40 units of armored vehicles.", published="2025-03-06")
    assert _terms(r) == [("CHL", ("armored vehicle",), 40, Decimal("70000000"), "USD"),
                         ("CHL", ("patrol vessel",), 6, Decimal("500000000"), "USD")]


def test_a_price_on_the_agreement_just_told_is_its_value_not_an_older_deals(analyse):
    r = analyse("Egypt and South Korea on Monday signed a contract for 40 K9 howitzers.\n"
                "Valued at $900 million, the agreement comes at a time when the two sides are arguing over older "
                "deals such as the transfer of the K2 tanks.", published="2025-03-06")
    assert ("EGY", ("K9 Thunder",), 40, Decimal("900000000"), "USD") in _terms(r)
    assert all(t[3] is None for t in _terms(r) if t[1] != ("K9 Thunder",))


def test_a_count_the_body_gives_the_headlines_deal_stays_the_bodys(analyse):
    # the body's count and price go to the deal the headline set up; that deal is the body's telling, and is
    # not folded away under the breakdown told later ("60 in one configuration and 40 in another")
    r = analyse("Egypt Signs $1.2 Billion Deal With Hanwha for 100 K9 Howitzers\n\n"
                "Egypt has signed a new defense deal with South Korea's Hanwha. The deal, worth $1.2 billion, was "
                "signed on 3 March and covers the procurement of K9 howitzers. The contract covers 100 K9 howitzers "
                "and was signed in the presence of both defense ministers in Cairo. The agreement, first announced "
                "in January, will see the K9s delivered between 2026 and 2029. Egypt will receive 60 howitzers in "
                "the existing K9A1 configuration and 40 upgraded K9A2 variants.", published="2025-03-06")
    assert ("EGY", ("K9 Thunder",), 100, Decimal("1200000000"), "USD") in _terms(r)


def test_the_contracts_total_value_is_its_price_not_a_trade_total(analyse):
    r = analyse("Hanwha Ocean has been awarded a contract by the Thai navy for the construction of two frigates.\n"
                "The company said the contract has a total value of about 600 billion won ($450 million).",
                published="2025-03-06")
    assert _terms(r) == [("THA", ("frigate",), 2, Decimal("600000000000"), "KRW")]
    # "total exports" stays a total: no deal's price
    r = analyse("Hanwha Ocean has been awarded a contract by the Thai navy for the construction of two frigates.\n"
                "Total exports of the company reached $4 billion last year.", published="2025-03-06")
    assert _terms(r) == [("THA", ("frigate",), 2, None, None)]


def test_a_stock_ticker_neither_ends_the_sentence_nor_hides_the_count(analyse):
    r = analyse("The Polish government signed an agreement with the U.S. Army to purchase two more Lockheed Martin "
                "[LMT] F-35 fighter jets, the company said Thursday.", published="2025-03-06")
    assert _terms(r) == [("POL", ("F-35",), 2, None, None)]
    assert len([s for s in r.mentions.sentences if "F-35" in s.text]) == 1


def test_a_quoted_variant_name_keeps_its_count(analyse):
    r = analyse('Egypt ordered 40 upgraded "K9A2" howitzers from South Korea.', published="2025-03-06")
    assert [t[2] for t in _terms(r)] == [40]


def test_counts_that_add_up_to_the_order_are_its_parts_not_new_deals(analyse):
    r = analyse("Peru signed a contract with Hyundai Rotem for 120 K2 tanks on Friday. Peru will receive 90 tanks in "
                "the existing K2 configuration and 30 upgraded K2PL variants.", published="2025-03-06")
    assert [(t[1], t[2]) for t in _terms(r)] == [(("K2 Black Panther",), 120)]
    # counts that do not add up to it are a deal of their own
    r = analyse("Peru signed a contract with Hyundai Rotem for 120 K2 tanks on Friday. Peru will receive 90 tanks in "
                "the existing K2 configuration and 20 upgraded K2PL variants.", published="2025-03-06")
    assert len(r.deals) > 1


def test_a_batch_told_after_the_order_is_not_a_new_parts_count(analyse):
    r = analyse("Poland signed a contract with Hyundai Rotem for 180 K2 tanks on Friday. The first three K2PL tanks "
                "will be built abroad.", published="2025-03-06")
    assert all(t[2] != 3 for t in _terms(r))
