"""Constructions met on real pages (tests/field), each on a sentence of our own."""

from __future__ import annotations


def _deals(r) -> list[tuple]:
    return [(d.supplier, d.buyer, d.systems, d.quantity.low if d.quantity else None) for d in r.deals]


def test_a_country_placing_a_companys_branch_is_no_party(analyse):
    r = analyse("Last month, the Canadian subsidiary of Hanwha Aerospace won a $1.2 billion deal to sell 40 K9 howitzers "
                "to Norway.", published="2025-03-06")
    assert _deals(r) == [("KOR", "NOR", ("K9 Thunder",), 40)]
