"""Which deals real pages tell and who supplies whom (tests/field), each construction on a sentence of our own."""

from __future__ import annotations


def _parties(r) -> list[tuple]:
    return sorted((d.supplier, d.buyer, d.systems) for d in r.deals)


def test_buyers_listed_together_each_buy_the_system(analyse):
    r = analyse("Sweden, Finland, Austria and Spain have placed orders for the newest version of the Leopard 2A8.",
                published="2025-03-06")
    assert _parties(r) == [("DEU", b, ("Leopard 2A8",)) for b in ("AUT", "ESP", "FIN", "SWE")]


def test_buyers_in_a_list_of_sales_keep_their_own_systems(analyse):
    r = analyse("Korea sold K9 howitzers to Poland, FA-50 jets to Malaysia and K2 tanks to Peru last year.",
                published="2025-03-06")
    assert _parties(r) == [("KOR", "MYS", ("FA-50",)), ("KOR", "PER", ("K2 Black Panther",)),
                           ("KOR", "POL", ("K9 Thunder",))]
