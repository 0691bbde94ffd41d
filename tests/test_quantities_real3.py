"""Deal counts and values as real pages give them (tests/field, session 5), on sentences of our own."""

from __future__ import annotations

from decimal import Decimal


def _terms(r) -> list[tuple]:
    """(buyer, supplier, systems, count, value, currency) of each deal, sorted."""
    return sorted((d.buyer, d.supplier, d.systems, d.quantity.low if d.quantity else None,
                   d.value.low if d.value else None, d.value.currency if d.value else None) for d in r.deals)


def test_a_name_found_by_its_kind_is_found_again_without_it(analyse):
    # "Stryker armored vehicles" makes Stryker a system; "183 Stryker family vehicles" counts it
    r = analyse("The U.S. has approved a possible sale of Stryker armored vehicles to Bulgaria for $1.5 billion. "
                "The sale includes 183 Stryker family vehicles.", published="2025-03-06")
    assert [(t[0], t[2], t[3]) for t in _terms(r)] == [("BGR", ("Stryker",), 183)]
    r = analyse("Washington cleared a sale of Kestrel patrol drones to Latvia. The package covers 24 Kestrel units "
                "and spare parts.", published="2025-03-06")
    assert [(t[0], t[2], t[3]) for t in _terms(r)] == [("LVA", ("Kestrel",), 24)]


def test_who_says_so_is_no_side_of_the_deal(analyse):
    # the agency that tells of the sale between two sentences about it buys nothing
    r = analyse("The U.S. has approved a possible sale of Stryker armored vehicles to Bulgaria for $1.5 billion.\n\n"
                "Congress was notified of the possible sale, said the Defense Security Cooperation Agency.\n\n"
                "The sale includes 183 Stryker family vehicles.", published="2025-03-06")
    assert [(t[0], t[2], t[3]) for t in _terms(r)] == [("BGR", ("Stryker",), 183)]
