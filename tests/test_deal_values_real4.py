"""Deal values as the seventh batch of real pages gives them (tests/field, session 6), on sentences of our own."""

from __future__ import annotations

from decimal import Decimal


def _terms(r) -> list[tuple]:
    """(buyer, systems, count, value, currency) of each deal, sorted."""
    return sorted((d.buyer, d.systems, d.quantity.low if d.quantity else None,
                   d.value.low if d.value else None, d.value.currency if d.value else None) for d in r.deals)


def test_a_priced_deal_noun_prices_the_one_system_not_priced_by_its_own_amount(analyse):
    # the whole sum, then "a $X deal for A and B worth $Y": the deal noun's amount is A's, B has its own
    r = analyse("Egypt and South Korea signed a $1.5 billion arms deal on Monday, a $1.2 billion deal for 100 K9 "
                "howitzers from Hanwha and 50 K10 vehicles worth about $300 million.", published="2025-03-06")
    assert _terms(r) == [("EGY", ("K10",), 50, Decimal("300000000"), "USD"),
                         ("EGY", ("K9 Thunder",), 100, Decimal("1200000000"), "USD")]
    r = analyse("Poland signed a $900 million contract for 40 K2 tanks and 20 K9 howitzers priced at $250 million.",
                published="2025-03-06")
    assert _terms(r) == [("POL", ("K2 Black Panther",), 40, Decimal("900000000"), "USD"),
                         ("POL", ("K9 Thunder",), 20, Decimal("250000000"), "USD")]


def test_a_priced_deal_noun_over_two_unpriced_systems_is_the_packages(analyse):
    r = analyse("Poland signed a $900 million contract for 40 K2 tanks and 20 K9 howitzers.", published="2025-03-06")
    assert _terms(r) == [("POL", ("K2 Black Panther",), 40, Decimal("900000000"), "USD"),
                         ("POL", ("K9 Thunder",), 20, Decimal("900000000"), "USD")]


def test_the_priced_deal_that_includes_items_is_the_deal_before(analyse):
    # "The <price> deal includes ...": the deal told before, priced; its generic goods are no deal of their own
    r = analyse("Denmark has picked Hanwha Aerospace's Chunmoo multiple rocket launcher over European rivals, the "
                "defence ministry said on Monday. The 12 billion Danish kroner (roughly $1.7 billion) deal includes "
                "12 launch systems and a larger number of missiles.", published="2025-03-06")
    assert _terms(r) == [("DNK", ("Chunmoo",), None, Decimal("12000000000"), "DKK")]
    r = analyse("Chile has chosen the K9 Thunder howitzer from Hanwha, its army said on Friday. The $400 million "
                "contract covers 30 guns, spare parts and an unspecified number of rounds.", published="2025-03-06")
    assert [(b, s, v) for b, s, _, v, _ in _terms(r)] == [("CHL", ("K9 Thunder",), Decimal("400000000"))]


def test_the_goods_of_the_deal_before_priced_as_the_subject(analyse):
    # the next sentence prices the goods under a generic noun of their own: the deal before's value
    r = analyse("The US State Department has approved the possible sale of 400 Patriot missiles to Poland. The air "
                "defence weapons have an estimated value of three billion dollars, the Pentagon said on Thursday.",
                published="2025-03-06")
    assert _terms(r) == [("POL", ("Patriot",), 400, Decimal("3000000000"), "USD")]
    r = analyse("The US State Department has approved the possible sale of 12 AH-64E Apache helicopters to Egypt. The "
                "attack helicopters and their support are valued at $1.3 billion, the agency said.",
                published="2025-03-06")
    assert _terms(r) == [("EGY", ("AH-64E Apache",), 12, Decimal("1300000000"), "USD")]


def test_an_american_sale_in_dollars_glossed_in_the_buyers_money(analyse):
    # the seller's dollars first, the buyer's euros a reader's gloss in brackets: the value is in dollars
    r = analyse("The US State Department has approved the possible sale of 8 F-16 jets to Greece for $2 billion "
                "(1.8 billion euros).", published="2025-03-06")
    assert [(b, v, c) for b, _, _, v, c in _terms(r)] == [("GRC", Decimal("2000000000"), "USD")]
    # the buyer's own money told first, dollars the gloss: its own currency stays the value
    r = analyse("Poland signed a 4.75 billion zloty ($1.2 billion) contract for 96 AH-64E Apache helicopters from "
                "the United States.", published="2025-03-06")
    assert [(b, v, c) for b, _, _, v, c in _terms(r)] == [("POL", Decimal("4750000000"), "PLN")]


def test_the_budget_for_the_deals_goods_is_its_price(analyse):
    # a budget for the counted goods of the deal before is that deal's price, not a yearly total
    for goods in ("40 K2 tanks", "40 tanks"):
        r = analyse("Peru signed a contract with Hyundai Rotem for K2 tanks on Monday. The "
                    f"budget for the {goods} was set at $300 million.", published="2025-03-06")
        assert [(b, q, v) for b, _, q, v, _ in _terms(r)] == [("PER", 40, Decimal("300000000"))]
    # a service's budget stays no deal's price
    r = analyse("Peru signed a contract with Hyundai Rotem for K2 tanks on Monday. The "
                "budget for the army was set at $3 billion.", published="2025-03-06")
    assert [(b, v) for b, _, _, v, _ in _terms(r)] == [("PER", None)]
