"""Deal dates and duplicates in constructions real articles use (issue 13/14), on sentences of our own."""

from __future__ import annotations


def _told(r) -> list[tuple]:
    return sorted((d.buyer, d.systems, d.quantity and d.quantity.low, d.date.value, d.status) for d in r.deals)


def test_second_hand_goods_are_no_second_deal(analyse):
    # "second-hand" describes the jets; it does not mark another deal, so the talks are the same deal
    r = analyse("The Peruvian president will visit Seoul next week with a request to buy 10 second-hand FA-50 jets. "
                "South Korea is in talks with Peru over the sale of FA-50 jets.", published="2025-03-06")
    assert len(r.deals) == 1
    assert (r.deals[0].buyer, r.deals[0].quantity.low, len(r.deals[0].mentions)) == ("PER", 10, 2)
