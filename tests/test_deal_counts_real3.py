"""Deal counts and values told apart from the system (tests/field, session 6), on sentences of our own."""

from __future__ import annotations

from decimal import Decimal


def _terms(r) -> list[tuple]:
    """(buyer, systems, count, value, currency) of each deal, sorted."""
    return sorted((d.buyer, d.systems, d.quantity.low if d.quantity else None,
                   d.value.low if d.value else None, d.value.currency if d.value else None) for d in r.deals)


def test_a_price_told_before_the_goods_is_the_deals(analyse):
    # the deal and its price in one sentence, what it buys in the next that goes on about it
    r = analyse("Norway signed a $500 million deal with Hanwha on Monday. The contract covers 24 K9 howitzers.",
                published="2025-03-06")
    assert _terms(r) == [("NOR", ("K9 Thunder",), 24, Decimal("500000000"), "USD")]
    r = analyse("Estonia agreed a contract worth $290 million with South Korea. It includes 12 K9 howitzers.",
                published="2025-03-06")
    assert _terms(r) == [("EST", ("K9 Thunder",), 12, Decimal("290000000"), "USD")]


def test_a_price_of_a_scene_is_not_that_of_a_next_sentences_own_deal(analyse):
    # the package's sum is not the price of what the next sentence tells without pointing back to it
    r = analyse("The United States is preparing a military aid package worth $9 billion for Jordan. Jordan has "
                "requested 40 Stinger missiles.", published="2025-03-06")
    assert all(d.value is None or d.value.low != Decimal("9000000000") for d in r.deals if d.systems == ("Stinger",))


def test_the_first_contract_is_an_order_not_a_batch(analyse):
    # "the first contract" is one contract of several, not a part of one: its count stays the order's
    # when the deliveries of it are told
    r = analyse("Poland signed the first contract with Hyundai Rotem for the delivery of 180 K2 tanks in August 2022. "
                "So far Hyundai Rotem has shipped 133 tanks and the remaining 47 will follow this year.",
                published="2025-03-06")
    assert [d.quantity.low for d in r.deals] == [180]
    r = analyse("Poland received the first batch of 10 K2 tanks on Tuesday.", published="2025-03-06")
    assert [d.quantity.low for d in r.deals] == [10]


def test_a_sentence_of_the_deals_total_value_gives_its_price(analyse):
    r = analyse("Hanwha signed a contract with Norway for 24 K9 howitzers. The total value of the order is $500 million.",
                published="2025-03-06")
    assert _terms(r) == [("NOR", ("K9 Thunder",), 24, Decimal("500000000"), "USD")]
    r = analyse("Egypt ordered 30 Rafale jets from France. The estimated cost of the deal was put at $4 billion.",
                published="2025-03-06")
    assert _terms(r) == [("EGY", ("Rafale",), 30, Decimal("4000000000"), "USD")]


def test_a_gift_told_again_by_its_noun_gives_its_value(analyse):
    r = analyse("Kenya received eight UH-1H Huey II helicopters from the United States on Friday. The donation was "
                "valued at $106 million.", published="2025-03-06")
    assert _terms(r) == [("KEN", ("UH-1H Huey II",), 8, Decimal("106000000"), "USD")]


def test_a_count_written_with_a_times_sign(analyse):
    # lists of equipment write "24 x M-346": the number before the sign counts the system after it
    r = analyse("Nigeria is set to take delivery of 24 x M-346 trainer jets from Italy.", published="2025-03-06")
    assert _terms(r) == [("NGA", ("M-346",), 24, None, None)]
    r = analyse("Canada ordered 16 × P-8A Poseidon aircraft from the United States.", published="2025-03-06")
    assert _terms(r) == [("CAN", ("P-8 Poseidon",), 16, None, None)]


def test_a_deal_noun_that_amounts_to_a_sum_gives_the_deals_price(analyse):
    # "amounts to", "totals" tell national totals ("exports amounted to ..."), but with the deal as subject its price
    for follow in ("The contract amounts to $3 billion.", "The order totals $3 billion.", "The price tag is $3 billion."):
        r = analyse("Poland signed a contract with KAI for 48 FA-50 jets on Friday. " + follow, published="2025-03-06")
        assert _terms(r) == [("POL", ("FA-50",), 48, Decimal("3000000000"), "USD")], follow
    r = analyse("Poland signed a contract with KAI for 48 FA-50 jets on Friday. South Korean arms exports amounted to "
                "$17 billion last year.", published="2025-03-06")
    assert _terms(r) == [("POL", ("FA-50",), 48, None, None)]


def test_a_delivery_part_of_an_order_told_by_a_bare_count(analyse):
    # "part of an order for 24": the system's word left out after the order's count; the deal is the order
    r = analyse("Norway received four K9 howitzers from Hanwha on Monday, part of an order for 24.", published="2025-03-06")
    assert [(d.status, d.quantity.low) for d in r.deals] == [("delivered", 24)]
    r = analyse("Egypt received three more Rafale jets from France on Monday under a 2021 deal for 30.",
                published="2025-03-06")
    assert [(d.status, d.quantity.low) for d in r.deals] == [("delivered", 30)]


def test_the_sum_of_the_deal_exceeding_an_amount_is_its_price(analyse):
    # "total sum" and "exceeds" tell totals; of the deal, its possessor or its "of", they tell its price
    for follow in ("The total sum of the contract exceeds $200 million.", "The contract's total value tops $200 million."):
        r = analyse("Ukraine signed a contract with Thailand for 49 Oplot tanks on Friday. " + follow, published="2025-03-06")
        assert _terms(r) == [("THA", ("T-84 Oplot",), 49, Decimal("200000000"), "USD")], follow
    r = analyse("Poland signed a contract with KAI for 48 FA-50 jets on Friday. Korean arms exports, including the FA-50 "
                "contract, totalled $17 billion last year.", published="2025-03-06")
    assert _terms(r) == [("POL", ("FA-50",), 48, None, None)]


def test_a_quoted_sentence_goes_on_about_the_deal_as_an_unquoted_one(analyse):
    r = analyse('Ukraine signed a contract with Thailand for 49 Oplot tanks on Friday. "The contract\'s total value exceeds '
                '$200 million," the company said.', published="2025-03-06")
    assert _terms(r) == [("THA", ("T-84 Oplot",), 49, Decimal("200000000"), "USD")]
    # a quote opening the sentence does not hide that it goes on about the order ("These ...": its goods, signed)
    r = analyse("Romania ordered K9 howitzers from Hanwha on Monday. “These 54 howitzers will arrive by 2027,” the "
                "ministry said.", published="2025-03-06")
    assert [(d.status, d.quantity.low) for d in r.deals] == [("signed", 54)]


def test_the_deals_goods_counted_again_with_the(analyse):
    # "The 26 jets will ...": the kind of the deal's system, with its count, goes on about the deal
    r = analyse("India has agreed to buy Rafale Marine jets from France. The 26 jets will operate from its carrier.",
                published="2025-03-06")
    assert _terms(r) == [("IND", ("Rafale Marine",), 26, None, None)]
    r = analyse("Romania signed a contract with Hanwha for K9 howitzers on Monday. The 54 howitzers will be built in Korea.",
                published="2025-03-06")
    assert _terms(r) == [("ROU", ("K9 Thunder",), 54, None, None)]
