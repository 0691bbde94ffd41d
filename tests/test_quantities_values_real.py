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
