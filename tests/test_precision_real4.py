"""Deal precision on constructions real articles use: sentences that name a system without telling a
transfer between two countries (issue 14), on sentences of our own."""

from __future__ import annotations

import pytest


def _deals(r) -> list[tuple[str | None, str, tuple[str, ...]]]:
    return sorted((d.supplier, d.buyer, d.systems) for d in r.deals)


def _mentions(r) -> list[str]:
    """The sentences deal mentions come from."""
    return [m.sentence.text for d in r.deals for m in d.mentions]


@pytest.mark.parametrize("text", [
    "Poland will receive 24 Rafale jets from France.\n\nThe news comes weeks after an order by France last month for "
    "42 Rafale jets worth 5 billion euros.",
    "Poland will receive 24 Rafale jets from France.\n\nParis meanwhile confirmed the purchase by France of 30 more "
    "Rafale jets.",
    "Egypt will receive 20 K9 howitzers from South Korea.\n\nThe K9 now being delivered to South Korea's army has a new "
    "fire-control system.",
    "Egypt will receive 20 K9 howitzers from South Korea.\n\nSeoul also handed over 30 K9 howitzers to the South Korean "
    "army this year.",
])
def test_a_country_buying_from_its_own_industry_borrows_no_buyer(analyse, text):
    """"An order by France for Rafales", "delivered to South Korea's army": a domestic order, not the export
    the paragraph before told; its count and system add no deal of that buyer."""
    r = analyse(text, published="2025-03-06")
    assert len(r.deals) == 1, _deals(r)
    assert all(m.startswith(("Poland will", "Egypt will")) for m in _mentions(r)), _mentions(r)


def test_a_buyer_that_does_not_make_the_system_still_reads_the_deal_before(analyse):
    """A buyer named that does not make the system is not a domestic order: the rule leaves it alone."""
    r = analyse("Ukraine will receive two Patriot batteries from Germany.\n\nGermany will then buy two new "
                "Patriot batteries from the United States.", published="2025-03-06")
    assert ("DEU", "UKR", ("Patriot",)) in _deals(r)
