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
